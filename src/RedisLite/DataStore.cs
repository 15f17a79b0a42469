using System.Runtime.CompilerServices;
using RedisLite.Internal;
using RedisLite.Keyspace;

namespace RedisLite;

/// <summary>
/// The in-process RedisLite store: Redis 7's keyspace, strings, keys and expiry, in this process's memory.
/// </summary>
/// <remarks>
/// <para>Thread-safe: every member may be called concurrently. Each operation is atomic and linearizable; reads take no
/// lock on their fast path, writes lock only the slice of the keyspace (one of several shards per database) that
/// holds their keys, and multi-key operations lock the shards they touch in a fixed order.</para>
/// <para>Time comes from the <see cref="TimeProvider"/> given to the constructor. Expired keys are never visible; they are
/// reclaimed when touched and by a background cycle that samples keys with a TTL (see
/// <see cref="RedisLiteOptions.ActiveExpiry"/>). Dispose the store to stop that cycle; views returned by
/// <see cref="GetDatabase"/> share the store and need no disposal of their own.</para>
/// </remarks>
public sealed partial class DataStore : IDataStore, IDisposable
{
    /// <summary>Keys up to this many bytes are encoded on the stack.</summary>
    private const int KeyScratchSize = 256;

    /// <summary>Redis's <c>proto-max-bulk-len</c>: the largest string a command may build (512 MB).</summary>
    internal const long MaxStringLength = 512L * 1024 * 1024;

    private readonly StoreCore _core;
    private readonly Database _db;
    private readonly DataStore[] _views;
    private readonly bool _ownsCore;
    private readonly Diagnostics.StoreMeter? _meter;
    private readonly Persistence.PersistenceManager? _persistence;

    /// <summary>Creates a store.</summary>
    /// <param name="options">The settings, or <see langword="null"/> for the defaults.</param>
    /// <param name="timeProvider">The clock for expiry, or <see langword="null"/> for <see cref="TimeProvider.System"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="options"/> is invalid; the message lists every problem.</exception>
    public DataStore(RedisLiteOptions? options = null, TimeProvider? timeProvider = null)
        : this(options, timeProvider, meterFactory: null)
    {
    }

    /// <summary>Creates a store that publishes its metrics through the host's meter factory.</summary>
    /// <param name="options">The settings, or <see langword="null"/> for the defaults.</param>
    /// <param name="timeProvider">The clock for expiry, or <see langword="null"/> for <see cref="TimeProvider.System"/>.</param>
    /// <param name="meterFactory">Creates the <c>RedisLite</c> meter (see <see cref="Diagnostics.RedisLiteMetrics"/>), or
    /// <see langword="null"/> for a meter of the store's own.</param>
    /// <exception cref="ArgumentException"><paramref name="options"/> is invalid; the message lists every problem.</exception>
    public DataStore(RedisLiteOptions? options, TimeProvider? timeProvider, System.Diagnostics.Metrics.IMeterFactory? meterFactory)
    {
        options ??= new RedisLiteOptions();
        var errors = options.Validate();
        if (errors.Count != 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }

        _core = new StoreCore(options, timeProvider ?? TimeProvider.System);
        _db = _core.Databases[0];
        _ownsCore = true;
        _views = new DataStore[_core.Databases.Length];
        _views[0] = this;
        _core.Activate(_db);
        if (options.Persistence is { } persistence)
        {
            try
            {
                // Before the background work starts: nothing expires or is sampled while the data loads.
                _persistence = Persistence.PersistenceManager.Open(this, _core, persistence);
            }
            catch
            {
                _core.Dispose();
                throw;
            }
        }

        _core.StartBackgroundWork();
        _meter = CreateMeter(this, options, meterFactory);
    }

    private DataStore(DataStore owner, int database)
    {
        _core = owner._core;
        _db = _core.Databases[database];

        // Before the view is published: a database becomes reachable only through an active view.
        _core.Activate(_db);
        _views = owner._views;
    }

    /// <inheritdoc/>
    public int Database => _db.Index;

    /// <inheritdoc/>
    public int DatabaseCount => _core.Databases.Length;

    /// <summary>Gets the number of keys reclaimed so far because their TTL passed.</summary>
    public long ExpiredKeys => _core.ExpiredKeys;

    /// <inheritdoc/>
    public IDataStore GetDatabase(int database) => View(database);

    private DataStore View(int database)
    {
        if ((uint)database >= (uint)_views.Length)
        {
            ThrowHelper.ThrowRedis(ErrorMessages.DbIndexOutOfRange);
        }

        var view = Volatile.Read(ref _views[database]);
        if (view is null)
        {
            view = new DataStore(this, database);
            view = Interlocked.CompareExchange(ref _views[database], view, null) ?? view;
        }

        return view;
    }

    /// <summary>Runs one active expiry cycle now (tests and tools; the background timer does this on its own).</summary>
    /// <returns>The number of keys reclaimed.</returns>
    internal int RunActiveExpiryCycle() => _core.ActiveExpiry.Run();

    /// <inheritdoc/>
    public long DatabaseSize()
    {
        _core.Counters.Command();
        return CountKeys(_db);
    }

    private static long CountKeys(Database database) => ReadAllShards(database.Shards, static shards =>
    {
        long total = 0;
        foreach (var shard in shards)
        {
            total += shard.Count;
        }

        return total;
    });

    /// <inheritdoc/>
    public void FlushDatabase() => Flush([_db]);

    /// <inheritdoc/>
    public void FlushAllDatabases() => Flush(_core.Databases);

    private void Flush(Database[] databases)
    {
        _core.Counters.Command();
        var shards = databases.SelectMany(static d => d.Shards).ToArray();
        EnterWriteAll(shards);
        try
        {
            foreach (var database in databases)
            {
                _core.DatabaseFlushing(database);
            }

            foreach (var shard in shards)
            {
                shard.Clear();
            }

            if (Log is { } log)
            {
                using var logged = log.Begin(databases.Length == 1 ? Persistence.LogOp.FlushDatabase : Persistence.LogOp.FlushAll, _db.Index);
            }
        }
        finally
        {
            ExitWriteAll(shards);
        }
    }

    /// <summary>Disposes the store: stops the active expiry cycle. Disposing a database view does nothing.</summary>
    public void Dispose()
    {
        if (_ownsCore)
        {
            _meter?.Dispose();
            try
            {
                _persistence?.Dispose();
            }
            finally
            {
                _core.Dispose();
            }
        }
    }

    // ------------------------------------------------------------------ shared plumbing

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ReadOnlySpan<byte> KeyBytes(in RedisKey key, Span<byte> scratch, [CallerArgumentExpression(nameof(key))] string paramName = "key")
    {
        if (key.IsNull)
        {
            ThrowHelper.ThrowKeyNull(paramName);
        }

        return key.GetBytes(scratch);
    }

    private static ReadOnlyMemory<byte> KeyMemory(in RedisKey key, string paramName)
    {
        if (key.IsNull)
        {
            ThrowHelper.ThrowKeyNull(paramName);
        }

        return key.AsMemory();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ThrowIfNull(in RedisValue value, [CallerArgumentExpression(nameof(value))] string paramName = "value")
    {
        if (value.IsNull)
        {
            ThrowHelper.ThrowValueNull(paramName);
        }
    }

    /// <summary>Reads a live key without locking. An expired key reads as missing and is deleted on the way.
    /// <paramref name="touch"/> false is Redis's NOTOUCH lookup (EXISTS, TYPE, TTL): the key's idle time is kept.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryGetLive(Shard shard, ReadOnlySpan<byte> key, int hash, out object? value, out long expireAt, bool touch = true)
    {
        if (!shard.TryGet(key, hash, touch ? _core.Clock : Shard.NoTouch, out value, out expireAt))
        {
            ReadLookup(hit: false, key);
            return false;
        }

        if (expireAt != 0)
        {
            var now = _core.NowMilliseconds();
            if (now > expireAt)
            {
                DeleteIfExpired(shard, key, hash, now);
                value = null;
                ReadLookup(hit: false, key);
                return false;
            }
        }

        ReadLookup(hit: true, key);
        return true;
    }

    /// <summary>Records a reading command's key lookup: a keyspace hit or miss, and on a miss Redis's <c>keymiss</c>
    /// event (the two always go together, as in Redis's lookupKey).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void ReadLookup(bool hit, ReadOnlySpan<byte> key)
    {
        _core.Counters.CommandWithLookup(hit);
        if (!hit)
        {
            Notify(KeyspaceEventTypes.KeyMiss, "keymiss", key);
        }
    }

    private void DeleteIfExpired(Shard shard, ReadOnlySpan<byte> key, int hash, long now)
    {
        shard.EnterWrite();
        try
        {
            FindLive(shard, key, hash, now);
        }
        finally
        {
            shard.ExitWrite();
        }
    }

    /// <summary>Finds a live key's entry under the shard's write scope, deleting it first if it has expired.</summary>
    private int FindLive(Shard shard, ReadOnlySpan<byte> key, int hash, long now)
    {
        var index = shard.Find(key, hash);
        if (index >= 0)
        {
            var expireAt = shard.EntryAt(index).ExpireAt;
            if (expireAt != 0 && now > expireAt)
            {
                Remove(shard, index);
                _core.CountExpired();
                LogKey(Persistence.LogOp.Delete, key);
                Notify(KeyspaceEventTypes.Expired, "expired", key);
                return -1;
            }
        }

        return index;
    }

    /// <summary>Like <see cref="FindLive(Shard, ReadOnlySpan{byte}, int, long)"/>, asking the clock only when the key has a TTL.</summary>
    private int FindLive(Shard shard, ReadOnlySpan<byte> key, int hash, ref long now)
    {
        var index = shard.Find(key, hash);
        if (index >= 0)
        {
            var expireAt = shard.EntryAt(index).ExpireAt;
            if (expireAt != 0)
            {
                if (now == 0)
                {
                    now = _core.NowMilliseconds();
                }

                if (now > expireAt)
                {
                    Remove(shard, index);
                    _core.CountExpired();
                    LogKey(Persistence.LogOp.Delete, key);
                    Notify(KeyspaceEventTypes.Expired, "expired", key);
                    return -1;
                }
            }
        }

        return index;
    }

    private bool IsLive(long expireAt, ref long now)
    {
        if (expireAt == 0)
        {
            return true;
        }

        if (now == 0)
        {
            now = _core.NowMilliseconds();
        }

        return now <= expireAt;
    }

    /// <summary>Writes <paramref name="value"/> at <paramref name="index"/> (or adds the key) and applies an expiry
    /// (0: none, <see cref="KeepTtl"/>: unchanged). Caller holds the write scope.</summary>
    private void Store(Shard shard, int index, int hash, object value, long expireAt)
    {
        if (index < 0)
        {
            shard.Add(hash, value, expireAt == KeepTtl ? 0 : expireAt, _core.Clock);
            NotifyNew(value);
        }
        else
        {
            shard.ReplaceValue(index, value);
            shard.Touch(ref shard.EntryAt(index), _core.Clock);
            if (expireAt != KeepTtl)
            {
                shard.SetExpireAt(index, expireAt);
            }
        }

        ModifiedValue(value);
    }

    /// <summary>Removes the entry at <paramref name="index"/> and tells WATCH. Caller holds the write scope.</summary>
    private void Remove(Shard shard, int index)
    {
        var value = shard.EntryAt(index).Value!;
        shard.RemoveAt(index);
        ModifiedValue(value);
    }

    /// <summary>Tells WATCH that a key of this database was changed (Redis's <c>signalModifiedKey</c>); costs one
    /// field read when nothing is watched. Caller holds the key's write scope.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Modified(ReadOnlySpan<byte> key) => _core.KeyModified(_db, key);

    /// <summary>Like <see cref="Modified(ReadOnlySpan{byte})"/> for the key a stored value carries, looked up only
    /// when something is watched.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void ModifiedValue(object value)
    {
        if (_core.IsWatching(_db))
        {
            _core.KeyModified(_db, StoredValue.KeyOf(value));
        }
    }

    /// <summary>Marker for "leave the TTL as it is" in <see cref="Store"/>.</summary>
    private const long KeepTtl = -1;

    /// <summary>The keys of a multi-key operation: their bytes, hashes and shards, plus the distinct shards in lock order.</summary>
    private readonly struct KeyBatch
    {
        public KeyBatch(Database db, ReadOnlyMemory<byte>[] keys)
        {
            Keys = keys;
            Hashes = new int[keys.Length];
            ShardOf = new Shard[keys.Length];
            for (var i = 0; i < keys.Length; i++)
            {
                Hashes[i] = db.Hash(keys[i].Span);
                ShardOf[i] = db.ShardFor(Hashes[i]);
            }

            Distinct = DistinctInLockOrder(ShardOf);
        }

        public ReadOnlyMemory<byte>[] Keys { get; }

        public int[] Hashes { get; }

        public Shard[] ShardOf { get; }

        public Shard[] Distinct { get; }
    }

    private KeyBatch Batch(RedisKey[] keys, string command, [CallerArgumentExpression(nameof(keys))] string paramName = "keys")
    {
        ArgumentNullException.ThrowIfNull(keys, paramName);
        if (keys.Length == 0)
        {
            ThrowHelper.ThrowRedis(ErrorMessages.WrongArgumentCount(command));
        }

        var memory = new ReadOnlyMemory<byte>[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            memory[i] = KeyMemory(keys[i], paramName);
        }

        return new KeyBatch(_db, memory);
    }

    private static Shard[] DistinctInLockOrder(params Shard[] shards)
    {
        if (shards.Length <= 1)
        {
            return shards.Length == 0 ? [] : [shards[0]];
        }

        var distinct = shards.Distinct().ToArray();
        Array.Sort(distinct, static (a, b) => a.Ordinal.CompareTo(b.Ordinal));
        return distinct;
    }

    /// <summary>Enters the write scope of every shard, in lock order, so a multi-key change is seen all at once.</summary>
    private static void EnterWriteAll(Shard[] shardsInLockOrder)
    {
        var entered = 0;
        try
        {
            for (; entered < shardsInLockOrder.Length; entered++)
            {
                shardsInLockOrder[entered].EnterWrite();
            }
        }
        catch
        {
            for (var i = entered - 1; i >= 0; i--)
            {
                shardsInLockOrder[i].ExitWrite();
            }

            throw;
        }
    }

    private static void ExitWriteAll(Shard[] shardsInLockOrder)
    {
        for (var i = shardsInLockOrder.Length - 1; i >= 0; i--)
        {
            shardsInLockOrder[i].ExitWrite();
        }
    }

    /// <summary>Runs <paramref name="read"/> over a consistent state of several shards: optimistically (validated
    /// against every shard's version) and, if writers keep interfering, under all their locks.</summary>
    private static T ReadAllShards<T>(Shard[] shardsInLockOrder, Func<Shard[], T> read)
    {
        Span<int> versions = shardsInLockOrder.Length <= 64 ? stackalloc int[shardsInLockOrder.Length] : new int[shardsInLockOrder.Length];

        // Inside a transaction this thread holds every shard already: the versions stay odd, so go straight to the locks.
        var attempts = shardsInLockOrder.Length != 0 && shardsInLockOrder[0].SyncRoot.IsHeldByCurrentThread ? 0 : 8;
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            var stable = true;
            for (var i = 0; i < shardsInLockOrder.Length && stable; i++)
            {
                versions[i] = shardsInLockOrder[i].BeginOptimisticRead();
                stable = versions[i] >= 0;
            }

            if (stable)
            {
                T result;
                try
                {
                    result = read(shardsInLockOrder);
                }
                catch (Exception) when (!AllValid(shardsInLockOrder, versions))
                {
                    // A torn read may fail in odd ways; it is retried like any other torn read.
                    continue;
                }

                if (AllValid(shardsInLockOrder, versions))
                {
                    return result;
                }
            }

            Thread.SpinWait(1 << attempt);
        }

        foreach (var shard in shardsInLockOrder)
        {
            shard.SyncRoot.Enter();
        }

        try
        {
            return read(shardsInLockOrder);
        }
        finally
        {
            for (var i = shardsInLockOrder.Length - 1; i >= 0; i--)
            {
                shardsInLockOrder[i].SyncRoot.Exit();
            }
        }
    }

    private static bool AllValid(Shard[] shards, ReadOnlySpan<int> versions)
    {
        for (var i = 0; i < shards.Length; i++)
        {
            if (!shards[i].Validate(versions[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Reads every key of a batch at one instant; counts one command and a hit or miss per key.</summary>
    private (object? Value, long ExpireAt)[] ReadBatch(KeyBatch batch)
    {
        var results = new (object? Value, long ExpireAt)[batch.Keys.Length];
        ReadAllShards(batch.Distinct, _ =>
        {
            for (var i = 0; i < results.Length; i++)
            {
                batch.ShardOf[i].PeekOptimistic(batch.Keys[i].Span, batch.Hashes[i], out var value, out var expireAt);
                results[i] = (value, expireAt);
            }

            return true;
        });

        long hits = 0, now = 0;
        foreach (var (value, expireAt) in results)
        {
            if (value is not null && IsLive(expireAt, ref now))
            {
                hits++;
            }
        }

        _core.Counters.Command();
        _core.Counters.Lookups(hits, results.Length - hits);
        return results;
    }
}
