using RedisLite.Internal;
using RedisLite.Server.Protocol;

namespace RedisLite.Server.Commands;

/// <summary>The sorted-set commands, blocking ones included. Arguments are parsed in Redis 7.0's order, so that a
/// command with several faults reports the one Redis reports (options before ranges before the key's type, except
/// where Redis looks keys up first: ZUNION/ZINTER/ZDIFF and ZSCAN).</summary>
internal static class SortedSetCommands
{
    private const string Group = "sorted-set";

    /// <summary>How ZRANGE's bounds are read: chosen by the command, or by its BYSCORE/BYLEX options.</summary>
    private enum RangeKind
    {
        Auto,
        Rank,
        Score,
        Lex,
    }

    /// <summary>Where a lex bound points: a member, or one of the open ends <c>-</c> and <c>+</c>.</summary>
    private enum LexEnd
    {
        Member,
        Minus,
        Plus,
    }

    /// <summary>Adds this family's commands to <paramref name="table"/>.</summary>
    public static void Register(CommandTable table)
    {
        const CommandFlags write = CommandFlags.Write;
        const CommandFlags read = CommandFlags.ReadOnly;
        const CommandFlags oom = CommandFlags.DenyOom;
        const CommandFlags fast = CommandFlags.Fast;
        table.Add("zadd", -4, write | oom | fast, 1, 1, 1, c => Add(c, increment: false), Group, "1.2.0", "Adds members with scores, or updates their scores.");
        table.Add("zincrby", 4, write | oom | fast, 1, 1, 1, c => Add(c, increment: true), Group, "1.2.0", "Increments a member's score.");
        table.Add("zrem", -3, write | fast, 1, 1, 1, c => c.Reply.Integer(c.Store.SortedSetRemove(c.Key(1), c.Values(2))), Group, "1.2.0", "Removes members.");
        table.Add("zscore", 3, read | fast, 1, 1, 1, c => c.Reply.Double(c.Store.SortedSetScore(c.Key(1), c.Value(2))), Group, "1.2.0", "Returns a member's score.");
        table.Add("zmscore", -3, read | fast, 1, 1, 1, Scores, Group, "6.2.0", "Returns the scores of several members.");
        table.Add("zcard", 2, read | fast, 1, 1, 1, c => c.Reply.Integer(c.Store.SortedSetLength(c.Key(1))), Group, "1.2.0", "Returns the number of members.");
        table.Add("zcount", 4, read | fast, 1, 1, 1, Count, Group, "2.0.0", "Counts the members with scores in a range.");
        table.Add("zlexcount", 4, read | fast, 1, 1, 1, LexCount, Group, "2.8.9", "Counts the members in a lexicographical range.");
        table.Add("zrank", 3, read | fast, 1, 1, 1, c => Rank(c, Order.Ascending), Group, "2.0.0", "Returns a member's rank, lowest score first.");
        table.Add("zrevrank", 3, read | fast, 1, 1, 1, c => Rank(c, Order.Descending), Group, "2.0.0", "Returns a member's rank, highest score first.");
        table.Add("zrange", -4, read, 1, 1, 1, c => Range(c, 1, store: false, RangeKind.Auto, null), Group, "1.2.0", "Returns members by rank, score or lexicographical range.");
        table.Add("zrangebyscore", -4, read, 1, 1, 1, c => Range(c, 1, store: false, RangeKind.Score, Order.Ascending), Group, "1.0.5", "Returns members with scores in a range.");
        table.Add("zrevrangebyscore", -4, read, 1, 1, 1, c => Range(c, 1, store: false, RangeKind.Score, Order.Descending), Group, "2.2.0", "Returns members with scores in a range, highest first.");
        table.Add("zrangebylex", -4, read, 1, 1, 1, c => Range(c, 1, store: false, RangeKind.Lex, Order.Ascending), Group, "2.8.9", "Returns members in a lexicographical range.");
        table.Add("zrevrangebylex", -4, read, 1, 1, 1, c => Range(c, 1, store: false, RangeKind.Lex, Order.Descending), Group, "2.8.9", "Returns members in a lexicographical range, highest first.");
        table.Add("zrevrange", -4, read, 1, 1, 1, c => Range(c, 1, store: false, RangeKind.Rank, Order.Descending), Group, "1.2.0", "Returns members by rank, highest score first.");
        table.Add("zrangestore", -5, write | oom, 1, 2, 1, c => Range(c, 2, store: true, RangeKind.Auto, null), Group, "6.2.0", "Stores a range of a sorted set in another key.");
        table.Add("zremrangebyrank", 4, write, 1, 1, 1, RemoveRangeByRank, Group, "2.0.0", "Removes the members in a rank range.");
        table.Add("zremrangebyscore", 4, write, 1, 1, 1, RemoveRangeByScore, Group, "1.2.0", "Removes the members with scores in a range.");
        table.Add("zremrangebylex", 4, write, 1, 1, 1, RemoveRangeByLex, Group, "2.8.9", "Removes the members in a lexicographical range.");
        table.Add("zunion", -3, read, 0, 0, 0, c => Combine(c, SetOperation.Union, store: false), Group, "6.2.0", "Returns the union of sorted sets.");
        table.Add("zinter", -3, read, 0, 0, 0, c => Combine(c, SetOperation.Intersect, store: false), Group, "6.2.0", "Returns the intersection of sorted sets.");
        table.Add("zdiff", -3, read, 0, 0, 0, c => Combine(c, SetOperation.Difference, store: false), Group, "6.2.0", "Returns the difference of sorted sets.");
        table.Add("zunionstore", -4, write | oom, 1, 1, 1, c => Combine(c, SetOperation.Union, store: true), Group, "2.0.0", "Stores the union of sorted sets.");
        table.Add("zinterstore", -4, write | oom, 1, 1, 1, c => Combine(c, SetOperation.Intersect, store: true), Group, "2.0.0", "Stores the intersection of sorted sets.");
        table.Add("zdiffstore", -4, write | oom, 1, 1, 1, c => Combine(c, SetOperation.Difference, store: true), Group, "6.2.0", "Stores the difference of sorted sets.");
        table.Add("zintercard", -3, read, 0, 0, 0, InterCard, Group, "7.0.0", "Counts the intersection of sorted sets.");
        table.Add("zpopmin", -2, write | fast, 1, 1, 1, c => Pop(c, Order.Ascending), Group, "5.0.0", "Removes and returns the members with the lowest scores.");
        table.Add("zpopmax", -2, write | fast, 1, 1, 1, c => Pop(c, Order.Descending), Group, "5.0.0", "Removes and returns the members with the highest scores.");
        table.Add("zmpop", -4, write, 0, 0, 0, MultiPop, Group, "7.0.0", "Pops members from the first non-empty sorted set.");
        table.Add("bzpopmin", -3, write | CommandFlags.NoScript | CommandFlags.Blocking | fast, 1, -2, 1, c => BlockingPop(c, Order.Ascending), Group, "5.0.0", "Pops the lowest-scored member, waiting for one if needed.");
        table.Add("bzpopmax", -3, write | CommandFlags.NoScript | CommandFlags.Blocking | fast, 1, -2, 1, c => BlockingPop(c, Order.Descending), Group, "5.0.0", "Pops the highest-scored member, waiting for one if needed.");
        table.Add("bzmpop", -5, write | CommandFlags.Blocking, 0, 0, 0, BlockingMultiPop, Group, "7.0.0", "Pops members from the first non-empty sorted set, waiting for one if needed.");
        table.Add("zrandmember", -2, read, 1, 1, 1, RandomMember, Group, "6.2.0", "Returns random members.");
        table.Add("zscan", -3, read, 1, 1, 1, Scan, Group, "2.8.0", "Iterates over members and scores.");
    }

    /// <summary>ZADD and ZINCRBY (which is ZADD with INCR: its increment is read through ZADD's option loop too, so
    /// <c>ZINCRBY key nx member</c> is a syntax error, as in Redis).</summary>
    private static void Add(CommandContext c, bool increment)
    {
        var when = SortedSetWhen.Always;
        var changed = false;
        var first = 2;
        for (; first < c.Count; first++)
        {
            if (c.Is(first, "NX"u8))
            {
                when |= SortedSetWhen.NotExists;
            }
            else if (c.Is(first, "XX"u8))
            {
                when |= SortedSetWhen.Exists;
            }
            else if (c.Is(first, "CH"u8))
            {
                changed = true;
            }
            else if (c.Is(first, "INCR"u8))
            {
                increment = true;
            }
            else if (c.Is(first, "GT"u8))
            {
                when |= SortedSetWhen.GreaterThan;
            }
            else if (c.Is(first, "LT"u8))
            {
                when |= SortedSetWhen.LessThan;
            }
            else
            {
                break;
            }
        }

        var words = c.Count - first;
        if (words == 0 || words % 2 != 0)
        {
            throw CommandContext.SyntaxError();
        }

        var nx = (when & SortedSetWhen.NotExists) != 0;
        var gt = (when & SortedSetWhen.GreaterThan) != 0;
        var lt = (when & SortedSetWhen.LessThan) != 0;
        if (nx && (when & SortedSetWhen.Exists) != 0)
        {
            throw new RedisException(ErrorMessages.ZAddXxAndNx);
        }

        if ((gt && nx) || (lt && nx) || (gt && lt))
        {
            throw new RedisException(ErrorMessages.ZAddGtLtNx);
        }

        if (increment && words > 2)
        {
            throw new RedisException(ErrorMessages.ZAddIncrSinglePair);
        }

        // Every score is checked before anything is written.
        var entries = new SortedSetEntry[words / 2];
        for (var i = 0; i < entries.Length; i++)
        {
            entries[i] = new SortedSetEntry(c.Value(first + (2 * i) + 1), c.Double(first + (2 * i)));
        }

        if (increment)
        {
            c.Reply.Double(c.Store.SortedSetIncrement(c.Key(1), entries[0].Element, entries[0].Score, when));
        }
        else
        {
            c.Reply.Integer(c.Store.SortedSetAdd(c.Key(1), entries, when, changed));
        }
    }

    private static void Scores(CommandContext c)
    {
        var scores = c.Store.SortedSetScores(c.Key(1), c.Values(2));
        c.Reply.ArrayHeader(scores.Length);
        foreach (var score in scores)
        {
            c.Reply.Double(score);
        }
    }

    private static void Count(CommandContext c)
    {
        var (min, max, exclude) = ScoreRange(c, 2, 3);
        c.Reply.Integer(c.Store.SortedSetLength(c.Key(1), min, max, exclude));
    }

    private static void LexCount(CommandContext c)
    {
        var (min, max, exclude) = LexRange(c, 2, 3);
        c.Reply.Integer(c.Store.SortedSetLengthByValue(c.Key(1), min, max, exclude));
    }

    private static void Rank(CommandContext c, Order order)
    {
        if (c.Store.SortedSetRank(c.Key(1), c.Value(2), order) is { } rank)
        {
            c.Reply.Integer(rank);
        }
        else
        {
            c.Reply.Null();
        }
    }

    /// <summary>
    /// ZRANGE and its relatives (Redis's zrangeGenericCommand): options first (each command accepts only those its
    /// kind and direction leave open), then the LIMIT/WITHSCORES conflicts, then the bounds, then the key.
    /// </summary>
    /// <param name="c">The command.</param>
    /// <param name="sourceIndex">Where the source key is (1, or 2 for ZRANGESTORE).</param>
    /// <param name="store">ZRANGESTORE: the destination is argument 1 and WITHSCORES is not an option.</param>
    /// <param name="kind">The command's fixed kind, or <see cref="RangeKind.Auto"/> for BYSCORE/BYLEX options.</param>
    /// <param name="direction">The command's fixed direction, or null for the REV option.</param>
    private static void Range(CommandContext c, int sourceIndex, bool store, RangeKind kind, Order? direction)
    {
        var withScores = false;
        long offset = 0, limit = -1;
        var reverse = direction == Order.Descending;
        for (var i = sourceIndex + 3; i < c.Count; i++)
        {
            if (!store && c.Is(i, "WITHSCORES"u8))
            {
                withScores = true;
            }
            else if (c.Is(i, "LIMIT"u8) && c.Count - i - 1 >= 2)
            {
                offset = c.Long(i + 1);
                limit = c.Long(i + 2);
                i += 2;
            }
            else if (direction is null && !reverse && c.Is(i, "REV"u8))
            {
                reverse = true;
            }
            else if (kind == RangeKind.Auto && c.Is(i, "BYLEX"u8))
            {
                kind = RangeKind.Lex;
            }
            else if (kind == RangeKind.Auto && c.Is(i, "BYSCORE"u8))
            {
                kind = RangeKind.Score;
            }
            else
            {
                throw CommandContext.SyntaxError();
            }
        }

        if (kind == RangeKind.Auto)
        {
            kind = RangeKind.Rank;
        }

        if (limit != -1 && kind == RangeKind.Rank)
        {
            throw new RedisException(ErrorMessages.LimitNeedsByScoreOrByLex);
        }

        if (withScores && kind == RangeKind.Lex)
        {
            throw new RedisException(ErrorMessages.WithScoresNotWithByLex);
        }

        // Score and lex ranges are given highest bound first when reversed.
        int minIndex = sourceIndex + 1, maxIndex = sourceIndex + 2;
        if (reverse && kind != RangeKind.Rank)
        {
            (minIndex, maxIndex) = (maxIndex, minIndex);
        }

        var order = reverse ? Order.Descending : Order.Ascending;
        var key = c.Key(sourceIndex);
        var db = c.Store;
        switch (kind)
        {
            case RangeKind.Rank:
            {
                var start = c.Long(minIndex);
                var stop = c.Long(maxIndex);
                if (store)
                {
                    c.Reply.Integer(db.SortedSetRangeAndStore(key, c.Key(1), c.Value(minIndex), c.Value(maxIndex), SortedSetOrder.ByRank, Exclude.None, order));
                }
                else if (withScores)
                {
                    Entries(c.Reply, db.SortedSetRangeByRankWithScores(key, start, stop, order));
                }
                else
                {
                    c.Reply.BulkArray(db.SortedSetRangeByRank(key, start, stop, order));
                }

                break;
            }

            case RangeKind.Score:
            {
                var (min, max, exclude) = ScoreRange(c, minIndex, maxIndex);
                if (store)
                {
                    // The store reads these arguments exactly as they were parsed here.
                    c.Reply.Integer(db.SortedSetRangeAndStore(key, c.Key(1), c.Value(minIndex), c.Value(maxIndex), SortedSetOrder.ByScore, Exclude.None, order, offset, limit));
                }
                else if (withScores)
                {
                    Entries(c.Reply, db.SortedSetRangeByScoreWithScores(key, min, max, exclude, order, offset, limit));
                }
                else
                {
                    c.Reply.BulkArray(db.SortedSetRangeByScore(key, min, max, exclude, order, offset, limit));
                }

                break;
            }

            default:
            {
                var (min, max, exclude) = LexRange(c, minIndex, maxIndex);
                if (store)
                {
                    c.Reply.Integer(db.SortedSetRangeAndStore(key, c.Key(1), min, max, SortedSetOrder.ByLex, exclude, order, offset, limit));
                }
                else
                {
                    c.Reply.BulkArray(db.SortedSetRangeByValue(key, min, max, exclude, order, offset, limit));
                }

                break;
            }
        }
    }

    private static void RemoveRangeByRank(CommandContext c)
    {
        var start = c.Long(2);
        var stop = c.Long(3);
        c.Reply.Integer(c.Store.SortedSetRemoveRangeByRank(c.Key(1), start, stop));
    }

    private static void RemoveRangeByScore(CommandContext c)
    {
        var (min, max, exclude) = ScoreRange(c, 2, 3);
        c.Reply.Integer(c.Store.SortedSetRemoveRangeByScore(c.Key(1), min, max, exclude));
    }

    private static void RemoveRangeByLex(CommandContext c)
    {
        var (min, max, exclude) = LexRange(c, 2, 3);
        c.Reply.Integer(c.Store.SortedSetRemoveRangeByValue(c.Key(1), min, max, exclude));
    }

    /// <summary>ZUNION, ZINTER, ZDIFF and their STORE forms. Redis checks the inputs' types before it reads the
    /// options, so an option error is reported only when every input is a sorted set, a set or missing.</summary>
    private static void Combine(CommandContext c, SetOperation operation, bool store)
    {
        var numKeysIndex = store ? 2 : 1;
        var keys = CombineKeys(c, numKeysIndex);
        double[]? weights = null;
        var aggregate = Aggregate.Sum;
        var withScores = false;
        try
        {
            var options = operation != SetOperation.Difference;
            for (var i = numKeysIndex + 1 + keys.Length; i < c.Count;)
            {
                var remaining = c.Count - i;
                if (options && remaining >= keys.Length + 1 && c.Is(i, "WEIGHTS"u8))
                {
                    weights = new double[keys.Length];
                    for (var w = 0; w < keys.Length; w++)
                    {
                        weights[w] = c.Double(i + 1 + w, ErrorMessages.WeightNotFloat);
                    }

                    i += keys.Length + 1;
                }
                else if (options && remaining >= 2 && c.Is(i, "AGGREGATE"u8))
                {
                    aggregate = c.Is(i + 1, "SUM"u8) ? Aggregate.Sum
                        : c.Is(i + 1, "MIN"u8) ? Aggregate.Min
                        : c.Is(i + 1, "MAX"u8) ? Aggregate.Max
                        : throw CommandContext.SyntaxError();
                    i += 2;
                }
                else if (!store && c.Is(i, "WITHSCORES"u8))
                {
                    withScores = true;
                    i++;
                }
                else
                {
                    throw CommandContext.SyntaxError();
                }
            }
        }
        catch (RedisException)
        {
            CheckInputTypes(c, keys);
            throw;
        }

        if (store)
        {
            c.Reply.Integer(c.Store.SortedSetCombineAndStore(operation, c.Key(1), keys, weights, aggregate));
        }
        else if (withScores)
        {
            Entries(c.Reply, c.Store.SortedSetCombineWithScores(operation, keys, weights, aggregate));
        }
        else
        {
            c.Reply.BulkArray(c.Store.SortedSetCombine(operation, keys, weights, aggregate));
        }
    }

    private static void InterCard(CommandContext c)
    {
        var keys = CombineKeys(c, 1);
        long limit = 0;
        try
        {
            for (var i = 2 + keys.Length; i < c.Count; i += 2)
            {
                if (c.Count - i < 2 || !c.Is(i, "LIMIT"u8))
                {
                    throw CommandContext.SyntaxError();
                }

                if (!NumberParsing.TryParseInt64(c.Span(i + 1), out limit) || limit < 0)
                {
                    throw new RedisException(ErrorMessages.LimitNegative);
                }
            }
        }
        catch (RedisException)
        {
            CheckInputTypes(c, keys);
            throw;
        }

        c.Reply.Integer(c.Store.SortedSetIntersectionLength(keys, limit));
    }

    /// <summary>The numkeys argument and the keys it announces.</summary>
    private static RedisKey[] CombineKeys(CommandContext c, int numKeysIndex)
    {
        var count = c.Long(numKeysIndex);
        if (count < 1)
        {
            throw new RedisException(ErrorMessages.ZAtLeastOneInputKey(c.Name));
        }

        if (count > c.Count - numKeysIndex - 1)
        {
            throw CommandContext.SyntaxError();
        }

        return c.Keys(numKeysIndex + 1, numKeysIndex + 1 + (int)count);
    }

    /// <summary>WRONGTYPE if an input holds neither a sorted set nor a set (Redis's check before the options).</summary>
    private static void CheckInputTypes(CommandContext c, RedisKey[] keys)
    {
        foreach (var key in keys)
        {
            if (c.Store.KeyType(key) is not (RedisType.None or RedisType.Set or RedisType.SortedSet))
            {
                throw new RedisWrongTypeException();
            }
        }
    }

    private static void Pop(CommandContext c, Order order)
    {
        if (c.Count > 3)
        {
            throw CommandContext.SyntaxError();
        }

        if (c.Count == 2)
        {
            // One member: a flat [member, score] in both protocols.
            var popped = c.Store.SortedSetPop(c.Key(1), order);
            if (popped is { } entry)
            {
                c.Reply.ArrayHeader(2);
                c.Reply.Bulk(entry.Element);
                c.Reply.Double(entry.Score);
            }
            else
            {
                c.Reply.ArrayHeader(0);
            }

            return;
        }

        if (!NumberParsing.TryParseInt64(c.Span(2), out var count) || count < 0)
        {
            throw new RedisException(ErrorMessages.MustBePositive);
        }

        Entries(c.Reply, c.Store.SortedSetPop(c.Key(1), count, order));
    }

    private static void MultiPop(CommandContext c)
    {
        var (keys, order, count) = ParseMultiPop(c, 1);
        PoppedFrom(c, c.Store.SortedSetPop(keys, count, order));
    }

    private static void BlockingPop(CommandContext c, Order order)
    {
        var timeout = Timeout(c, c.Count - 1);
        var keys = DetachedKeys(c, 1, c.Count - 1);
        c.Block(c.Store.SortedSetPopBlockingAsync(keys, order, timeout, c.Client.Aborted), static (c, popped) =>
        {
            if (popped is { } p)
            {
                c.Reply.ArrayHeader(3);
                c.Reply.Bulk(p.Key);
                c.Reply.Bulk(p.Entry.Element);
                c.Reply.Double(p.Entry.Score);
            }
            else
            {
                c.Reply.NullArray();
            }
        });
    }

    private static void BlockingMultiPop(CommandContext c)
    {
        // BZMPOP reads its timeout after numkeys, the direction and COUNT.
        var (keys, order, count) = ParseMultiPop(c, 2);
        var timeout = Timeout(c, 1);
        c.Block(c.Store.SortedSetPopBlockingAsync(keys, count, order, timeout, c.Client.Aborted), PoppedFrom);
    }

    /// <summary>Keys that own their bytes, for a command whose keys may outlive the request (the pops that block).</summary>
    private static RedisKey[] DetachedKeys(CommandContext c, int start, int end)
    {
        var args = c.Args;
        var keys = new RedisKey[end - start];
        for (var i = start; i < end; i++)
        {
            keys[i - start] = args[i];
        }

        return keys;
    }

    /// <summary>A blocking command's timeout; the store waits forever on zero rather than on an infinite span.</summary>
    private static TimeSpan Timeout(CommandContext c, int index)
    {
        var timeout = c.Timeout(index);
        return timeout == System.Threading.Timeout.InfiniteTimeSpan ? TimeSpan.Zero : timeout;
    }

    /// <summary>ZMPOP/BZMPOP's arguments after the timeout: numkeys, the keys, MIN|MAX and COUNT.</summary>
    private static (RedisKey[] Keys, Order Order, long Count) ParseMultiPop(CommandContext c, int numKeysIndex)
    {
        if (!NumberParsing.TryParseInt64(c.Span(numKeysIndex), out var numKeys) || numKeys < 1)
        {
            throw new RedisException(ErrorMessages.NumKeysNotPositive);
        }

        if (numKeys >= c.Count - numKeysIndex - 1)
        {
            throw CommandContext.SyntaxError();
        }

        var whereIndex = numKeysIndex + (int)numKeys + 1;
        var order = c.Is(whereIndex, "MIN"u8) ? Order.Ascending
            : c.Is(whereIndex, "MAX"u8) ? Order.Descending
            : throw CommandContext.SyntaxError();
        long count = -1;
        for (var i = whereIndex + 1; i < c.Count; i++)
        {
            if (count == -1 && c.Is(i, "COUNT"u8) && i + 1 < c.Count)
            {
                i++;
                if (!NumberParsing.TryParseInt64(c.Span(i), out count) || count < 1)
                {
                    throw new RedisException(ErrorMessages.CountNotPositive);
                }
            }
            else
            {
                throw CommandContext.SyntaxError();
            }
        }

        return (DetachedKeys(c, numKeysIndex + 1, whereIndex), order, count == -1 ? 1 : count);
    }

    /// <summary>ZMPOP/BZMPOP's reply: [key, [[member, score], ...]] in both protocols, or the null array.</summary>
    private static void PoppedFrom(CommandContext c, SortedSetPopResult? popped)
    {
        if (popped is null)
        {
            c.Reply.NullArray();
            return;
        }

        c.Reply.ArrayHeader(2);
        c.Reply.Bulk(popped.Key);
        c.Reply.ArrayHeader(popped.Entries.Length);
        foreach (var entry in popped.Entries)
        {
            c.Reply.ArrayHeader(2);
            c.Reply.Bulk(entry.Element);
            c.Reply.Double(entry.Score);
        }
    }

    private static void RandomMember(CommandContext c)
    {
        if (c.Count == 2)
        {
            c.Reply.Bulk(c.Store.SortedSetRandomMember(c.Key(1)));
            return;
        }

        var count = c.Long(2);
        if (count == long.MinValue)
        {
            throw new RedisException(ErrorMessages.RandomCountOutOfRange);
        }

        if (c.Count > 4 || (c.Count == 4 && !c.Is(3, "WITHSCORES"u8)))
        {
            throw CommandContext.SyntaxError();
        }

        if (c.Count == 4)
        {
            if (count < -(long.MaxValue / 2) || count > long.MaxValue / 2)
            {
                throw new RedisException(ErrorMessages.ValueOutOfRange);
            }

            Entries(c.Reply, c.Store.SortedSetRandomMembersWithScores(c.Key(1), count));
        }
        else
        {
            c.Reply.BulkArray(c.Store.SortedSetRandomMembers(c.Key(1), count));
        }
    }

    /// <summary>ZSCAN: the cursor is checked first, then the key; the options only for a key that exists.</summary>
    // Scores come back as strings here, in both protocols.
    private static void Scan(CommandContext c) => ScanArguments.Run(c, static (store, key) => store.SortedSetLength(key),
        static (store, key, scan) => store.SortedSetScan(key, scan.Cursor, scan.Pattern, scan.Count), 2, static (reply, item) =>
        {
            Span<byte> score = stackalloc byte[40];
            reply.Bulk(item.Element);
            reply.Bulk(score[..ReplyBuffer.FormatG17(item.Score, score)]);
        });

    /// <summary>Members with scores, as ZRANGE WITHSCORES and the pops reply: nested [member, score] pairs in RESP3,
    /// one flat array in RESP2.</summary>
    private static void Entries(ReplyBuffer reply, SortedSetEntry[] entries)
    {
        reply.ArrayHeader(reply.Resp3 ? entries.Length : entries.Length * 2);
        foreach (var entry in entries)
        {
            if (reply.Resp3)
            {
                reply.ArrayHeader(2);
            }

            reply.Bulk(entry.Element);
            reply.Double(entry.Score);
        }
    }

    /// <summary>A score range (Redis's zslParseRange): each bound a float, <c>(</c> for exclusive.</summary>
    private static (double Min, double Max, Exclude Exclude) ScoreRange(CommandContext c, int minIndex, int maxIndex)
    {
        if (!DataStore.TryParseScoreBound(c.Span(minIndex), out var min, out var minExclusive) ||
            !DataStore.TryParseScoreBound(c.Span(maxIndex), out var max, out var maxExclusive))
        {
            throw new RedisException(ErrorMessages.MinMaxNotFloat);
        }

        return (min, max, (minExclusive ? Exclude.Start : Exclude.None) | (maxExclusive ? Exclude.Stop : Exclude.None));
    }

    /// <summary>A lex range (Redis's zslParseLexRange): <c>[member</c>, <c>(member</c>, <c>-</c> or <c>+</c>. A
    /// <c>+</c> minimum or a <c>-</c> maximum matches nothing; it becomes the empty range ("", "") exclusive.</summary>
    private static (RedisValue Min, RedisValue Max, Exclude Exclude) LexRange(CommandContext c, int minIndex, int maxIndex)
    {
        if (!TryParseLexBound(c.Value(minIndex), out var minEnd, out var min, out var minExclusive) ||
            !TryParseLexBound(c.Value(maxIndex), out var maxEnd, out var max, out var maxExclusive))
        {
            throw new RedisException(ErrorMessages.MinMaxNotLexItem);
        }

        if (minEnd == LexEnd.Plus || maxEnd == LexEnd.Minus)
        {
            return (RedisValue.EmptyString, RedisValue.EmptyString, Exclude.Both);
        }

        return (min, max, (minExclusive ? Exclude.Start : Exclude.None) | (maxExclusive ? Exclude.Stop : Exclude.None));
    }

    private static bool TryParseLexBound(RedisValue argument, out LexEnd end, out RedisValue member, out bool exclusive)
    {
        end = LexEnd.Member;
        member = default;
        exclusive = false;
        var raw = argument.AsSpan();
        if (raw.Length == 0)
        {
            return false;
        }

        switch (raw[0])
        {
            case (byte)'+':
                end = LexEnd.Plus;
                return raw.Length == 1;
            case (byte)'-':
                end = LexEnd.Minus;
                return raw.Length == 1;
            case (byte)'(':
            case (byte)'[':
                exclusive = raw[0] == (byte)'(';
                member = argument.AsMemory()[1..];
                return true;
            default:
                return false;
        }
    }
}
