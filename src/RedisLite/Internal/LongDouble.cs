using System.Globalization;
using System.Numerics;

namespace RedisLite.Internal;

/// <summary>The outcome of <see cref="LongDouble.IncrementByFloat"/>.</summary>
internal enum IncrByFloatStatus
{
    /// <summary>The sum was computed and formatted.</summary>
    Ok,

    /// <summary>The stored value or the increment is not a valid float.</summary>
    NotFloat,

    /// <summary>The sum is NaN or infinite.</summary>
    NaNOrInfinity,
}

/// <summary>
/// Software emulation of the x87 80-bit extended type (C <c>long double</c> on x86-64: 64-bit significand, 15-bit
/// exponent, subnormals, round-to-nearest-even), with just what INCRBYFLOAT and HINCRBYFLOAT need: correctly rounded
/// parsing (as glibc <c>strtold</c>), addition, and exact <c>%.17Lf</c> formatting (as glibc <c>printf</c>).
/// </summary>
internal static class LongDouble
{
    /// <summary>Inputs of this many bytes or more are never valid floats (Redis copies them into a buffer this big).</summary>
    internal const int MaxInputLength = 5 * 1024;

    /// <summary>The weight (power of two) of the last bit of the smallest subnormal: 2^-16445.</summary>
    private const int MinLsbExponent = -16445;

    /// <summary>The largest power of two a finite extended value can reach: values are below 2^16384.</summary>
    private const int MaxTopExponent = 16383;

    /// <summary>10^17, the scale of the 17 fractional digits that <c>%.17Lf</c> prints.</summary>
    private const ulong Pow10Of17 = 100_000_000_000_000_000;

    /// <summary>
    /// Adds <paramref name="increment"/> to the current value exactly as Redis 7 INCRBYFLOAT does on x86-64: both are
    /// parsed as <c>long double</c> (a missing value counts as 0), added in extended precision, and the sum is written
    /// with 17 decimals, trailing zeros and a trailing point removed, "-0" written as "0".
    /// </summary>
    /// <param name="current">The stored value's bytes; ignored when <paramref name="currentExists"/> is false.</param>
    /// <param name="currentExists">Whether there is a stored value.</param>
    /// <param name="increment">The increment argument.</param>
    /// <param name="result">The new value's bytes on success; empty otherwise.</param>
    /// <returns>The outcome.</returns>
    internal static IncrByFloatStatus IncrementByFloat(ReadOnlySpan<byte> current, bool currentExists, ReadOnlySpan<byte> increment, out byte[] result)
    {
        result = [];
        var value = Extended.Zero;
        if (currentExists && !TryParse(current, out value))
        {
            return IncrByFloatStatus.NotFloat;
        }

        if (!TryParse(increment, out var incr))
        {
            return IncrByFloatStatus.NotFloat;
        }

        var sum = Add(value, incr);
        if (sum.Kind != ExtendedKind.Finite)
        {
            return IncrByFloatStatus.NaNOrInfinity;
        }

        result = FormatHuman(sum);
        return IncrByFloatStatus.Ok;
    }

    /// <summary>
    /// Parses a <c>long double</c> as Redis 7's <c>string2ld</c> does: non-empty, shorter than
    /// <see cref="MaxInputLength"/>, <c>strtold</c> syntax consuming the whole input, no leading whitespace, not NaN,
    /// and no overflow to infinity or underflow to zero.
    /// </summary>
    /// <param name="s">The bytes to parse.</param>
    /// <param name="value">The correctly rounded value (zero on failure).</param>
    /// <returns><see langword="true"/> if the input is a valid float.</returns>
    internal static bool TryParse(ReadOnlySpan<byte> s, out Extended value) => TryParse(s, allowFastPath: true, out value);

    /// <summary>As <see cref="TryParse(ReadOnlySpan{byte}, out Extended)"/>, optionally forcing the exact big-integer path.</summary>
    /// <param name="s">The bytes to parse.</param>
    /// <param name="allowFastPath">Whether short inputs may take the 128-bit shortcut.</param>
    /// <param name="value">The correctly rounded value (zero on failure).</param>
    /// <returns><see langword="true"/> if the input is a valid float.</returns>
    internal static bool TryParse(ReadOnlySpan<byte> s, bool allowFastPath, out Extended value)
    {
        value = Extended.Zero;
        if (s.Length >= MaxInputLength || !NumberParsing.TryScanFloat(s, out var syntax))
        {
            return false;
        }

        if (syntax.Kind == FloatSyntaxKind.Infinity)
        {
            value = Extended.Infinity(syntax.Negative);
            return true;
        }

        if (!syntax.HasNonZeroDigit)
        {
            value = Extended.ZeroWithSign(syntax.Negative);
            return true;
        }

        value = syntax.Kind == FloatSyntaxKind.Hexadecimal
            ? ParseHex(s, syntax)
            : ParseDecimal(s, syntax, allowFastPath);

        // Infinity here means overflow and zero means underflow; strtold flags both with ERANGE and Redis refuses them.
        if (value.Kind != ExtendedKind.Finite || value.IsZero)
        {
            value = Extended.Zero;
            return false;
        }

        return true;
    }

    /// <summary>Adds two extended values with a single round-to-nearest-even step, as the x87 FPU does.</summary>
    /// <param name="a">The first operand.</param>
    /// <param name="b">The second operand.</param>
    /// <returns>The rounded sum.</returns>
    internal static Extended Add(Extended a, Extended b)
    {
        if (a.Kind == ExtendedKind.NaN || b.Kind == ExtendedKind.NaN)
        {
            return Extended.NaN;
        }

        if (a.Kind == ExtendedKind.Infinity)
        {
            return b.Kind == ExtendedKind.Infinity && a.Negative != b.Negative ? Extended.NaN : a;
        }

        if (b.Kind == ExtendedKind.Infinity)
        {
            return b;
        }

        if (a.IsZero)
        {
            return b.IsZero ? Extended.ZeroWithSign(a.Negative && b.Negative) : b;
        }

        if (b.IsZero)
        {
            return a;
        }

        var minExponent = Math.Min(a.Exponent, b.Exponent);
        var aShift = a.Exponent - minExponent;
        var bShift = b.Exponent - minExponent;
        if (aShift <= 63 && bShift <= 63)
        {
            var x = (UInt128)a.Significand << aShift;
            var y = (UInt128)b.Significand << bShift;
            if (a.Negative == b.Negative)
            {
                return Round(a.Negative, x + y, minExponent, sticky: false);
            }

            if (x == y)
            {
                return Extended.Zero;
            }

            return x > y ? Round(a.Negative, x - y, minExponent, sticky: false) : Round(b.Negative, y - x, minExponent, sticky: false);
        }

        var bigA = new BigInteger(a.Significand) << aShift;
        var bigB = new BigInteger(b.Significand) << bShift;
        if (a.Negative == b.Negative)
        {
            return Round(a.Negative, bigA + bigB, BigInteger.One, minExponent);
        }

        // The exponents differ by more than 63 bits, so the operands cannot cancel out.
        return bigA > bigB ? Round(a.Negative, bigA - bigB, BigInteger.One, minExponent) : Round(b.Negative, bigB - bigA, BigInteger.One, minExponent);
    }

    /// <summary>
    /// Formats a finite value as Redis's <c>ld2string</c> in human mode: glibc <c>%.17Lf</c> (the exact binary value
    /// rounded to 17 decimals, ties to even), then trailing zeros after the point and a bare trailing point removed,
    /// and "-0" written as "0". Infinities give "inf" / "-inf" and NaN gives "nan".
    /// </summary>
    /// <param name="value">The value to format.</param>
    /// <returns>The ASCII bytes.</returns>
    internal static byte[] FormatHuman(Extended value)
    {
        if (value.Kind == ExtendedKind.NaN)
        {
            return "nan"u8.ToArray();
        }

        if (value.Kind == ExtendedKind.Infinity)
        {
            return value.Negative ? "-inf"u8.ToArray() : "inf"u8.ToArray();
        }

        if (value.IsZero)
        {
            return "0"u8.ToArray();
        }

        var sign = value.Negative ? 1 : 0;
        if (value.Exponent >= 0)
        {
            // An integer: the 17 decimals are all zeros and get stripped.
            if (value.Exponent <= 64)
            {
                Span<byte> digits = stackalloc byte[48];
                var integer = (UInt128)value.Significand << value.Exponent;
                integer.TryFormat(digits[sign..], out var written, default, CultureInfo.InvariantCulture);
                if (sign == 1)
                {
                    digits[0] = (byte)'-';
                }

                return digits[..(written + sign)].ToArray();
            }

            var big = new BigInteger(value.Significand) << value.Exponent;
            var text = big.ToString(CultureInfo.InvariantCulture);
            var bytes = new byte[text.Length + sign];
            if (sign == 1)
            {
                bytes[0] = (byte)'-';
            }

            for (var i = 0; i < text.Length; i++)
            {
                bytes[i + sign] = (byte)text[i];
            }

            return bytes;
        }

        // value = m * 2^-shift with m < 2^64, so m * 10^17 < 2^121 fits in 128 bits.
        var scaled = (UInt128)value.Significand * Pow10Of17;
        var shift = -value.Exponent;
        UInt128 q;
        if (shift >= 128)
        {
            q = UInt128.Zero; // scaled < 2^121 <= half a unit of the last printed digit.
        }
        else
        {
            q = scaled >> shift;
            var remainder = scaled - (q << shift);
            var half = UInt128.One << (shift - 1);
            if (remainder > half || (remainder == half && (q & UInt128.One) != UInt128.Zero))
            {
                q++;
            }
        }

        if (q == UInt128.Zero)
        {
            return "0"u8.ToArray();
        }

        var integerPart = (ulong)(q / Pow10Of17);
        var fraction = (ulong)(q % Pow10Of17);
        Span<byte> buffer = stackalloc byte[48];
        var length = 0;
        if (sign == 1)
        {
            buffer[length++] = (byte)'-';
        }

        integerPart.TryFormat(buffer[length..], out var intWritten, default, CultureInfo.InvariantCulture);
        length += intWritten;
        if (fraction != 0)
        {
            buffer[length++] = (byte)'.';
            var fractionDigits = buffer.Slice(length, 17);
            for (var i = 16; i >= 0; i--)
            {
                fractionDigits[i] = (byte)('0' + (fraction % 10));
                fraction /= 10;
            }

            length += 17;
            while (buffer[length - 1] == (byte)'0')
            {
                length--;
            }
        }

        return buffer[..length].ToArray();
    }

    private static Extended ParseDecimal(ReadOnlySpan<byte> s, FloatSyntax syntax, bool allowFastPath)
    {
        // The mantissa's digits D[0..n) with p of them before the point; f and t index the first and last nonzero
        // digits, so the value is int(D[f..t]) * 10^(exponent + p - 1 - t).
        LocateSignificantDigits(s, syntax, out var first, out var last, out var integerDigits, out var significantCount);
        var exponent = syntax.Exponent + integerDigits - 1 - last;
        var magnitude = exponent + significantCount;

        // At least 10^4933 is past the largest finite value (about 1.19e4932); below 10^-4952 is under half the
        // smallest subnormal (about 1.8e-4951), so it rounds to zero.
        if (magnitude - 1 >= 4933)
        {
            return Extended.Infinity(syntax.Negative);
        }

        if (magnitude <= -4952)
        {
            return Extended.Zero;
        }

        if (significantCount <= 19)
        {
            var m = AccumulateSmall(s, syntax, first, significantCount, hex: false);
            if (allowFastPath && exponent >= 0 && exponent <= 19)
            {
                return Round(syntax.Negative, (UInt128)m * PowersOfTen[(int)exponent], 0, sticky: false);
            }

            if (allowFastPath && exponent < 0 && exponent >= -18)
            {
                // Scale m up to 128 bits before dividing so the quotient keeps at least 67 bits; the remainder is sticky.
                var leftShift = BitOperations.LeadingZeroCount(m) + 64;
                var numerator = (UInt128)m << leftShift;
                var divisor = (UInt128)PowersOfTen[(int)-exponent];
                var quotient = numerator / divisor;
                var remainder = numerator - (quotient * divisor);
                return Round(syntax.Negative, quotient, -leftShift, sticky: remainder != UInt128.Zero);
            }

            return RoundDecimal(syntax.Negative, new BigInteger(m), (int)exponent);
        }

        return RoundDecimal(syntax.Negative, AccumulateBig(s, syntax, first, significantCount, hex: false), (int)exponent);
    }

    private static Extended ParseHex(ReadOnlySpan<byte> s, FloatSyntax syntax)
    {
        LocateSignificantDigits(s, syntax, out var first, out var last, out var integerDigits, out var significantCount);
        var binaryExponent = syntax.Exponent + (4L * (integerDigits - 1 - last));

        // The value lies in [2^(binaryExponent + 4(count-1)), 2^(binaryExponent + 4count)).
        if (binaryExponent + (4L * (significantCount - 1)) > MaxTopExponent)
        {
            return Extended.Infinity(syntax.Negative);
        }

        if (binaryExponent + (4L * significantCount) <= MinLsbExponent - 1)
        {
            return Extended.Zero;
        }

        if (significantCount <= 16)
        {
            var m = AccumulateSmall(s, syntax, first, significantCount, hex: true);
            return Round(syntax.Negative, m, binaryExponent, sticky: false);
        }

        return Round(syntax.Negative, AccumulateBig(s, syntax, first, significantCount, hex: true), BigInteger.One, binaryExponent);
    }

    /// <summary>Finds the first and last nonzero mantissa digits (as digit indexes, ignoring the point).</summary>
    private static void LocateSignificantDigits(ReadOnlySpan<byte> s, FloatSyntax syntax, out int first, out int last, out int integerDigits, out int significantCount)
    {
        first = -1;
        last = -1;
        integerDigits = -1;
        var index = 0;
        for (var i = syntax.MantissaStart; i < syntax.MantissaEnd; i++)
        {
            var c = s[i];
            if (c == (byte)'.')
            {
                integerDigits = index;
                continue;
            }

            if (c != (byte)'0')
            {
                if (first < 0)
                {
                    first = index;
                }

                last = index;
            }

            index++;
        }

        if (integerDigits < 0)
        {
            integerDigits = index;
        }

        significantCount = last - first + 1;
    }

    /// <summary>Reads <paramref name="count"/> digits starting at digit index <paramref name="first"/> into a 64-bit integer.</summary>
    private static ulong AccumulateSmall(ReadOnlySpan<byte> s, FloatSyntax syntax, int first, int count, bool hex)
    {
        ulong m = 0;
        var index = 0;
        var taken = 0;
        for (var i = syntax.MantissaStart; i < syntax.MantissaEnd && taken < count; i++)
        {
            var c = s[i];
            if (c == (byte)'.')
            {
                continue;
            }

            if (index++ >= first)
            {
                m = hex ? (m << 4) | (uint)NumberParsing.DigitValue(c, hex: true) : (m * 10) + (uint)(c - '0');
                taken++;
            }
        }

        return m;
    }

    /// <summary>Reads <paramref name="count"/> digits starting at digit index <paramref name="first"/> into a big integer.</summary>
    private static BigInteger AccumulateBig(ReadOnlySpan<byte> s, FloatSyntax syntax, int first, int count, bool hex)
    {
        // Gather digits in chunks that fit a ulong (18 decimal or 15 hex digits) to keep the big-number work small.
        var chunkDigits = hex ? 15 : 18;
        var chunkScale = hex ? new BigInteger(1UL << 60) : new BigInteger(1_000_000_000_000_000_000UL);
        var result = BigInteger.Zero;
        ulong chunk = 0;
        var inChunk = 0;
        var index = 0;
        var taken = 0;
        for (var i = syntax.MantissaStart; i < syntax.MantissaEnd && taken < count; i++)
        {
            var c = s[i];
            if (c == (byte)'.' || index++ < first)
            {
                continue;
            }

            chunk = hex ? (chunk << 4) | (uint)NumberParsing.DigitValue(c, hex: true) : (chunk * 10) + (uint)(c - '0');
            taken++;
            if (++inChunk == chunkDigits)
            {
                result = (result * chunkScale) + chunk;
                chunk = 0;
                inChunk = 0;
            }
        }

        if (inChunk > 0)
        {
            var scale = hex ? BigInteger.One << (4 * inChunk) : BigInteger.Pow(10, inChunk);
            result = (result * scale) + chunk;
        }

        return result;
    }

    private static Extended RoundDecimal(bool negative, BigInteger mantissa, int exponent) => exponent >= 0
        ? Round(negative, mantissa * BigInteger.Pow(10, exponent), BigInteger.One, 0)
        : Round(negative, mantissa, BigInteger.Pow(10, -exponent), 0);

    /// <summary>
    /// Rounds (<paramref name="magnitude"/> + δ) * 2^<paramref name="exponent"/> to extended precision, ties to even,
    /// where δ is 0 or, when <paramref name="sticky"/> is set, some amount strictly between 0 and 1. A sticky input
    /// must have at least one bit to drop (more than 64 significant bits, or a subnormal result).
    /// </summary>
    private static Extended Round(bool negative, UInt128 magnitude, long exponent, bool sticky)
    {
        if (magnitude == UInt128.Zero)
        {
            return Extended.ZeroWithSign(negative);
        }

        var bitLength = 128 - (int)UInt128.LeadingZeroCount(magnitude);
        var top = exponent + bitLength - 1;
        if (top > MaxTopExponent)
        {
            return Extended.Infinity(negative);
        }

        var lsb = Math.Max(top - 63, MinLsbExponent);
        var drop = lsb - exponent;
        if (drop <= 0)
        {
            return new Extended(negative, (ulong)(magnitude << (int)-drop), (int)lsb);
        }

        if (drop > 128)
        {
            return Extended.Zero; // below half of the smallest subnormal
        }

        var q = drop == 128 ? UInt128.Zero : magnitude >> (int)drop;
        var remainder = magnitude - (drop == 128 ? UInt128.Zero : q << (int)drop);
        var half = UInt128.One << (int)(drop - 1);
        if (remainder > half || (remainder == half && (sticky || (q & UInt128.One) != UInt128.Zero)))
        {
            q++;
        }

        return Finish(negative, q, lsb);
    }

    /// <summary>Rounds <paramref name="numerator"/> / <paramref name="denominator"/> * 2^<paramref name="exponent"/> (both positive) to extended precision, ties to even.</summary>
    private static Extended Round(bool negative, BigInteger numerator, BigInteger denominator, long exponent)
    {
        // floor(log2(numerator / denominator)) is the bit-length difference or one less.
        var log = (long)numerator.GetBitLength() - (long)denominator.GetBitLength();
        var atLeast = log >= 0 ? numerator >= denominator << (int)log : numerator << (int)-log >= denominator;
        if (!atLeast)
        {
            log--;
        }

        var top = log + exponent;
        if (top > MaxTopExponent)
        {
            return Extended.Infinity(negative);
        }

        var lsb = Math.Max(top - 63, MinLsbExponent);
        if (top < lsb - 1)
        {
            return Extended.Zero; // below half of the smallest subnormal
        }

        var shift = exponent - lsb;
        var n = shift >= 0 ? numerator << (int)shift : numerator;
        var d = shift >= 0 ? denominator : denominator << (int)-shift;
        var q = BigInteger.DivRem(n, d, out var remainder);
        var comparison = (remainder << 1).CompareTo(d);
        if (comparison > 0 || (comparison == 0 && !q.IsEven))
        {
            q += BigInteger.One;
        }

        return Finish(negative, (UInt128)q, lsb);
    }

    /// <summary>Builds the result from a rounded significand (at most 2^64) whose last bit weighs 2^<paramref name="lsb"/>.</summary>
    private static Extended Finish(bool negative, UInt128 q, long lsb)
    {
        if (q == UInt128.Zero)
        {
            return Extended.Zero;
        }

        if (q > ulong.MaxValue)
        {
            // Rounding carried into a 65th bit: q is exactly 2^64.
            q >>= 1;
            lsb++;
        }

        if (lsb + 63 > MaxTopExponent && q >= (UInt128)1UL << 63)
        {
            return Extended.Infinity(negative);
        }

        return new Extended(negative, (ulong)q, (int)lsb);
    }

    /// <summary>10^0 through 10^19, every power of ten that fits in a ulong.</summary>
    private static ReadOnlySpan<ulong> PowersOfTen =>
    [
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000,
        10_000_000_000, 100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000,
        1_000_000_000_000_000, 10_000_000_000_000_000, 100_000_000_000_000_000, 1_000_000_000_000_000_000,
        10_000_000_000_000_000_000,
    ];

    /// <summary>What an <see cref="Extended"/> holds.</summary>
    internal enum ExtendedKind
    {
        /// <summary>A finite number (including zero).</summary>
        Finite,

        /// <summary>Positive or negative infinity.</summary>
        Infinity,

        /// <summary>Not a number.</summary>
        NaN,
    }

    /// <summary>
    /// An x87 extended value. A finite value is (-1)^Negative * Significand * 2^Exponent, kept canonical: zero has
    /// significand 0 and exponent 0, normal values have bit 63 of the significand set, subnormals have exponent -16445.
    /// </summary>
    /// <param name="Negative">The sign bit.</param>
    /// <param name="Significand">The 64-bit significand, explicit integer bit included.</param>
    /// <param name="Exponent">The weight (power of two) of the significand's last bit.</param>
    /// <param name="Kind">Finite, infinity or NaN.</param>
    internal readonly record struct Extended(bool Negative, ulong Significand, int Exponent, ExtendedKind Kind = ExtendedKind.Finite)
    {
        /// <summary>Positive zero.</summary>
        internal static Extended Zero => default;

        /// <summary>A quiet NaN.</summary>
        internal static Extended NaN => new(false, 0, 0, ExtendedKind.NaN);

        /// <summary>Whether this is +0 or -0.</summary>
        internal bool IsZero => Kind == ExtendedKind.Finite && Significand == 0;

        /// <summary>Returns the infinity with the given sign.</summary>
        /// <param name="negative">Whether it is negative infinity.</param>
        /// <returns>The infinity.</returns>
        internal static Extended Infinity(bool negative) => new(negative, 0, 0, ExtendedKind.Infinity);

        /// <summary>Returns the zero with the given sign.</summary>
        /// <param name="negative">Whether it is -0.</param>
        /// <returns>The zero.</returns>
        internal static Extended ZeroWithSign(bool negative) => new(negative, 0, 0);
    }
}
