using System.Globalization;
using RedisLite.Tests.Conformance;

namespace RedisLite.Tests.Server;

/// <summary>Server commands (INFO, CONFIG, CLIENT, COMMAND, OBJECT, MEMORY, TIME, SAVE...) on RedisLite's server:
/// reply for reply against redis-server where the reply is deterministic, parsed and checked where it is not.</summary>
/// <param name="servers">Both servers.</param>
public sealed class ServerCommandTests(WireDiffFixture servers) : IClassFixture<WireDiffFixture>
{
    private static void SeedValues(IDataStore db)
    {
        db.StringSet("int", "123");
        db.StringSet("bigint", "9223372036854775807");
        db.StringSet("notcanonical", "0123");
        db.StringSet("embstr", new string('e', 44));
        db.StringSet("raw", new string('r', 45));
        db.ListRightPush("list", ["a", "b"]);
        db.SetAdd("intset", ["1", "2", "3"]);
        db.SetAdd("strset", ["a", "b"]);
        db.HashSet("smallhash", [new HashEntry("f", "v")]);
        db.HashSet("longhash", [new HashEntry("f", new string('v', 65))]);
        db.HashSet("bighash", Enumerable.Range(0, 200).Select(i => new HashEntry("f" + i, "v")).ToArray());
        db.SortedSetAdd("smallzset", [new SortedSetEntry("a", 1)]);
        db.SortedSetAdd("bigzset", Enumerable.Range(0, 200).Select(i => new SortedSetEntry("m" + i, i)).ToArray());
        db.SortedSetAdd("longzset", [new SortedSetEntry(new string('m', 65), 1)]);
    }

    /// <summary>OBJECT's subcommands and errors, with Redis 7.0's encoding names for each kind and size of value.</summary>
    /// <param name="protocol">2 or 3.</param>
    [RedisTheory]
    [InlineData(2)]
    [InlineData(3)]
    public void Object_matches_redis(int protocol) => servers.AssertSameReplies(protocol, SeedValues,
        ["OBJECT", "ENCODING", "int"],
        ["OBJECT", "ENCODING", "bigint"],
        ["OBJECT", "ENCODING", "notcanonical"],
        ["OBJECT", "ENCODING", "embstr"],
        ["OBJECT", "ENCODING", "raw"],
        ["OBJECT", "ENCODING", "list"],
        ["OBJECT", "ENCODING", "intset"],
        ["OBJECT", "ENCODING", "strset"],
        ["OBJECT", "ENCODING", "smallhash"],
        ["OBJECT", "ENCODING", "longhash"],
        ["OBJECT", "ENCODING", "bighash"],
        ["OBJECT", "ENCODING", "smallzset"],
        ["OBJECT", "ENCODING", "bigzset"],
        ["OBJECT", "ENCODING", "longzset"],
        ["OBJECT", "ENCODING", "missing"],
        ["object", "encoding", "INT"],
        ["OBJECT", "REFCOUNT", "int"],
        ["OBJECT", "REFCOUNT", "bigint"],
        ["OBJECT", "REFCOUNT", "embstr"],
        ["OBJECT", "REFCOUNT", "list"],
        ["OBJECT", "REFCOUNT", "missing"],
        ["OBJECT", "FREQ", "int"],
        ["OBJECT", "FREQ", "missing"],
        ["OBJECT", "IDLETIME", "missing"],
        ["OBJECT", "HELP"],
        ["OBJECT", "HELP", "x"],
        ["OBJECT"],
        ["OBJECT", "ENCODING"],
        ["OBJECT", "ENCODING", "a", "b"],
        ["OBJECT", "NOSUCH", "int"]);

    /// <summary>MEMORY USAGE's nil and option errors, and MEMORY HELP (sizes themselves differ: each server has its own
    /// estimate, checked in the memory conformance suite).</summary>
    /// <param name="protocol">2 or 3.</param>
    [RedisTheory]
    [InlineData(2)]
    [InlineData(3)]
    public void Memory_matches_redis(int protocol) => servers.AssertSameReplies(protocol, SeedValues,
        ["MEMORY", "USAGE", "missing"],
        ["MEMORY", "USAGE", "missing", "SAMPLES", "5"],
        ["MEMORY", "USAGE", "int", "SAMPLES"],
        ["MEMORY", "USAGE", "int", "SAMPLES", "x"],
        ["MEMORY", "USAGE", "int", "SAMPLES", "-1"],
        ["MEMORY", "USAGE", "int", "FOO", "1"],
        ["MEMORY", "USAGE", "int", "FOO"],
        ["MEMORY", "USAGE"],
        ["MEMORY", "HELP"],
        ["MEMORY"],
        ["MEMORY", "NOSUCH"]);

    /// <summary>CONFIG GET of the fixed parameters, CONFIG SET's changes read back, and every CONFIG SET error.</summary>
    /// <param name="protocol">2 or 3.</param>
    [RedisTheory]
    [InlineData(2)]
    [InlineData(3)]
    public void Config_matches_redis(int protocol)
    {
        try
        {
            servers.AssertSameReplies(protocol,
                ["CONFIG", "GET", "maxmemory"],
                ["CONFIG", "GET", "maxmemory-policy"],
                ["CONFIG", "GET", "maxmemory-samples"],
                ["CONFIG", "GET", "notify-keyspace-events"],
                ["CONFIG", "GET", "save"],
                ["CONFIG", "GET", "appendonly"],
                ["CONFIG", "GET", "appendfsync"],
                ["CONFIG", "GET", "databases"],
                ["CONFIG", "GET", "bind"],
                ["CONFIG", "GET", "requirepass"],
                ["CONFIG", "GET", "timeout"],
                ["CONFIG", "GET", "protected-mode"],
                ["CONFIG", "GET", "MAXMEMORY"],
                ["CONFIG", "GET", "nosuch"],
                ["CONFIG", "GET", "maxmemory", "maxmemory"],
                ["CONFIG", "GET", "notify-*"],
                ["CONFIG", "GET", "appendo*"],
                ["CONFIG", "GET"],
                ["CONFIG", "SET", "maxmemory", "10mb"],
                ["CONFIG", "GET", "maxmemory"],
                ["CONFIG", "SET", "maxmemory", "1k"],
                ["CONFIG", "GET", "maxmemory"],
                ["CONFIG", "SET", "maxmemory", "0"],
                ["CONFIG", "SET", "maxmemory", "abc"],
                ["CONFIG", "SET", "maxmemory", "-1"],
                ["CONFIG", "SET", "maxmemory-policy", "allkeys-lru"],
                ["CONFIG", "GET", "maxmemory-policy"],
                ["CONFIG", "SET", "maxmemory-policy", "ALLKEYS-LFU"],
                ["CONFIG", "GET", "maxmemory-policy"],
                ["CONFIG", "SET", "maxmemory-policy", "foo"],
                ["CONFIG", "SET", "maxmemory-policy", "noeviction"],
                ["CONFIG", "SET", "maxmemory-samples", "10"],
                ["CONFIG", "GET", "maxmemory-samples"],
                ["CONFIG", "SET", "maxmemory-samples", "0"],
                ["CONFIG", "SET", "maxmemory-samples", "abc"],
                ["CONFIG", "SET", "maxmemory-samples", "5"],
                ["CONFIG", "SET", "notify-keyspace-events", "KEA"],
                ["CONFIG", "GET", "notify-keyspace-events"],
                ["CONFIG", "SET", "notify-keyspace-events", "Kx$"],
                ["CONFIG", "GET", "notify-keyspace-events"],
                ["CONFIG", "SET", "notify-keyspace-events", "nd"],
                ["CONFIG", "GET", "notify-keyspace-events"],
                ["CONFIG", "SET", "notify-keyspace-events", "AKEmn"],
                ["CONFIG", "GET", "notify-keyspace-events"],
                ["CONFIG", "SET", "notify-keyspace-events", "g$lshzxetd"],
                ["CONFIG", "GET", "notify-keyspace-events"],
                ["CONFIG", "SET", "notify-keyspace-events", "Q"],
                ["CONFIG", "SET", "notify-keyspace-events", ""],
                ["CONFIG", "GET", "notify-keyspace-events"],
                ["CONFIG", "SET", "maxmemory", "1", "maxmemory-policy", "bad"],
                ["CONFIG", "GET", "maxmemory"],
                ["CONFIG", "SET", "maxmemory", "1", "maxmemory", "2"],
                ["CONFIG", "SET", "maxmemory", "1", "maxmemory"],
                ["CONFIG", "SET", "maxmemory", "1", "nosuch", "2"],
                ["CONFIG", "SET", "nosuch", "1"],
                ["CONFIG", "SET", "databases", "4"],
                ["CONFIG", "SET", "save", ""],
                ["CONFIG", "SET", "save", "a b"],
                ["CONFIG", "SET", "save", "1"],
                ["CONFIG", "SET", "appendonly", "no"],
                ["CONFIG", "SET", "appendonly", "maybe"],
                ["CONFIG", "SET", "appendfsync", "everysec"],
                ["CONFIG", "SET", "appendfsync", "bad"],
                ["CONFIG", "SET", "timeout", "0"],
                ["CONFIG", "SET", "timeout", "abc"],
                ["CONFIG", "SET", "timeout", "-1"],
                ["CONFIG", "SET", "maxmemory"],
                ["CONFIG", "RESETSTAT"],
                ["CONFIG", "RESETSTAT", "x"],
                ["CONFIG", "REWRITE"],
                ["CONFIG", "HELP"],
                ["CONFIG", "NOSUCH"],
                ["CONFIG"]);
        }
        finally
        {
            // The servers are shared by this class's tests: leave them as they started.
            foreach (var port in new[] { servers.Redis.Port, servers.Lite.Port })
            {
                using var wire = new RawWire(port);
                wire.Call("CONFIG", "SET", "maxmemory", "0", "maxmemory-policy", "noeviction", "maxmemory-samples", "5", "notify-keyspace-events", "");
            }
        }
    }

    /// <summary>CLIENT's name, kill and list filters, and errors.</summary>
    /// <param name="protocol">2 or 3.</param>
    [RedisTheory]
    [InlineData(2)]
    [InlineData(3)]
    public void Client_matches_redis(int protocol) => servers.AssertSameReplies(protocol,
        ["CLIENT", "GETNAME"],
        ["CLIENT", "SETNAME", "worker-1"],
        ["CLIENT", "GETNAME"],
        ["CLIENT", "SETNAME", "a b"],
        ["CLIENT", "SETNAME", "a\nb"],
        ["CLIENT", "GETNAME"],
        ["CLIENT", "SETNAME", ""],
        ["CLIENT", "GETNAME"],
        ["CLIENT", "SETNAME"],
        ["CLIENT", "GETNAME", "x"],
        ["CLIENT", "ID", "x"],
        ["CLIENT", "INFO", "x"],
        ["CLIENT", "KILL"],
        ["CLIENT", "KILL", "1.2.3.4:5"],
        ["CLIENT", "KILL", "ID", "99999"],
        ["CLIENT", "KILL", "ID", "abc"],
        ["CLIENT", "KILL", "ID", "0"],
        ["CLIENT", "KILL", "ADDR", "1.2.3.4:5"],
        ["CLIENT", "KILL", "LADDR", "1.1.1.1:1"],
        ["CLIENT", "KILL", "SKIPME", "yes"],
        ["CLIENT", "KILL", "SKIPME", "maybe"],
        ["CLIENT", "KILL", "FOO", "bar"],
        ["CLIENT", "KILL", "ID"],
        ["CLIENT", "KILL", "ID", "1", "SKIPME"],
        ["CLIENT", "KILL", "USER", "nobody"],
        ["CLIENT", "KILL", "TYPE", "bad"],
        ["CLIENT", "KILL", "TYPE", "master"],
        ["CLIENT", "LIST", "TYPE", "bad"],
        ["CLIENT", "LIST", "TYPE", "master"],
        ["CLIENT", "LIST", "ID", "abc"],
        ["CLIENT", "LIST", "ID", "99999"],
        ["CLIENT", "LIST", "ID"],
        ["CLIENT", "LIST", "FOO"],
        ["CLIENT", "NO-EVICT", "on"],
        ["CLIENT", "NO-EVICT", "OFF"],
        ["CLIENT", "NO-EVICT", "maybe"],
        ["CLIENT", "NO-EVICT"],
        ["CLIENT", "REPLY", "ON"],
        ["CLIENT", "REPLY", "maybe"],
        ["CLIENT", "HELP"],
        ["CLIENT", "NOSUCH"],
        ["CLIENT"]);

    /// <summary>COMMAND's deterministic replies and errors (the table itself differs: RedisLite has fewer commands).</summary>
    /// <param name="protocol">2 or 3.</param>
    [RedisTheory]
    [InlineData(2)]
    [InlineData(3)]
    public void Command_matches_redis(int protocol) => servers.AssertSameReplies(protocol,
        ["COMMAND", "INFO", "nosuch"],
        ["COMMAND", "DOCS", "nosuch"],
        ["COMMAND", "COUNT", "x"],
        ["COMMAND", "GETKEYS", "nosuch", "a"],
        ["COMMAND", "GETKEYS", "ping"],
        ["COMMAND", "GETKEYS", "watch", "a", "b"],
        ["COMMAND", "GETKEYS", "ping", "x", "y"],
        ["COMMAND", "GETKEYS", "object", "encoding", "k"],
        ["COMMAND", "LIST", "FILTERBY", "PATTERN", "nosuch*"],
        ["COMMAND", "LIST", "FILTERBY", "MODULE", "x"],
        ["COMMAND", "LIST", "foo"],
        ["COMMAND", "LIST", "FILTERBY", "bad", "x"],
        ["COMMAND", "HELP"],
        ["COMMAND", "NOSUCH"]);

    /// <summary>The other server commands' deterministic replies and errors.</summary>
    /// <param name="protocol">2 or 3.</param>
    [RedisTheory]
    [InlineData(2)]
    [InlineData(3)]
    public void Info_time_and_save_errors_match_redis(int protocol) => servers.AssertSameReplies(protocol, db => db.HashSet("h", "f", "v"),
        ["INFO", "keyspace"],
        ["INFO", "KEYSPACE", "keyspace"],
        ["INFO", "nosuch"],
        ["INFO", "modules"],
        ["INFO", "cluster"],
        ["INFO", "cluster", "keyspace"],
        ["FLUSHALL"],
        ["INFO", "keyspace"],
        ["TIME", "x"],
        ["LASTSAVE", "x"],
        ["SAVE", "x"],
        ["BGREWRITEAOF", "x"],
        ["BGSAVE", "x"],
        ["BGSAVE", "SCHEDULE", "x"]);

    /// <summary>Over maxmemory (set live by CONFIG SET), any command queued in MULTI is refused with OOM, and EXEC
    /// aborts.</summary>
    /// <param name="protocol">2 or 3.</param>
    [RedisTheory]
    [InlineData(2)]
    [InlineData(3)]
    public void Queuing_over_maxmemory_is_refused_as_redis(int protocol)
    {
        try
        {
            servers.AssertSameReplies(protocol, db => db.HashSet("h", "f", new string('v', 100)),
                ["CONFIG", "SET", "maxmemory", "1"],
                ["MULTI"],
                ["PING"],
                ["DBSIZE"],
                ["EXEC"],
                ["CONFIG", "SET", "maxmemory", "0"],
                ["MULTI"],
                ["PING"],
                ["EXEC"]);
        }
        finally
        {
            foreach (var port in new[] { servers.Redis.Port, servers.Lite.Port })
            {
                using var wire = new RawWire(port);
                wire.Call("CONFIG", "SET", "maxmemory", "0");
            }
        }
    }

    /// <summary>INFO's sections are Redis's, in its order, selected as it selects them, with CRLF lines.</summary>
    [Fact]
    public void Info_sections_are_selected_and_ordered_as_redis()
    {
        using var wire = new RawWire(servers.Lite.Port);
        string[] Headers(params string[] args) =>
            Body(wire.Call(["INFO", .. args])).Split("\r\n").Where(l => l.StartsWith('#')).ToArray();

        string[] defaults = ["# Server", "# Clients", "# Memory", "# Persistence", "# Stats", "# Replication", "# CPU", "# Modules", "# Errorstats", "# Cluster", "# Keyspace"];
        Assert.Equal(defaults, Headers());
        Assert.Equal(defaults, Headers("default"));
        Assert.Equal(defaults, Headers("default", "keyspace"));
        Assert.Equal(["# Server", "# Clients", "# Memory", "# Persistence", "# Stats", "# Replication", "# CPU", "# Modules", "# Commandstats", "# Errorstats", "# Latencystats", "# Cluster", "# Keyspace"], Headers("everything"));
        Assert.Equal(Headers("everything"), Headers("all"));
        Assert.Equal(["# Clients", "# Keyspace"], Headers("keyspace", "CLIENTS"));

        var text = Body(wire.Call("INFO"));
        Assert.DoesNotContain("\n", text.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        var fields = Fields(text);
        Assert.Equal("7.0.15", fields["redis_version"]);
        Assert.Equal(servers.Lite.Port.ToString(CultureInfo.InvariantCulture), fields["tcp_port"]);
        Assert.Equal("master", fields["role"]);
        Assert.Equal("noeviction", fields["maxmemory_policy"]);
        Assert.True(long.Parse(fields["connected_clients"], CultureInfo.InvariantCulture) >= 1);
        Assert.Equal(40, fields["run_id"].Length);
    }

    /// <summary>INFO's counters follow the server: commands (counted once run), connections, hits and misses, and CONFIG
    /// RESETSTAT zeroes them.</summary>
    [Fact]
    public void Info_stats_count_and_resetstat_zeroes_them()
    {
        using var wire = new RawWire(servers.Lite.Port);
        var before = Fields(Body(wire.Call("INFO", "stats")));
        wire.Call("PING");
        wire.Call("ECHO", "x");
        var after = Fields(Body(wire.Call("INFO", "stats")));
        Assert.Equal(3, long.Parse(after["total_commands_processed"], CultureInfo.InvariantCulture) - long.Parse(before["total_commands_processed"], CultureInfo.InvariantCulture));

        Assert.Equal("+OK\r\n", wire.Call("CONFIG", "RESETSTAT"));
        var reset = Fields(Body(wire.Call("INFO", "stats")));
        Assert.Equal("1", reset["total_commands_processed"]);
        Assert.Equal("0", reset["keyspace_hits"]);
        Assert.Equal("0", reset["keyspace_misses"]);
        Assert.Equal("0", reset["total_connections_received"]);
    }

    /// <summary>In RESP3 INFO and CLIENT LIST are verbatim strings of format <c>txt</c>.</summary>
    [Fact]
    public void Resp3_info_and_client_list_are_verbatim_text()
    {
        using var wire = new RawWire(servers.Lite.Port);
        wire.Call("HELLO", "3");
        Assert.StartsWith("=", wire.Call("INFO", "server"), StringComparison.Ordinal);
        Assert.Contains("\r\ntxt:id=", wire.Call("CLIENT", "LIST"), StringComparison.Ordinal);
        Assert.Contains("\r\ntxt:id=", wire.Call("CLIENT", "INFO"), StringComparison.Ordinal);
    }

    /// <summary>CLIENT LIST has Redis's fields, one line per client, each reflecting that client's session.</summary>
    [Fact]
    public void Client_list_describes_each_connection()
    {
        using var first = new RawWire(servers.Lite.Port);
        using var second = new RawWire(servers.Lite.Port);
        first.Call("CLIENT", "SETNAME", "first");
        first.Call("SELECT", "3");
        second.Call("HELLO", "3");
        second.Call("SUBSCRIBE", "ch");
        var id = ParseInteger(first.Call("CLIENT", "ID"));
        var secondId = ParseInteger(second.Call("CLIENT", "ID"));

        var lines = Body(first.Call("CLIENT", "LIST")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var mine = Line(lines, id);
        string[] names = ["id", "addr", "laddr", "fd", "name", "age", "idle", "flags", "db", "sub", "psub", "ssub", "multi", "qbuf", "qbuf-free", "argv-mem", "multi-mem", "rbs", "rbp", "obl", "oll", "omem", "tot-mem", "events", "cmd", "user", "redir", "resp"];
        Assert.Equal(names, mine.Keys.Take(names.Length));
        Assert.Equal("first", mine["name"]);
        Assert.Equal("3", mine["db"]);
        Assert.Equal("N", mine["flags"]);
        Assert.Equal("client|list", mine["cmd"]);
        Assert.Equal("2", mine["resp"]);
        Assert.Equal("-1", mine["multi"]);

        var other = Line(lines, secondId);
        Assert.Equal("P", other["flags"]);
        Assert.Equal("1", other["sub"]);
        Assert.Equal("3", other["resp"]);

        first.Call("MULTI");
        first.Call("PING");
        using (var observer = new RawWire(servers.Lite.Port))
        {
            var inMulti = Line(Body(observer.Call("CLIENT", "LIST")).Split('\n', StringSplitOptions.RemoveEmptyEntries), id);
            Assert.Equal("x", inMulti["flags"]);
            Assert.Equal("1", inMulti["multi"]);
        }

        first.Call("DISCARD");

        first.Call("CLIENT", "NO-EVICT", "on");
        Assert.Equal("e", Line(Body(first.Call("CLIENT", "INFO")).Split('\n', StringSplitOptions.RemoveEmptyEntries), id)["flags"]);

        var filtered = Body(first.Call("CLIENT", "LIST", "ID", id.ToString(CultureInfo.InvariantCulture)));
        Assert.Single(filtered.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"id={secondId} ", Body(first.Call("CLIENT", "LIST", "TYPE", "pubsub")), StringComparison.Ordinal);
        Assert.DoesNotContain($"id={secondId} ", Body(first.Call("CLIENT", "LIST", "TYPE", "normal")), StringComparison.Ordinal);
    }

    /// <summary>CLIENT KILL by id, by address and in the old form; SKIPME spares the caller unless told otherwise.</summary>
    [Fact]
    public void Client_kill_closes_the_matching_connections()
    {
        using var killer = new RawWire(servers.Lite.Port);
        using var byId = new RawWire(servers.Lite.Port);
        using var byAddress = new RawWire(servers.Lite.Port);
        using var oldForm = new RawWire(servers.Lite.Port);
        var id = ParseInteger(byId.Call("CLIENT", "ID"));
        Assert.Equal(":1\r\n", killer.Call("CLIENT", "KILL", "ID", id.ToString(CultureInfo.InvariantCulture)));
        Assert.True(byId.IsClosedByServer());

        var address = Line(Body(byAddress.Call("CLIENT", "INFO")).Split('\n', StringSplitOptions.RemoveEmptyEntries))["addr"];
        Assert.Equal(":1\r\n", killer.Call("CLIENT", "KILL", "ADDR", address, "SKIPME", "yes"));
        Assert.True(byAddress.IsClosedByServer());

        var oldAddress = Line(Body(oldForm.Call("CLIENT", "INFO")).Split('\n', StringSplitOptions.RemoveEmptyEntries))["addr"];
        Assert.Equal("+OK\r\n", killer.Call("CLIENT", "KILL", oldAddress));
        Assert.True(oldForm.IsClosedByServer());

        var own = Line(Body(killer.Call("CLIENT", "INFO")).Split('\n', StringSplitOptions.RemoveEmptyEntries))["addr"];
        Assert.Equal(":0\r\n", killer.Call("CLIENT", "KILL", "ADDR", own));
        Assert.Equal(":1\r\n", killer.Call("CLIENT", "KILL", "ADDR", own, "SKIPME", "no"));
        Assert.True(killer.IsClosedByServer());
    }

    /// <summary>CLIENT SETINFO (Redis 7.2) records the library, shown by CLIENT INFO; bad attributes are refused.</summary>
    [Fact]
    public void Client_setinfo_records_the_library()
    {
        using var wire = new RawWire(servers.Lite.Port);
        Assert.Equal("+OK\r\n", wire.Call("CLIENT", "SETINFO", "LIB-NAME", "mylib"));
        Assert.Equal("+OK\r\n", wire.Call("CLIENT", "SETINFO", "lib-ver", "1.2.3"));
        var info = Line(Body(wire.Call("CLIENT", "INFO")).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("mylib", info["lib-name"]);
        Assert.Equal("1.2.3", info["lib-ver"]);
        Assert.StartsWith("-ERR Unrecognized option", wire.Call("CLIENT", "SETINFO", "color", "x"), StringComparison.Ordinal);
        Assert.StartsWith("-ERR lib-name cannot contain", wire.Call("CLIENT", "SETINFO", "lib-name", "a b"), StringComparison.Ordinal);
    }

    /// <summary>TIME answers seconds and microseconds of now; LASTSAVE without persistence is the start time.</summary>
    [Fact]
    public void Time_and_lastsave_answer_now_and_the_start()
    {
        using var wire = new RawWire(servers.Lite.Port);
        var parts = wire.Call("TIME").Split("\r\n");
        Assert.Equal("*2", parts[0]);
        var seconds = long.Parse(parts[2], CultureInfo.InvariantCulture);
        Assert.InRange(seconds, DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 5, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 5);
        Assert.InRange(long.Parse(parts[4], CultureInfo.InvariantCulture), 0, 999_999);
        Assert.Equal(servers.Lite.Server.StartTime.ToUnixTimeSeconds(), ParseInteger(wire.Call("LASTSAVE")));
    }

    /// <summary>SAVE, BGSAVE and BGREWRITEAOF without persistence are a clear error; DEBUG SLEEP 0 answers at once,
    /// a short sleep after it, and other DEBUG subcommands are refused.</summary>
    [Fact]
    public void Persistence_commands_without_persistence_and_debug_sleep()
    {
        using var wire = new RawWire(servers.Lite.Port);
        Assert.StartsWith("-ERR persistence is not configured", wire.Call("SAVE"), StringComparison.Ordinal);
        Assert.StartsWith("-ERR persistence is not configured", wire.Call("BGSAVE"), StringComparison.Ordinal);
        Assert.StartsWith("-ERR persistence is not configured", wire.Call("BGREWRITEAOF"), StringComparison.Ordinal);
        Assert.Equal("+OK\r\n", wire.Call("DEBUG", "SLEEP", "0"));
        Assert.Equal("+OK\r\n", wire.Call("DEBUG", "sleep", "0.01"));
        Assert.Equal("+OK\r\n", wire.Call("DEBUG", "SLEEP", "abc"));
        Assert.Equal("-ERR unknown subcommand or wrong number of arguments for 'sleep'. Try DEBUG HELP.\r\n", wire.Call("DEBUG", "sleep"));
        Assert.Equal("-ERR unknown subcommand or wrong number of arguments for 'nosuch'. Try DEBUG HELP.\r\n", wire.Call("DEBUG", "nosuch"));
        wire.Call("MULTI");
        wire.Call("DEBUG", "SLEEP", "0.01");
        Assert.Equal("*1\r\n+OK\r\n", wire.Call("EXEC"));
    }

    /// <summary>CONFIG SET takes effect in the store: the memory limit refuses writes, the LFU policy makes OBJECT FREQ
    /// answer, keyspace notifications start publishing, and the password is required from then on.</summary>
    [Fact]
    public async Task Config_set_changes_the_store_live()
    {
        var store = servers.Lite.Store;
        using var wire = new RawWire(servers.Lite.Port);
        try
        {
            store.StringSet("cfg:k", "v");
            Assert.Equal("+OK\r\n", wire.Call("CONFIG", "SET", "maxmemory", "1", "maxmemory-policy", "noeviction"));
            Assert.Equal(1, store.Info().MaxMemory);
            var oom = Assert.Throws<RedisException>(() => store.StringSet("cfg:other", "v"));
            Assert.Equal(ErrorMessages.OutOfMemory, oom.Message);

            Assert.Equal("+OK\r\n", wire.Call("CONFIG", "SET", "maxmemory", "0", "maxmemory-policy", "allkeys-lfu"));
            store.StringSet("cfg:lfu", "v");
            Assert.Equal(":5\r\n", wire.Call("OBJECT", "FREQ", "cfg:lfu"));
            Assert.Equal("+OK\r\n", wire.Call("CONFIG", "SET", "maxmemory-policy", "allkeys-lru"));
            Assert.StartsWith("-ERR An LFU maxmemory policy is not selected", wire.Call("OBJECT", "FREQ", "cfg:lfu"), StringComparison.Ordinal);

            var received = new TaskCompletionSource<PubSubMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
            using (store.Subscribe(["__keyevent@0__:set"], handler: m => received.TrySetResult(m)))
            {
                Assert.Equal("+OK\r\n", wire.Call("CONFIG", "SET", "notify-keyspace-events", "E$"));
                store.StringSet("cfg:notified", "v");
                var message = await received.Task.WaitAsync(TimeSpan.FromSeconds(10));
                Assert.Equal("cfg:notified", (string?)message.Message);
            }

            Assert.Equal("+OK\r\n", wire.Call("CONFIG", "SET", "requirepass", "s3cret"));
            using (var other = new RawWire(servers.Lite.Port))
            {
                Assert.Equal("-NOAUTH Authentication required.\r\n", other.Call("PING"));
                Assert.Equal("+OK\r\n", other.Call("AUTH", "s3cret"));
                Assert.Equal("+OK\r\n", other.Call("CONFIG", "SET", "requirepass", ""));
            }
        }
        finally
        {
            using var restore = new RawWire(servers.Lite.Port);
            restore.Call("AUTH", "s3cret");
            restore.Call("CONFIG", "SET", "maxmemory", "0", "maxmemory-policy", "noeviction", "notify-keyspace-events", "", "requirepass", "");
            store.FlushAllDatabases();
        }
    }

    /// <summary>COMMAND lists the table: every entry has Redis's ten fields; COUNT, LIST and INFO agree, DOCS has a
    /// summary for each, and GETKEYS finds the keys by position.</summary>
    [Fact]
    public void Command_describes_the_table()
    {
        using var wire = new RawWire(servers.Lite.Port);
        var count = ParseInteger(wire.Call("COMMAND", "COUNT"));
        Assert.StartsWith($"*{count}\r\n*10\r\n", wire.Call("COMMAND"), StringComparison.Ordinal);
        Assert.StartsWith($"*{count}\r\n*10\r\n", wire.Call("COMMAND", "INFO"), StringComparison.Ordinal);
        var info = wire.Call("COMMAND", "INFO", "config", "nosuch");
        Assert.StartsWith("*2\r\n*10\r\n$6\r\nconfig\r\n:-2\r\n", info, StringComparison.Ordinal);
        Assert.Contains("$10\r\nconfig|get\r\n:-3\r\n", info, StringComparison.Ordinal);
        Assert.EndsWith("$-1\r\n", info, StringComparison.Ordinal);
        Assert.Contains("$6\r\nconfig\r\n", wire.Call("COMMAND", "LIST"), StringComparison.Ordinal);
        var docs = wire.Call("COMMAND", "DOCS", "client");
        Assert.StartsWith("*2\r\n$6\r\nclient\r\n", docs, StringComparison.Ordinal);
        Assert.Contains("$11\r\nsubcommands\r\n", docs, StringComparison.Ordinal);
        Assert.Equal("*1\r\n$1\r\nk\r\n", wire.Call("COMMAND", "GETKEYS", "OBJECT", "ENCODING", "k"));
        Assert.Equal("*2\r\n$1\r\na\r\n$1\r\nb\r\n", wire.Call("COMMAND", "GETKEYS", "WATCH", "a", "b"));
        wire.Call("HELLO", "3");
        Assert.StartsWith("%1\r\n$6\r\nclient\r\n%4\r\n", wire.Call("COMMAND", "DOCS", "client"), StringComparison.Ordinal);
    }

    /// <summary>The text of a bulk or verbatim reply.</summary>
    private static string Body(string reply)
    {
        var start = reply.IndexOf("\r\n", StringComparison.Ordinal) + 2;
        var text = reply[start..^2];
        return reply[0] == '=' ? text[4..] : text;
    }

    private static long ParseInteger(string reply) => long.Parse(reply[1..^2], CultureInfo.InvariantCulture);

    private static Dictionary<string, string> Fields(string info)
    {
        var fields = new Dictionary<string, string>();
        foreach (var line in info.Split("\r\n"))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line[0] != '#')
            {
                fields[line[..colon]] = line[(colon + 1)..];
            }
        }

        return fields;
    }

    /// <summary>A CLIENT LIST line's fields in order; with <paramref name="id"/>, the line of that client.</summary>
    private static Dictionary<string, string> Line(string[] lines, long? id = null)
    {
        var line = id is null ? lines.Single() : lines.Single(l => l.StartsWith($"id={id} ", StringComparison.Ordinal));
        var fields = new Dictionary<string, string>();
        foreach (var part in line.Split(' '))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            fields.Add(part[..equals], part[(equals + 1)..]);
        }

        return fields;
    }
}
