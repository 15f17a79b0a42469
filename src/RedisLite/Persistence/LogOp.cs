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

    /// <summary>key, then field, value pairs (at least one): the fields now hold these values (HSET, an HSETNX that
    /// set, HINCRBY and HINCRBYFLOAT with their result).</summary>
    HashSet = 20,

    /// <summary>key, fields...: HDEL that removed at least one of them (the key goes with its last field).</summary>
    HashDelete = 21,

    // ---------------------------------------------------------------- lists: 30-39

    /// <summary>key, side (0 left, 1 right), elements... (at least one, in push order): LPUSH, RPUSH, and an LPUSHX or
    /// RPUSHX that pushed.</summary>
    ListPush = 30,

    /// <summary>key, side (0 left, 1 right), count (at least 1, no more than the list holds): LPOP, RPOP, LMPOP and
    /// the blocking pops (BLPOP, BRPOP, BLMPOP), however they were served.</summary>
    ListPop = 31,

    /// <summary>key, index (resolved: 0 to length - 1), element: LSET.</summary>
    ListSet = 32,

    /// <summary>key, where (0 before, 1 after), pivot, element: an LINSERT that inserted.</summary>
    ListInsert = 33,

    /// <summary>key, count (as given: positive from the head, negative from the tail, 0 all), element: an LREM that
    /// removed.</summary>
    ListRemove = 34,

    /// <summary>key, first, last (resolved inclusive indexes, 0 &lt;= first &lt;= last &lt; length): an LTRIM that kept a
    /// part of the list (one that kept nothing is logged as a delete).</summary>
    ListTrim = 35,

    /// <summary>source key, destination key, from side, to side (0 left, 1 right): LMOVE, RPOPLPUSH, BLMOVE and
    /// BRPOPLPUSH that moved an element.</summary>
    ListMove = 36,

    // ---------------------------------------------------------------- sets: 40-49

    /// <summary>key, members...: SADD that added at least one of them.</summary>
    SetAdd = 40,

    /// <summary>key, members...: SREM that removed at least one of them, or the members an SPOP chose (the key goes
    /// with its last member).</summary>
    SetRemove = 41,

    /// <summary>source key, destination key, member: SMOVE that moved (a source left empty is deleted).</summary>
    SetMove = 42,

    /// <summary>operation (0 union, 1 intersection, 2 difference), destination key, source keys...: SUNIONSTORE,
    /// SINTERSTORE or SDIFFSTORE that changed the destination, replayed as the same command (deterministic given the
    /// sources, and far smaller than the result).</summary>
    SetCombineStore = 43,

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
    /// command (deterministic given the inputs, and far smaller than its result). An empty result that removed the
    /// destination is logged as <see cref="Delete"/>.</summary>
    SortedSetCombineStore = 54,
}
