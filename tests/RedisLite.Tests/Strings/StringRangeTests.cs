using RedisLite.Tests.Infrastructure;

namespace RedisLite.Tests.Strings;

public sealed class StringRangeTests : IDisposable
{
    private const long MaxStringLength = 512L * 1024 * 1024;

    private readonly TestStore _t = new();

    private DataStore Store => _t.Store;

    public void Dispose() => _t.Dispose();

    [Fact]
    public void Append_creates_then_extends()
    {
        Assert.Equal(5, Store.StringAppend("append:k", "Hello"));
        Assert.Equal(11, Store.StringAppend("append:k", " World"));
        RedisAssert.Value("Hello World", Store.StringGet("append:k"));
        Assert.Equal(11, Store.StringAppend("append:k", ""));
        Assert.Null(Store.KeyTimeToLive("append:k"));
    }

    [Fact]
    public void Append_empty_to_missing_key_creates_an_empty_string()
    {
        Assert.Equal(0, Store.StringAppend("append:empty", RedisValue.EmptyString));
        Assert.True(Store.KeyExists("append:empty"));
        RedisAssert.Value("", Store.StringGet("append:empty"));
    }

    [Fact]
    public void Append_keeps_ttl_and_works_on_numbers()
    {
        Store.StringSet("append:ttl", 12, TimeSpan.FromSeconds(20));
        Assert.Equal(4, Store.StringAppend("append:ttl", 34));
        RedisAssert.Value("1234", Store.StringGet("append:ttl"));
        Assert.Equal(TimeSpan.FromSeconds(20), Store.KeyTimeToLive("append:ttl"));
        Assert.Equal(1235, Store.StringIncrement("append:ttl"));
    }

    [Fact]
    public void Append_on_expired_key_starts_fresh()
    {
        Store.StringSet("append:expired", "old", Expiration.InMilliseconds(10));
        _t.Advance(11);
        Assert.Equal(3, Store.StringAppend("append:expired", "new"));
        RedisAssert.Value("new", Store.StringGet("append:expired"));
        Assert.Null(Store.KeyTimeToLive("append:expired"));
    }

    [Fact]
    public void Append_many_times_builds_the_whole_string()
    {
        var expected = new System.Text.StringBuilder();
        for (var i = 0; i < 500; i++)
        {
            var piece = (i % 10).ToString(System.Globalization.CultureInfo.InvariantCulture);
            expected.Append(piece);
            Assert.Equal(expected.Length, Store.StringAppend("append:many", piece));
        }

        RedisAssert.Value(expected.ToString(), Store.StringGet("append:many"));
    }

    [Fact]
    public void Strlen()
    {
        Assert.Equal(0, Store.StringLength("strlen:missing"));
        Store.StringSet("strlen:k", "héllo"); // UTF-8: é is two bytes
        Assert.Equal(6, Store.StringLength("strlen:k"));
        Store.StringSet("strlen:bin", new byte[] { 0, 0, 0 });
        Assert.Equal(3, Store.StringLength("strlen:bin"));
    }

    [Theory]
    [InlineData(0, 4, "Hello")]
    [InlineData(-5, -1, "World")]
    [InlineData(-100, 2, "Hel")]
    [InlineData(5, 100, " World")]
    [InlineData(5, 2, "")]
    [InlineData(-1, -5, "")]
    [InlineData(100, 200, "")]
    [InlineData(0, -1, "Hello World")]
    [InlineData(10, 10, "d")]
    [InlineData(11, 11, "")]
    [InlineData(0, -100, "H")] // Redis 7.0: a negative end before the start clamps to 0
    [InlineData(-100, -100, "H")]
    [InlineData(-100, -5, "Hello W")]
    [InlineData(-5, -100, "")] // Redis 7.0: both negative and start > end is empty before clamping
    [InlineData(-1, -100, "")]
    [InlineData(-12, -12, "H")]
    [InlineData(1, -100, "")]
    [InlineData(long.MinValue, long.MaxValue, "Hello World")]
    [InlineData(long.MaxValue, long.MaxValue, "")]
    public void Getrange(long start, long end, string expected)
    {
        Store.StringSet("getrange:k", "Hello World");
        RedisAssert.Value(expected, Store.StringGetRange("getrange:k", start, end));
    }

    [Fact]
    public void Getrange_on_missing_or_empty_string_is_empty()
    {
        RedisAssert.Value("", Store.StringGetRange("getrange:missing", 0, -1));
        Store.StringSet("getrange:empty", "");
        RedisAssert.Value("", Store.StringGetRange("getrange:empty", 0, -1));
        RedisAssert.Value("", Store.StringGetRange("getrange:empty", 0, 0));
        RedisAssert.Value("", Store.StringGetRange("getrange:empty", -1, -1));
    }

    [Fact]
    public void Getrange_on_a_number()
    {
        Store.StringSet("getrange:num", 123456);
        RedisAssert.Value("234", Store.StringGetRange("getrange:num", 1, 3));
    }

    [Fact]
    public void Setrange_pads_with_zero_bytes()
    {
        Assert.Equal(7, Store.StringSetRange("setrange:pad", 5, "ab"));
        Assert.Equal(new byte[] { 0, 0, 0, 0, 0, (byte)'a', (byte)'b' }, Store.StringGet("setrange:pad").ToArray());

        Store.StringSet("setrange:k", "Hello World");
        Assert.Equal(11, Store.StringSetRange("setrange:k", 6, "Redis"));
        RedisAssert.Value("Hello Redis", Store.StringGet("setrange:k"));
        Assert.Equal(14, Store.StringSetRange("setrange:k", 12, "!!"));
        Assert.Equal("Hello Redis\0!!"u8.ToArray(), Store.StringGet("setrange:k").ToArray());
        Assert.Equal(14, Store.StringSetRange("setrange:k", 0, "J"));
        Assert.Equal("Jello Redis\0!!"u8.ToArray(), Store.StringGet("setrange:k").ToArray());
    }

    [Fact]
    public void Setrange_keeps_ttl()
    {
        Store.StringSet("setrange:ttl", "abc", TimeSpan.FromSeconds(10));
        Store.StringSetRange("setrange:ttl", 1, "X");
        RedisAssert.Value("aXc", Store.StringGet("setrange:ttl"));
        Assert.Equal(TimeSpan.FromSeconds(10), Store.KeyTimeToLive("setrange:ttl"));
    }

    [Fact]
    public void Setrange_with_empty_value_only_reports_length()
    {
        Assert.Equal(0, Store.StringSetRange("setrange:empty:missing", 3, ""));
        Assert.False(Store.KeyExists("setrange:empty:missing"));

        Store.StringSet("setrange:empty", "abc");
        Assert.Equal(3, Store.StringSetRange("setrange:empty", 10, ""));
        RedisAssert.Value("abc", Store.StringGet("setrange:empty"));

        // Even an offset past the size limit is fine when nothing is written.
        Assert.Equal(3, Store.StringSetRange("setrange:empty", MaxStringLength + 10, ""));
        Assert.Equal(0, Store.StringSetRange("setrange:empty:missing", MaxStringLength + 10, ""));
    }

    [Fact]
    public void Setrange_negative_offset_is_an_error()
    {
        Store.StringSet("setrange:neg", "abc");
        RedisAssert.Throws("ERR offset is out of range", () => Store.StringSetRange("setrange:neg", -1, "x"));
        RedisAssert.Throws(ErrorMessages.OffsetOutOfRange, () => Store.StringSetRange("setrange:neg:missing", -1, ""));
        RedisAssert.Throws(ErrorMessages.OffsetOutOfRange, () => Store.StringSetRange("setrange:neg", long.MinValue, "x"));
        RedisAssert.Value("abc", Store.StringGet("setrange:neg"));
        Assert.False(Store.KeyExists("setrange:neg:missing"));
    }

    [Theory]
    [InlineData(MaxStringLength)] // offset 536870912 + 1 byte
    [InlineData(MaxStringLength - 1 + 1000)]
    [InlineData(4294967296L)]
    [InlineData(long.MaxValue)] // offset + length overflows a long
    [InlineData(long.MaxValue - 1)]
    public void Setrange_past_512mb_is_an_error_without_allocating(long offset)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        RedisAssert.Throws("ERR string exceeds maximum allowed size (proto-max-bulk-len)",
            () => Store.StringSetRange("setrange:huge:missing", offset, "ab"));
        Assert.False(Store.KeyExists("setrange:huge:missing"));

        Store.StringSet("setrange:huge", "abc", TimeSpan.FromSeconds(5));
        RedisAssert.Throws(ErrorMessages.StringTooLong, () => Store.StringSetRange("setrange:huge", offset, "ab"));
        RedisAssert.Value("abc", Store.StringGet("setrange:huge"));
        Assert.Equal(TimeSpan.FromSeconds(5), Store.KeyTimeToLive("setrange:huge"));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 64L * 1024 * 1024, "the failed SETRANGE allocated a huge buffer");
    }

    [Fact]
    public void Setrange_exactly_at_the_limit_boundary_is_checked_by_the_end_offset()
    {
        // offset + length == 512 MB + 1 fails; the check is on the final length, not the offset alone.
        RedisAssert.Throws("ERR string exceeds maximum allowed size (proto-max-bulk-len)",
            () => Store.StringSetRange("setrange:boundary", MaxStringLength - 1, "ab"));
        Assert.False(Store.KeyExists("setrange:boundary"));
    }
}
