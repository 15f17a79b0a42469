using System.Globalization;
using System.Numerics;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using RedisLite.Server.Protocol;
using RedisLite.Tests.Conformance;

namespace RedisLite.Tests.Server;

/// <summary>The RESP server's core: double formatting, the shared scan arguments, and the connection loop's edge cases.</summary>
/// <param name="servers">Both servers.</param>
public sealed class ServerCoreReviewTests(WireDiffFixture servers) : IClassFixture<WireDiffFixture>
{
    /// <summary>FormatG17 prints what C's <c>printf("%.17g")</c> prints, for any double: random bit patterns (subnormals,
    /// huge and tiny values) and small multiples of powers of two, whose exact expansions end in a 5 just past the 17th
    /// digit (the round-half-even ties).</summary>
    [Fact]
    public void FormatG17_matches_printf_reference()
    {
        var bits = from high in Gen.Choose(int.MinValue, int.MaxValue)
                   from low in Gen.Choose(int.MinValue, int.MaxValue)
                   select BitConverter.Int64BitsToDouble(((long)high << 32) | (uint)low);
        var ties = from mantissa in Gen.Choose(1, 1 << 20)
                   from shift in Gen.Choose(-1100, 1000)
                   select Math.ScaleB(mantissa, shift);
        var property = Prop.ForAll(Gen.OneOf(bits, ties).ToArbitrary(), value =>
        {
            Span<byte> buffer = stackalloc byte[40];
            var actual = Encoding.ASCII.GetString(buffer[..ReplyBuffer.FormatG17(value, buffer)]);
            Assert.Equal(PrintfG17(value), actual);
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(20000), property);
    }

    /// <summary>Fixed cases, including ties that round half to even at the 17th digit.</summary>
    /// <param name="value">The double.</param>
    /// <param name="expected">What glibc prints.</param>
    [Theory]
    [InlineData(0.1, "0.10000000000000001")]
    [InlineData(1e17, "1e+17")]
    [InlineData(1e16, "10000000000000000")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001, "1.0000000000000001e-05")]
    [InlineData(5e-324, "4.9406564584124654e-324")]
    [InlineData(double.MaxValue, "1.7976931348623157e+308")]
    [InlineData(1.78813934326171875e-7, "1.7881393432617188e-07")]
    public void FormatG17_fixed_cases(double value, string expected)
    {
        Span<byte> buffer = stackalloc byte[40];
        Assert.Equal(expected, Encoding.ASCII.GetString(buffer[..ReplyBuffer.FormatG17(value, buffer)]));
        Assert.Equal(expected, PrintfG17(value));
    }

    /// <summary>ZSCAN's cursor and options, as HSCAN's and SSCAN's (strtoul's one sign, leading zeros, junk).</summary>
    /// <param name="protocol">2 or 3.</param>
    [RedisTheory]
    [InlineData(2)]
    [InlineData(3)]
    public void Scan_cursors_match_redis(int protocol)
    {
        string[] cursors = ["-+5", "+-5", "--5", "++5", "00", "-0", "+0", "0x10", "5 ", "1e3", "-"];
        List<string[]> commands = [["ZADD", "z", "1", "a", "2", "b"], ["HSET", "h", "f", "v"], ["SADD", "s", "m"]];
        foreach (var cursor in cursors)
        {
            commands.Add(["ZSCAN", "z", cursor]);
            commands.Add(["ZSCAN", "nokey", cursor]);
            commands.Add(["HSCAN", "h", cursor]);
            commands.Add(["SSCAN", "s", cursor]);
        }

        commands.Add(["ZSCAN", "h", "0"]);
        commands.Add(["ZSCAN", "h", "0", "COUNT", "x"]);
        commands.Add(["ZSCAN", "h", "x"]);
        commands.Add(["ZSCAN", "z", "0", "COUNT", "-1", "MATCH"]);
        commands.Add(["ZSCAN", "z", "0", "MATCH", "*", "COUNT", "99999999999999999999"]);
        servers.AssertSameReplies(protocol, [.. commands]);
    }

    /// <summary>printf("%.17g") written out plainly: the double's exact decimal expansion, rounded half to even to 17
    /// significant digits, laid out as %g does.</summary>
    private static string PrintfG17(double value)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        var sign = double.IsNegative(value) ? "-" : "";
        if (value == 0)
        {
            return sign + "0";
        }

        var bits = BitConverter.DoubleToInt64Bits(Math.Abs(value));
        var biased = (int)(bits >> 52);
        long mantissa = bits & ((1L << 52) - 1);
        int binaryExponent;
        if (biased == 0)
        {
            binaryExponent = -1074;
        }
        else
        {
            mantissa |= 1L << 52;
            binaryExponent = biased - 1075;
        }

        // value = digits * 10^(pointShift) exactly.
        BigInteger exact;
        int pointShift;
        if (binaryExponent >= 0)
        {
            exact = new BigInteger(mantissa) << binaryExponent;
            pointShift = 0;
        }
        else
        {
            exact = new BigInteger(mantissa) * BigInteger.Pow(5, -binaryExponent);
            pointShift = binaryExponent;
        }

        var digits = exact.ToString(CultureInfo.InvariantCulture);
        var exponent = digits.Length - 1 + pointShift;
        if (digits.Length > 17)
        {
            var kept = BigInteger.Parse(digits[..17], CultureInfo.InvariantCulture);
            var rest = digits[17..];
            var half = "5" + new string('0', rest.Length - 1);
            var comparison = string.CompareOrdinal(rest, half);
            if (comparison > 0 || (comparison == 0 && !kept.IsEven))
            {
                kept += 1;
            }

            digits = kept.ToString(CultureInfo.InvariantCulture);
            if (digits.Length > 17)
            {
                digits = digits[..17];
                exponent++;
            }
        }

        digits = digits.PadRight(17, '0');
        string text;
        if (exponent >= -4 && exponent < 17)
        {
            if (exponent >= 0)
            {
                text = digits[..(exponent + 1)] + "." + digits[(exponent + 1)..];
            }
            else
            {
                text = "0." + new string('0', -exponent - 1) + digits;
            }

            text = text.TrimEnd('0').TrimEnd('.');
        }
        else
        {
            var mantissaText = (digits[..1] + "." + digits[1..]).TrimEnd('0').TrimEnd('.');
            text = mantissaText + "e" + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
        }

        return sign + text;
    }
}
