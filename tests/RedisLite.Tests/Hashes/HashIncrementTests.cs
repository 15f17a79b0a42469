using RedisLite.Tests.Infrastructure;

namespace RedisLite.Tests.Hashes;

public sealed class HashIncrementTests : IDisposable
{
    private readonly TestStore _t = new();

    private DataStore Store => _t.Store;

    public void Dispose() => _t.Dispose();

    [Fact]
    public void Hincrby_starts_from_zero_and_stores_decimal_text()
    {
        Assert.Equal(5, Store.HashIncrement("hi:a", "n", 5));
        Assert.Equal(-2, Store.HashIncrement("hi:a", "n", -7));
        Assert.Equal(-1, Store.HashIncrement("hi:a", "n"));
        RedisAssert.Value("-1", Store.HashGet("hi:a", "n"));
        Store.HashSet("hi:a", "t", "  12");
        RedisAssert.Throws(ErrorMessages.HashValueNotInteger, () => Store.HashIncrement("hi:a", "t", 1));
        Store.HashSet("hi:a", "t", "1.0");
        RedisAssert.Throws(ErrorMessages.HashValueNotInteger, () => Store.HashIncrement("hi:a", "t", 1));
        RedisAssert.Value("1.0", Store.HashGet("hi:a", "t"));
    }

    [Fact]
    public void Hincrby_reaches_the_limits_and_refuses_to_overflow()
    {
        Store.HashSet("hi:lim", "max", long.MaxValue - 1);
        Assert.Equal(long.MaxValue, Store.HashIncrement("hi:lim", "max"));
        RedisAssert.Throws(ErrorMessages.IncrementOverflow, () => Store.HashIncrement("hi:lim", "max"));
        RedisAssert.Value("9223372036854775807", Store.HashGet("hi:lim", "max"));
        Assert.Equal(long.MinValue, Store.HashIncrement("hi:lim", "min", long.MinValue));
        RedisAssert.Throws(ErrorMessages.IncrementOverflow, () => Store.HashIncrement("hi:lim", "min", -1));
        Assert.Equal(-1, Store.HashIncrement("hi:lim", "min", long.MaxValue));
        Store.HashSet("hi:lim", "neg", -5);
        Assert.Equal(long.MaxValue - 5, Store.HashIncrement("hi:lim", "neg", long.MaxValue));
    }

    [Fact]
    public void Hincrbyfloat_computes_and_formats_like_incrbyfloat()
    {
        Assert.Equal(10.5, Store.HashIncrement("hf:a", "x", 10.5));
        Assert.Equal(10.6, Store.HashIncrement("hf:a", "x", 0.1));
        RedisAssert.Value("10.6", Store.HashGet("hf:a", "x"));
        Store.HashSet("hf:a", "e", "5.0e3");
        Assert.Equal(5200, Store.HashIncrement("hf:a", "e", 200.0));
        RedisAssert.Value("5200", Store.HashGet("hf:a", "e"));

        // The same inputs through INCRBYFLOAT store the same text.
        foreach (var (start, increment) in new[] { ("0.1", 0.2), ("1e20", 1.5), ("-3", 3.0), ("1.7976931348623157e308", 1e308) })
        {
            Store.StringSet("hf:s", start);
            Store.HashSet("hf:h", "f", start);
            Assert.Equal(Store.StringIncrement("hf:s", increment), Store.HashIncrement("hf:h", "f", increment));
            RedisAssert.Value(Store.StringGet("hf:s").ToString()!, Store.HashGet("hf:h", "f"));
        }
    }

    [Fact]
    public void Hincrbyfloat_errors()
    {
        Store.HashSet("hf:err", [new("word", "abc"), new("inf", "inf"), new("n", "1")]);
        RedisAssert.Throws(ErrorMessages.HashValueNotFloat, () => Store.HashIncrement("hf:err", "word", 1.0));
        RedisAssert.Throws(ErrorMessages.IncrementNaNOrInfinity, () => Store.HashIncrement("hf:err", "inf", 1.0));
        RedisAssert.Throws(ErrorMessages.HashIncrementNaNOrInfinity, () => Store.HashIncrement("hf:err", "n", double.NegativeInfinity));
        RedisAssert.Throws(ErrorMessages.NotFloat, () => Store.HashIncrement("hf:err", "n", double.NaN));
        RedisAssert.Throws(ErrorMessages.NotFloat, () => Store.HashIncrementByFloat("hf:err", "n", "1x"u8));

        // The increment is checked before the key's type, as Redis does.
        Store.StringSet("hf:str", "1");
        RedisAssert.Throws(ErrorMessages.NotFloat, () => Store.HashIncrementByFloat("hf:str", "n", "abc"u8));
        RedisAssert.Throws(ErrorMessages.HashIncrementNaNOrInfinity, () => Store.HashIncrementByFloat("hf:str", "n", "inf"u8));
        RedisAssert.Throws(ErrorMessages.WrongType, () => Store.HashIncrementByFloat("hf:str", "n", "1"u8));
        RedisAssert.Value("1", Store.HashGet("hf:err", "n"));
    }

    [Fact]
    public void A_long_float_result_moves_the_hash_to_the_table_encoding()
    {
        Store.HashSet("hf:long", [new("a", "1"), new("b", "2")]);
        Assert.True(HashTestData.IsCompact(Store, "hf:long"));
        Store.HashIncrement("hf:long", "a", 1e100);
        
        // 1e100 as a long double is 9.99...e99: 100 digits, as Redis 7.0.15 prints it.
        Assert.Equal(100, Store.HashStringLength("hf:long", "a"));
        Assert.False(HashTestData.IsCompact(Store, "hf:long"));
        RedisAssert.Value("2", Store.HashGet("hf:long", "b"));
    }
}
