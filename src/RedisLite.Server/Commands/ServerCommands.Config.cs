using System.Globalization;
using System.Text;
using RedisLite.Keyspace;
using RedisLite.Persistence;

namespace RedisLite.Server.Commands;

// CONFIG GET / SET / RESETSTAT / REWRITE / HELP over the settings RedisLite has. SET changes the store live where it
// can (memory limit, eviction policy and samples, keyspace notifications, the password) and answers Redis's
// "CONFIG SET failed" error for what cannot change while running (persistence, the listener).
internal static partial class ServerCommands
{
    /// <summary>The parameters CONFIG knows, in the order CONFIG GET lists them.</summary>
    private static readonly string[] ConfigNames =
    [
        "maxmemory", "maxmemory-policy", "maxmemory-samples", "notify-keyspace-events", "save", "appendonly",
        "appendfsync", "databases", "port", "bind", "requirepass", "timeout", "maxclients", "protected-mode",
    ];

    /// <summary>Parameters CONFIG SET refuses as Redis does its immutable ones.</summary>
    private static readonly HashSet<string> ImmutableConfig = new(StringComparer.Ordinal) { "databases", "port", "bind", "maxclients", "protected-mode" };

    private const string PolicyChoices = "volatile-lru, volatile-lfu, volatile-random, volatile-ttl, allkeys-lru, allkeys-lfu, allkeys-random, noeviction";

    private static void RegisterConfig(CommandTable table)
    {
        const CommandFlags admin = CommandFlags.Admin | CommandFlags.NoScript | CommandFlags.Loading | CommandFlags.Stale;
        table.AddContainer("config", "server", "2.0.0", "A container for server configuration commands.",
            CommandTable.Sub("get", -3, admin, ConfigGet, "Returns the effective values of configuration parameters."),
            CommandTable.Sub("set", -4, admin, ConfigSet, "Sets configuration parameters in-flight."),
            CommandTable.Sub("resetstat", 2, admin, ConfigResetStat, "Resets the server's statistics."),
            CommandTable.Sub("rewrite", 2, admin, _ => throw new RedisException("ERR The server is running without a config file"), "Persists the effective configuration to file."),
            CommandTable.Sub("help", 2, CommandFlags.Loading | CommandFlags.Stale, ConfigHelp, "Returns helpful text about the different subcommands."));
    }

    private static void ConfigGet(CommandContext c)
    {
        // A plain name is answered under the name as given; a pattern under each matching parameter's own name.
        var matches = new List<(string Name, string Shown)>();
        for (var i = 2; i < c.Count; i++)
        {
            var given = c.Text(i);
            var lower = given.ToLowerInvariant();
            if (given.AsSpan().IndexOfAny("*?[\\") < 0)
            {
                if (ConfigNames.Contains(lower) && !matches.Exists(m => m.Name == lower))
                {
                    matches.Add((lower, given));
                }

                continue;
            }

            var pattern = Encoding.UTF8.GetBytes(lower);
            foreach (var name in ConfigNames)
            {
                if (GlobPattern.IsMatch(pattern, Encoding.ASCII.GetBytes(name)) && !matches.Exists(m => m.Name == name))
                {
                    matches.Add((name, name));
                }
            }
        }

        c.Reply.MapHeader(matches.Count);
        foreach (var (name, shown) in matches)
        {
            c.Reply.Bulk(shown);
            c.Reply.Bulk(ConfigValue(c, name));
        }
    }

    private static string ConfigValue(CommandContext c, string name)
    {
        var options = c.Server.Store.Core.Options;
        var persistence = options.Persistence;
        return name switch
        {
            "maxmemory" => options.MaxMemory.ToString(CultureInfo.InvariantCulture),
            "maxmemory-policy" => PolicyName(options.MaxMemoryPolicy),
            "maxmemory-samples" => options.MaxMemorySamples.ToString(CultureInfo.InvariantCulture),
            "notify-keyspace-events" => CanonicalNotifyClasses(options.NotifyKeyspaceEvents),
            "save" => persistence is null ? "" : SaveText(persistence.SavePoints),
            "appendonly" => persistence?.AppendOnly == true ? "yes" : "no",
            "appendfsync" => FsyncName(persistence?.AppendFsync ?? AppendFsyncPolicy.EverySecond),
            "databases" => c.Server.Store.DatabaseCount.ToString(CultureInfo.InvariantCulture),
            "port" => c.Server.Port.ToString(CultureInfo.InvariantCulture),
            "bind" => c.Server.Options.BindAddress,
            "requirepass" => c.Server.Options.Password ?? "",
            "maxclients" => c.Server.Options.MaxClients.ToString(CultureInfo.InvariantCulture),
            "protected-mode" => c.Server.Options.ProtectedMode ? "yes" : "no",
            _ => "0", // timeout: idle clients are never closed
        };
    }

    private static string SaveText(IEnumerable<SavePoint> points) => string.Join(' ',
        points.Select(p => FormattableString.Invariant($"{(long)p.Interval.TotalSeconds} {p.Changes}")));

    private static string FsyncName(AppendFsyncPolicy policy) => policy switch
    {
        AppendFsyncPolicy.Always => "always",
        AppendFsyncPolicy.No => "no",
        _ => "everysec",
    };

    /// <summary>notify-keyspace-events as Redis prints it back (keyspaceEventsFlagsToString).</summary>
    internal static string CanonicalNotifyClasses(string classes)
    {
        const string all = "g$lshzxetd";
        var set = new HashSet<char>(classes);
        var text = new StringBuilder();
        if (set.Contains('A') || all.All(set.Contains))
        {
            text.Append('A');
        }
        else
        {
            foreach (var ch in all + "n")
            {
                if (set.Contains(ch))
                {
                    text.Append(ch);
                }
            }
        }

        foreach (var ch in "KEm")
        {
            if (set.Contains(ch))
            {
                text.Append(ch);
            }
        }

        return text.ToString();
    }

    private static RedisException ConfigSetFailed(string name, string reason) =>
        new($"ERR CONFIG SET failed (possibly related to argument '{name}') - {reason}");

    private static void ConfigSet(CommandContext c)
    {
        if (c.Count % 2 != 0)
        {
            throw CommandContext.SyntaxError();
        }

        // Every name is checked before any value, and nothing changes unless every value is valid (Redis restores
        // what it set when a later one fails).
        var pairs = new List<(string Name, string Given, string Value)>();
        for (var i = 2; i < c.Count; i += 2)
        {
            var given = c.Text(i);
            var name = given.ToLowerInvariant();
            if (!ConfigNames.Contains(name))
            {
                throw new RedisException($"ERR Unknown option or number of arguments for CONFIG SET - '{given}'");
            }

            if (ImmutableConfig.Contains(name))
            {
                throw ConfigSetFailed(given, "can't set immutable config");
            }

            if (pairs.Exists(p => p.Name == name))
            {
                throw ConfigSetFailed(given, "duplicate parameter");
            }

            pairs.Add((name, given, c.Text(i + 1)));
        }

        var core = c.Server.Store.Core;
        var options = core.Options;
        var maxMemory = options.MaxMemory;
        var policy = options.MaxMemoryPolicy;
        var samples = options.MaxMemorySamples;
        string? notify = null;
        string? password = null;
        var setPassword = false;
        foreach (var (name, given, value) in pairs)
        {
            switch (name)
            {
                case "maxmemory":
                    maxMemory = ParseMemory(value) ?? throw ConfigSetFailed(given, "argument must be a memory value");
                    break;
                case "maxmemory-policy":
                    policy = ParsePolicy(value) ?? throw ConfigSetFailed(given, "argument(s) must be one of the following: " + PolicyChoices);
                    break;
                case "maxmemory-samples":
                    if (!long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var count))
                    {
                        throw ConfigSetFailed(given, "argument couldn't be parsed into an integer");
                    }

                    if (count is < 1 or > int.MaxValue)
                    {
                        throw ConfigSetFailed(given, "argument must be between 1 and 2147483647 inclusive");
                    }

                    // The store samples at most 64 keys a round; more would only cost time.
                    samples = (int)Math.Min(count, 64);
                    break;
                case "notify-keyspace-events":
                    if (!PubSub.KeyspaceNotifications.TryParse(value, out _))
                    {
                        throw ConfigSetFailed(given, "Invalid event class character. Use 'Ag$lshzxeKEtmdn'.");
                    }

                    notify = value;
                    break;
                case "requirepass":
                    password = value.Length == 0 ? null : value;
                    setPassword = true;
                    break;
                default:
                    CheckUnchangeable(c, name, given, value);
                    break;
            }
        }

        if (maxMemory != options.MaxMemory || policy != options.MaxMemoryPolicy || samples != options.MaxMemorySamples)
        {
            core.ConfigureEviction(maxMemory, policy, samples);
        }

        if (notify is not null)
        {
            core.SetNotifyKeyspaceEvents(notify);
        }

        if (setPassword)
        {
            c.Server.Options.Password = password;
        }

        c.Reply.Ok();
    }

    /// <summary>save, appendonly, appendfsync and timeout: validated as Redis does; setting the value they already have
    /// succeeds, any change is refused (the store's persistence is fixed when it opens; idle clients are never closed).</summary>
    private static void CheckUnchangeable(CommandContext c, string name, string given, string value)
    {
        string normalized;
        switch (name)
        {
            case "save":
            {
                var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length % 2 != 0 || !parts.All(p => long.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
                {
                    throw ConfigSetFailed(given, "Invalid save parameters");
                }

                normalized = string.Join(' ', parts.Select(p => long.Parse(p, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)));
                break;
            }

            case "appendonly":
                normalized = value.ToLowerInvariant();
                if (normalized is not ("yes" or "no"))
                {
                    throw ConfigSetFailed(given, "argument must be 'yes' or 'no'");
                }

                break;
            case "appendfsync":
                normalized = value.ToLowerInvariant();
                if (normalized is not ("everysec" or "always" or "no"))
                {
                    throw ConfigSetFailed(given, "argument(s) must be one of the following: everysec, always, no");
                }

                break;
            default:
                if (!long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds))
                {
                    throw ConfigSetFailed(given, "argument couldn't be parsed into an integer");
                }

                if (seconds is < 0 or > int.MaxValue)
                {
                    throw ConfigSetFailed(given, "argument must be between 0 and 2147483647 inclusive");
                }

                normalized = seconds.ToString(CultureInfo.InvariantCulture);
                break;
        }

        if (normalized != ConfigValue(c, name))
        {
            throw ConfigSetFailed(given, name == "timeout"
                ? "RedisLite never closes idle clients: only 0 is supported"
                : "RedisLite cannot change persistence settings while the store is open (set them in RedisLiteOptions.Persistence)");
        }
    }

    /// <summary>Redis's memtoull: digits with an optional b, k, kb, m, mb, g or gb unit (any case).</summary>
    internal static long? ParseMemory(string value)
    {
        var text = value.ToLowerInvariant();
        (string Suffix, long Unit)[] units = [("kb", 1024), ("mb", 1024 * 1024), ("gb", 1024L * 1024 * 1024), ("k", 1000), ("m", 1000 * 1000), ("g", 1000L * 1000 * 1000), ("b", 1)];
        long unit = 1;
        foreach (var (suffix, size) in units)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal))
            {
                text = text[..^suffix.Length];
                unit = size;
                break;
            }
        }

        return ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number <= (ulong)(long.MaxValue / unit)
            ? (long)number * unit
            : null;
    }

    internal static MaxMemoryPolicy? ParsePolicy(string value) => value.ToLowerInvariant() switch
    {
        "noeviction" => MaxMemoryPolicy.NoEviction,
        "allkeys-lru" => MaxMemoryPolicy.AllKeysLru,
        "volatile-lru" => MaxMemoryPolicy.VolatileLru,
        "allkeys-lfu" => MaxMemoryPolicy.AllKeysLfu,
        "volatile-lfu" => MaxMemoryPolicy.VolatileLfu,
        "allkeys-random" => MaxMemoryPolicy.AllKeysRandom,
        "volatile-random" => MaxMemoryPolicy.VolatileRandom,
        "volatile-ttl" => MaxMemoryPolicy.VolatileTtl,
        _ => null,
    };

    private static void ConfigResetStat(CommandContext c)
    {
        var server = c.Server;
        var info = server.Store.Statistics(includeKeyspace: false);
        var state = State(c);

        // The RESETSTAT itself is counted already: it shows as the first command after the reset, as in Redis.
        state.Baseline = new StatsBaseline(server.TotalCommands - 1, server.TotalConnections, server.RejectedConnections,
            info.ExpiredKeys, info.EvictedKeys, info.KeyspaceHits, info.KeyspaceMisses);
        state.ResetPeak(server.Store.UsedMemory);
        c.Reply.Ok();
    }

    private static void ConfigHelp(CommandContext c) => Helps.Write(c, "CONFIG",
        "GET <pattern>",
        "    Return parameters matching the glob-like <pattern> and their values.",
        "SET <directive> <value>",
        "    Set the configuration <directive> to <value>.",
        "RESETSTAT",
        "    Reset statistics reported by the INFO command.",
        "REWRITE",
        "    Rewrite the configuration file.");
}
