using RedisLite.Tests.Infrastructure;

namespace RedisLite.Tests.SortedSets;

public sealed class SortedSetAddTests : IDisposable
{
    private readonly TestStore _t = new();

    private DataStore Store => _t.Store;

    public void Dispose() => _t.Dispose();

    private bool IsCompact(RedisKey key) => Store.InspectSortedSet(key, z => { SortedSetInvariants.Check(z); return z.IsCompact; });

    [Fact]
    public void Zadd_converts_to_the_big_encoding_past_128_members_and_stays_consistent()
    {
        for (var i = 0; i < 128; i++)
        {
            Store.SortedSetAdd("add:conv", "m" + i, i % 7);
        }

        Assert.True(IsCompact("add:conv"));
        Store.SortedSetAdd("add:conv", "m128", 3.5);
        Assert.False(IsCompact("add:conv"));
        Assert.Equal(129, Store.SortedSetLength("add:conv"));

        // Shrinking does not convert back (Redis 7.0 neither).
        Store.SortedSetRemoveRangeByRank("add:conv", 0, 120);
        Assert.False(IsCompact("add:conv"));
        Assert.Equal(8, Store.SortedSetLength("add:conv"));
    }

    [Fact]
    public void A_member_over_64_bytes_converts_before_it_is_inserted()
    {
        Store.SortedSetAdd("add:long", "a", -0.0);
        Assert.True(IsCompact("add:long"));
        Assert.False(double.IsNegative(Store.SortedSetScore("add:long", "a")!.Value));

        Store.SortedSetAdd("add:long", new string('x', 65), -0.0);
        Assert.False(IsCompact("add:long"));
        Assert.True(double.IsNegative(Store.SortedSetScore("add:long", new string('x', 65))!.Value));
        Assert.True(Store.SortedSetAdd("add:long", "b", -0.0));
        Assert.True(double.IsNegative(Store.SortedSetScore("add:long", "b")!.Value));
    }

    [Fact]
    public void Incrementing_moves_the_member_in_both_encodings()
    {
        foreach (var (key, n) in new[] { ("add:inc:small", 10), ("add:inc:big", 300) })
        {
            for (var i = 0; i < n; i++)
            {
                Store.SortedSetAdd(key, "m" + i, i);
            }

            Assert.Equal(n + 0.5, Store.SortedSetIncrement(key, "m0", n + 0.5));
            Assert.Equal(n - 1, Store.SortedSetRank(key, "m0"));
            Assert.Equal(0, Store.SortedSetRank(key, "m1"));

            // A small move keeps the node in place; a tie re-sorts by member.
            Store.SortedSetIncrement(key, "m5", 0.25);
            Assert.Equal(4, Store.SortedSetRank(key, "m5"));
            Store.SortedSetAdd(key, "m6", 5.25);
            Assert.Equal(4, Store.SortedSetRank(key, "m5"));
            Assert.Equal(5, Store.SortedSetRank(key, "m6"));
            Assert.Equal(n, IsCompact(key) ? n : Store.SortedSetLength(key));
        }
    }

    [Fact]
    public void Zadd_on_a_missing_key_with_xx_creates_nothing()
    {
        Assert.False(Store.SortedSetAdd("add:xx", "a", 1, SortedSetWhen.Exists));
        Assert.Null(Store.SortedSetIncrement("add:xx", "a", 1, SortedSetWhen.Exists));
        Assert.False(Store.KeyExists("add:xx"));
    }

    [Fact]
    public void Zadd_gt_and_lt_still_add_new_members_and_ch_counts_only_real_changes()
    {
        Store.SortedSetAdd("add:gt", "a", 5);
        Assert.Equal(1, Store.SortedSetAdd("add:gt", [new("a", 4), new("b", 1)], SortedSetWhen.GreaterThan, returnChanged: true));
        Assert.Equal(1, Store.SortedSetAdd("add:gt", [new("a", 6), new("b", 1)], SortedSetWhen.GreaterThan, returnChanged: true));
        Assert.Equal(0, Store.SortedSetAdd("add:gt", [new("a", 6)], returnChanged: true));
        Assert.Equal(6, Store.SortedSetScore("add:gt", "a"));
    }

    [Fact]
    public void Wrong_type_leaves_the_key_untouched()
    {
        Store.StringSet("add:str", "v");
        Assert.Throws<RedisWrongTypeException>(() => Store.SortedSetAdd("add:str", "a", 1));
        Assert.Throws<RedisWrongTypeException>(() => Store.SortedSetIncrement("add:str", "a", 1));
        RedisAssert.Value("v", Store.StringGet("add:str"));
    }

    [Fact]
    public void Ttl_is_kept_by_in_place_changes()
    {
        Store.SortedSetAdd("add:ttl", "a", 1);
        Store.KeyExpire("add:ttl", TimeSpan.FromSeconds(10));
        Store.SortedSetAdd("add:ttl", "b", 2);
        Store.SortedSetIncrement("add:ttl", "a", 5);
        Assert.NotNull(Store.KeyTimeToLive("add:ttl"));
        _t.Advance(10_001);
        Assert.False(Store.KeyExists("add:ttl"));
        Assert.Null(Store.SortedSetScore("add:ttl", "a"));
    }

    [Fact]
    public void Null_arguments_are_rejected_before_anything_happens()
    {
        Assert.Throws<ArgumentException>(() => Store.SortedSetAdd("add:null", RedisValue.Null, 1));
        Assert.Throws<ArgumentException>(() => Store.SortedSetAdd(default(RedisKey), "a", 1));
        Assert.Throws<ArgumentNullException>(() => Store.SortedSetAdd("add:null", (SortedSetEntry[])null!));
        Assert.Throws<ArgumentException>(() => Store.SortedSetScore("add:null", RedisValue.Null));
        Assert.False(Store.KeyExists("add:null"));
    }

    [Fact]
    public void Copy_is_deep_in_both_encodings()
    {
        for (var i = 0; i < 200; i++)
        {
            Store.SortedSetAdd("add:copy:big", "m" + i, i);
        }

        Store.SortedSetAdd("add:copy:small", "a", 1);
        Assert.True(Store.KeyCopy("add:copy:big", "add:copy:big2"));
        Assert.True(Store.KeyCopy("add:copy:small", "add:copy:small2"));
        Store.SortedSetAdd("add:copy:big2", "m0", 1000);
        Store.SortedSetRemove("add:copy:small2", "a");
        Assert.Equal(0, Store.SortedSetScore("add:copy:big", "m0"));
        Assert.Equal(1, Store.SortedSetScore("add:copy:small", "a"));
        Assert.False(IsCompact("add:copy:big2"));
        Assert.Equal(199, Store.SortedSetRank("add:copy:big2", "m0"));
    }
}
