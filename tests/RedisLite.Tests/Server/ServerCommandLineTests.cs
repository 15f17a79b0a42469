using RedisLite.Persistence;
using RedisLite.ServerTool;

namespace RedisLite.Tests.Server;

/// <summary>The <c>redislite-server</c> command line: every flag parsed into the store's and the server's options, bad
/// flags refused with the usage text, and a run served until its token fires.</summary>
public sealed class ServerCommandLineTests
{
    [Fact]
    public void No_flags_give_redis_defaults()
    {
        Assert.True(ServerCommandLine.TryParse([], out var store, out var server, out var problem));
        Assert.Equal("", problem);
        Assert.Equal(6379, server.Port);
        Assert.Equal("127.0.0.1", server.BindAddress);
        Assert.Null(server.Password);
        Assert.True(server.ProtectedMode);
        Assert.Equal(16, store.Databases);
        Assert.Null(store.Persistence);
    }

    [Fact]
    public void Every_flag_is_parsed()
    {
        var directory = Path.Combine(Path.GetTempPath(), "redislite-tool-" + Guid.NewGuid().ToString("N"));
        Assert.True(ServerCommandLine.TryParse(
            [
                "--port", "7777", "--bind", "0.0.0.0 ::1", "--requirepass", "pw", "--protected-mode", "NO",
                "--databases", "4", "--maxmemory", "2mb", "--maxmemory-policy", "ALLKEYS-LFU",
                "--notify-keyspace-events", "KEA", "--dir", directory, "--appendonly", "yes", "--appendfsync", "always",
                "--save", "900 1 300 10",
            ],
            out var store, out var server, out var problem), problem);

        Assert.Equal(7777, server.Port);
        Assert.Equal("0.0.0.0", server.BindAddress);
        Assert.Equal("pw", server.Password);
        Assert.False(server.ProtectedMode);
        Assert.Equal(4, store.Databases);
        Assert.Equal(2 * 1024 * 1024, store.MaxMemory);
        Assert.Equal(MaxMemoryPolicy.AllKeysLfu, store.MaxMemoryPolicy);
        Assert.Equal("KEA", store.NotifyKeyspaceEvents);
        var persistence = Assert.IsType<PersistenceOptions>(store.Persistence);
        Assert.Equal(directory, persistence.Directory);
        Assert.True(persistence.AppendOnly);
        Assert.Equal(AppendFsyncPolicy.Always, persistence.AppendFsync);
        Assert.Equal([new SavePoint(TimeSpan.FromSeconds(900), 1), new SavePoint(TimeSpan.FromSeconds(300), 10)], persistence.SavePoints);
    }

    [Theory]
    [InlineData("everysec", AppendFsyncPolicy.EverySecond)]
    [InlineData("no", AppendFsyncPolicy.No)]
    public void Appendfsync_policies_are_parsed(string value, AppendFsyncPolicy expected)
    {
        Assert.True(ServerCommandLine.TryParse(["--appendfsync", value], out var store, out _, out _));
        Assert.Equal(expected, store.Persistence!.AppendFsync);
        Assert.Equal(Directory.GetCurrentDirectory(), store.Persistence.Directory);
    }

    [Theory]
    [InlineData("noeviction", MaxMemoryPolicy.NoEviction)]
    [InlineData("allkeys-lru", MaxMemoryPolicy.AllKeysLru)]
    [InlineData("volatile-lru", MaxMemoryPolicy.VolatileLru)]
    [InlineData("volatile-lfu", MaxMemoryPolicy.VolatileLfu)]
    [InlineData("allkeys-random", MaxMemoryPolicy.AllKeysRandom)]
    [InlineData("volatile-random", MaxMemoryPolicy.VolatileRandom)]
    [InlineData("volatile-ttl", MaxMemoryPolicy.VolatileTtl)]
    public void Every_eviction_policy_is_parsed(string value, MaxMemoryPolicy expected)
    {
        Assert.True(ServerCommandLine.TryParse(["--maxmemory-policy", value], out var store, out _, out _));
        Assert.Equal(expected, store.MaxMemoryPolicy);
    }

    [Theory]
    [InlineData("100", 100)]
    [InlineData("1k", 1000)]
    [InlineData("1KB", 1024)]
    [InlineData("3m", 3_000_000)]
    [InlineData("1gb", 1L << 30)]
    [InlineData("2g", 2_000_000_000)]
    [InlineData("5b", 5)]
    [InlineData("0", 0)]
    public void Memory_sizes_use_redis_units(string value, long expected)
    {
        Assert.True(ServerCommandLine.TryMemory(value, out var bytes));
        Assert.Equal(expected, bytes);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("")]
    [InlineData("99999999999999999999gb")]
    public void Bad_memory_sizes_are_refused(string value) => Assert.False(ServerCommandLine.TryMemory(value, out _));

    [Fact]
    public void Requirepass_empty_means_no_password_and_save_empty_means_no_save_points()
    {
        Assert.True(ServerCommandLine.TryParse(["--requirepass", "", "--save", ""], out var store, out var server, out _));
        Assert.Null(server.Password);
        Assert.Empty(store.Persistence!.SavePoints);
    }

    [Theory]
    [InlineData("--port", "abc")]
    [InlineData("--port", "-1")]
    [InlineData("--protected-mode", "maybe")]
    [InlineData("--databases", "x")]
    [InlineData("--maxmemory", "lots")]
    [InlineData("--maxmemory-policy", "lru")]
    [InlineData("--appendonly", "sometimes")]
    [InlineData("--appendfsync", "often")]
    [InlineData("--save", "900")]
    [InlineData("--save", "a b")]
    [InlineData("--nosuch", "1")]
    [InlineData("port", "1")]
    public void Bad_flags_are_refused(string flag, string value)
    {
        Assert.False(ServerCommandLine.TryParse([flag, value], out _, out _, out var problem));
        Assert.StartsWith("redislite-server:", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_flag_without_its_value_is_refused()
    {
        Assert.False(ServerCommandLine.TryParse(["--port"], out _, out _, out var problem));
        Assert.Contains("'--port' needs a value", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public void Help_prints_the_usage_and_succeeds(string flag)
    {
        Assert.False(ServerCommandLine.TryParse([flag], out _, out _, out var problem));
        Assert.Equal(ServerCommandLine.Usage, problem);
    }

    [Fact]
    public async Task RunAsync_prints_usage_for_help_and_fails_on_a_bad_flag()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        Assert.Equal(0, await ServerCommandLine.RunAsync(["--help"], output, error, CancellationToken.None));
        Assert.Contains("Usage: redislite-server", error.ToString(), StringComparison.Ordinal);

        using var badError = new StringWriter();
        Assert.Equal(1, await ServerCommandLine.RunAsync(["--port", "x"], output, badError, CancellationToken.None));
        Assert.Contains("bad value 'x' for --port", badError.ToString(), StringComparison.Ordinal);
        Assert.Contains("Usage: redislite-server", badError.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_refuses_an_invalid_store_or_a_protected_bind()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        Assert.Equal(1, await ServerCommandLine.RunAsync(["--port", "0", "--databases", "0"], output, error, CancellationToken.None));
        Assert.Contains("cannot open the store", error.ToString(), StringComparison.Ordinal);

        using var bindError = new StringWriter();
        Assert.Equal(1, await ServerCommandLine.RunAsync(["--port", "0", "--bind", "0.0.0.0"], output, bindError, CancellationToken.None));
        Assert.Contains("cannot start", bindError.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_serves_until_the_token_fires()
    {
        using var stop = new CancellationTokenSource();
        var output = new ReadyWriter();
        using var error = new StringWriter();
        var run = ServerCommandLine.RunAsync(["--port", "0", "--requirepass", "pw"], output, error, stop.Token);

        var ready = await output.Ready.WaitAsync(TimeSpan.FromSeconds(30));
        var port = int.Parse(ready[(ready.LastIndexOf(':') + 1)..ready.IndexOf(' ', ready.LastIndexOf(':'))], System.Globalization.CultureInfo.InvariantCulture);
        using (var wire = new RawWire(port))
        {
            Assert.Equal("-NOAUTH Authentication required.\r\n", wire.Call("PING"));
            Assert.Equal("+OK\r\n", wire.Call("AUTH", "pw"));
            Assert.Equal("+PONG\r\n", wire.Call("PING"));

            await stop.CancelAsync();
            Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(30)));
            Assert.True(wire.IsClosedByServer());
        }

        Assert.Contains("shutting down", output.ToString(), StringComparison.Ordinal);
        Assert.Equal("", error.ToString());
    }

    /// <summary>Output that signals the "ready to accept connections" line.</summary>
    private sealed class ReadyWriter : StringWriter
    {
        private readonly TaskCompletionSource<string> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<string> Ready => _ready.Task;

        public override Task WriteLineAsync(string? value)
        {
            if (value is not null && value.Contains("ready to accept connections", StringComparison.Ordinal))
            {
                _ready.TrySetResult(value);
            }

            return base.WriteLineAsync(value);
        }
    }
}
