using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using RedisLite.Client;
using RedisLite.Tests.Infrastructure;

namespace RedisLite.Tests.Client;

/// <summary>
/// The client against a scripted fake server (<see cref="FakeRedisServer"/>), for what a real Redis cannot be made to
/// do on demand: never answer, answer garbage, hang up mid-command, refuse a SELECT, send RESP3 push messages. These
/// tests need no redis-server.
/// </summary>
public sealed class RemoteDataStoreFakeServerTests
{
    /// <summary>"At once" for a failure that should take milliseconds (or a 200 ms timeout): generous, so that a loaded
    /// machine does not make it flaky, yet far below the 10 s timeouts these tests otherwise configure.</summary>
    private static readonly TimeSpan Quick = TimeSpan.FromSeconds(3);

    // ------------------------------------------------------------------ timeouts

    [Fact]
    public void A_reply_that_never_comes_times_out_closes_the_connection_and_the_next_command_reconnects()
    {
        // The first connection never answers GET; later ones do.
        using var server = FakeRedisServer.WithHandshake(c => c.Connection == 0 ? FakeReply.Silence : FakeReply.Raw("$5\r\nlater\r\n"));
        using var store = new RemoteDataStore(server.Options(commandTimeoutMs: 200));
        Bounded.Run(store.Connect);

        var clock = Stopwatch.StartNew();
        var error = Bounded.Throws<RedisConnectionException>(() => store.StringGet("k"));
        clock.Stop();
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(150), Quick);
        Assert.Contains("200", error.Message, StringComparison.Ordinal);

        // The client closed the connection: a late reply could otherwise be taken for the next command's.
        Assert.True(server.WaitForClientClose(Quick), "the fake server did not see the connection close");

        RedisAssert.Value("later", Bounded.Run(() => store.StringGet("k")));
        Assert.Equal(2, server.ConnectionsAccepted);
    }

    [Fact]
    public void A_timeout_fails_every_command_queued_behind_it()
    {
        using var received = new CountdownEvent(3);
        using var server = FakeRedisServer.WithHandshake(_ =>
        {
            received.Signal();
            return FakeReply.Silence;
        });
        using var store = new RemoteDataStore(server.Options(commandTimeoutMs: 300));
        Bounded.Run(store.Connect);

        var callers = Enumerable.Range(0, 3).Select(i => Bounded.Start(() => Record.Exception(() => store.StringGet($"k{i}")))).ToArray();
        Assert.True(received.Wait(Quick), "the commands were not all sent before the first reply was due: not pipelined");
        Assert.All(Bounded.Results(callers, Quick), e => Assert.IsType<RedisConnectionException>(e));
    }

    [Fact]
    public void CommandTimeout_also_bounds_a_command_the_server_never_reads()
    {
        // After the handshake the server stops reading, so a large command fills the socket buffers and the write blocks.
        var server = new FakeRedisServer(c => c.Name == "CONFIG" ? FakeReply.Databases(16) with { Then = FakeAfter.StopReading } : FakeReply.Silence);
        var store = new RemoteDataStore(server.Options(commandTimeoutMs: 200));
        try
        {
            Bounded.Run(store.Connect);
            var big = new byte[64 * 1024 * 1024];

            var error = Bounded.Capture(() => store.StringSet("big", big), Quick);
            Assert.IsType<RedisConnectionException>(error);
        }
        finally
        {
            // Server first: closing its end unblocks a write still stuck in the client (which would block Dispose).
            server.Dispose();
            store.Dispose();
        }
    }

    [Fact]
    public void ConnectTimeout_bounds_a_handshake_the_server_never_answers()
    {
        using var server = new FakeRedisServer(_ => FakeReply.Silence);
        var options = server.Options();
        options.ConnectTimeout = TimeSpan.FromMilliseconds(200);
        using var store = new RemoteDataStore(options);

        var clock = Stopwatch.StartNew();
        Bounded.Throws<RedisConnectionException>(store.Connect);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(150), Quick);
        Assert.True(server.WaitForClientClose(Quick), "the half-open connection was not closed");
    }

    // ------------------------------------------------------------------ connecting

    [Fact]
    public void Connecting_to_a_port_nobody_listens_on_throws_RedisConnectionException_quickly()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        // The constructor does not connect.
        using var store = new RemoteDataStore(new RemoteDataStoreOptions { Port = port, ConnectTimeout = TimeSpan.FromSeconds(10) });

        var clock = Stopwatch.StartNew();
        var error = Bounded.Throws<RedisConnectionException>(store.Connect);
        Assert.True(clock.Elapsed < Quick, $"refusal took {clock.Elapsed}");
        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.IsType<SocketException>(error.InnerException);

        // Commands try again (and fail the same way) rather than being stuck on a dead connection.
        Bounded.Throws<RedisConnectionException>(() => store.StringGet("k"));
        Bounded.Throws<RedisConnectionException>(() => _ = store.DatabaseCount);
    }

    [Fact]
    public void Options_are_validated_by_the_constructor()
    {
        Assert.Throws<ArgumentNullException>(() => new RemoteDataStore(null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RemoteDataStore(new RemoteDataStoreOptions { Port = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RemoteDataStore(new RemoteDataStoreOptions { Port = 65536 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RemoteDataStore(new RemoteDataStoreOptions { Protocol = 1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RemoteDataStore(new RemoteDataStoreOptions { CommandTimeout = TimeSpan.Zero }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RemoteDataStore(new RemoteDataStoreOptions { ConnectTimeout = TimeSpan.FromSeconds(-1) }));
        Assert.ThrowsAny<ArgumentException>(() => new RemoteDataStore(new RemoteDataStoreOptions { Host = " " }));
    }

    [Fact]
    public void The_handshake_sends_AUTH_or_HELLO_as_configured()
    {
        string[] Handshake(RemoteDataStoreOptions settings, FakeRedisServer server)
        {
            using var store = new RemoteDataStore(settings);
            Bounded.Run(store.Connect);
            return [.. server.Commands.Select(c => c.Line)];
        }

        FakeReply Answer(FakeCommand c) => c.Name switch
        {
            "HELLO" => FakeReply.Raw("%1\r\n+proto\r\n:3\r\n"),
            "AUTH" => FakeReply.Raw("+OK\r\n"),
            _ => FakeReply.Databases(16),
        };

        using (var server = new FakeRedisServer(Answer))
        {
            Assert.Equal(new[] { "CONFIG GET databases" }, Handshake(server.Options(), server));
        }

        using (var server = new FakeRedisServer(Answer))
        {
            var options = server.Options();
            options.Password = "pw";
            Assert.Equal(new[] { "AUTH pw", "CONFIG GET databases" }, Handshake(options, server));
        }

        using (var server = new FakeRedisServer(Answer))
        {
            var options = server.Options();
            options.Password = "pw";
            options.User = "bob";
            Assert.Equal(new[] { "AUTH bob pw", "CONFIG GET databases" }, Handshake(options, server));
        }

        using (var server = new FakeRedisServer(Answer))
        {
            Assert.Equal(new[] { "HELLO 3", "CONFIG GET databases" }, Handshake(server.Options(protocol: 3), server));
        }

        using (var server = new FakeRedisServer(Answer))
        {
            var options = server.Options(protocol: 3);
            options.Password = "pw";
            Assert.Equal(new[] { "HELLO 3 AUTH default pw", "CONFIG GET databases" }, Handshake(options, server));
        }
    }

    // ------------------------------------------------------------------ broken connections

    [Fact]
    public void A_malformed_reply_fails_the_command_at_once_and_the_next_command_reconnects()
    {
        using var server = FakeRedisServer.WithHandshake(c => c.Connection == 0 ? FakeReply.Raw("?garbage\r\n") : FakeReply.Raw("+OK\r\n"));
        using var store = new RemoteDataStore(server.Options(commandTimeoutMs: 10_000));
        Bounded.Run(store.Connect);

        var clock = Stopwatch.StartNew();
        Bounded.Throws<RedisConnectionException>(() => store.StringGet("k"));
        Assert.True(clock.Elapsed < Quick, $"the protocol error surfaced only after {clock.Elapsed}");
        Assert.True(server.WaitForClientClose(Quick), "the broken connection was not closed");

        Assert.True(Bounded.Run(() => store.StringSet("k", "v")));
        Assert.Equal(2, server.ConnectionsAccepted);
    }

    [Fact]
    public void A_server_that_hangs_up_mid_command_fails_it_at_once()
    {
        using var server = FakeRedisServer.WithHandshake(c => c.Connection == 0 ? FakeReply.Close : FakeReply.Raw(":7\r\n"));
        using var store = new RemoteDataStore(server.Options(commandTimeoutMs: 10_000));
        Bounded.Run(store.Connect);

        var clock = Stopwatch.StartNew();
        var error = Bounded.Throws<RedisConnectionException>(() => store.StringIncrement("n"));
        Assert.True(clock.Elapsed < Quick, $"the hang-up surfaced only after {clock.Elapsed}");
        Assert.Contains("closed", error.Message, StringComparison.OrdinalIgnoreCase);

        Assert.Equal(7, Bounded.Run(() => store.StringIncrement("n")));
    }

    // ------------------------------------------------------------------ error replies

    [Fact]
    public void Error_replies_map_to_the_same_exception_types_as_the_in_process_store()
    {
        using var server = FakeRedisServer.WithHandshake(c => c.Arguments[^1] switch
        {
            "wrongtype" => FakeReply.Raw("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            "err" => FakeReply.Raw("-ERR value is not an integer or out of range\r\n"),
            "bulkerror" => FakeReply.Raw("!21\r\nSYNTAX invalid syntax\r\n"),
            _ => FakeReply.Raw("$2\r\nok\r\n"),
        });
        using var store = new RemoteDataStore(server.Options());

        var wrongType = Bounded.Throws<RedisWrongTypeException>(() => store.StringGet("wrongtype"));
        Assert.Equal("WRONGTYPE Operation against a key holding the wrong kind of value", wrongType.Message);
        Assert.Equal("WRONGTYPE", wrongType.ErrorCode);

        var err = Bounded.Throws<RedisException>(() => store.StringGet("err"));
        Assert.Equal("ERR value is not an integer or out of range", err.Message);

        var bulk = Bounded.Throws<RedisException>(() => store.StringGet("bulkerror"));
        Assert.Equal("SYNTAX invalid syntax", bulk.Message);

        // Error replies are ordinary replies: the connection stays in step.
        RedisAssert.Value("ok", Bounded.Run(() => store.StringGet("fine")));
        Assert.Equal(1, server.ConnectionsAccepted);
    }

    // ------------------------------------------------------------------ pipelining

    [Fact]
    public void Commands_are_pipelined_and_replies_are_matched_in_order()
    {
        // The server answers nothing until the second GET arrives, then both replies at once: a client that waited for
        // each reply before sending the next command would time out.
        using var firstArrived = new ManualResetEventSlim();
        using var server = FakeRedisServer.WithHandshake(c =>
        {
            if (c.Arguments[1] == "a")
            {
                firstArrived.Set();
                return FakeReply.Silence;
            }

            return FakeReply.Raw("$6\r\nfor a!\r\n$6\r\nfor b!\r\n");
        });
        using var store = new RemoteDataStore(server.Options(commandTimeoutMs: 3_000));
        Bounded.Run(store.Connect);

        var a = Bounded.Start(() => store.StringGet("a"));
        Assert.True(firstArrived.Wait(Quick));
        var b = Bounded.Start(() => store.StringGet("b"));

        var replies = Bounded.Results([a, b], Quick);
        RedisAssert.Value("for a!", replies[0]);
        RedisAssert.Value("for b!", replies[1]);
    }

    // ------------------------------------------------------------------ databases and SELECT

    [Fact]
    public void The_servers_database_count_bounds_GetDatabase_and_SELECT_is_sent_only_on_a_switch()
    {
        using var server = new FakeRedisServer(c => c.Name switch
        {
            "CONFIG" => FakeReply.Databases(4),
            "SELECT" => FakeReply.Raw("+OK\r\n"),
            _ => FakeReply.Raw($"${c.Arguments[1].Length}\r\n{c.Arguments[1]}\r\n"),
        });
        using var store = new RemoteDataStore(server.Options());

        Assert.Equal(4, store.DatabaseCount);
        RedisAssert.Throws("ERR DB index is out of range", () => store.GetDatabase(4));
        var three = store.GetDatabase(3);

        Bounded.Run(() =>
        {
            RedisAssert.Value("x", store.StringGet("x"));
            RedisAssert.Value("a", three.StringGet("a"));
            RedisAssert.Value("b", three.StringGet("b"));
            RedisAssert.Value("y", store.StringGet("y"));
            RedisAssert.Value("z", store.StringGet("z"));
            RedisAssert.Value("c", three.StringGet("c"));
        });

        Assert.Equal(
            new[] { "CONFIG GET databases", "GET x", "SELECT 3", "GET a", "GET b", "SELECT 0", "GET y", "GET z", "SELECT 3", "GET c" },
            server.Commands.Select(c => c.Line));
    }

    [Fact]
    public void A_server_that_hides_CONFIG_is_assumed_to_have_16_databases()
    {
        using var server = new FakeRedisServer(c => c.Name == "CONFIG"
            ? FakeReply.Raw("-ERR unknown command 'CONFIG', with args beginning with: 'GET' 'databases' \r\n")
            : FakeReply.Raw("+OK\r\n"));
        using var store = new RemoteDataStore(server.Options());

        Assert.Equal(16, Bounded.Run(() => store.DatabaseCount));
        Assert.Equal(15, store.GetDatabase(15).Database);
        RedisAssert.Throws("ERR DB index is out of range", () => store.GetDatabase(16));
    }

    [Fact]
    public void A_command_behind_a_failed_SELECT_does_not_return_a_reply_from_the_wrong_database()
    {
        // SELECT is refused, yet the GET pipelined behind it ran (on the wrong database) and answered. Both replies
        // arrive in one segment, so the client parses them back to back.
        using var server = new FakeRedisServer(c => c.Name switch
        {
            "CONFIG" => FakeReply.Databases(16),
            "SELECT" => FakeReply.Silence,
            _ => FakeReply.Raw("-ERR DB index is out of range\r\n$14\r\nwrong database\r\n"),
        });
        using var store = new RemoteDataStore(server.Options());
        var five = store.GetDatabase(5);

        for (var attempt = 0; attempt < 20; attempt++)
        {
            var error = Bounded.Capture(() =>
            {
                var value = five.StringGet("k");
                Assert.Fail($"attempt {attempt}: got \"{value}\" from database 0 for a command meant for database 5");
            });
            Assert.True(error is RedisConnectionException or RedisException, $"attempt {attempt}: {error}");
        }
    }

    // ------------------------------------------------------------------ RESP3

    [Fact]
    public void Resp3_push_messages_and_attributes_are_not_taken_for_replies()
    {
        using var server = new FakeRedisServer(c => c.Name switch
        {
            "HELLO" => FakeReply.Raw("%2\r\n+server\r\n+fake\r\n+proto\r\n:3\r\n"),
            "CONFIG" => FakeReply.Raw("%1\r\n$9\r\ndatabases\r\n$1\r\n8\r\n"),
            "GET" => FakeReply.Raw(">3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$2\r\nhi\r\n$5\r\nvalue\r\n"),
            "INCRBY" => FakeReply.Raw("|1\r\n+key-popularity\r\n:1\r\n:42\r\n"),
            _ => FakeReply.Raw("_\r\n"),
        });
        using var store = new RemoteDataStore(server.Options(protocol: 3));

        Assert.Equal(8, store.DatabaseCount);
        RedisAssert.Value("value", Bounded.Run(() => store.StringGet("k")));
        Assert.Equal(42, Bounded.Run(() => store.StringIncrement("n")));
        Assert.True(Bounded.Run(() => store.StringGetDelete("k")).IsNull);
        RedisAssert.Value("value", Bounded.Run(() => store.StringGet("k")));
    }

    // ------------------------------------------------------------------ dependency injection

    [Fact]
    public void UseRedisServer_connects_on_first_use_and_the_container_closes_the_connection()
    {
        using var server = FakeRedisServer.WithHandshake(_ => FakeReply.Raw("+OK\r\n"));
        var services = new ServiceCollection();
        services.AddRedisLite().UseRedisServer(o =>
        {
            o.Port = server.Port;
            o.CommandTimeout = TimeSpan.FromSeconds(2);
        });
        var provider = services.BuildServiceProvider();
        IDataStore store;
        try
        {
            store = provider.GetRequiredService<IDataStore>();
            Assert.IsType<RemoteDataStore>(store);
            Assert.Equal(0, server.ConnectionsAccepted);
            Assert.True(Bounded.Run(() => store.StringSet("k", "v")));
            Assert.Equal(1, server.ConnectionsAccepted);
        }
        finally
        {
            provider.Dispose();
        }

        Assert.True(server.WaitForClientClose(Quick), "disposing the container did not close the connection");
        Assert.Throws<ObjectDisposedException>(() => store.StringGet("k"));
    }
}
