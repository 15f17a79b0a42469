using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using RedisLite.Internal;

namespace RedisLite.Server.Commands;

/// <summary>INFO, CONFIG, COMMAND, CLIENT, DBSIZE, FLUSHDB, TIME, SAVE, DEBUG, OBJECT, MEMORY and the other server
/// commands. CONFIG, CLIENT and COMMAND live in their own files of this class.</summary>
internal static partial class ServerCommands
{
    private const string PersistenceOff = "ERR persistence is not configured on this RedisLite store (set RedisLiteOptions.Persistence, or call AddPersistence on the RedisLite builder)";

    /// <summary>Per-server state the commands keep: what <c>CONFIG RESETSTAT</c> subtracts, the peak memory, the run id.</summary>
    private static readonly ConditionalWeakTable<RedisLiteServer, ServerState> States = new();

    /// <summary>Adds this family's commands to <paramref name="table"/>.</summary>
    public static void Register(CommandTable table)
    {
        const string group = "server";
        const CommandFlags loadingStale = CommandFlags.Loading | CommandFlags.Stale;
        const CommandFlags admin = CommandFlags.Admin | CommandFlags.NoScript;
        table.Add("dbsize", 1, CommandFlags.ReadOnly | CommandFlags.Fast, 0, 0, 0, c => c.Reply.Integer(c.Store.DatabaseSize()), group, "1.0.0", "Returns the number of keys in the database.");
        table.Add("flushdb", -1, CommandFlags.Write, 0, 0, 0, FlushDb, group, "1.0.0", "Removes all keys from the current database.");
        table.Add("flushall", -1, CommandFlags.Write, 0, 0, 0, FlushAll, group, "1.0.0", "Removes all keys from all databases.");
        table.Add("info", -1, loadingStale, 0, 0, 0, Info, group, "1.0.0", "Returns information and statistics about the server.");
        table.Add("time", 1, loadingStale | CommandFlags.Fast, 0, 0, 0, Time, group, "2.6.0", "Returns the server time.");
        table.Add("lastsave", 1, loadingStale | CommandFlags.Fast, 0, 0, 0, LastSave, group, "1.0.0", "Returns the Unix timestamp of the last successful save to disk.");
        table.Add("save", 1, admin | CommandFlags.NoMulti, 0, 0, 0, Save, group, "1.0.0", "Synchronously saves the database(s) to disk.");
        table.Add("bgsave", -1, admin, 0, 0, 0, BackgroundSave, group, "1.0.0", "Asynchronously saves the database(s) to disk.");
        table.Add("bgrewriteaof", 1, admin, 0, 0, 0, BackgroundRewrite, group, "1.0.0", "Asynchronously rewrites the append-only file to disk.");
        table.Add("debug", -2, admin | loadingStale, 0, 0, 0, Debug, group, "1.0.0", "A container for debugging commands.");
        table.AddContainer("object", "generic", "2.2.3", "A container for object introspection commands.",
            CommandTable.Sub("encoding", 3, CommandFlags.ReadOnly, ObjectEncoding, "Returns the internal encoding of a Redis object.", 2, 2, 1),
            CommandTable.Sub("freq", 3, CommandFlags.ReadOnly, c => IntegerOrNull(c, c.Store.KeyFrequency(c.Key(2))), "Returns the logarithmic access frequency counter of a Redis object.", 2, 2, 1),
            CommandTable.Sub("idletime", 3, CommandFlags.ReadOnly, ObjectIdleTime, "Returns the time since the last access to a Redis object.", 2, 2, 1),
            CommandTable.Sub("refcount", 3, CommandFlags.ReadOnly, ObjectRefCount, "Returns the reference count of a value of a key.", 2, 2, 1),
            CommandTable.Sub("help", 2, loadingStale, ObjectHelp, "Returns helpful text about the different subcommands."));
        table.AddContainer("memory", group, "4.0.0", "A container for memory diagnostics commands.",
            CommandTable.Sub("usage", -3, CommandFlags.ReadOnly, MemoryUsage, "Estimates the memory usage of a key.", 2, 2, 1),
            CommandTable.Sub("help", 2, loadingStale, MemoryHelp, "Returns helpful text about the different subcommands."));
        RegisterConfig(table);
        RegisterClient(table);
        RegisterCommand(table);
    }

    private static ServerState State(CommandContext c) => States.GetValue(c.Server, static _ => new ServerState());

    /// <summary>FLUSHDB/FLUSHALL take an optional ASYNC or SYNC; the flush is done at once either way.</summary>
    private static void CheckFlushMode(CommandContext c)
    {
        if (c.Count > 2 || (c.Count == 2 && !c.Is(1, "ASYNC"u8) && !c.Is(1, "SYNC"u8)))
        {
            throw CommandContext.SyntaxError();
        }
    }

    private static void FlushDb(CommandContext c)
    {
        CheckFlushMode(c);
        c.Store.FlushDatabase();
        c.Reply.Ok();
    }

    private static void FlushAll(CommandContext c)
    {
        CheckFlushMode(c);
        c.Store.FlushAllDatabases();
        c.Reply.Ok();
    }

    // ---- TIME, LASTSAVE, SAVE, BGSAVE, BGREWRITEAOF -----------------------------------------------------------------

    private static void Time(CommandContext c)
    {
        var now = DateTimeOffset.UtcNow;
        c.Reply.ArrayHeader(2);
        c.Reply.Bulk(now.ToUnixTimeSeconds());
        c.Reply.Bulk((now.UtcTicks % TimeSpan.TicksPerSecond) / (TimeSpan.TicksPerMillisecond / 1000));
    }

    private static void LastSave(CommandContext c)
    {
        // Without persistence nothing is ever saved: Redis answers its start time then.
        var last = c.Server.Store.Statistics(includeKeyspace: false).LastSaveTime ?? c.Server.StartTime;
        c.Reply.Integer(last.ToUnixTimeSeconds());
    }

    private static StoreInfo PersistenceStatus(CommandContext c)
    {
        var status = c.Server.Store.Statistics(includeKeyspace: false);
        return status.LastSaveTime is null ? throw new RedisException(PersistenceOff) : status;
    }

    private static void Save(CommandContext c)
    {
        if (PersistenceStatus(c).BackgroundSaveInProgress)
        {
            throw new RedisException("ERR Background save already in progress");
        }

        try
        {
            c.Server.Store.Save();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            throw new RedisException("ERR " + ex.Message);
        }

        c.Reply.Ok();
    }

    private static void BackgroundSave(CommandContext c)
    {
        var schedule = c.Count == 2 && c.Is(1, "SCHEDULE"u8);
        if (c.Count > 2 || (c.Count == 2 && !schedule))
        {
            throw CommandContext.SyntaxError();
        }

        var status = PersistenceStatus(c);
        if (status.BackgroundSaveInProgress)
        {
            throw new RedisException("ERR Background save already in progress");
        }

        if (status.AppendLogRewriteInProgress && !schedule)
        {
            throw new RedisException("ERR Another child process is active (AOF?): can't BGSAVE right now. Use BGSAVE SCHEDULE in order to schedule a BGSAVE whenever possible.");
        }

        // The store runs it after the running rewrite, if any: Redis's "scheduled".
        Observe(c.Server.Store.BackgroundSaveAsync());
        c.Reply.SimpleString(status.AppendLogRewriteInProgress ? "Background saving scheduled" : "Background saving started");
    }

    private static void BackgroundRewrite(CommandContext c)
    {
        var status = PersistenceStatus(c);
        if (status.AppendLogRewriteInProgress)
        {
            throw new RedisException("ERR Background append only file rewriting already in progress");
        }

        if (!status.AppendOnlyEnabled)
        {
            throw new RedisException("ERR the append log is off on this RedisLite store (appendonly no): there is no log to rewrite");
        }

        Observe(c.Server.Store.BackgroundRewriteAppendLogAsync());
        c.Reply.SimpleString(status.BackgroundSaveInProgress
            ? "Background append only file rewriting scheduled"
            : "Background append only file rewriting started");
    }

    /// <summary>A background job's failure shows in INFO (and the store's log), not as an unobserved task exception.</summary>
    private static void Observe(Task task) =>
        task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);

    // ---- DEBUG -----------------------------------------------------------------------------------------------------

    private static void Debug(CommandContext c)
    {
        if (c.Is(1, "HELP"u8) && c.Count == 2)
        {
            Helps.Write(c, "DEBUG",
                "SLEEP <seconds>",
                "    Stop the server for <seconds>. Decimals allowed.");
            return;
        }

        if (!c.Is(1, "SLEEP"u8) || c.Count != 3)
        {
            throw new RedisException($"ERR unknown subcommand or wrong number of arguments for '{c.Text(1)}'. Try DEBUG HELP.");
        }

        // Redis reads the seconds with strtod: anything unparsable is 0, and a negative time does not sleep.
        var seconds = double.TryParse(c.Text(2), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && parsed > 0 ? parsed : 0;
        var delay = TimeSpan.FromSeconds(Math.Min(seconds, int.MaxValue / 1000.0));
        if (delay == TimeSpan.Zero)
        {
            c.Reply.Ok();
        }
        else if (c.InExec)
        {
            // Inside EXEC the transaction must finish in one go, as Redis's whole server sleeps.
            Thread.Sleep(delay);
            c.Reply.Ok();
        }
        else
        {
            c.Block(SleepAsync(delay, c.Client.Aborted), static (context, _) => context.Reply.Ok());
        }
    }

    private static async Task<bool> SleepAsync(TimeSpan delay, CancellationToken cancellation)
    {
        await Task.Delay(delay, cancellation).ConfigureAwait(false);
        return true;
    }

    // ---- OBJECT, MEMORY --------------------------------------------------------------------------------------------

    private static void ObjectEncoding(CommandContext c)
    {
        if (c.Store.KeyEncoding(c.Key(2)) is { } encoding)
        {
            c.Reply.Bulk(encoding.Encoding);
        }
        else
        {
            c.Reply.Null();
        }
    }

    private static void ObjectRefCount(CommandContext c)
    {
        if (c.Store.KeyEncoding(c.Key(2)) is { } encoding)
        {
            // Redis's shared small integers report OBJ_SHARED_REFCOUNT (INT_MAX); every other value is referenced once.
            c.Reply.Integer(encoding.Shared ? int.MaxValue : 1);
        }
        else
        {
            c.Reply.Null();
        }
    }

    private static void ObjectIdleTime(CommandContext c)
    {
        IntegerOrNull(c, c.Store.KeyIdleTime(c.Key(2)) is { } idle ? (long)idle.TotalSeconds : null);
    }

    private static void ObjectHelp(CommandContext c) => Helps.Write(c, "OBJECT",
        "ENCODING <key>",
        "    Return the kind of internal representation used in order to store the value",
        "    associated with a <key>.",
        "FREQ <key>",
        "    Return the access frequency index of the <key>. The returned integer is",
        "    proportional to the logarithm of the recent access frequency of the key.",
        "IDLETIME <key>",
        "    Return the idle time of the <key>, that is the approximated number of",
        "    seconds elapsed since the last access to the key.",
        "REFCOUNT <key>",
        "    Return the number of references of the value associated with the specified",
        "    <key>.");

    private static void MemoryUsage(CommandContext c)
    {
        // SAMPLES may repeat; the estimate here is exact, so the count only needs to be valid.
        for (var i = 3; i < c.Count; i += 2)
        {
            if (!c.Is(i, "SAMPLES"u8) || i + 1 >= c.Count)
            {
                throw CommandContext.SyntaxError();
            }

            if (c.Long(i + 1) < 0)
            {
                throw CommandContext.SyntaxError();
            }
        }

        IntegerOrNull(c, c.Store.KeyMemoryUsage(c.Key(2)));
    }

    private static void IntegerOrNull(CommandContext c, long? value)
    {
        if (value is { } number)
        {
            c.Reply.Integer(number);
        }
        else
        {
            c.Reply.Null();
        }
    }

    private static void MemoryHelp(CommandContext c) => Helps.Write(c, "MEMORY",
        "DOCTOR",
        "    Return memory problems reports.",
        "MALLOC-STATS",
        "    Return internal statistics report from the memory allocator.",
        "PURGE",
        "    Attempt to purge dirty pages for reclamation by the allocator.",
        "STATS",
        "    Return information about the memory usage of the server.",
        "USAGE <key> [SAMPLES <count>]",
        "    Return memory in bytes used by <key> and its value. Nested values are",
        "    sampled up to <count> times (default: 5, 0 means sample all).");

    // ---- INFO ------------------------------------------------------------------------------------------------------

    /// <summary>INFO's sections in the order Redis writes them; <c>default</c> leaves out the ones marked false.</summary>
    private static readonly (string Name, string Title, bool Default)[] Sections =
    [
        ("server", "Server", true), ("clients", "Clients", true), ("memory", "Memory", true), ("persistence", "Persistence", true),
        ("stats", "Stats", true), ("replication", "Replication", true), ("cpu", "CPU", true), ("modules", "Modules", true),
        ("commandstats", "Commandstats", false), ("errorstats", "Errorstats", true), ("latencystats", "Latencystats", false),
        ("cluster", "Cluster", true), ("keyspace", "Keyspace", true),
    ];

    private static void Info(CommandContext c)
    {
        var wanted = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (c.Count == 1)
        {
            wanted.Add("default");
        }

        for (var i = 1; i < c.Count; i++)
        {
            wanted.Add(c.Text(i));
        }

        var all = wanted.Contains("all") || wanted.Contains("everything");
        var defaults = all || wanted.Contains("default");
        var text = new StringBuilder();
        foreach (var (name, title, isDefault) in Sections)
        {
            if (all || (defaults && isDefault) || wanted.Contains(name))
            {
                if (text.Length > 0)
                {
                    text.Append("\r\n");
                }

                text.Append("# ").Append(title).Append("\r\n");
                WriteSection(c, name, text);
            }
        }

        c.Reply.Verbatim(text.ToString());
    }

    private static void WriteSection(CommandContext c, string name, StringBuilder text)
    {
        var server = c.Server;
        var state = State(c);
        void Field(string field, object value) =>
            text.Append(field).Append(':').Append(Convert.ToString(value, CultureInfo.InvariantCulture)).Append("\r\n");

        switch (name)
        {
            case "server":
            {
                var now = DateTimeOffset.UtcNow;
                var uptime = now - server.StartTime;
                Field("redis_version", RedisLiteServer.RedisVersion);
                Field("redis_git_sha1", "00000000");
                Field("redis_git_dirty", 0);
                Field("redis_build_id", "0");
                Field("redis_mode", "standalone");
                Field("os", System.Runtime.InteropServices.RuntimeInformation.OSDescription.Replace('\n', ' ').Replace('\r', ' '));
                Field("arch_bits", IntPtr.Size * 8);
                Field("multiplexing_api", "dotnet");
                Field("process_id", Environment.ProcessId);
                Field("process_supervised", "no");
                Field("run_id", state.RunId);
                Field("tcp_port", server.Port);
                Field("server_time_usec", now.ToUnixTimeMilliseconds() * 1000);
                Field("uptime_in_seconds", (long)uptime.TotalSeconds);
                Field("uptime_in_days", (long)uptime.TotalDays);
                Field("hz", 10);
                Field("configured_hz", 10);
                Field("lru_clock", (now.ToUnixTimeSeconds() & ((1 << 24) - 1)));
                Field("executable", Environment.ProcessPath ?? "");
                Field("config_file", "");
                Field("io_threads_active", 0);
                break;
            }

            case "clients":
                Field("connected_clients", server.ConnectedClients);
                Field("cluster_connections", 0);
                Field("maxclients", server.Options.MaxClients);
                Field("client_recent_max_input_buffer", server.Clients.Select(static x => x.QueryBufferLength).DefaultIfEmpty().Max());
                Field("client_recent_max_output_buffer", 0);
                Field("blocked_clients", server.Store.Statistics(includeKeyspace: false).BlockedClients);
                Field("tracking_clients", 0);
                Field("clients_in_timeout_table", 0);
                break;

            case "memory":
            {
                var options = server.Store.Core.Options;
                var used = server.Store.UsedMemory;
                var peak = state.Peak(used);
                var rss = Environment.WorkingSet;
                Field("used_memory", used);
                Field("used_memory_human", Human(used));
                Field("used_memory_rss", rss);
                Field("used_memory_rss_human", Human(rss));
                Field("used_memory_peak", peak);
                Field("used_memory_peak_human", Human(peak));
                Field("used_memory_peak_perc", (peak == 0 ? 100 : used * 100.0 / peak).ToString("0.00", CultureInfo.InvariantCulture) + "%");
                Field("used_memory_dataset", used);
                Field("total_system_memory", GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);
                Field("total_system_memory_human", Human(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes));
                Field("maxmemory", options.MaxMemory);
                Field("maxmemory_human", Human(options.MaxMemory));
                Field("maxmemory_policy", PolicyName(options.MaxMemoryPolicy));
                Field("mem_allocator", "dotnet-gc");
                Field("lazyfree_pending_objects", 0);
                break;
            }

            case "persistence":
            {
                var info = server.Store.Statistics(includeKeyspace: false);
                var failed = server.Store.Core.Log?.Failure is not null;
                Field("loading", 0);
                Field("async_loading", 0);
                Field("rdb_changes_since_last_save", info.ChangesSinceLastSave ?? 0);
                Field("rdb_bgsave_in_progress", info.BackgroundSaveInProgress ? 1 : 0);
                Field("rdb_last_save_time", (info.LastSaveTime ?? server.StartTime).ToUnixTimeSeconds());
                Field("rdb_last_bgsave_status", "ok");
                Field("aof_enabled", info.AppendOnlyEnabled ? 1 : 0);
                Field("aof_rewrite_in_progress", info.AppendLogRewriteInProgress ? 1 : 0);
                Field("aof_rewrite_scheduled", 0);
                Field("aof_last_bgrewrite_status", "ok");
                Field("aof_last_write_status", failed ? "err" : "ok");
                break;
            }

            case "stats":
            {
                var info = server.Store.Statistics(includeKeyspace: false);
                var baseline = state.Baseline;

                // Redis counts a command once it has run: this INFO shows in the next one.
                Field("total_connections_received", server.TotalConnections - baseline.Connections);
                Field("total_commands_processed", Math.Max(0, server.TotalCommands - 1 - baseline.Commands));
                Field("instantaneous_ops_per_sec", 0);
                Field("rejected_connections", server.RejectedConnections - baseline.Rejected);
                Field("expired_keys", info.ExpiredKeys - baseline.Expired);
                Field("evicted_keys", info.EvictedKeys - baseline.Evicted);
                Field("evicted_clients", 0);
                Field("keyspace_hits", info.KeyspaceHits - baseline.Hits);
                Field("keyspace_misses", info.KeyspaceMisses - baseline.Misses);
                Field("pubsub_channels", info.PubSubChannels);
                Field("pubsub_patterns", info.PubSubPatterns);
                Field("pubsubshard_channels", server.Store.PubSubShardChannels(default).Length);
                Field("total_forks", 0);
                Field("tracking_total_keys", 0);
                break;
            }

            case "replication":
                Field("role", "master");
                Field("connected_slaves", 0);
                Field("master_failover_state", "no-failover");
                Field("master_replid", state.RunId);
                Field("master_replid2", new string('0', 40));
                Field("master_repl_offset", 0);
                Field("second_repl_offset", -1);
                Field("repl_backlog_active", 0);
                Field("repl_backlog_size", 1048576);
                Field("repl_backlog_first_byte_offset", 0);
                Field("repl_backlog_histlen", 0);
                break;

            case "cpu":
            {
                using var process = Process.GetCurrentProcess();
                Field("used_cpu_sys", process.PrivilegedProcessorTime.TotalSeconds.ToString("0.000000", CultureInfo.InvariantCulture));
                Field("used_cpu_user", process.UserProcessorTime.TotalSeconds.ToString("0.000000", CultureInfo.InvariantCulture));
                Field("used_cpu_sys_children", "0.000000");
                Field("used_cpu_user_children", "0.000000");
                break;
            }

            case "cluster":
                Field("cluster_enabled", 0);
                break;

            case "keyspace":
                foreach (var database in server.Store.Statistics(includeKeyspace: true).Keyspace)
                {
                    text.Append(CultureInfo.InvariantCulture, $"db{database.Database}:keys={database.Keys},expires={database.Expires},avg_ttl=0\r\n");
                }

                break;

            default:
                // modules, commandstats, errorstats, latencystats: nothing to report, as an idle Redis.
                break;
        }
    }

    /// <summary>Redis's bytesToHuman.</summary>
    private static string Human(long bytes)
    {
        string[] units = ["K", "M", "G", "T", "P"];
        if (bytes < 1024)
        {
            return bytes.ToString(CultureInfo.InvariantCulture) + "B";
        }

        double value = bytes;
        var unit = -1;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return value.ToString("0.00", CultureInfo.InvariantCulture) + units[unit];
    }

    private static string PolicyName(MaxMemoryPolicy policy) => policy switch
    {
        MaxMemoryPolicy.AllKeysLru => "allkeys-lru",
        MaxMemoryPolicy.VolatileLru => "volatile-lru",
        MaxMemoryPolicy.AllKeysLfu => "allkeys-lfu",
        MaxMemoryPolicy.VolatileLfu => "volatile-lfu",
        MaxMemoryPolicy.AllKeysRandom => "allkeys-random",
        MaxMemoryPolicy.VolatileRandom => "volatile-random",
        MaxMemoryPolicy.VolatileTtl => "volatile-ttl",
        _ => "noeviction",
    };

    /// <summary>What the server's INFO counts from (CONFIG RESETSTAT moves it), and the figures Redis keeps beside them.</summary>
    private sealed class ServerState
    {
        private long _peak;

        public string RunId { get; } = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20));

        public volatile StatsBaseline Baseline = new(0, 0, 0, 0, 0, 0, 0);

        /// <summary>Records <paramref name="used"/> and returns the peak so far (as observed by INFO).</summary>
        public long Peak(long used)
        {
            long peak;
            while ((peak = Interlocked.Read(ref _peak)) < used && Interlocked.CompareExchange(ref _peak, used, peak) != peak)
            {
            }

            return Math.Max(peak, used);
        }

        public void ResetPeak(long used) => Interlocked.Exchange(ref _peak, used);
    }

    /// <summary>The counters' values at the last CONFIG RESETSTAT.</summary>
    private sealed record StatsBaseline(long Commands, long Connections, long Rejected, long Expired, long Evicted, long Hits, long Misses);
}
