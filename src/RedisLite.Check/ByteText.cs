using System.Globalization;
using System.Text;
using RedisLite.Resp;

namespace RedisLite.CheckTool;

/// <summary>Prints bytes as quoted, escaped text, as redis-cli shows binary-safe strings, shortening long ones.</summary>
internal static class ByteText
{
    /// <summary>The bytes shown of a longer value; the rest is summarized by its length.</summary>
    public const int MaxShown = 64;

    /// <summary>Appends <paramref name="bytes"/> quoted and escaped as <see cref="RespValue"/> prints them; a value longer
    /// than <see cref="MaxShown"/> bytes shows its start, then <c>...(N bytes)</c>.</summary>
    public static void Append(StringBuilder text, ReadOnlySpan<byte> bytes)
    {
        RespValue.AppendQuoted(text, bytes.Length > MaxShown ? bytes[..MaxShown] : bytes);
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
