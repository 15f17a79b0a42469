using System.Runtime.CompilerServices;
using RedisLite.Keyspace;

namespace RedisLite.Collections;

/// <summary>
/// A hash table from binary-safe byte strings to <typeparamref name="TValue"/>, for the large encodings of hashes,
/// sets and sorted sets. Not thread-safe: the owning collection is only touched under its shard's lock.
/// </summary>
/// <remarks>
/// <para>The layout is the keyspace shard's: entries dense in <c>[0, Count)</c> (removal moves the last entry into the
/// hole), so a uniformly random element is one random index (HRANDFIELD, SPOP, SRANDMEMBER); chains hang off a
/// power-of-two bucket array with links stored as index + 1.</para>
/// <para><see cref="Scan"/> walks buckets with Redis's reverse-binary cursor, so an element present for the whole of
/// an HSCAN/SSCAN/ZSCAN is returned at least once even if the table grows or shrinks between calls.</para>
/// </remarks>
/// <typeparam name="TValue">The value kept per key (a field's value, nothing for a set, a score or node for a sorted set).</typeparam>
internal sealed class BytesTable<TValue>
{
    private const int MinCapacity = 4;

    /// <summary>One seed per process: hashes are never persisted or sent anywhere, and a random seed defeats
    /// collision flooding through chosen member names.</summary>
    private static readonly ulong Seed = (ulong)Random.Shared.NextInt64();

    private int[] _buckets;
    private Slot[] _slots;
    private int _count;
    private long _keyBytes;

    /// <summary>Creates an empty table with room for <paramref name="capacity"/> elements.</summary>
    public BytesTable(int capacity = 0)
    {
        capacity = capacity <= 0 ? 0 : (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(capacity, MinCapacity));
        _buckets = capacity == 0 ? [] : new int[capacity];
        _slots = capacity == 0 ? [] : new Slot[capacity];
    }

    private BytesTable(BytesTable<TValue> source)
    {
        _buckets = (int[])source._buckets.Clone();
        _slots = (Slot[])source._slots.Clone();
        _count = source._count;
        _keyBytes = source._keyBytes;
    }

    /// <summary>Gets the number of elements.</summary>
    public int Count => _count;

    /// <summary>Gets the estimated bytes of the table: its object, buckets, slots and key arrays (values are the
    /// owner's to count). Kept up to date as keys come and go.</summary>
    public long AllocatedBytes => MemoryEstimate.Object(24) + MemoryEstimate.Array(_buckets.Length, sizeof(int))
        + MemoryEstimate.Array(_slots.Length, Unsafe.SizeOf<Slot>()) + _keyBytes;

    /// <summary>Recomputes <see cref="AllocatedBytes"/> by walking every key.</summary>
    /// <returns>The estimate.</returns>
    public long MeasureBytes()
    {
        long keys = 0;
        for (var i = 0; i < _count; i++)
        {
            keys += MemoryEstimate.Bytes(_slots[i].Key.Length);
        }

        return AllocatedBytes - _keyBytes + keys;
    }

    /// <summary>Gets the number of buckets (for tests and memory estimates).</summary>
    public int BucketCount => _buckets.Length;

    /// <summary>Hashes a key the way this table does.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Hash(ReadOnlySpan<byte> key) => KeyHasher.Hash(key, Seed);

    /// <summary>The key at an index in <c>[0, Count)</c>. Keys are never mutated, so callers may keep the array.</summary>
    public byte[] KeyAt(int index) => _slots[index].Key;

    /// <summary>The value at an index in <c>[0, Count)</c>, by reference (valid until the next add or remove).</summary>
    public ref TValue ValueAt(int index) => ref _slots[index].Value;

    /// <summary>Finds a key's index, or -1.</summary>
    public int Find(ReadOnlySpan<byte> key) => Find(key, Hash(key));

    /// <summary>Finds a key's index given its <see cref="Hash"/>, or -1.</summary>
    public int Find(ReadOnlySpan<byte> key, int hash)
    {
        var buckets = _buckets;
        if (buckets.Length == 0)
        {
            return -1;
        }

        var slots = _slots;
        for (var link = buckets[hash & (buckets.Length - 1)]; link != 0; link = slots[link - 1].Next)
        {
            ref var slot = ref slots[link - 1];
            if (slot.HashCode == hash && slot.Key.AsSpan().SequenceEqual(key))
            {
                return link - 1;
            }
        }

        return -1;
    }

    /// <summary>Adds a key that is known to be absent (see <see cref="Find(ReadOnlySpan{byte}, int)"/>) and returns its index.</summary>
    /// <param name="hash">The key's <see cref="Hash"/>.</param>
    /// <param name="key">The key; the table keeps the array and never changes it.</param>
    /// <param name="value">The value.</param>
    public int Add(int hash, byte[] key, TValue value)
    {
        if (_count == _slots.Length)
        {
            Resize(Math.Max(MinCapacity, _slots.Length * 2));
        }

        var index = _count;
        ref var bucket = ref _buckets[hash & (_buckets.Length - 1)];
        _slots[index] = new Slot { HashCode = hash, Next = bucket, Key = key, Value = value };
        bucket = index + 1;
        _count = index + 1;
        _keyBytes += MemoryEstimate.Bytes(key.Length);
        return index;
    }

    /// <summary>Adds <paramref name="key"/> (copied) if it is absent; returns its index either way.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value to store when the key is added; an existing key's value is left as it is.</param>
    /// <param name="added">Whether the key was added.</param>
    public int GetOrAdd(ReadOnlySpan<byte> key, TValue value, out bool added)
    {
        var hash = Hash(key);
        var index = Find(key, hash);
        added = index < 0;
        return added ? Add(hash, key.ToArray(), value) : index;
    }

    /// <summary>Removes a key; returns whether it was present and its value.</summary>
    public bool Remove(ReadOnlySpan<byte> key, out TValue value)
    {
        var index = Find(key);
        if (index < 0)
        {
            value = default!;
            return false;
        }

        value = _slots[index].Value;
        RemoveAt(index);
        return true;
    }

    /// <summary>Removes the element at <paramref name="index"/>; the last element moves into its place.</summary>
    public void RemoveAt(int index)
    {
        var slots = _slots;
        var buckets = _buckets;
        var mask = buckets.Length - 1;
        ref var removed = ref slots[index];
        _keyBytes -= MemoryEstimate.Bytes(removed.Key.Length);
        Unlink(buckets, slots, removed.HashCode & mask, index, removed.Next);

        var last = _count - 1;
        if (index != last)
        {
            ref var moved = ref slots[last];
            Unlink(buckets, slots, moved.HashCode & mask, last, index + 1);
            removed = moved;
        }

        slots[last] = default;
        _count = last;

        // Give memory back when a big collection drains; hysteresis avoids resizing back and forth.
        if (_count == 0)
        {
            _buckets = [];
            _slots = [];
        }
        else if (slots.Length > 64 && _count < slots.Length / 4)
        {
            Resize(slots.Length / 2);
        }
    }

    /// <summary>Removes every element.</summary>
    public void Clear()
    {
        _buckets = [];
        _slots = [];
        _count = 0;
        _keyBytes = 0;
    }

    /// <summary>Returns a copy whose structure is independent of this table. Keys are shared (they are immutable);
    /// values are copied as <typeparamref name="TValue"/> values, so reference-type values are shared.</summary>
    public BytesTable<TValue> Clone() => new(this);

    /// <summary>
    /// Adds the indexes of the elements in the bucket that <paramref name="cursor"/> names to <paramref name="indexes"/>
    /// and returns the next cursor, or 0 once the whole table has been covered (Redis's reverse-binary cursor).
    /// </summary>
    public ulong Scan(ulong cursor, List<int> indexes)
    {
        var buckets = _buckets;
        if (buckets.Length == 0)
        {
            return 0;
        }

        var mask = (ulong)(buckets.Length - 1);
        for (var link = buckets[(int)(cursor & mask)]; link != 0; link = _slots[link - 1].Next)
        {
            indexes.Add(link - 1);
        }

        return Internal.ReverseBinaryCursor.Next(cursor, mask);
    }

    private static void Unlink(int[] buckets, Slot[] slots, int bucket, int index, int replacement)
    {
        ref var link = ref buckets[bucket];
        while (link != index + 1)
        {
            link = ref slots[link - 1].Next;
        }

        link = replacement;
    }

    private void Resize(int capacity)
    {
        var slots = new Slot[capacity];
        var buckets = new int[capacity];
        Array.Copy(_slots, slots, _count);
        var mask = capacity - 1;
        for (var i = 0; i < _count; i++)
        {
            ref var bucket = ref buckets[slots[i].HashCode & mask];
            slots[i].Next = bucket;
            bucket = i + 1;
        }

        _slots = slots;
        _buckets = buckets;
    }

    private struct Slot
    {
        public int HashCode;
        public int Next;
        public byte[] Key;
        public TValue Value;
    }
}
