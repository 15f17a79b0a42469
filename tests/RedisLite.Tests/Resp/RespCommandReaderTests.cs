using System.Buffers;
using System.Text;
using RedisLite.Resp;
using static RedisLite.Tests.Resp.RespTestHelpers;

namespace RedisLite.Tests.Resp;

/// <summary>
/// <see cref="RespReader.TryReadCommand(ReadOnlySpan{byte}, RespReaderOptions, out byte[][], out int)"/>: multibulk
/// and inline requests. Every error text and every inline quoting case here was checked against redis-server 7.0.15
/// by sending the same bytes over a raw socket.
/// </summary>
public sealed class RespCommandReaderTests
{
    [Fact]
    public void Multibulk_command()
    {
        var arguments = ReadCommandWhole("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5\r\nhello\r\n"u8.ToArray());
        Assert.Equal(["SET", "k", "hello"], Texts(arguments));
    }

    [Fact]
    public void Multibulk_arguments_are_binary_safe_and_may_be_empty()
    {
        var payload = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        var frame = "*3\r\n$4\r\nECHO\r\n$256\r\n"u8.ToArray().Concat(payload).Concat("\r\n$0\r\n\r\n"u8.ToArray()).ToArray();
        var arguments = ReadCommandWhole(frame);
        Assert.Equal(3, arguments.Length);
        Assert.Equal(payload, arguments[1]);
        Assert.Empty(arguments[2]);
    }

    [Fact]
    public void Every_prefix_of_a_request_needs_more_data()
    {
        AssertEveryCommandPrefixNeedsMoreData("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$10\r\nhello\r\nabc\r\n"u8.ToArray());
        AssertEveryCommandPrefixNeedsMoreData("SET k \"a b\" 'c'\r\n"u8.ToArray());
    }

    [Fact]
    public void Pipelined_requests_read_one_at_a_time()
    {
        var frames = "*1\r\n$4\r\nPING\r\nECHO hi\r\n*2\r\n$4\r\nECHO\r\n$2\r\nyo\r\n\r\n"u8.ToArray();
        var offset = 0;
        var commands = new List<string>();
        while (RespReader.TryReadCommand(frames.AsSpan(offset), out var arguments, out var consumed) == OperationStatus.Done)
        {
            commands.Add(string.Join(' ', Texts(arguments!)));
            offset += consumed;
        }

        Assert.Equal(frames.Length, offset);
        Assert.Equal(["PING", "ECHO hi", "ECHO yo", ""], commands);
    }

    [Theory]
    [InlineData("*0\r\n")]
    [InlineData("*-1\r\n")]
    [InlineData("*-5\r\n")]
    public void Multibulk_count_of_zero_or_less_is_an_empty_request(string frame)
    {
        // Redis skips these silently (and then answers the next command normally).
        Assert.Empty(ReadCommandWhole(Latin1(frame)));
    }

    [Theory]
    [InlineData("*1\r\n$abc\r\n", "Protocol error: invalid bulk length")]
    [InlineData("*1\r\n$-1\r\n", "Protocol error: invalid bulk length")]
    [InlineData("*1\r\n$-5\r\n", "Protocol error: invalid bulk length")]
    [InlineData("*1\r\n$+3\r\nfoo\r\n", "Protocol error: invalid bulk length")]
    [InlineData("*1\r\n$\r\n", "Protocol error: invalid bulk length")]
    [InlineData("*2\r\n$4\r\necho\r\n$-0\r\n", "Protocol error: invalid bulk length")]
    [InlineData("*1\r\n$2147483648\r\n", "Protocol error: invalid bulk length")]
    [InlineData("*1\r\n$12345678901234567890\r\n", "Protocol error: invalid bulk length")]
    [InlineData("*1\r\n$536870913\r\n", "Protocol error: invalid bulk length")]
    [InlineData("*abc\r\n", "Protocol error: invalid multibulk length")]
    [InlineData("*+1\r\n", "Protocol error: invalid multibulk length")]
    [InlineData("*01\r\n$3\r\nfoo\r\n", "Protocol error: invalid multibulk length")]
    [InlineData("* 1\r\n", "Protocol error: invalid multibulk length")]
    [InlineData("*1 \r\n", "Protocol error: invalid multibulk length")]
    [InlineData("*\r\n", "Protocol error: invalid multibulk length")]
    [InlineData("*-0\r\n", "Protocol error: invalid multibulk length")]
    [InlineData("*2147483648\r\n", "Protocol error: invalid multibulk length")]
    [InlineData("*12345678901234567890\r\n", "Protocol error: invalid multibulk length")]
    [InlineData("*1\r\nx3\r\nfoo\r\n", "Protocol error: expected '$', got 'x'")]
    [InlineData("*1\r\n*1\r\n", "Protocol error: expected '$', got '*'")]
    [InlineData("*1\r\n:1\r\n", "Protocol error: expected '$', got ':'")]
    [InlineData("*1\r\n\r\n", "Protocol error: expected '$', got ' '")]
    [InlineData("*1\r\n\x07\r\n", "Protocol error: expected '$', got '\x07'")]
    [InlineData("set k \"abc\r\n", "Protocol error: unbalanced quotes in request")]
    [InlineData("set k 'abc\r\n", "Protocol error: unbalanced quotes in request")]
    [InlineData("echo \"a\"b\r\n", "Protocol error: unbalanced quotes in request")]
    [InlineData("echo 'a'b\r\n", "Protocol error: unbalanced quotes in request")]
    [InlineData("echo a'b\r\n", "Protocol error: unbalanced quotes in request")]
    [InlineData("echo \"a\\\r\n", "Protocol error: unbalanced quotes in request")]
    public void Malformed_requests_throw_with_redis_texts(string frame, string message)
        => Assert.Equal(message, ReadCommandError(Latin1(frame)));

    [Theory]
    [InlineData("*1\r\n$4\r\nPINGxx\r\n")]
    [InlineData("*1\r\n$4\r\nPING\n\n")]
    public void Payload_not_followed_by_crlf_is_rejected(string frame)
    {
        // Redis skips the two bytes after a payload without looking at them; this reader insists on CRLF.
        Assert.Equal("Protocol error: expected CRLF after bulk data", ReadCommandError(Latin1(frame)));
    }

    [Fact]
    public void Length_line_needs_lf_after_cr()
    {
        // Redis skips the byte after the CR blindly; this reader insists on LF.
        Assert.Equal("Protocol error: invalid multibulk length", ReadCommandError("*1\rX$4\r\nPING\r\n"u8.ToArray()));
        Assert.Equal("Protocol error: invalid bulk length", ReadCommandError("*1\r\n$4\rXPING\r\n"u8.ToArray()));
    }

    [Fact]
    public void Bulk_length_limit_is_proto_max_bulk_len()
    {
        // 512 MiB exactly is accepted (Redis waits for the payload), one more byte is not.
        Assert.Equal(OperationStatus.NeedMoreData, RespReader.TryReadCommand("*1\r\n$536870912\r\n"u8, out _, out _));

        var options = new RespReaderOptions { MaxBulkLength = 3 };
        Assert.Equal(["foo"], Texts(ReadCommandWhole("*1\r\n$3\r\nfoo\r\n"u8.ToArray(), options)));
        Assert.Equal("Protocol error: invalid bulk length", ReadCommandError("*1\r\n$4\r\n"u8.ToArray(), options));
    }

    [Fact]
    public void Multibulk_count_limit()
    {
        // Redis 7 accepts any count up to INT_MAX (and waits for the arguments).
        Assert.Equal(OperationStatus.NeedMoreData, RespReader.TryReadCommand("*1048577\r\n"u8, out _, out _));
        Assert.Equal(OperationStatus.NeedMoreData, RespReader.TryReadCommand("*2147483647\r\n"u8, out _, out _));

        var options = new RespReaderOptions { MaxAggregateLength = 2 };
        Assert.Equal(2, ReadCommandWhole("*2\r\n$1\r\na\r\n$1\r\nb\r\n"u8.ToArray(), options).Length);
        Assert.Equal("Protocol error: invalid multibulk length", ReadCommandError("*3\r\n"u8.ToArray(), options));
    }

    [Fact]
    public void Length_lines_longer_than_the_inline_limit_are_rejected()
    {
        var count = "*"u8.ToArray().Concat(Enumerable.Repeat((byte)'1', 70000)).ToArray();
        Assert.Equal("Protocol error: too big mbulk count string", ReadCommandError(count));

        var bulk = "*1\r\n$"u8.ToArray().Concat(Enumerable.Repeat((byte)'1', 70000)).ToArray();
        Assert.Equal("Protocol error: too big bulk count string", ReadCommandError(bulk));

        // Up to the limit, an unterminated length line just needs more data.
        var options = new RespReaderOptions { MaxInlineLength = 16 };
        Assert.Equal(OperationStatus.NeedMoreData, RespReader.TryReadCommand("*111111111111111"u8, options, out _, out _));
        Assert.Equal("Protocol error: too big mbulk count string", ReadCommandError("*1111111111111111"u8.ToArray(), options));
    }

    [Fact]
    public void Inline_limit_is_64_KiB()
    {
        // As in Redis: 65536 bytes without a newline wait for more, 65537 are refused.
        Assert.Equal(OperationStatus.NeedMoreData, RespReader.TryReadCommand(Enumerable.Repeat((byte)'x', 65536).ToArray(), out _, out _));
        Assert.Equal("Protocol error: too big inline request", ReadCommandError(Enumerable.Repeat((byte)'x', 65537).ToArray()));

        // A line of exactly the limit is fine, with or without CR; one byte longer is not.
        var longest = Enumerable.Repeat((byte)'x', 65536).ToArray();
        Assert.Single(ReadCommandWhole([.. longest, (byte)'\r', (byte)'\n']));
        Assert.Single(ReadCommandWhole([.. longest, (byte)'\n']));
        Assert.Equal(OperationStatus.NeedMoreData, RespReader.TryReadCommand([.. longest, (byte)'\r'], out _, out _));
        Assert.Equal("Protocol error: too big inline request", ReadCommandError([.. longest, (byte)'x', (byte)'\n']));
    }

    [Theory]
    [InlineData("PING\r\n", new[] { "PING" })]
    [InlineData("PING\n", new[] { "PING" })]
    [InlineData("ECHO hi\r\n", new[] { "ECHO", "hi" })]
    [InlineData("PING\tfoo\r\n", new[] { "PING", "foo" })]
    [InlineData("  echo  a   b  \r\n", new[] { "echo", "a", "b" })]
    [InlineData("echo \"a\" \"b\"\r\n", new[] { "echo", "a", "b" })]
    [InlineData("echo \"a b\"\r\n", new[] { "echo", "a b" })]
    [InlineData("echo \"a\\x41\\n\\t\"\r\n", new[] { "echo", "aA\n\t" })]
    [InlineData("echo \"\\x41\\x4a\\xff\"\r\n", new[] { "echo", "AJ\xff" })]
    [InlineData("echo \"\\r\\b\\a\\\\\\\"\"\r\n", new[] { "echo", "\r\b\a\\\"" })]
    [InlineData("echo \"\\x4g\"\r\n", new[] { "echo", "x4g" })]
    [InlineData("echo \"a\\qb\"\r\n", new[] { "echo", "aqb" })]
    [InlineData("echo 'a\\'b'\r\n", new[] { "echo", "a'b" })]
    [InlineData("echo 'a\\nb'\r\n", new[] { "echo", "a\\nb" })]
    [InlineData("echo 'a\"b'\r\n", new[] { "echo", "a\"b" })]
    [InlineData("echo \"a'b\"\r\n", new[] { "echo", "a'b" })]
    [InlineData("echo \"\"\r\n", new[] { "echo", "" })]
    [InlineData("echo ''\r\n", new[] { "echo", "" })]
    [InlineData("echo a\"b\"\r\n", new[] { "echo", "ab" })]
    [InlineData("echo a\"b c\"\r\n", new[] { "echo", "ab c" })]
    [InlineData("echo \"a\"\tb\r\n", new[] { "echo", "a", "b" })]
    [InlineData("echo a\vb\r\n", new[] { "echo", "a\vb" })]
    [InlineData("\vecho\f a\r\n", new[] { "echo\f", "a" })]
    [InlineData("echo a\rb\r\n", new[] { "echo", "a", "b" })]
    [InlineData("echo a\x00b\r\n", new[] { "echo", "a\x00b" })]
    public void Inline_commands_split_like_redis(string line, string[] expected)
        => Assert.Equal(expected, Texts(ReadCommandWhole(Latin1(line))));

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\n")]
    [InlineData("   \r\n")]
    [InlineData(" \t \n")]
    public void Blank_inline_lines_are_empty_requests(string line)
        => Assert.Empty(ReadCommandWhole(Latin1(line)));

    [Fact]
    public void Long_inline_arguments_use_a_pooled_scratch_buffer()
    {
        var text = new string('y', 5000);
        var arguments = ReadCommandWhole(Encoding.ASCII.GetBytes($"SET \"{text}\" '{text}' {text}\r\n"));
        Assert.Equal(["SET", text, text, text], Texts(arguments));
    }

    [Fact]
    public void Empty_buffer_needs_more_data()
    {
        Assert.Equal(OperationStatus.NeedMoreData, RespReader.TryReadCommand([], out var arguments, out var consumed));
        Assert.Null(arguments);
        Assert.Equal(0, consumed);
    }
}
