using System.Buffers;

namespace RedisLite.Resp;

/// <summary>
/// Splits an inline request line into arguments with the quoting rules Redis applies to inline commands (the same as
/// <c>redis-cli</c>'s): whitespace separates arguments; double quotes allow escapes; single quotes allow only
/// <c>\'</c>; a closing quote must be followed by whitespace or the end of the line.
/// </summary>
internal static class InlineSplitter
{
    private const string Unbalanced = "Protocol error: unbalanced quotes in request";

    /// <summary>Splits <paramref name="line"/> (without its line terminator).</summary>
    /// <exception cref="RespProtocolException">A quote is not closed, or a closing quote is followed by something other than whitespace.</exception>
    internal static byte[][] Split(ReadOnlySpan<byte> line)
    {
        // An unescaped argument is never longer than the line it came from.
        byte[]? rented = null;
        Span<byte> scratch = line.Length <= 256
            ? stackalloc byte[256]
            : (rented = ArrayPool<byte>.Shared.Rent(line.Length));
        try
        {
            List<byte[]>? arguments = null;
            var position = 0;
            while (true)
            {
                while (position < line.Length && IsSpace(line[position]))
                {
                    position++;
                }

                if (position == line.Length)
                {
                    return arguments is null ? [] : [.. arguments];
                }

                var length = ReadArgument(line, ref position, scratch);
                (arguments ??= []).Add(scratch[..length].ToArray());
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Reads one argument starting at a non-space byte; returns its unescaped length in <paramref name="output"/>.</summary>
    private static int ReadArgument(ReadOnlySpan<byte> line, ref int position, Span<byte> output)
    {
        var length = 0;
        var inDoubleQuotes = false;
        var inSingleQuotes = false;
        while (true)
        {
            var atEnd = position >= line.Length;
            if (inDoubleQuotes)
            {
                if (atEnd)
                {
                    throw new RespProtocolException(Unbalanced);
                }

                var c = line[position];
                if (c == (byte)'\\' && position + 3 < line.Length && line[position + 1] == (byte)'x'
                    && IsHexDigit(line[position + 2]) && IsHexDigit(line[position + 3]))
                {
                    output[length++] = (byte)((HexValue(line[position + 2]) << 4) | HexValue(line[position + 3]));
                    position += 4;
                }
                else if (c == (byte)'\\' && position + 1 < line.Length)
                {
                    output[length++] = line[position + 1] switch
                    {
                        (byte)'n' => (byte)'\n',
                        (byte)'r' => (byte)'\r',
                        (byte)'t' => (byte)'\t',
                        (byte)'b' => (byte)'\b',
                        (byte)'a' => 0x07,
                        var other => other,
                    };
                    position += 2;
                }
                else if (c == (byte)'"')
                {
                    position++;
                    if (position < line.Length && !IsSpace(line[position]))
                    {
                        throw new RespProtocolException(Unbalanced);
                    }

                    return length;
                }
                else
                {
                    output[length++] = c;
                    position++;
                }
            }
            else if (inSingleQuotes)
            {
                if (atEnd)
                {
                    throw new RespProtocolException(Unbalanced);
                }

                var c = line[position];
                if (c == (byte)'\\' && position + 1 < line.Length && line[position + 1] == (byte)'\'')
                {
                    output[length++] = (byte)'\'';
                    position += 2;
                }
                else if (c == (byte)'\'')
                {
                    position++;
                    if (position < line.Length && !IsSpace(line[position]))
                    {
                        throw new RespProtocolException(Unbalanced);
                    }

                    return length;
                }
                else
                {
                    output[length++] = c;
                    position++;
                }
            }
            else
            {
                if (atEnd)
                {
                    return length;
                }

                var c = line[position];
                switch (c)
                {
                    // Only these end an unquoted argument (vertical tab and form feed do not, though they are
                    // skipped between arguments), as in Redis.
                    case (byte)' ':
                    case (byte)'\n':
                    case (byte)'\r':
                    case (byte)'\t':
                        return length;
                    case (byte)'"':
                        inDoubleQuotes = true;
                        break;
                    case (byte)'\'':
                        inSingleQuotes = true;
                        break;
                    default:
                        output[length++] = c;
                        break;
                }

                position++;
            }
        }
    }

    /// <summary>C's <c>isspace</c>: space, tab, LF, vertical tab, form feed, CR.</summary>
    private static bool IsSpace(byte c) => c is (byte)' ' or (byte)'\t' or (byte)'\n' or 0x0B or 0x0C or (byte)'\r';

    private static bool IsHexDigit(byte c) => char.IsAsciiHexDigit((char)c);

    private static int HexValue(byte c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
