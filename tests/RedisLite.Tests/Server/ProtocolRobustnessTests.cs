using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using RedisLite.Server;
using RedisLite.Tests.Conformance;
using RedisLite.Tests.Resp;

namespace RedisLite.Tests.Server;

/// <summary>
/// The server under broken clients: malformed, oversized, truncated and random requests and abrupt disconnects. Each
/// time the offending connection gets Redis's own <c>-ERR Protocol error: ...</c> (checked against redis-server where
/// Redis is deterministic) and/or is closed; the server never fails, forgets the connection (ConnectedClients back to
/// its baseline, BlockedClients to 0), and a healthy client on the side keeps getting right answers.
/// </summary>
/// <param name="servers">redis-server and three RedisLite servers (default, tight limits, small query buffer).</param>
[Trait("Category", "Wire")]
public sealed class ProtocolRobustnessTests(ProtocolRobustnessFixture servers) : IClassFixture<ProtocolRobustnessFixture>
{
    private const string Closed = "<closed>";

    /// <summary>FsCheck-generated malformed frames (bad '*' counts, bad '$' lengths, items that are not bulk strings,
    /// frames cut short, inline lines with random quoting) get exactly redis-server's bytes before the close.</summary>
    [RedisFact]
    public async Task Generated_malformed_frames_get_the_same_answer_as_from_redis()
    {
        Assert.True(servers.Redis.IsAvailable, servers.Redis.UnavailableReason);
        var lite = servers.Lite.Server;
        using var healthy = await ConnectHealthyAsync(servers.Lite);
        const int baseline = 1;
        var cases = 0;
        var property = Prop.ForAll(ComparableFrames.ToArbitrary(), frame =>
        {
            cases++;
            var want = Exchange(servers.Redis.Port, frame.Bytes);
            var got = Exchange(servers.Lite.Port, frame.Bytes);
            Assert.True(want == got, $"{frame}\n  redis-server: {WireDiffFixture.Show(want)}\n  redislite:    {WireDiffFixture.Show(got)}");
            AssertHealthy(healthy, cases);
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(250), property);
        await AssertConnectionsSettleAsync(lite, baseline);
    }

    /// <summary>Deterministic edge cases checked one by one against redis-server: lengths past Redis's own limits,
    /// lines past 64 KB without a newline, a good request before a bad one, negative and zero counts.</summary>
    /// <param name="name">What the case shows.</param>
    [RedisTheory]
    [InlineData("multibulk count over INT_MAX")]
    [InlineData("bulk length over proto-max-bulk-len")]
    [InlineData("inline request over 64 KB")]
    [InlineData("multibulk count line over 64 KB")]
    [InlineData("bulk length line over 64 KB")]
    [InlineData("good request, then a bad one")]
    [InlineData("negative and zero counts are empty requests")]
    [InlineData("unbalanced quotes after a good inline request")]
    [InlineData("bulk length with a sign")]
    public void Edge_cases_get_the_same_answer_as_from_redis(string name)
    {
        Assert.True(servers.Redis.IsAvailable, servers.Redis.UnavailableReason);
        var bytes = name switch
        {
            "multibulk count over INT_MAX" => "*2147483648\r\n"u8.ToArray(),
            "bulk length over proto-max-bulk-len" => "*2\r\n$4\r\nECHO\r\n$536870913\r\n"u8.ToArray(),
            "inline request over 64 KB" => Encoding.ASCII.GetBytes("ECHO " + new string('x', (64 * 1024) + 1)),
            "multibulk count line over 64 KB" => Encoding.ASCII.GetBytes("*" + new string('1', (64 * 1024) + 1)),
            "bulk length line over 64 KB" => Encoding.ASCII.GetBytes("*1\r\n$" + new string('1', (64 * 1024) + 1)),
            "good request, then a bad one" => "*2\r\n$4\r\nECHO\r\n$2\r\nok\r\nPING\r\n*1\r\n$x\r\nPING\r\n"u8.ToArray(),
            "negative and zero counts are empty requests" => "*-1\r\n*0\r\n*-5\r\n*1\r\n$4\r\nPING\r\n"u8.ToArray(),
            "unbalanced quotes after a good inline request" => "ECHO \"a b\"\r\nECHO 'c\r\nPING\r\n"u8.ToArray(),
            "bulk length with a sign" => "*1\r\n$+4\r\nPING\r\n"u8.ToArray(),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };

        var want = Exchange(servers.Redis.Port, bytes);
        var got = Exchange(servers.Lite.Port, bytes);
        Assert.Equal(WireDiffFixture.Show(want), WireDiffFixture.Show(got));
    }

    /// <summary>Redis does not check the byte after a header's '\r' nor the CRLF after bulk data (it skips two bytes);
    /// RedisLite refuses such frames with a protocol error and closes. Either is safe: what is checked is that the
    /// connection gets a protocol error or Redis's answer, and nothing else.</summary>
    /// <param name="frame">The frame, with \r and \n written as such.</param>
    [RedisTheory]
    [InlineData("*1\rX$4\r\nPING\r\n")]
    [InlineData("*1\r\n$4\rXPING\r\n")]
    [InlineData("*1\r\n$4\r\nPINGxx")]
    [InlineData("*2\r\n$4\r\nECHO\r\n$1\r\nab*1\r\n$4\r\nPING\r\n")]
    public void Bad_line_endings_get_a_protocol_error_or_redis_answer(string frame)
    {
        var bytes = Encoding.ASCII.GetBytes(frame);
        var want = Exchange(servers.Redis.Port, bytes);
        var got = Exchange(servers.Lite.Port, bytes);
        Assert.True(
            got == want || (got.StartsWith("-ERR Protocol error: ", StringComparison.Ordinal) && got.EndsWith("\r\n" + Closed, StringComparison.Ordinal)),
            $"redis-server: {WireDiffFixture.Show(want)}\nredislite:    {WireDiffFixture.Show(got)}");
    }

    /// <summary>On a server with tight limits (bulk strings up to 1 KB, 16 arguments), longer bulk lengths and larger
    /// counts are refused with the protocol errors Redis gives past its own limits, and the connection is closed.</summary>
    [Fact]
    public async Task Lengths_over_the_configured_limits_are_protocol_errors()
    {
        var server = servers.Limited.Server;
        using var healthy = await ConnectHealthyAsync(servers.Limited);
        const int baseline = 1;
        var cases = 0;
        var oversized =
            from bulk in Gen.Elements(true, false)
            from length in Gen.Frequency(
                (3, Gen.Choose(ProtocolRobustnessFixture.LimitedMaxBulk + 1, 100_000)),
                (1, Gen.Choose(100_000, int.MaxValue - 1)),
                (1, Gen.Choose(int.MinValue + 1, -1)))
            select (Bulk: bulk, Length: length);
        var property = Prop.ForAll(oversized.ToArbitrary(), item =>
        {
            cases++;
            var length = item.Bulk ? item.Length : ProtocolRobustnessFixture.LimitedMaxArguments + 1 + Math.Abs(item.Length % 100_000);
            var frame = item.Bulk ? $"*2\r\n$4\r\nECHO\r\n${length}\r\nabc" : $"*{length}\r\n$4\r\nECHO\r\n";
            var reply = Exchange(servers.Limited.Port, Encoding.ASCII.GetBytes(frame));
            var expected = item.Bulk
                ? "-ERR Protocol error: invalid bulk length\r\n" + Closed
                : "-ERR Protocol error: invalid multibulk length\r\n" + Closed;
            Assert.True(expected == reply, $"{WireDiffFixture.Show(frame)}: got {WireDiffFixture.Show(reply)}");
            AssertHealthy(healthy, cases);
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(60), property);

        // At the limits themselves, requests are fine.
        var full = new string('v', ProtocolRobustnessFixture.LimitedMaxBulk);
        Assert.Equal($"${full.Length}\r\n{full}\r\n", healthy.Call("ECHO", full));
        var most = new[] { "PING" }.Concat(Enumerable.Repeat("x", ProtocolRobustnessFixture.LimitedMaxArguments - 1)).ToArray();
        Assert.Equal("-ERR wrong number of arguments for 'ping' command\r\n", healthy.Call(most));
        await AssertConnectionsSettleAsync(server, baseline);
    }

    /// <summary>Random bytes (RESP-ish noise), sent whole then half-closed, or cut off by an abrupt reset: the server
    /// answers or closes, never hangs on the half-closed ones, and drops every connection.</summary>
    [Fact]
    public async Task Random_bytes_never_hurt_the_server()
    {
        var server = servers.Lite.Server;
        using var healthy = await ConnectHealthyAsync(servers.Lite);
        var baseline = 1;
        var cases = 0;
        var property = Prop.ForAll(Gen.Zip(RespGen.NoiseBytes, Gen.Elements(true, false)).ToArbitrary(), item =>
        {
            cases++;
            var (bytes, abrupt) = item;
            if (abrupt)
            {
                SendAndReset(servers.Lite.Port, bytes);
            }
            else
            {
                var reply = Exchange(servers.Lite.Port, bytes);
                Assert.True(reply.EndsWith(Closed, StringComparison.Ordinal), "the server kept a half-closed connection open: " + WireDiffFixture.Show(reply));
            }

            AssertHealthy(healthy, cases);
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), property);
        await AssertConnectionsSettleAsync(server, baseline);
    }

    /// <summary>Requests cut at every position and the connection then reset (or closed gracefully): nothing runs
    /// half a request, and every connection is forgotten.</summary>
    [Fact]
    public async Task Truncated_requests_then_disconnect_leave_nothing_behind()
    {
        var server = servers.Lite.Server;
        using var healthy = await ConnectHealthyAsync(servers.Lite);
        var baseline = 1;
        var frame = "*3\r\n$7\r\nPUBLISH\r\n$9\r\ntruncated\r\n$3\r\nmsg\r\n"u8.ToArray();
        using var subscriber = new RawWire(servers.Lite.Port);
        subscriber.Call("SUBSCRIBE", "truncated");
        baseline++;
        for (var cut = 1; cut < frame.Length; cut++)
        {
            if (cut % 2 == 0)
            {
                SendAndReset(servers.Lite.Port, frame.AsSpan(0, cut).ToArray());
            }
            else
            {
                Assert.Equal(Closed, Exchange(servers.Lite.Port, frame.AsSpan(0, cut).ToArray()));
            }

            AssertHealthy(healthy, cut);
        }

        // The whole frame does publish once: the subscriber's first message is this one, so no cut frame ran.
        Assert.Equal(":1\r\n" + Closed, Exchange(servers.Lite.Port, frame));
        Assert.Equal("*3\r\n$7\r\nmessage\r\n$9\r\ntruncated\r\n$3\r\nmsg\r\n", subscriber.ReadReply());
        await AssertConnectionsSettleAsync(server, baseline);
    }

    /// <summary>A client blocked in BLPOP with no timeout that goes away (reset, or graceful close) is no longer
    /// blocked nor connected, and does not swallow the next push: the element stays in the list.</summary>
    [Fact]
    public async Task Disconnect_while_blocked_releases_the_client()
    {
        var server = servers.Lite.Server;
        using var healthy = await ConnectHealthyAsync(servers.Lite);
        healthy.Call("DEL", "robust:blocked");
        const int baseline = 1;
        for (var round = 0; round < 4; round++)
        {
            var blocked = Connect(servers.Lite.Port);
            blocked.GetStream().Write("*3\r\n$5\r\nBLPOP\r\n$14\r\nrobust:blocked\r\n$1\r\n0\r\n"u8);
            await WaitUntilAsync(() => server.BlockedClients == 1, "the BLPOP client to block");
            if (round % 2 == 0)
            {
                blocked.Client.LingerState = new LingerOption(true, 0);
            }

            blocked.Dispose();
            await WaitUntilAsync(() => server.BlockedClients == 0 && server.ConnectedClients == baseline, "the blocked client to be released");
            Assert.Equal(":1\r\n", healthy.Call("LPUSH", "robust:blocked", "v" + round));
            Assert.Equal("*1\r\n$2\r\nv" + round + "\r\n", healthy.Call("LRANGE", "robust:blocked", "0", "-1"));
            Assert.Equal(":1\r\n", healthy.Call("DEL", "robust:blocked"));
        }
    }

    /// <summary>Clients reset in the middle of a transaction (WATCH, MULTI, queued writes) or while subscribed leave
    /// no trace: nothing queued runs, their subscriptions are gone, and they are forgotten.</summary>
    [Fact]
    public async Task Disconnect_in_a_transaction_or_subscribed_leaves_no_trace()
    {
        var server = servers.Lite.Server;
        using var healthy = await ConnectHealthyAsync(servers.Lite);
        const int baseline = 1;
        for (var round = 0; round < 3; round++)
        {
            using (var transaction = new RawWire(servers.Lite.Port))
            {
                Assert.Equal("+OK\r\n", transaction.Call("WATCH", "robust:tx"));
                Assert.Equal("+OK\r\n", transaction.Call("MULTI"));
                Assert.Equal("+QUEUED\r\n", transaction.Call("SET", "robust:tx", "queued"));
                transaction.SendRaw("*1\r\n$4\r\nEX"u8);
            }

            using (var subscriber = new RawWire(servers.Lite.Port))
            {
                subscriber.Call("SUBSCRIBE", "robust:a", "robust:b");
                Assert.Equal("*3\r\n$9\r\nsubscribe\r\n$8\r\nrobust:b\r\n:2\r\n", subscriber.ReadReply());
                Assert.StartsWith("*3\r\n$10\r\npsubscribe\r\n", subscriber.Call("PSUBSCRIBE", "robust:*"), StringComparison.Ordinal);
            }

            await AssertConnectionsSettleAsync(server, baseline);
            Assert.Equal("$-1\r\n", healthy.Call("GET", "robust:tx"));
            Assert.Equal("*4\r\n$8\r\nrobust:a\r\n:0\r\n$8\r\nrobust:b\r\n:0\r\n", healthy.Call("PUBSUB", "NUMSUB", "robust:a", "robust:b"));
            Assert.Equal(":0\r\n", healthy.Call("PUBSUB", "NUMPAT"));
            Assert.Equal(":0\r\n", healthy.Call("PUBLISH", "robust:a", "nobody"));
        }
    }

    /// <summary>A client sending a huge bulk string slowly past a 1 MB query buffer limit is disconnected without a
    /// reply, as Redis does past <c>client-query-buffer-limit</c>; others are unaffected.</summary>
    [Fact]
    public async Task Query_buffer_limit_disconnects_the_client()
    {
        var server = servers.SmallQueryBuffer.Server;
        using var healthy = await ConnectHealthyAsync(servers.SmallQueryBuffer);
        const int baseline = 1;
        using var greedy = Connect(servers.SmallQueryBuffer.Port);
        var stream = greedy.GetStream();
        stream.ReadTimeout = 10_000;
        var limit = (int)ProtocolRobustnessFixture.SmallQueryBufferLimit;
        var closed = false;
        var answer = "";
        try
        {
            stream.Write(Encoding.ASCII.GetBytes($"*3\r\n$3\r\nSET\r\n$13\r\nrobust:greedy\r\n${limit * 4}\r\n"));
            var chunk = new byte[64 * 1024];
            for (var sent = 0; sent < limit * 2; sent += chunk.Length)
            {
                stream.Write(chunk);
            }
        }
        catch (IOException)
        {
            closed = true;
        }

        answer = ReadToEnd(stream);
        Assert.True(closed || answer.Length == 0, "the server kept reading past its query buffer limit, or answered: " + answer);
        Assert.Equal(":0\r\n", healthy.Call("DBSIZE"));
        await AssertConnectionsSettleAsync(server, baseline);
    }

    private static Gen<Frame> ComparableFrames
    {
        get
        {
            // Numbers stay far below RedisLite's default 1M-argument limit (Redis's is INT_MAX): both wait for more.
            var numberish = Gen.Elements("0", "1", "2", "3", "9", "-", "+", " ", "a", "x", ".", "00", "-1", "-0", "12");
            var token = Gen.ListOf(numberish).Select(parts => string.Concat(parts.Take(3)));
            var badCount = token.Select(t => new Frame("bad '*' count", $"*{t}\r\n$4\r\nPING\r\n"));
            // No data after the length: a valid one waits for it on both (data of the wrong length would show the
            // known difference that Redis skips the two bytes after bulk data unchecked).
            var badLength = token.Select(t => new Frame("bad '$' length", $"*2\r\n$4\r\nECHO\r\n${t}\r\n"));
            var notBulk =
                from marker in Gen.Elements(":", "+", "-", "*", "%", "~", "_", "#", ",", "(", "!", "=", ">", "|", "x", " ", "\r")
                from rest in Gen.Elements("", "5", "abc", "-1", "2\r\n$1\r\na")
                select new Frame("not a bulk string", $"*2\r\n$4\r\nECHO\r\n{marker}{rest}\r\n");
            var good = "*2\r\n$4\r\nECHO\r\n$5\r\nhello\r\n*1\r\n$4\r\nPING\r\n";
            var truncated = Gen.Choose(0, good.Length - 1).Select(n => new Frame("truncated", good[..n]));
            var word = Gen.Elements("a", "b", "ECHO", "ping", " ", "  ", "\"", "'", "\\", "\\\"", "\\'", "\\x41", "\\xg1", "\\n", "\t", "x y");
            var inline =
                from verb in Gen.Elements("ECHO ", "PING ", "NOSUCH ", "")
                from words in Gen.ListOf(word)
                select new Frame("inline", verb + string.Concat(words.Take(8)) + "\r\n");
            return Gen.Frequency(
                (3, badCount),
                (3, badLength),
                (2, notBulk),
                (2, truncated),
                (4, inline));
        }
    }

    /// <summary>Sends <paramref name="bytes"/>, half-closes, and reads everything until the server closes.</summary>
    /// <returns>What the server sent (Latin-1), then <see cref="Closed"/>; or "&lt;still open&gt;" after 10 s.</returns>
    private static string Exchange(int port, byte[] bytes)
    {
        using var client = Connect(port);
        var stream = client.GetStream();
        stream.ReadTimeout = 10_000;
        try
        {
            stream.Write(bytes);
            client.Client.Shutdown(SocketShutdown.Send);
        }
        catch (IOException)
        {
            // Closed while we were still sending: what it said before is read below.
        }
        catch (SocketException)
        {
        }

        var text = ReadToEnd(stream);
        return text.EndsWith("<still open>", StringComparison.Ordinal) ? text : text + Closed;
    }

    private static string ReadToEnd(NetworkStream stream)
    {
        var output = new MemoryStream();
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                output.Write(buffer, 0, read);
            }
        }
        catch (IOException ex) when (ex.InnerException is SocketException { SocketErrorCode: SocketError.TimedOut or SocketError.WouldBlock })
        {
            return Encoding.Latin1.GetString(output.ToArray()) + "<still open>";
        }
        catch (IOException)
        {
            // Reset by the server after its reply: the connection is closed all the same.
        }

        return Encoding.Latin1.GetString(output.ToArray());
    }

    /// <summary>Sends <paramref name="bytes"/> and resets the connection at once (linger 0), without reading.</summary>
    private static void SendAndReset(int port, byte[] bytes)
    {
        using var client = Connect(port);
        client.Client.LingerState = new LingerOption(true, 0);
        try
        {
            client.GetStream().Write(bytes);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Waits until <paramref name="fixture"/>'s server has no connection left from earlier tests, then
    /// connects the healthy client (its first answer proves the server registered it: the baseline is 1).</summary>
    private static async Task<RawWire> ConnectHealthyAsync(RedisLiteServerFixture fixture)
    {
        await WaitUntilAsync(() => fixture.Server.ConnectedClients == 0, "earlier connections to close");
        var healthy = new RawWire(fixture.Port);
        AssertHealthy(healthy, -1);
        return healthy;
    }

    private static TcpClient Connect(int port)
    {
        var client = new TcpClient { NoDelay = true };
        client.Connect("127.0.0.1", port);
        return client;
    }

    private static void AssertHealthy(RawWire healthy, int round)
    {
        var text = "healthy " + round;
        Assert.Equal($"${text.Length}\r\n{text}\r\n", healthy.Call("ECHO", text));
    }

    /// <summary>Waits (with short awaits, up to 10 s) until the server has forgotten every broken connection.</summary>
    private static Task AssertConnectionsSettleAsync(RedisLiteServer server, int baseline) =>
        WaitUntilAsync(() => server.ConnectedClients == baseline && server.BlockedClients == 0, $"ConnectedClients to return to {baseline} and BlockedClients to 0");

    /// <summary>Waits (spinning, then yielding, as the other server tests do; up to 10 s) for the server to reach a state.</summary>
    private static Task WaitUntilAsync(Func<bool> condition, string what)
    {
        Assert.True(SpinWait.SpinUntil(condition, TimeSpan.FromSeconds(10)), "timed out waiting for " + what);
        return Task.CompletedTask;
    }

    /// <summary>A generated request.</summary>
    /// <param name="Kind">What is wrong with it.</param>
    /// <param name="Text">Its bytes, as Latin-1 text.</param>
    private sealed record Frame(string Kind, string Text)
    {
        public byte[] Bytes => Encoding.Latin1.GetBytes(Text);

        public override string ToString() => Kind + ": " + WireDiffFixture.Show(Text);
    }
}

/// <summary>redis-server and three RedisLite servers for <see cref="ProtocolRobustnessTests"/>.</summary>
public sealed class ProtocolRobustnessFixture : IDisposable
{
    /// <summary>The limited server's largest bulk string.</summary>
    public const int LimitedMaxBulk = 1024;

    /// <summary>The limited server's most arguments.</summary>
    public const int LimitedMaxArguments = 16;

    /// <summary>The small query buffer limit (the least allowed).</summary>
    public const long SmallQueryBufferLimit = 1024 * 1024;

    /// <summary>Gets the real server.</summary>
    public RedisServerFixture Redis { get; } = new();

    /// <summary>Gets RedisLite's server with default limits (compared with Redis).</summary>
    public RedisLiteServerFixture Lite { get; } = new();

    /// <summary>Gets RedisLite's server with tight bulk and argument limits.</summary>
    public RedisLiteServerFixture Limited { get; } = new ConfiguredServer(new RedisLiteServerOptions
    {
        MaxBulkLength = LimitedMaxBulk,
        MaxMultibulkLength = LimitedMaxArguments,
    });

    /// <summary>Gets RedisLite's server with a 1 MB query buffer limit.</summary>
    public RedisLiteServerFixture SmallQueryBuffer { get; } = new ConfiguredServer(new RedisLiteServerOptions { QueryBufferLimit = SmallQueryBufferLimit });

    /// <inheritdoc/>
    public void Dispose()
    {
        Redis.Dispose();
        Lite.Dispose();
        Limited.Dispose();
        SmallQueryBuffer.Dispose();
    }

    private sealed class ConfiguredServer(RedisLiteServerOptions options) : RedisLiteServerFixture(new RedisLiteOptions(), options);
}
