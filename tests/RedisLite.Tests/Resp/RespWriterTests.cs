using System.Buffers;
using System.Text;
using RedisLite.Resp;
using static RedisLite.Tests.Resp.RespTestHelpers;

namespace RedisLite.Tests.Resp;

/// <summary><see cref="RespWriter"/>'s exact output, and <see cref="RespValue"/>'s factories, equality and rendering.</summary>
public sealed class RespWriterTests
{
    [Fact]
    public void Commands_are_arrays_of_bulk_strings()
    {
        const string expected = "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5\r\nhello\r\n";
        ReadOnlyMemory<byte>[] arguments = ["SET"u8.ToArray(), "k"u8.ToArray(), "hello"u8.ToArray()];

        Assert.Equal(expected, WriteText(w => w.WriteCommand("SET", "k", "hello")));
        Assert.Equal(expected, WriteText(w => w.WriteCommand(arguments)));
        Assert.Equal(expected, WriteText(w => w.WriteCommand((IReadOnlyList<ReadOnlyMemory<byte>>)arguments.ToList())));
        Assert.Equal(expected, WriteText(w => w.WriteCommand("SET", arguments[1], arguments[2])));
        Assert.Equal("*1\r\n$4\r\nPING\r\n", WriteText(w => w.WriteCommand("PING")));
    }

    [Fact]
    public void A_command_needs_a_name()
    {
        var writer = new RespWriter(new ArrayBufferWriter<byte>());
        Assert.Throws<ArgumentException>(() => writer.WriteCommand(ReadOnlySpan<ReadOnlyMemory<byte>>.Empty));
        Assert.Throws<ArgumentException>(() => writer.WriteCommand(ReadOnlySpan<string>.Empty));
        Assert.Throws<ArgumentException>(() => writer.WriteCommand(new List<ReadOnlyMemory<byte>>()));
    }

    [Fact]
    public void Scalars()
    {
        Assert.Equal("+OK\r\n", WriteText(w => w.WriteSimpleString("OK")));
        Assert.Equal("+OK\r\n", WriteText(w => w.WriteSimpleString("OK"u8)));
        Assert.Equal("-ERR syntax error\r\n", WriteText(w => w.WriteError("ERR syntax error")));
        Assert.Equal("!21\r\nSYNTAX invalid syntax\r\n", WriteText(w => w.WriteBulkError("SYNTAX invalid syntax")));
        Assert.Equal(":0\r\n", WriteText(w => w.WriteInteger(0)));
        Assert.Equal(":-9223372036854775808\r\n", WriteText(w => w.WriteInteger(long.MinValue)));
        Assert.Equal("$5\r\nhello\r\n", WriteText(w => w.WriteBulkString("hello"u8)));
        Assert.Equal("$0\r\n\r\n", WriteText(w => w.WriteBulkString("")));
        Assert.Equal("$2\r\n42\r\n", WriteText(w => w.WriteBulkString(42)));
        Assert.Equal("$20\r\n-9223372036854775808\r\n", WriteText(w => w.WriteBulkString(long.MinValue)));
        Assert.Equal("$-1\r\n", WriteText(w => w.WriteNullBulk()));
        Assert.Equal("*-1\r\n", WriteText(w => w.WriteNullArray()));
        Assert.Equal("_\r\n", WriteText(w => w.WriteNull()));
        Assert.Equal("#t\r\n#f\r\n", WriteText(w => { w.WriteBoolean(true); w.WriteBoolean(false); }));
        Assert.Equal("(-123456789012345678901234567890\r\n", WriteText(w => w.WriteBigNumber("-123456789012345678901234567890")));
        Assert.Equal("=15\r\ntxt:Some string\r\n", WriteText(w => w.WriteVerbatim("txt", "Some string")));
        Assert.Equal("=7\r\nmkd:# x\r\n", WriteText(w => w.WriteVerbatim("mkd", "# x"u8)));
    }

    [Fact]
    public void Aggregate_headers()
    {
        Assert.Equal("*2\r\n%1\r\n~0\r\n>3\r\n|1\r\n", WriteText(w =>
        {
            w.WriteArrayHeader(2);
            w.WriteMapHeader(1);
            w.WriteSetHeader(0);
            w.WritePushHeader(3);
            w.WriteAttributeHeader(1);
        }));
        var writer = new RespWriter(new ArrayBufferWriter<byte>());
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.WriteArrayHeader(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.WriteMapHeader(-1));
    }

    [Fact]
    public void Strings_are_written_as_utf8()
    {
        Assert.Equal(Latin1("$2\r\n\xc3\xa9\r\n"), Write(w => w.WriteBulkString("é")));
        Assert.Equal(Latin1("$4\r\n\xf0\x9f\x98\x80\r\n"), Write(w => w.WriteBulkString("\U0001F600")));
        Assert.Equal(Latin1("+\xe2\x82\xac\r\n"), Write(w => w.WriteSimpleString("€")));

        // An unpaired surrogate becomes U+FFFD, and the length announced matches what is written.
        Assert.Equal(Latin1("$4\r\na\xef\xbf\xbd\r\n"), Write(w => w.WriteBulkString("a\ud800")));
    }

    [Fact]
    public void Invalid_arguments_are_refused()
    {
        var writer = new RespWriter(new ArrayBufferWriter<byte>());
        Assert.Throws<ArgumentException>(() => writer.WriteSimpleString("a\r\nb"));
        Assert.Throws<ArgumentException>(() => writer.WriteSimpleString("a\nb"u8));
        Assert.Throws<ArgumentException>(() => writer.WriteError("ERR a\rb"));
        Assert.Throws<ArgumentException>(() => writer.WriteBigNumber("12a"));
        Assert.Throws<ArgumentException>(() => writer.WriteBigNumber(""));
        Assert.Throws<ArgumentException>(() => writer.WriteBigNumber("١٢"));
        Assert.Throws<ArgumentException>(() => writer.WriteVerbatim("tx", "a"));
        Assert.Throws<ArgumentException>(() => writer.WriteVerbatim("t:t", "a"));
        Assert.Throws<ArgumentNullException>(() => new RespWriter(null!));
    }

    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(-0.0, "-0")]
    [InlineData(1.5, "1.5")]
    [InlineData(-1.5, "-1.5")]
    [InlineData(3.0, "3")]
    [InlineData(0.1, "0.1")]
    [InlineData(1.1, "1.1")]
    [InlineData(3.141, "3.141")]
    [InlineData(100.5, "100.5")]
    [InlineData(123.456, "123.456")]
    [InlineData(0.001, "0.001")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(-0.0001, "-0.0001")]
    [InlineData(1e-5, "0.00001")]
    [InlineData(1e-6, "0.000001")]
    [InlineData(1e-7, "1e-7")]
    [InlineData(1.5e-6, "1.5e-6")]
    [InlineData(1.234e-5, "1.234e-5")]
    [InlineData(1.0 / 3, "0.3333333333333333")]
    [InlineData(1e15, "1000000000000000")]
    [InlineData(1e16, "10000000000000000")]
    [InlineData(1.2345678901234568e+17, "123456789012345680")]
    [InlineData(4.5e18, "4500000000000000000")]
    [InlineData(5e18, "5e+18")]
    [InlineData(1e20, "1e+20")]
    [InlineData(1.5e25, "1.5e+25")]
    [InlineData(1e300, "1e+300")]
    [InlineData(double.MaxValue, "1.7976931348623157e+308")]
    [InlineData(double.Epsilon, "5e-324")]
    [InlineData(double.PositiveInfinity, "inf")]
    [InlineData(double.NegativeInfinity, "-inf")]
    [InlineData(double.NaN, "nan")]
    public void Doubles_use_redis_7_2_formatting(double value, string expected)
    {
        // Redis 7.2+ prints doubles with the shortest round-trip digits (redis-server 7.0.15 still used %.17g, e.g.
        // 1.1000000000000001; both forms read back as the same double).
        Assert.Equal($",{expected}\r\n", WriteText(w => w.WriteDouble(value)));
        Assert.Equal(expected, RespValue.FromDouble(value).GetString());
        Assert.Equal(value, ReadWhole($",{expected}\r\n").Double);
    }

    [Fact]
    public void WriteValue_writes_each_type_as_itself()
    {
        var value = RespValue.Array(
            RespValue.SimpleString("OK"),
            RespValue.Error("ERR x"),
            RespValue.FromInteger(-7),
            RespValue.Bulk("b"),
            RespValue.NullBulk,
            RespValue.NullArray,
            RespValue.Null,
            RespValue.FromBoolean(true),
            RespValue.FromDouble(2.5),
            RespValue.BigNumber("12345678901234567890"),
            RespValue.BulkError("E"),
            RespValue.Verbatim("txt", "v"),
            RespValue.Map(RespValue.Bulk("k"), RespValue.FromInteger(1)),
            RespValue.Set(RespValue.Bulk("m")),
            RespValue.Push(RespValue.Bulk("message")),
            RespValue.FromInteger(5).WithAttributes(RespValue.Attribute(RespValue.Bulk("ttl"), RespValue.FromInteger(3))));
        const string expected =
            "*16\r\n+OK\r\n-ERR x\r\n:-7\r\n$1\r\nb\r\n$-1\r\n*-1\r\n_\r\n#t\r\n,2.5\r\n(12345678901234567890\r\n" +
            "!1\r\nE\r\n=5\r\ntxt:v\r\n%1\r\n$1\r\nk\r\n:1\r\n~1\r\n$1\r\nm\r\n>1\r\n$7\r\nmessage\r\n" +
            "|1\r\n$3\r\nttl\r\n:3\r\n:5\r\n";
        Assert.Equal(expected, WriteText(w => w.WriteValue(value)));
        Assert.Equal(value, ReadWhole(expected));
    }

    [Fact]
    public void Large_payloads_are_written_in_whatever_spans_the_buffer_writer_offers()
    {
        var payload = new byte[100_000];
        new Random(7).NextBytes(payload);
        var text = string.Concat(Enumerable.Repeat("ab€\U0001F600", 5000));
        var output = new StingyBufferWriter();
        var writer = new RespWriter(output);

        writer.WriteBulkString(payload);
        writer.WriteBulkString(text);
        writer.WriteVerbatim("txt", text);
        writer.WriteCommand("SET", payload, payload);

        var bytes = output.ToArray();
        var offset = 0;
        var values = new List<RespValue>();
        while (offset < bytes.Length)
        {
            Assert.Equal(OperationStatus.Done, RespReader.TryRead(bytes.AsSpan(offset), out var value, out var consumed));
            values.Add(value!);
            offset += consumed;
        }

        Assert.Equal(RespValue.Bulk(payload), values[0]);
        Assert.Equal(RespValue.Bulk(text), values[1]);
        Assert.Equal(RespValue.Verbatim("txt", text), values[2]);
        Assert.Equal(RespValue.Array(RespValue.Bulk("SET"), RespValue.Bulk(payload), RespValue.Bulk(payload)), values[3]);
    }

    [Fact]
    public void Common_writes_allocate_nothing_beyond_the_buffer()
    {
        var output = new ArrayBufferWriter<byte>(1 << 16);
        var writer = new RespWriter(output);
        ReadOnlyMemory<byte>[] arguments = ["GET"u8.ToArray(), "some-key"u8.ToArray()];
        void WriteAll()
        {
            writer.WriteCommand(arguments);
            writer.WriteCommand("SET", "key", "value");
            writer.WriteCommand("SET", arguments[1], arguments[1]);
            writer.WriteBulkString("text");
            writer.WriteBulkString(12345);
            writer.WriteSimpleString("OK");
            writer.WriteError("ERR no");
            writer.WriteInteger(42);
            writer.WriteDouble(1.1);
            writer.WriteDouble(1e-9);
            writer.WriteNull();
            writer.WriteArrayHeader(3);
        }

        WriteAll();
        output.ResetWrittenCount();
        var before = GC.GetAllocatedBytesForCurrentThread();
        WriteAll();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Values_compare_structurally()
    {
        Assert.Equal(RespValue.Bulk("a"), RespValue.Bulk("a"u8.ToArray()));
        Assert.Equal(RespValue.Bulk("a").GetHashCode(), RespValue.Bulk("a"u8.ToArray()).GetHashCode());
        Assert.Equal(
            RespValue.Map(RespValue.Bulk("k"), RespValue.Array(RespValue.FromInteger(1), RespValue.Null)),
            RespValue.Map(RespValue.Bulk("k"), RespValue.Array(RespValue.FromInteger(1), RespValue.Null)));
        Assert.Equal(RespValue.FromDouble(double.NaN), RespValue.FromDouble(double.NaN));
        Assert.Equal(RespValue.FromDouble(double.NaN).GetHashCode(), RespValue.FromDouble(-double.NaN).GetHashCode());

        Assert.NotEqual(RespValue.SimpleString("OK"), RespValue.Bulk("OK"));
        Assert.NotEqual(RespValue.Error("E"), RespValue.BulkError("E"));
        Assert.NotEqual(RespValue.FromInteger(1), RespValue.FromBoolean(true));
        Assert.NotEqual(RespValue.Verbatim("txt", "a"), RespValue.Verbatim("mkd", "a"));
        Assert.NotEqual(RespValue.Verbatim("txt", "a"), RespValue.Bulk("a"));
        Assert.NotEqual(RespValue.Array(RespValue.Bulk("a")), RespValue.Set(RespValue.Bulk("a")));
        Assert.NotEqual(RespValue.Array(RespValue.Bulk("a")), RespValue.Array(RespValue.Bulk("a"), RespValue.Bulk("a")));
        Assert.NotEqual(RespValue.Map(RespValue.Bulk("a"), RespValue.Bulk("b")), RespValue.Array(RespValue.Bulk("a"), RespValue.Bulk("b")));
        Assert.False(RespValue.Null.Equals(null));
        Assert.False(RespValue.Null.Equals("_"));
    }

    [Fact]
    public void Factories_copy_their_input_and_validate_it()
    {
        var bytes = "abc"u8.ToArray();
        var bulk = RespValue.Bulk(bytes);
        bytes[0] = (byte)'X';
        Assert.Equal("abc", bulk.GetString());

        var items = new[] { RespValue.FromInteger(1) };
        var array = RespValue.Array(items);
        items[0] = RespValue.Null;
        Assert.Equal(1, array.Items[0].Integer);

        Assert.Throws<ArgumentException>(() => RespValue.SimpleString("a\r\nb"));
        Assert.Throws<ArgumentException>(() => RespValue.Error("a\nb"));
        Assert.Throws<ArgumentException>(() => RespValue.Map(RespValue.Bulk("k")));
        Assert.Throws<ArgumentException>(() => RespValue.Attribute(RespValue.Bulk("k")));
        Assert.Throws<ArgumentException>(() => RespValue.BigNumber("1.5"));
        Assert.Throws<ArgumentException>(() => RespValue.Verbatim("text", "a"));
        Assert.Throws<ArgumentException>(() => RespValue.FromInteger(1).WithAttributes(RespValue.Array()));
        Assert.Throws<ArgumentNullException>(() => RespValue.Array(RespValue.Null, null!));

        // A map works as attributes too, and null removes them.
        var withAttributes = RespValue.FromInteger(1).WithAttributes(RespValue.Map(RespValue.Bulk("k"), RespValue.Bulk("v")));
        Assert.Equal(RespType.Attribute, withAttributes.Attributes!.Type);
        Assert.Equal(RespValue.FromInteger(1), withAttributes.WithAttributes(null));
    }

    [Fact]
    public void ToString_reads_like_redis_cli()
    {
        Assert.Equal("OK", RespValue.SimpleString("OK").ToString());
        Assert.Equal("(error) ERR unknown command", RespValue.Error("ERR unknown command").ToString());
        Assert.Equal("(integer) 1", RespValue.FromInteger(1).ToString());
        Assert.Equal("(nil)", RespValue.NullBulk.ToString());
        Assert.Equal("(nil)", RespValue.NullArray.ToString());
        Assert.Equal("(nil)", RespValue.Null.ToString());
        Assert.Equal("(true)", RespValue.FromBoolean(true).ToString());
        Assert.Equal("(double) 1.5", RespValue.FromDouble(1.5).ToString());
        Assert.Equal("(big number) 123", RespValue.BigNumber("123").ToString());
        Assert.Equal("(verbatim txt) \"a\\nb\"", RespValue.Verbatim("txt", "a\nb").ToString());
        Assert.Equal("\"\\x01\\n\\\"q\"", RespValue.Bulk("\x01\n\"q").ToString());
        Assert.Equal("\"\\xc3\\xa9\"", RespValue.Bulk("é").ToString());
        Assert.Equal("(empty array)", RespValue.Array().ToString());
        Assert.Equal("(empty hash)", RespValue.Map().ToString());
        Assert.Equal("(empty set)", RespValue.Set().ToString());

        // As redis-cli shows EVAL "return {1,{2,{3,'x'}},{}}" 0.
        var nested = RespValue.Array(
            RespValue.FromInteger(1),
            RespValue.Array(RespValue.FromInteger(2), RespValue.Array(RespValue.FromInteger(3), RespValue.Bulk("x"))),
            RespValue.Array());
        Assert.Equal("1) (integer) 1\n2) 1) (integer) 2\n   2) 1) (integer) 3\n      2) \"x\"\n3) (empty array)", nested.ToString());

        // Indexes are right-aligned once there are ten or more.
        var eleven = RespValue.Array([.. Enumerable.Range(1, 10).Select(i => RespValue.FromInteger(i)), RespValue.Array(RespValue.FromInteger(1), RespValue.FromInteger(2))]);
        Assert.EndsWith("10) (integer) 10\n11) 1) (integer) 1\n    2) (integer) 2", eleven.ToString(), StringComparison.Ordinal);
        Assert.StartsWith(" 1) (integer) 1\n", eleven.ToString(), StringComparison.Ordinal);

        Assert.Equal("1# \"proto\" => (integer) 3\n2# \"modules\" => (empty array)",
            RespValue.Map(RespValue.Bulk("proto"), RespValue.FromInteger(3), RespValue.Bulk("modules"), RespValue.Array()).ToString());
        Assert.Equal("1~ \"b\"\n2~ \"a\"", RespValue.Set(RespValue.Bulk("b"), RespValue.Bulk("a")).ToString());
        Assert.Equal("1> \"invalidate\"", RespValue.Push(RespValue.Bulk("invalidate")).ToString());
        Assert.Equal("1| \"ttl\" => (integer) 3\n(integer) 5",
            RespValue.FromInteger(5).WithAttributes(RespValue.Attribute(RespValue.Bulk("ttl"), RespValue.FromInteger(3))).ToString());
    }

    /// <summary>A buffer writer that hands out spans of exactly the size asked for (one byte when asked for none).</summary>
    private sealed class StingyBufferWriter : IBufferWriter<byte>
    {
        private readonly List<byte> _written = [];
        private byte[] _span = [];

        public void Advance(int count) => _written.AddRange(_span.AsSpan(0, count).ToArray());

        public Memory<byte> GetMemory(int sizeHint = 0) => _span = new byte[Math.Max(sizeHint, 1)];

        public Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;

        public byte[] ToArray() => [.. _written];
    }
}
