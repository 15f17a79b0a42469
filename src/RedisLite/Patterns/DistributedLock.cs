namespace RedisLite.Patterns;

/// <summary>
/// A lock shared by every user of a store, in-process or on a Redis server: the single-instance Redis lock pattern.
/// Acquiring is <c>SET key token NX PX ttl</c>; releasing and extending check that the key still holds this holder's
/// token and act in the same atomic step, so a holder whose lease ran out can never release or extend the lock that
/// someone else has taken since.
/// </summary>
/// <remarks>
/// <para>The check-and-act steps run with <see cref="DataStore.RunAtomic{T}(Func{IDataStore, T})"/> on an in-process
/// store, and with WATCH + MULTI/EXEC (retried when the key changes) on any other <see cref="IDataStore"/>, which is
/// what a compare-and-delete script does on Redis.</para>
/// <para>The lease (<paramref name="ttl"/> of the constructor) bounds how long a crashed holder blocks others; a
/// holder that needs longer must <see cref="TryExtend"/> before it runs out.</para>
/// <para>Thread-safe: one instance may be used from any number of threads, each with its own token.</para>
/// </remarks>
/// <param name="store">The store holding the lock key.</param>
/// <param name="key">The lock's key.</param>
/// <param name="ttl">The lease: how long an acquisition lasts unless extended.</param>
public sealed class DistributedLock(IDataStore store, RedisKey key, TimeSpan ttl)
{
    private readonly IDataStore _store = store ?? throw new ArgumentNullException(nameof(store));
    private readonly RedisKey _key = key.IsNull ? throw new ArgumentException("The lock key is null.", nameof(key)) : key;
    private readonly TimeSpan _ttl = ttl >= TimeSpan.FromMilliseconds(1) ? ttl : throw new ArgumentOutOfRangeException(nameof(ttl), ttl, "The lease must be at least 1 ms.");

    /// <summary>Creates a token that identifies one acquisition (a random GUID).</summary>
    /// <returns>The token.</returns>
    public static RedisValue NewToken() => Guid.NewGuid().ToString("N");

    /// <summary>Takes the lock if nobody holds it (<c>SET key token NX PX ttl</c>).</summary>
    /// <param name="token">This holder's token (see <see cref="NewToken"/>).</param>
    /// <returns><see langword="true"/> if the lock was free and is now held with <paramref name="token"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="token"/> is null.</exception>
    public bool TryAcquire(RedisValue token)
    {
        ThrowIfNull(token);
        return _store.StringSet(_key, token, Expiration.In(_ttl), When.NotExists);
    }

    /// <summary>Releases the lock if it is still held with <paramref name="token"/> (compare-and-delete).</summary>
    /// <param name="token">The token it was acquired with.</param>
    /// <returns><see langword="true"/> if it was released; <see langword="false"/> if the lease had run out or someone else holds it.</returns>
    /// <exception cref="ArgumentException"><paramref name="token"/> is null.</exception>
    public bool Release(RedisValue token)
    {
        ThrowIfNull(token);
        return CompareAndAct(token, static (d, key, _) => d.KeyDelete(key));
    }

    /// <summary>Renews the lease to the full TTL if the lock is still held with <paramref name="token"/>.</summary>
    /// <param name="token">The token it was acquired with.</param>
    /// <returns><see langword="true"/> if the lease was renewed; <see langword="false"/> if the lock is no longer this holder's.</returns>
    /// <exception cref="ArgumentException"><paramref name="token"/> is null.</exception>
    public bool TryExtend(RedisValue token)
    {
        ThrowIfNull(token);
        return CompareAndAct(token, static (d, key, ttl) => d.KeyExpire(key, ttl));
    }

    private bool CompareAndAct(RedisValue token, Func<IDataStore, RedisKey, TimeSpan, bool> act)
    {
        if (_store is DataStore local)
        {
            return local.RunAtomic(d => d.StringGet(_key) == token && act(d, _key, _ttl));
        }

        while (true)
        {
            using var tx = _store.CreateTransaction();
            tx.Watch(_key);
            if (_store.StringGet(_key) != token)
            {
                return false;
            }

            var result = tx.Add(d => act(d, _key, _ttl));
            if (tx.Execute())
            {
                return result.Value;
            }

            // The key changed between the read and EXEC (the lease ran out, or another holder took it): look again.
        }
    }

    private static void ThrowIfNull(in RedisValue token)
    {
        if (token.IsNull)
        {
            throw new ArgumentException("The token is null.", nameof(token));
        }
    }
}
