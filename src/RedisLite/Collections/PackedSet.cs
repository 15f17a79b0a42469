namespace RedisLite.Collections;

/// <summary>
/// A small set of short byte strings packed into one array, like the listpack Redis 7.2 uses for small sets: each
/// member is a length byte followed by its bytes, in insertion order. Lookups walk the array, which at the sizes it is
/// allowed (<see cref="MaxEntries"/> members of at most <see cref="MaxMemberLength"/> bytes) is faster than hashing and
/// costs one byte of overhead a member instead of a table slot and an array per member. Not thread-safe.
/// </summary>
internal sealed class PackedSet
{
    /// <summary>The most members a packed set holds. Redis 7.2's <c>set-max-listpack-entries</c> is 128, but in process a
    /// lookup is not hidden behind a network round trip: walking 128 members costs several times a hash probe, while
    /// at 32 the walk stays close to it and the set still costs a fraction of a table's memory.</summary>
    public const int MaxEntries = 32;

    /// <summary>Redis 7.2's <c>set-max-listpack-value</c> default; it also keeps every length within one byte.</summary>
    public const int MaxMemberLength = 64;

    private byte[] _data = [];
    private int _used;
    private int _count;

    /// <summary>Creates an empty set.</summary>
    public PackedSet()
    {
    }

    private PackedSet(PackedSet source)
    {
        _data = source._data.AsSpan(0, source._used).ToArray();
        _used = source._used;
        _count = source._count;
    }

    /// <summary>Gets the number of members.</summary>
    public int Count => _count;

    /// <summary>Gets the estimated bytes of the set: its object and its buffer at capacity.</summary>
    public long AllocatedBytes => Keyspace.MemoryEstimate.Object(16) + Keyspace.MemoryEstimate.Array(_data.Length, 1);

    /// <summary>Tells whether <paramref name="member"/> may be stored here at all.</summary>
    public static bool Fits(ReadOnlySpan<byte> member) => member.Length <= MaxMemberLength;

    /// <summary>Returns an independent copy (trimmed to size).</summary>
    public PackedSet Clone() => new(this);

    /// <summary>The byte offset of <paramref name="member"/>'s length byte, or -1.</summary>
    public int Find(ReadOnlySpan<byte> member)
    {
        var data = _data;
        var length = member.Length;
        if (length == 0)
        {
            for (var at = 0; at < _used; at += 1 + data[at])
            {
                if (data[at] == 0)
                {
                    return at;
                }
            }

            return -1;
        }

        // Members often share a prefix ("user:1", "user:2"), so the last byte rejects most candidates before a full compare.
        var last = member[length - 1];
        for (var at = 0; at < _used; at += 1 + data[at])
        {
            if (data[at] == length && data[at + length] == last && data.AsSpan(at + 1, length).SequenceEqual(member))
            {
                return at;
            }
        }

        return -1;
    }

    /// <summary>Appends a member known to be absent and to <see cref="Fits"/>.</summary>
    public void Append(ReadOnlySpan<byte> member)
    {
        var needed = _used + 1 + member.Length;
        if (needed > _data.Length)
        {
            // Grow by half again: small sets stay tight, and appends stay amortised O(1).
            Array.Resize(ref _data, Math.Max(needed, Math.Max(16, _data.Length + (_data.Length / 2))));
        }

        _data[_used] = (byte)member.Length;
        member.CopyTo(_data.AsSpan(_used + 1));
        _used = needed;
        _count++;
    }

    /// <summary>The byte offset of the member at <paramref name="index"/> (in insertion order).</summary>
    public int OffsetOf(int index)
    {
        var at = 0;
        for (var i = 0; i < index; i++)
        {
            at += 1 + _data[at];
        }

        return at;
    }

    /// <summary>The member whose length byte is at <paramref name="offset"/>: a span into the set, valid until it changes.</summary>
    public ReadOnlySpan<byte> MemberAt(int offset) => _data.AsSpan(offset + 1, _data[offset]);

    /// <summary>The offset of the member after the one at <paramref name="offset"/>.</summary>
    public int Next(int offset) => offset + 1 + _data[offset];

    /// <summary>Removes the member whose length byte is at <paramref name="offset"/>.</summary>
    public void RemoveAt(int offset)
    {
        var length = 1 + _data[offset];
        _data.AsSpan(offset + length, _used - offset - length).CopyTo(_data.AsSpan(offset));
        _used -= length;
        _count--;
        if (_count == 0)
        {
            _data = [];
        }
        else if (_data.Length > 64 && _used < _data.Length / 4)
        {
            Array.Resize(ref _data, _data.Length / 2);
        }
    }
}
