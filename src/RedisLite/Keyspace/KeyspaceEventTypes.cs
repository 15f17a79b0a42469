namespace RedisLite.Keyspace;

/// <summary>The classes of Redis's <c>notify-keyspace-events</c>, one flag per letter.</summary>
[Flags]
internal enum KeyspaceEventTypes
{
    /// <summary>No event.</summary>
    None = 0,

    /// <summary><c>K</c>: publish on <c>__keyspace@db__:key</c>.</summary>
    Keyspace = 1 << 0,

    /// <summary><c>E</c>: publish on <c>__keyevent@db__:event</c>.</summary>
    Keyevent = 1 << 1,

    /// <summary><c>g</c>: generic commands (DEL, EXPIRE, RENAME, ...).</summary>
    Generic = 1 << 2,

    /// <summary><c>$</c>: string commands.</summary>
    String = 1 << 3,

    /// <summary><c>l</c>: list commands.</summary>
    List = 1 << 4,

    /// <summary><c>s</c>: set commands.</summary>
    Set = 1 << 5,

    /// <summary><c>h</c>: hash commands.</summary>
    Hash = 1 << 6,

    /// <summary><c>z</c>: sorted set commands.</summary>
    SortedSet = 1 << 7,

    /// <summary><c>x</c>: expired events (a key reclaimed because its TTL passed).</summary>
    Expired = 1 << 8,

    /// <summary><c>e</c>: evicted events (a key removed for maxmemory).</summary>
    Evicted = 1 << 9,

    /// <summary><c>t</c>: stream commands.</summary>
    Stream = 1 << 10,

    /// <summary><c>m</c>: key-miss events (a key read that does not exist); not part of <c>A</c>.</summary>
    KeyMiss = 1 << 11,

    /// <summary><c>n</c>: new-key events; not part of <c>A</c>.</summary>
    New = 1 << 12,

    /// <summary><c>A</c>: alias for <c>g$lshzxet</c>.</summary>
    All = Generic | String | List | Set | Hash | SortedSet | Expired | Evicted | Stream,
}
