using System.Buffers;
using System.Text;
using RedisLite.Resp;

namespace RedisLite.Tests.Resp;

/// <summary>Shared helpers for the RESP tests.</summary>
internal static class RespTestHelpers
{
    /// <summary>Bytes of a string whose characters are all below 256 (so "\xff" is the byte 0xFF).</summary>
    public static byte[] Latin1(string text) => Encoding.Latin1.GetBytes(text);

    /// <summary>Reads one reply that must be exactly the whole buffer.</summary>
    public static RespValue ReadWhole(byte[] frame, RespReaderOptions? options = null)
    {
        var status = RespReader.TryRead(frame, options ?? RespReaderOptions.Default, out var value, out var consumed);
        Assert.Equal(OperationStatus.Done, status);
        Assert.Equal(frame.Length, consumed);
        Assert.NotNull(value);
        return value;
    }

    /// <summary>Reads one reply that must be exactly the whole buffer.</summary>
    public static RespValue ReadWhole(string frame, RespReaderOptions? options = null) => ReadWhole(Latin1(frame), options);

    /// <summary>Reads one request that must be exactly the whole buffer.</summary>
    public static byte[][] ReadCommandWhole(byte[] frame, RespReaderOptions? options = null)
    {
        var status = RespReader.TryReadCommand(frame, options ?? RespReaderOptions.Default, out var arguments, out var consumed);
        Assert.Equal(OperationStatus.Done, status);
        Assert.Equal(frame.Length, consumed);
        Assert.NotNull(arguments);
        return arguments;
    }

    /// <summary>What a reply throws; fails if it does not throw <see cref="RespProtocolException"/>.</summary>
    public static string ReadError(byte[] frame, RespReaderOptions? options = null)
        => Assert.Throws<RespProtocolException>(() => RespReader.TryRead(frame, options ?? RespReaderOptions.Default, out _, out _)).Message;

    /// <summary>What a request throws; fails if it does not throw <see cref="RespProtocolException"/>.</summary>
    public static string ReadCommandError(byte[] frame, RespReaderOptions? options = null)
        => Assert.Throws<RespProtocolException>(() => RespReader.TryReadCommand(frame, options ?? RespReaderOptions.Default, out _, out _)).Message;

    /// <summary>Writes with a fresh <see cref="RespWriter"/> and returns the bytes.</summary>
    public static byte[] Write(Action<RespWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        write(new RespWriter(buffer));
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes and returns the bytes as Latin-1 text, for readable assertions.</summary>
    public static string WriteText(Action<RespWriter> write) => Encoding.Latin1.GetString(Write(write));

    /// <summary>Asserts that every strict prefix of a reply frame needs more data.</summary>
    public static void AssertEveryPrefixNeedsMoreData(byte[] frame, RespReaderOptions? options = null)
    {
        for (var length = 0; length < frame.Length; length++)
        {
            var status = RespReader.TryRead(frame.AsSpan(0, length), options ?? RespReaderOptions.Default, out var value, out var consumed);
            Assert.True(status == OperationStatus.NeedMoreData, $"prefix of {length} bytes gave {status}");
            Assert.Null(value);
            Assert.Equal(0, consumed);
        }
    }

    /// <summary>Asserts that every strict prefix of a request needs more data.</summary>
    public static void AssertEveryCommandPrefixNeedsMoreData(byte[] frame, RespReaderOptions? options = null)
    {
        for (var length = 0; length < frame.Length; length++)
        {
            var status = RespReader.TryReadCommand(frame.AsSpan(0, length), options ?? RespReaderOptions.Default, out var arguments, out var consumed);
            Assert.True(status == OperationStatus.NeedMoreData, $"prefix of {length} bytes gave {status}");
            Assert.Null(arguments);
            Assert.Equal(0, consumed);
        }
    }

    public static string[] Texts(byte[][] arguments) => [.. arguments.Select(a => Encoding.Latin1.GetString(a))];
}
