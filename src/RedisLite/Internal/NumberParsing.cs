using System.Globalization;

namespace RedisLite.Internal;

/// <summary>The shape of a floating-point literal, as recognised by <see cref="NumberParsing.TryScanFloat"/>.</summary>
internal enum FloatSyntaxKind
{
    /// <summary>Decimal digits with an optional point and an optional <c>e</c> exponent.</summary>
    Decimal,

    /// <summary><c>0x</c> followed by hexadecimal digits, an optional point and an optional <c>p</c> (binary) exponent.</summary>
    Hexadecimal,

    /// <summary><c>inf</c> or <c>infinity</c>, in any letter case.</summary>
    Infinity,
}

/// <summary>
/// The result of scanning a floating-point literal: its kind, sign, where its mantissa lies and its explicit exponent.
/// </summary>
/// <param name="Kind">What kind of literal it is.</param>
/// <param name="Negative">Whether the literal starts with '-'.</param>
/// <param name="MantissaStart">Index of the first mantissa character (after the sign and any <c>0x</c>).</param>
/// <param name="MantissaEnd">Index just past the last mantissa character (digits and at most one '.').</param>
/// <param name="Exponent">The explicit exponent (decimal power of ten, or power of two for hexadecimal), clamped to ±10^15.</param>
/// <param name="HasNonZeroDigit">Whether any mantissa digit is not zero.</param>
internal readonly record struct FloatSyntax(
    FloatSyntaxKind Kind,
    bool Negative,
    int MantissaStart,
    int MantissaEnd,
    long Exponent,
    bool HasNonZeroDigit);

/// <summary>
/// Parses numbers from raw bytes with the same acceptance rules as Redis 7 (integers as in its <c>string2ll</c>,
/// doubles as in its <c>getDoubleFromObject</c>, which follows C <c>strtod</c> and demands the whole input be used).
/// </summary>
internal static class NumberParsing
{
    /// <summary>Exponents are clamped to this magnitude while scanning; anything larger is already out of every range.</summary>
    private const long ExponentClamp = 1_000_000_000_000_000;

    /// <summary>
    /// Parses a signed 64-bit integer the strict Redis way: an optional '-', then either the single digit "0" or a
    /// digit 1-9 followed by more ASCII digits. No '+', no spaces, no leading zeros, no "-0", no overflow.
    /// </summary>
    /// <param name="s">The bytes to parse.</param>
    /// <param name="value">The number, or 0 when parsing fails.</param>
    /// <returns><see langword="true"/> if the whole input is a valid integer in range.</returns>
    internal static bool TryParseInt64(ReadOnlySpan<byte> s, out long value)
    {
        value = 0;

        // Twenty bytes is enough for "-9223372036854775808"; anything longer is never valid.
        if (s.IsEmpty || s.Length > 20)
        {
            return false;
        }

        if (s.Length == 1 && s[0] == (byte)'0')
        {
            return true;
        }

        var i = 0;
        var negative = false;
        if (s[0] == (byte)'-')
        {
            negative = true;
            i = 1;
            if (s.Length == 1)
            {
                return false;
            }
        }

        var first = (uint)(s[i] - '1');
        if (first > 8)
        {
            return false;
        }

        var v = (ulong)first + 1;
        for (i++; i < s.Length; i++)
        {
            var digit = (uint)(s[i] - '0');
            if (digit > 9 || v > ulong.MaxValue / 10)
            {
                return false;
            }

            v *= 10;
            if (v > ulong.MaxValue - digit)
            {
                return false;
            }

            v += digit;
        }

        if (negative)
        {
            if (v > (ulong)long.MaxValue + 1)
            {
                return false;
            }

            value = unchecked((long)(0UL - v));
        }
        else
        {
            if (v > long.MaxValue)
            {
                return false;
            }

            value = (long)v;
        }

        return true;
    }

    /// <summary>
    /// Parses a double the way Redis 7 reads a float argument: C <c>strtod</c> syntax (optional sign, decimal with
    /// optional point and exponent, <c>0x</c> hexadecimal with optional <c>p</c> exponent, <c>inf</c>/<c>infinity</c>),
    /// the whole input consumed, no leading whitespace, correctly rounded. Rejects empty input, NaN, values that
    /// overflow to infinity and nonzero values that underflow to zero (subnormal results are accepted).
    /// </summary>
    /// <param name="s">The bytes to parse.</param>
    /// <param name="value">The number, or 0 when parsing fails.</param>
    /// <returns><see langword="true"/> if the input is a valid float.</returns>
    internal static bool TryParseDouble(ReadOnlySpan<byte> s, out double value)
    {
        value = 0;
        if (!TryScanFloat(s, out var syntax))
        {
            return false;
        }

        switch (syntax.Kind)
        {
            case FloatSyntaxKind.Infinity:
                value = syntax.Negative ? double.NegativeInfinity : double.PositiveInfinity;
                return true;

            case FloatSyntaxKind.Hexadecimal:
                return TryParseHexDouble(s, syntax, out value);

            default:
                if (!syntax.HasNonZeroDigit)
                {
                    // An all-zero mantissa is exactly zero whatever the exponent says.
                    value = syntax.Negative ? -0.0 : 0.0;
                    return true;
                }

                // The syntax is already validated, so the runtime's (correctly rounded) parser only does the arithmetic.
                const NumberStyles Styles = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;
                if (!double.TryParse(s, Styles, NumberFormatInfo.InvariantInfo, out var parsed)
                    || double.IsInfinity(parsed)
                    || parsed == 0)
                {
                    value = 0;
                    return false;
                }

                value = parsed;
                return true;
        }
    }

    /// <summary>
    /// Checks that the whole input is a C <c>strtod</c> literal and locates its parts. NaN literals, leading
    /// whitespace, a missing mantissa and any unconsumed trailing byte (including an exponent marker with no
    /// digits after it) all make the scan fail.
    /// </summary>
    /// <param name="s">The bytes to scan.</param>
    /// <param name="syntax">The literal's parts when the scan succeeds.</param>
    /// <returns><see langword="true"/> if the input is a complete non-NaN literal.</returns>
    internal static bool TryScanFloat(ReadOnlySpan<byte> s, out FloatSyntax syntax)
    {
        syntax = default;
        if (s.IsEmpty)
        {
            return false;
        }

        var i = 0;
        var negative = false;
        if (s[0] == (byte)'-' || s[0] == (byte)'+')
        {
            negative = s[0] == (byte)'-';
            i = 1;
        }

        var rest = s[i..];
        if (IsAsciiIgnoreCase(rest, "inf"u8) || IsAsciiIgnoreCase(rest, "infinity"u8))
        {
            syntax = new FloatSyntax(FloatSyntaxKind.Infinity, negative, i, i, 0, true);
            return true;
        }

        if (rest.Length >= 2 && rest[0] == (byte)'0' && (rest[1] | 0x20) == (byte)'x')
        {
            var hexStart = i + 2;
            var hexEnd = ScanMantissa(s, hexStart, hex: true, out var hexDigits, out var hexNonZero);
            if (hexDigits > 0)
            {
                if (!TryScanExponent(s, hexEnd, (byte)'p', out var hexExponent))
                {
                    return false;
                }

                syntax = new FloatSyntax(FloatSyntaxKind.Hexadecimal, negative, hexStart, hexEnd, hexExponent, hexNonZero);
                return true;
            }

            // "0x" without hex digits: strtod would stop after the "0", leaving the 'x' unconsumed.
            return false;
        }

        var end = ScanMantissa(s, i, hex: false, out var digits, out var nonZero);
        if (digits == 0 || !TryScanExponent(s, end, (byte)'e', out var exponent))
        {
            return false;
        }

        syntax = new FloatSyntax(FloatSyntaxKind.Decimal, negative, i, end, exponent, nonZero);
        return true;
    }

    /// <summary>Returns the value of an ASCII digit (hexadecimal when asked), or -1 when the byte is not one.</summary>
    /// <param name="c">The byte.</param>
    /// <param name="hex">Whether 'a'-'f' and 'A'-'F' count as digits.</param>
    /// <returns>The digit value, or -1.</returns>
    internal static int DigitValue(byte c, bool hex)
    {
        var d = (uint)(c - '0');
        if (d <= 9)
        {
            return (int)d;
        }

        if (hex)
        {
            var h = (uint)((c | 0x20) - 'a');
            if (h <= 5)
            {
                return (int)h + 10;
            }
        }

        return -1;
    }

    private static int ScanMantissa(ReadOnlySpan<byte> s, int start, bool hex, out int digits, out bool nonZero)
    {
        digits = 0;
        nonZero = false;
        var seenPoint = false;
        var i = start;
        for (; i < s.Length; i++)
        {
            var c = s[i];
            if (c == (byte)'.')
            {
                if (seenPoint)
                {
                    break;
                }

                seenPoint = true;
                continue;
            }

            if (DigitValue(c, hex) < 0)
            {
                break;
            }

            digits++;
            nonZero |= c != (byte)'0';
        }

        return i;
    }

    /// <summary>Parses an optional exponent at <paramref name="start"/> that must run to the end of the input.</summary>
    private static bool TryScanExponent(ReadOnlySpan<byte> s, int start, byte marker, out long exponent)
    {
        exponent = 0;
        if (start == s.Length)
        {
            return true;
        }

        if ((s[start] | 0x20) != marker)
        {
            return false;
        }

        var i = start + 1;
        var negative = false;
        if (i < s.Length && (s[i] == (byte)'-' || s[i] == (byte)'+'))
        {
            negative = s[i] == (byte)'-';
            i++;
        }

        if (i == s.Length)
        {
            return false;
        }

        long e = 0;
        for (; i < s.Length; i++)
        {
            var d = (uint)(s[i] - '0');
            if (d > 9)
            {
                return false;
            }

            if (e < ExponentClamp)
            {
                e = (e * 10) + d;
            }
        }

        exponent = negative ? -Math.Min(e, ExponentClamp) : Math.Min(e, ExponentClamp);
        return true;
    }

    private static bool IsAsciiIgnoreCase(ReadOnlySpan<byte> s, ReadOnlySpan<byte> lowerCaseWord)
    {
        if (s.Length != lowerCaseWord.Length)
        {
            return false;
        }

        for (var i = 0; i < s.Length; i++)
        {
            if ((s[i] | 0x20) != lowerCaseWord[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Converts a scanned hexadecimal literal to the nearest double (ties to even) without allocating.</summary>
    private static bool TryParseHexDouble(ReadOnlySpan<byte> s, FloatSyntax syntax, out double value)
    {
        value = 0;
        if (!syntax.HasNonZeroDigit)
        {
            value = syntax.Negative ? -0.0 : 0.0;
            return true;
        }

        // Keep the first 16 significant hex digits (64 bits); later digits only matter as a sticky "something below".
        ulong mantissa = 0;
        var kept = 0;
        var sticky = false;
        var binaryExponent = syntax.Exponent;
        var afterPoint = false;
        var significant = false;
        for (var i = syntax.MantissaStart; i < syntax.MantissaEnd; i++)
        {
            var c = s[i];
            if (c == (byte)'.')
            {
                afterPoint = true;
                continue;
            }

            var d = DigitValue(c, hex: true);
            significant |= d != 0;
            if (!significant)
            {
                if (afterPoint)
                {
                    binaryExponent -= 4;
                }

                continue;
            }

            if (kept < 16)
            {
                mantissa = (mantissa << 4) | (uint)d;
                kept++;
                if (afterPoint)
                {
                    binaryExponent -= 4;
                }
            }
            else
            {
                sticky |= d != 0;
                if (!afterPoint)
                {
                    binaryExponent += 4;
                }
            }
        }

        // Normalise so that bit 63 is set: the value is mantissa * 2^binaryExponent (plus a sticky fraction).
        var shift = System.Numerics.BitOperations.LeadingZeroCount(mantissa);
        mantissa <<= shift;
        binaryExponent -= shift;
        var topExponent = binaryExponent + 63;
        if (topExponent > 1023)
        {
            return false;
        }

        var lsbExponent = Math.Max(topExponent - 52, -1074);
        var drop = lsbExponent - binaryExponent;
        if (drop > 65)
        {
            // Less than half of the smallest subnormal: rounds to zero, which strtod reports as an underflow.
            return false;
        }

        UInt128 wide = mantissa;
        var q = (ulong)(wide >> (int)drop);
        var remainder = wide - ((UInt128)q << (int)drop);
        var half = UInt128.One << (int)(drop - 1);
        if (remainder > half || (remainder == half && (sticky || (q & 1) != 0)))
        {
            q++;
        }

        if (q == 1UL << 53)
        {
            q = 1UL << 52;
            lsbExponent++;
        }

        if (q == 0)
        {
            return false;
        }

        ulong bits;
        if (q >= 1UL << 52)
        {
            var biased = lsbExponent + 52 + 1023;
            if (biased >= 2047)
            {
                return false;
            }

            bits = ((ulong)biased << 52) | (q - (1UL << 52));
        }
        else
        {
            bits = q;
        }

        if (syntax.Negative)
        {
            bits |= 1UL << 63;
        }

        value = BitConverter.UInt64BitsToDouble(bits);
        return true;
    }
}
