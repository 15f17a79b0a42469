namespace RedisLite;

/// <summary>
/// A snapshot of a store's statistics, the counterpart of Redis's <c>INFO</c> (sections <c>stats</c>,
/// <c>memory</c>, <c>keyspace</c>). Counters count from the store's creation (Redis: from server start or
/// <c>CONFIG RESETSTAT</c>).
/// </summary>
/// <remarks>The values are read one after another, not at one instant; under concurrent load they may be a few
/// operations apart from each other (as Redis's INFO fields are not, since Redis is single-threaded).</remarks>
public sealed class StoreInfo
{
    /// <summary>Gets the number of commands processed (<c>total_commands_processed</c>). In process, every call of a
    /// data-store method counts once, whatever it did; a transaction counts each command it ran.</summary>
    public long TotalCommandsProcessed { get; init; }

    /// <summary>Gets the number of key lookups by reading commands that found the key (<c>keyspace_hits</c>).</summary>
    public long KeyspaceHits { get; init; }

    /// <summary>Gets the number of key lookups by reading commands that did not find the key (<c>keyspace_misses</c>).</summary>
    public long KeyspaceMisses { get; init; }

    /// <summary>Gets the number of keys reclaimed because their TTL passed, lazily or by the active cycle (<c>expired_keys</c>).</summary>
    public long ExpiredKeys { get; init; }

    /// <summary>Gets the number of keys removed to stay under the memory limit (<c>evicted_keys</c>).</summary>
    public long EvictedKeys { get; init; }

    /// <summary>Gets the estimated bytes the data occupies (<c>used_memory</c>); in process, the store's own estimate
    /// that the memory limit is checked against.</summary>
    public long UsedMemory { get; init; }

    /// <summary>Gets the memory limit in bytes, 0 when there is none (<c>maxmemory</c>).</summary>
    public long MaxMemory { get; init; }

    /// <summary>Gets the number of channels with at least one subscriber (<c>pubsub_channels</c>).</summary>
    public long PubSubChannels { get; init; }

    /// <summary>Gets the number of subscribed patterns (<c>pubsub_patterns</c>).</summary>
    public long PubSubPatterns { get; init; }

    /// <summary>Gets the number of connected subscribers: in process, the open <see cref="Subscription"/>s (each is one
    /// Redis pub/sub client); from a server, its <c>pubsub_clients</c> field, which Redis reports from 7.2 on
    /// (<see langword="null"/> when the server does not report it).</summary>
    public long? PubSubSubscribers { get; init; }

    /// <summary>Gets the number of callers blocked in BLPOP, BZPOPMIN and the like (<c>blocked_clients</c>).</summary>
    public long BlockedClients { get; init; }

    /// <summary>Gets the changes since the last snapshot save (<c>rdb_changes_since_last_save</c>); in process,
    /// <see langword="null"/> when persistence is off (nothing counts them then).</summary>
    public long? ChangesSinceLastSave { get; init; }

    /// <summary>Gets the time of the last successful snapshot save, or of the start if none (<c>rdb_last_save_time</c>);
    /// in process, <see langword="null"/> when persistence is off.</summary>
    public DateTimeOffset? LastSaveTime { get; init; }

    /// <summary>Gets whether a snapshot save runs in the background (<c>rdb_bgsave_in_progress</c>).</summary>
    public bool BackgroundSaveInProgress { get; init; }

    /// <summary>Gets whether the append log is on (<c>aof_enabled</c>).</summary>
    public bool AppendOnlyEnabled { get; init; }

    /// <summary>Gets whether an append-log rewrite runs in the background (<c>aof_rewrite_in_progress</c>).</summary>
    public bool AppendLogRewriteInProgress { get; init; }

    /// <summary>Gets the keys and keys-with-a-TTL of every database that holds keys (the <c>keyspace</c> section:
    /// <c>db0:keys=...,expires=...</c>), in database order. Keys that expired but are not reclaimed yet are counted,
    /// as in Redis.</summary>
    public IReadOnlyList<DatabaseInfo> Keyspace { get; init; } = [];
}

/// <summary>One database's line of the <c>keyspace</c> section of <c>INFO</c>.</summary>
/// <param name="Database">The database index.</param>
/// <param name="Keys">The number of keys (<c>keys=</c>).</param>
/// <param name="Expires">The number of keys with a TTL (<c>expires=</c>).</param>
public readonly record struct DatabaseInfo(int Database, long Keys, long Expires);
