namespace RedisLite.Blocking;

/// <summary>What a blocked call's serve callback did with a ready key.</summary>
internal enum ServeOutcome
{
    /// <summary>The call was claimed and completed (with a result or an error).</summary>
    Served = 0,

    /// <summary>The call was not served here (already claimed by someone else, or it cannot use this key); the next
    /// waiter in line may be tried.</summary>
    Skipped = 1,

    /// <summary>The call needs a shard it cannot lock safely from here (BLMOVE's destination). Nothing was claimed or
    /// popped; the key must be served again once the pushing command has released its locks, and waiters behind this
    /// one must wait for that, to keep their order.</summary>
    Deferred = 2,
}
