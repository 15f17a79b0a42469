using RedisLite.Persistence;
using RedisLite.Tests.Infrastructure;
using static RedisLite.Tests.Persistence.LogRoundTripTests;

namespace RedisLite.Tests.Persistence;

/// <summary>Every set write, logged and replayed into a new store, gives the same sets: SPOP records the members it
/// chose, SMOVE and the STORE combinations are one record each, and no-op writes record nothing.</summary>
public sealed class LogSetReplayTests
{
    [Fact]
    public void The_set_operation_codes_are_pinned()
    {
        // They are the file format: a change would make existing logs unreadable.
        Assert.Equal(40, (byte)LogOp.SetAdd);
        Assert.Equal(41, (byte)LogOp.SetRemove);
        Assert.Equal(42, (byte)LogOp.SetMove);
        Assert.Equal(43, (byte)LogOp.SetCombineStore);
        Assert.Equal([0, 1, 2], new[] { SetOperation.Union, SetOperation.Intersect, SetOperation.Difference }.Select(o => (int)o));
    }

    private static RedisValue[] Members(string prefix, int count) =>
        Enumerable.Range(0, count).Select(i => (RedisValue)(prefix + i)).ToArray();

    [Fact]
    public void Sadd_and_srem_replay_members_of_every_encoding()
    {
        AssertReplays(t =>
        {
            var d = t.Store;
            d.SetAdd("log:s:ints", [1, 2, 3, -7, long.MaxValue]);
            d.SetAdd("log:s:ints", 2);
            d.SetAdd("log:s:mixed", [1, "two", 3, "two"]);
            d.SetAdd("log:s:bin", [new byte[] { 0, 255, 10 }, Array.Empty<byte>(), new byte[] { 13 }]);
            d.SetAdd("log:s:bigints", Enumerable.Range(0, 2000).Select(i => (RedisValue)i).ToArray());
            d.SetAdd("log:s:big", Members("member", 3000));
            d.SetAdd("log:s:big", new string('x', 200_000));
            d.SetRemove("log:s:ints", 3);
            d.SetRemove("log:s:mixed", ["two", "missing"]);
            d.SetRemove("log:s:big", Members("member", 1500));
            d.SetRemove("log:s:bigints", Enumerable.Range(0, 1990).Select(i => (RedisValue)i).ToArray());
        });
    }

    [Fact]
    public void Removing_the_last_member_deletes_the_key_on_replay_too()
    {
        AssertReplays(t =>
        {
            var d = t.Store;
            d.SetAdd("log:s:a", ["x", "y"]);
            d.SetRemove("log:s:a", ["x", "y", "z"]);
            d.SetAdd("log:s:b", "only");
            d.SetRemove("log:s:b", "only");
            d.SetAdd("log:s:c", "again");
            d.SetRemove("log:s:c", "again");
            d.SetAdd("log:s:c", "recreated");
            Assert.False(d.KeyExists("log:s:a"));
        });
    }

    [Fact]
    public void Spop_records_the_members_it_chose()
    {
        RedisValue one = default;
        RedisValue[] two = [];
        var records = LogRecords.Of(
            t =>
            {
                one = t.Store.SetPop("s");
                two = t.Store.SetPop("s", 2);
            },
            before: t => t.Store.SetAdd("s", Members("m", 10)));

        Assert.Equal([$"SetRemove 0 s {one}", $"SetRemove 0 s {two[0]} {two[1]}"], records);
    }

    [Fact]
    public void Spop_replays_whatever_it_picked()
    {
        for (var round = 0; round < 20; round++)
        {
            AssertReplays(t =>
            {
                var d = t.Store;
                d.SetAdd("log:s:p", Members("m", 50));
                d.SetAdd("log:s:i", Enumerable.Range(0, 600).Select(i => (RedisValue)i).ToArray());
                d.SetPop("log:s:p");
                d.SetPop("log:s:p", 7);
                d.SetPop("log:s:i", 300);
                d.SetPop("log:s:i");
                d.SetAdd("log:s:one", "x");
                d.SetPop("log:s:one");
            });
        }
    }

    [Fact]
    public void Spop_of_every_member_records_a_delete_and_no_op_pops_record_nothing()
    {
        var records = LogRecords.Of(
            t =>
            {
                Assert.Equal(3, t.Store.SetPop("s", 3).Length);
                Assert.Equal(2, t.Store.SetPop("t", 10).Length);
                Assert.Empty(t.Store.SetPop("s", 1));
                Assert.True(t.Store.SetPop("missing").IsNull);
                Assert.Empty(t.Store.SetPop("u", 0));
            },
            before: t =>
            {
                t.Store.SetAdd("s", ["a", "b", "c"]);
                t.Store.SetAdd("t", [1, 2]);
                t.Store.SetAdd("u", 1);
            });

        Assert.Equal(["Delete 0 s", "Delete 0 t"], records);
        AssertReplays(t =>
        {
            t.Store.SetAdd("log:s:all", Members("m", 700));
            t.Store.SetPop("log:s:all", 700);
            t.Store.SetAdd("log:s:all", "after");
        });
    }

    [Fact]
    public void Smove_replays_including_an_emptied_source_and_a_new_destination()
    {
        AssertReplays(t =>
        {
            var d = t.Store;
            d.SetAdd("log:s:from", ["a", "b", "c"]);
            d.SetAdd("log:s:to", ["c", "z"]);
            d.SetMove("log:s:from", "log:s:to", "a");
            d.SetMove("log:s:from", "log:s:to", "c");
            d.SetMove("log:s:from", "log:s:new", "b");
            Assert.False(d.KeyExists("log:s:from"));
            d.SetAdd("log:s:ttl", "m");
            d.KeyExpire("log:s:ttl", TimeSpan.FromSeconds(30));
            d.SetMove("log:s:to", "log:s:ttl", "z");
        });
    }

    [Fact]
    public void Smove_is_one_record_and_moves_that_change_nothing_record_nothing()
    {
        var records = LogRecords.Of(
            t =>
            {
                var d = t.Store;
                Assert.True(d.SetMove("from", "to", "a"));
                Assert.False(d.SetMove("from", "to", "missing"));
                Assert.False(d.SetMove("none", "to", "a"));
                Assert.True(d.SetMove("to", "to", "a"));
                Assert.Throws<RedisWrongTypeException>(() => d.SetMove("from", "str", "b"));
                Assert.Throws<RedisWrongTypeException>(() => d.SetMove("str", "to", "b"));
            },
            before: t =>
            {
                t.Store.SetAdd("from", ["a", "b"]);
                t.Store.StringSet("str", "v");
            });

        Assert.Equal(["SetMove 0 from to a"], records);
    }

    [Fact]
    public void Store_combinations_replay()
    {
        AssertReplays(t =>
        {
            var d = t.Store;
            d.SetAdd("log:s:a", ["1", "2", "3", "x"]);
            d.SetAdd("log:s:b", ["2", "3", "4", "y"]);
            d.SetAdd("log:s:c", Enumerable.Range(0, 1000).Select(i => (RedisValue)i).ToArray());
            d.SetCombineAndStore(SetOperation.Union, "log:s:u", ["log:s:a", "log:s:b", "log:s:missing"]);
            d.SetCombineAndStore(SetOperation.Intersect, "log:s:i", ["log:s:a", "log:s:b", "log:s:c"]);
            d.SetCombineAndStore(SetOperation.Difference, "log:s:d", ["log:s:c", "log:s:a", "log:s:missing"]);
            d.SetCombineAndStore(SetOperation.Union, "log:s:a", ["log:s:a", "log:s:c"]);

            // The destination is replaced whatever it held, TTL included; an empty result deletes it.
            d.StringSet("log:s:str", "v", Expiration.In(TimeSpan.FromSeconds(30)));
            d.SetCombineAndStore(SetOperation.Intersect, "log:s:str", ["log:s:b"]);
            d.SetCombineAndStore(SetOperation.Intersect, "log:s:i", ["log:s:b", "log:s:missing"]);
            Assert.False(d.KeyExists("log:s:i"));
            d.GetDatabase(2).SetAdd("log:s:a", "other db");
            d.GetDatabase(2).SetCombineAndStore(SetOperation.Union, "log:s:u2", ["log:s:a"]);
        });
    }

    [Fact]
    public void A_store_combination_is_recorded_as_the_command_and_an_empty_result_on_a_missing_key_records_nothing()
    {
        var records = LogRecords.Of(
            t =>
            {
                var d = t.Store;
                Assert.Equal(1000, d.SetCombineAndStore(SetOperation.Union, "dst", ["a", "b"]));
                Assert.Equal(0, d.SetCombineAndStore(SetOperation.Intersect, "empty", ["a", "missing"]));
                Assert.Equal(0, d.SetCombineAndStore(SetOperation.Difference, "dst", ["a", "a"]));
                Assert.Throws<RedisWrongTypeException>(() => d.SetCombineAndStore(SetOperation.Union, "dst", ["a", "str"]));
            },
            before: t =>
            {
                t.Store.SetAdd("a", Members("a", 600));
                t.Store.SetAdd("b", Members("b", 400));
                t.Store.StringSet("str", "v");
            });

        Assert.Equal(["SetCombineStore 0 0 dst a b", "SetCombineStore 0 2 dst a a"], records);
    }

    [Fact]
    public void A_store_combination_sees_the_sources_as_they_were_when_it_ran()
    {
        AssertReplays(t =>
        {
            var d = t.Store;
            d.SetAdd("log:s:short", ["a", "b"]);
            d.KeyExpire("log:s:short", TimeSpan.FromSeconds(1));
            d.SetAdd("log:s:long", ["b", "c"]);
            d.KeyExpire("log:s:long", TimeSpan.FromSeconds(10));
            d.SetCombineAndStore(SetOperation.Union, "log:s:early", ["log:s:short", "log:s:long"]);
            t.Advance(2000);

            // The short-lived source has expired (and is deleted by this command); the long-lived one expires after.
            d.SetCombineAndStore(SetOperation.Union, "log:s:late", ["log:s:short", "log:s:long"]);
            t.Advance(20_000);
            Assert.Equal(3, d.SetLength("log:s:early"));
            Assert.Equal(2, d.SetLength("log:s:late"));
        });
    }

    [Fact]
    public void Set_writes_in_a_transaction_are_one_record()
    {
        AssertReplays(
            t => t.Store.RunAtomic(d =>
            {
                d.SetAdd("log:s:t", ["a", "b", "c", "d"]);
                d.SetRemove("log:s:t", "a");
                d.SetPop("log:s:t");
                d.SetMove("log:s:t", "log:s:t2", "d");
                d.SetCombineAndStore(SetOperation.Union, "log:s:t3", ["log:s:t", "log:s:t2"]);
            }),
            expectedRecords: 1);
    }

    [Fact]
    public void Hashes_and_sets_survive_a_restart_with_a_rewrite_between()
    {
        using var dir = new LogHarness.TempDirectory();
        var clock = new FakeTimeProvider();
        DataStore Open()
        {
            var persistence = new PersistenceOptions { Directory = dir.Path, AppendOnly = true, AppendFsync = AppendFsyncPolicy.No };
            persistence.SavePoints.Clear();
            return new DataStore(new RedisLiteOptions { ActiveExpiry = false, Persistence = persistence }, clock);
        }

        string expected;
        using (var store = Open())
        {
            store.HashSet("h", [new("a", "1"), new("b", "2")]);
            store.SetAdd("s", Members("m", 100));
            store.SetAdd("t", Members("m", 50));
            store.RewriteAppendLog();
            store.HashIncrement("h", "f", 0.5);
            store.HashDelete("h", "a");
            store.SetPop("s", 10);
            store.SetAdd("s", "moved");
            Assert.True(store.SetMove("s", "t", "moved"));
            store.SetCombineAndStore(SetOperation.Difference, "d", ["s", "t"]);
            expected = SnapshotDump.Of(store);
        }

        using var reopened = Open();
        Assert.Equal(expected, SnapshotDump.Of(reopened));
    }
}
