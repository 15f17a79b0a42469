using System.Globalization;
using RedisLite.Persistence;
using RedisLite.Server;
using RedisLite.Server.Commands;

namespace RedisLite.ServerTool;

/// <summary>
/// The <c>redislite-server</c> command line: redis-server's flags for the settings RedisLite has, then serve until
/// stopped (Ctrl+C, SIGTERM, or the token).
/// </summary>
internal static class ServerCommandLine
{
    /// <summary>The usage text.</summary>
    public const string Usage = """
        Usage: redislite-server [options]
          --port <port>                 TCP port (default 6379; 0 picks a free one)
          --bind <address>              address to listen on (default 127.0.0.1)
          --requirepass <password>      require AUTH with this password
          --protected-mode <yes|no>     refuse a non-loopback bind without a password (default yes)
          --databases <n>               number of databases (default 16)
          --maxmemory <bytes>           memory limit (suffixes kb, mb, gb; 0 = none)
          --maxmemory-policy <policy>   noeviction, allkeys-lru, volatile-lru, allkeys-lfu, volatile-lfu,
                                        allkeys-random, volatile-random, volatile-ttl
          --notify-keyspace-events <c>  keyspace notification classes (as redis.conf)
          --dir <directory>             persistence directory (snapshots and the append log)
          --appendonly <yes|no>         keep an append log in --dir (default no)
          --appendfsync <policy>        always, everysec or no (default everysec)
          --save "<seconds> <changes> ..."  snapshot save points; "" for none
          --help                        print this text
        """;

    /// <summary>Parses <paramref name="args"/>, starts the server and serves until <paramref name="stop"/> fires.</summary>
    /// <returns>The exit code: 0 after a clean stop, 1 on a bad flag or a failure to start.</returns>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken stop)
    {
        if (!TryParse(args, out var storeOptions, out var serverOptions, out var problem))
        {
            await error.WriteLineAsync(problem).ConfigureAwait(false);
            if (problem != Usage)
            {
                await error.WriteLineAsync(Usage).ConfigureAwait(false);
            }

            return problem == Usage ? 0 : 1;
        }

        DataStore store;
        try
        {
            store = new DataStore(storeOptions);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or IOException or UnauthorizedAccessException or RedisException)
        {
            await error.WriteLineAsync($"redislite-server: cannot open the store: {ex.Message}").ConfigureAwait(false);
            return 1;
        }

        using (store)
        {
            RedisLiteServer server;
            try
            {
                server = RedisLiteServer.Start(store, serverOptions);
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.Net.Sockets.SocketException)
            {
                await error.WriteLineAsync($"redislite-server: cannot start: {ex.Message}").ConfigureAwait(false);
                return 1;
            }

            await using (server.ConfigureAwait(false))
            {
                await output.WriteLineAsync($"redislite-server: ready to accept connections on {server.EndPoint} (Redis {RedisLiteServer.RedisVersion} protocol)").ConfigureAwait(false);
                await output.FlushAsync(stop).ConfigureAwait(false);
                try
                {
                    await Task.Delay(Timeout.Infinite, stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                }

                await output.WriteLineAsync("redislite-server: shutting down").ConfigureAwait(false);
            }
        }

        return 0;
    }

    /// <summary>Parses the flags into store and server options; on failure <paramref name="problem"/> says why (or is the usage text for --help).</summary>
    internal static bool TryParse(string[] args, out RedisLiteOptions store, out RedisLiteServerOptions server, out string problem)
    {
        store = new RedisLiteOptions();
        server = new RedisLiteServerOptions { Port = 6379 };
        problem = "";
        PersistenceOptions? persistence = null;
        string? saveText = null;
        for (var i = 0; i < args.Length; i++)
        {
            var flag = args[i];
            if (flag is "--help" or "-h")
            {
                problem = Usage;
                return false;
            }

            if (!flag.StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                problem = $"redislite-server: '{flag}' needs a value, or is not a flag.";
                return false;
            }

            var value = args[++i];
            switch (flag)
            {
                case "--port" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port):
                    server.Port = port;
                    break;
                case "--bind":
                    server.BindAddress = value.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? value;
                    break;
                case "--requirepass":
                    server.Password = value.Length == 0 ? null : value;
                    break;
                case "--protected-mode" when TryYesNo(value, out var yes):
                    server.ProtectedMode = yes;
                    break;
                case "--databases" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var databases):
                    store.Databases = databases;
                    break;
                case "--maxmemory" when TryMemory(value, out var bytes):
                    store.MaxMemory = bytes;
                    break;
                case "--maxmemory-policy" when TryPolicy(value, out var policy):
                    store.MaxMemoryPolicy = policy;
                    break;
                case "--notify-keyspace-events":
                    store.NotifyKeyspaceEvents = value;
                    break;
                case "--dir":
                    (persistence ??= new PersistenceOptions()).Directory = value;
                    break;
                case "--appendonly" when TryYesNo(value, out var yes):
                    (persistence ??= new PersistenceOptions()).AppendOnly = yes;
                    break;
                case "--appendfsync" when value is "always" or "everysec" or "no":
                    (persistence ??= new PersistenceOptions()).AppendFsync = value switch
                    {
                        "always" => AppendFsyncPolicy.Always,
                        "everysec" => AppendFsyncPolicy.EverySecond,
                        _ => AppendFsyncPolicy.No,
                    };
                    break;
                case "--save":
                    saveText = value;
                    break;
                default:
                    problem = $"redislite-server: bad value '{value}' for {flag}, or an unknown flag.";
                    return false;
            }
        }

        if (persistence is not null || saveText is not null)
        {
            persistence ??= new PersistenceOptions();
            persistence.Directory ??= Directory.GetCurrentDirectory();
            if (saveText is not null)
            {
                persistence.SavePoints.Clear();
                var parts = saveText.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length % 2 != 0)
                {
                    problem = "redislite-server: --save takes pairs of <seconds> <changes>.";
                    return false;
                }

                for (var p = 0; p < parts.Length; p += 2)
                {
                    if (!long.TryParse(parts[p], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                        || !long.TryParse(parts[p + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var changes))
                    {
                        problem = $"redislite-server: bad --save pair '{parts[p]} {parts[p + 1]}'.";
                        return false;
                    }

                    persistence.SavePoints.Add(new SavePoint(TimeSpan.FromSeconds(seconds), changes));
                }
            }

            store.Persistence = persistence;
        }

        return true;
    }

    private static bool TryYesNo(string value, out bool yes)
    {
        yes = value.Equals("yes", StringComparison.OrdinalIgnoreCase);
        return yes || value.Equals("no", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Redis's memory notation: a number with an optional k/kb/m/mb/g/gb suffix (k = 1000, kb = 1024), as
    /// CONFIG SET maxmemory reads it.</summary>
    internal static bool TryMemory(string value, out long bytes)
    {
        bytes = ServerCommands.ParseMemory(value) ?? -1;
        return bytes >= 0;
    }

    private static bool TryPolicy(string value, out MaxMemoryPolicy policy)
    {
        var parsed = ServerCommands.ParsePolicy(value);
        policy = parsed ?? MaxMemoryPolicy.NoEviction;
        return parsed is not null;
    }
}
