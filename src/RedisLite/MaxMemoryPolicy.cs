namespace RedisLite;

/// <summary>What a store does when a write would take it over <see cref="RedisLiteOptions.MaxMemory"/> (Redis's
/// <c>maxmemory-policy</c>).</summary>
public enum MaxMemoryPolicy
{
    /// <summary><c>noeviction</c>: nothing is evicted; writes that may add data fail with Redis's OOM error while
    /// reads, deletes and other commands that free memory keep working. The default.</summary>
    NoEviction,

    /// <summary><c>allkeys-lru</c>: evicts the least recently used keys (approximated by sampling, as Redis does).</summary>
    AllKeysLru,

    /// <summary><c>allkeys-lfu</c>: evicts the least frequently used keys (Redis's logarithmic, decaying counter).</summary>
    AllKeysLfu,

    /// <summary><c>allkeys-random</c>: evicts random keys.</summary>
    AllKeysRandom,

    /// <summary><c>volatile-lru</c>: evicts the least recently used keys among those with a TTL.</summary>
    VolatileLru,

    /// <summary><c>volatile-lfu</c>: evicts the least frequently used keys among those with a TTL.</summary>
    VolatileLfu,

    /// <summary><c>volatile-random</c>: evicts random keys among those with a TTL.</summary>
    VolatileRandom,

    /// <summary><c>volatile-ttl</c>: evicts the keys with the nearest expiry first.</summary>
    VolatileTtl,
}
