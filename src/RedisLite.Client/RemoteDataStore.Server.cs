using System.Globalization;
using System.Text;

namespace RedisLite.Client;

public sealed partial class RemoteDataStore
{
    /// <inheritdoc/>
    /// <remarks>Sends <c>INFO</c> (the default sections) and reads the fields <see cref="StoreInfo"/> names.</remarks>
    public StoreInfo Info() => ParseInfo(Encoding.UTF8.GetString(Run("INFO").Bytes.Span));

    /// <summary>Reads the fields of an <c>INFO</c> reply (<c>name:value</c> lines, <c>#</c> section headers).</summary>
    /// <param name="text">The reply.</param>
    /// <returns>The statistics; fields the server does not report are 0.</returns>
    internal static StoreInfo ParseInfo(string text)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var keyspace = new List<DatabaseInfo>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (line.Length == 0 || line[0] == '#' || colon < 0)
            {
                continue;
            }

            var name = line[..colon];
            var value = line[(colon + 1)..];
            if (name.StartsWith("db", StringComparison.Ordinal)
                && int.TryParse(name.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var database))
            {
                keyspace.Add(ParseDatabase(database, value));
            }
            else
            {
                fields[name] = value;
            }
        }

        long Field(string name) =>
            fields.TryGetValue(name, out var value) && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
                ? number
                : 0;

        return new StoreInfo
        {
            TotalCommandsProcessed = Field("total_commands_processed"),
            KeyspaceHits = Field("keyspace_hits"),
            KeyspaceMisses = Field("keyspace_misses"),
            ExpiredKeys = Field("expired_keys"),
            EvictedKeys = Field("evicted_keys"),
            UsedMemory = Field("used_memory"),
            MaxMemory = Field("maxmemory"),
            PubSubChannels = Field("pubsub_channels"),
            PubSubPatterns = Field("pubsub_patterns"),
            PubSubSubscribers = fields.ContainsKey("pubsub_clients") ? Field("pubsub_clients") : null,
            BlockedClients = Field("blocked_clients"),
            ChangesSinceLastSave = fields.ContainsKey("rdb_changes_since_last_save") ? Field("rdb_changes_since_last_save") : null,
            LastSaveTime = fields.ContainsKey("rdb_last_save_time") ? DateTimeOffset.FromUnixTimeSeconds(Field("rdb_last_save_time")) : null,
            BackgroundSaveInProgress = Field("rdb_bgsave_in_progress") == 1,
            AppendOnlyEnabled = Field("aof_enabled") == 1,
            AppendLogRewriteInProgress = Field("aof_rewrite_in_progress") == 1,
            Keyspace = keyspace.OrderBy(static d => d.Database).ToArray(),
        };
    }

    // db0:keys=3,expires=1,avg_ttl=0
    private static DatabaseInfo ParseDatabase(int database, string value)
    {
        long keys = 0, expires = 0;
        foreach (var part in value.Split(','))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0 || !long.TryParse(part.AsSpan(equals + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                continue;
            }

            switch (part[..equals])
            {
                case "keys":
                    keys = number;
                    break;
                case "expires":
                    expires = number;
                    break;
            }
        }

        return new DatabaseInfo(database, keys, expires);
    }
}
