namespace RedisLite.Collections;

/// <summary>
/// The value of a key that holds a collection (hash, list, set, sorted set): a mutable object that carries its key.
/// </summary>
/// <remarks>
/// <para><b>Concurrency.</b> Unlike string payloads, collections change in place, so their contents are only ever read
/// or written while holding their shard's lock (see <c>DataStore.Collections.cs</c>); the lock-free read path of
/// the shard only ever looks at <see cref="Key"/> and <see cref="Type"/>, which a torn read may see safely.</para>
/// <para><b>Invariant.</b> A key never holds an empty collection: every write that can remove elements deletes the key
/// when <see cref="IsEmpty"/> becomes true, before it releases the lock.</para>
/// </remarks>
internal abstract class CollectionValue
{
    private byte[] _key;

    /// <summary>Creates a collection stored under <paramref name="key"/>.</summary>
    /// <param name="key">The key's bytes; owned by the collection from now on.</param>
    protected CollectionValue(byte[] key) => _key = key;

    /// <summary>Gets the key's bytes. Replaced (never mutated) by <see cref="MoveTo"/>, so readers may keep a reference.</summary>
    public byte[] Key => Volatile.Read(ref _key);

    /// <summary>Gets the Redis type the collection implements.</summary>
    public abstract RedisType Type { get; }

    /// <summary>Gets the number of elements (fields, members, items).</summary>
    public abstract long Count { get; }

    /// <summary>Gets a value indicating whether the collection has no elements left (and its key must be deleted).</summary>
    public bool IsEmpty => Count == 0;

    /// <summary>Gets the estimated bytes of the collection as allocated now (see <see cref="Keyspace.MemoryEstimate"/>):
    /// its object, its key and its structures. O(1): every structure keeps its own total as it changes.</summary>
    public long AllocatedBytes => Keyspace.MemoryEstimate.Bytes(Key.Length) + StructureBytes;

    /// <summary>The bytes the owning shard counts for this collection, as of its last resync (written only under the
    /// shard's write scope).</summary>
    internal long AccountedBytes;

    /// <summary>Gets the estimated bytes of the collection's object and structures, without its key; O(1).</summary>
    protected abstract long StructureBytes { get; }

    /// <summary>Recomputes <see cref="AllocatedBytes"/> by walking every element (for checks of the incremental totals).</summary>
    /// <returns>The estimate.</returns>
    public long MeasureBytes() => Keyspace.MemoryEstimate.Bytes(Key.Length) + MeasureStructureBytes();

    /// <summary>Recomputes <see cref="StructureBytes"/> from scratch.</summary>
    /// <returns>The estimate.</returns>
    protected abstract long MeasureStructureBytes();

    /// <summary>Re-keys this collection for RENAME and MOVE, which hand the same object to a new key in O(1). Caller
    /// holds the write scope of both shards and removes the old entry in the same scope.</summary>
    /// <param name="key">The new key's bytes.</param>
    /// <returns>This instance.</returns>
    public CollectionValue MoveTo(byte[] key)
    {
        Volatile.Write(ref _key, key);
        return this;
    }

    /// <summary>Returns a deep copy stored under <paramref name="key"/> (COPY): the two never share mutable state.</summary>
    /// <param name="key">The copy's key bytes.</param>
    /// <returns>The copy.</returns>
    public abstract CollectionValue CopyTo(byte[] key);
}
