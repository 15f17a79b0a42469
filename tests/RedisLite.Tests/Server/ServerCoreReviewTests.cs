using System.Globalization;
using System.Numerics;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using RedisLite.Server;
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

    /// <summary>StopAsync ends every connection: one blocked in BLPOP 0, one subscribed (with messages flowing), and one
    /// whose huge reply the client never reads (the send is stuck on a full socket).</summary>
    [Fact]
    public async Task StopAsync_completes_with_blocked_subscribed_and_stuck_clients()
    {
        using var store = new DataStore(new RedisLiteOptions(), TimeProvider.System);
        var server = RedisLiteServer.Start(store);
        using var blocked = new RawWire(server.Port);
        using var subscriber = new RawWire(server.Port);
        using var stuck = new RawWire(server.Port);
        subscriber.Call("SUBSCRIBE", "ch");
        blocked.Send("BLPOP", "list", "0");
        store.StringSet("big", (RedisValue)new byte[8 * 1024 * 1024]);
        for (var i = 0; i < 8; i++)
        {
            stuck.Send("GET", "big");
        }

        Assert.True(SpinWait.SpinUntil(() => server.BlockedClients != 0, TimeSpan.FromSeconds(10)), "the BLPOP client never blocked");

        for (var i = 0; i < 100; i++)
        {
            store.Publish("ch", "message " + i);
        }

        await server.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, server.ConnectedClients);
        Assert.Equal(0, server.BlockedClients);
    }

    /// <summary>A RESP2 pipeline with SUBSCRIBE first: the confirmation, then the rest refused (PING allowed) as Redis
    /// does, and QUIT inside MULTI is run (never queued), replying +OK and closing.</summary>
    /// <param name="protocol">2 or 3.</param>
    [RedisTheory]
    [InlineData(2)]
    [InlineData(3)]
    public void Pipelined_subscribe_and_quit_in_multi_match_redis(int protocol)
    {
        string Run(int port)
        {
            using var wire = new RawWire(port);
            if (protocol == 3)
            {
                wire.Call("HELLO", "3");
            }

            wire.SendRaw("*2\r\n$9\r\nSUBSCRIBE\r\n$2\r\nch\r\n*2\r\n$3\r\nGET\r\n$1\r\nk\r\n*1\r\n$4\r\nPING\r\n*1\r\n$11\r\nUNSUBSCRIBE\r\n*2\r\n$3\r\nGET\r\n$1\r\nk\r\n*1\r\n$5\r\nMULTI\r\n*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n*1\r\n$4\r\nQUIT\r\n*2\r\n$3\r\nGET\r\n$1\r\nk\r\n"u8);
            var replies = new StringBuilder();
            for (var i = 0; i < 8; i++)
            {
                replies.Append(wire.ReadReply()).Append('|');
            }

            replies.Append(wire.IsClosedByServer());
            return replies.ToString();
        }

        using (var redis = new RawWire(servers.Redis.Port))
        {
            redis.Call("DEL", "k");
        }

        using (var lite = new RawWire(servers.Lite.Port))
        {
            lite.Call("DEL", "k");
        }

        Assert.Equal(WireDiffFixture.Show(Run(servers.Redis.Port)), WireDiffFixture.Show(Run(servers.Lite.Port)));
    }

    /// <summary>After EXEC, CLIENT LIST shows <c>cmd=exec</c> for the client, not the last queued command.</summary>
    [RedisFact]
    public void Client_list_shows_exec_after_a_transaction()
    {
        foreach (var port in new[] { servers.Redis.Port, servers.Lite.Port })
        {
            using var wire = new RawWire(port);
            wire.Call("CLIENT", "SETNAME", "review-exec");
            wire.Call("MULTI");
            wire.Call("INCR", "review-counter");
            wire.Call("EXEC");
            using var other = new RawWire(port);
            var list = other.Call("CLIENT", "LIST");
            var line = list.Split('\n').Single(l => l.Contains("name=review-exec", StringComparison.Ordinal));
            Assert.True(line.Contains(" cmd=exec ", StringComparison.Ordinal), port + ": " + line);
        }
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
