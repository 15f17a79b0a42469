namespace RedisLite.Persistence;

/// <summary>
/// The operations an append-log record holds: each is the effect of a write, made deterministic (absolute expiry
/// times, chosen members rather than random picks, results of float arithmetic). The numeric values are the format:
/// append-only (never renumber or reuse one), pinned by a golden test. Each family owns a range.
/// </summary>
/// <remarks>Arguments are written in the order the comments give; see <see cref="LogFormat"/> for their encoding.</remarks>
internal enum LogOp : byte
{
    // ---------------------------------------------------------------- keys and strings: 1-19

    /// <summary>key, value, absolute expiry (Unix ms, 0 for none): the string the key now holds.</summary>
    Set = 1,

    /// <summary>keys...: deleted (DEL, UNLINK, GETDEL, an expiry in the past, eviction).</summary>
    Delete = 2,

    /// <summary>key, absolute expiry (Unix ms).</summary>
    ExpireAt = 3,

    /// <summary>key: its TTL removed.</summary>
    Persist = 4,

    /// <summary>source key, destination key: RENAME (and a RENAMENX that renamed).</summary>
    Rename = 5,

    /// <summary>source key, destination database, destination key, replace (0/1): COPY that copied.</summary>
    Copy = 6,

    /// <summary>key, destination database: MOVE that moved.</summary>
    Move = 7,

    /// <summary>(nothing): FLUSHDB of the op's database.</summary>
    FlushDatabase = 8,

    /// <summary>(nothing): FLUSHALL.</summary>
    FlushAll = 9,

    /// <summary>key, bytes: APPEND.</summary>
    Append = 10,

    /// <summary>key, offset, bytes: SETRANGE.</summary>
    SetRange = 11,

    // ---------------------------------------------------------------- hashes: 20-29

    // ---------------------------------------------------------------- lists: 30-39

    // ---------------------------------------------------------------- sets: 40-49

    // ---------------------------------------------------------------- sorted sets: 50-69

    /// <summary>key, then (member, score) pairs: each member now holds that score (added or updated, in order; as a
    /// ZADD without flags). ZADD with its flags and ZINCRBY log only the members they changed, with the final score.</summary>
    SortedSetAdd = 50,

    /// <summary>key, members...: removed (ZREM; only the members that were there).</summary>
    SortedSetRemove = 51,

    /// <summary>key, first rank, last rank (0-based ascending, inclusive, within the set): the members between them
    /// removed (ZREMRANGEBYRANK/BYSCORE/BYLEX, ZPOPMIN/ZPOPMAX, ZMPOP and the blocking pops).</summary>
    SortedSetRemoveRange = 52,

    /// <summary>source key, destination key, rank of the first member taken (0-based ascending), count (at least 1),
    /// descending (0/1), starts big (0/1): ZRANGESTORE's result, the run of <c>count</c> members from that rank walked
    /// upwards (or downwards) and added in that order to a new sorted set (big encoding from the start or not) that
    /// replaces the destination. An empty result is logged as <see cref="Delete"/> of the destination.</summary>
    SortedSetRangeStore = 53,

    /// <summary>operation (0 union, 1 intersection, 2 difference), aggregate (0 sum, 1 min, 2 max), destination key,
    /// key count, keys..., then a weight per key or none: ZUNIONSTORE/ZINTERSTORE/ZDIFFSTORE, replayed as the same
    /// command (deterministic given the inputs, and far smaller than its result).</summary>
    SortedSetCombineStore = 54,
}
