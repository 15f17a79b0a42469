namespace RedisLite.Diagnostics;

/// <summary>
/// The names under which a <see cref="DataStore"/> publishes its statistics with <c>System.Diagnostics.Metrics</c>,
/// for OpenTelemetry (<c>AddMeter(RedisLiteMetrics.MeterName)</c>) and <c>dotnet-counters</c>
/// (<c>--counters RedisLite</c>). Every instrument is observable: it costs nothing until a listener reads it, and
/// then reads the same counters as <see cref="IDataStore.Info"/>.
/// </summary>
public static class RedisLiteMetrics
{
    /// <summary>The meter's name: <c>RedisLite</c>.</summary>
    public const string MeterName = "RedisLite";

    /// <summary>Counter: commands processed (<c>total_commands_processed</c>).</summary>
    public const string Commands = "redislite.commands";

    /// <summary>Counter: key lookups that found the key (<c>keyspace_hits</c>).</summary>
    public const string KeyspaceHits = "redislite.keyspace.hits";

    /// <summary>Counter: key lookups that missed (<c>keyspace_misses</c>).</summary>
    public const string KeyspaceMisses = "redislite.keyspace.misses";

    /// <summary>Counter: keys reclaimed because their TTL passed (<c>expired_keys</c>).</summary>
    public const string ExpiredKeys = "redislite.keys.expired";

    /// <summary>Counter: keys evicted for the memory limit (<c>evicted_keys</c>).</summary>
    public const string EvictedKeys = "redislite.keys.evicted";

    /// <summary>Up-down counter: keys per database, tagged <c>db</c> (the <c>keyspace</c> section).</summary>
    public const string Keys = "redislite.keys";

    /// <summary>Up-down counter: estimated bytes used by the data (<c>used_memory</c>).</summary>
    public const string MemoryUsed = "redislite.memory.used";

    /// <summary>Up-down counter: callers blocked in BLPOP and the like (<c>blocked_clients</c>).</summary>
    public const string BlockedClients = "redislite.clients.blocked";

    /// <summary>Up-down counter: channels with at least one subscriber (<c>pubsub_channels</c>).</summary>
    public const string PubSubChannels = "redislite.pubsub.channels";

    /// <summary>Up-down counter: subscribed patterns (<c>pubsub_patterns</c>).</summary>
    public const string PubSubPatterns = "redislite.pubsub.patterns";

    /// <summary>Up-down counter: connected subscribers, i.e. open subscriptions (<c>pubsub_clients</c>).</summary>
    public const string PubSubSubscribers = "redislite.pubsub.subscribers";
}
