using System.Buffers.Text;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace RedisLite.Server.Protocol;

/// <summary>
/// The replies a connection has produced and not yet sent, written in place as RESP2 or RESP3 (<see cref="Resp3"/>).
/// One per connection, reused for its whole life: a pipelined batch of commands costs one buffer and one send.
/// </summary>
/// <remarks>Not thread-safe: owned by the connection's loop (pushes are written under the connection's send lock).</remarks>
internal sealed class ReplyBuffer
{
    private const int InitialSize = 16 * 1024;

    private byte[] _buffer = new byte[InitialSize];
    private int _length;

    /// <summary>Gets or sets whether replies are RESP3 (after <c>HELLO 3</c>); otherwise RESP2.</summary>
    public bool Resp3 { get; set; }

    /// <summary>Gets how many bytes are waiting.</summary>
    public int Length => _length;

    /// <summary>Gets the bytes waiting.</summary>
    public ReadOnlyMemory<byte> Written => _buffer.AsMemory(0, _length);

    /// <summary>Forgets what was written; shrinks a buffer a huge reply grew.</summary>
    public void Clear()
    {
        _length = 0;
        if (_buffer.Length > 1024 * 1024)
        {
            _buffer = new byte[InitialSize];
        }
    }

    /// <summary>Drops what was written after <paramref name="length"/> (an EXEC whose watch failed).</summary>
    public void Truncate(int length) => _length = length;

    public void Ok() => Raw("+OK\r\n"u8);

    public void Queued() => Raw("+QUEUED\r\n"u8);

    public void Pong() => Raw("+PONG\r\n"u8);

    public void Raw(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Reserve(bytes.Length));
        _length += bytes.Length;
    }

    public void SimpleString(string value) => Line((byte)'+', value);

    /// <summary>An error reply; <paramref name="message"/> starts with its code (<c>ERR</c>, <c>WRONGTYPE</c>, ...).
    /// Line breaks become spaces, as Redis does, so the reply stays one line.</summary>
    public void Error(string message) => Line((byte)'-', message);

    public void Integer(long value)
    {
        var span = Reserve(24);
        span[0] = (byte)':';
        Utf8Formatter.TryFormat(value, span[1..], out var written);
        span[1 + written] = (byte)'\r';
        span[2 + written] = (byte)'\n';
        _length += written + 3;
    }

    /// <summary>1 or 0 as an integer reply (Redis answers yes/no commands such as EXISTS and SISMEMBER this way in
    /// both protocols).</summary>
    public void Integer(bool value) => Raw(value ? ":1\r\n"u8 : ":0\r\n"u8);

    public void Bulk(ReadOnlySpan<byte> value)
    {
        var span = Reserve(value.Length + 16);
        span[0] = (byte)'$';
        Utf8Formatter.TryFormat(value.Length, span[1..], out var written);
        var position = written + 1;
        span[position++] = (byte)'\r';
        span[position++] = (byte)'\n';
        value.CopyTo(span[position..]);
        position += value.Length;
        span[position++] = (byte)'\r';
        span[position++] = (byte)'\n';
        _length += position;
    }

    public void Bulk(string value)
    {
        var count = Encoding.UTF8.GetByteCount(value);
        if (count <= 256)
        {
            Span<byte> bytes = stackalloc byte[256];
            Encoding.UTF8.GetBytes(value, bytes);
            Bulk(bytes[..count]);
        }
        else
        {
            Bulk(Encoding.UTF8.GetBytes(value));
        }
    }

    /// <summary>A bulk string holding a number's decimal digits (what Redis returns for a stored integer).</summary>
    public void Bulk(long value)
    {
        Span<byte> digits = stackalloc byte[24];
        Utf8Formatter.TryFormat(value, digits, out var written);
        Bulk(digits[..written]);
    }

    /// <summary>A bulk string, or the null reply for <see cref="RedisValue.IsNull"/>.</summary>
    public void Bulk(in RedisValue value)
    {
        if (value.IsNull)
        {
            Null();
            return;
        }

        Bulk(value.GetBytes(stackalloc byte[64]));
    }

    /// <summary>A bulk string, or the null reply for a null key.</summary>
    public void Bulk(in RedisKey value)
    {
        if (value.IsNull)
        {
            Null();
            return;
        }

        Bulk(value.GetBytes(stackalloc byte[64]));
    }

    /// <summary>The null reply: <c>$-1</c> in RESP2, <c>_</c> in RESP3.</summary>
    public void Null() => Raw(Resp3 ? "_\r\n"u8 : "$-1\r\n"u8);

    /// <summary>The null array: <c>*-1</c> in RESP2, <c>_</c> in RESP3.</summary>
    public void NullArray() => Raw(Resp3 ? "_\r\n"u8 : "*-1\r\n"u8);

    public void ArrayHeader(int count) => Header((byte)'*', count);

    /// <summary>A map of <paramref name="count"/> pairs: <c>%</c> in RESP3, a flat array of twice as many in RESP2.</summary>
    public void MapHeader(int count)
    {
        if (Resp3)
        {
            Header((byte)'%', count);
        }
        else
        {
            Header((byte)'*', count * 2);
        }
    }

    /// <summary>A set: <c>~</c> in RESP3, an array in RESP2.</summary>
    public void SetHeader(int count) => Header(Resp3 ? (byte)'~' : (byte)'*', count);

    /// <summary>An out-of-band push: <c>&gt;</c> in RESP3, an array in RESP2.</summary>
    public void PushHeader(int count) => Header(Resp3 ? (byte)'>' : (byte)'*', count);

    /// <summary>A double as Redis 7.0 replies one: RESP3 <c>,</c>; RESP2 a bulk string; printed with <c>%.17g</c>.</summary>
    public void Double(double value)
    {
        Span<byte> text = stackalloc byte[40];
        var written = FormatG17(value, text);
        if (Resp3)
        {
            var span = Reserve(written + 3);
            span[0] = (byte)',';
            text[..written].CopyTo(span[1..]);
            span[written + 1] = (byte)'\r';
            span[written + 2] = (byte)'\n';
            _length += written + 3;
        }
        else
        {
            Bulk(text[..written]);
        }
    }

    /// <summary>A nullable double: the null reply when absent.</summary>
    public void Double(double? value)
    {
        if (value is { } d)
        {
            Double(d);
        }
        else
        {
            Null();
        }
    }

    /// <summary>Text for humans (INFO, CLIENT LIST): a verbatim string in RESP3, a bulk string in RESP2.</summary>
    public void Verbatim(string text)
    {
        if (!Resp3)
        {
            Bulk(text);
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        var span = Reserve(bytes.Length + 24);
        span[0] = (byte)'=';
        Utf8Formatter.TryFormat(bytes.Length + 4, span[1..], out var written);
        var position = written + 1;
        "\r\ntxt:"u8.CopyTo(span[position..]);
        position += 6;
        bytes.CopyTo(span[position..]);
        position += bytes.Length;
        span[position++] = (byte)'\r';
        span[position++] = (byte)'\n';
        _length += position;
    }

    /// <summary>An array of bulk strings (nulls as null replies).</summary>
    public void BulkArray(RedisValue[] values)
    {
        ArrayHeader(values.Length);
        foreach (var value in values)
        {
            Bulk(value);
        }
    }

    /// <summary>A set of bulk strings (<c>~</c> in RESP3).</summary>
    public void BulkSet(RedisValue[] values)
    {
        SetHeader(values.Length);
        foreach (var value in values)
        {
            Bulk(value);
        }
    }

    /// <summary>Writes a double as C's <c>printf("%.17g")</c> does (what Redis 7.0 uses for double replies).</summary>
    internal static int FormatG17(double value, Span<byte> destination)
    {
        if (double.IsNaN(value))
        {
            return Copy("nan"u8, destination);
        }

        if (double.IsInfinity(value))
        {
            return Copy(value > 0 ? "inf"u8 : "-inf"u8, destination);
        }

        if (value == 0)
        {
            return Copy(double.IsNegative(value) ? "-0"u8 : "0"u8, destination);
        }

        // 17 significant digits in scientific form, then laid out as %g does: fixed notation when the exponent is
        // in [-4, 17), else scientific; trailing zeros (and a bare point) removed; an exponent of at least two digits.
        Span<char> sci = stackalloc char[32];
        value.TryFormat(sci, out var length, "E16", CultureInfo.InvariantCulture);
        sci = sci[..length];
        var negative = sci[0] == '-';
        var mantissaStart = negative ? 1 : 0;
        var e = sci.IndexOf('E');
        var exponent = int.Parse(sci[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        Span<char> digits = stackalloc char[17];
        digits[0] = sci[mantissaStart];
        sci.Slice(mantissaStart + 2, 16).CopyTo(digits[1..]);
        var significant = 17;
        while (significant > 1 && digits[significant - 1] == '0')
        {
            significant--;
        }

        var position = 0;
        if (negative)
        {
            destination[position++] = (byte)'-';
        }

        if (exponent is >= -4 and < 17)
        {
            if (exponent < 0)
            {
                destination[position++] = (byte)'0';
                destination[position++] = (byte)'.';
                for (var i = 0; i < -exponent - 1; i++)
                {
                    destination[position++] = (byte)'0';
                }

                for (var i = 0; i < significant; i++)
                {
                    destination[position++] = (byte)digits[i];
                }
            }
            else
            {
                for (var i = 0; i <= exponent; i++)
                {
                    destination[position++] = i < significant ? (byte)digits[i] : (byte)'0';
                }

                if (significant > exponent + 1)
                {
                    destination[position++] = (byte)'.';
                    for (var i = exponent + 1; i < significant; i++)
                    {
                        destination[position++] = (byte)digits[i];
                    }
                }
            }

            return position;
        }

        destination[position++] = (byte)digits[0];
        if (significant > 1)
        {
            destination[position++] = (byte)'.';
            for (var i = 1; i < significant; i++)
            {
                destination[position++] = (byte)digits[i];
            }
        }

        destination[position++] = (byte)'e';
        destination[position++] = exponent < 0 ? (byte)'-' : (byte)'+';
        var magnitude = Math.Abs(exponent);
        if (magnitude < 10)
        {
            destination[position++] = (byte)'0';
        }

        Utf8Formatter.TryFormat(magnitude, destination[position..], out var written);
        return position + written;
    }

    private static int Copy(ReadOnlySpan<byte> text, Span<byte> destination)
    {
        text.CopyTo(destination);
        return text.Length;
    }

    private void Header(byte marker, int count)
    {
        var span = Reserve(16);
        span[0] = marker;
        Utf8Formatter.TryFormat(count, span[1..], out var written);
        span[1 + written] = (byte)'\r';
        span[2 + written] = (byte)'\n';
        _length += written + 3;
    }

    private void Line(byte marker, string text)
    {
        var count = Encoding.UTF8.GetByteCount(text);
        var span = Reserve(count + 3);
        span[0] = marker;
        Encoding.UTF8.GetBytes(text, span[1..]);
        foreach (ref var b in span.Slice(1, count))
        {
            if (b is (byte)'\r' or (byte)'\n')
            {
                b = (byte)' ';
            }
        }

        span[count + 1] = (byte)'\r';
        span[count + 2] = (byte)'\n';
        _length += count + 3;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Span<byte> Reserve(int count)
    {
        if (_buffer.Length - _length < count)
        {
            Grow(count);
        }

        return _buffer.AsSpan(_length);
    }

    private void Grow(int count)
    {
        var size = Math.Max(_buffer.Length * 2, _length + count);
        Array.Resize(ref _buffer, size);
    }
}
