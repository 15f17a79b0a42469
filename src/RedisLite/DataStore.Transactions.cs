using RedisLite.Collections;
using RedisLite.Keyspace;
using RedisLite.Transactions;

namespace RedisLite;

// MULTI/EXEC/WATCH and atomic delegates in-process: a transaction runs its commands inside the store-wide exclusive
// section (every shard of every database a view can reach held, in lock order; see StoreCore.EnterExclusive), which is what Redis's single thread gives EXEC.
public sealed partial class DataStore
{
    /// <summary>A store with no background work, used only to check queued commands (see <see cref="Transaction"/>).</summary>
    private DataStore(RedisLiteOptions options, TimeProvider time, bool scratch)
    {
        _ = scratch;
        _core = new StoreCore(options, time);
        _db = _core.Databases[0];
        _ownsCore = true;
        _views = new DataStore[_core.Databases.Length];
        _views[0] = this;
        _core.Activate(_db);
    }

    /// <summary>The keys that commands of the running transaction or atomic delegate filled while clients were blocked
    /// on them (Redis's <c>ready_keys</c>): served when it ends, before the store is released.</summary>
    [ThreadStatic]
    private static List<(DataStore View, byte[] Key, RedisType Type)>? t_readyKeys;

    /// <inheritdoc/>
    public ITransaction CreateTransaction() => new Transaction(this);

    private void DeferToExclusiveEnd(CollectionValue value) => (t_readyKeys ??= []).Add((this, value.Key, value.Type));

    private void EnterExclusive() => _core.EnterExclusive();

    private void ExitExclusive()
    {
        try
        {
            var ready = t_readyKeys;
            if (ready is null)
            {
                return;
            }

            // Serving may fill further keys (BLMOVE's destination), which are appended and served in turn.
            try
            {
                for (var i = 0; i < ready.Count; i++)
                {
                    var (view, key, type) = ready[i];
                    var hash = view._db.Hash(key);
                    var shard = view._db.ShardFor(hash);
                    var index = shard.Find(key, hash);
                    if (index >= 0 && shard.EntryAt(index).Value is CollectionValue { IsEmpty: false } value && value.Type == type)
                    {
                        view.ServeWaiters(shard, value, view._db.Blocking);
                    }
                }
            }
            finally
            {
                ready.Clear();
            }
        }
        finally
        {
            _core.ExitExclusive();
        }
    }

    /// <summary>
    /// Runs <paramref name="body"/> atomically: no command of any other caller, on any database of the store, runs
    /// until it returns. This is the in-process counterpart of a Lua script (<c>EVAL</c>): read, decide and write
    /// with no one in between, for example a compare-and-delete.
    /// </summary>
    /// <typeparam name="T">What the body returns.</typeparam>
    /// <param name="body">The work; it receives this database view (use <see cref="IDataStore.GetDatabase"/> on it for others).</param>
    /// <returns>What <paramref name="body"/> returned.</returns>
    /// <remarks>
    /// <para>Keep the body short and synchronous: the whole store is held while it runs. Blocking commands do not block
    /// inside it: they reply at once as on a timeout (as inside Redis's MULTI or a script). The body must not wait for
    /// other threads that use the store, and cannot start a transaction or another atomic delegate.</para>
    /// <para>Nothing is rolled back: if the body throws, the exception propagates and the writes it made before stay
    /// applied, as with a Redis script that fails half-way.</para>
    /// <para>Not on <see cref="IDataStore"/>: a Redis server cannot run .NET code atomically. Over RESP, use
    /// <see cref="IDataStore.CreateTransaction"/> with <see cref="ITransaction.Watch"/> for read-decide-write.</para>
    /// <para>Thread-safe: any number of threads may call it; they run one at a time.</para>
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="body"/> is null.</exception>
    /// <exception cref="InvalidOperationException">This thread is already inside a transaction or atomic delegate.</exception>
    public T RunAtomic<T>(Func<IDataStore, T> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        EnterExclusive();
        try
        {
            return body(this);
        }
        finally
        {
            ExitExclusive();
        }
    }

    /// <summary>Runs <paramref name="body"/> atomically; see <see cref="RunAtomic{T}(Func{IDataStore, T})"/>.</summary>
    /// <param name="body">The work; it receives this database view.</param>
    /// <exception cref="ArgumentNullException"><paramref name="body"/> is null.</exception>
    /// <exception cref="InvalidOperationException">This thread is already inside a transaction or atomic delegate.</exception>
    public void RunAtomic(Action<IDataStore> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        RunAtomic<bool>(d =>
        {
            body(d);
            return true;
        });
    }

    /// <summary>Watches <paramref name="keys"/> of this view's database for <paramref name="watch"/> (WATCH): a later
    /// write of any of them, or its expiry, makes <see cref="WatchHolds"/> false. Used by transactions here and by the
    /// RESP server's per-connection WATCH.</summary>
    internal void WatchKeys(WatchState watch, ReadOnlySpan<RedisKey> keys)
    {
        var registry = _core.WatchRegistryOf(_db);
        foreach (var key in keys)
        {
            var bytes = key.AsMemory().ToArray();
            if (watch.Keys.Exists(w => w.Database == _db && w.Key.AsSpan().SequenceEqual(bytes)))
            {
                continue;
            }

            var hash = _db.Hash(bytes);
            var shard = _db.ShardFor(hash);

            // Under the shard's lock no write of the key can fall between registering and reading its state.
            shard.SyncRoot.Enter();
            try
            {
                var index = shard.Find(bytes, hash);
                var expireAt = index < 0 ? 0 : shard.EntryAt(index).ExpireAt;
                var expired = expireAt != 0 && _core.NowMilliseconds() > expireAt;
                var watched = new WatchedKey(watch, _db, bytes, expired);
                registry.Add(watched);
                watch.Keys.Add(watched);
            }
            finally
            {
                shard.SyncRoot.Exit();
            }
        }
    }

    /// <summary>Forgets every key <paramref name="watch"/> watches (UNWATCH).</summary>
    internal void Unwatch(WatchState watch) => watch.Clear(_core);

    /// <summary>False if a key <paramref name="watch"/> watches was changed, or has expired since it was watched (Redis
    /// 7.0 checks that at EXEC even if nothing has reclaimed the key yet). Caller holds the whole store.</summary>
    internal bool WatchHolds(WatchState watch)
    {
        if (watch.IsDirty)
        {
            return false;
        }

        long now = 0;
        foreach (var watched in watch.Keys)
        {
            if (watched.ExpiredWhenWatched)
            {
                continue;
            }

            var hash = watched.Database.Hash(watched.Key);
            var shard = watched.Database.ShardFor(hash);
            var index = shard.Find(watched.Key, hash);
            if (index >= 0 && shard.EntryAt(index).ExpireAt is var expireAt and not 0)
            {
                if (now == 0)
                {
                    now = _core.NowMilliseconds();
                }

                if (now > expireAt)
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>
    /// EXEC for a client that queued commands itself (the RESP server): checks memory when a queued command may add
    /// data (<paramref name="deniesOom"/>), then inside the exclusive section checks <paramref name="watch"/> and runs
    /// <paramref name="body"/>. Watches are cleared in every case.
    /// </summary>
    /// <returns>False, without running the body, if a watched key changed.</returns>
    /// <exception cref="RedisException">Out of memory: Redis's EXECABORT text.</exception>
    internal bool ExecuteQueued(WatchState? watch, bool deniesOom, Action body)
    {
        try
        {
            if (deniesOom && !_core.TryFreeMemory())
            {
                throw new RedisException(ErrorMessages.ExecAbortOutOfMemory);
            }

            EnterExclusive();
            try
            {
                if (watch is not null)
                {
                    if (!WatchHolds(watch))
                    {
                        return false;
                    }

                    // As in Redis, the transaction's own writes must not count against its watches.
                    watch.Clear(_core);
                }

                body();
                return true;
            }
            finally
            {
                ExitExclusive();
            }
        }
        finally
        {
            watch?.Clear(_core);
        }
    }

    /// <summary>Whether the store could take a write that adds data now (evicting if its policy allows); false when it
    /// would answer Redis's OOM error. The RESP server asks this when such a command is queued inside MULTI.</summary>
    internal bool TryFreeMemory() => _core.TryFreeMemory();

    /// <summary>The empty twin store that queued commands are tried on, with its gate.</summary>
    private sealed class ScratchStore(DataStore store)
    {
        public Lock Gate { get; } = new();

        public DataStore Store { get; } = store;
    }

    /// <summary>An in-process transaction.</summary>
    /// <remarks>
    /// Redis rejects some commands when they are queued (a wrong number of arguments), before any runs; here a command
    /// is only a delegate until it runs, so each one is tried when queued on a twin store holding nothing real (with
    /// blocking commands answering at once): the argument checks of every <see cref="DataStore"/> method come before it
    /// touches data, so a queue-time error shows there exactly as it would on the real store, and nothing real is
    /// changed. The twin is emptied when the transaction ends.
    /// </remarks>
    private sealed class Transaction(DataStore store) : TransactionCore
    {
        private readonly WatchState _watch = new();
        private ScratchStore? _usedScratch;
        private bool _deniesOom;

        protected override void WatchCore(RedisKey[] keys) => store.WatchKeys(_watch, keys);

        protected override void UnwatchCore() => _watch.Clear(store._core);

        protected override void Finished()
        {
            _watch.Clear(store._core);

            // What the checks wrote is dropped once per transaction rather than once per command (it is only ever
            // read by later checks, whose argument errors do not depend on data).
            if (_usedScratch is { } scratch)
            {
                lock (scratch.Gate)
                {
                    // Every database the checks wrote to (commands may address other databases than the view's).
                    foreach (var database in scratch.Store._core.Databases)
                    {
                        if (database.HasHadKeys && scratch.Store.View(database.Index) is var view && view.DatabaseSize() != 0)
                        {
                            view.FlushDatabase();
                        }
                    }
                }
            }
        }

        protected override Exception? CheckQueued(TransactionResult result)
        {
            // As Redis does inside MULTI, any command queued while the store is over its limit and nothing can be
            // evicted is rejected, which makes EXEC discard the transaction.
            if (!store._core.TryFreeMemory())
            {
                return new RedisException(ErrorMessages.OutOfMemory);
            }

            var scratch = store._core.Scratch(() => new ScratchStore(new DataStore(
                // A limit that is never reached makes the twin's writes report whether they may add data (see below).
                new RedisLiteOptions { Databases = store._core.Databases.Length, ActiveExpiry = false, MaxMemory = long.MaxValue },
                store._core.Time,
                scratch: true)));
            Exception? error = null;
            lock (scratch.Gate)
            {
                var view = scratch.Store.View(store._db.Index);
                var previous = scratch.Store._core.MarkExclusive();
                StoreCore.ResetDenyOomSeen();
                try
                {
                    if (result.Probe(view) is Task { IsFaulted: true } faulted)
                    {
                        error = faulted.Exception.InnerException;
                    }
                }
                catch (RedisException ex)
                {
                    error = ex;
                }
                finally
                {
                    StoreCore.RestoreExclusiveOwner(previous);
                }

                // The command may add data (Redis's denyoom flag): EXEC will then check memory before it runs.
                _deniesOom |= StoreCore.DenyOomSeen;
            }

            _usedScratch = scratch;

            // Other errors depend on the data (WRONGTYPE, not an integer, ...): Redis reports them when the command runs.
            return error is RedisException redis && ErrorMessages.IsQueueTimeError(redis.Message) ? error : null;
        }

        protected override bool ExecuteCore(IReadOnlyList<TransactionResult> queued)
        {
            // Redis 7 checks memory once, at EXEC, for a transaction holding a command that may add data.
            if (_deniesOom && !store._core.TryFreeMemory())
            {
                var abort = new RedisException(ErrorMessages.ExecAbortOutOfMemory);
                foreach (var result in queued)
                {
                    if (result.Status == TransactionResultStatus.Pending)
                    {
                        result.SetFailed(abort);
                    }
                }

                throw abort;
            }

            store.EnterExclusive();
            try
            {
                if (!store.WatchHolds(_watch))
                {
                    return false;
                }

                // As in Redis, the transaction's own writes must not count against its watches.
                UnwatchCore();
                foreach (var result in queued)
                {
                    if (result.Status == TransactionResultStatus.Pending)
                    {
                        result.Run(store);
                    }
                }

                return true;
            }
            finally
            {
                UnwatchCore();
                store.ExitExclusive();
            }
        }
    }
}
