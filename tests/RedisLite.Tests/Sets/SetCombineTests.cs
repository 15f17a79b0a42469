using RedisLite.Tests.Infrastructure;

namespace RedisLite.Tests.Sets;

/// <summary>SUNION, SINTER, SDIFF, their STORE forms and SINTERCARD.</summary>
public sealed class SetCombineTests : IDisposable
{
    private readonly TestStore _t = new();

    private DataStore Store => _t.Store;

    public void Dispose() => _t.Dispose();

    private void Seed(string prefix)
    {
        Store.SetAdd(prefix + "a", ["1", "2", "3", "x"]);
        Store.SetAdd(prefix + "b", ["2", "3", "4"]);
        Store.SetAdd(prefix + "c", ["3", "x", "y"]);
    }

    [Fact]
    public void Union_intersection_and_difference()
    {
        Seed("op:");
        SetAssert.Members(["1", "2", "3", "4", "x", "y"], Store.SetCombine(SetOperation.Union, ["op:a", "op:b", "op:c"]));
        SetAssert.Members(["3"], Store.SetCombine(SetOperation.Intersect, ["op:a", "op:b", "op:c"]));
        SetAssert.Members(["2", "3"], Store.SetCombine(SetOperation.Intersect, ["op:a", "op:b"]));
        SetAssert.Members(["1"], Store.SetCombine(SetOperation.Difference, ["op:a", "op:b", "op:c"]));
        SetAssert.Members(["1", "2", "3", "x"], Store.SetCombine(SetOperation.Difference, ["op:a"]));
        SetAssert.Members(["1", "2", "3", "x"], Store.SetCombine(SetOperation.Intersect, ["op:a", "op:a"]));
        Assert.Empty(Store.SetCombine(SetOperation.Difference, ["op:a", "op:a"]));
    }

    [Fact]
    public void A_missing_key_is_an_empty_set()
    {
        Seed("mk:");
        Assert.Empty(Store.SetCombine(SetOperation.Intersect, ["mk:a", "mk:missing"]));
        SetAssert.Members(["1", "2", "3", "x"], Store.SetCombine(SetOperation.Union, ["mk:missing", "mk:a"]));
        SetAssert.Members(["1", "2", "3", "x"], Store.SetCombine(SetOperation.Difference, ["mk:a", "mk:missing"]));
        Assert.Empty(Store.SetCombine(SetOperation.Difference, ["mk:missing", "mk:a"]));
        Assert.Equal(0, Store.SetIntersectionLength(["mk:a", "mk:missing"]));
    }

    [Fact]
    public void A_key_of_another_type_errs_even_beside_a_missing_key()
    {
        Seed("wt:");
        Store.StringSet("wt:s", "v");
        foreach (var op in new[] { SetOperation.Union, SetOperation.Intersect, SetOperation.Difference })
        {
            RedisAssert.Throws(ErrorMessages.WrongType, () => Store.SetCombine(op, ["wt:missing", "wt:s"]));
            RedisAssert.Throws(ErrorMessages.WrongType, () => Store.SetCombine(op, ["wt:a", "wt:s"]));
            RedisAssert.Throws(ErrorMessages.WrongType, () => Store.SetCombineAndStore(op, "wt:dest", ["wt:missing", "wt:s"]));
        }

        RedisAssert.Throws(ErrorMessages.WrongType, () => Store.SetIntersectionLength(["wt:missing", "wt:s"]));
        Assert.False(Store.KeyExists("wt:dest"));
    }

    [Fact]
    public void Store_replaces_the_destination_drops_its_ttl_and_deletes_it_for_an_empty_result()
    {
        Seed("st:");
        Store.StringSet("st:dest", "old", Expiration.In(TimeSpan.FromSeconds(30)));

        Assert.Equal(6, Store.SetCombineAndStore(SetOperation.Union, "st:dest", ["st:a", "st:b", "st:c"]));
        Assert.Equal(RedisType.Set, Store.KeyType("st:dest"));
        Assert.Null(Store.KeyTimeToLive("st:dest"));
        SetAssert.Members(["1", "2", "3", "4", "x", "y"], Store.SetMembers("st:dest"));

        Store.KeyExpire("st:dest", TimeSpan.FromSeconds(30));
        Assert.Equal(1, Store.SetCombineAndStore(SetOperation.Intersect, "st:dest", ["st:a", "st:b", "st:c"]));
        Assert.Null(Store.KeyTimeToLive("st:dest"));

        Assert.Equal(0, Store.SetCombineAndStore(SetOperation.Intersect, "st:dest", ["st:a", "st:missing"]));
        Assert.False(Store.KeyExists("st:dest"));

        Store.SetAdd("st:dest", "z");
        Assert.Equal(0, Store.SetCombineAndStore(SetOperation.Difference, "st:dest", ["st:a", "st:a"]));
        Assert.False(Store.KeyExists("st:dest"));
    }

    [Fact]
    public void The_destination_may_be_a_source()
    {
        Seed("self:");
        Assert.Equal(2, Store.SetCombineAndStore(SetOperation.Intersect, "self:a", ["self:a", "self:b"]));
        SetAssert.Members(["2", "3"], Store.SetMembers("self:a"));
        Assert.Equal(1, Store.SetCombineAndStore(SetOperation.Difference, "self:b", ["self:b", "self:a"]));
        SetAssert.Members(["4"], Store.SetMembers("self:b"));
        SetAssert.Members(["2", "3"], Store.SetMembers("self:a"));
    }

    [Fact]
    public void Stored_results_are_independent_of_their_sources()
    {
        Seed("ind:");
        Store.SetCombineAndStore(SetOperation.Union, "ind:u", ["ind:a"]);
        Store.SetAdd("ind:u", "new");
        Store.SetRemove("ind:a", "1");
        SetAssert.Members(["1", "2", "3", "new", "x"], Store.SetMembers("ind:u"));
        SetAssert.Members(["2", "3", "x"], Store.SetMembers("ind:a"));
    }

    [Fact]
    public void Intersection_length_honours_the_limit()
    {
        Store.SetAdd("card:a", Enumerable.Range(0, 100).Select(i => (RedisValue)i).ToArray());
        Store.SetAdd("card:b", Enumerable.Range(50, 100).Select(i => (RedisValue)i).ToArray());

        Assert.Equal(50, Store.SetIntersectionLength(["card:a", "card:b"]));
        Assert.Equal(50, Store.SetIntersectionLength(["card:a", "card:b"], 0));
        Assert.Equal(10, Store.SetIntersectionLength(["card:a", "card:b"], 10));
        Assert.Equal(50, Store.SetIntersectionLength(["card:a", "card:b"], 1000));
        Assert.Equal(100, Store.SetIntersectionLength(["card:a"]));
        RedisAssert.Throws(ErrorMessages.LimitNegative, () => Store.SetIntersectionLength(["card:a"], -1));
        Store.StringSet("card:s", "v");
        RedisAssert.Throws(ErrorMessages.LimitNegative, () => Store.SetIntersectionLength(["card:s"], -1));
    }

    [Fact]
    public void Empty_key_arrays_and_bad_operations_are_rejected()
    {
        RedisAssert.Throws(ErrorMessages.WrongArgumentCount("sunion"), () => Store.SetCombine(SetOperation.Union, []));
        RedisAssert.Throws(ErrorMessages.WrongArgumentCount("sinter"), () => Store.SetCombine(SetOperation.Intersect, []));
        RedisAssert.Throws(ErrorMessages.WrongArgumentCount("sdiff"), () => Store.SetCombine(SetOperation.Difference, []));
        RedisAssert.Throws(ErrorMessages.WrongArgumentCount("sunionstore"), () => Store.SetCombineAndStore(SetOperation.Union, "d", []));
        RedisAssert.Throws(ErrorMessages.WrongArgumentCount("sinterstore"), () => Store.SetCombineAndStore(SetOperation.Intersect, "d", []));
        RedisAssert.Throws(ErrorMessages.WrongArgumentCount("sdiffstore"), () => Store.SetCombineAndStore(SetOperation.Difference, "d", []));
        RedisAssert.Throws(ErrorMessages.WrongArgumentCount("sintercard"), () => Store.SetIntersectionLength([]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Store.SetCombine((SetOperation)7, ["a"]));
        Assert.Throws<ArgumentException>(() => Store.SetCombine(SetOperation.Union, ["a", default]));
    }

    [Fact]
    public void Large_sets_combine_like_a_model()
    {
        var random = new Random(7);
        var models = new HashSet<string>[3];
        for (var i = 0; i < 3; i++)
        {
            models[i] = new HashSet<string>(StringComparer.Ordinal);
            for (var j = 0; j < 3000; j++)
            {
                var member = random.Next(2) == 0 ? random.Next(5000).ToString(System.Globalization.CultureInfo.InvariantCulture) : "s" + random.Next(5000);
                models[i].Add(member);
                Store.SetAdd("big:" + i, member);
            }
        }

        RedisKey[] keys = ["big:0", "big:1", "big:2"];
        var union = new HashSet<string>(models[0], StringComparer.Ordinal);
        union.UnionWith(models[1]);
        union.UnionWith(models[2]);
        var inter = new HashSet<string>(models[0], StringComparer.Ordinal);
        inter.IntersectWith(models[1]);
        inter.IntersectWith(models[2]);
        var diff = new HashSet<string>(models[0], StringComparer.Ordinal);
        diff.ExceptWith(models[1]);
        diff.ExceptWith(models[2]);

        SetAssert.Members(union, Store.SetCombine(SetOperation.Union, keys));
        SetAssert.Members(inter, Store.SetCombine(SetOperation.Intersect, keys));
        SetAssert.Members(diff, Store.SetCombine(SetOperation.Difference, keys));
        Assert.Equal(inter.Count, Store.SetIntersectionLength(keys));
        Assert.Equal(union.Count, Store.SetCombineAndStore(SetOperation.Union, "big:u", keys));
        Assert.Equal(union.Count, Store.SetLength("big:u"));
    }
}
