using RedisLite.Keyspace;

namespace RedisLite.Collections;

/// <summary>
/// The value of a key that holds a hash: field -> value, both binary-safe. Small hashes are packed into one byte array
/// (Redis's listpack encoding); a hash that outgrows <see cref="MaxCompactEntries"/> fields or receives a field or
/// value longer than <see cref="MaxCompactLength"/> bytes moves to a <see cref="BytesTable{TValue}"/> for good, as Redis
/// keeps a converted hash in its hashtable encoding.
/// </summary>
/// <remarks>
/// <para><b>Compact layout.</b> Entries follow each other in insertion order as <c>[field length][field][value
/// length][value]</c>, each length one byte (both are at most 64). An update keeps the entry's position and a removal
/// keeps the order of the others, as a listpack does, so HGETALL lists a small hash in the order Redis does.</para>
/// <para><b>Views.</b> Values returned to callers are views into the packed array or into the table's arrays, taken
/// under the shard lock and read after it is released. So bytes once written are never changed: an update or removal
/// builds a new packed array, and only an append writes in place, into spare room no view has ever covered.</para>
/// </remarks>
internal sealed class HashValue : CollectionValue
{
    /// <summary>Redis's <c>hash-max-listpack-entries</c> default: more fields than this and the hash becomes a table.</summary>
    internal const int MaxCompactEntries = 512;

    /// <summary>Redis's <c>hash-max-listpack-value</c> default: a longer field or value makes the hash a table.</summary>
    internal const int MaxCompactLength = 64;

    private byte[] _packed;
    private int _used;
    private int _count;
    private BytesTable<byte[]>? _table;
    private long _valueBytes;

    /// <summary>Creates an empty (compact) hash stored under <paramref name="key"/>.</summary>
    /// <param name="key">The key's bytes, owned by the hash from now on.</param>
    public HashValue(byte[] key)
        : base(key) => _packed = [];

    private HashValue(byte[] key, HashValue source)
        : base(key)
    {
        _packed = source._packed.AsSpan(0, source._used).ToArray();
        _used = source._used;
        _count = source._count;
        _table = source._table?.Clone();
        _valueBytes = source._valueBytes;
    }

    /// <inheritdoc/>
    public override RedisType Type => RedisType.Hash;

    /// <inheritdoc/>
    public override long Count => _table?.Count ?? _count;

    /// <summary>Gets a value indicating whether the hash uses the packed encoding.</summary>
    public bool IsCompact => _table is null;

    /// <summary>Gets the table of a hash that is not compact (for tests of the encoding).</summary>
    internal BytesTable<byte[]>? Table => _table;

    /// <summary>Gets the bytes of the packed array, spare room included (for memory estimates).</summary>
    internal int PackedCapacity => _packed.Length;

    /// <inheritdoc/>
    protected override long StructureBytes => MemoryEstimate.Object(48) + MemoryEstimate.Array(_packed.Length, 1)
        + (_table is { } table ? table.AllocatedBytes + _valueBytes : 0);

    /// <inheritdoc/>
    protected override long MeasureStructureBytes()
    {
        var bytes = MemoryEstimate.Object(48) + MemoryEstimate.Array(_packed.Length, 1);
        if (_table is { } table)
        {
            bytes += table.MeasureBytes();
            for (var i = 0; i < table.Count; i++)
            {
                bytes += MemoryEstimate.Bytes(table.ValueAt(i).Length);
            }
        }

        return bytes;
    }

    /// <inheritdoc/>
    public override CollectionValue CopyTo(byte[] key) => new HashValue(key, this);

    /// <summary>Prepares for adding fields whose longest field or value is <paramref name="longest"/> bytes, converting
    /// to a table first when they will not fit the packed encoding (Redis checks all of HSET's arguments up front).</summary>
    public void Reserve(int longest)
    {
        if (_table is null && longest > MaxCompactLength)
        {
            Convert();
        }
    }

    /// <summary>Finds a field's value.</summary>
    /// <param name="field">The field.</param>
    /// <param name="value">A view of the value (valid forever: stored bytes are never changed).</param>
    /// <returns>Whether the field exists.</returns>
    public bool TryGet(ReadOnlySpan<byte> field, out RedisValue value)
    {
        if (_table is { } table)
        {
            var index = table.Find(field);
            if (index < 0)
            {
                value = default;
                return false;
            }

            var bytes = table.ValueAt(index);
            value = new RedisValue(bytes, 0, bytes.Length);
            return true;
        }

        var position = FindPacked(field);
        if (position < 0)
        {
            value = default;
            return false;
        }

        value = PackedValue(position);
        return true;
    }

    /// <summary>Tells whether a field exists.</summary>
    public bool Contains(ReadOnlySpan<byte> field) => _table is { } table ? table.Find(field) >= 0 : FindPacked(field) >= 0;

    /// <summary>Sets a field, adding it if it is missing.</summary>
    /// <param name="field">The field.</param>
    /// <param name="value">The value.</param>
    /// <returns><see langword="true"/> if the field was added, <see langword="false"/> if an existing one was updated.</returns>
    public bool Set(ReadOnlySpan<byte> field, ReadOnlySpan<byte> value)
    {
        if (_table is null && (field.Length > MaxCompactLength || value.Length > MaxCompactLength))
        {
            Convert();
        }

        if (_table is { } table)
        {
            var hash = BytesTable<byte[]>.Hash(field);
            var index = table.Find(field, hash);
            if (index >= 0)
            {
                ref var stored = ref table.ValueAt(index);
                _valueBytes += MemoryEstimate.Bytes(value.Length) - MemoryEstimate.Bytes(stored.Length);
                stored = value.ToArray();
                return false;
            }

            table.Add(hash, field.ToArray(), value.ToArray());
            _valueBytes += MemoryEstimate.Bytes(value.Length);
            return true;
        }

        var position = FindPacked(field);
        if (position >= 0)
        {
            ReplacePacked(position, value);
            return false;
        }

        if (_count == MaxCompactEntries)
        {
            Convert();
            return Set(field, value);
        }

        AppendPacked(field, value);
        return true;
    }

    /// <summary>Removes a field.</summary>
    /// <returns>Whether it existed.</returns>
    public bool Remove(ReadOnlySpan<byte> field)
    {
        if (_table is { } table)
        {
            if (!table.Remove(field, out var removed))
            {
                return false;
            }

            _valueBytes -= MemoryEstimate.Bytes(removed.Length);
            return true;
        }

        var position = FindPacked(field);
        if (position < 0)
        {
            return false;
        }

        var length = EntryLength(position);
        var packed = new byte[_used - length];
        _packed.AsSpan(0, position).CopyTo(packed);
        _packed.AsSpan(position + length, _used - position - length).CopyTo(packed.AsSpan(position));
        _packed = packed;
        _used = packed.Length;
        _count--;
        return true;
    }

    /// <summary>Returns every field and value: in insertion order when compact, in table order otherwise.</summary>
    public HashEntry[] ToEntries()
    {
        var entries = new HashEntry[Count];
        if (_table is { } table)
        {
            for (var i = 0; i < entries.Length; i++)
            {
                entries[i] = TableEntry(table, i);
            }

            return entries;
        }

        var position = 0;
        for (var i = 0; i < entries.Length; i++)
        {
            entries[i] = new HashEntry(PackedField(position), PackedValue(position));
            position += EntryLength(position);
        }

        return entries;
    }

    /// <summary>Returns the entry at a dense index in <c>[0, Count)</c> of a table-encoded hash.</summary>
    public HashEntry TableEntryAt(int index) => TableEntry(_table!, index);

    /// <summary>One step of HSCAN over a table-encoded hash: adds the entries of the bucket the cursor names.</summary>
    /// <returns>The next cursor, 0 when done.</returns>
    public ulong ScanTable(ulong cursor, List<int> indexes) => _table!.Scan(cursor, indexes);

    private static HashEntry TableEntry(BytesTable<byte[]> table, int index)
    {
        var field = table.KeyAt(index);
        var value = table.ValueAt(index);
        return new HashEntry(new RedisValue(field, 0, field.Length), new RedisValue(value, 0, value.Length));
    }

    private int FindPacked(ReadOnlySpan<byte> field)
    {
        var packed = _packed;
        var position = 0;
        while (position < _used)
        {
            int fieldLength = packed[position];
            if (fieldLength == field.Length && packed.AsSpan(position + 1, fieldLength).SequenceEqual(field))
            {
                return position;
            }

            position += fieldLength + 2 + packed[position + 1 + fieldLength];
        }

        return -1;
    }

    private int EntryLength(int position)
    {
        int fieldLength = _packed[position];
        return fieldLength + 2 + _packed[position + 1 + fieldLength];
    }

    private RedisValue PackedField(int position) => new(_packed, position + 1, _packed[position]);

    private RedisValue PackedValue(int position)
    {
        var valueAt = position + 1 + _packed[position];
        return new RedisValue(_packed, valueAt + 1, _packed[valueAt]);
    }

    private void ReplacePacked(int position, ReadOnlySpan<byte> value)
    {
        var valueAt = position + 1 + _packed[position];
        int oldLength = _packed[valueAt];
        if (_packed.AsSpan(valueAt + 1, oldLength).SequenceEqual(value))
        {
            return;
        }

        // A new array: the old value's bytes may be in a caller's hands.
        var tail = valueAt + 1 + oldLength;
        var packed = new byte[_used - oldLength + value.Length];
        _packed.AsSpan(0, valueAt).CopyTo(packed);
        packed[valueAt] = (byte)value.Length;
        value.CopyTo(packed.AsSpan(valueAt + 1));
        _packed.AsSpan(tail, _used - tail).CopyTo(packed.AsSpan(valueAt + 1 + value.Length));
        _packed = packed;
        _used = packed.Length;
    }

    private void AppendPacked(ReadOnlySpan<byte> field, ReadOnlySpan<byte> value)
    {
        var needed = _used + field.Length + value.Length + 2;
        if (needed > _packed.Length)
        {
            // The first fields get an exact fit (most small hashes are written once); later growth leaves a quarter
            // spare so that building a hash field by field is not quadratic.
            var packed = new byte[_used == 0 ? needed : needed + (needed / 4)];
            _packed.AsSpan(0, _used).CopyTo(packed);
            _packed = packed;
        }

        var span = _packed.AsSpan(_used);
        span[0] = (byte)field.Length;
        field.CopyTo(span[1..]);
        span[1 + field.Length] = (byte)value.Length;
        value.CopyTo(span[(2 + field.Length)..]);
        _used = needed;
        _count++;
    }

    private void Convert()
    {
        var table = new BytesTable<byte[]>(_count + 1);
        var position = 0;
        for (var i = 0; i < _count; i++)
        {
            var field = _packed.AsSpan(position + 1, _packed[position]);
            var value = PackedValue(position);
            table.Add(BytesTable<byte[]>.Hash(field), field.ToArray(), value.AsSpan().ToArray());
            _valueBytes += MemoryEstimate.Bytes(value.Length);
            position += EntryLength(position);
        }

        _table = table;
        _packed = [];
        _used = 0;
        _count = 0;
    }
}
