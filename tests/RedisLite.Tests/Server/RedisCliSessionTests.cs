using System.Text;
using RedisLite.Tests.Conformance;

namespace RedisLite.Tests.Server;

/// <summary>
/// The whole server through the real client: one scripted <c>redis-cli</c> session of commands from every family, run
/// against redis-server and against RedisLite's server, must print exactly the same; and inline (telnet-style) requests
/// with redis-cli's quoting rules must get the same raw replies.
/// </summary>
/// <param name="servers">Both servers.</param>
[Trait("Category", "Wire")]
public sealed class RedisCliSessionTests(WireDiffFixture servers) : IClassFixture<WireDiffFixture>
{
    /// <summary>The session: one command a line, as typed at redis-cli's prompt; lines starting with '#' are notes.
    /// Deterministic only: no random commands, no ticking TTLs, no multi-element replies in hash-table order.</summary>
    private const string Script = """
        FLUSHALL
        # connection and server
        PING
        PING "hello world"
        ECHO 'single quoted'
        ECHO "tab\there"
        DBSIZE
        SELECT 1
        SET k1 "in db 1"
        DBSIZE
        SELECT 0
        DBSIZE
        GET k1
        CONFIG GET maxmemory
        NOSUCHCOMMAND arg
        # strings
        SET str hello
        GET str
        APPEND str " world"
        STRLEN str
        GETRANGE str 0 4
        SETRANGE str 6 W
        GET str
        INCR str
        SET counter 10
        INCR counter
        INCRBY counter 5
        DECR counter
        DECRBY counter 3
        INCRBYFLOAT counter 1.5
        GET counter
        MSET m1 a m2 b m3 c
        MGET m1 m2 nosuch m3
        SETNX m1 z
        SET str2 v NX
        SET str2 v2 XX GET
        GETSET str2 v3
        GETDEL str2
        GET str2
        SET
        # keys
        EXISTS str counter nosuch str
        TYPE str
        TYPE nosuch
        RENAME m1 m1b
        EXISTS m1 m1b
        RENAMENX m1b m2
        DEL m1b m2 nosuch
        EXPIREAT m3 4102444800
        EXPIRETIME m3
        PERSIST m3
        TTL m3
        TTL nosuch
        KEYS m*
        COPY m3 m3copy
        GET m3copy
        RENAME nosuch x
        # hashes
        HSET h f1 v1 f2 v2
        HSET h f3 v3
        HGET h f1
        HMGET h f1 nosuch f2
        HINCRBY h n 5
        HINCRBYFLOAT h n 0.25
        HLEN h
        HEXISTS h f2
        HDEL h f2 nosuch
        HGETALL h
        HKEYS h
        HVALS h
        HSTRLEN h f1
        HSETNX h f1 other
        HGET str f
        # lists
        RPUSH l a b c
        LPUSH l z
        LRANGE l 0 -1
        LLEN l
        LINDEX l 1
        LSET l 0 A
        LINSERT l BEFORE b x
        LRANGE l 0 -1
        LPOS l b
        LREM l 1 x
        LPOP l
        RPOP l 2
        LRANGE l 0 -1
        BLPOP l 0.01
        BLPOP emptylist 0.01
        LPUSH str x
        # sets
        SADD s a b c a
        SCARD s
        SISMEMBER s a
        SMISMEMBER s a z b
        SREM s b c
        SMEMBERS s
        SADD s2 a q
        SINTER s s2
        SINTERCARD 2 s s2
        SDIFF s2 s
        SMOVE s2 s q
        SCARD s
        # sorted sets
        ZADD z 1 one 2 two 3 three
        ZADD z XX CH 1.5 one
        ZSCORE z one
        ZINCRBY z 2.5 one
        ZRANGE z 0 -1 WITHSCORES
        ZRANGE z (1 +inf BYSCORE LIMIT 0 2
        ZREVRANGE z 0 0 WITHSCORES
        ZRANGEBYSCORE z -inf 3
        ZRANK z three
        ZREVRANK z three
        ZCARD z
        ZCOUNT z 2 4
        ZMSCORE z one nosuch
        ZREM z two
        ZPOPMIN z
        ZPOPMAX z 5
        EXISTS z
        ZADD z nan x
        # pub/sub (one subscriber to 'news' and one to 'n*' are connected)
        PUBLISH news hello
        PUBLISH other hello
        PUBSUB CHANNELS
        PUBSUB CHANNELS nomatch*
        PUBSUB NUMSUB news other
        PUBSUB NUMPAT
        # transactions
        MULTI
        SET t 1
        INCR t
        GET t
        LPUSH t x
        EXEC
        MULTI
        INCR t
        DISCARD
        GET t
        MULTI
        NOSUCHCOMMAND
        EXEC
        WATCH t
        UNWATCH
        EXEC
        # server again
        DBSIZE
        FLUSHDB
        DBSIZE
        SELECT 1
        DBSIZE
        FLUSHALL
        DBSIZE
        """;

    private const string Marker = "#~#";

    /// <summary>The session prints the same through redis-cli on both servers, with typed (<c>--no-raw</c>) output in
    /// RESP2 and RESP3 and with raw output.</summary>
    /// <param name="mode">redis-cli's output and protocol flags.</param>
    [RedisCliTheory]
    [InlineData("--no-raw")]
    [InlineData("--no-raw -3")]
    [InlineData("--raw")]
    public async Task Scripted_session_prints_the_same_as_on_redis(string mode)
    {
        Assert.True(servers.Redis.IsAvailable, servers.Redis.UnavailableReason);
        var commands = Script.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0 && line[0] != '#').ToArray();
        Assert.True(commands.Length >= 60, $"the session has {commands.Length} commands");

        // Before each command outside MULTI, an ECHO of a marker: the output splits into one block per command.
        var input = new StringBuilder();
        var inMulti = false;
        for (var i = 0; i < commands.Length; i++)
        {
            if (!inMulti)
            {
                input.Append("ECHO ").Append(Marker).Append(i).Append('\n');
            }

            input.Append(commands[i]).Append('\n');
            var verb = commands[i].Split(' ')[0].ToUpperInvariant();
            inMulti = verb == "MULTI" || (inMulti && verb is not ("EXEC" or "DISCARD"));
        }

        var arguments = mode.Split(' ');
        var redisOutput = await RunWithSubscribersAsync(servers.Redis.Port, input.ToString(), arguments);
        var liteOutput = await RunWithSubscribersAsync(servers.Lite.Port, input.ToString(), arguments);

        var expected = SplitByMarker(redisOutput.Output);
        var actual = SplitByMarker(liteOutput.Output);
        var differences = new StringBuilder();
        var count = 0;
        for (var i = 0; i < commands.Length; i++)
        {
            var want = expected.GetValueOrDefault(i, "<no output>");
            var got = actual.GetValueOrDefault(i, "<no output>");
            if (want != got)
            {
                count++;
                differences.Append("redis-cli ").Append(mode).Append(" > ").AppendLine(commands[i])
                    .AppendLine("  redis-server:").AppendLine(Indent(want))
                    .AppendLine("  redislite:").AppendLine(Indent(got));
            }
        }

        if (redisOutput.Pushes != liteOutput.Pushes)
        {
            differences.AppendLine("the subscribers received different messages:")
                .AppendLine("  redis-server: " + WireDiffFixture.Show(redisOutput.Pushes))
                .AppendLine("  redislite:    " + WireDiffFixture.Show(liteOutput.Pushes));
        }

        Assert.True(differences.Length == 0, $"redis-cli printed differently for {count} of {commands.Length} commands:\n{differences}");
        Assert.Equal(redisOutput.ExitCode, liteOutput.ExitCode);
    }

    /// <summary>Inline requests (what telnet or a shell script sends) are split with redis-cli's quoting rules: double
    /// quotes with escapes, single quotes with only \', blanks and empty lines; replies match redis-server's byte for
    /// byte, and an unbalanced quote ends the connection with the same protocol error.</summary>
    [RedisFact]
    public void Inline_requests_get_the_same_replies_as_on_redis()
    {
        Assert.True(servers.Redis.IsAvailable, servers.Redis.UnavailableReason);
        string[] lines =
        [
            "FLUSHALL",
            "PING",
            "  ping   ",
            "ECHO \"a b\"",
            "ECHO \"\\x41\\x42\\n\\t\\\"q\\\"\"",
            "ECHO 'it\\'s \"double\" inside'",
            "ECHO 'no \\x41 escapes'",
            "ECHO \"\\xZZ\"",
            "ECHO \"\" ''",
            "ECHO a b",
            "SET \"key 1\" \"value\\r\\nwith crlf\"",
            "GET \"key 1\"",
            "SET k2 'single'",
            "APPEND k2 \" and double\"",
            "GET k2",
            "MSET a 1 b 2",
            "MGET a b \"key 1\" nosuch",
            "HSET h \"f 1\" '\\x41' f2 \"\\x41\"",
            "HGETALL h",
            "RPUSH l \"\" '' x",
            "LRANGE l 0 -1",
            "SADD s \"m 1\"",
            "SMEMBERS s",
            "ZADD z 1.5 \"m 1\"",
            "ZRANGE z 0 -1 WITHSCORES",
            "DEL \"key 1\" k2 a b h l s z",
            "NOSUCH \"a b\" 'c'",
            "ECHO \"a\"b",
        ];

        using var expected = new RawWire(servers.Redis.Port);
        using var actual = new RawWire(servers.Lite.Port);
        var differences = new StringBuilder();
        foreach (var line in lines)
        {
            // An empty line before each request: ignored by both servers, no reply.
            var bytes = Encoding.UTF8.GetBytes("\r\n" + line + "\r\n");
            expected.SendRaw(bytes);
            actual.SendRaw(bytes);
            var want = ReadOrClosed(expected);
            var got = ReadOrClosed(actual);
            if (want != got)
            {
                differences.Append("inline> ").AppendLine(line)
                    .Append("  redis-server: ").AppendLine(WireDiffFixture.Show(want))
                    .Append("  redislite:    ").AppendLine(WireDiffFixture.Show(got));
            }
        }

        Assert.True(differences.Length == 0, "Inline replies differ:\n" + differences);
        Assert.True(actual.IsClosedByServer(), "the unbalanced quote should have closed the connection");
    }

    private static string ReadOrClosed(RawWire wire)
    {
        try
        {
            return wire.ReadReply();
        }
        catch (IOException)
        {
            return "<closed>";
        }
    }

    /// <summary>Runs the session with a subscriber to <c>news</c> and one to <c>n*</c> connected, and returns
    /// redis-cli's output and what the subscribers received.</summary>
    private static async Task<(int ExitCode, string Output, string Pushes)> RunWithSubscribersAsync(int port, string input, string[] arguments)
    {
        using var channel = new RawWire(port);
        using var pattern = new RawWire(port);
        channel.Call("SUBSCRIBE", "news");
        pattern.Call("PSUBSCRIBE", "n*");
        var (exitCode, output, error) = await RedisCliProcess.RunAsync(port, input, [.. arguments, "--no-auth-warning"]);
        Assert.True(error.Length == 0 || error.Contains("AUTH", StringComparison.Ordinal), "redis-cli wrote to stderr: " + error);
        var pushes = channel.ReadReply() + pattern.ReadReply();
        return (exitCode, output, pushes);
    }

    /// <summary>Splits redis-cli's output at the marker ECHOs: block i is what command i printed.</summary>
    private static Dictionary<int, string> SplitByMarker(string output)
    {
        var blocks = new Dictionary<int, string>();
        var current = -1;
        var text = new StringBuilder();
        foreach (var raw in output.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            var bare = line.Trim('"');
            if (bare.StartsWith(Marker, StringComparison.Ordinal) && int.TryParse(bare.AsSpan(Marker.Length), out var index))
            {
                if (current >= 0)
                {
                    blocks[current] = text.ToString().TrimEnd('\n');
                }

                current = index;
                text.Clear();
                continue;
            }

            text.Append(line).Append('\n');
        }

        if (current >= 0)
        {
            blocks[current] = text.ToString().TrimEnd('\n');
        }

        return blocks;
    }

    private static string Indent(string text) => "    " + text.Replace("\n", "\n    ", StringComparison.Ordinal);
}
