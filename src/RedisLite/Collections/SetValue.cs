using System.Buffers.Text;
using RedisLite.Keyspace;

namespace RedisLite.Collections;

/// <summary>
/// The value of a key that holds a set, in one of the three encodings of Redis 7.2: an <em>intset</em> (<see cref="IntSet"/>:
/// sorted, 16, 32 or 64 bits a member) while every member is an integer in canonical form and there are at most
/// <see cref="MaxIntsetEntries"/>; a <em>packed</em> set (<see cref="PackedSet"/>, Redis's listpack) for up to
/// <see cref="PackedSet.MaxEntries"/> members (32; Redis 7.2 allows 128, see there why fewer) of at most
/// <see cref="PackedSet.MaxMemberLength"/> bytes; and a
/// <see cref="BytesTable{TValue}"/> beyond that.
/// </summary>
/// <remarks>
/// <para>Redis 7.0 (the reference server) has no listpack for sets and goes from intset straight to a hash table; the
/// encoding is invisible to commands except that SSCAN returns a small set whole in one call, which both do for intsets
/// and 7.2 also does for listpacks. A small set of short strings costs a few dozen bytes packed instead of a few hundred
/// in a table, which is what made the third encoding worth having.</para>
/// <para>Sets only ever move to a bigger encoding (intset to packed or table, packed to table), as in Redis; sets that
/// commands build anew (the STORE forms) start small again when their members allow it.</para>
/// <para>Not thread-safe: used only under the shard lock of its key (see <see cref="CollectionValue"/>).</para>
/// </remarks>
internal sealed class SetValue : CollectionValue, IMemberSet
{
    /// <summary>Redis's <c>set-max-intset-entries</c> default: an intset that would grow past this converts.</summary>
    public const int MaxIntsetEntries = 512;

    /// <summary>Room for the longest integer, "-9223372036854775808".</summary>
    private const int Int64TextLength = 20;

    // Exactly one encoding is in use at a time.
    private IntSet? _ints;
    private PackedSet? _packed;
    private BytesTable<Nothing>? _table;

    /// <summary>Creates an empty set (an intset) stored under <paramref name="key"/>.</summary>
    /// <param name="key">The key's bytes; owned by the set from now on.</param>
    public SetValue(byte[] key)
        : base(key) => _ints = new IntSet();

    private SetValue(byte[] key, SetValue source)
        : base(key)
    {
        _ints = source._ints?.Clone();
        _packed = source._packed?.Clone();
        _table = source._table?.Clone();
    }

    /// <inheritdoc/>
    protected override long StructureBytes => MemoryEstimate.Object(32)
        + (_ints?.AllocatedBytes ?? _packed?.AllocatedBytes ?? _table!.AllocatedBytes);

    /// <inheritdoc/>
    protected override long MeasureStructureBytes() => MemoryEstimate.Object(32)
        + (_ints?.AllocatedBytes ?? _packed?.AllocatedBytes ?? _table!.MeasureBytes());

    /// <summary>The encodings, named as <c>OBJECT ENCODING</c> names them.</summary>
    public enum SetEncoding
    {
        /// <summary>Sorted integers.</summary>
        Intset,

        /// <summary>Packed short strings.</summary>
        Listpack,

        /// <summary>A hash table.</summary>
        Hashtable,
    }

    /// <inheritdoc/>
    public override RedisType Type => RedisType.Set;

    /// <inheritdoc/>
    public override long Count => _ints?.Count ?? _packed?.Count ?? _table!.Count;

    /// <summary>Gets the current encoding (for tests and memory estimates).</summary>
    public SetEncoding Encoding => _ints is not null ? SetEncoding.Intset : _packed is not null ? SetEncoding.Listpack : SetEncoding.Hashtable;

    /// <inheritdoc/>
    public override CollectionValue CopyTo(byte[] key) => new SetValue(key, this);

    /// <summary>Adds a member (<c>SADD</c>); returns whether it was new.</summary>
    /// <param name="member">The member; not null.</param>
    public bool Add(in RedisValue member)
    {
        Span<byte> scratch = stackalloc byte[64];
        if (_ints is { } ints)
        {
            if (member.TryParse(out long number))
            {
                if (ints.IndexOf(number) >= 0)
                {
                    return false;
                }

                if (ints.Count < MaxIntsetEntries)
                {
                    return ints.Add(number);
                }

                ConvertToTable();
            }
            else
            {
                var bytes = member.GetBytes(scratch);
                if (ints.Count < PackedSet.MaxEntries && PackedSet.Fits(bytes))
                {
                    ConvertToPacked();
                    _packed!.Append(bytes);
                    return true;
                }

                ConvertToTable();
            }
        }

        var key = member.GetBytes(scratch);
        if (_packed is { } packed)
        {
            if (packed.Find(key) >= 0)
            {
                return false;
            }

            if (packed.Count < PackedSet.MaxEntries && PackedSet.Fits(key))
            {
                packed.Append(key);
                return true;
            }

            ConvertToTable();
        }

        _table!.GetOrAdd(key, default, out var added);
        return added;
    }

    /// <summary>Removes a member (<c>SREM</c>); returns whether it was present.</summary>
    /// <param name="member">The member; not null.</param>
    public bool Remove(in RedisValue member)
    {
        if (_ints is { } ints)
        {
            if (!member.TryParse(out long number))
            {
                return false;
            }

            var at = ints.IndexOf(number);
            if (at < 0)
            {
                return false;
            }

            ints.RemoveAt(at);
            return true;
        }

        Span<byte> scratch = stackalloc byte[64];
        var key = member.GetBytes(scratch);
        if (_packed is { } packed)
        {
            var offset = packed.Find(key);
            if (offset < 0)
            {
                return false;
            }

            packed.RemoveAt(offset);
            return true;
        }

        return _table!.Remove(key, out _);
    }

    /// <summary>Tells whether <paramref name="member"/> is in the set (<c>SISMEMBER</c>).</summary>
    /// <param name="member">The member; not null.</param>
    public bool Contains(in RedisValue member)
    {
        if (_ints is { } ints)
        {
            // A member that is not a canonical integer can never be in an intset.
            return member.TryParse(out long number) && ints.IndexOf(number) >= 0;
        }

        Span<byte> scratch = stackalloc byte[64];
        var key = member.GetBytes(scratch);
        return _packed is { } packed ? packed.Find(key) >= 0 : _table!.Find(key) >= 0;
    }

    /// <summary>The member at <paramref name="index"/> in <c>[0, Count)</c>, so a uniformly random index is a uniformly
    /// random member: O(1) for an intset or table, a walk of at most <see cref="PackedSet.MaxEntries"/> for a packed set.
    /// A table member is a read-only view of the stored bytes (they are never mutated); a packed one is a copy.</summary>
    /// <param name="index">The index.</param>
    /// <returns>The member.</returns>
    public RedisValue ElementAt(int index)
    {
        if (_ints is { } ints)
        {
            return ints[index];
        }

        if (_packed is { } packed)
        {
            return packed.MemberAt(packed.OffsetOf(index)).ToArray();
        }

        var bytes = _table!.KeyAt(index);
        return new RedisValue(bytes, 0, bytes.Length);
    }

    /// <summary>Removes the member at <paramref name="index"/>. Indexes of other members may change.</summary>
    /// <param name="index">The index, in <c>[0, Count)</c>.</param>
    public void RemoveAt(int index)
    {
        if (_ints is { } ints)
        {
            ints.RemoveAt(index);
        }
        else if (_packed is { } packed)
        {
            packed.RemoveAt(packed.OffsetOf(index));
        }
        else
        {
            _table!.RemoveAt(index);
        }
    }

    /// <summary>Every member, in encoding order (ascending for an intset, as Redis replies; insertion order when packed).</summary>
    /// <returns>A new array; the members stay valid after the set changes.</returns>
    public RedisValue[] ToArray()
    {
        var members = new RedisValue[(int)Count];
        if (_packed is { } packed)
        {
            for (int i = 0, at = 0; i < members.Length; i++, at = packed.Next(at))
            {
                members[i] = packed.MemberAt(at).ToArray();
            }

            return members;
        }

        for (var i = 0; i < members.Length; i++)
        {
            members[i] = ElementAt(i);
        }

        return members;
    }

    /// <summary>
    /// One step of <c>SSCAN</c>, the way Redis takes it: an intset or packed set is returned whole with cursor 0 whatever
    /// the cursor; a table is walked bucket by bucket (reverse-binary cursor) until <paramref name="count"/> members are
    /// gathered or ten times that many buckets were visited. <paramref name="pattern"/> filters what was gathered.
    /// </summary>
    /// <param name="cursor">The cursor from the previous call, or 0.</param>
    /// <param name="pattern">The MATCH pattern, or null for every member.</param>
    /// <param name="count">The COUNT hint, at least 1.</param>
    /// <param name="found">Receives the members.</param>
    /// <returns>The next cursor, 0 when the scan is complete.</returns>
    public ulong Scan(ulong cursor, byte[]? pattern, int count, List<RedisValue> found)
    {
        if (_table is null)
        {
            Span<byte> scratch = stackalloc byte[Int64TextLength];
            foreach (var member in ToArray())
            {
                if (pattern is null || GlobPattern.IsMatch(pattern, member.GetBytes(scratch)))
                {
                    found.Add(member);
                }
            }

            return 0;
        }

        var indexes = new List<int>();
        var budget = (long)count * 10;
        do
        {
            cursor = _table.Scan(cursor, indexes);
        }
        while (cursor != 0 && budget-- > 0 && indexes.Count < count);

        foreach (var index in indexes)
        {
            var bytes = _table.KeyAt(index);
            if (pattern is null || GlobPattern.IsMatch(pattern, bytes))
            {
                found.Add(new RedisValue(bytes, 0, bytes.Length));
            }
        }

        return cursor;
    }

    private void ConvertToPacked()
    {
        var ints = _ints!;
        var packed = new PackedSet();
        Span<byte> text = stackalloc byte[Int64TextLength];
        for (var i = 0; i < ints.Count; i++)
        {
            Utf8Formatter.TryFormat(ints[i], text, out var written);
            packed.Append(text[..written]);
        }

        _packed = packed;
        _ints = null;
    }

    private void ConvertToTable()
    {
        var table = new BytesTable<Nothing>((int)Count + 1);
        if (_ints is { } ints)
        {
            Span<byte> text = stackalloc byte[Int64TextLength];
            for (var i = 0; i < ints.Count; i++)
            {
                Utf8Formatter.TryFormat(ints[i], text, out var written);
                var bytes = text[..written].ToArray();
                table.Add(BytesTable<Nothing>.Hash(bytes), bytes, default);
            }
        }
        else
        {
            var packed = _packed!;
            for (int i = 0, at = 0; i < packed.Count; i++, at = packed.Next(at))
            {
                var bytes = packed.MemberAt(at).ToArray();
                table.Add(BytesTable<Nothing>.Hash(bytes), bytes, default);
            }
        }

        _table = table;
        _ints = null;
        _packed = null;
    }

    /// <summary>The value a set keeps per member: none.</summary>
    internal readonly struct Nothing;

    /// <inheritdoc/>
    int IMemberSet.MemberCount => (int)Count;

    /// <inheritdoc/>
    bool IMemberSet.ContainsMember(ReadOnlySpan<byte> member) => Contains(member.ToArray());

    /// <inheritdoc/>
    void IMemberSet.CopyMembersTo(List<byte[]> into)
    {
        foreach (var member in ToArray())
        {
            into.Add(member.AsMemory().ToArray());
        }
    }
}
