using RedisLite.Blocking;
using RedisLite.Collections;
using RedisLite.Internal;
using RedisLite.Keyspace;
using RedisLite.Persistence;

namespace RedisLite;

// Sorted sets. Arguments are validated in Redis's order (options and ranges before the key is looked up), and every
// read or write of a sorted set's contents happens inside a collection scope on its shard.
public sealed partial class DataStore
{
    /// <inheritdoc/>
    public bool SortedSetAdd(RedisKey key, RedisValue member, double score, SortedSetWhen when = SortedSetWhen.Always, bool returnChanged = false)
    {
        _core.DenyOom();
        ThrowIfNull(member);
        ValidateAddOptions(when, increment: false, entries: 1);
        if (double.IsNaN(score))
        {
            ThrowHelper.ThrowRedis(ErrorMessages.NotFloat);
        }

        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        var k = KeyBytes(key, scratch);
        Span<byte> memberScratch = stackalloc byte[64];
        var m = member.GetBytes(memberScratch);
        using var w = OpenWrite(k);
        var zset = w.Get<SortedSetValue>();
        if (zset is null)
        {
            if ((when & SortedSetWhen.Exists) != 0)
            {
                return false;
            }

            zset = w.GetOrAdd(static key => new SortedSetValue(key));
        }

        var result = zset.Add(m, score, when, increment: false, out _);
        if (result is SortedSetAddResult.Added or SortedSetAddResult.Updated)
        {
            Notify(KeyspaceEventTypes.SortedSet, "zadd", k);
            LogSortedSetScore(k, m, score);
        }

        return result == SortedSetAddResult.Added || (returnChanged && result == SortedSetAddResult.Updated);
    }

    /// <inheritdoc/>
    public long SortedSetAdd(RedisKey key, SortedSetEntry[] entries, SortedSetWhen when = SortedSetWhen.Always, bool returnChanged = false)
    {
        _core.DenyOom();
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var entry in entries)
        {
            ThrowIfNull(entry.Element, nameof(entries));
        }

        if (entries.Length == 0)
        {
            // ZADD's arity is at least four words: with two or more option words and no pair it parses, then finds no pair.
            var words = System.Numerics.BitOperations.PopCount((uint)(when & (SortedSetWhen)15)) + (returnChanged ? 1 : 0);
            ThrowHelper.ThrowRedis(words >= 2 ? ErrorMessages.Syntax : ErrorMessages.WrongArgumentCount("zadd"));
        }

        ValidateAddOptions(when, increment: false, entries.Length);
        foreach (var entry in entries)
        {
            if (double.IsNaN(entry.Score))
            {
                ThrowHelper.ThrowRedis(ErrorMessages.NotFloat);
            }
        }

        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        var k = KeyBytes(key, scratch);
        using var w = OpenWrite(k);
        var zset = w.Get<SortedSetValue>();
        if (zset is null)
        {
            if ((when & SortedSetWhen.Exists) != 0)
            {
                return 0;
            }

            zset = w.GetOrAdd(static key => new SortedSetValue(key));
        }

        long changed = 0;
        var any = false;

        // Which entries took effect, for the log (only those are recorded, with their scores, in order).
        List<int>? applied = Log is null ? null : [];
        for (var i = 0; i < entries.Length; i++)
        {
            var result = zset.Add(entries[i].Element.AsSpan(), entries[i].Score, when, increment: false, out _);
            if (result is SortedSetAddResult.Added or SortedSetAddResult.Updated)
            {
                any = true;
                applied?.Add(i);
            }

            if (result == SortedSetAddResult.Added || (returnChanged && result == SortedSetAddResult.Updated))
            {
                changed++;
            }
        }

        if (any)
        {
            Notify(KeyspaceEventTypes.SortedSet, "zadd", k);
            if (Log is { } log && applied is not null)
            {
                using var e = log.Begin(LogOp.SortedSetAdd, _db.Index);
                e.Bytes(k);
                foreach (var i in applied)
                {
                    e.Value(entries[i].Element);
                    e.Double(entries[i].Score);
                }
            }
        }

        return changed;
    }

    /// <inheritdoc/>
    public double SortedSetIncrement(RedisKey key, RedisValue member, double value)
        => IncrementCore(key, member, value, SortedSetWhen.Always, validate: false) ?? 0;

    /// <inheritdoc/>
    public double? SortedSetIncrement(RedisKey key, RedisValue member, double value, SortedSetWhen when)
        => IncrementCore(key, member, value, when, validate: true);

    private double? IncrementCore(in RedisKey key, in RedisValue member, double value, SortedSetWhen when, bool validate)
    {
        _core.DenyOom();
        ThrowIfNull(member);
        if (validate)
        {
            ValidateAddOptions(when, increment: true, entries: 1);
        }

        if (double.IsNaN(value))
        {
            ThrowHelper.ThrowRedis(ErrorMessages.NotFloat);
        }

        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        var k = KeyBytes(key, scratch);
        using var w = OpenWrite(k);
        var zset = w.Get<SortedSetValue>();
        if (zset is null)
        {
            if ((when & SortedSetWhen.Exists) != 0)
            {
                return null;
            }

            zset = w.GetOrAdd(static key => new SortedSetValue(key));
        }

        var outcome = zset.Add(member.AsSpan(), value, when, increment: true, out var newScore);
        if (outcome is SortedSetAddResult.Added or SortedSetAddResult.Updated)
        {
            Notify(KeyspaceEventTypes.SortedSet, "zincr", k);

            // The resulting score, not the increment: replay must not redo float arithmetic.
            LogSortedSetScore(k, member.AsSpan(), newScore);
        }

        return outcome switch
        {
            SortedSetAddResult.NaN => ThrowHelper.ThrowRedis<double?>(ErrorMessages.ScoreNaN),
            SortedSetAddResult.NotPerformed => null,
            _ => newScore,
        };
    }

    private static void ValidateAddOptions(SortedSetWhen when, bool increment, int entries)
    {
        var nx = (when & SortedSetWhen.NotExists) != 0;
        var xx = (when & SortedSetWhen.Exists) != 0;
        var gt = (when & SortedSetWhen.GreaterThan) != 0;
        var lt = (when & SortedSetWhen.LessThan) != 0;
        if (nx && xx)
        {
            ThrowHelper.ThrowRedis(ErrorMessages.ZAddXxAndNx);
        }

        if ((gt && nx) || (lt && nx) || (gt && lt))
        {
            ThrowHelper.ThrowRedis(ErrorMessages.ZAddGtLtNx);
        }

        if (increment && entries > 1)
        {
            ThrowHelper.ThrowRedis(ErrorMessages.ZAddIncrSinglePair);
        }
    }

    /// <inheritdoc/>
    public bool SortedSetRemove(RedisKey key, RedisValue member)
    {
        ThrowIfNull(member);
        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        var k = KeyBytes(key, scratch);
        using var w = OpenWrite(k);
        if (w.Get<SortedSetValue>()?.Remove(member.AsSpan()) != true)
        {
            return false;
        }

        Notify(KeyspaceEventTypes.SortedSet, "zrem", k);
        if (Log is { } log)
        {
            using var e = log.Begin(LogOp.SortedSetRemove, _db.Index);
            e.Bytes(k);
            e.Value(member);
        }

        return true;
    }

    /// <inheritdoc/>
    public long SortedSetRemove(RedisKey key, RedisValue[] members)
    {
        ValidateMembers(members, "zrem");
        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        var k = KeyBytes(key, scratch);
        using var w = OpenWrite(k);
        var zset = w.Get<SortedSetValue>();
        if (zset is null)
        {
            return 0;
        }

        long removed = 0;
        List<int>? gone = Log is null ? null : [];
        for (var i = 0; i < members.Length; i++)
        {
            if (zset.Remove(members[i].AsSpan()))
            {
                removed++;
                gone?.Add(i);
                if (zset.Length == 0)
                {
                    break;
                }
            }
        }

        if (removed != 0)
        {
            Notify(KeyspaceEventTypes.SortedSet, "zrem", k);
            if (Log is { } log && gone is not null)
            {
                using var e = log.Begin(LogOp.SortedSetRemove, _db.Index);
                e.Bytes(k);
                foreach (var i in gone)
                {
                    e.Value(members[i]);
                }
            }
        }

        return removed;
    }

    private static void ValidateMembers(RedisValue[] members, string command)
    {
        ArgumentNullException.ThrowIfNull(members);
        foreach (var member in members)
        {
            ThrowIfNull(member, nameof(members));
        }

        if (members.Length == 0)
        {
            ThrowHelper.ThrowRedis(ErrorMessages.WrongArgumentCount(command));
        }
    }

    /// <inheritdoc/>
    public double? SortedSetScore(RedisKey key, RedisValue member)
    {
        ThrowIfNull(member);
        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        var k = KeyBytes(key, scratch);
        Span<byte> memberScratch = stackalloc byte[64];
        var m = member.GetBytes(memberScratch);
        using var r = OpenRead(k);
        var zset = r.Get<SortedSetValue>();
        return zset is not null && zset.TryGetScore(m, out var score) ? score : null;
    }

    /// <inheritdoc/>
    public double?[] SortedSetScores(RedisKey key, RedisValue[] members)
    {
        ValidateMembers(members, "zmscore");
        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        var k = KeyBytes(key, scratch);
        var scores = new double?[members.Length];
        using var r = OpenRead(k);
        var zset = r.Get<SortedSetValue>();
        if (zset is not null)
        {
            for (var i = 0; i < members.Length; i++)
            {
                if (zset.TryGetScore(members[i].AsSpan(), out var score))
                {
                    scores[i] = score;
                }
            }
        }

        return scores;
    }

    /// <inheritdoc/>
    public long SortedSetLength(RedisKey key, double min = double.NegativeInfinity, double max = double.PositiveInfinity, Exclude exclude = Exclude.None)
    {
        var range = ToScoreRange(min, max, exclude);
        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        var k = KeyBytes(key, scratch);
        using var r = OpenRead(k);
        var zset = r.Get<SortedSetValue>();
        if (zset is null)
        {
            return 0;
        }

        return double.IsNegativeInfinity(min) && double.IsPositiveInfinity(max) && exclude == Exclude.None
            ? zset.Length
            : zset.ScoreSpan(range).Count;
    }

    /// <inheritdoc/>
    public long SortedSetLengthByValue(RedisKey key, RedisValue min = default, RedisValue max = default, Exclude exclude = Exclude.None)
    {
        var range = ToLexRange(min, max, exclude);
        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        var k = KeyBytes(key, scratch);
        using var r = OpenRead(k);
        var zset = r.Get<SortedSetValue>();
        return zset is null ? 0 : zset.LexCountFrom(zset.FirstInLex(range), range);
    }

    /// <inheritdoc/>
    public long? SortedSetRank(RedisKey key, RedisValue member, Order order = Order.Ascending) =>
        SortedSetRankWithScore(key, member, order)?.Rank;

    /// <inheritdoc/>
    public (long Rank, double Score)? SortedSetRankWithScore(RedisKey key, RedisValue member, Order order = Order.Ascending)
    {
        ThrowIfNull(member);
        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        var k = KeyBytes(key, scratch);
        using var r = OpenRead(k);
        var zset = r.Get<SortedSetValue>();
        if (zset is null)
        {
            return null;
        }

        var rank = zset.Rank(member.AsSpan(), out var score);
        if (rank < 0)
        {
            return null;
        }

        return (order == Order.Descending ? zset.Length - 1 - rank : rank, score);
    }

    /// <inheritdoc/>
    public RedisValue[] SortedSetRangeByRank(RedisKey key, long start = 0, long stop = -1, Order order = Order.Ascending)
        => Members(RangeByRank(key, start, stop, order));

    /// <inheritdoc/>
    public SortedSetEntry[] SortedSetRangeByRankWithScores(RedisKey key, long start = 0, long stop = -1, Order order = Order.Ascending)
        => [.. RangeByRank(key, start, stop, order)];

    private List<SortedSetEntry> RangeByRank(in RedisKey key, long start, long stop, Order order)
    {
        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        var k = KeyBytes(key, scratch);
        var into = new List<SortedSetEntry>();
        using var r = OpenRead(k);
        var zset = r.Get<SortedSetValue>();
        if (zset is not null)
        {
            WalkRanks(zset, start, stop, order == Order.Descending, into);
        }

        return into;
    }

    /// <summary>Appends the members between two ranks (Redis's index normalization; descending ranks count from the end).</summary>
    /// <returns>The ascending rank the walk started at, or -1 when the range is empty.</returns>
    private static int WalkRanks(SortedSetValue zset, long start, long stop, bool reverse, List<SortedSetEntry> into)
    {
        if (!NormalizeRanks(zset.Length, ref start, ref stop))
        {
            return -1;
        }

        var first = (int)(reverse ? zset.Length - 1 - start : start);
        WalkRun(zset, first, stop - start + 1, reverse, into);
        return first;
    }

    /// <summary>Appends <paramref name="count"/> members (fewer at the end of the set) from ascending rank
    /// <paramref name="first"/>, walking up, or down when <paramref name="reverse"/>.</summary>
    private static void WalkRun(SortedSetValue zset, int first, long count, bool reverse, List<SortedSetEntry> into)
    {
        for (var c = zset.At(first); c.IsValid && count-- > 0; c.Move(reverse))
        {
            into.Add(c.Entry);
        }
    }

    /// <summary>Clamps a rank range the way Redis does; false when it is empty.</summary>
    private static bool NormalizeRanks(long length, ref long start, ref long stop)
    {
        if (start < 0)
        {
            start += length;
        }

        if (stop < 0)
        {
            stop += length;
        }

        if (start < 0)
        {
            start = 0;
        }

        if (start > stop || start >= length)
        {
            return false;
        }

        if (stop >= length)
        {
            stop = length - 1;
        }

        return true;
    }

    /// <inheritdoc/>
    public RedisValue[] SortedSetRangeByScore(RedisKey key, double min = double.NegativeInfinity, double max = double.PositiveInfinity, Exclude exclude = Exclude.None, Order order = Order.Ascending, long skip = 0, long take = -1)
        => Members(RangeByScore(key, min, max, exclude, order, skip, take));

    /// <inheritdoc/>
    public SortedSetEntry[] SortedSetRangeByScoreWithScores(RedisKey key, double min = double.NegativeInfinity, double max = double.PositiveInfinity, Exclude exclude = Exclude.None, Order order = Order.Ascending, long skip = 0, long take = -1)
        => [.. RangeByScore(key, min, max, exclude, order, skip, take)];

    private List<SortedSetEntry> RangeByScore(in RedisKey key, double min, double max, Exclude exclude, Order order, long skip, long take)
    {
        var range = ToScoreRange(min, max, exclude);
        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        var k = KeyBytes(key, scratch);
        var into = new List<SortedSetEntry>();
        using var r = OpenRead(k);
        var zset = r.Get<SortedSetValue>();
        if (zset is not null)
        {
            WalkScores(zset, range, order == Order.Descending, skip, take, into);
        }

        return into;
    }

    /// <summary>Appends the members of a score range after skipping <paramref name="offset"/> of them, at most
    /// <paramref name="limit"/> (negative: all). A negative offset skips past the end, as Redis 7.0's walk does.</summary>
    /// <returns>The ascending rank the walk started at, or -1 when it appended nothing.</returns>
    private static int WalkScores(SortedSetValue zset, in ScoreRange range, bool reverse, long offset, long limit, List<SortedSetEntry> into)
    {
        if (offset < 0)
        {
            return -1;
        }

        long rank = reverse
            ? zset.CountBelow(range.Max, !range.MaxExclusive) - 1 - offset
            : zset.CountBelow(range.Min, range.MinExclusive) + offset;
        if (rank < 0 || rank >= zset.Length)
        {
            return -1;
        }

        for (var c = zset.At((int)rank); c.IsValid && limit-- != 0; c.Move(reverse))
        {
            var score = c.Score;
            if (reverse ? !range.GteMin(score) : !range.LteMax(score))
            {
                break;
            }

            into.Add(c.Entry);
        }

        return (int)rank;
    }

    /// <inheritdoc/>
    public RedisValue[] SortedSetRangeByValue(RedisKey key, RedisValue min = default, RedisValue max = default, Exclude exclude = Exclude.None, Order order = Order.Ascending, long skip = 0, long take = -1)
    {
        var range = ToLexRange(min, max, exclude);
        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        var k = KeyBytes(key, scratch);
        var into = new List<SortedSetEntry>();
        using (var r = OpenRead(k))
        {
            var zset = r.Get<SortedSetValue>();
            if (zset is not null)
            {
                WalkLex(zset, range, order == Order.Descending, skip, take, into);
            }
        }

        return Members(into);
    }

    /// <summary>Appends the members of a lex range from its first (or last) member in range, after skipping
    /// <paramref name="offset"/> members, while they stay within the far end.</summary>
    /// <returns>The ascending rank the walk started at, or -1 when it appended nothing.</returns>
    private static int WalkLex(SortedSetValue zset, in LexRange range, bool reverse, long offset, long limit, List<SortedSetEntry> into)
    {
        if (offset < 0)
        {
            return -1;
        }

        long start = reverse ? zset.LastInLex(range) : zset.FirstInLex(range);
        if (start < 0)
        {
            return -1;
        }

        var rank = reverse ? start - offset : start + offset;
        if (rank < 0 || rank >= zset.Length)
        {
            return -1;
        }

        for (var c = zset.At((int)rank); c.IsValid && limit-- != 0; c.Move(reverse))
        {
            var member = c.Member;
            if (reverse ? !range.GteMin(member) : !range.LteMax(member))
            {
                break;
            }

            into.Add(c.Entry);
        }

        return (int)rank;
    }

    /// <inheritdoc/>
    public long SortedSetRangeAndStore(RedisKey source, RedisKey destination, RedisValue start, RedisValue stop, SortedSetOrder sortedSetOrder = SortedSetOrder.ByRank, Exclude exclude = Exclude.None, Order order = Order.Ascending, long skip = 0, long take = -1)
    {
        _core.DenyOom();
        var src = KeyMemory(source, nameof(source));
        var dst = KeyMemory(destination, nameof(destination));
        if (take != -1 && sortedSetOrder == SortedSetOrder.ByRank)
        {
            ThrowHelper.ThrowRedis(ErrorMessages.LimitNeedsByScoreOrByLex);
        }

        long startRank = 0, stopRank = -1;
        ScoreRange scores = default;
        LexRange lex = default;
        switch (sortedSetOrder)
        {
            case SortedSetOrder.ByRank:
                if ((!start.IsNull && !NumberParsing.TryParseInt64(start.AsSpan(), out startRank)) ||
                    (!stop.IsNull && !NumberParsing.TryParseInt64(stop.AsSpan(), out stopRank)))
                {
                    ThrowHelper.ThrowRedis(ErrorMessages.NotInteger);
                }

                break;
            case SortedSetOrder.ByScore:
                scores = ParseScoreRange(start, stop, exclude);
                break;
            case SortedSetOrder.ByLex:
                lex = ToLexRange(start, stop, exclude);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(sortedSetOrder), sortedSetOrder, "Unknown sorted set order.");
        }

        var reverse = order == Order.Descending;
        using var m = OpenWriteMany(src, dst);
        m.ReportsMisses = true;
        var zset = m.Get<SortedSetValue>(0);
        var picked = new List<SortedSetEntry>();
        var first = zset is null ? -1 : sortedSetOrder switch
        {
            SortedSetOrder.ByRank => WalkRanks(zset, startRank, stopRank, reverse, picked),
            SortedSetOrder.ByScore => WalkScores(zset, scores, reverse, skip, take, picked),
            _ => WalkLex(zset, lex, reverse, skip, take, picked),
        };

        // A rank range longer than the compact limit starts big, as in Redis.
        return StoreRangeResult(m, picked, first, reverse, big: sortedSetOrder == SortedSetOrder.ByRank && picked.Count > SortedSetValue.MaxCompactEntries);
    }

    /// <summary>Replays a logged ZRANGESTORE (<see cref="Persistence.LogOp.SortedSetRangeStore"/>): stores the run of
    /// <paramref name="count"/> members of <paramref name="source"/> from ascending rank <paramref name="first"/>,
    /// walked as the original command walked them.</summary>
    internal long SortedSetRangeStoreRun(RedisKey source, RedisKey destination, int first, long count, bool reverse, bool big)
    {
        using var m = OpenWriteMany(KeyMemory(source, nameof(source)), KeyMemory(destination, nameof(destination)));
        var zset = m.Get<SortedSetValue>(0);
        var picked = new List<SortedSetEntry>();
        if (zset is not null && first < zset.Length)
        {
            WalkRun(zset, first, count, reverse, picked);
        }

        return StoreRangeResult(m, picked, first, reverse, big);
    }

    /// <summary>ZRANGESTORE's write: a new sorted set built member by member in emission order, as Redis does (starting
    /// compact unless <paramref name="big"/>, converting when it outgrows it), replaces the destination (key 1 of the
    /// scope), or deletes it when nothing was picked. <paramref name="first"/> is the source rank of the first member.</summary>
    private long StoreRangeResult(MultiCollectionAccess m, List<SortedSetEntry> picked, int first, bool reverse, bool big)
    {
        var dst = m.KeyAt(1);
        var result = new SortedSetValue(dst.ToArray(), big);
        foreach (var entry in picked)
        {
            result.Add(entry.Element.AsSpan(), entry.Score, SortedSetWhen.Always, increment: false, out _);
        }

        var existed = m.Replace(1, result);
        if (result.Length != 0)
        {
            Notify(KeyspaceEventTypes.SortedSet, "zrangestore", dst.Span);
            if (Log is { } log)
            {
                using var e = log.Begin(LogOp.SortedSetRangeStore, _db.Index);
                e.Bytes(m.KeyAt(0).Span);
                e.Bytes(dst.Span);
                e.Int64(first);
                e.Int64(picked.Count);
                e.Int64(reverse ? 1 : 0);
                e.Int64(big ? 1 : 0);
            }
        }
        else if (existed)
        {
            LogKey(LogOp.Delete, dst.Span);
        }

        return result.Length;
    }

    /// <inheritdoc/>
    public long SortedSetRemoveRangeByRank(RedisKey key, long start, long stop)
    {
        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        var k = KeyBytes(key, scratch);
        using var w = OpenWrite(k);
        var zset = w.Get<SortedSetValue>();
        if (zset is null || !NormalizeRanks(zset.Length, ref start, ref stop))
        {
            return 0;
        }

        return RemoveRanks(zset, (int)start, (int)stop, "zremrangebyrank", k);
    }

    /// <inheritdoc/>
    public long SortedSetRemoveRangeByScore(RedisKey key, double min, double max, Exclude exclude = Exclude.None)
    {
        var range = ToScoreRange(min, max, exclude);
        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        var k = KeyBytes(key, scratch);
        using var w = OpenWrite(k);
        var zset = w.Get<SortedSetValue>();
        if (zset is null)
        {
            return 0;
        }

        var (first, count) = zset.ScoreSpan(range);
        return RemoveRanks(zset, first, first + count - 1, "zremrangebyscore", k);
    }

    /// <inheritdoc/>
    public long SortedSetRemoveRangeByValue(RedisKey key, RedisValue min, RedisValue max, Exclude exclude = Exclude.None)
    {
        var range = ToLexRange(min, max, exclude);
        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        var k = KeyBytes(key, scratch);
        using var w = OpenWrite(k);
        var zset = w.Get<SortedSetValue>();
        if (zset is null)
        {
            return 0;
        }

        var first = zset.FirstInLex(range);
        var count = zset.LexCountFrom(first, range);
        return RemoveRanks(zset, first, first + count - 1, "zremrangebylex", k);
    }

    /// <summary>ZREMRANGEBY*'s write: removes ranks <paramref name="start"/> to <paramref name="stop"/> (clamped) and, if
    /// that removed something, announces and records it. Returns how many were removed.</summary>
    private long RemoveRanks(SortedSetValue zset, int start, int stop, string name, ReadOnlySpan<byte> key)
    {
        var removed = zset.RemoveRange(start, stop);
        if (removed != 0)
        {
            Notify(KeyspaceEventTypes.SortedSet, name, key);
            LogSortedSetRemoveRange(key, start, stop);
        }

        return removed;
    }

    /// <summary>Records that the members of ascending ranks <paramref name="start"/> to <paramref name="stop"/> were removed.</summary>
    private void LogSortedSetRemoveRange(ReadOnlySpan<byte> key, int start, int stop)
    {
        if (Log is { } log)
        {
            using var e = log.Begin(LogOp.SortedSetRemoveRange, _db.Index);
            e.Bytes(key);
            e.Int64(start);
            e.Int64(stop);
        }
    }

    /// <summary>Records that <paramref name="member"/> now has <paramref name="score"/> (added or updated).</summary>
    private void LogSortedSetScore(ReadOnlySpan<byte> key, ReadOnlySpan<byte> member, double score)
    {
        if (Log is { } log)
        {
            using var e = log.Begin(LogOp.SortedSetAdd, _db.Index);
            e.Bytes(key);
            e.Bytes(member);
            e.Double(score);
        }
    }

    /// <inheritdoc/>
    public RedisValue[] SortedSetCombine(SetOperation operation, RedisKey[] keys, double[]? weights = null, Aggregate aggregate = Aggregate.Sum)
        => Members(CombineRead(operation, keys, weights, aggregate, withScores: false));

    /// <inheritdoc/>
    public SortedSetEntry[] SortedSetCombineWithScores(SetOperation operation, RedisKey[] keys, double[]? weights = null, Aggregate aggregate = Aggregate.Sum)
        => [.. CombineRead(operation, keys, weights, aggregate, withScores: true)];

    private List<SortedSetEntry> CombineRead(SetOperation operation, RedisKey[] keys, double[]? weights, Aggregate aggregate, bool withScores)
    {
        var command = operation switch
        {
            SetOperation.Union => "zunion",
            SetOperation.Intersect => "zinter",
            _ => "zdiff",
        };
        var memory = CombineKeys(keys, command, OptionWords(weights, aggregate) + (withScores ? 1 : 0), minimumWords: 3);
        using var m = OpenReadMany(memory);
        return ZSetAlgebra.Combine(operation, Inputs(m, 0, memory.Length), weights, aggregate, withScores, out _);
    }

    /// <inheritdoc/>
    public long SortedSetCombineAndStore(SetOperation operation, RedisKey destination, RedisKey[] keys, double[]? weights = null, Aggregate aggregate = Aggregate.Sum)
    {
        _core.DenyOom();
        var dst = KeyMemory(destination, nameof(destination));
        var command = operation switch
        {
            SetOperation.Union => "zunionstore",
            SetOperation.Intersect => "zinterstore",
            _ => "zdiffstore",
        };
        var memory = CombineKeys(keys, command, 1 + OptionWords(weights, aggregate), minimumWords: 4);
        var all = new ReadOnlyMemory<byte>[memory.Length + 1];
        memory.CopyTo(all, 0);
        all[^1] = dst;
        using var m = OpenWriteMany(all);
        m.ReportsMisses = true;
        var result = ZSetAlgebra.Combine(operation, Inputs(m, 0, memory.Length), weights, aggregate, withScores: false, out var members);
        var existed = m.Replace(memory.Length, result.Count == 0 ? null : SortedSetValue.FromSorted(dst.ToArray(), result, members));
        if (result.Count != 0)
        {
            Notify(KeyspaceEventTypes.SortedSet, command, dst.Span);
            if (Log is { } log)
            {
                // The command itself: deterministic given its inputs, and far smaller than a large result.
                using var e = log.Begin(LogOp.SortedSetCombineStore, _db.Index);
                e.Int64((long)operation);
                e.Int64((long)aggregate);
                e.Bytes(dst.Span);
                e.Int64(memory.Length);
                foreach (var key in memory)
                {
                    e.Bytes(key.Span);
                }

                foreach (var weight in weights ?? [])
                {
                    e.Double(weight);
                }
            }
        }
        else if (existed)
        {
            LogKey(LogOp.Delete, dst.Span);
        }

        return result.Count;
    }

    /// <inheritdoc/>
    public long SortedSetIntersectionLength(RedisKey[] keys, long limit = 0)
    {
        var memory = CombineKeys(keys, "zintercard", limit != 0 ? 2 : 0, minimumWords: 3);
        using var m = OpenReadMany(memory);
        var inputs = Inputs(m, 0, memory.Length);
        if (limit < 0)
        {
            ThrowHelper.ThrowRedis(ErrorMessages.LimitNegative);
        }

        return ZSetAlgebra.IntersectionCount(inputs, limit);
    }

    /// <summary>The words WEIGHTS and AGGREGATE add to the command Redis would be sent.</summary>
    private static int OptionWords(double[]? weights, Aggregate aggregate) => (weights is null ? 0 : 1 + weights.Length) + (aggregate == Aggregate.Sum ? 0 : 2);

    /// <summary>The keys' bytes. With no key, Redis's reply depends on whether the command it would be sent (the name,
    /// numkeys 0 and <paramref name="otherWords"/> more) still meets the command's arity.</summary>
    private static ReadOnlyMemory<byte>[] CombineKeys(RedisKey[] keys, string command, int otherWords, int minimumWords)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Length == 0)
        {
            ThrowHelper.ThrowRedis(2 + otherWords < minimumWords ? ErrorMessages.WrongArgumentCount(command) : ErrorMessages.ZAtLeastOneInputKey(command));
        }

        var memory = new ReadOnlyMemory<byte>[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            memory[i] = KeyMemory(keys[i], nameof(keys));
        }

        return memory;
    }

    /// <summary>The inputs of a ZUNION/ZINTER/ZDIFF: sorted sets, sets (through <see cref="IMemberSet"/>), or nothing
    /// for a missing key; WRONGTYPE for anything else, before any option is checked (Redis's order).</summary>
    private static ZSetAlgebra.Input Missing(MultiCollectionAccess m, int i)
    {
        m.Missed(i);
        return default;
    }

    private static ZSetAlgebra.Input[] Inputs(MultiCollectionAccess m, int first, int count)
    {
        var inputs = new ZSetAlgebra.Input[count];
        for (var i = 0; i < count; i++)
        {
            inputs[i] = m.TypeAt(first + i) switch
            {
                RedisType.None => Missing(m, first + i),
                RedisType.SortedSet => new ZSetAlgebra.Input(m.Get<SortedSetValue>(first + i), null),
                RedisType.Set => new ZSetAlgebra.Input(null, m.Get<CollectionValue>(first + i) as IMemberSet
                    ?? throw new InvalidOperationException("The set type does not expose its members to sorted-set operations.")),
                _ => ThrowHelper.ThrowWrongType<ZSetAlgebra.Input>(),
            };
        }

        return inputs;
    }

    /// <inheritdoc/>
    public SortedSetEntry? SortedSetPop(RedisKey key, Order order = Order.Ascending)
    {
        var popped = PopCore(key, 1, order);
        return popped.Count == 0 ? null : popped[0];
    }

    /// <inheritdoc/>
    public SortedSetEntry[] SortedSetPop(RedisKey key, long count, Order order = Order.Ascending)
    {
        if (count < 0)
        {
            ThrowHelper.ThrowRedis(ErrorMessages.MustBePositive);
        }

        return [.. PopCore(key, count, order)];
    }

    private List<SortedSetEntry> PopCore(in RedisKey key, long count, Order order)
    {
        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        var k = KeyBytes(key, scratch);
        var into = new List<SortedSetEntry>();
        using var w = OpenWrite(k);
        var zset = w.Get<SortedSetValue>();
        if (zset is not null && count > 0)
        {
            PopMembers(zset, count, order == Order.Descending, into);
        }

        return into;
    }

    /// <inheritdoc/>
    public SortedSetPopResult? SortedSetPop(RedisKey[] keys, long count, Order order = Order.Ascending)
    {
        var memory = MultiPopKeys(keys, count);
        using var m = OpenWriteMany(memory);
        return PopFirst(m, memory.Length, count, order == Order.Descending);
    }

    /// <inheritdoc/>
    public Task<(RedisKey Key, SortedSetEntry Entry)?> SortedSetPopBlockingAsync(RedisKey[] keys, Order order, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var memory = KeyArray(keys, order == Order.Descending ? "bzpopmax" : "bzpopmin");
        var max = order == Order.Descending;
        return BlockAsync<(RedisKey Key, SortedSetEntry Entry)?>(
            memory,
            memory.Length,
            RedisType.SortedSet,
            timeout,
            (MultiCollectionAccess m, out (RedisKey Key, SortedSetEntry Entry)? result) =>
            {
                var popped = PopFirst(m, memory.Length, 1, max);
                result = popped is null ? null : (popped.Key, popped.Entries[0]);
                return popped is not null;
            },
            (call, value) =>
            {
                if (!call.TryClaim())
                {
                    return ServeOutcome.Skipped;
                }

                var into = new List<SortedSetEntry>(1);
                PopMembers((SortedSetValue)value, 1, max, into);
                call.Complete((value.Key, into[0]));
                return ServeOutcome.Served;
            },
            cancellationToken);
    }

    /// <inheritdoc/>
    public Task<SortedSetPopResult?> SortedSetPopBlockingAsync(RedisKey[] keys, long count, Order order, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var memory = MultiPopKeys(keys, count);
        var max = order == Order.Descending;
        return BlockAsync<SortedSetPopResult?>(
            memory,
            memory.Length,
            RedisType.SortedSet,
            timeout,
            (MultiCollectionAccess m, out SortedSetPopResult? result) =>
            {
                result = PopFirst(m, memory.Length, count, max);
                return result is not null;
            },
            (call, value) =>
            {
                if (!call.TryClaim())
                {
                    return ServeOutcome.Skipped;
                }

                var into = new List<SortedSetEntry>();
                PopMembers((SortedSetValue)value, count, max, into);
                call.Complete(new SortedSetPopResult(value.Key, [.. into]));
                return ServeOutcome.Served;
            },
            cancellationToken);
    }

    /// <summary>Every pop's write (ZPOPMIN/ZPOPMAX, ZMPOP, the blocking pops, immediate or served by another
    /// command's write): pops up to <paramref name="count"/> members of the non-empty <paramref name="zset"/> into
    /// <paramref name="into"/>, announces it, and records the ranks it removed. Caller holds the key's write scope.</summary>
    private void PopMembers(SortedSetValue zset, long count, bool max, List<SortedSetEntry> into)
    {
        var length = zset.Length;
        zset.Pop(count, max, into);
        Notify(KeyspaceEventTypes.SortedSet, max ? "zpopmax" : "zpopmin", zset.Key);
        var removed = length - zset.Length;
        if (removed != 0)
        {
            LogSortedSetRemoveRange(zset.Key, max ? length - removed : 0, max ? length - 1 : removed - 1);
        }
    }

    /// <summary>Validates ZMPOP/BZMPOP's keys and count (numkeys first, as Redis parses them).</summary>
    private static ReadOnlyMemory<byte>[] MultiPopKeys(RedisKey[] keys, long count)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Length == 0)
        {
            ThrowHelper.ThrowRedis(ErrorMessages.NumKeysNotPositive);
        }

        if (count < 1)
        {
            ThrowHelper.ThrowRedis(ErrorMessages.CountNotPositive);
        }

        var memory = new ReadOnlyMemory<byte>[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            memory[i] = KeyMemory(keys[i], nameof(keys));
        }

        return memory;
    }

    /// <summary>Pops from the first of the scope's first <paramref name="keyCount"/> keys that holds a sorted set
    /// (WRONGTYPE if one met before it holds another type); null when all are missing.</summary>
    private SortedSetPopResult? PopFirst(MultiCollectionAccess m, int keyCount, long count, bool max)
    {
        for (var i = 0; i < keyCount; i++)
        {
            var zset = m.Get<SortedSetValue>(i);
            if (zset is null)
            {
                continue;
            }

            var into = new List<SortedSetEntry>();
            PopMembers(zset, count, max, into);
            return new SortedSetPopResult(zset.Key, [.. into]);
        }

        return null;
    }

    /// <inheritdoc/>
    public RedisValue SortedSetRandomMember(RedisKey key)
    {
        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        var k = KeyBytes(key, scratch);
        using var r = OpenRead(k);
        var zset = r.Get<SortedSetValue>();
        return zset is null ? RedisValue.Null : zset.RandomAt(Random.Shared.Next(zset.Length)).Element;
    }

    /// <inheritdoc/>
    public RedisValue[] SortedSetRandomMembers(RedisKey key, long count) => Members(RandomMembers(key, count, withScores: false));

    /// <inheritdoc/>
    public SortedSetEntry[] SortedSetRandomMembersWithScores(RedisKey key, long count) => [.. RandomMembers(key, count, withScores: true)];

    private List<SortedSetEntry> RandomMembers(in RedisKey key, long count, bool withScores)
    {
        if (count == long.MinValue)
        {
            ThrowHelper.ThrowRedis(ErrorMessages.RandomCountOutOfRange);
        }

        if (withScores && (count < -(long.MaxValue / 2) || count > long.MaxValue / 2))
        {
            ThrowHelper.ThrowRedis(ErrorMessages.ValueOutOfRange);
        }

        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        var k = KeyBytes(key, scratch);
        var into = new List<SortedSetEntry>();
        using var r = OpenRead(k);
        var zset = r.Get<SortedSetValue>();
        if (zset is null || count == 0)
        {
            return into;
        }

        var size = zset.Length;
        if (count < 0)
        {
            // Repetitions allowed: each pick is independent.
            for (long i = 0; i < -count; i++)
            {
                into.Add(zset.RandomAt(Random.Shared.Next(size)));
            }
        }
        else if (count >= size)
        {
            // The whole set, highest rank first, as Redis 7.0 returns it.
            for (var c = zset.At(size - 1); c.IsValid; c.Move(true))
            {
                into.Add(c.Entry);
            }
        }
        else
        {
            // Distinct picks: a partial Fisher-Yates shuffle of the positions.
            var positions = new int[size];
            for (var i = 0; i < size; i++)
            {
                positions[i] = i;
            }

            for (var i = 0; i < count; i++)
            {
                var j = Random.Shared.Next(i, size);
                (positions[i], positions[j]) = (positions[j], positions[i]);
                into.Add(zset.RandomAt(positions[i]));
            }
        }

        return into;
    }

    /// <inheritdoc/>
    public ScanResult<SortedSetEntry> SortedSetScan(RedisKey key, ulong cursor, RedisValue pattern = default, int count = 10)
    {
        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        var k = KeyBytes(key, scratch);
        var items = new List<SortedSetEntry>();
        ulong next;
        using (var r = OpenRead(k))
        {
            // Redis looks the key up before it reads the options: a missing key scans empty whatever COUNT says.
            var zset = r.Get<SortedSetValue>();
            if (zset is null)
            {
                return new ScanResult<SortedSetEntry>(0, items);
            }

            if (count < 1)
            {
                ThrowHelper.ThrowRedis(ErrorMessages.Syntax);
            }

            next = zset.Scan(cursor, count, items);
        }

        if (!pattern.IsNull)
        {
            var p = pattern.AsSpan();
            if (!GlobPattern.IsMatchAll(p))
            {
                var kept = new List<SortedSetEntry>(items.Count);
                foreach (var item in items)
                {
                    if (GlobPattern.IsMatch(p, item.Element.AsSpan()))
                    {
                        kept.Add(item);
                    }
                }

                items = kept;
            }
        }

        return new ScanResult<SortedSetEntry>(next, items);
    }

    /// <summary>Runs <paramref name="inspect"/> on the sorted set at <paramref name="key"/> under its shard's lock
    /// (tests check the encoding's invariants this way); null when the key is missing.</summary>
    internal T? InspectSortedSet<T>(RedisKey key, Func<SortedSetValue, T> inspect)
    {
        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        var k = KeyBytes(key, scratch);
        using var r = OpenRead(k);
        var zset = r.Get<SortedSetValue>();
        return zset is null ? default : inspect(zset);
    }

    private static RedisValue[] Members(List<SortedSetEntry> entries)
    {
        var members = new RedisValue[entries.Count];
        for (var i = 0; i < members.Length; i++)
        {
            members[i] = entries[i].Element;
        }

        return members;
    }

    private static ScoreRange ToScoreRange(double min, double max, Exclude exclude)
    {
        if (double.IsNaN(min) || double.IsNaN(max))
        {
            ThrowHelper.ThrowRedis(ErrorMessages.MinMaxNotFloat);
        }

        return new ScoreRange(min, max, (exclude & Exclude.Start) != 0, (exclude & Exclude.Stop) != 0);
    }

    private static LexRange ToLexRange(in RedisValue min, in RedisValue max, Exclude exclude) =>
        new(min.IsNull ? null : min.AsMemory().ToArray(), max.IsNull ? null : max.AsMemory().ToArray(), (exclude & Exclude.Start) != 0, (exclude & Exclude.Stop) != 0);

    /// <summary>Reads score bounds given as values the way Redis reads the arguments it would be sent (zslParseRange):
    /// the argument is the value prefixed by <c>(</c> when excluded, so a value that itself starts with <c>(</c> is
    /// exclusive too; the number is read by C strtod, which allows leading whitespace, an empty string (0) and overflow.</summary>
    private static ScoreRange ParseScoreRange(in RedisValue start, in RedisValue stop, Exclude exclude)
    {
        double min = double.NegativeInfinity, max = double.PositiveInfinity;
        bool minExclusive = false, maxExclusive = false;
        if ((!start.IsNull && !TryParseRangeBound(start.AsSpan(), (exclude & Exclude.Start) != 0, out min, out minExclusive)) ||
            (!stop.IsNull && !TryParseRangeBound(stop.AsSpan(), (exclude & Exclude.Stop) != 0, out max, out maxExclusive)))
        {
            ThrowHelper.ThrowRedis(ErrorMessages.MinMaxNotFloat);
        }

        return new ScoreRange(min, max, minExclusive, maxExclusive);
    }

    /// <summary>Parses one score range argument as Redis does (a <c>(</c> prefix for exclusive, then C strtod's number:
    /// leading whitespace, an empty string as 0, overflow to infinity); false for anything else or NaN. For the server.</summary>
    internal static bool TryParseScoreBound(ReadOnlySpan<byte> raw, out double value, out bool exclusive)
        => TryParseRangeBound(raw, excluded: false, out value, out exclusive) && !double.IsNaN(value);

    private static bool TryParseRangeBound(ReadOnlySpan<byte> raw, bool excluded, out double value, out bool exclusive)
    {
        exclusive = excluded || (raw.Length > 0 && raw[0] == (byte)'(');
        return TryParseRangeScore(excluded || !exclusive ? raw : raw[1..], out value);
    }

    private static bool TryParseRangeScore(ReadOnlySpan<byte> text, out double value)
    {
        value = 0;
        if (text.IsEmpty)
        {
            return true;
        }

        var i = 0;
        while (i < text.Length && text[i] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\v' or (byte)'\f' or (byte)'\r')
        {
            i++;
        }

        var rest = text[i..];
        if (NumberParsing.TryParseDouble(rest, out value))
        {
            return true;
        }

        if (!NumberParsing.TryScanFloat(rest, out var syntax))
        {
            return false;
        }

        // Valid syntax that TryParseDouble refused: an overflow (strtod returns HUGE_VAL) or an underflow (0).
        if (syntax.Kind == FloatSyntaxKind.Decimal)
        {
            value = double.Parse(rest, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);
        }
        else
        {
            var magnitude = syntax.Exponent < 0 ? 0.0 : double.PositiveInfinity;
            value = syntax.Negative ? -magnitude : magnitude;
        }

        return true;
    }
}
