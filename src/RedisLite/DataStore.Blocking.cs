using RedisLite.Blocking;
using RedisLite.Collections;
using RedisLite.Keyspace;

namespace RedisLite;

// The blocking commands' shared machinery: a caller that finds its keys empty registers a BlockedCall with the
// database's registry while still holding the keys' shards; every write that leaves a non-empty list or sorted set at a
// key then serves that key's waiters, in the order they blocked, inside its own write scope (so the new elements go to
// the waiters before any other command can see them, as in Redis).
public sealed partial class DataStore
{
    /// <summary>Gets the number of callers currently blocked on this database's keys (tests and diagnostics).</summary>
    internal int BlockedCallCount => _db.Blocking.Count;

    /// <summary>The lock of the shard that holds <paramref name="key"/> (tests hold it to force a deferred serve).</summary>
    internal Lock ShardLockFor(ReadOnlySpan<byte> key) => _db.ShardFor(_db.Hash(key)).SyncRoot;

    /// <summary>Tries a blocking command at once and, if it cannot complete, blocks it on its keys.</summary>
    /// <typeparam name="T">The result type; <c>default</c> is the timeout result.</typeparam>
    /// <param name="keys">The keys the command reads, in its order, and then any extra key it writes (BLMOVE's destination).</param>
    /// <param name="waitKeys">How many of <paramref name="keys"/> (from the start) the call waits on.</param>
    /// <param name="type">The collection type the command pops.</param>
    /// <param name="timeout">The timeout; zero waits forever.</param>
    /// <param name="tryNow">Runs the command's non-blocking form under all the keys' write scopes: returns true with a
    /// result when it could complete (or throws, for WRONGTYPE), false when every waited key is empty.</param>
    /// <param name="serve">Serves the blocked call from a ready key later (see <see cref="BlockedCall{T}"/>).</param>
    /// <param name="cancellationToken">The caller's token.</param>
    /// <returns>The command's task.</returns>
    private Task<T> BlockAsync<T>(
        ReadOnlyMemory<byte>[] keys,
        int waitKeys,
        RedisType type,
        TimeSpan timeout,
        TryNow<T> tryNow,
        Func<BlockedCall<T>, CollectionValue, ServeOutcome> serve,
        CancellationToken cancellationToken)
    {
        if (timeout < TimeSpan.Zero)
        {
            return Task.FromException<T>(new RedisException(ErrorMessages.TimeoutNegative));
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        // Redis counts timeouts in milliseconds; a positive timeout shorter than that still waits one millisecond.
        if (timeout > TimeSpan.Zero && timeout < TimeSpan.FromMilliseconds(1))
        {
            timeout = TimeSpan.FromMilliseconds(1);
        }

        var waitOn = new byte[waitKeys][];
        for (var i = 0; i < waitKeys; i++)
        {
            waitOn[i] = keys[i].ToArray();
        }

        var alsoLocks = keys.Length > waitKeys ? keys[waitKeys].ToArray() : null;
        var call = new BlockedCall<T>(_db.Blocking, waitOn, type, alsoLocks, serve);
        try
        {
            using var scope = OpenWriteMany(keys);
            if (tryNow(scope, out var result))
            {
                return Task.FromResult(result);
            }

            if (StoreCore.InExclusiveSection)
            {
                // Inside a transaction or atomic delegate nothing else can run to fill the keys, so, as inside
                // Redis's MULTI, the command answers at once as if it had timed out.
                return Task.FromResult<T>(default!);
            }

            _db.Blocking.Add(call);
        }
        catch (RedisException ex)
        {
            return Task.FromException<T>(ex);
        }

        call.Arm(_core.Time, timeout, cancellationToken);
        return call.Task;
    }

    /// <summary>The immediate attempt of a blocking command; see <see cref="BlockAsync"/>.</summary>
    private delegate bool TryNow<T>(MultiCollectionAccess scope, out T result);

    /// <inheritdoc/>
    partial void ServeBlockedClients(Shard shard, CollectionValue value)
    {
        var registry = _db.Blocking;
        if (registry.IsEmpty)
        {
            return;
        }

        if (_core.InOwnExclusiveSection)
        {
            // As in Redis, clients blocked on a key a transaction fills are served once the whole transaction has run.
            // (Only this store's transaction: its exit serves them while it still holds this store's shards.)
            DeferToExclusiveEnd(value);
            return;
        }

        ServeWaiters(shard, value, registry);
    }

    /// <summary>Serves the calls waiting on <paramref name="value"/>'s key, first come first served, until the value is
    /// empty or no one is left. Caller holds the key's write scope.</summary>
    private void ServeWaiters(Shard shard, CollectionValue value, BlockingRegistry registry)
    {
        var key = value.Key;
        var waiting = registry.Waiting(key, value.Type);
        if (waiting is null)
        {
            return;
        }

        foreach (var call in waiting)
        {
            if (value.IsEmpty)
            {
                break;
            }

            if (call.Serve(value) == ServeOutcome.Deferred)
            {
                // The ones behind it wait too, so that they are still served in the order they blocked.
                DeferServe(key, value.Type);
                break;
            }
        }

        if (value.IsEmpty)
        {
            // The waiters took everything: the key goes, as after any pop (the caller's settle has already run).
            var hash = _db.Hash(key);
            var index = shard.Find(key, hash);
            if (index >= 0 && ReferenceEquals(shard.EntryAt(index).Value, value))
            {
                Remove(shard, index);
                Notify(KeyspaceEventTypes.Generic, "del", key);
            }
        }
        else
        {
            // The waiters popped from the collection in place: bring the shard's memory total up to date.
            var hash = _db.Hash(key);
            var index = shard.Find(key, hash);
            if (index >= 0 && ReferenceEquals(shard.EntryAt(index).Value, value))
            {
                shard.Resync(value);
            }
        }
    }

    /// <summary>Serves a key's waiters again after the current command has released its locks: a write scope over the
    /// key and the extra key its first waiter needs, taken in lock order, serves them when it closes.</summary>
    private void DeferServe(byte[] key, RedisType type) =>
        ThreadPool.UnsafeQueueUserWorkItem(static s => s.Store.ServeDeferred(s.Key, s.Type), (Store: this, Key: key, Type: type), preferLocal: false);

    private void ServeDeferred(byte[] key, RedisType type)
    {
        var also = _db.Blocking.FirstAlsoLocks(key, type);
        using var scope = also is null ? OpenWriteMany(key) : OpenWriteMany(key, also);

        // Closing the scope settles both keys, which serves their waiters with both shards held.
    }

    /// <summary>Runs <paramref name="move"/> with the write scope of <paramref name="destination"/>'s shard held, when that
    /// is possible without risking a deadlock from inside another key's write scope: the shard is already held by this
    /// thread, or free right now. Otherwise returns <see cref="ServeOutcome.Deferred"/> without running it.</summary>
    private ServeOutcome WithShardOf(byte[] destination, Func<ServeOutcome> move)
    {
        var shard = _db.ShardFor(_db.Hash(destination));
        var root = shard.SyncRoot;
        if (root.IsHeldByCurrentThread)
        {
            return move();
        }

        // A try-lock never waits, so taking it out of lock order cannot deadlock.
        if (!root.TryEnter())
        {
            return ServeOutcome.Deferred;
        }

        try
        {
            return move();
        }
        finally
        {
            root.Exit();
        }
    }
}
