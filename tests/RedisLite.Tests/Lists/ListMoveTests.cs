using RedisLite.Tests.Infrastructure;

namespace RedisLite.Tests.Lists;

public sealed class ListMoveTests : IDisposable
{
    private readonly TestStore _t = new();

    private DataStore Store => _t.Store;

    public void Dispose() => _t.Dispose();

    private string[] Range(RedisKey key) => Store.ListRange(key).Select(v => v.ToString()!).ToArray();

    [Theory]
    [InlineData(ListSide.Left, ListSide.Left, "a", "b c", "a x")]
    [InlineData(ListSide.Left, ListSide.Right, "a", "b c", "x a")]
    [InlineData(ListSide.Right, ListSide.Left, "c", "a b", "c x")]
    [InlineData(ListSide.Right, ListSide.Right, "c", "a b", "x c")]
    public void Move_takes_and_puts_at_the_given_ends(ListSide from, ListSide to, string moved, string source, string destination)
    {
        Store.ListRightPush("mv:s", ["a", "b", "c"]);
        Store.ListRightPush("mv:d", "x");
        RedisAssert.Value(moved, Store.ListMove("mv:s", "mv:d", from, to));
        Assert.Equal(source.Split(' '), Range("mv:s"));
        Assert.Equal(destination.Split(' '), Range("mv:d"));
    }

    [Fact]
    public void Move_onto_the_same_key_rotates()
    {
        Store.ListRightPush("mv:r", ["a", "b", "c"]);
        RedisAssert.Value("c", Store.ListRightPopLeftPush("mv:r", "mv:r"));
        Assert.Equal(["c", "a", "b"], Range("mv:r"));
        RedisAssert.Value("c", Store.ListMove("mv:r", "mv:r", ListSide.Left, ListSide.Right));
        Assert.Equal(["a", "b", "c"], Range("mv:r"));
        Store.ListRightPush("mv:one", "x");
        RedisAssert.Value("x", Store.ListMove("mv:one", "mv:one", ListSide.Left, ListSide.Left));
        Assert.Equal(["x"], Range("mv:one"));
    }

    [Fact]
    public void Move_of_the_last_element_deletes_the_source_and_creates_the_destination_without_ttl()
    {
        Store.ListRightPush("mv:last", "a");
        Store.KeyExpire("mv:last", TimeSpan.FromSeconds(10));
        RedisAssert.Value("a", Store.ListRightPopLeftPush("mv:last", "mv:new"));
        Assert.False(Store.KeyExists("mv:last"));
        Assert.Equal(["a"], Range("mv:new"));
        Assert.Null(Store.KeyTimeToLive("mv:new"));
    }

    [Fact]
    public void Move_checks_both_types_before_it_moves()
    {
        Store.StringSet("mv:str", "v");
        Store.ListRightPush("mv:src", "a");
        Assert.True(Store.ListMove("mv:missing", "mv:str", ListSide.Left, ListSide.Left).IsNull);
        RedisAssert.Throws(ErrorMessages.WrongType, () => Store.ListMove("mv:src", "mv:str", ListSide.Left, ListSide.Left));
        RedisAssert.Throws(ErrorMessages.WrongType, () => Store.ListRightPopLeftPush("mv:str", "mv:src"));
        Assert.Equal(["a"], Range("mv:src"));
        Assert.Throws<ArgumentOutOfRangeException>(() => Store.ListMove("mv:src", "mv:d", (ListSide)7, ListSide.Left));
    }

    [Fact]
    public void Multi_pop_takes_from_the_first_non_empty_key()
    {
        Store.ListRightPush("mv:m2", ["a", "b", "c"]);
        Store.ListRightPush("mv:m3", "z");
        var result = Store.ListPop(["mv:m1", "mv:m2", "mv:m3"], ListSide.Left, 2);
        Assert.NotNull(result);
        Assert.Equal("mv:m2", result.Key.ToString());
        Assert.Equal(["a", "b"], result.Values.Select(v => v.ToString()));
        result = Store.ListPop(["mv:m2", "mv:m3"], ListSide.Right, 5)!;
        Assert.Equal(["c"], result.Values.Select(v => v.ToString()));
        Assert.False(Store.KeyExists("mv:m2"));
        Assert.Null(Store.ListPop(["mv:m1", "mv:m2"], ListSide.Left));
    }

    [Fact]
    public void Multi_pop_errors_and_wrong_type_order()
    {
        RedisAssert.Throws(ErrorMessages.NumKeysNotPositive, () => Store.ListPop([], ListSide.Left));
        RedisAssert.Throws(ErrorMessages.CountNotPositive, () => Store.ListPop(["mv:e"], ListSide.Left, 0));
        RedisAssert.Throws(ErrorMessages.CountNotPositive, () => Store.ListPop(["mv:e"], ListSide.Left, -1));
        Store.StringSet("mv:es", "v");
        Store.ListRightPush("mv:el", "a");
        RedisAssert.Throws(ErrorMessages.WrongType, () => Store.ListPop(["mv:none", "mv:es", "mv:el"], ListSide.Left));
        Assert.Equal("mv:el", Store.ListPop(["mv:el", "mv:es"], ListSide.Left)!.Key.ToString());
    }
}
