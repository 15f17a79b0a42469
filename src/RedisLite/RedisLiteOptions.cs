namespace RedisLite;

/// <summary>Settings of a <see cref="DataStore"/>. Bind them from configuration or set them in <c>AddRedisLite(o => ...)</c>.</summary>
public sealed class RedisLiteOptions
{
    /// <summary>The configuration section name conventionally used for these options.</summary>
    public const string SectionName = "RedisLite";

    /// <summary>Gets or sets the number of logical databases (Redis's <c>databases</c>). Default 16; from 1 to 1024.</summary>
    public int Databases { get; set; } = 16;

    /// <summary>Gets or sets the persistence settings (snapshots and the append log); <see langword="null"/>, the
    /// default, keeps everything in memory only.</summary>
    public Persistence.PersistenceOptions? Persistence { get; set; }

    /// <summary>Gets or sets whether a background cycle reclaims expired keys that nobody reads (Redis's active expiry). Default <see langword="true"/>.
    /// Expired keys are never visible either way; without the cycle they are reclaimed only when accessed.</summary>
    public bool ActiveExpiry { get; set; } = true;

    /// <summary>Gets or sets how often the active expiry cycle runs. Default 100 ms (Redis's <c>hz 10</c>); from 1 ms to 1 minute.</summary>
    public TimeSpan ActiveExpiryInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Gets or sets whether the store publishes its statistics as <c>System.Diagnostics.Metrics</c>
    /// instruments of the <c>RedisLite</c> meter (see <see cref="Diagnostics.RedisLiteMetrics"/>). Default
    /// <see langword="true"/>; the instruments cost nothing until a listener reads them.</summary>
    public bool Metrics { get; set; } = true;

    /// <summary>Gets or sets the memory limit in bytes (Redis's <c>maxmemory</c>), as estimated by the store (see
    /// <see cref="DataStore.UsedMemory"/>). Default 0: no limit. When the estimate is over the limit, a write that may
    /// add data first evicts keys by <see cref="MaxMemoryPolicy"/>, or fails with Redis's OOM error if it cannot.</summary>
    public long MaxMemory { get; set; }

    /// <summary>Gets or sets which keys are evicted when <see cref="MaxMemory"/> is reached (Redis's
    /// <c>maxmemory-policy</c>). Default <see cref="RedisLite.MaxMemoryPolicy.NoEviction"/>.</summary>
    public MaxMemoryPolicy MaxMemoryPolicy { get; set; } = MaxMemoryPolicy.NoEviction;

    /// <summary>Gets or sets how many keys each eviction samples per database (Redis's <c>maxmemory-samples</c>).
    /// Default 5; from 1 to 64. More samples approximate true LRU/LFU better and cost more per eviction.</summary>
    public int MaxMemorySamples { get; set; } = 5;

    /// <summary>Gets or sets how many hits it takes to saturate the LFU counter (Redis's <c>lfu-log-factor</c>).
    /// Default 10; from 0 to 255.</summary>
    public int LfuLogFactor { get; set; } = 10;

    /// <summary>Gets or sets how long a key must go unused for its LFU counter to be decremented by one
    /// (Redis's <c>lfu-decay-time</c>, in whole minutes). Default 1 minute; from zero (never decay) to 65,535 minutes.</summary>
    public TimeSpan LfuDecayTime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets or sets how many messages each pub/sub <see cref="Subscription"/> buffers before
    /// <see cref="PubSubOverflow"/> applies. Default 10,000; from 1 to 100,000,000.</summary>
    public int PubSubBufferCapacity { get; set; } = 10_000;

    /// <summary>Gets or sets what happens when a subscription's buffer is full. Default <see cref="RedisLite.PubSubOverflow.Disconnect"/>
    /// (the subscription is closed, as Redis closes a slow subscriber).</summary>
    public PubSubOverflow PubSubOverflow { get; set; } = PubSubOverflow.Disconnect;

    /// <summary>Gets or sets which keyspace events are published (Redis's <c>notify-keyspace-events</c>): a string of
    /// class letters, <c>K</c> (keyspace channel), <c>E</c> (keyevent channel), <c>g $ l s h z x e t m n d</c> and
    /// <c>A</c> (all of <c>g$lshzxet</c>). Default empty: off. As in Redis, nothing is published unless <c>K</c> or
    /// <c>E</c> is present; <c>"KEA"</c> publishes everything but key misses and new keys.</summary>
    public string NotifyKeyspaceEvents { get; set; } = "";

    /// <summary>Checks the settings and returns a description of each problem (empty when valid).</summary>
    /// <returns>The problems found.</returns>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Databases is < 1 or > 1024)
        {
            errors.Add($"RedisLite:{nameof(Databases)} must be between 1 and 1024 (was {Databases}).");
        }

        if (ActiveExpiryInterval < TimeSpan.FromMilliseconds(1) || ActiveExpiryInterval > TimeSpan.FromMinutes(1))
        {
            errors.Add($"RedisLite:{nameof(ActiveExpiryInterval)} must be between 1 ms and 1 minute (was {ActiveExpiryInterval}).");
        }

        if (MaxMemory < 0)
        {
            errors.Add($"RedisLite:{nameof(MaxMemory)} must be 0 (no limit) or a positive number of bytes (was {MaxMemory}).");
        }

        if (!Enum.IsDefined(MaxMemoryPolicy))
        {
            errors.Add($"RedisLite:{nameof(MaxMemoryPolicy)} is not a known policy (was {(int)MaxMemoryPolicy}).");
        }

        if (MaxMemorySamples is < 1 or > 64)
        {
            errors.Add($"RedisLite:{nameof(MaxMemorySamples)} must be between 1 and 64 (was {MaxMemorySamples}).");
        }

        if (LfuLogFactor is < 0 or > 255)
        {
            errors.Add($"RedisLite:{nameof(LfuLogFactor)} must be between 0 and 255 (was {LfuLogFactor}).");
        }

        if (LfuDecayTime < TimeSpan.Zero || LfuDecayTime > TimeSpan.FromMinutes(ushort.MaxValue) || LfuDecayTime.Ticks % TimeSpan.TicksPerMinute != 0)
        {
            errors.Add($"RedisLite:{nameof(LfuDecayTime)} must be a whole number of minutes between 0 and 65535 (was {LfuDecayTime}).");
        }

        if (PubSubBufferCapacity is < 1 or > 100_000_000)
        {
            errors.Add($"RedisLite:{nameof(PubSubBufferCapacity)} must be between 1 and 100000000 (was {PubSubBufferCapacity}).");
        }

        if (!Enum.IsDefined(PubSubOverflow))
        {
            errors.Add($"RedisLite:{nameof(PubSubOverflow)} must be Disconnect, DropOldest or DropNewest (was {PubSubOverflow}).");
        }

        if (!PubSub.KeyspaceNotifications.TryParse(NotifyKeyspaceEvents, out _))
        {
            errors.Add($"RedisLite:{nameof(NotifyKeyspaceEvents)} has an invalid event class character; use '{PubSub.KeyspaceNotifications.ValidCharacters}' (was \"{NotifyKeyspaceEvents}\").");
        }

        if (Persistence is { } persistence)
        {
            errors.AddRange(persistence.Validate());
        }

        return errors;
    }
}
