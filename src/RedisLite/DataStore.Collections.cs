using System.Runtime.CompilerServices;
using RedisLite.Collections;
using RedisLite.Internal;
using RedisLite.Keyspace;

namespace RedisLite;

// Access to keys that hold collections. Collections are mutable, so unlike strings they are never read on the
// shard's lock-free path: reads hold the shard's lock (which excludes writers but leaves the version even, so
// lock-free string readers of the same shard are not disturbed) and writes hold its write scope. Every scope below
// re-finds entries by key rather than caching indexes, because removing an entry moves another one into its slot.
public sealed partial class DataStore
{
    /// <summary>Called inside the write scope of <paramref name="shard"/> after a write left the non-empty list or
    /// sorted set <paramref name="value"/> at its key, so that callers blocked on that key (BLPOP, BZPOPMIN, ...) can be
    /// served before anyone else sees the new elements. Implemented by the blocking operations.</summary>
    partial void ServeBlockedClients(Shard shard, CollectionValue value);

    /// <summary>Serves blocked callers if <paramref name="value"/> is a list or sorted set that a write just stored or
    /// filled. Caller holds the write scope of <paramref name="shard"/>.</summary>
    private void OnCollectionStored(Shard shard, object? value)
    {
        if (value is CollectionValue { Type: RedisType.List or RedisType.SortedSet, IsEmpty: false } collection)
        {
            ServeBlockedClients(shard, collection);
        }
    }

    /// <summary>Opens write access to one key's collection: takes the shard's write scope and reclaims the key if it
    /// has expired. Dispose the scope (with <c>using</c>) to delete the key if its collection became empty, serve
    /// blocked callers, and release the shard.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private CollectionWrite OpenWrite(ReadOnlySpan<byte> key)
    {
        var hash = _db.Hash(key);
        return new CollectionWrite(this, _db.ShardFor(hash), key, hash);
    }

    /// <summary>Opens read access to one key's collection: holds the shard's lock until disposed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private CollectionRead OpenRead(ReadOnlySpan<byte> key)
    {
        var hash = _db.Hash(key);
        return new CollectionRead(this, _db.ShardFor(hash), key, hash);
    }

    /// <summary>Opens write access to several keys at once (SMOVE, LMOVE, SINTERSTORE, ZUNIONSTORE, ...): every
    /// shard involved is held, in lock order, until the scope is disposed, so the change is atomic as a whole.</summary>
    /// <param name="keys">The keys; the same key may appear more than once.</param>
    private MultiCollectionAccess OpenWriteMany(params ReadOnlyMemory<byte>[] keys) => new(this, new KeyBatch(_db, keys), write: true);

    /// <summary>Opens read access to several keys at one instant (SINTER, ZUNION, ...), holding their shards' locks.</summary>
    private MultiCollectionAccess OpenReadMany(params ReadOnlyMemory<byte>[] keys) => new(this, new KeyBatch(_db, keys), write: false);

    /// <summary>The collection at an entry, touching it; WRONGTYPE if the key holds another type.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private T CollectionAt<T>(Shard shard, int index)
        where T : CollectionValue
    {
        ref var entry = ref shard.EntryAt(index);
        shard.Touch(ref entry, _core.Clock);
        return entry.Value as T ?? ThrowHelper.ThrowWrongType<T>();
    }

    /// <summary>Write access to one key's collection. Holds the shard's write scope until disposed.</summary>
    private ref struct CollectionWrite
    {
        private readonly DataStore _store;
        private readonly Shard _shard;
        private readonly ReadOnlySpan<byte> _key;
        private readonly int _hash;
        private bool _open;

        public CollectionWrite(DataStore store, Shard shard, ReadOnlySpan<byte> key, int hash)
        {
            _store = store;
            _shard = shard;
            _key = key;
            _hash = hash;
            store._core.Counters.Command();
            shard.EnterWrite();
            _open = true;
            try
            {
                long now = 0;
                store.FindLive(shard, key, hash, ref now);
            }
            catch
            {
                shard.ExitWrite();
                throw;
            }
        }

        /// <summary>Gets the shard (for callers that need the raw entry, such as TTL handling).</summary>
        public readonly Shard Shard => _shard;

        /// <summary>The key's entry index, or -1 when it does not exist. Valid until the next structural change.</summary>
        public readonly int Index => _shard.Find(_key, _hash);

        /// <summary>Tells whether the key exists (with any type).</summary>
        public readonly bool Exists => Index >= 0;

        /// <summary>The key's collection, or null when the key does not exist; WRONGTYPE if it holds another type.</summary>
        public readonly T? Get<T>()
            where T : CollectionValue
        {
            var index = Index;
            return index < 0 ? null : _store.CollectionAt<T>(_shard, index);
        }

        /// <summary>The key's collection, created empty (with no TTL) when the key does not exist. A collection
        /// that is still empty when the scope is disposed is removed again, so callers may create eagerly.</summary>
        public readonly T GetOrAdd<T>(Func<byte[], T> create)
            where T : CollectionValue
        {
            var index = Index;
            if (index >= 0)
            {
                return _store.CollectionAt<T>(_shard, index);
            }

            var created = create(_key.ToArray());
            _shard.Add(_hash, created, 0, _store._core.Clock);
            _store.NotifyCreated(created);
            return created;
        }

        /// <summary>Replaces whatever the key holds with <paramref name="value"/> and no TTL (the STORE commands), or
        /// deletes the key when <paramref name="value"/> is null or empty.</summary>
        /// <returns><see langword="true"/> if the key existed before.</returns>
        public readonly bool Replace(CollectionValue? value)
        {
            var index = Index;
            var existed = index >= 0;
            if (value is null || value.IsEmpty)
            {
                if (existed)
                {
                    _store.Remove(_shard, index);
                    _store.Notify(KeyspaceEventTypes.Generic, "del", _key);
                }

                return existed;
            }

            _store.Store(_shard, index, _hash, value, 0);
            return existed;
        }

        /// <summary>Deletes the key if its collection is empty, serves blocked callers, and leaves the write scope.</summary>
        public void Dispose()
        {
            if (!_open)
            {
                return;
            }

            _open = false;
            try
            {
                _store.Settle(_shard, _key, _hash);
            }
            finally
            {
                _shard.ExitWrite();
            }
        }
    }

    /// <summary>After a write: deletes the key if it holds an empty collection, or serves callers blocked on it; and
    /// tells WATCH. A key the scope leaves absent was not changed by it (a pop from a missing key), while an existing
    /// key counts as changed even when the command turned out to be a no-op (SADD of a present member): watches
    /// may abort spuriously in that case, which only costs the watcher a retry.</summary>
    private void Settle(Shard shard, ReadOnlySpan<byte> key, int hash)
    {
        var index = shard.Find(key, hash);
        if (index < 0)
        {
            return;
        }

        var value = shard.EntryAt(index).Value;
        if (value is CollectionValue { IsEmpty: true } emptied)
        {
            Remove(shard, index);
            NotifyEmptied(emptied);
        }
        else
        {
            if (value is CollectionValue collection)
            {
                // The write changed the collection in place: bring the shard's memory total up to date.
                shard.Resync(collection);
            }

            Modified(key);
            SettledFilled(value);
            OnCollectionStored(shard, value);
        }
    }

    /// <summary>Read access to one key's collection. Holds the shard's lock (not its write scope) until disposed.</summary>
    private ref struct CollectionRead
    {
        private readonly DataStore _store;
        private readonly Shard _shard;
        private readonly ReadOnlySpan<byte> _key;
        private readonly int _hash;
        private bool _open;
        private long _expiredAt;

        public CollectionRead(DataStore store, Shard shard, ReadOnlySpan<byte> key, int hash)
        {
            _store = store;
            _shard = shard;
            _key = key;
            _hash = hash;
            shard.SyncRoot.Enter();
            _open = true;
        }

        /// <summary>The key's collection, or null when the key does not exist or has expired; WRONGTYPE if it holds
        /// another type.</summary>
        public T? Get<T>()
            where T : CollectionValue
        {
            var index = _shard.Find(_key, _hash);
            if (index < 0)
            {
                _store.ReadLookup(hit: false, _key);
                return null;
            }

            var expireAt = _shard.EntryAt(index).ExpireAt;
            if (expireAt != 0)
            {
                var now = _store._core.NowMilliseconds();
                if (now > expireAt)
                {
                    // Reclaimed after the lock is released: deleting needs the write scope.
                    _expiredAt = now;
                    _store._core.Counters.CommandWithLookup(hit: false);
                    return null;
                }
            }

            _store.ReadLookup(hit: true, _key);
            return _store.CollectionAt<T>(_shard, index);
        }

        /// <summary>Releases the lock and reclaims the key if it was found expired.</summary>
        public void Dispose()
        {
            if (!_open)
            {
                return;
            }

            _open = false;
            _shard.SyncRoot.Exit();
            if (_expiredAt != 0)
            {
                _store.DeleteIfExpired(_shard, _key, _hash, _expiredAt);
                _store.Notify(KeyspaceEventTypes.KeyMiss, "keymiss", _key);
            }
        }
    }

    /// <summary>Access to several keys' collections at once; see <see cref="OpenWriteMany"/> and <see cref="OpenReadMany"/>.</summary>
    private sealed class MultiCollectionAccess : IDisposable
    {
        private readonly DataStore _store;
        private readonly KeyBatch _batch;
        private readonly bool _write;
        private readonly long _now;
        private bool _open;

        public MultiCollectionAccess(DataStore store, KeyBatch batch, bool write)
        {
            _store = store;
            _batch = batch;
            _write = write;
            store._core.Counters.Command();
            if (write)
            {
                EnterWriteAll(batch.Distinct);
            }
            else
            {
                EnterLockAll(batch.Distinct);
            }

            _open = true;
            try
            {
                _now = store._core.NowMilliseconds();
                if (write)
                {
                    for (var i = 0; i < batch.Keys.Length; i++)
                    {
                        store.FindLive(batch.ShardOf[i], batch.Keys[i].Span, batch.Hashes[i], _now);
                    }
                }
                else
                {
                    // Reading commands (SINTER, ZUNION, ...) look every key up once: Redis counts a hit or miss each.
                    long hits = 0;
                    for (var i = 0; i < batch.Keys.Length; i++)
                    {
                        hits += Find(i) >= 0 ? 1 : 0;
                    }

                    store._core.Counters.Lookups(hits, batch.Keys.Length - hits);
                }
            }
            catch
            {
                Dispose();
                throw;
            }
        }

        /// <summary>Gets the number of keys.</summary>
        public int Count => _batch.Keys.Length;

        /// <summary>Gets or sets whether a write scope announces missing keys it reads (the sources of the STORE
        /// commands, which Redis looks up for reading). Read scopes always do.</summary>
        public bool ReportsMisses { get; set; }

        /// <summary>Announces that key <paramref name="i"/> was looked up for reading and is missing (Redis's
        /// <c>keymiss</c>), in read scopes and in write scopes that report misses.</summary>
        public void Missed(int i)
        {
            if (!_write || ReportsMisses)
            {
                _store.Notify(KeyspaceEventTypes.KeyMiss, "keymiss", _batch.Keys[i].Span);
            }
        }

        /// <summary>The bytes of key <paramref name="i"/>.</summary>
        public ReadOnlyMemory<byte> KeyAt(int i) => _batch.Keys[i];

        /// <summary>The collection at key <paramref name="i"/>, or null when missing (or expired); WRONGTYPE if the key
        /// holds another type.</summary>
        public T? Get<T>(int i)
            where T : CollectionValue
        {
            var index = Find(i);
            if (index < 0)
            {
                Missed(i);
                return null;
            }

            return _store.CollectionAt<T>(_batch.ShardOf[i], index);
        }

        /// <summary>The type of key <paramref name="i"/>, or <see cref="RedisType.None"/>.</summary>
        public RedisType TypeAt(int i)
        {
            var index = Find(i);
            return index < 0 ? RedisType.None : StoredValue.TypeOf(_batch.ShardOf[i].EntryAt(index).Value!);
        }

        /// <summary>The collection at key <paramref name="i"/>, created empty when missing (write scopes only).</summary>
        public T GetOrAdd<T>(int i, Func<byte[], T> create)
            where T : CollectionValue
        {
            RequireWrite();
            var existing = Get<T>(i);
            if (existing is not null)
            {
                return existing;
            }

            var created = create(_batch.Keys[i].ToArray());
            _batch.ShardOf[i].Add(_batch.Hashes[i], created, 0, _store._core.Clock);
            _store.NotifyCreated(created);
            return created;
        }

        /// <summary>Replaces key <paramref name="i"/> with <paramref name="value"/> and no TTL, or deletes it when
        /// <paramref name="value"/> is null or empty (write scopes only). Returns whether the key existed.</summary>
        public bool Replace(int i, CollectionValue? value)
        {
            RequireWrite();
            var shard = _batch.ShardOf[i];
            var index = shard.Find(_batch.Keys[i].Span, _batch.Hashes[i]);
            var existed = index >= 0;
            if (value is null || value.IsEmpty)
            {
                if (existed)
                {
                    _store.Remove(shard, index);
                    _store.Notify(KeyspaceEventTypes.Generic, "del", _batch.Keys[i].Span);
                }

                return existed;
            }

            _store.Store(shard, index, _batch.Hashes[i], value, 0);
            return existed;
        }

        public void Dispose()
        {
            if (!_open)
            {
                return;
            }

            _open = false;
            if (!_write)
            {
                ExitLockAll(_batch.Distinct);
                return;
            }

            try
            {
                for (var i = 0; i < _batch.Keys.Length; i++)
                {
                    _store.Settle(_batch.ShardOf[i], _batch.Keys[i].Span, _batch.Hashes[i]);
                }
            }
            finally
            {
                ExitWriteAll(_batch.Distinct);
            }
        }

        private int Find(int i)
        {
            var shard = _batch.ShardOf[i];
            var index = shard.Find(_batch.Keys[i].Span, _batch.Hashes[i]);
            if (index >= 0)
            {
                var expireAt = shard.EntryAt(index).ExpireAt;

                // Read scopes cannot delete; an expired key simply reads as missing and is reclaimed later.
                if (expireAt != 0 && _now > expireAt)
                {
                    return -1;
                }
            }

            return index;
        }

        private void RequireWrite()
        {
            if (!_write)
            {
                throw new InvalidOperationException("The scope was opened for reading.");
            }
        }
    }

    private static void EnterLockAll(Shard[] shardsInLockOrder)
    {
        var entered = 0;
        try
        {
            for (; entered < shardsInLockOrder.Length; entered++)
            {
                shardsInLockOrder[entered].SyncRoot.Enter();
            }
        }
        catch
        {
            for (var i = entered - 1; i >= 0; i--)
            {
                shardsInLockOrder[i].SyncRoot.Exit();
            }

            throw;
        }
    }

    private static void ExitLockAll(Shard[] shardsInLockOrder)
    {
        for (var i = shardsInLockOrder.Length - 1; i >= 0; i--)
        {
            shardsInLockOrder[i].SyncRoot.Exit();
        }
    }
}
