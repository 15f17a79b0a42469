using System.Globalization;
using RedisLite.Tests.Infrastructure;

namespace RedisLite.Tests.Strings;

public sealed class StringIncrementTests : IDisposable
{
    private readonly TestStore _t = new();

    private DataStore Store => _t.Store;

    public void Dispose() => _t.Dispose();

    [Fact]
    public void Incr_on_missing_key_starts_from_zero()
    {
        Assert.Equal(1, Store.StringIncrement("incr:new"));
        Assert.Equal(2, Store.StringIncrement("incr:new"));
        RedisAssert.Value("2", Store.StringGet("incr:new"));
        Assert.Null(Store.KeyTimeToLive("incr:new"));
    }

    [Fact]
    public void Incrby_decr_decrby()
    {
        Store.StringSet("incr:k", "10");
        Assert.Equal(15, Store.StringIncrement("incr:k", 5));
        Assert.Equal(14, Store.StringDecrement("incr:k"));
        Assert.Equal(4, Store.StringDecrement("incr:k", 10));
        Assert.Equal(-6, Store.StringIncrement("incr:k", -10));
        Assert.Equal(-1, Store.StringDecrement("incr:k", -5));
        RedisAssert.Value("-1", Store.StringGet("incr:k"));
        Assert.Equal(-1, Store.StringDecrement("decr:new"));
    }

    [Fact]
    public void Increment_reaches_the_limits_exactly()
    {
        Store.StringSet("incr:limit", long.MaxValue - 1);
        Assert.Equal(long.MaxValue, Store.StringIncrement("incr:limit"));
        Store.StringSet("decr:limit", "0");
        Assert.Equal(-long.MaxValue, Store.StringDecrement("decr:limit", long.MaxValue));
        Assert.Equal(long.MinValue, Store.StringDecrement("decr:limit", 1));
        RedisAssert.Value("-9223372036854775808", Store.StringGet("decr:limit"));
        Assert.Equal(long.MinValue, Store.StringIncrement("incrby:min", long.MinValue));
    }

    [Fact]
    public void Increment_overflow_is_an_error_and_leaves_value()
    {
        Store.StringSet("incr:overflow", "9223372036854775807");
        RedisAssert.Throws("ERR increment or decrement would overflow", () => Store.StringIncrement("incr:overflow"));
        RedisAssert.Throws(ErrorMessages.IncrementOverflow, () => Store.StringDecrement("incr:overflow", -1));
        RedisAssert.Value("9223372036854775807", Store.StringGet("incr:overflow"));

        Store.StringSet("incr:underflow", "-9223372036854775808");
        RedisAssert.Throws("ERR increment or decrement would overflow", () => Store.StringDecrement("incr:underflow"));
        RedisAssert.Throws("ERR increment or decrement would overflow", () => Store.StringIncrement("incr:underflow", -1));
        RedisAssert.Value("-9223372036854775808", Store.StringGet("incr:underflow"));

        Store.StringSet("incr:big", "5");
        RedisAssert.Throws("ERR increment or decrement would overflow", () => Store.StringIncrement("incr:big", long.MaxValue));
        RedisAssert.Value("5", Store.StringGet("incr:big"));
    }

    [Fact]
    public void Decrby_min_value_is_its_own_error()
    {
        // DECRBY k -9223372036854775808: the negation overflows, whatever the key holds.
        Store.StringSet("decrby:min", "5");
        RedisAssert.Throws("ERR decrement would overflow", () => Store.StringDecrement("decrby:min", long.MinValue));
        RedisAssert.Value("5", Store.StringGet("decrby:min"));
        RedisAssert.Throws("ERR decrement would overflow", () => Store.StringDecrement("decrby:min:missing", long.MinValue));
        Assert.False(Store.KeyExists("decrby:min:missing"));
        Store.StringSet("decrby:min:text", "abc");
        RedisAssert.Throws("ERR decrement would overflow", () => Store.StringDecrement("decrby:min:text", long.MinValue));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("01")]
    [InlineData("+1")]
    [InlineData("-0")]
    [InlineData("1.0")]
    [InlineData("1e3")]
    [InlineData("9223372036854775808")]
    [InlineData("-9223372036854775809")]
    [InlineData("99999999999999999999")]
    [InlineData("0x10")]
    public void Incr_on_non_integer_is_an_error_and_leaves_value(string stored)
    {
        Store.StringSet("incr:nonint", stored, TimeSpan.FromSeconds(30));
        RedisAssert.Throws("ERR value is not an integer or out of range", () => Store.StringIncrement("incr:nonint"));
        RedisAssert.Throws(ErrorMessages.NotInteger, () => Store.StringDecrement("incr:nonint", 3));
        RedisAssert.Value(stored, Store.StringGet("incr:nonint"));
        Assert.Equal(TimeSpan.FromSeconds(30), Store.KeyTimeToLive("incr:nonint"));
    }

    [Theory]
    [InlineData("0", 1, "1")]
    [InlineData("-5", 5, "0")]
    [InlineData("-1", 0, "-1")]
    [InlineData("9223372036854775806", 1, "9223372036854775807")]
    public void Incr_accepts_canonical_integers(string stored, long by, string expected)
    {
        Store.StringSet("incr:canonical", stored);
        Assert.Equal(long.Parse(expected, CultureInfo.InvariantCulture), Store.StringIncrement("incr:canonical", by));
        RedisAssert.Value(expected, Store.StringGet("incr:canonical"));
    }

    [Fact]
    public void Incr_keeps_ttl()
    {
        Store.StringSet("incr:ttl", "1", TimeSpan.FromSeconds(100));
        _t.Advance(1000);
        Store.StringIncrement("incr:ttl", 41);
        Store.StringDecrement("incr:ttl");
        RedisAssert.Value("41", Store.StringGet("incr:ttl"));
        Assert.Equal(TimeSpan.FromSeconds(99), Store.KeyTimeToLive("incr:ttl"));
    }

    [Fact]
    public void Incr_on_expired_key_starts_from_zero_without_ttl()
    {
        Store.StringSet("incr:expired", "100", Expiration.InMilliseconds(10));
        _t.Advance(11);
        Assert.Equal(1, Store.StringIncrement("incr:expired"));
        Assert.Null(Store.KeyTimeToLive("incr:expired"));
    }

    [Fact]
    public void Incrbyfloat_10_5_plus_0_1_is_stored_as_10_6()
    {
        Store.StringSet("incrbyfloat:k", "10.5");
        Assert.Equal(10.6, Store.StringIncrement("incrbyfloat:k", 0.1), 10);
        RedisAssert.Value("10.6", Store.StringGet("incrbyfloat:k"));
        Assert.Equal(4, Store.StringLength("incrbyfloat:k"));

        Store.StringSet("incrbyfloat:k2", "10.50");
        Store.StringIncrement("incrbyfloat:k2", 0.1);
        RedisAssert.Value("10.6", Store.StringGet("incrbyfloat:k2"));
    }

    [Fact]
    public void Incrbyfloat_formats_like_redis()
    {
        // Results that a double holds exactly the way Redis prints them (checked against redis-server 7.0).
        Assert.Equal(3, Store.StringIncrement("incrbyfloat:missing", 3.0));
        RedisAssert.Value("3", Store.StringGet("incrbyfloat:missing"));
        Assert.Equal(0, Store.StringIncrement("incrbyfloat:missing", -3.0));
        RedisAssert.Value("0", Store.StringGet("incrbyfloat:missing"));

        Store.StringSet("incrbyfloat:exp", "5.0e3");
        Assert.Equal(5200, Store.StringIncrement("incrbyfloat:exp", 2.0e2));
        RedisAssert.Value("5200", Store.StringGet("incrbyfloat:exp"));

        Store.StringSet("incrbyfloat:int", "5");
        Store.StringIncrement("incrbyfloat:int", 1.0);
        RedisAssert.Value("6", Store.StringGet("incrbyfloat:int"));

        Store.StringSet("incrbyfloat:half", "1.5");
        Store.StringIncrement("incrbyfloat:half", -0.5);
        RedisAssert.Value("1", Store.StringGet("incrbyfloat:half"));

        Store.StringIncrement("incrbyfloat:small", 0.5);
        Store.StringIncrement("incrbyfloat:small", 1e-5);
        RedisAssert.Value("0.50001", Store.StringGet("incrbyfloat:small"));

        Store.StringIncrement("incrbyfloat:neg", -2.25);
        RedisAssert.Value("-2.25", Store.StringGet("incrbyfloat:neg"));

        // The stored result is an integer-looking string again, so INCR works on it.
        Assert.Equal(7, Store.StringIncrement("incrbyfloat:int"));
    }

    [Theory]
    [InlineData("0.1", 0.2, "0.3")] // Redis computes in long double: 0.3, not 0.30000000000000004
    [InlineData("0.1", 0.7, "0.8")]
    [InlineData("100", -99.9, "0.1")]
    [InlineData("1.0000000000000000001", 1.0, "2")]
    [InlineData("0x10", 1.0, "17")] // strtold accepts hex
    [InlineData("-0", 0.0, "0")]
    [InlineData("3", double.MaxValue, "179769313486231569995921046774104434048386446944329178485314420765176628523124396354701868608387085564428793419425520689308708363451136055357897278026477617073498977686288394835618163294045594434929537447290627480669417384648879122776218333598953852832103282504751611691208117720159985926376802466863339536384")]
    public void Incrbyfloat_matches_redis_long_double_results(string stored, double increment, string expected)
    {
        // Outputs checked against redis-server 7.0.
        Store.StringSet("incrbyfloat:ld", stored);
        Store.StringIncrement("incrbyfloat:ld", increment);
        RedisAssert.Value(expected, Store.StringGet("incrbyfloat:ld"));
    }

    [Fact]
    public void Incrbyfloat_beyond_double_range_succeeds_like_redis()
    {
        // Redis's long double holds 2e308: INCRBYFLOAT replies (and stores) the number, it is not an error.
        const string Expected = "199999999999999999993371759311691291321120199694831134415594095989843469737676123744200253843777078640893494450108026446304269499187921167194841628860392837535918200039206381557326219209014213335878306791577877829121087126122536729803237260434173178506889763247582601711514636284849020905456510092687857156096";
        Store.StringSet("incrbyfloat:huge", "1e308");
        var result = Store.StringIncrement("incrbyfloat:huge", 1e308);
        Assert.True(result >= double.MaxValue, $"returned {result}");
        RedisAssert.Value(Expected, Store.StringGet("incrbyfloat:huge"));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData(" 5")]
    [InlineData("5 ")]
    [InlineData("nan")]
    [InlineData("")]
    public void Incrbyfloat_on_non_float_is_an_error(string stored)
    {
        Store.StringSet("incrbyfloat:bad", stored);
        RedisAssert.Throws("ERR value is not a valid float", () => Store.StringIncrement("incrbyfloat:bad", 1.0));
        RedisAssert.Value(stored, Store.StringGet("incrbyfloat:bad"));
    }

    [Fact]
    public void Incrbyfloat_by_nan_is_not_a_valid_float()
    {
        // INCRBYFLOAT k nan: the increment itself does not parse.
        RedisAssert.Throws("ERR value is not a valid float", () => Store.StringIncrement("incrbyfloat:nanarg", double.NaN));
        Assert.False(Store.KeyExists("incrbyfloat:nanarg"));
    }

    [Fact]
    public void Incrbyfloat_producing_infinity_is_an_error()
    {
        RedisAssert.Throws("ERR increment would produce NaN or Infinity",
            () => Store.StringIncrement("incrbyfloat:inf", double.PositiveInfinity));
        RedisAssert.Throws(ErrorMessages.IncrementNaNOrInfinity,
            () => Store.StringIncrement("incrbyfloat:inf", double.NegativeInfinity));
        Assert.False(Store.KeyExists("incrbyfloat:inf"));

        Store.StringSet("incrbyfloat:storedinf", "inf");
        RedisAssert.Throws("ERR increment would produce NaN or Infinity", () => Store.StringIncrement("incrbyfloat:storedinf", 1.0));
        RedisAssert.Value("inf", Store.StringGet("incrbyfloat:storedinf"));
    }

    [Fact]
    public void Incrbyfloat_keeps_ttl()
    {
        Store.StringSet("incrbyfloat:ttl", "1", TimeSpan.FromSeconds(100));
        Assert.Equal(2.5, Store.StringIncrement("incrbyfloat:ttl", 1.5));
        RedisAssert.Value("2.5", Store.StringGet("incrbyfloat:ttl"));
        Assert.Equal(TimeSpan.FromSeconds(100), Store.KeyTimeToLive("incrbyfloat:ttl"));
        RedisAssert.Throws("ERR value is not an integer or out of range", () => Store.StringIncrement("incrbyfloat:ttl"));
    }
}
