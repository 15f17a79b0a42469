using System.Globalization;

namespace RedisLite.Internal;

/// <summary>Turns numbers into the bytes RedisLite stores for them.</summary>
internal static class NumberFormatting
{
    /// <summary>2^53: every integer up to this magnitude is exactly representable as a double.</summary>
    private const double ExactIntegerLimit = 9007199254740992.0;

    /// <summary>
    /// Writes a double as ASCII: "inf", "-inf" and "nan" for the special values; integral values up to ±2^53 as plain
    /// integers (3.0 becomes "3", -0.0 becomes "-0"); anything else as the shortest decimal that round-trips, with a
    /// lowercase exponent when one is needed ("0.1", "1e+20", "1.5e-07"). Every output parses back to the same double
    /// with <see cref="NumberParsing.TryParseDouble"/>, except NaN, which Redis refuses as a float.
    /// </summary>
    /// <param name="d">The value to format.</param>
    /// <param name="destination">Where to write; at least 32 bytes.</param>
    /// <returns>The number of bytes written.</returns>
    internal static int FormatDouble(double d, Span<byte> destination)
    {
        if (double.IsNaN(d))
        {
            return Copy("nan"u8, destination);
        }

        if (double.IsInfinity(d))
        {
            return Copy(d > 0 ? "inf"u8 : "-inf"u8, destination);
        }

        int written;
        if (Math.Abs(d) <= ExactIntegerLimit && Math.Floor(d) == d)
        {
            if (d == 0 && double.IsNegative(d))
            {
                return Copy("-0"u8, destination);
            }

            if (!((long)d).TryFormat(destination, out written, default, CultureInfo.InvariantCulture))
            {
                throw new ArgumentException("The destination is too small.", nameof(destination));
            }

            return written;
        }

        if (!d.TryFormat(destination, out written, "R", CultureInfo.InvariantCulture))
        {
            throw new ArgumentException("The destination is too small.", nameof(destination));
        }

        for (var i = 0; i < written; i++)
        {
            if (destination[i] == (byte)'E')
            {
                destination[i] = (byte)'e';
                break;
            }
        }

        return written;
    }

    private static int Copy(ReadOnlySpan<byte> text, Span<byte> destination)
    {
        text.CopyTo(destination);
        return text.Length;
    }
}
