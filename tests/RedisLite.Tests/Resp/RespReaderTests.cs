using System.Buffers;
using System.Text;
using RedisLite.Resp;
using static RedisLite.Tests.Resp.RespTestHelpers;

namespace RedisLite.Tests.Resp;

/// <summary>
/// <see cref="RespReader.TryRead(ReadOnlySpan{byte}, RespReaderOptions, out RespValue, out int)"/>: every RESP2 and
/// RESP3 type, on frames captured from redis-server 7.0.15 (raw sockets, <c>HELLO 3</c> and <c>DEBUG PROTOCOL</c>) and
/// on hand-made edge cases.
/// </summary>
public sealed class RespReaderTests
{
    // Replies captured from redis-server 7.0.15.
    private const string Hello3Reply =
        "%7\r\n$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n$6\r\n7.0.15\r\n$5\r\nproto\r\n:3\r\n$2\r\nid\r\n:73\r\n" +
        "$4\r\nmode\r\n$10\r\nstandalone\r\n$4\r\nrole\r\n$6\r\nmaster\r\n$7\r\nmodules\r\n*0\r\n";

    private const string Hello2Reply =
        "*14\r\n$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n$6\r\n7.0.15\r\n$5\r\nproto\r\n:2\r\n$2\r\nid\r\n:36\r\n" +
        "$4\r\nmode\r\n$10\r\nstandalone\r\n$4\r\nrole\r\n$6\r\nmaster\r\n$7\r\nmodules\r\n*0\r\n";

    private const string AttributeReply =
        "|1\r\n$14\r\nkey-popularity\r\n*2\r\n$7\r\nkey:123\r\n:90\r\n$39\r\nSome real reply following the attribute\r\n";

    public static TheoryData<string> RealReplies() =>
    [
        "+OK\r\n",
        "-ERR unknown command 'NOSUCH', with args beginning with: \r\n",
        ":12345\r\n",
        "$11\r\nHello World\r\n",
        "$-1\r\n",
        "*-1\r\n",
        "_\r\n",
        "#t\r\n",
        "#f\r\n",
        ",3.141\r\n",
        ",-inf\r\n",
        "(1234567999999999999999999999999999999\r\n",
        "=29\r\ntxt:This is a verbatim\nstring\r\n",
        "=48\r\ntxt:# Keyspace\r\ndb0:keys=1,expires=0,avg_ttl=0\r\n\r\n",
        "%3\r\n:0\r\n#f\r\n:1\r\n#t\r\n:2\r\n#f\r\n",
        "~3\r\n:0\r\n:1\r\n:2\r\n",
        ">3\r\n$9\r\nsubscribe\r\n$3\r\nch1\r\n:1\r\n",
        ">2\r\n$10\r\ninvalidate\r\n*1\r\n$2\r\ntk\r\n",
        "*2\r\n*2\r\n$1\r\na\r\n,1.5\r\n*2\r\n$1\r\nb\r\n,2\r\n",
        "*3\r\n:1\r\n$1\r\na\r\n*2\r\n:2\r\n$1\r\nb\r\n",
        "$5\r\n\x00\xc3\xbf\r\n\r\n",
        Hello3Reply,
        Hello2Reply,
        AttributeReply,
    ];

    [Theory]
    [MemberData(nameof(RealReplies))]
    public void Real_replies_read_whole_and_every_prefix_needs_more_data(string frame)
    {
        var bytes = Latin1(frame);
        ReadWhole(bytes);
        AssertEveryPrefixNeedsMoreData(bytes);
    }

    [Theory]
    [MemberData(nameof(RealReplies))]
    public void Real_replies_write_back_byte_for_byte(string frame)
    {
        var value = ReadWhole(frame);
        Assert.Equal(frame, WriteText(w => w.WriteValue(value)));
    }

    [Fact]
    public void Simple_string()
    {
        var value = ReadWhole("+OK\r\n");
        Assert.Equal(RespType.SimpleString, value.Type);
        Assert.Equal("OK", value.GetString());
        Assert.False(value.IsNull);
        Assert.False(value.IsError);
        Assert.Equal(RespValue.SimpleString("OK"), value);
        Assert.Equal("", ReadWhole("+\r\n").GetString());
    }

    [Fact]
    public void Simple_error()
    {
        var value = ReadWhole("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n");
        Assert.Equal(RespType.SimpleError, value.Type);
        Assert.True(value.IsError);
        Assert.Equal("WRONGTYPE Operation against a key holding the wrong kind of value", value.GetString());
        Assert.Equal(RespValue.Error("WRONGTYPE Operation against a key holding the wrong kind of value"), value);
    }

    [Theory]
    [InlineData(":0\r\n", 0L)]
    [InlineData(":1\r\n", 1L)]
    [InlineData(":-1\r\n", -1L)]
    [InlineData(":12345\r\n", 12345L)]
    [InlineData(":9223372036854775807\r\n", long.MaxValue)]
    [InlineData(":-9223372036854775808\r\n", long.MinValue)]
    public void Integers(string frame, long expected)
    {
        var value = ReadWhole(frame);
        Assert.Equal(RespType.Integer, value.Type);
        Assert.Equal(expected, value.Integer);
        Assert.Equal(RespValue.FromInteger(expected), value);
    }

    [Fact]
    public void Bulk_strings_including_empty_and_binary()
    {
        Assert.Equal("Hello World", ReadWhole("$11\r\nHello World\r\n").GetString());

        var empty = ReadWhole("$0\r\n\r\n");
        Assert.Equal(RespType.BulkString, empty.Type);
        Assert.False(empty.IsNull);
        Assert.Equal("", empty.GetString());

        // Every byte value, CR and LF included, survives.
        var payload = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        var frame = Encoding.ASCII.GetBytes("$256\r\n").Concat(payload).Concat("\r\n"u8.ToArray()).ToArray();
        var value = ReadWhole(frame);
        Assert.Equal(payload, value.Bytes.ToArray());
        Assert.Equal(RespValue.Bulk(payload), value);
    }

    [Fact]
    public void Big_bulk_string_reads_once_complete()
    {
        var payload = new byte[3 * 1024 * 1024];
        new Random(42).NextBytes(payload);
        var frame = Encoding.ASCII.GetBytes($"${payload.Length}\r\n").Concat(payload).Concat("\r\n"u8.ToArray()).ToArray();

        Assert.Equal(OperationStatus.NeedMoreData, RespReader.TryRead(frame.AsSpan(0, frame.Length - 1), out _, out _));
        Assert.Equal(OperationStatus.NeedMoreData, RespReader.TryRead(frame.AsSpan(0, 100), out _, out _));
        Assert.True(payload.AsSpan().SequenceEqual(ReadWhole(frame).Bytes.Span));
    }

    [Fact]
    public void Nulls_of_both_protocols()
    {
        var resp3 = ReadWhole("_\r\n");
        Assert.Equal(RespType.Null, resp3.Type);
        Assert.True(resp3.IsNull);
        Assert.Null(resp3.GetString());
        Assert.Same(RespValue.Null, resp3);

        var nullBulk = ReadWhole("$-1\r\n");
        Assert.Equal(RespType.BulkString, nullBulk.Type);
        Assert.True(nullBulk.IsNull);
        Assert.Null(nullBulk.GetString());
        Assert.Equal(RespValue.NullBulk, nullBulk);

        var nullArray = ReadWhole("*-1\r\n");
        Assert.Equal(RespType.Array, nullArray.Type);
        Assert.True(nullArray.IsNull);
        Assert.Empty(nullArray.Items);
        Assert.Equal(RespValue.NullArray, nullArray);

        Assert.NotEqual(resp3, nullBulk);
        Assert.NotEqual(nullBulk, nullArray);
        Assert.NotEqual(RespValue.Bulk(""), nullBulk);
        Assert.NotEqual(RespValue.Array(), nullArray);
    }

    [Fact]
    public void Booleans()
    {
        Assert.True(ReadWhole("#t\r\n").Boolean);
        Assert.False(ReadWhole("#f\r\n").Boolean);
        Assert.Equal(RespType.Boolean, ReadWhole("#t\r\n").Type);
    }

    [Theory]
    [InlineData(",3.141\r\n", 3.141)]
    [InlineData(",1.5\r\n", 1.5)]
    [InlineData(",2\r\n", 2.0)]
    [InlineData(",-0.0001\r\n", -0.0001)]
    [InlineData(",0.10000000000000001\r\n", 0.1)]
    [InlineData(",1.0000000000000001e-05\r\n", 1e-5)]
    [InlineData(",1.2345678901234568e+17\r\n", 1.2345678901234568e+17)]
    [InlineData(",1e+20\r\n", 1e20)]
    [InlineData(",1.0000000000000001e+300\r\n", 1e300)]
    [InlineData(",1E5\r\n", 1e5)]
    [InlineData(",.5\r\n", 0.5)]
    [InlineData(",inf\r\n", double.PositiveInfinity)]
    [InlineData(",-inf\r\n", double.NegativeInfinity)]
    [InlineData(",+inf\r\n", double.PositiveInfinity)]
    [InlineData(",nan\r\n", double.NaN)]
    [InlineData(",-nan\r\n", double.NaN)]
    [InlineData(",1e999\r\n", double.PositiveInfinity)]
    public void Doubles(string frame, double expected)
    {
        var value = ReadWhole(frame);
        Assert.Equal(RespType.Double, value.Type);
        Assert.Equal(expected, value.Double);
    }

    [Fact]
    public void Negative_zero_double_keeps_its_sign()
    {
        var value = ReadWhole(",-0\r\n");
        Assert.True(double.IsNegative(value.Double));
        Assert.Equal(0.0, value.Double);
    }

    [Fact]
    public void Big_number()
    {
        var value = ReadWhole("(1234567999999999999999999999999999999\r\n");
        Assert.Equal(RespType.BigNumber, value.Type);
        Assert.Equal("1234567999999999999999999999999999999", value.GetString());
        Assert.Equal(RespValue.BigNumber("1234567999999999999999999999999999999"), value);
        Assert.Equal("-3492890328409238509324850943850943825024385", ReadWhole("(-3492890328409238509324850943850943825024385\r\n").GetString());
    }

    [Fact]
    public void Bulk_error()
    {
        var value = ReadWhole("!21\r\nSYNTAX invalid syntax\r\n");
        Assert.Equal(RespType.BulkError, value.Type);
        Assert.True(value.IsError);
        Assert.Equal("SYNTAX invalid syntax", value.GetString());
        Assert.Equal(RespValue.BulkError("SYNTAX invalid syntax"), value);
    }

    [Fact]
    public void Verbatim_strings_drop_the_format_prefix_from_the_payload()
    {
        var value = ReadWhole("=29\r\ntxt:This is a verbatim\nstring\r\n");
        Assert.Equal(RespType.VerbatimString, value.Type);
        Assert.Equal("txt", value.VerbatimFormat);
        Assert.Equal("This is a verbatim\nstring", value.GetString());
        Assert.Equal(RespValue.Verbatim("txt", "This is a verbatim\nstring"), value);

        var info = ReadWhole("=48\r\ntxt:# Keyspace\r\ndb0:keys=1,expires=0,avg_ttl=0\r\n\r\n");
        Assert.Equal("# Keyspace\r\ndb0:keys=1,expires=0,avg_ttl=0\r\n", info.GetString());

        var markdown = ReadWhole("=4\r\nmkd:\r\n");
        Assert.Equal("mkd", markdown.VerbatimFormat);
        Assert.Equal("", markdown.GetString());
    }

    [Fact]
    public void Hello_3_map()
    {
        var value = ReadWhole(Hello3Reply);
        Assert.Equal(RespType.Map, value.Type);
        Assert.Equal(14, value.Items.Count);
        var expected = RespValue.Map(
            RespValue.Bulk("server"), RespValue.Bulk("redis"),
            RespValue.Bulk("version"), RespValue.Bulk("7.0.15"),
            RespValue.Bulk("proto"), RespValue.FromInteger(3),
            RespValue.Bulk("id"), RespValue.FromInteger(73),
            RespValue.Bulk("mode"), RespValue.Bulk("standalone"),
            RespValue.Bulk("role"), RespValue.Bulk("master"),
            RespValue.Bulk("modules"), RespValue.Array());
        Assert.Equal(expected, value);
    }

    [Fact]
    public void Hello_2_flat_array()
    {
        var value = ReadWhole(Hello2Reply);
        Assert.Equal(RespType.Array, value.Type);
        Assert.Equal(14, value.Items.Count);
        Assert.Equal("proto", value.Items[4].GetString());
        Assert.Equal(2, value.Items[5].Integer);
        Assert.Equal(RespType.Array, value.Items[13].Type);
        Assert.Empty(value.Items[13].Items);
    }

    [Fact]
    public void Set_and_push()
    {
        Assert.Equal(
            RespValue.Set(RespValue.FromInteger(0), RespValue.FromInteger(1), RespValue.FromInteger(2)),
            ReadWhole("~3\r\n:0\r\n:1\r\n:2\r\n"));
        Assert.Equal(
            RespValue.Push(RespValue.Bulk("subscribe"), RespValue.Bulk("ch1"), RespValue.FromInteger(1)),
            ReadWhole(">3\r\n$9\r\nsubscribe\r\n$3\r\nch1\r\n:1\r\n"));
    }

    [Fact]
    public void Nested_aggregates()
    {
        // ZRANGE z 0 -1 WITHSCORES under RESP3.
        var value = ReadWhole("*2\r\n*2\r\n$1\r\na\r\n,1.5\r\n*2\r\n$1\r\nb\r\n,2\r\n");
        Assert.Equal(
            RespValue.Array(
                RespValue.Array(RespValue.Bulk("a"), RespValue.FromDouble(1.5)),
                RespValue.Array(RespValue.Bulk("b"), RespValue.FromDouble(2))),
            value);

        var mixed = ReadWhole("%2\r\n+k\r\n~1\r\n>1\r\n*1\r\n_\r\n*0\r\n%0\r\n");
        Assert.Equal(
            RespValue.Map(
                RespValue.SimpleString("k"), RespValue.Set(RespValue.Push(RespValue.Array(RespValue.Null))),
                RespValue.Array(), RespValue.Map()),
            mixed);
    }

    [Fact]
    public void Attributes_attach_to_the_value_that_follows()
    {
        var value = ReadWhole(AttributeReply);
        Assert.Equal(RespType.BulkString, value.Type);
        Assert.Equal("Some real reply following the attribute", value.GetString());
        Assert.NotNull(value.Attributes);
        Assert.Equal(RespType.Attribute, value.Attributes.Type);
        Assert.Equal(
            RespValue.Attribute(RespValue.Bulk("key-popularity"), RespValue.Array(RespValue.Bulk("key:123"), RespValue.FromInteger(90))),
            value.Attributes);

        // The attributes are part of the value's identity.
        Assert.NotEqual(RespValue.Bulk("Some real reply following the attribute"), value);
        Assert.Equal(
            RespValue.Bulk("Some real reply following the attribute").WithAttributes(value.Attributes),
            value);
    }

    [Fact]
    public void Attributes_inside_aggregates_and_in_runs()
    {
        var value = ReadWhole("*2\r\n|1\r\n+a\r\n:1\r\n:10\r\n|1\r\n+b\r\n:2\r\n|1\r\n+c\r\n:3\r\n:20\r\n");
        Assert.Equal(2, value.Items.Count);
        Assert.Equal(10, value.Items[0].Integer);
        Assert.Equal(RespValue.Attribute(RespValue.SimpleString("a"), RespValue.FromInteger(1)), value.Items[0].Attributes);

        // Consecutive attribute frames merge into one.
        Assert.Equal(
            RespValue.Attribute(RespValue.SimpleString("b"), RespValue.FromInteger(2), RespValue.SimpleString("c"), RespValue.FromInteger(3)),
            value.Items[1].Attributes);

        // An attribute alone is not a complete reply.
        Assert.Equal(OperationStatus.NeedMoreData, RespReader.TryRead("|1\r\n+a\r\n:1\r\n"u8, out _, out _));
    }

    [Fact]
    public void Long_runs_of_attribute_frames_read_in_linear_time()
    {
        var frame = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("|1\r\n+k\r\n:1\r\n", 50_000)) + ":7\r\n");
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        var value = ReadWhole(frame);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(2), $"took {stopwatch.Elapsed}");
        Assert.Equal(7, value.Integer);
        Assert.Equal(100_000, value.Attributes!.Items.Count);
    }

    [Fact]
    public void Reads_only_the_first_of_several_frames()
    {
        var frames = "+OK\r\n:1\r\n$3\r\nfoo\r\n"u8.ToArray();
        var offset = 0;
        var values = new List<RespValue>();
        while (RespReader.TryRead(frames.AsSpan(offset), out var value, out var consumed) == OperationStatus.Done)
        {
            values.Add(value!);
            offset += consumed;
        }

        Assert.Equal(frames.Length, offset);
        RespValue[] expected = [RespValue.SimpleString("OK"), RespValue.FromInteger(1), RespValue.Bulk("foo")];
        Assert.Equal(expected, values);
    }

    [Fact]
    public void Push_then_reply_from_debug_protocol_push()
    {
        var frames = Latin1(">2\r\n$16\r\nserver-cpu-usage\r\n:42\r\n$40\r\nSome real reply following the push reply\r\n");
        Assert.Equal(OperationStatus.Done, RespReader.TryRead(frames, out var push, out var consumed));
        Assert.Equal(RespType.Push, push!.Type);
        Assert.Equal(OperationStatus.Done, RespReader.TryRead(frames.AsSpan(consumed), out var reply, out var rest));
        Assert.Equal("Some real reply following the push reply", reply!.GetString());
        Assert.Equal(frames.Length, consumed + rest);
    }

    [Fact]
    public void Empty_buffer_needs_more_data()
    {
        Assert.Equal(OperationStatus.NeedMoreData, RespReader.TryRead([], out var value, out var consumed));
        Assert.Null(value);
        Assert.Equal(0, consumed);
    }

    [Theory]
    [InlineData("x", "Protocol error: invalid type byte 'x'")]
    [InlineData("\r\n", "Protocol error: invalid type byte ' '")]
    [InlineData(" +OK\r\n", "Protocol error: invalid type byte ' '")]
    [InlineData("$abc\r\n", "Protocol error: invalid bulk length")]
    [InlineData("$-2\r\n", "Protocol error: invalid bulk length")]
    [InlineData("$-0\r\n", "Protocol error: invalid bulk length")]
    [InlineData("$+3\r\nfoo\r\n", "Protocol error: invalid bulk length")]
    [InlineData("$03\r\nfoo\r\n", "Protocol error: invalid bulk length")]
    [InlineData("$\r\n", "Protocol error: invalid bulk length")]
    [InlineData("$3 \r\nfoo\r\n", "Protocol error: invalid bulk length")]
    [InlineData("$3\rXfoo\r\n", "Protocol error: invalid bulk length")]
    [InlineData("$3\nfoo\r\n", "Protocol error: invalid bulk length")]
    [InlineData("$123456789012345678901\r\n", "Protocol error: invalid bulk length")]
    [InlineData("$999999999999999999999", "Protocol error: invalid bulk length")]
    [InlineData("$3\r\nfooXY", "Protocol error: expected CRLF after bulk data")]
    [InlineData("$3\r\nfoo\rX", "Protocol error: expected CRLF after bulk data")]
    [InlineData("$3\r\nfoo\n\r", "Protocol error: expected CRLF after bulk data")]
    [InlineData("!-1\r\n", "Protocol error: invalid bulk length")]
    [InlineData("=-1\r\n", "Protocol error: invalid bulk length")]
    [InlineData("=3\r\ntxt\r\n", "Protocol error: invalid verbatim string")]
    [InlineData("=5\r\ntxt-a\r\n", "Protocol error: invalid verbatim string")]
    [InlineData("=5\r\nt x:a\r\n", "Protocol error: invalid verbatim string")]
    [InlineData("*abc\r\n", "Protocol error: invalid multibulk length")]
    [InlineData("*-2\r\n", "Protocol error: invalid multibulk length")]
    [InlineData("%-1\r\n", "Protocol error: invalid multibulk length")]
    [InlineData("~-1\r\n", "Protocol error: invalid multibulk length")]
    [InlineData(">-1\r\n", "Protocol error: invalid multibulk length")]
    [InlineData("|-1\r\n", "Protocol error: invalid multibulk length")]
    [InlineData("*1\r\n$x\r\n", "Protocol error: invalid bulk length")]
    [InlineData(":abc\r\n", "Protocol error: invalid integer")]
    [InlineData(":\r\n", "Protocol error: invalid integer")]
    [InlineData(":+1\r\n", "Protocol error: invalid integer")]
    [InlineData(":-0\r\n", "Protocol error: invalid integer")]
    [InlineData(":01\r\n", "Protocol error: invalid integer")]
    [InlineData(":1.5\r\n", "Protocol error: invalid integer")]
    [InlineData(":9223372036854775808\r\n", "Protocol error: invalid integer")]
    [InlineData(":-9223372036854775809\r\n", "Protocol error: invalid integer")]
    [InlineData(":123456789012345678901234", "Protocol error: invalid integer")]
    [InlineData("#x\r\n", "Protocol error: invalid boolean")]
    [InlineData("#\r\n", "Protocol error: invalid boolean")]
    [InlineData("#tt\r\n", "Protocol error: invalid boolean")]
    [InlineData("#T\r\n", "Protocol error: invalid boolean")]
    [InlineData("_x\r\n", "Protocol error: invalid null")]
    [InlineData(",\r\n", "Protocol error: invalid double")]
    [InlineData(",abc\r\n", "Protocol error: invalid double")]
    [InlineData(", 1\r\n", "Protocol error: invalid double")]
    [InlineData(",1e\r\n", "Protocol error: invalid double")]
    [InlineData(",Infinity\r\n", "Protocol error: invalid double")]
    [InlineData(",0x10\r\n", "Protocol error: invalid double")]
    [InlineData(",1,5\r\n", "Protocol error: invalid double")]
    [InlineData("(\r\n", "Protocol error: invalid big number")]
    [InlineData("(-\r\n", "Protocol error: invalid big number")]
    [InlineData("(12a\r\n", "Protocol error: invalid big number")]
    [InlineData("(1.5\r\n", "Protocol error: invalid big number")]
    [InlineData("+a\rb\r\n", "Protocol error: invalid simple string")]
    [InlineData("+a\nb\r\n", "Protocol error: invalid simple string")]
    [InlineData("-ERR a\nb\r\n", "Protocol error: invalid simple error")]
    public void Malformed_replies_throw(string frame, string message)
        => Assert.Equal(message, ReadError(Latin1(frame)));

    [Fact]
    public void Errors_inside_aggregates_are_found()
    {
        Assert.Equal("Protocol error: invalid integer", ReadError("*3\r\n:1\r\n:2\r\n:x\r\n"u8.ToArray()));
        Assert.Equal("Protocol error: invalid type byte '?'", ReadError("%1\r\n+k\r\n?\r\n"u8.ToArray()));
    }

    [Fact]
    public void Bulk_length_limit()
    {
        var options = new RespReaderOptions { MaxBulkLength = 5 };
        Assert.Equal("hello", ReadWhole("$5\r\nhello\r\n", options).GetString());
        Assert.Equal("Protocol error: invalid bulk length", ReadError("$6\r\nhello!\r\n"u8.ToArray(), options));
        Assert.Equal("Protocol error: invalid bulk length", ReadError("!6\r\nhello!\r\n"u8.ToArray(), options));

        // The limit also bounds simple lines.
        Assert.Equal("hello", ReadWhole("+hello\r\n", options).GetString());
        Assert.Equal("Protocol error: invalid simple string", ReadError("+hello!\r\n"u8.ToArray(), options));
        Assert.Equal("Protocol error: invalid simple string", ReadError("+hello!"u8.ToArray(), options));

        // Default: 512 MiB, like proto-max-bulk-len.
        Assert.Equal(512 * 1024 * 1024, RespReaderOptions.Default.MaxBulkLength);
        Assert.Equal(OperationStatus.NeedMoreData, RespReader.TryRead("$536870912\r\n"u8, out _, out _));
        Assert.Equal("Protocol error: invalid bulk length", ReadError("$536870913\r\n"u8.ToArray()));
    }

    [Fact]
    public void Aggregate_length_limit()
    {
        var options = new RespReaderOptions { MaxAggregateLength = 2 };
        Assert.Equal(2, ReadWhole("*2\r\n:1\r\n:2\r\n", options).Items.Count);
        Assert.Equal(4, ReadWhole("%2\r\n:1\r\n:2\r\n:3\r\n:4\r\n", options).Items.Count);
        Assert.Equal("Protocol error: invalid multibulk length", ReadError("*3\r\n"u8.ToArray(), options));
        Assert.Equal("Protocol error: invalid multibulk length", ReadError("%3\r\n"u8.ToArray(), options));
        Assert.Equal("Protocol error: invalid multibulk length", ReadError("~3\r\n"u8.ToArray(), options));
        Assert.Equal("Protocol error: invalid multibulk length", ReadError(">3\r\n"u8.ToArray(), options));
        Assert.Equal("Protocol error: invalid multibulk length", ReadError("|3\r\n"u8.ToArray(), options));
        Assert.Equal("Protocol error: invalid multibulk length", ReadError("*2147483648\r\n"u8.ToArray()));
    }

    [Fact]
    public void Nesting_limit()
    {
        static byte[] Nested(int depth) => Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("*1\r\n", depth)) + ":1\r\n");

        Assert.Equal(64, RespReaderOptions.Default.MaxDepth);
        ReadWhole(Nested(64));
        Assert.Equal("Protocol error: too deeply nested reply", ReadError(Nested(65)));

        var shallow = new RespReaderOptions { MaxDepth = 2 };
        ReadWhole(Nested(2), shallow);
        Assert.Equal("Protocol error: too deeply nested reply", ReadError(Nested(3), shallow));
        Assert.Equal("Protocol error: too deeply nested reply", ReadError("*1\r\n*1\r\n*0\r\n"u8.ToArray(), shallow));

        // An attribute is a level too.
        Assert.Equal("Protocol error: too deeply nested reply", ReadError("*1\r\n*1\r\n|0\r\n:1\r\n"u8.ToArray(), shallow));

        // The deepest configurable nesting reads without exhausting the stack.
        var deepest = new RespReaderOptions { MaxDepth = RespReaderOptions.MaxDepthLimit };
        ReadWhole(Nested(RespReaderOptions.MaxDepthLimit), deepest);
    }

    [Fact]
    public void Huge_announced_lengths_allocate_nothing_until_the_data_arrives()
    {
        var options = new RespReaderOptions { MaxBulkLength = Array.MaxLength };
        byte[][] headers =
        [
            "$999999999\r\n"u8.ToArray(),
            "$2147483591\r\nabc"u8.ToArray(),
            "*2147483647\r\n"u8.ToArray(),
            "%2147483647\r\n:1\r\n"u8.ToArray(),
            "~2147483647\r\n"u8.ToArray(),
            "*2147483647\r\n*2147483647\r\n$999999999\r\n"u8.ToArray(),
        ];
        foreach (var header in headers)
        {
            RespReader.TryRead(header, options, out _, out _);
            var before = GC.GetAllocatedBytesForCurrentThread();
            var status = RespReader.TryRead(header, options, out var value, out var consumed);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(OperationStatus.NeedMoreData, status);
            Assert.Null(value);
            Assert.Equal(0, consumed);
            Assert.True(allocated < 1024, $"{allocated} bytes allocated for {Encoding.ASCII.GetString(header)}");
        }
    }

    [Fact]
    public void Options_validate_their_ranges()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RespReaderOptions { MaxDepth = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new RespReaderOptions { MaxDepth = RespReaderOptions.MaxDepthLimit + 1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new RespReaderOptions { MaxBulkLength = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new RespReaderOptions { MaxAggregateLength = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new RespReaderOptions { MaxInlineLength = 0 });
        Assert.Equal(int.MaxValue, RespReaderOptions.Default.MaxAggregateLength);
        Assert.Equal(64 * 1024, RespReaderOptions.Default.MaxInlineLength);
    }

    [Fact]
    public void Integer_double_and_boolean_accessors_check_the_type()
    {
        var error = ReadWhole("-ERR boom\r\n");
        var ex = Assert.Throws<InvalidOperationException>(() => error.Integer);
        Assert.Contains("(error) ERR boom", ex.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => ReadWhole(":1\r\n").Double);
        Assert.Throws<InvalidOperationException>(() => ReadWhole(":1\r\n").Boolean);
        Assert.Throws<InvalidOperationException>(() => RespValue.NullBulk.Integer);
    }

    [Fact]
    public void GetString_of_each_type()
    {
        Assert.Equal("42", RespValue.FromInteger(42).GetString());
        Assert.Equal("1.5", RespValue.FromDouble(1.5).GetString());
        Assert.Equal("1", RespValue.FromBoolean(true).GetString());
        Assert.Equal("0", RespValue.FromBoolean(false).GetString());
        Assert.Equal("é", RespValue.Bulk("é").GetString());
        Assert.Null(RespValue.Null.GetString());
        Assert.Throws<InvalidOperationException>(() => RespValue.Array().GetString());
    }

    [Fact]
    public void Items_cannot_be_modified_through_the_list()
    {
        var value = ReadWhole("*2\r\n:1\r\n:2\r\n");
        var list = Assert.IsAssignableFrom<IList<RespValue>>(value.Items);
        Assert.True(list.IsReadOnly);
        Assert.Throws<NotSupportedException>(() => list[0] = RespValue.Null);
    }
}
