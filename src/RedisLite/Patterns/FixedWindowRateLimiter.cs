namespace RedisLite.Patterns;

/// <summary>
/// A fixed-window rate limiter shared by every user of a store: at most <c>limit</c> permits per key per window.
/// Each attempt is one transaction of <c>INCR key</c> and <c>EXPIRE key window NX</c>, so the counter and its window
/// are created together and no attempt is lost or double-counted, whatever the concurrency.
/// </summary>
/// <remarks>
/// <para>The window starts with the first attempt and the key expires with it; attempts beyond the limit are counted
/// too (they are refused), as in the classic Redis pattern.</para>
/// <para>Thread-safe: one instance may be used from any number of threads.</para>
/// </remarks>
/// <param name="store">The store holding the counters.</param>
/// <param name="limit">How many permits a window grants.</param>
/// <param name="window">The window's length.</param>
public sealed class FixedWindowRateLimiter(IDataStore store, long limit, TimeSpan window)
{
    private readonly IDataStore _store = store ?? throw new ArgumentNullException(nameof(store));
    private readonly long _limit = limit > 0 ? limit : throw new ArgumentOutOfRangeException(nameof(limit), limit, "The limit must be positive.");
    private readonly TimeSpan _window = window >= TimeSpan.FromMilliseconds(1) ? window : throw new ArgumentOutOfRangeException(nameof(window), window, "The window must be at least 1 ms.");

    /// <summary>Counts an attempt for <paramref name="key"/> and tells whether it is within the limit.</summary>
    /// <param name="key">What is limited (a user, a client address, ...).</param>
    /// <returns><see langword="true"/> if the attempt is permitted.</returns>
    /// <exception cref="ArgumentException"><paramref name="key"/> is null.</exception>
    /// <exception cref="RedisException">The key holds something other than a counter.</exception>
    public bool TryAcquire(RedisKey key)
    {
        if (key.IsNull)
        {
            throw new ArgumentException("The key is null.", nameof(key));
        }

        using var tx = _store.CreateTransaction();
        var count = tx.Add(d => d.StringIncrement(key));
        tx.Add(d => d.KeyExpire(key, _window, ExpireWhen.HasNoExpiry));
        tx.Execute();
        return count.Value <= _limit;
    }
}
