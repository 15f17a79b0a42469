using System.Globalization;

namespace RedisLite.Tests.Conformance;

/// <summary>
/// Redis 7's pub/sub checked against every <see cref="IDataStore"/>: PUBLISH receiver counts, channel, pattern and
/// shard subscriptions, the PUBSUB queries, unsubscribe on dispose, binary payloads, and the keyspace notifications
/// of every command family, event by event and in Redis's order (the stores run with
/// <c>notify-keyspace-events KEAn</c>).
/// </summary>
public abstract class PubSubConformanceTests : ConformanceSuite
{
    /// <summary>The notification classes every target runs with.</summary>
    public const string NotifyClasses = "KEAn";

    private const string Marker = "__conformance_marker__";

    /// <summary>Reads messages until one on <paramref name="until"/> arrives (that one is not returned).</summary>
    private static List<PubSubMessage> ReadUntil(Subscription subscription, string until)
    {
        var received = new List<PubSubMessage>();
        using var timeout = new CancellationTokenSource(LongWait);
        while (true)
        {
            var message = subscription.Reader.ReadAsync(timeout.Token).AsTask().GetAwaiter().GetResult();
            if ((string?)message.Channel == until)
            {
                return received;
            }

            received.Add(message);
        }
    }

    /// <summary>Runs <paramref name="commands"/> and returns the keyevent notifications they caused, as
    /// <c>event key</c> (with <c>@db</c> after the event outside database 0).</summary>
    private List<string> Events(Action commands)
    {
        using var subscription = Db.Subscribe([Marker], ["__keyevent@*__:*"]);
        commands();
        Db.Publish(Marker, "end");
        return [.. ReadUntil(subscription, Marker).Select(m =>
        {
            var channel = (string)m.Channel!;
            var db = channel[11..channel.IndexOf("__:", StringComparison.Ordinal)];
            var name = channel[(channel.IndexOf("__:", StringComparison.Ordinal) + 3)..];
            return db == "0" ? $"{name} {m.Message}" : $"{name}@{db} {m.Message}";
        })];
    }

    private static string[] Ev(params string[] events) => events;

    [ConformanceFact]
    public void Publish_counts_channel_and_pattern_receivers_and_delivers_to_each()
    {
        Assert.Equal(0, Db.Publish("cf.news", "nobody"));
        using var a = Db.Subscribe(["cf.news", Marker]);
        using var b = Db.Subscribe(["cf.news", "cf.other", Marker], ["cf.n*"]);
        using var c = Db.Subscribe([Marker], ["cf.*"]);
        Assert.Equal(4, Db.Publish("cf.news", "hello"));
        Assert.Equal(2, Db.Publish("cf.nothing", "p"));
        Db.Publish(Marker, "end");

        var first = Assert.Single(ReadUntil(a, Marker));
        Assert.Equal("cf.news", (string?)first.Channel);
        Assert.False(first.IsPatternMatch);
        Assert.False(first.IsShard);
        AssertValue("hello", first.Message);

        Assert.Equal(["cf.news||hello", "cf.news|cf.n*|hello", "cf.nothing|cf.n*|p"], ReadUntil(b, Marker).Select(m => $"{m.Channel}|{m.Pattern}|{m.Message}"));
        Assert.Equal(["cf.news|cf.*|hello", "cf.nothing|cf.*|p"], ReadUntil(c, Marker).Select(m => $"{m.Channel}|{m.Pattern}|{m.Message}"));
    }

    [ConformanceFact]
    public void Messages_keep_their_order_and_bytes()
    {
        using var s = Db.Subscribe(["cf.order", Marker]);
        var binary = new byte[] { 0, 1, 255, 13, 10, 36 };
        for (var i = 0; i < 50; i++)
        {
            Db.Publish("cf.order", i);
        }

        Db.Publish("cf.order", binary);
        Db.Publish("cf.order", "");
        Db.Publish(Marker, "end");
        var received = ReadUntil(s, Marker);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => i.ToString(CultureInfo.InvariantCulture)), received.Take(50).Select(m => (string?)m.Message));
        AssertBytes(binary, received[50].Message);
        AssertValue("", received[51].Message);
    }

    [ConformanceFact]
    public void Dispose_unsubscribes_so_counts_and_channels_drop_at_once()
    {
        var s = Db.Subscribe(["cf.d1", "cf.d2"], ["cf.dp*"]);
        using var other = Db.Subscribe(["cf.d1"], ["cf.dp*"]);
        Assert.Equal([2L, 1L, 0L], Db.PubSubSubscriberCounts("cf.d1", "cf.d2", "cf.d3"));
        Assert.Equal(["cf.d1", "cf.d2"], KeySet(Db.PubSubChannels("cf.d*")));
        Assert.Equal(1, Db.PubSubPatternCount());
        Assert.Equal(2, Db.Publish("cf.d1", "x"));
        Assert.Equal(2, Db.Publish("cf.dpx", "x"));

        s.Dispose();
        Assert.True(s.IsClosed);
        Assert.Equal([1L, 0L], Db.PubSubSubscriberCounts("cf.d1", "cf.d2"));
        Assert.Equal(["cf.d1"], KeySet(Db.PubSubChannels("cf.d*")));
        Assert.Equal(1, Db.PubSubPatternCount());
        Assert.Equal(1, Db.Publish("cf.d1", "y"));
        Assert.Equal(1, Db.Publish("cf.dpx", "y"));
        Assert.Equal(0, Db.Publish("cf.d2", "y"));

        other.Dispose();
        Assert.Empty(Db.PubSubChannels("cf.d*"));
        Assert.Equal(0, Db.PubSubPatternCount());
        Assert.Equal(0, Db.Publish("cf.d1", "z"));
        Assert.Empty(Db.PubSubSubscriberCounts());
    }

    [ConformanceFact]
    public async Task SubscribeAsync_and_DisposeAsync_work_like_the_blocking_forms()
    {
        var s = await Db.SubscribeAsync(["cf.async", Marker]);
        Assert.Equal(1, Db.Publish("cf.async", "1"));
        Db.Publish(Marker, "end");
        Assert.Single(ReadUntil(s, Marker));
        await s.DisposeAsync();
        Assert.Equal(0, Db.Publish("cf.async", "2"));
    }

    [ConformanceFact]
    public void Shard_channels_receive_only_shard_publishes()
    {
        using var shard = Db.ShardSubscribe(["cf.shard", "cf.shard2"]);
        using var plain = Db.Subscribe(["cf.shard", Marker], ["*shard*"]);
        Assert.Equal(1, Db.ShardPublish("cf.shard", "s1"));
        Assert.Equal(0, Db.ShardPublish("cf.none", "s0"));
        Assert.Equal(2, Db.Publish("cf.shard", "p1"));
        Assert.Equal(["cf.shard", "cf.shard2"], KeySet(Db.PubSubShardChannels()));
        Assert.Equal(["cf.shard2"], KeySet(Db.PubSubShardChannels("*2")));
        Assert.Equal([1L, 0L], Db.PubSubShardSubscriberCounts("cf.shard", "cf.none"));
        Assert.Equal([1L], Db.PubSubSubscriberCounts("cf.shard"));

        // The plain subscriber got only PUBLISH's message (twice: by channel and by pattern).
        Db.Publish(Marker, "end");
        Assert.Equal(["p1", "p1"], ReadUntil(plain, Marker).Select(m => (string?)m.Message));

        // Shard subscriptions have no marker channel: SPUBLISH one to the same shard channel.
        Db.ShardPublish("cf.shard", Marker);
        var messages = new List<PubSubMessage>();
        using var timeout = new CancellationTokenSource(LongWait);
        while (messages.Count == 0 || (string?)messages[^1].Message != Marker)
        {
            messages.Add(shard.Reader.ReadAsync(timeout.Token).AsTask().GetAwaiter().GetResult());
        }

        var first = messages[0];
        Assert.True(first.IsShard);
        Assert.Equal("cf.shard", (string?)first.Channel);
        AssertValue("s1", first.Message);
        Assert.Equal(2, messages.Count);
    }

    [ConformanceFact]
    public void Publish_inside_a_transaction_counts_receivers_at_exec()
    {
        using var s = Db.Subscribe(["cf.tx", Marker]);
        using var tx = Db.CreateTransaction();
        var published = tx.Add(d => d.Publish("cf.tx", "in-tx"));
        var set = tx.Add(d => d.StringSet("cf.tx.key", "v"));
        Assert.True(tx.Execute());
        Assert.Equal(1, published.Value);
        Assert.True(set.Value);
        Db.Publish(Marker, "end");
        Assert.Equal(["in-tx"], ReadUntil(s, Marker).Select(m => (string?)m.Message));
    }

    [ConformanceFact]
    public void Subscribing_to_nothing_is_a_wrong_number_of_arguments()
    {
        AssertError("ERR wrong number of arguments for 'subscribe' command", () => Db.Subscribe([]));
        AssertError("ERR wrong number of arguments for 'ssubscribe' command", () => Db.ShardSubscribe([]));
    }

    [ConformanceFact]
    public void Keyspace_channel_carries_the_event_name()
    {
        using var s = Db.Subscribe([Marker], ["__keyspace@0__:cf.ks*"]);
        Db.StringSet("cf.ks", "v");
        Db.KeyDelete("cf.ks");
        Db.Publish(Marker, "end");
        Assert.Equal(["__keyspace@0__:cf.ks new", "__keyspace@0__:cf.ks set", "__keyspace@0__:cf.ks del"], ReadUntil(s, Marker).Select(m => $"{m.Channel} {m.Message}"));
    }

    [ConformanceFact]
    public void String_commands_notify()
    {
        Assert.Equal(Ev("new s", "set s", "set s"), Events(() =>
        {
            Db.StringSet("s", "v");
            Db.StringSet("s", "v2");
            Db.StringSet("s", "v3", when: When.NotExists);
        }));
        Assert.Equal(Ev("set s", "expire s", "new s2", "set s2", "expire s2"), Events(() =>
        {
            Db.StringSet("s", "v4", OneHour, When.Exists);
            Db.StringSet("s2", "v", Expiration.InMilliseconds(100_000));
        }));
        Assert.Equal(Ev("new m1", "set m1", "new m2", "set m2", "new m3", "set m3"), Events(() =>
        {
            Db.StringSet([new("m1", "a"), new("m2", "b")]);
            Db.StringSet([new("m3", "a"), new("m1", "b")], When.NotExists);
            Db.StringSet([new("m3", "a")], When.NotExists);
        }));
        Assert.Equal(Ev("append s", "new a", "append a", "setrange s", "new r", "setrange r"), Events(() =>
        {
            Db.StringAppend("s", "x");
            Db.StringAppend("a", "x");
            Db.StringSetRange("s", 1, "zz");
            Db.StringSetRange("r", 1, "zz");
            Db.StringSetRange("r", 1, "");
        }));
        Assert.Equal(Ev("new n", "incrby n", "incrby n", "incrby n", "new f", "incrbyfloat f"), Events(() =>
        {
            Db.StringIncrement("n");
            Db.StringIncrement("n", 5);
            Db.StringDecrement("n", 2);
            Db.StringIncrement("f", 1.5);
        }));
        Assert.Equal(Ev("set s", "del s", "expire s2", "persist s2", "del m1"), Events(() =>
        {
            Db.StringGetSet("s", "q");
            Db.StringGetDelete("s");
            Db.StringGetDelete("s");
            Db.StringGetSetExpiry("s2", OneHour);
            Db.StringGetSetExpiry("s2", Expiration.Persist);
            Db.StringGetSetExpiry("s2", default);
            Db.StringGetSetExpiry("m1", Expiration.At(DateTimeOffset.FromUnixTimeMilliseconds(1)));
            Db.StringGet("m2");
            Db.StringGetRange("m2", 0, 1);
        }));
    }

    [ConformanceFact]
    public void Generic_commands_notify()
    {
        Db.StringSet([new("k", "v"), new("a", "1"), new("b", "2")]);
        Assert.Equal(Ev("expire k", "expire k", "persist k", "del k"), Events(() =>
        {
            Db.KeyExpire("k", OneHour);
            Db.KeyExpire("k", FarFuture);
            Db.KeyExpire("k", OneHour, ExpireWhen.HasNoExpiry);
            Db.KeyPersist("k");
            Db.KeyPersist("k");
            Db.KeyExpire("k", TimeSpan.Zero);
        }));
        Assert.Equal(Ev("new b", "rename_from a", "rename_to b", "new c", "rename_from b", "rename_to c"), Events(() =>
        {
            Db.KeyRename("a", "b");
            Db.KeyRename("b", "c", When.NotExists);
            Db.KeyRename("c", "c");
        }));
        Db.StringSet("d", "x");
        Assert.Equal(Ev("new e", "copy_to e", "new d", "copy_to d", "new@1 e", "move_from e", "move_to@1 e", "del c", "del d"), Events(() =>
        {
            Db.KeyCopy("c", "e");
            Db.KeyCopy("c", "d", replace: true);
            Db.KeyCopy("c", "d");
            Db.KeyMove("e", 1);
            Db.KeyDelete(["c", "nope"]);
            Db.KeyUnlink(["d"]);
        }));
        Assert.Empty(Events(() =>
        {
            Db.KeyExists("c");
            Db.KeyType("c");
            Db.KeyTimeToLive("c");
            Db.KeyTouch("c");
            Db.Keys("*");
            Db.DatabaseSize();
        }));
    }

    [ConformanceFact]
    public void Hash_commands_notify()
    {
        Assert.Equal(Ev("new h", "hset h", "hset h", "hset h", "hdel h", "hdel h", "del h", "new h2", "hincrby h2", "hincrbyfloat h2"), Events(() =>
        {
            Db.HashSet("h", [new HashEntry("a", "1"), new HashEntry("b", "2")]);
            Db.HashSet("h", "a", "5");
            Db.HashSet("h", "a", "1", When.NotExists);
            Db.HashSet("h", "c", "1", When.NotExists);
            Db.HashDelete("h", ["a", "zz"]);
            Db.HashDelete("h", "nope");
            Db.HashDelete("h", ["b", "c"]);
            Db.HashIncrement("h2", "a", 1);
            Db.HashIncrement("h2", "b", 1.5);
            Db.HashGetAll("h2");
        }));
    }

    [ConformanceFact]
    public void List_commands_notify()
    {
        Assert.Equal(
            Ev("new l", "lpush l", "rpush l", "rpush l", "linsert l", "lset l", "lrem l", "ltrim l", "ltrim l", "lpop l", "rpop l", "del l"),
            Events(() =>
            {
                Db.ListLeftPush("l", ["a", "b"]);
                Db.ListRightPush("l", "c");
                Db.ListLeftPush("nope", "a", When.Exists);
                Db.ListRightPush("l", ["d"], When.Exists);
                Db.ListInsertBefore("l", "c", "x");
                Db.ListInsertBefore("l", "zz", "x");
                Db.ListSetByIndex("l", 0, "q");
                Db.ListRemove("l", "q", 1);
                Db.ListRemove("l", "nope", 1);
                Db.ListTrim("l", 0, 1);
                Db.ListTrim("l", 0, -1);
                Db.ListLeftPop("l");
                Db.ListRightPop("l", 1);
                Db.ListRightPop("l");
            }));
        Db.ListRightPush("l", ["a", "b", "c"]);
        Assert.Equal(
            Ev("new l2", "rpush l2", "lpop l", "lpush l2", "rpop l", "lpush l2", "lpop l2", "new l3", "rpush l3", "lpop l", "del l", "ltrim l2", "del l2"),
            Events(() =>
            {
                Db.ListMove("l", "l2", ListSide.Left, ListSide.Right);
                Db.ListRightPopLeftPush("l", "l2");
                Db.ListMove("l2", "l2", ListSide.Left, ListSide.Left);
                Db.ListMove("l", "l3", ListSide.Left, ListSide.Right);
                Db.ListTrim("l2", 5, 10);
                Db.ListLeftPop("nope");
            }));
        Db.ListLeftPush("bl", ["a", "b", "c"]);
        Assert.Equal(Ev("lpop bl", "rpop bl", "lpop bl", "del bl"), Events(() =>
        {
            Db.ListPop(["nope", "bl"], ListSide.Left, 1);
            Assert.NotNull(Db.ListRightPopBlockingAsync(["bl"], LongWait).GetAwaiter().GetResult());
            Assert.NotNull(Db.ListPop(["bl"], ListSide.Left, 5));
        }));
    }

    [ConformanceFact]
    public void Set_commands_notify()
    {
        Assert.Equal(Ev("new s", "sadd s", "srem s", "srem s", "del s", "new s", "sadd s", "spop s", "spop s"), Events(() =>
        {
            Db.SetAdd("s", ["a", "b"]);
            Db.SetAdd("s", "a");
            Db.SetRemove("s", ["a", "zz"]);
            Db.SetRemove("s", "b");
            Db.SetAdd("s", ["a", "b", "c"]);
            Db.SetPop("s");
            Db.SetPop("s", 1);
            Db.SetPop("s", 0);
        }));
        Assert.Equal(Ev("srem s", "del s", "new s2", "sadd s2"), Events(() =>
        {
            Db.SetMove("s", "s", "zz");
            Db.SetMove("s", "s2", "zz");
            Db.SetMove("s", "s2", Db.SetMembers("s")[0]);
        }));
        Db.SetAdd("x", ["1", "2"]);
        Db.SetAdd("y", ["2", "3"]);
        Db.SetAdd("s3", ["1"]);
        Db.SetAdd("s4", ["1"]);
        Assert.Equal(Ev("new d", "sinterstore d", "sunionstore d", "sdiffstore d", "del d", "srem s3", "del s3"), Events(() =>
        {
            Db.SetCombineAndStore(SetOperation.Intersect, "d", ["x", "y"]);
            Db.SetCombineAndStore(SetOperation.Union, "d", ["x", "y"]);
            Db.SetCombineAndStore(SetOperation.Difference, "d", ["x", "y"]);
            Db.SetCombineAndStore(SetOperation.Intersect, "d", ["x", "nope"]);
            Db.SetCombineAndStore(SetOperation.Intersect, "d", ["nope", "nope2"]);
            Db.SetMove("s3", "s4", "1");
        }));
        Assert.Equal(Ev("spop x", "del x"), Events(() => Db.SetPop("x", 5)));
    }

    [ConformanceFact]
    public void Sorted_set_commands_notify()
    {
        Assert.Equal(Ev("new z", "zadd z", "zadd z", "zincr z", "zincr z", "zrem z", "zadd z", "zremrangebyscore z", "zremrangebyrank z"), Events(() =>
        {
            Db.SortedSetAdd("z", [new SortedSetEntry("a", 1), new SortedSetEntry("b", 2)]);
            Db.SortedSetAdd("z", "a", 1);
            Db.SortedSetAdd("z", "a", 3);
            Db.SortedSetIncrement("z", "a", 1, SortedSetWhen.Always);
            Db.SortedSetIncrement("z", "b", 1);
            Db.SortedSetIncrement("z", "b", 0);
            Db.SortedSetAdd("z", "zz", 1, SortedSetWhen.Exists);
            Db.SortedSetRemove("z", ["a", "zz"]);
            Db.SortedSetRemove("z", "nope");
            Db.SortedSetAdd("z", [new SortedSetEntry("a", 1), new SortedSetEntry("c", 2), new SortedSetEntry("d", 3)]);
            Db.SortedSetRemoveRangeByScore("z", 1, 1);
            Db.SortedSetRemoveRangeByScore("z", 100, 200);
            Db.SortedSetRemoveRangeByRank("z", 0, 0);
        }));
        Db.SortedSetAdd("lex", [new SortedSetEntry("m", 0), new SortedSetEntry("n", 0), new SortedSetEntry("o", 0)]);
        Assert.Equal(Ev("zremrangebylex lex", "zpopmin z", "zpopmax z", "del z", "zpopmin lex", "del lex"), Events(() =>
        {
            Db.SortedSetRemoveRangeByValue("lex", "m", "n");
            Db.SortedSetRemoveRangeByValue("lex", "x", "y");
            Db.SortedSetPop("z");
            Db.SortedSetPop("z", 1, Order.Descending);
            Db.SortedSetPop("nope");
            Db.SortedSetPop(["nope", "lex"], 5);
        }));
        Db.SortedSetAdd("z1", [new SortedSetEntry("a", 1), new SortedSetEntry("b", 2)]);
        Db.SortedSetAdd("z2", [new SortedSetEntry("b", 1), new SortedSetEntry("c", 2)]);
        Assert.Equal(Ev("new d", "zunionstore d", "zinterstore d", "zdiffstore d", "zrangestore d", "del d", "zremrangebyrank z2", "del z2"), Events(() =>
        {
            Db.SortedSetCombineAndStore(SetOperation.Union, "d", ["z1", "z2"]);
            Db.SortedSetCombineAndStore(SetOperation.Intersect, "d", ["z1", "z2"]);
            Db.SortedSetCombineAndStore(SetOperation.Difference, "d", ["z1", "z2"]);
            Db.SortedSetRangeAndStore("z2", "d", 0, -1);
            Db.SortedSetRangeAndStore("z2", "d", 5, 6);
            Db.SortedSetRangeAndStore("z2", "d2", 5, 6);
            Db.SortedSetRemoveRangeByRank("z2", 0, -1);
        }));
        Db.SortedSetAdd("bz", "a", 1);
        Assert.Equal(Ev("zpopmin bz", "del bz"), Events(() =>
            Assert.NotNull(Db.SortedSetPopBlockingAsync(["bz"], Order.Ascending, LongWait).GetAwaiter().GetResult())));
    }
}
