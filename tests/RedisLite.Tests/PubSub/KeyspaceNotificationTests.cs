using RedisLite.Tests.Infrastructure;

namespace RedisLite.Tests.PubSub;

/// <summary>Keyspace notifications in-process, on a fake clock: the notify-keyspace-events classes (K vs E, class
/// letters, A, n, m), expired events from lazy and active expiry, key misses, served blocking pops, and commands run
/// inside transactions and atomic delegates.</summary>
public sealed class KeyspaceNotificationTests
{
    private static TestStore Store(string classes) => new(o => o.NotifyKeyspaceEvents = classes);

    /// <summary>Everything published so far on the subscription, as <c>channel message</c>.</summary>
    private static List<string> Drain(Subscription subscription)
    {
        var messages = new List<string>();
        while (subscription.Reader.TryRead(out var message))
        {
            messages.Add($"{message.Channel} {message.Message}");
        }

        return messages;
    }

    private static Subscription Listen(IDataStore store) => store.PatternSubscribe("__key*__:*");

    [Fact]
    public void Evictions_publish_evicted_for_exactly_the_keys_that_went()
    {
        using var t = new TestStore(o =>
        {
            o.NotifyKeyspaceEvents = "Ee";
            o.MaxMemory = 50_000;
            o.MaxMemoryPolicy = MaxMemoryPolicy.AllKeysRandom;
        });
        using var s = t.Store.Subscribe("__keyevent@0__:evicted");
        for (var i = 0; i < 500; i++)
        {
            t.Store.StringSet($"ev:{i}", new string('x', 400));
        }

        var evicted = Drain(s).Select(static m => m["__keyevent@0__:evicted ".Length..]).ToList();
        Assert.NotEmpty(evicted);
        Assert.Equal(t.Store.EvictedKeys, evicted.Count);
        Assert.Equal(evicted.Count, evicted.Distinct().Count());
        Assert.All(evicted, key => Assert.False(t.Store.KeyExists(key), $"{key} was announced as evicted but is still there"));
        Assert.Equal(500 - evicted.Count, t.Store.DatabaseSize());
    }

    [Fact]
    public void Nothing_is_published_by_default()
    {
        using var t = new TestStore();
        using var s = Listen(t.Store);
        t.Store.StringSet("k", "v");
        t.Store.KeyDelete("k");
        t.Store.StringGet("k");
        Assert.Empty(Drain(s));
    }

    [Fact]
    public void K_publishes_on_the_keyspace_channel_and_E_on_the_keyevent_channel()
    {
        using (var t = Store("K$"))
        using (var s = Listen(t.Store))
        {
            t.Store.StringSet("k", "v");
            Assert.Equal(["__keyspace@0__:k set"], Drain(s));
        }

        using (var t = Store("E$"))
        using (var s = Listen(t.Store))
        {
            t.Db(2).StringSet("k", "v");
            Assert.Equal(["__keyevent@2__:set k"], Drain(s));
        }

        using (var t = Store("KE$"))
        using (var s = Listen(t.Store))
        {
            t.Store.StringSet("k", "v");
            Assert.Equal(["__keyspace@0__:k set", "__keyevent@0__:set k"], Drain(s));
        }
    }

    [Fact]
    public void Without_K_or_E_nothing_is_published_even_with_every_class()
    {
        using var t = Store("Ag$lshzxetmnd");
        using var s = Listen(t.Store);
        t.Store.StringSet("k", "v");
        t.Store.KeyDelete("k");
        Assert.Empty(Drain(s));
    }

    [Fact]
    public void Only_the_enabled_classes_are_published()
    {
        using var t = Store("El");
        using var s = Listen(t.Store);
        t.Store.StringSet("s", "v");
        t.Store.ListLeftPush("l", "a");
        t.Store.SetAdd("set", "a");
        t.Store.KeyDelete("s");
        t.Store.ListLeftPop("l");
        Assert.Equal(["__keyevent@0__:lpush l", "__keyevent@0__:lpop l"], Drain(s));
    }

    [Fact]
    public void A_covers_the_classes_but_not_new_keys_or_misses()
    {
        using var t = Store("EA");
        using var s = Listen(t.Store);
        t.Store.StringSet("k", "v");
        t.Store.StringGet("missing");
        Assert.Equal(["__keyevent@0__:set k"], Drain(s));
    }

    [Fact]
    public void N_announces_new_keys_before_the_command_event()
    {
        using var t = Store("En$h");
        using var s = Listen(t.Store);
        t.Store.StringSet("k", "v");
        t.Store.StringSet("k", "w");
        t.Store.HashSet("h", "f", "v");
        Assert.Equal(["__keyevent@0__:new k", "__keyevent@0__:set k", "__keyevent@0__:set k", "__keyevent@0__:new h", "__keyevent@0__:hset h"], Drain(s));
    }

    [Fact]
    public void M_announces_reads_of_missing_keys()
    {
        using var t = Store("Em");
        using var s = Listen(t.Store);
        t.Store.StringSet("present", "v");
        t.Store.StringGet("present");
        t.Store.StringGet("a");
        t.Store.KeyExists("b");
        t.Store.KeyType("c");
        t.Store.KeyTimeToLive("d");
        t.Store.HashGet("e", "f");
        t.Store.ListRange("f");
        t.Store.SetCombine(SetOperation.Union, ["g", "h"]);
        t.Store.StringGet(["present", "i"]);
        t.Store.KeyExists(["j", "present"]);
        Assert.Equal(
            [
                "__keyevent@0__:keymiss a", "__keyevent@0__:keymiss b", "__keyevent@0__:keymiss c", "__keyevent@0__:keymiss d",
                "__keyevent@0__:keymiss e", "__keyevent@0__:keymiss f", "__keyevent@0__:keymiss g", "__keyevent@0__:keymiss h",
                "__keyevent@0__:keymiss i", "__keyevent@0__:keymiss j",
            ],
            Drain(s));
    }

    [Fact]
    public void Store_commands_announce_missing_sources_as_Redis_7_does()
    {
        using var t = Store("Egszm");
        using var s = Listen(t.Store);
        t.Store.SetAdd("x", "1");
        t.Store.SortedSetAdd("zx", "a", 1);
        Drain(s);
        t.Store.SetCombineAndStore(SetOperation.Union, "d", ["x", "nope"]);
        t.Store.SetCombineAndStore(SetOperation.Difference, "d", ["nope", "x"]);
        t.Store.SortedSetCombineAndStore(SetOperation.Union, "d", ["zx", "nope"]);
        t.Store.SortedSetCombineAndStore(SetOperation.Intersect, "d", ["nope", "zx"]);
        t.Store.SortedSetRangeAndStore("nope", "d", 0, -1);
        t.Store.SetMove("nope", "x", "1");
        t.Store.ListMove("nope", "l", ListSide.Left, ListSide.Left);
        t.Store.SortedSetCombine(SetOperation.Intersect, ["zx", "nope"]);

        // Captured from redis-server 7.0.15 with notify-keyspace-events KEAm (SMOVE and LMOVE look up for writing).
        Assert.Equal(
            [
                "keymiss nope", "sunionstore d", "keymiss nope", "del d", "keymiss nope", "zunionstore d", "keymiss nope", "del d",
                "keymiss nope", "keymiss nope",
            ],
            Drain(s).Select(e => e["__keyevent@0__:".Length..]));
    }

    [Fact]
    public void Lazy_expiry_announces_expired_then_the_miss()
    {
        using var t = Store("KExm");
        using var s = Listen(t.Store);
        t.Store.StringSet("k", "v", TimeSpan.FromSeconds(10));
        t.Store.ListLeftPush("l", "a");
        t.Store.KeyExpire("l", TimeSpan.FromSeconds(10));
        Assert.Empty(Drain(s));
        t.Advance(10_001);
        Assert.True(t.Store.StringGet("k").IsNull);
        Assert.Equal(["__keyspace@0__:k expired", "__keyevent@0__:expired k", "__keyspace@0__:k keymiss", "__keyevent@0__:keymiss k"], Drain(s));
        Assert.Empty(t.Store.ListRange("l"));
        Assert.Equal(["__keyspace@0__:l expired", "__keyevent@0__:expired l", "__keyspace@0__:l keymiss", "__keyevent@0__:keymiss l"], Drain(s));
    }

    [Fact]
    public void Writes_on_an_expired_key_announce_expired_first()
    {
        using var t = Store("Ex$n");
        using var s = Listen(t.Store);
        t.Store.StringSet("k", "v", TimeSpan.FromSeconds(1));
        Drain(s);
        t.Advance(1_001);
        t.Store.StringSet("k", "w");
        Assert.Equal(["__keyevent@0__:expired k", "__keyevent@0__:new k", "__keyevent@0__:set k"], Drain(s));
    }

    [Fact]
    public void Active_expiry_announces_expired_keys_in_every_database()
    {
        using var t = Store("Ex");
        using var s = Listen(t.Store);
        t.Store.StringSet("a", "v", TimeSpan.FromSeconds(1));
        t.Db(3).SetAdd("b", "m");
        t.Db(3).KeyExpire("b", TimeSpan.FromSeconds(1));
        t.Advance(1_001);
        Assert.Equal(2, t.Store.RunActiveExpiryCycle());
        Assert.Equal(["__keyevent@0__:expired a", "__keyevent@3__:expired b"], Drain(s).Order());
        Assert.Equal(2, t.Store.ExpiredKeys);
    }

    [Fact]
    public void A_blocked_pop_served_by_a_push_is_announced_after_the_push()
    {
        using var t = Store("Egln");
        using var s = Listen(t.Store);
        var pop = t.Store.ListLeftPopBlockingAsync(["q"], TimeSpan.FromMinutes(1));
        Assert.False(pop.IsCompleted);
        t.Store.ListRightPush("q", "job");
        Assert.True(pop.IsCompletedSuccessfully);
        Assert.Equal(["__keyevent@0__:new q", "__keyevent@0__:rpush q", "__keyevent@0__:lpop q", "__keyevent@0__:del q"], Drain(s));
    }

    [Fact]
    public void A_blocked_sorted_set_pop_and_move_are_announced()
    {
        using var t = Store("Eglzn");
        using var s = Listen(t.Store);
        var zpop = t.Store.SortedSetPopBlockingAsync(["z"], Order.Descending, TimeSpan.FromMinutes(1));
        var move = t.Store.ListMoveBlockingAsync("src", "dst", ListSide.Left, ListSide.Right, TimeSpan.FromMinutes(1));
        t.Store.SortedSetAdd("z", "m", 1);
        t.Store.ListLeftPush("src", "x");
        Assert.True(zpop.IsCompletedSuccessfully);
        Assert.True(move.IsCompletedSuccessfully);
        Assert.Equal(
            [
                "__keyevent@0__:new z", "__keyevent@0__:zadd z", "__keyevent@0__:zpopmax z", "__keyevent@0__:del z",
                "__keyevent@0__:new src", "__keyevent@0__:lpush src", "__keyevent@0__:new dst", "__keyevent@0__:rpush dst",
                "__keyevent@0__:lpop src", "__keyevent@0__:del src",
            ],
            Drain(s));
    }

    [Fact]
    public void Commands_in_transactions_and_atomic_delegates_publish_without_deadlock()
    {
        using var t = Store("KEA");
        using var s = Listen(t.Store);
        using (var tx = t.Store.CreateTransaction())
        {
            tx.Add(d => d.StringSet("a", "1"));
            tx.Add(d => d.ListLeftPush("l", "x"));
            Assert.True(tx.Execute());
        }

        t.Store.RunAtomic(d => d.KeyDelete("a"));
        Assert.Equal(
            ["__keyspace@0__:a set", "__keyevent@0__:set a", "__keyspace@0__:l lpush", "__keyevent@0__:lpush l", "__keyspace@0__:a del", "__keyevent@0__:del a"],
            Drain(s));
    }

    [Fact]
    public async Task A_handler_may_use_the_store_while_notifications_flow()
    {
        using var t = Store("E$");
        var seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);

        // The handler runs on the subscription's pump, so writing from it cannot deadlock the publisher's shard.
        using var s = t.Store.Subscribe("__keyevent@0__:set", m =>
        {
            if ((string?)m.Message == "trigger")
            {
                t.Store.StringSet("echo", "done");
            }
            else if ((string?)m.Message == "echo")
            {
                seen.TrySetResult((string)t.Store.StringGet("echo")!);
            }
        });
        t.Store.StringSet("trigger", "go");
        Assert.Equal("done", await seen.Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void Each_valid_class_letter_parses_and_others_are_rejected()
    {
        foreach (var c in "Ag$lshzxeKEtmdn")
        {
            using var store = new DataStore(new RedisLiteOptions { NotifyKeyspaceEvents = c.ToString(), ActiveExpiry = false });
        }

        foreach (var bad in new[] { "KEq", "k", " ", "KE*" })
        {
            Assert.Throws<ArgumentException>(() => new DataStore(new RedisLiteOptions { NotifyKeyspaceEvents = bad }));
        }
    }
}
