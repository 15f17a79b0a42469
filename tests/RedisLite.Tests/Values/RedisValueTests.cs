using System.Text;
using RedisLite.Tests.Infrastructure;

namespace RedisLite.Tests.Values;

public sealed class RedisValueTests : IDisposable
{
    private readonly TestStore _t = new();

    private DataStore Store => _t.Store;

    public void Dispose() => _t.Dispose();

    [Fact]
    public void Null_and_empty_are_different()
    {
        var nul = RedisValue.Null;
        var empty = RedisValue.EmptyString;
        Assert.True(nul.IsNull);
        Assert.True(nul.IsNullOrEmpty);
        Assert.Equal(0, nul.Length);
        Assert.False(empty.IsNull);
        Assert.True(empty.IsNullOrEmpty);
        Assert.Equal(0, empty.Length);
        Assert.NotEqual(nul, empty);
        Assert.False(nul == empty);
        Assert.True(nul != empty);
        Assert.Equal(default(RedisValue), nul);
        Assert.True(((RedisValue)(string?)null).IsNull);
        Assert.True(((RedisValue)(byte[]?)null).IsNull);
        Assert.False(((RedisValue)"").IsNull);
        Assert.False(((RedisValue)Array.Empty<byte>()).IsNull);
        Assert.Equal(empty, (RedisValue)"");
        Assert.Equal(empty, (RedisValue)Array.Empty<byte>());
    }

    [Fact]
    public void Null_converts_to_null_or_zero()
    {
        var nul = RedisValue.Null;
        Assert.Null((string?)nul);
        Assert.Null(nul.ToString());
        Assert.Null((byte[]?)nul);
        Assert.Null(nul.ToArray());
        Assert.Equal(0L, (long)nul);
        Assert.Null((long?)nul);
        Assert.Equal(0, (int)nul);
        Assert.Equal(0.0, (double)nul);
        Assert.Null((double?)nul);
        Assert.True(nul.AsSpan().IsEmpty);
        Assert.True(nul.AsMemory().IsEmpty);
        Assert.False(nul.TryParse(out long _));
        Assert.False(nul.TryParse(out double _));
    }

    [Fact]
    public void String_round_trips_as_utf8()
    {
        RedisValue v = "héllo wörld ✓";
        Assert.Equal("héllo wörld ✓", (string?)v);
        Assert.Equal(Encoding.UTF8.GetByteCount("héllo wörld ✓"), v.Length);
        Assert.Equal(Encoding.UTF8.GetBytes("héllo wörld ✓"), v.ToArray());
        Assert.Equal(Encoding.UTF8.GetBytes("héllo wörld ✓"), v.AsSpan().ToArray());
        Assert.Equal(v, (RedisValue)Encoding.UTF8.GetBytes("héllo wörld ✓"));
    }

    [Theory]
    [InlineData(0L, "0")]
    [InlineData(42L, "42")]
    [InlineData(-7L, "-7")]
    [InlineData(long.MaxValue, "9223372036854775807")]
    [InlineData(long.MinValue, "-9223372036854775808")]
    public void Long_formats_like_redis(long number, string text)
    {
        RedisValue v = number;
        Assert.Equal(text, v.ToString());
        Assert.Equal(text.Length, v.Length);
        Assert.Equal(Encoding.ASCII.GetBytes(text), v.ToArray());
        Assert.Equal((RedisValue)text, v);
        Assert.Equal(((RedisValue)text).GetHashCode(), v.GetHashCode());
        Assert.Equal(number, (long)v);
        Assert.Equal(number, (long)(RedisValue)text);
        Assert.True(v.TryParse(out long parsed));
        Assert.Equal(number, parsed);
    }

    [Fact]
    public void Int_and_bool_conversions()
    {
        Assert.Equal("12", ((RedisValue)12).ToString());
        Assert.Equal("1", ((RedisValue)true).ToString());
        Assert.Equal("0", ((RedisValue)false).ToString());
        Assert.Equal(123, (int)(RedisValue)"123");
        Assert.Throws<InvalidCastException>(() => (int)(RedisValue)"9223372036854775807");
    }

    [Theory]
    [InlineData(1.5, "1.5")]
    [InlineData(3.25, "3.25")]
    [InlineData(-0.5, "-0.5")]
    [InlineData(10.6, "10.6")]
    [InlineData(0.1, "0.1")]
    [InlineData(100.0, "100")]
    [InlineData(double.PositiveInfinity, "inf")]
    [InlineData(double.NegativeInfinity, "-inf")]
    public void Double_formats_in_shortest_round_trip_form(double number, string text)
    {
        RedisValue v = number;
        Assert.Equal(text, v.ToString());
        Assert.Equal(text.Length, v.Length);
        Assert.Equal((RedisValue)text, v);
        Assert.Equal(number, (double)v);
        Assert.Equal(number, (double)(RedisValue)text);
    }

    [Theory]
    [InlineData("0", true, 0L)]
    [InlineData("-1", true, -1L)]
    [InlineData("9223372036854775807", true, long.MaxValue)]
    [InlineData("-9223372036854775808", true, long.MinValue)]
    [InlineData("9223372036854775808", false, 0L)]
    [InlineData("01", false, 0L)]
    [InlineData("+1", false, 0L)]
    [InlineData(" 1", false, 0L)]
    [InlineData("1 ", false, 0L)]
    [InlineData("", false, 0L)]
    [InlineData("1.0", false, 0L)]
    [InlineData("abc", false, 0L)]
    [InlineData("-", false, 0L)]
    public void TryParse_long_is_strict(string text, bool ok, long expected)
    {
        RedisValue v = text;
        Assert.Equal(ok, v.TryParse(out long parsed));
        if (ok)
        {
            Assert.Equal(expected, parsed);
        }
        else
        {
            Assert.Throws<InvalidCastException>(() => (long)v);
        }
    }

    [Theory]
    [InlineData("1.5", true, 1.5)]
    [InlineData("-2", true, -2.0)]
    [InlineData("1e3", true, 1000.0)]
    [InlineData("5.0e3", true, 5000.0)]
    [InlineData("inf", true, double.PositiveInfinity)]
    [InlineData("-inf", true, double.NegativeInfinity)]
    [InlineData("nan", false, 0.0)]
    [InlineData(" 1", false, 0.0)]
    [InlineData("1 ", false, 0.0)]
    [InlineData("", false, 0.0)]
    [InlineData("abc", false, 0.0)]
    public void TryParse_double_follows_redis(string text, bool ok, double expected)
    {
        RedisValue v = text;
        Assert.Equal(ok, v.TryParse(out double parsed));
        if (ok)
        {
            Assert.Equal(expected, parsed);
        }
        else
        {
            Assert.Throws<InvalidCastException>(() => (double)v);
        }
    }

    [Fact]
    public void Equality_is_by_bytes_whatever_the_source()
    {
        var bytes = "abc"u8.ToArray();
        RedisValue fromString = "abc";
        RedisValue fromBytes = bytes;
        RedisValue fromMemory = new ReadOnlyMemory<byte>("xxabcxx"u8.ToArray(), 2, 3);
        Assert.Equal(fromString, fromBytes);
        Assert.Equal(fromString, fromMemory);
        Assert.True(fromBytes == fromMemory);
        Assert.Equal(fromString.GetHashCode(), fromBytes.GetHashCode());
        Assert.Equal(fromString.GetHashCode(), fromMemory.GetHashCode());
        Assert.True(fromString.Equals((object)fromMemory));
        Assert.False(fromString.Equals((object)"abc")); // a string is not a RedisValue
        Assert.True(fromString.Equals("abc")); // ...but converts to one
        Assert.NotEqual(fromString, (RedisValue)"abd");
        Assert.NotEqual(fromString, (RedisValue)"ab");
    }

    [Fact]
    public void Memory_slice_conversions()
    {
        var backing = "0123456789"u8.ToArray();
        RedisValue v = new ReadOnlyMemory<byte>(backing, 3, 4);
        Assert.Equal("3456", v.ToString());
        Assert.Equal(4, v.Length);
        ReadOnlyMemory<byte> back = v;
        Assert.Equal("3456"u8.ToArray(), back.ToArray());
        Assert.Equal("3456"u8.ToArray(), v.AsMemory().ToArray());
    }

    [Fact]
    public void ToArray_returns_a_copy()
    {
        var source = "hello"u8.ToArray();
        RedisValue v = source;
        var copy = v.ToArray()!;
        copy[0] = (byte)'J';
        Assert.Equal("hello", v.ToString());
        var copy2 = ((byte[]?)v)!;
        Assert.NotSame(copy, copy2);
        Assert.NotSame(source, copy2);
    }

    [Fact]
    public void Mutating_the_array_passed_to_set_does_not_change_stored_data()
    {
        var bytes = "original"u8.ToArray();
        Store.StringSet("val:alias", bytes);
        bytes[0] = (byte)'X';
        RedisAssert.Value("original", Store.StringGet("val:alias"));

        var msetBytes = "mset-original"u8.ToArray();
        Store.StringSet([new KeyValuePair<RedisKey, RedisValue>("val:alias:mset", msetBytes)]);
        msetBytes[0] = (byte)'X';
        RedisAssert.Value("mset-original", Store.StringGet("val:alias:mset"));

        var appendBytes = "tail"u8.ToArray();
        Store.StringAppend("val:alias:append", appendBytes);
        appendBytes[0] = (byte)'X';
        RedisAssert.Value("tail", Store.StringGet("val:alias:append"));

        var rangeBytes = "mid"u8.ToArray();
        Store.StringSetRange("val:alias:range", 2, rangeBytes);
        rangeBytes[0] = (byte)'X';
        Assert.Equal("\0\0mid"u8.ToArray(), Store.StringGet("val:alias:range").ToArray());

        var memoryBacking = "..slice.."u8.ToArray();
        Store.StringSet("val:alias:memory", new ReadOnlyMemory<byte>(memoryBacking, 2, 5));
        memoryBacking[2] = (byte)'X';
        RedisAssert.Value("slice", Store.StringGet("val:alias:memory"));

        var getSetBytes = "gs"u8.ToArray();
        Store.StringGetSet("val:alias:getset", getSetBytes);
        getSetBytes[0] = (byte)'X';
        RedisAssert.Value("gs", Store.StringGet("val:alias:getset"));
    }

    [Fact]
    public void Mutating_a_copy_of_a_returned_value_does_not_change_stored_data()
    {
        Store.StringSet("val:returned", "stored");
        var value = Store.StringGet("val:returned");
        var copy = value.ToArray()!;
        copy[0] = (byte)'X';
        var cast = ((byte[]?)value)!;
        cast[1] = (byte)'Y';
        RedisAssert.Value("stored", Store.StringGet("val:returned"));
        RedisAssert.Value("stored", value);
    }

    [Fact]
    public void Returned_values_are_not_changed_by_later_writes()
    {
        Store.StringSet("val:snapshot", "hello");
        var before = Store.StringGet("val:snapshot");
        var range = Store.StringGetRange("val:snapshot", 1, 3);

        Store.StringSetRange("val:snapshot", 0, "J");
        Store.StringAppend("val:snapshot", " world");
        Store.StringSetRange("val:snapshot", 1, "EL");
        RedisAssert.Value("hello", before);
        RedisAssert.Value("ell", range);
        RedisAssert.Value("JELlo world", Store.StringGet("val:snapshot"));

        Store.StringSet("val:counter", "10");
        var counter = Store.StringGet("val:counter");
        Store.StringIncrement("val:counter", 5);
        RedisAssert.Value("10", counter);

        var old = Store.StringGetSet("val:counter", "x");
        Store.StringAppend("val:counter", "yz");
        RedisAssert.Value("15", old);

        Store.StringSet("val:src", "abc");
        Store.KeyCopy("val:src", "val:dst");
        var copied = Store.StringGet("val:dst");
        Store.StringSetRange("val:src", 0, "Z");
        RedisAssert.Value("abc", copied);
        RedisAssert.Value("abc", Store.StringGet("val:dst"));
    }

    [Fact]
    public void Values_returned_by_mget_are_independent_of_later_writes()
    {
        Store.StringSet("val:mget:a", "aaaa");
        var values = Store.StringGet(["val:mget:a", "val:mget:a"]);
        Store.StringSetRange("val:mget:a", 0, "bb");
        RedisAssert.Value("aaaa", values[0]);
        RedisAssert.Value("aaaa", values[1]);
    }
}
