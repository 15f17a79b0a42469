using System.Numerics;
using System.Runtime.CompilerServices;

namespace RedisLite.Collections;

/// <summary>
/// The ordered half of a large sorted set: Redis's zskiplist (Pugh's skip list with a span per forward link, so that
/// ranks cost O(log n), and a backward link on level 0), ordered by score and then by member bytes (memcmp, a shorter
/// prefix first). Level probability 1/4, at most 32 levels. Not thread-safe: touched only under the shard's lock.
/// </summary>
/// <remarks>Ranks here are 1-based, as in Redis (rank 0 is the header); <see cref="SortedSetValue"/> exposes 0-based ones.</remarks>
internal sealed class SortedSetSkipList
{
    /// <summary>The highest level a node may have (enough for 2^64 elements at p = 1/4).</summary>
    public const int MaxLevel = 32;

    private readonly Node _header = new([], 0, MaxLevel);

    // Scratch for one insert or delete at a time: callers hold the shard's lock.
    private readonly Node[] _update = new Node[MaxLevel];
    private readonly int[] _rank = new int[MaxLevel];

    private Node? _tail;
    private int _level = 1;
    private int _length;
    private ulong _random = (ulong)Random.Shared.NextInt64() | 1;

    /// <summary>Gets the number of elements.</summary>
    public int Length => _length;

    /// <summary>Gets the number of levels in use (for invariant checks).</summary>
    public int Level => _level;

    /// <summary>Gets the first node, or null.</summary>
    public Node? First => _header.Levels[0].Forward;

    /// <summary>Gets the last node, or null.</summary>
    public Node? Last => _tail;

    /// <summary>Gets the header (for invariant checks).</summary>
    internal Node Header => _header;

    /// <summary>Compares (score, member) pairs the way the list is ordered.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Compare(double score, ReadOnlySpan<byte> member, double otherScore, ReadOnlySpan<byte> otherMember)
    {
        if (score < otherScore)
        {
            return -1;
        }

        if (score > otherScore)
        {
            return 1;
        }

        return member.SequenceCompareTo(otherMember);
    }

    /// <summary>Inserts a member known to be absent and returns its node.</summary>
    /// <param name="score">The score (not NaN).</param>
    /// <param name="member">The member; the node keeps the array.</param>
    public Node Insert(double score, byte[] member)
    {
        var node = new Node(member, score, RandomLevel());
        InsertNode(node);
        return node;
    }

    /// <summary>Changes a node's score, moving it only when the order requires it (Redis's zslUpdateScore).</summary>
    public void UpdateScore(Node node, double newScore)
    {
        var backward = node.Backward;
        var forward = node.Levels[0].Forward;
        if ((backward is null || backward.Score < newScore) && (forward is null || forward.Score > newScore))
        {
            // Still between its neighbours: no link changes.
            node.Score = newScore;
            return;
        }

        FindUpdate(node.Score, node.Member);
        DeleteNode(node);
        node.Score = newScore;
        node.Backward = null;
        InsertNode(node);
    }

    /// <summary>Removes the node of (score, member), if present, and returns it.</summary>
    public Node? Delete(double score, ReadOnlySpan<byte> member)
    {
        FindUpdate(score, member);
        var x = _update[0].Levels[0].Forward;
        if (x is not null && x.Score == score && x.Member.AsSpan().SequenceEqual(member))
        {
            DeleteNode(x);
            return x;
        }

        return null;
    }

    /// <summary>The 1-based rank of (score, member), or 0 if it is not in the list.</summary>
    public int GetRank(double score, ReadOnlySpan<byte> member)
    {
        var x = _header;
        var rank = 0;
        for (var i = _level - 1; i >= 0; i--)
        {
            while (x.Levels[i].Forward is { } next && Compare(next.Score, next.Member, score, member) <= 0)
            {
                rank += x.Levels[i].Span;
                x = next;
            }

            if (x != _header && x.Score == score && x.Member.AsSpan().SequenceEqual(member))
            {
                return rank;
            }
        }

        return 0;
    }

    /// <summary>The node at a 1-based rank, or null when out of range.</summary>
    public Node? GetByRank(int rank)
    {
        if (rank < 1 || rank > _length)
        {
            return null;
        }

        var x = _header;
        var traversed = 0;
        for (var i = _level - 1; i >= 0; i--)
        {
            while (x.Levels[i].Forward is { } next && traversed + x.Levels[i].Span <= rank)
            {
                traversed += x.Levels[i].Span;
                x = next;
            }

            if (traversed == rank)
            {
                return x;
            }
        }

        return null;
    }

    /// <summary>The number of elements whose score is below <paramref name="score"/> (or not above it when
    /// <paramref name="orEqual"/>): the 0-based rank where a score range starts or ends.</summary>
    public int CountBelow(double score, bool orEqual)
    {
        var x = _header;
        var rank = 0;
        for (var i = _level - 1; i >= 0; i--)
        {
            while (x.Levels[i].Forward is { } next && (next.Score < score || (orEqual && next.Score == score)))
            {
                rank += x.Levels[i].Span;
                x = next;
            }
        }

        return rank;
    }

    /// <summary>The number of leading elements for which <paramref name="range"/> says the member is below its
    /// start (<paramref name="whileBelowMin"/>) or within its end (otherwise), found by descending like Redis's lex
    /// searches, which assume the members are in order.</summary>
    public int CountLex(in LexRange range, bool whileBelowMin)
    {
        var x = _header;
        var rank = 0;
        for (var i = _level - 1; i >= 0; i--)
        {
            while (x.Levels[i].Forward is { } next && (whileBelowMin ? !range.GteMin(next.Member) : range.LteMax(next.Member)))
            {
                rank += x.Levels[i].Span;
                x = next;
            }
        }

        return rank;
    }

    /// <summary>Removes the nodes of 1-based ranks <paramref name="start"/> to <paramref name="end"/> (inclusive) in
    /// one descent, calling <paramref name="removed"/> for each (Redis's zslDeleteRangeByRank).</summary>
    public int DeleteRangeByRank(int start, int end, Action<Node> removed)
    {
        var x = _header;
        var traversed = 0;
        for (var i = _level - 1; i >= 0; i--)
        {
            while (x.Levels[i].Forward is { } next && traversed + x.Levels[i].Span < start)
            {
                traversed += x.Levels[i].Span;
                x = next;
            }

            _update[i] = x;
        }

        traversed++;
        var count = 0;
        var node = x.Levels[0].Forward;
        while (node is not null && traversed <= end)
        {
            var next = node.Levels[0].Forward;
            DeleteNode(node);
            removed(node);
            count++;
            traversed++;
            node = next;
        }

        return count;
    }

    private void FindUpdate(double score, ReadOnlySpan<byte> member)
    {
        var x = _header;
        for (var i = _level - 1; i >= 0; i--)
        {
            while (x.Levels[i].Forward is { } next && Compare(next.Score, next.Member, score, member) < 0)
            {
                x = next;
            }

            _update[i] = x;
        }
    }

    private void InsertNode(Node node)
    {
        var update = _update;
        var rank = _rank;
        var score = node.Score;
        var member = node.Member;
        var x = _header;
        for (var i = _level - 1; i >= 0; i--)
        {
            rank[i] = i == _level - 1 ? 0 : rank[i + 1];
            while (x.Levels[i].Forward is { } next && Compare(next.Score, next.Member, score, member) < 0)
            {
                rank[i] += x.Levels[i].Span;
                x = next;
            }

            update[i] = x;
        }

        var level = node.Levels.Length;
        if (level > _level)
        {
            for (var i = _level; i < level; i++)
            {
                rank[i] = 0;
                update[i] = _header;
                _header.Levels[i].Span = _length;
            }

            _level = level;
        }

        for (var i = 0; i < level; i++)
        {
            ref var from = ref update[i].Levels[i];
            node.Levels[i].Forward = from.Forward;
            from.Forward = node;
            node.Levels[i].Span = from.Span - (rank[0] - rank[i]);
            from.Span = rank[0] - rank[i] + 1;
        }

        for (var i = level; i < _level; i++)
        {
            update[i].Levels[i].Span++;
        }

        node.Backward = update[0] == _header ? null : update[0];
        if (node.Levels[0].Forward is { } after)
        {
            after.Backward = node;
        }
        else
        {
            _tail = node;
        }

        _length++;
    }

    /// <summary>Unlinks <paramref name="x"/> given the update vector of a search that stopped just before it.</summary>
    private void DeleteNode(Node x)
    {
        var update = _update;
        for (var i = 0; i < _level; i++)
        {
            ref var from = ref update[i].Levels[i];
            if (from.Forward == x)
            {
                from.Span += x.Levels[i].Span - 1;
                from.Forward = x.Levels[i].Forward;
            }
            else
            {
                from.Span--;
            }
        }

        if (x.Levels[0].Forward is { } after)
        {
            after.Backward = x.Backward;
        }
        else
        {
            _tail = x.Backward;
        }

        while (_level > 1 && _header.Levels[_level - 1].Forward is null)
        {
            _header.Levels[_level - 1].Span = 0;
            _level--;
        }

        _length--;
        for (var i = 0; i < x.Levels.Length; i++)
        {
            x.Levels[i] = default;
        }
    }

    /// <summary>A level with probability 1/4 of each extra level: two random bits per level, from a xorshift
    /// generator private to the list (the shard lock already serializes callers).</summary>
    private int RandomLevel()
    {
        var r = _random;
        r ^= r << 13;
        r ^= r >> 7;
        r ^= r << 17;
        _random = r;
        var level = (BitOperations.TrailingZeroCount(r) / 2) + 1;
        return Math.Min(level, MaxLevel);
    }

    /// <summary>A node: a member, its score, a backward link and one forward link with span per level.</summary>
    internal sealed class Node
    {
        public Node(byte[] member, double score, int level)
        {
            Member = member;
            Score = score;
            Levels = new LevelLink[level];
        }

        /// <summary>Gets the member (never mutated).</summary>
        public byte[] Member { get; }

        /// <summary>Gets the forward links, one per level.</summary>
        public LevelLink[] Levels { get; }

        /// <summary>The score.</summary>
        public double Score;

        /// <summary>The previous node on level 0, or null for the first.</summary>
        public Node? Backward;

        /// <summary>Gets the next node on level 0.</summary>
        public Node? Next => Levels[0].Forward;
    }

    /// <summary>One forward link and how many level-0 steps it covers.</summary>
    internal struct LevelLink
    {
        /// <summary>The next node on this level.</summary>
        public Node? Forward;

        /// <summary>The number of level-0 steps to <see cref="Forward"/> (or to the end, for the header).</summary>
        public int Span;
    }
}
