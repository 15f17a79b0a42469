using RedisLite.Tests.Infrastructure;

namespace RedisLite.Tests.SortedSets;

/// <summary>STORE forms (replace, TTL dropped, empty result deletes, encoding of the result) and pops.</summary>
public sealed class SortedSetStoreAndPopTests : IDisposable
{
    private readonly TestStore _t = new();

    private DataStore Store => _t.Store;

    public void Dispose() => _t.Dispose();

    private bool IsCompact(RedisKey key) => Store.InspectSortedSet(key, z => { SortedSetInvariants.Check(z); return z.IsCompact; });

    [Fact]
    public void Store_forms_replace_any_type_drop_the_ttl_and_delete_on_empty_results()
    {
        Store.SortedSetAdd("st:a", [new("x", 1), new("y", 2)]);
        Store.StringSet("st:dst", "string", Expiration.InMilliseconds(60_000));
        Assert.Equal(2, Store.SortedSetCombineAndStore(SetOperation.Union, "st:dst", ["st:a"]));
        Assert.Equal(RedisType.SortedSet, Store.KeyType("st:dst"));
        Assert.Null(Store.KeyTimeToLive("st:dst"));

        Store.KeyExpire("st:dst", TimeSpan.FromSeconds(60));
        Assert.Equal(1, Store.SortedSetRangeAndStore("st:a", "st:dst", 0, 0));
        Assert.Null(Store.KeyTimeToLive("st:dst"));

        Assert.Equal(0, Store.SortedSetCombineAndStore(SetOperation.Intersect, "st:dst", ["st:a", "st:missing"]));
        Assert.False(Store.KeyExists("st:dst"));
        Store.StringSet("st:dst", "again");
        Assert.Equal(0, Store.SortedSetRangeAndStore("st:missing", "st:dst", 0, -1));
        Assert.False(Store.KeyExists("st:dst"));
    }

    [Fact]
    public void Store_results_pick_their_encoding_from_their_size_and_the_compact_one_drops_negative_zero()
    {
        var big = Enumerable.Range(0, 200).Select(i => new SortedSetEntry("m" + i, i == 0 ? -0.0 : i)).ToArray();
        Store.SortedSetAdd("st:big", new string('l', 70), 500);
        Store.SortedSetAdd("st:big", big);
        Assert.True(double.IsNegative(Store.SortedSetScore("st:big", "m0")!.Value));

        Assert.Equal(201, Store.SortedSetCombineAndStore(SetOperation.Union, "st:u", ["st:big"]));
        Assert.False(IsCompact("st:u"));
        Assert.True(double.IsNegative(Store.SortedSetScore("st:u", "m0")!.Value));

        Assert.Equal(10, Store.SortedSetRangeAndStore("st:big", "st:r", 0, 9));
        Assert.True(IsCompact("st:r"));
        Assert.False(double.IsNegative(Store.SortedSetScore("st:r", "m0")!.Value));

        Assert.Equal(150, Store.SortedSetRangeAndStore("st:big", "st:r2", 0, 149));
        Assert.False(IsCompact("st:r2"));
        Assert.True(double.IsNegative(Store.SortedSetScore("st:r2", "m0")!.Value));

        Assert.Equal(10, Store.SortedSetCombineAndStore(SetOperation.Difference, "st:d", ["st:r", "st:missing"]));
        Assert.True(IsCompact("st:d"));
    }

    [Fact]
    public void Union_sums_in_order_of_input_size_and_handles_the_same_key_twice()
    {
        Store.SortedSetAdd("st:one", [new("a", 1), new("b", 2)]);
        Assert.Equal([new("a", 3), new("b", 6)], Store.SortedSetCombineWithScores(SetOperation.Union, ["st:one", "st:one"], [1, 2]));
        Assert.Equal([new("a", 2), new("b", 4)], Store.SortedSetCombineWithScores(SetOperation.Intersect, ["st:one", "st:one"]));
        Assert.Empty(Store.SortedSetCombine(SetOperation.Difference, ["st:one", "st:one"]));
        Assert.Equal([new("a", 1), new("b", 2)], Store.SortedSetCombineWithScores(SetOperation.Difference, ["st:one", "st:none"]));
    }

    [Fact]
    public void Pops_from_a_big_set_remove_from_both_structures()
    {
        Store.SortedSetAdd("st:pop", Enumerable.Range(0, 300).Select(i => new SortedSetEntry("m" + i, i)).ToArray());
        var low = Store.SortedSetPop("st:pop", 5);
        Assert.Equal(["m0", "m1", "m2", "m3", "m4"], low.Select(e => (string)e.Element!));
        var high = Store.SortedSetPop("st:pop", 3, Order.Descending);
        Assert.Equal(["m299", "m298", "m297"], high.Select(e => (string)e.Element!));
        Assert.Null(Store.SortedSetScore("st:pop", "m0"));
        Assert.Equal(292, Store.SortedSetLength("st:pop"));
        IsCompact("st:pop");

        Assert.Equal(292, Store.SortedSetPop("st:pop", 1000).Length);
        Assert.False(Store.KeyExists("st:pop"));
    }

    [Fact]
    public void Zmpop_checks_the_type_of_the_first_existing_key_only()
    {
        Store.StringSet("st:str", "x");
        Store.SortedSetAdd("st:z", "a", 1);
        Assert.Throws<RedisWrongTypeException>(() => Store.SortedSetPop(["st:missing", "st:str", "st:z"], 1));
        var popped = Store.SortedSetPop(["st:missing", "st:z", "st:str"], 1);
        Assert.Equal("st:z", (string?)popped!.Key);
        Assert.Null(Store.SortedSetPop(["st:missing", "st:z"], 1));
    }

    [Fact]
    public void Random_members_from_a_big_set_are_members_and_distinct_when_asked()
    {
        Store.SortedSetAdd("st:rand", Enumerable.Range(0, 500).Select(i => new SortedSetEntry("m" + i, i)).ToArray());
        var distinct = Store.SortedSetRandomMembersWithScores("st:rand", 100);
        Assert.Equal(100, distinct.Select(e => e.Element).Distinct().Count());
        Assert.All(distinct, e => Assert.Equal(Store.SortedSetScore("st:rand", e.Element), e.Score));
        Assert.Equal(1000, Store.SortedSetRandomMembers("st:rand", -1000).Length);
        Assert.Equal(500, Store.SortedSetRandomMembers("st:rand", 600).Distinct().Count());
    }
}
