using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using RedisLite.Internal;

namespace RedisLite.Tests.Internal;

/// <summary>
/// Tests for <see cref="NumberParsing"/> and <see cref="NumberFormatting"/>. The tables were recorded from a real
/// redis-server 7.0.15: integers through <c>SET i x</c> + <c>INCRBY i 0</c>, doubles through <c>ZADD z x m</c> +
/// <c>ZSCORE z m</c> (which replies with <c>%.17g</c>); a null expectation means Redis refused the input.
/// </summary>
public class NumberParsingTests
{
    [Theory]
    [InlineData("0", "0")]
    [InlineData("1", "1")]
    [InlineData("-1", "-1")]
    [InlineData("9223372036854775807", "9223372036854775807")]
    [InlineData("-9223372036854775808", "-9223372036854775808")]
    [InlineData("9223372036854775808", null)]
    [InlineData("-9223372036854775809", null)]
    [InlineData("18446744073709551616", null)]
    [InlineData("99999999999999999999", null)]
    [InlineData("01", null)]
    [InlineData("-0", null)]
    [InlineData("+1", null)]
    [InlineData(" 1", null)]
    [InlineData("1 ", null)]
    [InlineData("", null)]
    [InlineData("-", null)]
    [InlineData("00", null)]
    [InlineData("1.0", null)]
    [InlineData("1e3", null)]
    [InlineData("0x10", null)]
    [InlineData("123abc", null)]
    [InlineData("-01", null)]
    [InlineData("12345678901234567890123", null)]
    public void TryParseInt64MatchesRedis(string input, string? expected)
    {
        var ok = NumberParsing.TryParseInt64(Encoding.UTF8.GetBytes(input), out var value);

        Assert.Equal(expected is not null, ok);
        Assert.Equal(expected is null ? 0 : long.Parse(expected, CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("0", "0")]
    [InlineData("-0", "0")]
    [InlineData("1", "1")]
    [InlineData("-5", "-5")]
    [InlineData("0.1", "0.10000000000000001")]
    [InlineData("1e20", "1e+20")]
    [InlineData("1e-310", "9.9999999999999694e-311")]
    [InlineData("2e-324", null)]
    [InlineData("2.5e-324", "4.9406564584124654e-324")]
    [InlineData("1e-400", null)]
    [InlineData("1e400", null)]
    [InlineData("1.7976931348623157e308", "1.7976931348623157e+308")]
    [InlineData("1.7976931348623159e308", null)]
    [InlineData("0x1p-1074", "4.9406564584124654e-324")]
    [InlineData("0x1p-1075", null)]
    [InlineData("0x1.0000000000001p-1075", "4.9406564584124654e-324")]
    [InlineData("0x1p1024", null)]
    [InlineData("0x1.fffffffffffff8p1023", null)]
    [InlineData("0x1.fffffffffffff7p1023", "1.7976931348623157e+308")]
    [InlineData("inf", "inf")]
    [InlineData("-inf", "-inf")]
    [InlineData("+inf", "inf")]
    [InlineData("Infinity", "inf")]
    [InlineData("-INFINITY", "-inf")]
    [InlineData("nan", null)]
    [InlineData("-nan", null)]
    [InlineData(" 1", null)]
    [InlineData("1 ", null)]
    [InlineData("", null)]
    [InlineData("1e", null)]
    [InlineData("1e+", null)]
    [InlineData("e1", null)]
    [InlineData(".", null)]
    [InlineData(".5", "0.5")]
    [InlineData("5.", "5")]
    [InlineData("+.5e1", "5")]
    [InlineData("-.5E-1", "-0.050000000000000003")]
    [InlineData("0x10", "16")]
    [InlineData("0x", null)]
    [InlineData("0X1P-2", "0.25")]
    [InlineData("0x1.p1", "2")]
    [InlineData("1.5e+3", "1500")]
    [InlineData("3.14abc", null)]
    [InlineData("0e-400", "0")]
    [InlineData("0e999999999999999999", "0")]
    [InlineData("1e99999999999999999999", null)]
    [InlineData("123456789.123456789", "123456789.12345679")]
    [InlineData("0.30000000000000004", "0.30000000000000004")]
    [InlineData("4.9406564584124654e-324", "4.9406564584124654e-324")]
    [InlineData("2.4703282292062328e-324", "4.9406564584124654e-324")]
    [InlineData("2.4703282292062327e-324", null)]
    [InlineData("1_0", null)]
    [InlineData("1\u0000", null)]
    [InlineData("\u00091", null)]
    [InlineData("+-1", null)]
    [InlineData("--1", null)]
    [InlineData("0x1p", null)]
    [InlineData("infinit", null)]
    [InlineData("1.0e0", "1")]
    public void TryParseDoubleMatchesRedis(string input, string? expected)
    {
        var ok = NumberParsing.TryParseDouble(Encoding.UTF8.GetBytes(input), out var value);

        Assert.Equal(expected is not null, ok);
        if (expected is not null)
        {
            // Redis prints scores with %.17g, which identifies the double exactly. (It prints -0 as "0".)
            var expectedValue = expected switch
            {
                "inf" => double.PositiveInfinity,
                "-inf" => double.NegativeInfinity,
                _ => double.Parse(expected, NumberStyles.Float, CultureInfo.InvariantCulture),
            };
            Assert.Equal(expectedValue, value);
        }
    }

    [Fact]
    public void TryParseDoubleKeepsTheSignOfZero()
    {
        Assert.True(NumberParsing.TryParseDouble("-0"u8, out var negative));
        Assert.True(double.IsNegative(negative));
        Assert.True(NumberParsing.TryParseDouble("0"u8, out var positive));
        Assert.False(double.IsNegative(positive));
    }

    [Fact]
    public void TryParseDoubleHasNoLengthLimit()
    {
        // Redis accepted a 20002-byte score ("1." followed by zeros) through ZADD.
        var input = Encoding.ASCII.GetBytes("1." + new string('0', 20000));

        Assert.True(NumberParsing.TryParseDouble(input, out var value));
        Assert.Equal(1.0, value);
    }

    [Fact]
    public void TryParseDoubleDoesNotAllocate()
    {
        var inputs = new[] { "3.14159"u8.ToArray(), "-1.5e-7"u8.ToArray(), "0x1.8p3"u8.ToArray(), "inf"u8.ToArray(), "12345678901234567890"u8.ToArray() };
        foreach (var input in inputs)
        {
            Assert.True(NumberParsing.TryParseDouble(input, out _));
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var parsed = 0;
        for (var i = 0; i < 1000; i++)
        {
            foreach (var input in inputs)
            {
                if (NumberParsing.TryParseDouble(input, out _))
                {
                    parsed++;
                }
            }
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(1000 * inputs.Length, parsed);
        Assert.Equal(0, allocated);
    }

    [Theory]
    [InlineData(3.0, "3")]
    [InlineData(-3.0, "-3")]
    [InlineData(0.0, "0")]
    [InlineData(-0.0, "-0")]
    [InlineData(1e15, "1000000000000000")]
    [InlineData(9007199254740992.0, "9007199254740992")]
    [InlineData(-9007199254740992.0, "-9007199254740992")]
    [InlineData(9007199254740994.0, "9007199254740994")]
    [InlineData(1e16, "10000000000000000")]
    [InlineData(1e17, "1e+17")]
    [InlineData(123456789012345680.0, "1.2345678901234568e+17")]
    [InlineData(1e20, "1e+20")]
    [InlineData(0.1, "0.1")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(0.30000000000000004, "0.30000000000000004")]
    [InlineData(1e-5, "1e-05")]
    [InlineData(1.5e-7, "1.5e-07")]
    [InlineData(double.MaxValue, "1.7976931348623157e+308")]
    [InlineData(-double.MaxValue, "-1.7976931348623157e+308")]
    [InlineData(double.Epsilon, "5e-324")]
    [InlineData(double.PositiveInfinity, "inf")]
    [InlineData(double.NegativeInfinity, "-inf")]
    [InlineData(double.NaN, "nan")]
    public void FormatDoubleWritesExpectedText(double value, string expected)
    {
        Span<byte> buffer = stackalloc byte[32];

        var written = NumberFormatting.FormatDouble(value, buffer);

        Assert.Equal(expected, Encoding.ASCII.GetString(buffer[..written]));
    }

    [Fact]
    public void FormattedDoublesParseBackToTheSameBits()
    {
        var bits = Gen.Zip(Gen.Choose(int.MinValue, int.MaxValue), Gen.Choose(int.MinValue, int.MaxValue))
            .Select(pair => ((long)pair.Item1 << 32) | (uint)pair.Item2);
        var special = Gen.Elements(0.0, -0.0, 1.0, double.Epsilon, double.MaxValue, double.PositiveInfinity, double.NegativeInfinity, 9007199254740993.0, 1e-310);
        var doubles = Gen.Frequency(
            (6, bits.Select(BitConverter.Int64BitsToDouble)),
            (2, Gen.Choose(-1_000_000, 1_000_000).Select(i => i / 64.0)),
            (1, special))
            .Where(d => !double.IsNaN(d));

        Prop.ForAll(doubles.ToArbitrary(), d =>
        {
            Span<byte> buffer = stackalloc byte[32];
            var written = NumberFormatting.FormatDouble(d, buffer);
            return NumberParsing.TryParseDouble(buffer[..written], out var back)
                && BitConverter.DoubleToInt64Bits(back) == BitConverter.DoubleToInt64Bits(d);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void IntegralDoublesFormatLikeIntegers()
    {
        var integers = Gen.Zip(Gen.Choose(-(1 << 21), 1 << 21), Gen.Choose(int.MinValue, int.MaxValue))
            .Select(pair => ((long)pair.Item1 << 32) + pair.Item2);

        Prop.ForAll(integers.ToArbitrary(), n =>
        {
            Span<byte> buffer = stackalloc byte[32];
            var written = NumberFormatting.FormatDouble(n, buffer);
            return Encoding.ASCII.GetString(buffer[..written]) == n.ToString(CultureInfo.InvariantCulture)
                && NumberParsing.TryParseInt64(buffer[..written], out var back) && back == n;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void TryParseInt64AcceptsExactlyTheCanonicalDecimalOfALong()
    {
        // Redis's rule boils down to: the input must be exactly how the number would be printed.
        var chars = Gen.Elements('0', '1', '2', '5', '9', '-', '+', ' ', '.');
        var strings = Gen.Frequency(
            (3, Gen.ArrayOf(chars).Select(a => new string(a))),
            (2, Gen.Zip(Gen.Choose(int.MinValue, int.MaxValue), Gen.Choose(int.MinValue, int.MaxValue))
                .Select(pair => (((long)pair.Item1 << 32) | (uint)pair.Item2).ToString(CultureInfo.InvariantCulture))),
            (1, Gen.Elements("9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809", "18446744073709551615", "-0", "00")));

        Prop.ForAll(strings.ToArbitrary(), s =>
        {
            var ok = NumberParsing.TryParseInt64(Encoding.ASCII.GetBytes(s), out var value);
            var canonical = long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var expected)
                && expected.ToString(CultureInfo.InvariantCulture) == s;
            return ok == canonical && value == (canonical ? expected : 0);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void TryParseDoubleAgreesWithTheRuntimeOnPlainDecimals()
    {
        var digits = Gen.ArrayOf(Gen.Elements('0', '1', '3', '5', '7', '9')).Select(a => new string(a));
        var decimals = Gen.Zip(Gen.Zip(digits, digits), Gen.Zip(Gen.Elements("", "-", "+"), Gen.Choose(-30, 30)))
            .Where(t => t.Item1.Item1.Length + t.Item1.Item2.Length > 0)
            .Select(t => t.Item2.Item1 + t.Item1.Item1 + "." + t.Item1.Item2 + "e" + t.Item2.Item2.ToString(CultureInfo.InvariantCulture));

        Prop.ForAll(decimals.ToArbitrary(), s =>
        {
            var ok = NumberParsing.TryParseDouble(Encoding.ASCII.GetBytes(s), out var value);
            var expected = double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
            return ok && value == expected;
        }).QuickCheckThrowOnFailure();
    }
}
