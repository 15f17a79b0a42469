using RedisLite.Persistence;
using RedisLite.Tests.Infrastructure;
using static RedisLite.Tests.Persistence.LogRoundTripTests;

namespace RedisLite.Tests.Persistence;

/// <summary>Every hash write, logged and replayed into a new store, gives the same hashes; no-op writes record nothing
/// and float increments record their result.</summary>
public sealed class LogHashReplayTests
{
    [Fact]
    public void The_hash_operation_codes_are_pinned()
    {
        // They are the file format: a change would make existing logs unreadable.
        Assert.Equal(20, (byte)LogOp.HashSet);
        Assert.Equal(21, (byte)LogOp.HashDelete);
    }

    [Fact]
    public void Hset_of_new_and_updated_fields_replays_with_binary_data()
    {
        AssertReplays(t =>
        {
            var d = t.Store;
            d.HashSet("log:h", [new("a", "1"), new("b", "2"), new("a", "3")]);
            d.HashSet("log:h", [new("b", "updated"), new("c", "")]);
            d.HashSet("log:h", "d", "single");
            d.HashSet("log:h", "d", "single again");
            d.HashSet(new byte[] { 0, 255 }, [new(new byte[] { 1, 0, 2 }, new byte[] { 255, 0, 13, 10 })]);
            d.HashSet("log:h:num", [new(1, 2), new(-5, long.MaxValue)]);
        });
    }

    [Fact]
    public void Hsetnx_replays_and_records_nothing_when_the_field_exists()
    {
        AssertReplays(
            t =>
            {
                Assert.True(t.Store.HashSet("log:h", "f", "first", When.NotExists));
                Assert.False(t.Store.HashSet("log:h", "f", "second", When.NotExists));
                Assert.True(t.Store.HashSet("log:h", "g", "other", When.NotExists));
            },
            expectedRecords: 2);
    }

    [Fact]
    public void Hdel_replays_and_removing_the_last_field_deletes_the_key()
    {
        AssertReplays(t =>
        {
            var d = t.Store;
            d.HashSet("log:h", [new("a", "1"), new("b", "2"), new("c", "3"), new("d", "4")]);
            d.HashDelete("log:h", "a");
            d.HashDelete("log:h", ["b", "missing", "b"]);
            d.HashSet("log:h:gone", [new("x", "1"), new("y", "2")]);
            d.HashDelete("log:h:gone", ["x", "y", "z"]);
            Assert.False(d.KeyExists("log:h:gone"));
            d.HashSet("log:h:gone", "z", "recreated");
        });
    }

    [Fact]
    public void Hincrby_and_hincrbyfloat_replay_their_results()
    {
        AssertReplays(t =>
        {
            var d = t.Store;
            d.HashIncrement("log:h", "n", 41);
            d.HashIncrement("log:h", "n");
            d.HashIncrement("log:h", "n", -100);
            d.HashIncrement("log:h", "new");
            d.HashIncrement("log:h", "f", 0.1);
            d.HashIncrement("log:h", "f", 0.2);
            d.HashIncrement("log:h", "f", 1e300);
            d.HashIncrementByFloat("log:h", "text", "5.0e3"u8);
            d.HashIncrementByFloat("log:h", "text", "-0.000001"u8);
            d.HashSet("log:h", "g", "1.5");
            d.HashIncrement("log:h", "g", 2.25);
        });
    }

    [Fact]
    public void Float_increments_record_the_stored_result_and_integer_increments_the_new_value()
    {
        var records = LogRecords.Of(t =>
        {
            t.Store.HashIncrement("h", "f", 0.1);
            t.Store.HashIncrement("h", "f", 0.2);
            t.Store.HashIncrementByFloat("h", "e", "5.0e3"u8);
            t.Store.HashIncrement("h", "n", 7);
            t.Store.HashIncrement("h", "n", -10);
        });

        Assert.Equal(["HashSet 0 h f 0.1", "HashSet 0 h f 0.3", "HashSet 0 h e 5000", "HashSet 0 h n 7", "HashSet 0 h n -3"], records);
    }

    [Fact]
    public void Writes_that_change_nothing_record_nothing()
    {
        var records = LogRecords.Of(
            t =>
            {
                var d = t.Store;
                d.HashDelete("log:h", "missing");
                d.HashDelete("log:h", ["missing", "also"]);
                d.HashDelete("log:h:none", "f");
                d.HashSet("log:h", "f", "other", When.NotExists);
                Assert.Throws<RedisWrongTypeException>(() => d.HashSet("log:s", "f", "v"));
                Assert.Throws<RedisWrongTypeException>(() => d.HashDelete("log:s", "f"));
                Assert.ThrowsAny<RedisException>(() => d.HashIncrement("log:h", "f", 1));
                Assert.ThrowsAny<RedisException>(() => d.HashIncrement("log:h", "f", 1.5));
                Assert.ThrowsAny<RedisException>(() => d.HashIncrement("log:h", "max", 1));
                Assert.ThrowsAny<RedisException>(() => d.HashIncrementByFloat("log:h", "f", "inf"u8));
            },
            before: t =>
            {
                t.Store.HashSet("log:h", [new("f", "not a number"), new("max", long.MaxValue)]);
                t.Store.StringSet("log:s", "string");
            });

        Assert.Empty(records);
    }

    [Fact]
    public void A_large_hash_with_large_values_replays()
    {
        AssertReplays(t =>
        {
            var d = t.Store;
            d.HashSet("log:h:big", Enumerable.Range(0, 3000).Select(i => new HashEntry("field" + i, "value" + i)).ToArray());
            d.HashSet("log:h:big", "huge", new string('x', 300_000));
            d.HashDelete("log:h:big", Enumerable.Range(0, 3000).Where(i => i % 3 == 0).Select(i => (RedisValue)("field" + i)).ToArray());
            d.HashIncrement("log:h:big", "counter", 1.5);
            Assert.False(d.HashIsCompact("log:h:big"));
        });
    }

    [Fact]
    public void Hash_writes_keep_the_absolute_ttl_and_an_expired_hash_starts_again()
    {
        AssertReplays(t =>
        {
            var d = t.Store;
            d.HashSet("log:h:ttl", "a", "1");
            d.KeyExpire("log:h:ttl", TimeSpan.FromSeconds(60));
            t.Advance(1000);
            d.HashSet("log:h:ttl", "b", "2");
            d.HashIncrement("log:h:ttl", "n", 3);
            d.HashSet("log:h:expired", "a", "1");
            d.KeyExpire("log:h:expired", TimeSpan.FromSeconds(1));
            t.Advance(2000);
            d.HashSet("log:h:expired", "b", "after");
            Assert.False(d.HashExists("log:h:expired", "a"));
        });
    }

    [Fact]
    public void Hset_of_several_fields_is_one_record()
    {
        var records = LogRecords.Of(t => t.Store.HashSet("h", [new("a", "1"), new("b", "2")]));
        Assert.Equal(["HashSet 0 h a 1 b 2"], records);
        AssertReplays(t => t.Store.HashDelete("h", ["a", "b", "c"]), expectedRecords: 0);
    }

    [Fact]
    public void Hash_writes_in_a_transaction_are_one_record()
    {
        AssertReplays(
            t => t.Store.RunAtomic(d =>
            {
                d.HashSet("log:h:t", "a", "1");
                d.HashIncrement("log:h:t", "n", 5);
                d.HashIncrement("log:h:t", "f", 0.5);
                d.HashDelete("log:h:t", "a");
            }),
            expectedRecords: 1);
    }

    [Fact]
    public void Hash_writes_in_other_databases_replay()
    {
        AssertReplays(t =>
        {
            var d = t.Store.GetDatabase(4);
            d.HashSet("log:h:db", [new("a", "1"), new("b", "2")]);
            d.HashDelete("log:h:db", "a");
            d.HashIncrement("log:h:db", "n", 2);
            t.Store.HashSet("log:h:db", "zero", "0");
        });
    }
}
