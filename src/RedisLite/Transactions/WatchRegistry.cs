using RedisLite.Blocking;
using RedisLite.Keyspace;

namespace RedisLite.Transactions;

/// <summary>
/// The keys of one database that transactions watch (Redis's per-database <c>watched_keys</c> dictionary): each key maps
/// to the watches that must be marked dirty when it changes.
/// </summary>
/// <remarks>Thread-safe. <see cref="IsEmpty"/> is read without locking on every key change, so a store where nothing
/// is watched pays one field read per write.</remarks>
internal sealed class WatchRegistry
{
    private readonly Lock _lock = new();
    private readonly Dictionary<byte[], List<WatchedKey>> _keys = new(ByteArrayComparer.Instance);
    private int _count;

    /// <summary>Gets a value indicating whether no key of the database is watched.</summary>
    public bool IsEmpty => Volatile.Read(ref _count) == 0;

    /// <summary>Registers <paramref name="watched"/>. Caller holds the key's shard lock, so no change of the key can
    /// fall between the registration and the caller's reading of its state.</summary>
    public void Add(WatchedKey watched)
    {
        lock (_lock)
        {
            if (!_keys.TryGetValue(watched.Key, out var list))
            {
                list = [];
                _keys.Add(watched.Key, list);
            }

            list.Add(watched);
            _count++;
        }
    }

    /// <summary>Removes <paramref name="watched"/> (UNWATCH, EXEC, DISCARD).</summary>
    public void Remove(WatchedKey watched)
    {
        lock (_lock)
        {
            if (_keys.TryGetValue(watched.Key, out var list) && list.Remove(watched))
            {
                _count--;
                if (list.Count == 0)
                {
                    _keys.Remove(watched.Key);
                }
            }
        }
    }

    /// <summary>Marks the watches of a changed key dirty (Redis's <c>touchWatchedKey</c>). A watch taken when the key
    /// had already expired is not dirtied by that key's deletion: the key was logically gone already.</summary>
    /// <param name="key">The key.</param>
    /// <param name="shard">The key's shard, held by the caller: tells whether the key is still in the table.</param>
    /// <param name="hash">The key's hash.</param>
    public void Touch(ReadOnlySpan<byte> key, Shard shard, int hash)
    {
        lock (_lock)
        {
            var lookup = _keys.GetAlternateLookup<ReadOnlySpan<byte>>();
            if (!lookup.TryGetValue(key, out var list))
            {
                return;
            }

            bool? present = null;
            foreach (var watched in list)
            {
                if (watched.ExpiredWhenWatched)
                {
                    present ??= shard.Find(key, hash) >= 0;
                    if (!present.Value)
                    {
                        watched.ExpiredWhenWatched = false;
                        continue;
                    }
                }

                watched.Owner.MarkDirty();
            }
        }
    }

    /// <summary>Marks dirty the watches of every watched key that exists when the database is emptied (Redis's
    /// <c>touchAllWatchedKeysInDb</c>): watching a key that FLUSHDB then finds absent stays valid.</summary>
    /// <param name="database">The database being emptied; the caller holds all its shards.</param>
    public void TouchExisting(Database database)
    {
        lock (_lock)
        {
            foreach (var (key, list) in _keys)
            {
                var hash = database.Hash(key);
                if (database.ShardFor(hash).Find(key, hash) < 0)
                {
                    continue;
                }

                foreach (var watched in list)
                {
                    if (!watched.ExpiredWhenWatched)
                    {
                        watched.Owner.MarkDirty();
                    }
                }
            }
        }
    }
}

/// <summary>One key watched by one transaction.</summary>
/// <param name="owner">The transaction's watch state.</param>
/// <param name="database">The key's database.</param>
/// <param name="key">The key.</param>
/// <param name="expiredWhenWatched">Whether the key was present but already expired when watched.</param>
internal sealed class WatchedKey(WatchState owner, Database database, byte[] key, bool expiredWhenWatched)
{
    public WatchState Owner { get; } = owner;

    public Database Database { get; } = database;

    public byte[] Key { get; } = key;

    /// <summary>Gets or sets whether the key had expired (without being reclaimed yet) when it was watched: its later
    /// expiry or reclaim is then no change (Redis 7.0's <c>watchedKey.expired</c>). Guarded by the registry's lock.</summary>
    public bool ExpiredWhenWatched { get; set; } = expiredWhenWatched;
}

/// <summary>The watches of one transaction (Redis's per-client <c>watched_keys</c> list and <c>CLIENT_DIRTY_CAS</c> flag).</summary>
internal sealed class WatchState
{
    private volatile bool _dirty;

    /// <summary>Gets the keys watched so far.</summary>
    public List<WatchedKey> Keys { get; } = [];

    /// <summary>Gets a value indicating whether a watched key has changed since it was watched.</summary>
    public bool IsDirty => _dirty;

    public void MarkDirty() => _dirty = true;

    /// <summary>Forgets every watched key and the dirty flag (UNWATCH).</summary>
    public void Clear(StoreCore core)
    {
        foreach (var watched in Keys)
        {
            core.WatchRegistryOf(watched.Database).Remove(watched);
        }

        Keys.Clear();
        _dirty = false;
    }
}
