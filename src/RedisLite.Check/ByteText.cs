using System.Globalization;
using System.Text;

namespace RedisLite.CheckTool;

/// <summary>Prints bytes as quoted, escaped text, as redis-cli shows binary-safe strings.</summary>
internal static class ByteText
{
    /// <summary>The bytes shown of a longer value; the rest is summarized by its length.</summary>
    public const int MaxShown = 64;

    /// <summary>Appends <paramref name="bytes"/> quoted: printable ASCII as is, <c>\n \r \t \a \b \" \\</c>, anything
    /// else as <c>\xHH</c>. A value longer than <see cref="MaxShown"/> bytes shows its start, then <c>...(N bytes)</c>.</summary>
    public static void Append(StringBuilder text, ReadOnlySpan<byte> bytes)
    {
        text.Append('"');
        foreach (var b in bytes.Length > MaxShown ? bytes[..MaxShown] : bytes)
        {
            switch (b)
            {
                case (byte)'\\':
                    text.Append(@"\\");
                    break;
                case (byte)'"':
                    text.Append("\\\"");
                    break;
                case (byte)'\n':
                    text.Append(@"\n");
                    break;
                case (byte)'\r':
                    text.Append(@"\r");
                    break;
                case (byte)'\t':
                    text.Append(@"\t");
                    break;
                case 7:
                    text.Append(@"\a");
                    break;
                case 8:
                    text.Append(@"\b");
                    break;
                case >= 0x20 and < 0x7F:
                    text.Append((char)b);
                    break;
                default:
                    text.Append(CultureInfo.InvariantCulture, $"\\x{b:x2}");
                    break;
            }
        }

        text.Append('"');
        if (bytes.Length > MaxShown)
        {
            text.Append(CultureInfo.InvariantCulture, $"...({bytes.Length} bytes)");
        }
    }

    /// <summary>Returns <paramref name="bytes"/> quoted and escaped (see <see cref="Append"/>).</summary>
    public static string Quote(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder();
        Append(text, bytes);
        return text.ToString();
    }
}
