using RedisLite.Tests.Infrastructure;

namespace RedisLite.Tests.Lists;

public sealed class ListSearchTests : IDisposable
{
    private readonly TestStore _t = new();

    private DataStore Store => _t.Store;

    public void Dispose() => _t.Dispose();

    private string[] Range(RedisKey key) => Store.ListRange(key).Select(v => v.ToString()!).ToArray();

    [Fact]
    public void Insert_before_and_after_the_first_pivot()
    {
        Store.ListRightPush("se:i", ["a", "b", "a"]);
        Assert.Equal(4, Store.ListInsertBefore("se:i", "a", "x"));
        Assert.Equal(5, Store.ListInsertAfter("se:i", "a", "y"));
        Assert.Equal(6, Store.ListInsertAfter("se:i", "a", "z"));
        Assert.Equal(["x", "a", "z", "y", "b", "a"], Range("se:i"));
        Assert.Equal(-1, Store.ListInsertBefore("se:i", "nope", "q"));
        Assert.Equal(0, Store.ListInsertAfter("se:none", "a", "q"));
        Assert.False(Store.KeyExists("se:none"));
    }

    [Fact]
    public void Insert_near_the_tail_and_head_keeps_order()
    {
        for (var i = 0; i < 20; i++)
        {
            Store.ListRightPush("se:big", i);
        }

        Store.ListInsertAfter("se:big", 18, "t");
        Store.ListInsertBefore("se:big", 1, "h");
        var expected = Enumerable.Range(0, 20).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        expected.Insert(19, "t");
        expected.Insert(1, "h");
        Assert.Equal(expected, Range("se:big"));
    }

    [Theory]
    [InlineData(0, 4, "b c d")]
    [InlineData(1, 1, "b a c a d a")]
    [InlineData(2, 2, "b c a d a")]
    [InlineData(-1, 1, "a b a c a d")]
    [InlineData(-2, 2, "a b a c d")]
    [InlineData(100, 4, "b c d")]
    [InlineData(long.MinValue, 4, "b c d")]
    public void Remove_counts_from_the_head_the_tail_or_all(long count, long removed, string left)
    {
        Store.ListRightPush("se:r", ["a", "b", "a", "c", "a", "d", "a"]);
        Assert.Equal(removed, Store.ListRemove("se:r", "a", count));
        Assert.Equal(left.Split(' '), Range("se:r"));
    }

    [Fact]
    public void Remove_of_everything_deletes_the_key()
    {
        Store.ListRightPush("se:all", ["a", "a"]);
        Assert.Equal(2, Store.ListRemove("se:all", "a"));
        Assert.False(Store.KeyExists("se:all"));
        Assert.Equal(0, Store.ListRemove("se:all", "a"));
    }

    [Fact]
    public void Position_honours_rank_count_and_maxlen()
    {
        // index:               0    1    2    3    4    5    6
        Store.ListRightPush("se:p", ["a", "b", "c", "1", "2", "3", "c"]);
        Store.ListRightPush("se:p", "c"); // 7
        Assert.Equal(2, Store.ListPosition("se:p", "c"));
        Assert.Equal(6, Store.ListPosition("se:p", "c", rank: 2));
        Assert.Equal(7, Store.ListPosition("se:p", "c", rank: -1));
        Assert.Equal(6, Store.ListPosition("se:p", "c", rank: -2));
        Assert.Equal(-1, Store.ListPosition("se:p", "c", rank: 4));
        Assert.Equal(-1, Store.ListPosition("se:p", "c", maxLength: 2));
        Assert.Equal(2, Store.ListPosition("se:p", "c", maxLength: 3));
        Assert.Equal(7, Store.ListPosition("se:p", "c", rank: long.MinValue));
        Assert.Equal([2, 6], Store.ListPositions("se:p", "c", 2));
        Assert.Equal([2, 6, 7], Store.ListPositions("se:p", "c", 0));
        Assert.Equal([6, 7], Store.ListPositions("se:p", "c", 0, rank: 2));
        Assert.Equal([7, 6, 2], Store.ListPositions("se:p", "c", 0, rank: -1));
        Assert.Equal([7, 6], Store.ListPositions("se:p", "c", 0, rank: -1, maxLength: 2));
        Assert.Empty(Store.ListPositions("se:p", "zz", 0));
        Assert.Empty(Store.ListPositions("se:none", "c", 1));
        Assert.Equal(-1, Store.ListPosition("se:none", "c"));
    }

    [Fact]
    public void Position_errors_are_redis_words()
    {
        RedisAssert.Throws(ErrorMessages.RankZero, () => Store.ListPosition("se:e", "a", rank: 0));
        RedisAssert.Throws(ErrorMessages.CountNegative, () => Store.ListPositions("se:e", "a", -1));
        RedisAssert.Throws(ErrorMessages.MaxLenNegative, () => Store.ListPosition("se:e", "a", maxLength: -1));
        RedisAssert.Throws(ErrorMessages.RankZero, () => Store.ListPositions("se:e", "a", -1, rank: 0));
        Store.StringSet("se:e", "v");
        RedisAssert.Throws(ErrorMessages.RankZero, () => Store.ListPosition("se:e", "a", rank: 0));
    }
}
