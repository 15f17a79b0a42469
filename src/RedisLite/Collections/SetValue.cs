using System.Buffers.Text;
using RedisLite.Keyspace;

namespace RedisLite.Collections;

/// <summary>
/// The value of a key that holds a set. Two encodings, as in Redis 7.0: an <em>intset</em> (<see cref="IntSet"/>: sorted,
/// 16, 32 or 64 bits a member, searched by bisection) while every member is an integer in canonical form and there are at most
/// <see cref="MaxIntsetEntries"/> of them, and a <see cref="BytesTable{TValue}"/> otherwise.
/// </summary>
/// <remarks>
/// <para>Like Redis 7.0 (and unlike 7.2, which adds a listpack for small sets of strings), a set of strings goes
/// straight to the hash table: a small table costs one array of four 24-byte slots plus the members, so a third
/// encoding would save little and double the code paths every command must get right.</para>
/// <para>A set never converts back from the table to the intset, as in Redis; sets that commands build anew (the
/// STORE forms) start as an intset again when their members allow it.</para>
/// <para>Not thread-safe: used only under the shard lock of its key (see <see cref="CollectionValue"/>).</para>
/// </remarks>
internal sealed class SetValue : CollectionValue
{
    /// <summary>Redis's <c>set-max-intset-entries</c> default: an intset that would grow past this becomes a table.</summary>
    public const int MaxIntsetEntries = 512;

    /// <summary>Room for the longest integer, "-9223372036854775808".</summary>
    private const int Int64TextLength = 20;

    private IntSet? _ints;
    private BytesTable<Nothing>? _table;

    /// <summary>Creates an empty set (an intset) stored under <paramref name="key"/>.</summary>
    /// <param name="key">The key's bytes; owned by the set from now on.</param>
    public SetValue(byte[] key)
        : base(key) => _ints = new IntSet();

    private SetValue(byte[] key, SetValue source)
        : base(key)
    {
        _ints = source._ints?.Clone();
        _table = source._table?.Clone();
    }

    /// <inheritdoc/>
    public override RedisType Type => RedisType.Set;

    /// <inheritdoc/>
    public override long Count => _table?.Count ?? _ints!.Count;

    /// <summary>Gets a value indicating whether the set is encoded as an intset (for tests and memory estimates).</summary>
    public bool IsIntset => _table is null;

    /// <inheritdoc/>
    public override CollectionValue CopyTo(byte[] key) => new SetValue(key, this);

    /// <summary>Adds a member (<c>SADD</c>); returns whether it was new.</summary>
    /// <param name="member">The member; not null.</param>
    public bool Add(in RedisValue member)
    {
        if (_table is null)
        {
            if (member.TryParse(out long number))
            {
                if (_ints!.IndexOf(number) >= 0)
                {
                    return false;
                }

                if (_ints.Count < MaxIntsetEntries)
                {
                    return _ints.Add(number);
                }
            }

            ConvertToTable();
        }

        Span<byte> scratch = stackalloc byte[64];
        _table!.GetOrAdd(member.GetBytes(scratch), default, out var added);
        return added;
    }

    /// <summary>Removes a member (<c>SREM</c>); returns whether it was present.</summary>
    /// <param name="member">The member; not null.</param>
    public bool Remove(in RedisValue member)
    {
        if (_table is not null)
        {
            Span<byte> scratch = stackalloc byte[64];
            return _table.Remove(member.GetBytes(scratch), out _);
        }

        if (!member.TryParse(out long number))
        {
            return false;
        }

        var at = _ints!.IndexOf(number);
        if (at < 0)
        {
            return false;
        }

        _ints.RemoveAt(at);
        return true;
    }

    /// <summary>Tells whether <paramref name="member"/> is in the set (<c>SISMEMBER</c>).</summary>
    /// <param name="member">The member; not null.</param>
    public bool Contains(in RedisValue member)
    {
        if (_table is not null)
        {
            Span<byte> scratch = stackalloc byte[64];
            return _table.Find(member.GetBytes(scratch)) >= 0;
        }

        // A member that is not a canonical integer can never be in an intset.
        return member.TryParse(out long number) && _ints!.IndexOf(number) >= 0;
    }

    /// <summary>The member at <paramref name="index"/> in <c>[0, Count)</c>: O(1), so a uniformly random index is a
    /// uniformly random member. A table member is a read-only view of the stored bytes (they are never mutated).</summary>
    /// <param name="index">The index.</param>
    /// <returns>The member.</returns>
    public RedisValue ElementAt(int index)
    {
        if (_table is null)
        {
            return _ints![index];
        }

        var bytes = _table.KeyAt(index);
        return new RedisValue(bytes, 0, bytes.Length);
    }

    /// <summary>Removes the member at <paramref name="index"/>. Indexes of other members may change.</summary>
    /// <param name="index">The index, in <c>[0, Count)</c>.</param>
    public void RemoveAt(int index)
    {
        if (_table is not null)
        {
            _table.RemoveAt(index);
            return;
        }

        _ints!.RemoveAt(index);
    }

    /// <summary>Every member, in encoding order (ascending for an intset, as Redis replies).</summary>
    /// <returns>A new array.</returns>
    public RedisValue[] ToArray()
    {
        var count = (int)Count;
        var members = new RedisValue[count];
        for (var i = 0; i < count; i++)
        {
            members[i] = ElementAt(i);
        }

        return members;
    }

    /// <summary>
    /// One step of <c>SSCAN</c>, the way Redis takes it: an intset is returned whole with cursor 0 whatever the cursor;
    /// a table is walked bucket by bucket (reverse-binary cursor) until <paramref name="count"/> members are gathered or
    /// ten times that many buckets were visited. <paramref name="pattern"/> filters what was gathered.
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
            Span<byte> text = stackalloc byte[Int64TextLength];
            for (var i = 0; i < _ints!.Count; i++)
            {
                var number = _ints[i];
                if (pattern is null || (Utf8Formatter.TryFormat(number, text, out var written) && GlobPattern.IsMatch(pattern, text[..written])))
                {
                    found.Add(number);
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

    private void ConvertToTable()
    {
        var ints = _ints!;
        var table = new BytesTable<Nothing>(ints.Count + 1);
        Span<byte> text = stackalloc byte[Int64TextLength];
        for (var i = 0; i < ints.Count; i++)
        {
            Utf8Formatter.TryFormat(ints[i], text, out var written);
            var bytes = text[..written].ToArray();
            table.Add(BytesTable<Nothing>.Hash(bytes), bytes, default);
        }

        _table = table;
        _ints = null;
    }

    /// <summary>The value a set keeps per member: none.</summary>
    internal readonly struct Nothing;
}
