using RedisLite.Keyspace;

namespace RedisLite.Collections;

/// <summary>What one <see cref="SortedSetValue.Add"/> did.</summary>
internal enum SortedSetAddResult
{
    /// <summary>The member existed with the same score.</summary>
    Unchanged = 0,

    /// <summary>The member was added.</summary>
    Added = 1,

    /// <summary>The member's score changed.</summary>
    Updated = 2,

    /// <summary>A condition (NX, XX, GT, LT) prevented the write.</summary>
    NotPerformed = 3,

    /// <summary>The increment produced NaN; nothing changed.</summary>
    NaN = 4,
}

/// <summary>
/// The value of a sorted-set key, in one of Redis's two encodings: compact (sorted parallel arrays of members and
/// scores, like Redis's listpack, for at most <see cref="MaxCompactEntries"/> members of at most
/// <see cref="MaxCompactValue"/> bytes) or big (a <see cref="SortedSetTree"/> for order and ranks plus a
/// <see cref="BytesTable{TValue}"/> from member to score for O(1) scores). A compact set turns big before an insert that
/// would break a limit, and never turns back (as in Redis 7.0); STORE results pick their encoding from their size.
/// </summary>
/// <remarks>Ranks are 0-based and ascending. Members are immutable arrays and may be shared with readers and copies.
/// The compact encoding stores <c>-0</c> as <c>0</c>, as Redis's listpack does; the big one keeps the sign.</remarks>
internal sealed class SortedSetValue : CollectionValue
{
    /// <summary>Redis's zset-max-listpack-entries default.</summary>
    public const int MaxCompactEntries = 128;

    /// <summary>Redis's zset-max-listpack-value default.</summary>
    public const int MaxCompactValue = 64;

    private byte[][] _members = [];
    private double[] _scores = [];
    private int _count;
    private long _memberBytes;

    private SortedSetTree? _list;
    private BytesTable<double>? _table;

    /// <summary>Creates an empty sorted set.</summary>
    /// <param name="key">The key's bytes.</param>
    /// <param name="big">Whether to start in the big encoding.</param>
    public SortedSetValue(byte[] key, bool big = false)
        : base(key)
    {
        if (big)
        {
            _list = new SortedSetTree();
            _table = new BytesTable<double>();
        }
    }

    /// <inheritdoc/>
    public override RedisType Type => RedisType.SortedSet;

    /// <inheritdoc/>
    public override long Count => Length;

    /// <summary>Gets the number of members.</summary>
    public int Length => _list is null ? _count : _list.Count;

    /// <summary>Gets a value indicating whether the compact encoding is in use.</summary>
    public bool IsCompact => _list is null;

    /// <summary>Gets the tree of the big encoding (for invariant checks), or null.</summary>
    internal SortedSetTree? Tree => _list;

    /// <summary>Gets the member table of the big encoding (for invariant checks), or null.</summary>
    internal BytesTable<double>? Table => _table;

    /// <summary>Builds a STORE result from members in ascending order: compact when it fits Redis's limits (scores
    /// then lose a <c>-0</c> sign, as in a listpack), big otherwise.</summary>
    public static SortedSetValue FromSorted(byte[] key, List<SortedSetEntry> sorted, List<byte[]> members)
    {
        var maxLength = 0;
        foreach (var m in members)
        {
            maxLength = Math.Max(maxLength, m.Length);
        }

        var compact = sorted.Count <= MaxCompactEntries && maxLength <= MaxCompactValue;
        var set = new SortedSetValue(key, big: !compact);
        if (compact)
        {
            set._members = new byte[sorted.Count][];
            set._scores = new double[sorted.Count];
            for (var i = 0; i < sorted.Count; i++)
            {
                set._members[i] = members[i];
                set._scores[i] = CompactScore(sorted[i].Score);
            }

            set._count = sorted.Count;
            foreach (var m in set._members)
            {
                set._memberBytes += MemoryEstimate.Bytes(m.Length);
            }
        }
        else
        {
            for (var i = 0; i < sorted.Count; i++)
            {
                set.BigInsert(members[i], sorted[i].Score);
            }
        }

        return set;
    }

    /// <summary>Finds a member's score (ZSCORE): O(1) in the big encoding, a scan of at most 128 in the compact one.</summary>
    public bool TryGetScore(ReadOnlySpan<byte> member, out double score)
    {
        if (_table is not null)
        {
            var index = _table.Find(member);
            score = index < 0 ? 0 : _table.ValueAt(index);
            return index >= 0;
        }

        var i = CompactIndexOf(member);
        score = i < 0 ? 0 : _scores[i];
        return i >= 0;
    }

    /// <summary>ZADD's per-member step (Redis's zsetAdd): applies the conditions, the increment and the NaN check.</summary>
    /// <param name="member">The member.</param>
    /// <param name="score">The score, or the increment when <paramref name="increment"/>.</param>
    /// <param name="when">NX/XX/GT/LT, already validated.</param>
    /// <param name="increment">Whether <paramref name="score"/> is added to the current score (INCR, ZINCRBY).</param>
    /// <param name="newScore">The member's score afterwards, as Redis replies it (a new <c>-0</c> keeps its sign here even in the compact encoding).</param>
    public SortedSetAddResult Add(ReadOnlySpan<byte> member, double score, SortedSetWhen when, bool increment, out double newScore)
    {
        var nx = (when & SortedSetWhen.NotExists) != 0;
        var xx = (when & SortedSetWhen.Exists) != 0;
        var gt = (when & SortedSetWhen.GreaterThan) != 0;
        var lt = (when & SortedSetWhen.LessThan) != 0;

        int hash = 0, index;
        double current;
        if (_table is not null)
        {
            hash = BytesTable<double>.Hash(member);
            index = _table.Find(member, hash);
            current = index < 0 ? 0 : _table.ValueAt(index);
        }
        else
        {
            index = CompactIndexOf(member);
            current = index < 0 ? 0 : _scores[index];
        }

        if (index >= 0)
        {
            newScore = current;
            if (nx)
            {
                return SortedSetAddResult.NotPerformed;
            }

            if (increment)
            {
                score += current;
                if (double.IsNaN(score))
                {
                    return SortedSetAddResult.NaN;
                }
            }

            if ((lt && score >= current) || (gt && score <= current))
            {
                return SortedSetAddResult.NotPerformed;
            }

            newScore = score;
            if (score == current)
            {
                return SortedSetAddResult.Unchanged;
            }

            if (_list is not null)
            {
                _list.UpdateScore(current, _table!.KeyAt(index), score);
                _table.ValueAt(index) = score;
            }
            else
            {
                var kept = _members[index];
                CompactRemoveAt(index);
                CompactInsert(kept, score);
            }

            return SortedSetAddResult.Updated;
        }

        newScore = score;
        if (xx)
        {
            return SortedSetAddResult.NotPerformed;
        }

        if (_list is null && (_count + 1 > MaxCompactEntries || member.Length > MaxCompactValue))
        {
            // Converted before the insert, as Redis does: the new member lands in the big encoding.
            ConvertToBig();
            hash = BytesTable<double>.Hash(member);
        }

        if (_list is not null)
        {
            var bytes = member.ToArray();
            _table!.Add(hash, bytes, score);
            _list.Insert(score, bytes);
        }
        else
        {
            CompactInsert(member.ToArray(), score);
        }

        return SortedSetAddResult.Added;
    }

    /// <summary>Removes a member (ZREM); returns whether it was there.</summary>
    public bool Remove(ReadOnlySpan<byte> member)
    {
        if (_table is not null)
        {
            var index = _table.Find(member);
            if (index < 0)
            {
                return false;
            }

            // The tree is given the stored array, which it recognises by reference (see Rank).
            _list!.Delete(_table.ValueAt(index), _table.KeyAt(index));
            _table.RemoveAt(index);
            return true;
        }

        var i = CompactIndexOf(member);
        if (i < 0)
        {
            return false;
        }

        CompactRemoveAt(i);
        return true;
    }

    /// <summary>The 0-based ascending rank of a member (ZRANK), or -1, and its score.</summary>
    public int Rank(ReadOnlySpan<byte> member, out double score)
    {
        if (_table is not null)
        {
            // The stored key is the array the tree holds, so the tree's final comparison is by reference, not a read
            // of the member's bytes (one cache miss less in a large set).
            var index = _table.Find(member);
            score = index < 0 ? 0 : _table.ValueAt(index);
            return index < 0 ? -1 : _list!.Rank(score, _table.KeyAt(index));
        }

        var i = CompactIndexOf(member);
        score = i < 0 ? 0 : _scores[i];
        return i;
    }

    /// <summary>A cursor on the member of 0-based ascending rank <paramref name="rank"/> (invalid when out of range):
    /// O(1) compact, O(log n) big; each step after that is O(1).</summary>
    public Cursor At(int rank) => _list is null ? new Cursor(this, rank, default) : new Cursor(this, 0, _list.At(rank));

    /// <summary>The number of members whose score is below <paramref name="score"/> (or not above it when
    /// <paramref name="orEqual"/>): where a score range starts (or ends), in O(log n).</summary>
    public int CountBelow(double score, bool orEqual)
    {
        if (_list is not null)
        {
            return _list.CountBelow(score, orEqual);
        }

        int lo = 0, hi = _count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            var s = _scores[mid];
            if (s < score || (orEqual && s == score))
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>The rank where a score range starts and the number of members in it (ZCOUNT and friends).</summary>
    public (int Start, int Count) ScoreSpan(in ScoreRange range)
    {
        var start = CountBelow(range.Min, range.MinExclusive);
        var end = CountBelow(range.Max, !range.MaxExclusive);
        return (start, Math.Max(0, end - start));
    }

    /// <summary>The rank of the first member in a lex range, or -1 (Redis's zzlFirstInLexRange/zslFirstInLexRange:
    /// members are assumed to be in order; the compact encoding scans like the listpack, so a set whose scores differ
    /// gives Redis's answer too).</summary>
    public int FirstInLex(in LexRange range)
    {
        if (!IsInLexRange(range))
        {
            return -1;
        }

        if (_list is not null)
        {
            var rank = _list.CountLex(range, whileBelowMin: true);
            var at = _list.At(rank);
            return at.IsValid && range.LteMax(at.Member) ? rank : -1;
        }

        for (var i = 0; i < _count; i++)
        {
            if (range.GteMin(_members[i]))
            {
                return range.LteMax(_members[i]) ? i : -1;
            }
        }

        return -1;
    }

    /// <summary>The rank of the last member in a lex range, or -1 (Redis's zzlLastInLexRange/zslLastInLexRange).</summary>
    public int LastInLex(in LexRange range)
    {
        if (!IsInLexRange(range))
        {
            return -1;
        }

        if (_list is not null)
        {
            var rank = _list.CountLex(range, whileBelowMin: false) - 1;
            var at = _list.At(rank);
            return at.IsValid && range.GteMin(at.Member) ? rank : -1;
        }

        for (var i = _count - 1; i >= 0; i--)
        {
            if (range.LteMax(_members[i]))
            {
                return range.GteMin(_members[i]) ? i : -1;
            }
        }

        return -1;
    }

    /// <summary>The number of members from rank <paramref name="start"/> on that are within the end of a lex range
    /// (ZLEXCOUNT, ZREMRANGEBYLEX): rank arithmetic in the big encoding, a walk (as the listpack's) in the compact one.</summary>
    public int LexCountFrom(int start, in LexRange range)
    {
        if (start < 0)
        {
            return 0;
        }

        if (_list is not null)
        {
            var last = LastInLex(range);
            return last < 0 ? Length - start : Math.Max(0, last - start + 1);
        }

        var count = 0;
        for (var i = start; i < _count && range.LteMax(_members[i]); i++)
        {
            count++;
        }

        return count;
    }

    /// <summary>Removes the members of 0-based ranks <paramref name="start"/> to <paramref name="stop"/> (inclusive,
    /// already clamped); O(log n + m) big.</summary>
    public int RemoveRange(int start, int stop)
    {
        if (stop < start)
        {
            return 0;
        }

        if (_list is not null)
        {
            var table = _table!;
            _list.RemoveRange(start, stop - start + 1, member => table.Remove(member, out _));
            return stop - start + 1;
        }

        var removed = stop - start + 1;
        for (var i = start; i <= stop; i++)
        {
            _memberBytes -= MemoryEstimate.Bytes(_members[i].Length);
        }

        Array.Copy(_members, stop + 1, _members, start, _count - stop - 1);
        Array.Copy(_scores, stop + 1, _scores, start, _count - stop - 1);
        _count -= removed;
        Array.Clear(_members, _count, removed);
        return removed;
    }

    /// <summary>Pops up to <paramref name="count"/> members from the low or high end (ZPOPMIN/ZPOPMAX, ZMPOP and the
    /// blocking pops, which run it under the key's write scope), appending them in pop order.</summary>
    /// <param name="count">How many, at least 1.</param>
    /// <param name="max">Pop the highest scores first.</param>
    /// <param name="into">Receives the popped members.</param>
    public void Pop(long count, bool max, List<SortedSetEntry> into)
    {
        var n = (int)Math.Min(count, Length);
        if (n <= 0)
        {
            return;
        }

        var taken = 0;
        for (var c = At(max ? Length - 1 : 0); c.IsValid && taken < n; c.Move(max), taken++)
        {
            into.Add(c.Entry);
        }

        if (max)
        {
            RemoveRange(Length - n, Length - 1);
        }
        else
        {
            RemoveRange(0, n - 1);
        }
    }

    /// <summary>Gets the member at a uniformly random position (ZRANDMEMBER): <paramref name="index"/> in [0, Length).
    /// The positions are the table's dense slots in the big encoding (O(1)), ranks in the compact one.</summary>
    public SortedSetEntry RandomAt(int index)
    {
        if (_table is not null)
        {
            return new SortedSetEntry(_table.KeyAt(index), _table.ValueAt(index));
        }

        return new SortedSetEntry(_members[index], _scores[index]);
    }

    /// <summary>One ZSCAN step: the compact encoding returns everything with cursor 0 (as Redis does for a listpack);
    /// the big one walks table buckets with the reverse-binary cursor, at most ten buckets per unit of
    /// <paramref name="count"/>, until <paramref name="count"/> members are gathered.</summary>
    public ulong Scan(ulong cursor, int count, List<SortedSetEntry> into)
    {
        if (_table is null)
        {
            for (var i = 0; i < _count; i++)
            {
                into.Add(new SortedSetEntry(_members[i], _scores[i]));
            }

            return 0;
        }

        var indexes = new List<int>();
        long budget = (long)count * 10;
        do
        {
            cursor = _table.Scan(cursor, indexes);
        }
        while (cursor != 0 && budget-- > 0 && indexes.Count < count);

        foreach (var i in indexes)
        {
            into.Add(new SortedSetEntry(_table.KeyAt(i), _table.ValueAt(i)));
        }

        return cursor;
    }

    /// <inheritdoc/>
    protected override long StructureBytes => MemoryEstimate.Object(48) + (_list is null
        ? MemoryEstimate.Array(_members.Length, 8) + MemoryEstimate.Array(_scores.Length, 8) + _memberBytes
        : SortedSetTree.EstimateBytes(_list.Count) + _table!.AllocatedBytes);

    /// <inheritdoc/>
    protected override long MeasureStructureBytes()
    {
        if (_list is not null)
        {
            return MemoryEstimate.Object(48) + SortedSetTree.EstimateBytes(_list.Count) + _table!.MeasureBytes();
        }

        var bytes = MemoryEstimate.Object(48) + MemoryEstimate.Array(_members.Length, 8) + MemoryEstimate.Array(_scores.Length, 8);
        for (var i = 0; i < _count; i++)
        {
            bytes += MemoryEstimate.Bytes(_members[i].Length);
        }

        return bytes;
    }

    /// <inheritdoc/>
    public override CollectionValue CopyTo(byte[] key)
    {
        var copy = new SortedSetValue(key, big: _list is not null);
        if (_list is null)
        {
            copy._members = (byte[][])_members.Clone();
            copy._scores = (double[])_scores.Clone();
            copy._count = _count;
            copy._memberBytes = _memberBytes;
        }
        else
        {
            for (var c = At(0); c.IsValid; c.Move(false))
            {
                copy.BigInsert(c.Member, c.Score);
            }
        }

        return copy;
    }

    private static double CompactScore(double score) => score == 0 ? 0.0 : score;

    private bool IsInLexRange(in LexRange range)
    {
        if (range.IsEmpty || Length == 0)
        {
            return false;
        }

        var last = At(Length - 1).Member;
        var first = At(0).Member;
        return range.GteMin(last) && range.LteMax(first);
    }

    private void BigInsert(byte[] member, double score)
    {
        _table!.Add(BytesTable<double>.Hash(member), member, score);
        _list!.Insert(score, member);
    }

    private void ConvertToBig()
    {
        _list = new SortedSetTree();
        _table = new BytesTable<double>(_count + 1);
        for (var i = 0; i < _count; i++)
        {
            BigInsert(_members[i], _scores[i]);
        }

        _members = [];
        _scores = [];
        _count = 0;
        _memberBytes = 0;
    }

    private int CompactIndexOf(ReadOnlySpan<byte> member)
    {
        var members = _members;
        for (var i = 0; i < _count; i++)
        {
            if (members[i].AsSpan().SequenceEqual(member))
            {
                return i;
            }
        }

        return -1;
    }

    private void CompactInsert(byte[] member, double score)
    {
        score = CompactScore(score);
        int lo = 0, hi = _count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (SortedSetTree.Compare(_scores[mid], _members[mid], score, member) < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        if (_count == _members.Length)
        {
            var capacity = Math.Min(MaxCompactEntries, Math.Max(4, _count * 2));
            Array.Resize(ref _members, capacity);
            Array.Resize(ref _scores, capacity);
        }

        Array.Copy(_members, lo, _members, lo + 1, _count - lo);
        Array.Copy(_scores, lo, _scores, lo + 1, _count - lo);
        _members[lo] = member;
        _scores[lo] = score;
        _count++;
        _memberBytes += MemoryEstimate.Bytes(member.Length);
    }

    private void CompactRemoveAt(int index)
    {
        _memberBytes -= MemoryEstimate.Bytes(_members[index].Length);
        _count--;
        Array.Copy(_members, index + 1, _members, index, _count - index);
        Array.Copy(_scores, index + 1, _scores, index, _count - index);
        _members[_count] = null!;
    }

    /// <summary>A position in rank order that steps forward or backward in O(1). Invalidated by any change.</summary>
    internal struct Cursor
    {
        private readonly SortedSetValue _set;
        private int _index;
        private SortedSetTree.Position _position;

        public Cursor(SortedSetValue set, int index, SortedSetTree.Position position)
        {
            _set = set;
            _index = index;
            _position = position;
        }

        /// <summary>Gets a value indicating whether the cursor is on a member.</summary>
        public readonly bool IsValid => _set._list is null ? (uint)_index < (uint)_set._count : _position.IsValid;

        /// <summary>Gets the member.</summary>
        public readonly byte[] Member => _set._list is null ? _set._members[_index] : _position.Member;

        /// <summary>Gets the score.</summary>
        public readonly double Score => _set._list is null ? _set._scores[_index] : _position.Score;

        /// <summary>Gets the member with its score.</summary>
        public readonly SortedSetEntry Entry => new(Member, Score);

        /// <summary>Steps to the next member in ascending order, or the previous one when <paramref name="backward"/>.</summary>
        public void Move(bool backward)
        {
            if (_set._list is null)
            {
                _index += backward ? -1 : 1;
            }
            else
            {
                _position.Move(backward);
            }
        }
    }
}
