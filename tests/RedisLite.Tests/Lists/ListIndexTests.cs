using RedisLite.Tests.Infrastructure;

namespace RedisLite.Tests.Lists;

public sealed class ListIndexTests : IDisposable
{
    private readonly TestStore _t = new();

    private DataStore Store => _t.Store;

    public void Dispose() => _t.Dispose();

    private string[] Range(RedisKey key, long start = 0, long stop = -1) => Store.ListRange(key, start, stop).Select(v => v.ToString()!).ToArray();

    [Theory]
    [InlineData(0, -1, "a b c d e")]
    [InlineData(1, 2, "b c")]
    [InlineData(-2, -1, "d e")]
    [InlineData(-100, 1, "a b")]
    [InlineData(3, 100, "d e")]
    [InlineData(4, 3, "")]
    [InlineData(5, 10, "")]
    [InlineData(-1, -2, "")]
    [InlineData(long.MinValue, long.MaxValue, "a b c d e")]
    public void Range_clamps_like_redis(long start, long stop, string expected)
    {
        Store.ListRightPush("ix:r", ["a", "b", "c", "d", "e"]);
        Assert.Equal(expected.Split(' ', StringSplitOptions.RemoveEmptyEntries), Range("ix:r", start, stop));
    }

    [Theory]
    [InlineData(0, -1, "a b c d e")]
    [InlineData(1, 2, "b c")]
    [InlineData(-2, 100, "d e")]
    [InlineData(4, 3, "")]
    [InlineData(7, 9, "")]
    public void Trim_keeps_the_range_and_deletes_an_emptied_key(long start, long stop, string expected)
    {
        Store.ListRightPush("ix:t", ["a", "b", "c", "d", "e"]);
        Store.ListTrim("ix:t", start, stop);
        var kept = expected.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(kept, Range("ix:t"));
        Assert.Equal(kept.Length > 0, Store.KeyExists("ix:t"));
    }

    [Fact]
    public void Trim_of_a_missing_key_does_nothing() => Store.ListTrim("ix:none", 0, 1);

    [Fact]
    public void Index_counts_from_either_end()
    {
        Store.ListRightPush("ix:i", ["a", "b", "c"]);
        RedisAssert.Value("a", Store.ListGetByIndex("ix:i", 0));
        RedisAssert.Value("c", Store.ListGetByIndex("ix:i", -1));
        RedisAssert.Value("a", Store.ListGetByIndex("ix:i", -3));
        Assert.True(Store.ListGetByIndex("ix:i", 3).IsNull);
        Assert.True(Store.ListGetByIndex("ix:i", -4).IsNull);
        Assert.True(Store.ListGetByIndex("ix:i", long.MinValue).IsNull);
        Assert.True(Store.ListGetByIndex("ix:none", 0).IsNull);
        Assert.Equal(3, Store.ListLength("ix:i"));
        Assert.Equal(0, Store.ListLength("ix:none"));
    }

    [Fact]
    public void Set_replaces_in_place_or_reports_redis_errors()
    {
        Store.ListRightPush("ix:s", ["a", "b", "c"]);
        Store.ListSetByIndex("ix:s", 1, "B");
        Store.ListSetByIndex("ix:s", -1, "C");
        Assert.Equal(["a", "B", "C"], Range("ix:s"));
        RedisAssert.Throws(ErrorMessages.IndexOutOfRange, () => Store.ListSetByIndex("ix:s", 3, "x"));
        RedisAssert.Throws(ErrorMessages.IndexOutOfRange, () => Store.ListSetByIndex("ix:s", -4, "x"));
        RedisAssert.Throws(ErrorMessages.NoSuchKey, () => Store.ListSetByIndex("ix:none", 0, "x"));
        Assert.False(Store.KeyExists("ix:none"));
    }
}
