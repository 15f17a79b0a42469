using System.Runtime.CompilerServices;

namespace RedisLite.Keyspace;

/// <summary>
/// One slice of a database's keys: a chained hash table over a dense entry array, guarded by a lock for writers
/// and a sequence counter (a seqlock) for readers.
/// </summary>
/// <remarks>
/// <para><b>Concurrency.</b> Writers hold <see cref="_lock"/> and make <see cref="_version"/> odd for the whole
/// of their change (<see cref="EnterWrite"/>/<see cref="ExitWrite"/>). Readers never lock on the fast path: they
/// read the version, look the key up, and accept the result only if the version was even and unchanged, retrying
/// otherwise (and taking the lock after a few failed tries, so a busy writer cannot starve them). Everything a
/// reader dereferences is either immutable once published (value objects, key bytes) or bounds-checked, so a torn
/// read is always safe and always detected. A multi-key write keeps every shard it touches odd until it has
/// finished with all of them, which is what makes multi-shard reads (MGET) and writes (MSET) linearizable.</para>
/// <para><b>Layout.</b> Entries are kept dense in <c>[0, count)</c> (a removal moves the last entry into the hole),
/// so sampling a random key is one random index. Bucket heads and chain links store index + 1, so a freshly
/// allocated (zeroed) array is an empty table. Keys with a TTL are also listed in <see cref="_volatile"/>, which the
/// active expiry cycle samples, as Redis samples its <c>expires</c> dictionary.</para>
/// </remarks>
internal sealed class Shard
{
    private const int MinCapacity = 4;
    private const int OptimisticReadAttempts = 16;

    /// <summary>The clock value that tells <see cref="TryGet"/> not to mark the key as accessed (Redis's NOTOUCH lookups).</summary>
    public const int NoTouch = -1;

    private readonly Lock _lock = new();
    private int _version;
    private int _writeDepth;
    private int[] _buckets = [];
    private Entry[] _entries = [];
    private int _count;
    private int[] _volatile = [];
    private int _volatileCount;
    private long _usedBytes;
    private int _collections;
    private readonly Database? _database;
    private Eviction.LfuCounter? _lfu;

    public Shard(int ordinal, Database? database = null, Eviction.LfuCounter? lfu = null)
    {
        Ordinal = ordinal;
        _database = database;
        _lfu = lfu;
    }

    /// <summary>Gets the estimated bytes of this shard's keys (see <see cref="MemoryEstimate"/>): exact for the
    /// estimate, kept under the write scope, read without locking.</summary>
    public long UsedBytes => Volatile.Read(ref _usedBytes);

    /// <summary>Gets the LFU counter when the store runs an LFU policy (access stamps are then LFU counters).</summary>
    public Eviction.LfuCounter? Lfu => Volatile.Read(ref _lfu);

    /// <summary>Switches between LRU stamps and LFU counters (CONFIG SET maxmemory-policy at runtime): existing
    /// stamps are then read the other way until keys are touched again, as in Redis ("LRU and LFU data will take
    /// some time to adjust").</summary>
    public void UseLfu(Eviction.LfuCounter? lfu) => Volatile.Write(ref _lfu, lfu);

    /// <summary>The position of this shard in the store-wide lock order.</summary>
    public int Ordinal { get; }

    public int Count => Volatile.Read(ref _count);

    /// <summary>Gets how many entries hold a collection (the rest hold strings), so a snapshot's capture can skip
    /// looking for collections to copy in shards that have none. Caller holds the lock.</summary>
    public int CollectionCount => _collections;

    public int VolatileCount => Volatile.Read(ref _volatileCount);

    public Lock SyncRoot => _lock;

    // ---------------------------------------------------------------- readers

    /// <summary>Looks a key up without locking. Marks the entry as accessed at <paramref name="clock"/>, unless it is
    /// <see cref="NoTouch"/>.</summary>
    public bool TryGet(ReadOnlySpan<byte> key, int hash, int clock, out object? value, out long expireAt)
    {
        var version = Volatile.Read(ref _version);
        var entries = _entries;
        var found = FindOptimistic(_buckets, entries, key, hash, out var index, out value, out expireAt);
        if ((version & 1) == 0 && Volatile.Read(ref _version) == version)
        {
            // A racy store on purpose: a stamp lost to a concurrent writer only makes the key look a little idler,
            // and skipping unchanged stamps keeps a hot key's cache line from bouncing between cores.
            if (found && clock != NoTouch)
            {
                Touch(ref entries[index], clock);
            }

            return found;
        }

        // Kept out of line so the fast path above stays small enough to inline into every read.
        return TryGetSlow(key, hash, clock, out value, out expireAt);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool TryGetSlow(ReadOnlySpan<byte> key, int hash, int clock, out object? value, out long expireAt)
    {
        // A thread that holds the write scope itself (a transaction) would only spin against its own odd version.
        var attempts = _lock.IsHeldByCurrentThread ? 0 : OptimisticReadAttempts;
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            Thread.SpinWait(1 << Math.Min(attempt, 6));
            var version = Volatile.Read(ref _version);
            if ((version & 1) == 0)
            {
                var entries = _entries;
                var found = FindOptimistic(_buckets, entries, key, hash, out var index, out value, out expireAt);
                if (Volatile.Read(ref _version) == version)
                {
                    if (found && clock != NoTouch)
                    {
                        Touch(ref entries[index], clock);
                    }

                    return found;
                }
            }
        }

        lock (_lock)
        {
            var index = Find(key, hash);
            if (index < 0)
            {
                value = null;
                expireAt = 0;
                return false;
            }

            ref var entry = ref _entries[index];
            if (clock != NoTouch)
            {
                Touch(ref entry, clock);
            }

            value = entry.Value;
            expireAt = entry.ExpireAt;
            return true;
        }
    }

    /// <summary>Marks an entry as accessed at <paramref name="clock"/>: stamps the access clock, or under an LFU policy
    /// decays and (probabilistically) increments its counter, as Redis's <c>updateLFU</c>. Racy on the lock-free read
    /// path on purpose: a lost stamp only makes the key look a little colder.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Touch(ref Entry entry, int clock)
    {
        var lfu = Volatile.Read(ref _lfu);
        if (lfu is null)
        {
            // Skipping unchanged stamps keeps a hot key's cache line from bouncing between cores.
            if (entry.AccessClock != clock)
            {
                entry.AccessClock = clock;
            }
        }
        else
        {
            entry.AccessClock = lfu.Touch(entry.AccessClock, clock);
        }
    }

    /// <summary>Begins an optimistic read of several values: returns the version to validate with <see cref="Validate"/>,
    /// or -1 if a writer is active.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int BeginOptimisticRead()
    {
        var version = Volatile.Read(ref _version);
        return (version & 1) == 0 ? version : -1;
    }

    /// <summary>Tells whether no writer has touched the shard since <see cref="BeginOptimisticRead"/> returned <paramref name="version"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Validate(int version) => Volatile.Read(ref _version) == version;

    /// <summary>A lookup for use between <see cref="BeginOptimisticRead"/> and <see cref="Validate"/>; the result is
    /// meaningful only if validation succeeds.</summary>
    public bool PeekOptimistic(ReadOnlySpan<byte> key, int hash, out object? value, out long expireAt) =>
        FindOptimistic(_buckets, _entries, key, hash, out _, out value, out expireAt);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool FindOptimistic(int[] buckets, Entry[] entries, ReadOnlySpan<byte> key, int hash, out int index, out object? value, out long expireAt)
    {
        if (buckets.Length != 0)
        {
            var link = Volatile.Read(ref buckets[hash & (buckets.Length - 1)]);

            // Bound the walk: a torn read could in principle present a cycle.
            for (var steps = 0; link > 0 && link <= entries.Length && steps <= entries.Length; steps++)
            {
                ref var entry = ref entries[link - 1];
                if (Volatile.Read(ref entry.HashCode) == hash)
                {
                    var candidate = Volatile.Read(ref entry.Value);
                    if (candidate is not null && StoredValue.KeyEquals(candidate, key))
                    {
                        index = link - 1;
                        value = candidate;
                        expireAt = Volatile.Read(ref entry.ExpireAt);
                        return true;
                    }
                }

                link = Volatile.Read(ref entry.Next);
            }
        }

        index = -1;
        value = null;
        expireAt = 0;
        return false;
    }

    // ---------------------------------------------------------------- writers (caller holds the lock)

    /// <summary>Takes the lock and makes the version odd until the matching <see cref="ExitWrite"/>. Re-entrant.</summary>
    public void EnterWrite()
    {
        _lock.Enter();
        t_writeScopes++;
        BeginWrite();
    }

    /// <summary>How many shard write scopes the current thread holds (re-entries included). When the last one is
    /// left, a write the append log must make durable first (fsync policy <c>always</c>) is waited for: after every
    /// lock is released, so the fsync never holds up other writers or readers.</summary>
    [ThreadStatic]
    private static int t_writeScopes;

    /// <summary>Tells whether the current thread holds any shard's write scope.</summary>
    public static bool InWriteScope => t_writeScopes != 0;

    /// <summary>Like <see cref="EnterWrite"/> without waiting: returns false if another thread holds the lock. Taking
    /// a shard this way, out of lock order, can never deadlock (eviction uses it).</summary>
    public bool TryEnterWrite()
    {
        if (!_lock.TryEnter())
        {
            return false;
        }

        t_writeScopes++;
        BeginWrite();
        return true;
    }

    /// <summary>Makes the version odd on the outermost entry of the write scope. Caller holds the lock.</summary>
    private void BeginWrite()
    {
        if (_writeDepth++ == 0)
        {
            // A full fence: the odd version must be visible before any change it guards.
            Interlocked.Increment(ref _version);
        }
    }

    public void ExitWrite()
    {
        if (--_writeDepth == 0)
        {
            // Release: every change is visible before the version becomes even again.
            Volatile.Write(ref _version, _version + 1);
        }

        _lock.Exit();
        if (--t_writeScopes == 0)
        {
            Persistence.AppendLog.AwaitCommitted();
        }
    }

    /// <summary>Finds a key's entry index, or -1. Caller holds the lock.</summary>
    public int Find(ReadOnlySpan<byte> key, int hash)
    {
        var buckets = _buckets;
        if (buckets.Length == 0)
        {
            return -1;
        }

        var entries = _entries;
        for (var link = buckets[hash & (buckets.Length - 1)]; link != 0; link = entries[link - 1].Next)
        {
            ref var entry = ref entries[link - 1];
            if (entry.HashCode == hash && StoredValue.KeyEquals(entry.Value!, key))
            {
                return link - 1;
            }
        }

        return -1;
    }

    /// <summary>The entry at <paramref name="index"/>. Caller holds the lock; the reference is valid until the next structural change.</summary>
    public ref Entry EntryAt(int index) => ref _entries[index];

    /// <summary>Adds a key that is known to be absent. Caller holds the write scope.</summary>
    public int Add(int hash, object value, long expireAt, int clock)
    {
        if (_count == _entries.Length)
        {
            Resize(Math.Max(MinCapacity, _entries.Length * 2));
        }

        var index = _count;
        ref var bucket = ref _buckets[hash & (_buckets.Length - 1)];
        _entries[index] = new Entry
        {
            HashCode = hash,
            Next = bucket,
            Value = value,
            ExpireAt = expireAt,
            AccessClock = _lfu is null ? clock : Eviction.LfuCounter.New(clock),
        };
        bucket = index + 1;
        _count = index + 1;
        _usedBytes += MemoryEstimate.SlotBytes + AccountIn(value);
        if (_database is { HasHadKeys: false } database)
        {
            database.HasHadKeys = true;
        }

        if (expireAt != 0)
        {
            AddVolatile(index);
        }

        return index;
    }

    /// <summary>Replaces the value of the entry at <paramref name="index"/>, keeping the memory total in step. Caller
    /// holds the write scope.</summary>
    public void ReplaceValue(int index, object value)
    {
        ref var entry = ref _entries[index];
        _usedBytes += AccountIn(value) - MemoryEstimate.Accounted(entry.Value!);
        if (entry.Value is Collections.CollectionValue)
        {
            _collections--;
        }

        entry.Value = value;
    }

    /// <summary>Brings the memory total up to date with a collection of this shard that changed in place. Caller
    /// holds the write scope and knows <paramref name="collection"/> is stored here.</summary>
    public void Resync(Collections.CollectionValue collection)
    {
        var now = collection.AllocatedBytes;
        _usedBytes += now - collection.AccountedBytes;
        collection.AccountedBytes = now;
    }

    /// <summary>Recomputes this shard's memory total from scratch, walking every element of every value (checks of
    /// the incremental total). Caller holds the lock.</summary>
    public long MeasureUsedBytes()
    {
        long total = 0;
        for (var i = 0; i < _count; i++)
        {
            total += MemoryEstimate.SlotBytes + MemoryEstimate.Measure(_entries[i].Value!);
        }

        return total;
    }

    private long AccountIn(object value)
    {
        if (value is Collections.CollectionValue collection)
        {
            _collections++;
            collection.AccountedBytes = collection.AllocatedBytes;
            return collection.AccountedBytes;
        }

        return MemoryEstimate.Of(value);
    }

    /// <summary>Sets or clears (0) an entry's expiry, keeping the TTL list in step. Caller holds the write scope.</summary>
    public void SetExpireAt(int index, long expireAt)
    {
        ref var entry = ref _entries[index];
        if (expireAt != 0 && entry.VolatileSlot == 0)
        {
            AddVolatile(index);
        }
        else if (expireAt == 0 && entry.VolatileSlot != 0)
        {
            RemoveVolatile(index);
        }

        entry.ExpireAt = expireAt;
    }

    /// <summary>Removes the entry at <paramref name="index"/>; the last entry moves into its place. Caller holds the write scope.</summary>
    public void RemoveAt(int index)
    {
        var entries = _entries;
        var buckets = _buckets;
        var mask = buckets.Length - 1;

        ref var removed = ref entries[index];
        _usedBytes -= MemoryEstimate.SlotBytes + MemoryEstimate.Accounted(removed.Value!);
        if (removed.Value is Collections.CollectionValue)
        {
            _collections--;
        }

        Unlink(buckets, entries, removed.HashCode & mask, index, removed.Next);
        if (removed.VolatileSlot != 0)
        {
            RemoveVolatile(index);
        }

        var last = _count - 1;
        if (index != last)
        {
            ref var moved = ref entries[last];
            Unlink(buckets, entries, moved.HashCode & mask, last, index + 1);
            removed = moved;
            if (removed.VolatileSlot != 0)
            {
                _volatile[removed.VolatileSlot - 1] = index;
            }
        }

        entries[last] = default;
        _count = last;

        // Shrink so a table that emptied out gives its memory back; hysteresis avoids resizing back and forth.
        if (_count == 0)
        {
            _buckets = [];
            _entries = [];
            _volatile = [];
        }
        else if (entries.Length > 64 && _count < entries.Length / 4)
        {
            Resize(entries.Length / 2);
        }
    }

    /// <summary>Replaces the chain link that points at <paramref name="index"/> with <paramref name="replacement"/>.</summary>
    private static void Unlink(int[] buckets, Entry[] entries, int bucket, int index, int replacement)
    {
        ref var link = ref buckets[bucket];
        while (link != index + 1)
        {
            link = ref entries[link - 1].Next;
        }

        link = replacement;
    }

    /// <summary>Removes every key. Caller holds the write scope.</summary>
    public void Clear()
    {
        _buckets = [];
        _entries = [];
        _volatile = [];
        _count = 0;
        _volatileCount = 0;
        _usedBytes = 0;
        _collections = 0;
    }

    private void Resize(int capacity)
    {
        var entries = new Entry[capacity];
        var buckets = new int[capacity];
        Array.Copy(_entries, entries, _count);
        var mask = capacity - 1;
        for (var i = 0; i < _count; i++)
        {
            ref var bucket = ref buckets[entries[i].HashCode & mask];
            entries[i].Next = bucket;
            bucket = i + 1;
        }

        // Readers that loaded the old arrays fail validation because the version is odd; publish both together.
        _entries = entries;
        _buckets = buckets;
    }

    private void AddVolatile(int index)
    {
        if (_volatileCount == _volatile.Length)
        {
            Array.Resize(ref _volatile, Math.Max(MinCapacity, _volatile.Length * 2));
        }

        _volatile[_volatileCount] = index;
        _entries[index].VolatileSlot = ++_volatileCount;
    }

    private void RemoveVolatile(int index)
    {
        ref var entry = ref _entries[index];
        var slot = entry.VolatileSlot - 1;
        var lastSlot = --_volatileCount;
        if (slot != lastSlot)
        {
            var movedIndex = _volatile[lastSlot];
            _volatile[slot] = movedIndex;
            _entries[movedIndex].VolatileSlot = slot + 1;
        }

        entry.VolatileSlot = 0;
        if (_volatileCount == 0 || (_volatile.Length > 64 && _volatileCount < _volatile.Length / 4))
        {
            Array.Resize(ref _volatile, _volatileCount == 0 ? 0 : _volatile.Length / 2);
        }
    }

    /// <summary>Copies the entries <c>[0, Count)</c> to <paramref name="destination"/> (a snapshot's capture). Caller
    /// holds the write scope.</summary>
    public void CopyEntriesTo(Span<Entry> destination) => _entries.AsSpan(0, _count).CopyTo(destination);

    /// <summary>The entry index of the key in TTL-list slot <paramref name="slot"/>. Caller holds the lock.</summary>
    public int VolatileEntry(int slot) => _volatile[slot];

    // ---------------------------------------------------------------- scanning (caller holds the lock)

    /// <summary>
    /// Visits the bucket that <paramref name="cursor"/> names and returns the next cursor, or 0 when the table has been
    /// covered. This is Redis's reverse-binary cursor: because it increments the bucket index from its high bit
    /// down, buckets already visited stay visited when the table doubles or halves between calls, which is what
    /// guarantees that every key present for the whole scan is returned.
    /// </summary>
    public ulong ScanBucket(ulong cursor, List<int> entryIndexes)
    {
        var buckets = _buckets;
        if (buckets.Length == 0)
        {
            return 0;
        }

        var mask = (ulong)(buckets.Length - 1);
        for (var link = buckets[(int)(cursor & mask)]; link != 0; link = _entries[link - 1].Next)
        {
            entryIndexes.Add(link - 1);
        }

        return Internal.ReverseBinaryCursor.Next(cursor, mask);
    }
}
