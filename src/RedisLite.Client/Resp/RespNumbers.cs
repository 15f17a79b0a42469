using System.Buffers;
using System.Globalization;
using System.Text;

namespace RedisLite.Resp;

/// <summary>Number parsing and formatting with the exact rules RESP and Redis use.</summary>
internal static class RespNumbers
{
    /// <summary>Enough room for any integer (20 characters) or double (24 characters) as ASCII.</summary>
    internal const int MaxNumberLength = 32;

    /// <summary>The longest decimal text of a 64-bit integer: <c>-9223372036854775808</c>.</summary>
    internal const int MaxInt64Length = 20;

    /// <summary>
    /// Doubles whose magnitude is at most this (<c>LLONG_MAX / 2</c> as a double) and that hold an integral value are
    /// printed by Redis as plain integers.
    /// </summary>
    private const double IntegerPathLimit = 4611686018427387904.0;

    /// <summary>The bytes a decimal double may be made of.</summary>
    private static readonly SearchValues<byte> DecimalDoubleBytes = SearchValues.Create("0123456789.eE+-"u8);

    /// <summary>
    /// Parses a signed decimal 64-bit integer as Redis does (its <c>string2ll</c>): an optional '-', then digits with no
    /// leading zero (a lone "0" is fine); no '+', no spaces, no "-0", nothing else.
    /// </summary>
    internal static bool TryParseInt64(ReadOnlySpan<byte> text, out long value)
    {
        value = 0;
        if (text.IsEmpty || text.Length > MaxInt64Length)
        {
            return false;
        }

        if (text.Length == 1 && text[0] == (byte)'0')
        {
            return true;
        }

        var negative = text[0] == (byte)'-';
        var digits = negative ? text[1..] : text;
        if (digits.IsEmpty || digits[0] is < (byte)'1' or > (byte)'9')
        {
            return false;
        }

        ulong magnitude = 0;
        foreach (var c in digits)
        {
            var digit = (uint)(c - '0');
            if (digit > 9 || magnitude > (ulong.MaxValue - digit) / 10)
            {
                return false;
            }

            magnitude = (magnitude * 10) + digit;
        }

        if (negative)
        {
            if (magnitude > (ulong)long.MaxValue + 1)
            {
                return false;
            }

            value = (long)(0 - magnitude);
            return true;
        }

        if (magnitude > long.MaxValue)
        {
            return false;
        }

        value = (long)magnitude;
        return true;
    }

    /// <summary>
    /// Parses the text of a RESP3 double: decimal digits with an optional sign, point and exponent, or <c>inf</c>,
    /// <c>-inf</c>, <c>nan</c> (any letter case, optional sign). Decimal values beyond the double range become infinities.
    /// </summary>
    internal static bool TryParseDouble(ReadOnlySpan<byte> text, out double value)
    {
        value = 0;
        if (text.IsEmpty)
        {
            return false;
        }

        var body = text[0] is (byte)'-' or (byte)'+' ? text[1..] : text;
        if (body.Length == 3)
        {
            if (Ascii.EqualsIgnoreCase(body, "inf"u8))
            {
                value = text[0] == (byte)'-' ? double.NegativeInfinity : double.PositiveInfinity;
                return true;
            }

            if (Ascii.EqualsIgnoreCase(body, "nan"u8))
            {
                value = double.NaN;
                return true;
            }
        }

        // Only digits, signs, points and exponents: no whitespace, no "Infinity"/"NaN" words, no hex, no digit groups.
        if (body.IsEmpty || body.IndexOfAnyExcept(DecimalDoubleBytes) >= 0)
        {
            return false;
        }

        return double.TryParse(
            text,
            NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
            CultureInfo.InvariantCulture,
            out value);
    }

    /// <summary>Whether the text is a RESP3 big number: an optional sign and at least one decimal digit.</summary>
    internal static bool IsBigNumber(ReadOnlySpan<byte> text)
    {
        var digits = !text.IsEmpty && text[0] is (byte)'-' or (byte)'+' ? text[1..] : text;
        return !digits.IsEmpty && digits.IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0;
    }

    /// <summary>Writes a 64-bit integer in decimal; <paramref name="destination"/> needs 20 bytes.</summary>
    internal static int FormatInt64(long value, Span<byte> destination)
    {
        if (!value.TryFormat(destination, out var written, default, CultureInfo.InvariantCulture))
        {
            throw new ArgumentException("The destination is too small.", nameof(destination));
        }

        return written;
    }

    /// <summary>
    /// Writes a double the way Redis 7.2 and later print one (in RESP3 double replies, <c>ZSCORE</c> and so on):
    /// <c>nan</c>, <c>inf</c>, <c>-inf</c>; <c>0</c> and <c>-0</c>; integral values up to 2^62 in magnitude as plain
    /// integers; anything else with the shortest digits that round-trip, laid out as Redis's grisu-based printer lays
    /// them out (plain decimals such as <c>0.0001</c> or <c>1.5</c>, otherwise an exponent such as <c>1e+20</c>,
    /// <c>1.234e-7</c>). <paramref name="destination"/> needs <see cref="MaxNumberLength"/> bytes.
    /// </summary>
    internal static int FormatDouble(double value, Span<byte> destination)
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

        if (Math.Abs(value) <= IntegerPathLimit && Math.Floor(value) == value)
        {
            return FormatInt64((long)value, destination);
        }

        // The shortest round-trip digits, from .NET's "R" text: [-]digits[.digits][E[+-]digits].
        Span<byte> text = stackalloc byte[MaxNumberLength];
        if (!value.TryFormat(text, out var length, "R", CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException("A double did not fit its formatting buffer.");
        }

        text = text[..length];
        var pos = 0;
        if (text[0] == (byte)'-')
        {
            destination[pos++] = (byte)'-';
            text = text[1..];
        }

        var exponentAt = text.IndexOf((byte)'E');
        var exponent = 0;
        if (exponentAt >= 0)
        {
            exponent = int.Parse(text[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..exponentAt];
        }

        // Collect the significant digits; value = digits * 10^k.
        Span<byte> digits = stackalloc byte[MaxNumberLength];
        var count = 0;
        var k = exponent;
        var afterPoint = false;
        foreach (var c in text)
        {
            if (c == (byte)'.')
            {
                afterPoint = true;
                continue;
            }

            if (afterPoint)
            {
                k--;
            }

            if (count == 0 && c == (byte)'0')
            {
                continue;
            }

            digits[count++] = c;
        }

        while (count > 1 && digits[count - 1] == (byte)'0')
        {
            count--;
            k++;
        }

        return pos + Layout(digits[..count], k, destination[pos..]);
    }

    /// <summary>Lays out <c>digits * 10^k</c> in fixed or exponent notation, choosing as Redis's printer does.</summary>
    private static int Layout(ReadOnlySpan<byte> digits, int k, Span<byte> destination)
    {
        var n = digits.Length;
        var decimalExponent = k + n - 1;
        var magnitude = Math.Abs(decimalExponent);

        if (k >= 0 && magnitude < n + 7)
        {
            // An integer: the digits, then k zeros.
            digits.CopyTo(destination);
            destination.Slice(n, k).Fill((byte)'0');
            return n + k;
        }

        if (k < 0 && (k > -7 || magnitude < 4))
        {
            var integerDigits = n + k;
            if (integerDigits <= 0)
            {
                // Below one: "0." then -integerDigits zeros, then the digits.
                var zeros = -integerDigits;
                destination[0] = (byte)'0';
                destination[1] = (byte)'.';
                destination.Slice(2, zeros).Fill((byte)'0');
                digits.CopyTo(destination[(2 + zeros)..]);
                return 2 + zeros + n;
            }

            digits[..integerDigits].CopyTo(destination);
            destination[integerDigits] = (byte)'.';
            digits[integerDigits..].CopyTo(destination[(integerDigits + 1)..]);
            return n + 1;
        }

        // Exponent notation: d[.ddd]e(+|-)x, the exponent without leading zeros.
        var pos = 0;
        destination[pos++] = digits[0];
        if (n > 1)
        {
            destination[pos++] = (byte)'.';
            digits[1..].CopyTo(destination[pos..]);
            pos += n - 1;
        }

        destination[pos++] = (byte)'e';
        destination[pos++] = decimalExponent < 0 ? (byte)'-' : (byte)'+';
        return pos + FormatInt64(magnitude, destination[pos..]);
    }

    private static int Copy(ReadOnlySpan<byte> text, Span<byte> destination)
    {
        text.CopyTo(destination);
        return text.Length;
    }
}
