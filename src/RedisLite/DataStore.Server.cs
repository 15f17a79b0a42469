using System.Diagnostics.Metrics;
using RedisLite.Diagnostics;
using RedisLite.Keyspace;

namespace RedisLite;

public sealed partial class DataStore
{
    /// <inheritdoc/>
    public StoreInfo Info()
    {
        // Counted after the read, as Redis counts a command when it has run: INFO's own call shows in the next INFO.
        var info = Statistics(includeKeyspace: true);
        _core.Counters.Command();
        return info;
    }

    /// <summary>Reads the statistics without counting a command (the meter's callbacks use it).</summary>
    internal StoreInfo Statistics(bool includeKeyspace)
    {
        var (commands, hits, misses) = _core.Counters.Totals();
        long blocked = 0;
        List<DatabaseInfo>? keyspace = includeKeyspace ? [] : null;
        foreach (var database in _core.Databases)
        {
            blocked += database.Blocking.Count;
            if (keyspace is not null)
            {
                // Shard by shard without locks: INFO is a monitoring read, and each shard's counts are exact.
                long keys = 0, expires = 0;
                foreach (var shard in database.Shards)
                {
                    keys += shard.Count;
                    expires += shard.VolatileCount;
                }

                if (keys != 0)
                {
                    keyspace.Add(new DatabaseInfo(database.Index, keys, expires));
                }
            }
        }

        return new StoreInfo
        {
            TotalCommandsProcessed = commands,
            KeyspaceHits = hits,
            KeyspaceMisses = misses,
            ExpiredKeys = _core.ExpiredKeys,
            EvictedKeys = _core.EvictedKeys,
            UsedMemory = _core.UsedMemory(),
            MaxMemory = _core.Options.MaxMemory,
            PubSubChannels = _core.PubSub.ChannelCount,
            PubSubPatterns = _core.PubSub.PatternCount,
            PubSubSubscribers = _core.PubSub.SubscriberCount,
            BlockedClients = blocked,
            ChangesSinceLastSave = _views[0]._persistence?.ChangesSinceLastSave,
            LastSaveTime = _views[0]._persistence?.LastSave,
            BackgroundSaveInProgress = _views[0]._persistence?.BackgroundSaveRunning ?? false,
            AppendOnlyEnabled = _views[0]._persistence?.AppendOnly ?? false,
            AppendLogRewriteInProgress = _views[0]._persistence?.RewriteRunning ?? false,
            Keyspace = keyspace ?? [],
        };
    }

    /// <summary>Gets the meter publishing this store's statistics, or null when metrics are off (tests).</summary>
    internal Meter? Meter => _meter?.Meter;

    /// <summary>Publishes this store's statistics through a meter, unless the options turn metrics off.</summary>
    private static StoreMeter? CreateMeter(DataStore store, RedisLiteOptions options, IMeterFactory? meterFactory) =>
        options.Metrics ? new StoreMeter(store, meterFactory) : null;
}
