using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace RedisLite.Resp;

/// <summary>
/// Writes RESP2 and RESP3 frames to an <see cref="IBufferWriter{T}"/>: commands for a client, any reply for a
/// server. The writer only appends bytes; flushing the buffer writer is up to the caller. Nothing is allocated beyond
/// what the buffer writer hands out. Not thread-safe, like the buffer writers it wraps.
/// </summary>
/// <remarks>
/// The writer does not check that what it writes suits the protocol version a peer negotiated: RESP3-only types are
/// written as RESP3 even to a RESP2 peer. Aggregates are written as a header (<see cref="WriteArrayHeader(int)"/> and
/// friends) followed by exactly that many values (twice that many for maps and attributes).
/// </remarks>
public sealed class RespWriter
{
    /// <summary>A type byte, a 64-bit integer and CRLF.</summary>
    private const int MaxHeaderLength = 1 + RespNumbers.MaxInt64Length + 2;

    /// <summary>Payloads up to this size are written with their header and CRLF in one span.</summary>
    private const int SingleSpanLimit = 4096;

    private readonly IBufferWriter<byte> _output;

    /// <summary>Creates a writer that appends to <paramref name="output"/>.</summary>
    /// <param name="output">Where frames go, e.g. an <see cref="ArrayBufferWriter{T}"/> or a pipe writer.</param>
    public RespWriter(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
    }

    /// <summary>The buffer writer frames are appended to.</summary>
    public IBufferWriter<byte> Output => _output;

    /// <summary>Writes a command as a client sends one: an array of bulk strings.</summary>
    /// <param name="arguments">The command name and its arguments; at least one.</param>
    /// <exception cref="ArgumentException"><paramref name="arguments"/> is empty.</exception>
    public void WriteCommand(params ReadOnlySpan<ReadOnlyMemory<byte>> arguments)
    {
        RequireArguments(arguments.Length, nameof(arguments));
        WriteArrayHeader(arguments.Length);
        foreach (var argument in arguments)
        {
            WriteBulkString(argument.Span);
        }
    }

    /// <summary>Writes a command as a client sends one: an array of bulk strings.</summary>
    /// <param name="arguments">The command name and its arguments; at least one.</param>
    /// <exception cref="ArgumentException"><paramref name="arguments"/> is empty.</exception>
    public void WriteCommand(IReadOnlyList<ReadOnlyMemory<byte>> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        RequireArguments(arguments.Count, nameof(arguments));
        WriteArrayHeader(arguments.Count);
        for (var i = 0; i < arguments.Count; i++)
        {
            WriteBulkString(arguments[i].Span);
        }
    }

    /// <summary>Writes a command whose arguments are all text (UTF-8 encoded), e.g. <c>WriteCommand("GET", "key")</c>.</summary>
    /// <param name="arguments">The command name and its arguments; at least one.</param>
    /// <exception cref="ArgumentException"><paramref name="arguments"/> is empty.</exception>
    public void WriteCommand(params ReadOnlySpan<string> arguments)
    {
        RequireArguments(arguments.Length, nameof(arguments));
        WriteArrayHeader(arguments.Length);
        foreach (var argument in arguments)
        {
            WriteBulkString(argument);
        }
    }

    /// <summary>Writes a command given as a name and binary arguments, e.g. <c>WriteCommand("SET", key, value)</c>.</summary>
    /// <param name="command">The command name.</param>
    /// <param name="arguments">Its arguments.</param>
    public void WriteCommand(string command, params ReadOnlySpan<ReadOnlyMemory<byte>> arguments)
    {
        ArgumentNullException.ThrowIfNull(command);
        WriteArrayHeader(arguments.Length + 1);
        WriteBulkString(command);
        foreach (var argument in arguments)
        {
            WriteBulkString(argument.Span);
        }
    }

    /// <summary>Writes an array header (<c>*count</c>); <paramref name="count"/> values must follow.</summary>
    /// <param name="count">The number of elements.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative (use <see cref="WriteNullArray"/>).</exception>
    public void WriteArrayHeader(int count) => WriteAggregateHeader((byte)'*', count);

    /// <summary>Writes a RESP3 map header (<c>%count</c>); <paramref name="count"/> keys, each followed by its value, must follow.</summary>
    /// <param name="count">The number of key-value pairs.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public void WriteMapHeader(int count) => WriteAggregateHeader((byte)'%', count);

    /// <summary>Writes a RESP3 set header (<c>~count</c>); <paramref name="count"/> values must follow.</summary>
    /// <param name="count">The number of elements.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public void WriteSetHeader(int count) => WriteAggregateHeader((byte)'~', count);

    /// <summary>Writes a RESP3 push header (<c>&gt;count</c>); <paramref name="count"/> values must follow.</summary>
    /// <param name="count">The number of elements.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public void WritePushHeader(int count) => WriteAggregateHeader((byte)'>', count);

    /// <summary>
    /// Writes a RESP3 attribute header (<c>|count</c>); <paramref name="count"/> key-value pairs must follow, and then
    /// the value they describe.
    /// </summary>
    /// <param name="count">The number of key-value pairs.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public void WriteAttributeHeader(int count) => WriteAggregateHeader((byte)'|', count);

    /// <summary>Writes a bulk string (<c>$len\r\npayload\r\n</c>).</summary>
    /// <param name="value">The payload, any bytes.</param>
    public void WriteBulkString(ReadOnlySpan<byte> value) => WriteBlob((byte)'$', value);

    /// <summary>Writes a bulk string holding the UTF-8 encoding of <paramref name="value"/>.</summary>
    /// <param name="value">The text. Unpaired surrogates are written as U+FFFD.</param>
    public void WriteBulkString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        WriteHeader((byte)'$', Encoding.UTF8.GetByteCount(value));
        WriteUtf8(value);
        WriteCrlf();
    }

    /// <summary>Writes a bulk string holding the decimal text of <paramref name="value"/>, as clients send numeric arguments.</summary>
    /// <param name="value">The number.</param>
    public void WriteBulkString(long value)
    {
        Span<byte> digits = stackalloc byte[RespNumbers.MaxInt64Length];
        WriteBlob((byte)'$', digits[..RespNumbers.FormatInt64(value, digits)]);
    }

    /// <summary>Writes a simple string (<c>+OK</c>).</summary>
    /// <param name="value">The text; no CR or LF.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> contains CR or LF.</exception>
    public void WriteSimpleString(string value) => WriteLine((byte)'+', value);

    /// <summary>Writes a simple string from bytes already encoded, e.g. <c>WriteSimpleString("OK"u8)</c>.</summary>
    /// <param name="value">The text; no CR or LF.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> contains CR or LF.</exception>
    public void WriteSimpleString(ReadOnlySpan<byte> value) => WriteLine((byte)'+', value);

    /// <summary>Writes a simple error (<c>-ERR message</c>).</summary>
    /// <param name="message">The error text, conventionally starting with an error code such as <c>ERR</c> or <c>WRONGTYPE</c>; no CR or LF.</param>
    /// <exception cref="ArgumentException"><paramref name="message"/> contains CR or LF.</exception>
    public void WriteError(string message) => WriteLine((byte)'-', message);

    /// <summary>Writes a RESP3 bulk error (<c>!len\r\nmessage\r\n</c>).</summary>
    /// <param name="message">The error text, any characters.</param>
    public void WriteBulkError(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        WriteHeader((byte)'!', Encoding.UTF8.GetByteCount(message));
        WriteUtf8(message);
        WriteCrlf();
    }

    /// <summary>Writes an integer (<c>:42</c>).</summary>
    /// <param name="value">The value.</param>
    public void WriteInteger(long value) => WriteHeader((byte)':', value);

    /// <summary>Writes RESP2's null bulk string, <c>$-1\r\n</c>.</summary>
    public void WriteNullBulk() => WriteRaw("$-1\r\n"u8);

    /// <summary>Writes RESP2's null array, <c>*-1\r\n</c>.</summary>
    public void WriteNullArray() => WriteRaw("*-1\r\n"u8);

    /// <summary>Writes RESP3's null, <c>_\r\n</c>.</summary>
    public void WriteNull() => WriteRaw("_\r\n"u8);

    /// <summary>Writes a RESP3 boolean, <c>#t\r\n</c> or <c>#f\r\n</c>.</summary>
    /// <param name="value">The value.</param>
    public void WriteBoolean(bool value) => WriteRaw(value ? "#t\r\n"u8 : "#f\r\n"u8);

    /// <summary>
    /// Writes a RESP3 double (<c>,1.5</c>) formatted as Redis 7.2 and later format one: <c>inf</c>, <c>-inf</c>,
    /// <c>nan</c>, <c>0</c>/<c>-0</c>, integral values up to 2^62 as plain integers (<c>3</c>), anything else in the
    /// shortest form that reads back as the same double (<c>1.1</c>, <c>0.0001</c>, <c>1.234e-7</c>, <c>1e+20</c>).
    /// </summary>
    /// <param name="value">The value.</param>
    public void WriteDouble(double value)
    {
        var span = _output.GetSpan(RespNumbers.MaxNumberLength + 3);
        span[0] = (byte)',';
        var length = 1 + RespNumbers.FormatDouble(value, span[1..]);
        span[length++] = (byte)'\r';
        span[length++] = (byte)'\n';
        _output.Advance(length);
    }

    /// <summary>Writes a RESP3 big number (<c>(12345678901234567890</c>).</summary>
    /// <param name="digits">Decimal digits with an optional leading '-' or '+'.</param>
    /// <exception cref="ArgumentException"><paramref name="digits"/> is not such a number.</exception>
    public void WriteBigNumber(string digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
        if (digits.Length == 0 || !Ascii.IsValid(digits) || !RespNumbers.IsBigNumber(Encoding.ASCII.GetBytes(digits)))
        {
            throw new ArgumentException("A big number is decimal digits with an optional sign.", nameof(digits));
        }

        _output.GetSpan(1)[0] = (byte)'(';
        _output.Advance(1);
        WriteUtf8(digits);
        WriteCrlf();
    }

    /// <summary>Writes a RESP3 verbatim string (<c>=len\r\nfmt:text\r\n</c>).</summary>
    /// <param name="format">Three printable ASCII characters other than ':', such as <c>txt</c> or <c>mkd</c>.</param>
    /// <param name="text">The text, written as UTF-8.</param>
    /// <exception cref="ArgumentException"><paramref name="format"/> is not three such characters.</exception>
    public void WriteVerbatim(string format, string text)
    {
        RespValue.ValidateFormat(format);
        ArgumentNullException.ThrowIfNull(text);
        WriteHeader((byte)'=', 4L + Encoding.UTF8.GetByteCount(text));
        WriteVerbatimPrefix(format);
        WriteUtf8(text);
        WriteCrlf();
    }

    /// <summary>Writes a RESP3 verbatim string whose text is already encoded.</summary>
    /// <param name="format">Three printable ASCII characters other than ':', such as <c>txt</c> or <c>mkd</c>.</param>
    /// <param name="text">The text's bytes.</param>
    /// <exception cref="ArgumentException"><paramref name="format"/> is not three such characters.</exception>
    public void WriteVerbatim(string format, ReadOnlySpan<byte> text)
    {
        RespValue.ValidateFormat(format);
        WriteHeader((byte)'=', 4L + text.Length);
        WriteVerbatimPrefix(format);
        WriteBytes(text);
        WriteCrlf();
    }

    /// <summary>
    /// Writes any value, aggregates recursively, preceded by its <see cref="RespValue.Attributes"/> if it has them.
    /// Each type is written as itself (RESP2 nulls as <c>$-1</c>/<c>*-1</c>, RESP3 types in RESP3 syntax), so what
    /// <see cref="RespReader"/> read is written back byte for byte, doubles aside (those are written in the canonical
    /// form of <see cref="WriteDouble(double)"/>).
    /// </summary>
    /// <param name="value">The value.</param>
    public void WriteValue(RespValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Attributes is not null)
        {
            WriteValue(value.Attributes);
        }

        switch (value.Type)
        {
            case RespType.SimpleString:
                WriteLine((byte)'+', value.Bytes.Span);
                break;
            case RespType.SimpleError:
                WriteLine((byte)'-', value.Bytes.Span);
                break;
            case RespType.Integer:
                WriteInteger(value.RawInteger);
                break;
            case RespType.BulkString when value.IsNull:
                WriteNullBulk();
                break;
            case RespType.BulkString:
                WriteBlob((byte)'$', value.Bytes.Span);
                break;
            case RespType.BulkError:
                WriteBlob((byte)'!', value.Bytes.Span);
                break;
            case RespType.VerbatimString:
                WriteVerbatim(value.VerbatimFormat!, value.Bytes.Span);
                break;
            case RespType.Null:
                WriteNull();
                break;
            case RespType.Boolean:
                WriteBoolean(value.RawInteger != 0);
                break;
            case RespType.Double:
                WriteDouble(value.RawDouble);
                break;
            case RespType.BigNumber:
                WriteLine((byte)'(', value.Bytes.Span);
                break;
            case RespType.Array when value.IsNull:
                WriteNullArray();
                break;
            default:
                var items = value.ItemsSpan;
                var pairs = value.Type is RespType.Map or RespType.Attribute;
                WriteAggregateHeader(
                    value.Type switch
                    {
                        RespType.Array => (byte)'*',
                        RespType.Set => (byte)'~',
                        RespType.Push => (byte)'>',
                        RespType.Map => (byte)'%',
                        _ => (byte)'|',
                    },
                    pairs ? items.Length / 2 : items.Length);
                foreach (var item in items)
                {
                    WriteValue(item);
                }

                break;
        }
    }

    /// <summary>Appends bytes as they are, e.g. a pre-encoded frame such as <c>"+OK\r\n"u8</c>.</summary>
    /// <param name="bytes">The bytes; they must form whole RESP frames for the output to stay valid.</param>
    public void WriteRaw(ReadOnlySpan<byte> bytes) => WriteBytes(bytes);

    private static void RequireArguments(int count, string parameterName)
    {
        if (count == 0)
        {
            throw new ArgumentException("A command needs at least its name.", parameterName);
        }
    }

    private void WriteAggregateHeader(byte type, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        WriteHeader(type, count);
    }

    private void WriteHeader(byte type, long value)
    {
        var span = _output.GetSpan(MaxHeaderLength);
        span[0] = type;
        var length = 1 + RespNumbers.FormatInt64(value, span[1..]);
        span[length++] = (byte)'\r';
        span[length++] = (byte)'\n';
        _output.Advance(length);
    }

    private void WriteBlob(byte type, ReadOnlySpan<byte> payload)
    {
        if (payload.Length > SingleSpanLimit)
        {
            WriteHeader(type, payload.Length);
            WriteBytes(payload);
            WriteCrlf();
            return;
        }

        var span = _output.GetSpan(MaxHeaderLength + payload.Length + 2);
        span[0] = type;
        var length = 1 + RespNumbers.FormatInt64(payload.Length, span[1..]);
        span[length++] = (byte)'\r';
        span[length++] = (byte)'\n';
        payload.CopyTo(span[length..]);
        length += payload.Length;
        span[length++] = (byte)'\r';
        span[length++] = (byte)'\n';
        _output.Advance(length);
    }

    private void WriteLine(byte type, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new ArgumentException("Simple strings and simple errors cannot contain CR or LF.", nameof(text));
        }

        _output.GetSpan(1)[0] = type;
        _output.Advance(1);
        WriteUtf8(text);
        WriteCrlf();
    }

    private void WriteLine(byte type, ReadOnlySpan<byte> text)
    {
        if (text.IndexOfAny((byte)'\r', (byte)'\n') >= 0)
        {
            throw new ArgumentException("Simple strings and simple errors cannot contain CR or LF.", nameof(text));
        }

        if (text.Length > SingleSpanLimit)
        {
            _output.GetSpan(1)[0] = type;
            _output.Advance(1);
            WriteBytes(text);
            WriteCrlf();
            return;
        }

        var span = _output.GetSpan(text.Length + 3);
        span[0] = type;
        text.CopyTo(span[1..]);
        span[text.Length + 1] = (byte)'\r';
        span[text.Length + 2] = (byte)'\n';
        _output.Advance(text.Length + 3);
    }

    private void WriteVerbatimPrefix(string format)
    {
        var span = _output.GetSpan(4);
        span[0] = (byte)format[0];
        span[1] = (byte)format[1];
        span[2] = (byte)format[2];
        span[3] = (byte)':';
        _output.Advance(4);
    }

    private void WriteCrlf()
    {
        var span = _output.GetSpan(2);
        span[0] = (byte)'\r';
        span[1] = (byte)'\n';
        _output.Advance(2);
    }

    /// <summary>Copies bytes in whatever chunks the buffer writer offers, never asking it for one huge span.</summary>
    private void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            var span = _output.GetSpan(Math.Min(bytes.Length, SingleSpanLimit));
            var chunk = Math.Min(span.Length, bytes.Length);
            bytes[..chunk].CopyTo(span);
            _output.Advance(chunk);
            bytes = bytes[chunk..];
        }
    }

    /// <summary>Encodes text as UTF-8 (unpaired surrogates as U+FFFD, as <see cref="Encoding.UTF8"/> counts them) in chunks.</summary>
    private void WriteUtf8(ReadOnlySpan<char> text)
    {
        while (!text.IsEmpty)
        {
            // At least 4 bytes, so that any one character fits.
            var span = _output.GetSpan(Math.Clamp(text.Length * 3, 4, SingleSpanLimit));
            Utf8.FromUtf16(text, span, out var read, out var written, replaceInvalidSequences: true, isFinalBlock: true);
            if (read == 0)
            {
                throw new InvalidOperationException("The buffer writer returned a span too small for one character.");
            }

            _output.Advance(written);
            text = text[read..];
        }
    }
}
