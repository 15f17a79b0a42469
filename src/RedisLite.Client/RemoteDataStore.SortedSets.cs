using System.Globalization;
using RedisLite.Internal;
using RedisLite.Resp;

namespace RedisLite.Client;

// Sorted sets over RESP. Scores go out in shortest round-trip form ("inf"/"-inf" for infinities; NaN goes out as "nan"
// so that Redis itself rejects it with its own error) and come back as RESP3 doubles or RESP2 bulk strings (which 7.0
// writes with %.17g: they parse back to the same double). WITHSCORES replies are flat in RESP2 and nested in RESP3.
public sealed partial class RemoteDataStore
{
    /// <inheritdoc/>
    public bool SortedSetAdd(RedisKey key, RedisValue member, double score, SortedSetWhen when = SortedSetWhen.Always, bool returnChanged = false)
        => Run(AddCommand(key, [new SortedSetEntry(Value(member, nameof(member)), score)], when, returnChanged, increment: false)).Integer == 1;

    /// <inheritdoc/>
    public long SortedSetAdd(RedisKey key, SortedSetEntry[] entries, SortedSetWhen when = SortedSetWhen.Always, bool returnChanged = false)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return Run(AddCommand(key, entries, when, returnChanged, increment: false)).Integer;
    }

    /// <inheritdoc/>
    public double SortedSetIncrement(RedisKey key, RedisValue member, double value)
        => ToScore(Run(Token("ZINCRBY"), Key(key), Score(value), Value(member, nameof(member))));

    /// <inheritdoc/>
    public double? SortedSetIncrement(RedisKey key, RedisValue member, double value, SortedSetWhen when)
    {
        var reply = Run(AddCommand(key, [new SortedSetEntry(Value(member, nameof(member)), value)], when, false, increment: true));
        return reply.IsNull ? null : ToScore(reply);
    }

    private static ReadOnlyMemory<byte>[] AddCommand(in RedisKey key, SortedSetEntry[] entries, SortedSetWhen when, bool changed, bool increment)
    {
        var args = new List<ReadOnlyMemory<byte>>((entries.Length * 2) + 7) { Token("ZADD"), Key(key) };
        if ((when & SortedSetWhen.NotExists) != 0)
        {
            args.Add(Token("NX"));
        }

        if ((when & SortedSetWhen.Exists) != 0)
        {
            args.Add(Token("XX"));
        }

        if ((when & SortedSetWhen.GreaterThan) != 0)
        {
            args.Add(Token("GT"));
        }

        if ((when & SortedSetWhen.LessThan) != 0)
        {
            args.Add(Token("LT"));
        }

        if (changed)
        {
            args.Add(Token("CH"));
        }

        if (increment)
        {
            args.Add(Token("INCR"));
        }

        foreach (var entry in entries)
        {
            args.Add(Score(entry.Score));
            args.Add(Value(entry.Element, nameof(entries)));
        }

        return [.. args];
    }

    /// <inheritdoc/>
    public bool SortedSetRemove(RedisKey key, RedisValue member) => Run(Token("ZREM"), Key(key), Value(member, nameof(member))).Integer == 1;

    /// <inheritdoc/>
    public long SortedSetRemove(RedisKey key, RedisValue[] members) => Run(KeyAndMembers("ZREM", key, members)).Integer;

    /// <inheritdoc/>
    public double? SortedSetScore(RedisKey key, RedisValue member)
    {
        var reply = Run(Token("ZSCORE"), Key(key), Value(member, nameof(member)));
        return reply.IsNull ? null : ToScore(reply);
    }

    /// <inheritdoc/>
    public double?[] SortedSetScores(RedisKey key, RedisValue[] members)
        => Run(KeyAndMembers("ZMSCORE", key, members)).Items.Select(r => r.IsNull ? (double?)null : ToScore(r)).ToArray();

    private static ReadOnlyMemory<byte>[] KeyAndMembers(string command, in RedisKey key, RedisValue[] members)
    {
        ArgumentNullException.ThrowIfNull(members);
        var args = new ReadOnlyMemory<byte>[members.Length + 2];
        args[0] = Token(command);
        args[1] = Key(key);
        for (var i = 0; i < members.Length; i++)
        {
            args[i + 2] = Value(members[i], nameof(members));
        }

        return args;
    }

    /// <inheritdoc/>
    public long SortedSetLength(RedisKey key, double min = double.NegativeInfinity, double max = double.PositiveInfinity, Exclude exclude = Exclude.None)
        => double.IsNegativeInfinity(min) && double.IsPositiveInfinity(max) && exclude == Exclude.None
            ? Run(Token("ZCARD"), Key(key)).Integer
            : Run(Token("ZCOUNT"), Key(key), ScoreBound(min, (exclude & Exclude.Start) != 0), ScoreBound(max, (exclude & Exclude.Stop) != 0)).Integer;

    /// <inheritdoc/>
    public long SortedSetLengthByValue(RedisKey key, RedisValue min = default, RedisValue max = default, Exclude exclude = Exclude.None)
        => Run(Token("ZLEXCOUNT"), Key(key), LexBound(min, (exclude & Exclude.Start) != 0, "-"), LexBound(max, (exclude & Exclude.Stop) != 0, "+")).Integer;

    /// <inheritdoc/>
    public (long Rank, double Score)? SortedSetRankWithScore(RedisKey key, RedisValue member, Order order = Order.Ascending)
    {
        var reply = Run(Token(order == Order.Descending ? "ZREVRANK" : "ZRANK"), Key(key), Value(member, nameof(member)), Token("WITHSCORE"));
        return reply.IsNull ? null : (reply.Items[0].Integer, ToScore(reply.Items[1]));
    }

    /// <inheritdoc/>
    public long? SortedSetRank(RedisKey key, RedisValue member, Order order = Order.Ascending)
    {
        var reply = Run(Token(order == Order.Descending ? "ZREVRANK" : "ZRANK"), Key(key), Value(member, nameof(member)));
        return reply.IsNull ? null : reply.Integer;
    }

    /// <inheritdoc/>
    public RedisValue[] SortedSetRangeByRank(RedisKey key, long start = 0, long stop = -1, Order order = Order.Ascending)
        => ToValues(Run(Token(order == Order.Descending ? "ZREVRANGE" : "ZRANGE"), Key(key), Number(start), Number(stop)));

    /// <inheritdoc/>
    public SortedSetEntry[] SortedSetRangeByRankWithScores(RedisKey key, long start = 0, long stop = -1, Order order = Order.Ascending)
        => ToScoredEntries(Run(Token(order == Order.Descending ? "ZREVRANGE" : "ZRANGE"), Key(key), Number(start), Number(stop), Token("WITHSCORES")));

    /// <inheritdoc/>
    public RedisValue[] SortedSetRangeByScore(RedisKey key, double min = double.NegativeInfinity, double max = double.PositiveInfinity, Exclude exclude = Exclude.None, Order order = Order.Ascending, long skip = 0, long take = -1)
        => ToValues(Run(ScoreRangeCommand(key, min, max, exclude, order, skip, take, withScores: false)));

    /// <inheritdoc/>
    public SortedSetEntry[] SortedSetRangeByScoreWithScores(RedisKey key, double min = double.NegativeInfinity, double max = double.PositiveInfinity, Exclude exclude = Exclude.None, Order order = Order.Ascending, long skip = 0, long take = -1)
        => ToScoredEntries(Run(ScoreRangeCommand(key, min, max, exclude, order, skip, take, withScores: true)));

    private static ReadOnlyMemory<byte>[] ScoreRangeCommand(in RedisKey key, double min, double max, Exclude exclude, Order order, long skip, long take, bool withScores)
    {
        var low = ScoreBound(min, (exclude & Exclude.Start) != 0);
        var high = ScoreBound(max, (exclude & Exclude.Stop) != 0);
        var args = order == Order.Descending
            ? new List<ReadOnlyMemory<byte>>(8) { Token("ZREVRANGEBYSCORE"), Key(key), high, low }
            : new List<ReadOnlyMemory<byte>>(8) { Token("ZRANGEBYSCORE"), Key(key), low, high };
        if (withScores)
        {
            args.Add(Token("WITHSCORES"));
        }

        AddLimit(args, skip, take);
        return [.. args];
    }

    /// <inheritdoc/>
    public RedisValue[] SortedSetRangeByValue(RedisKey key, RedisValue min = default, RedisValue max = default, Exclude exclude = Exclude.None, Order order = Order.Ascending, long skip = 0, long take = -1)
    {
        var low = LexBound(min, (exclude & Exclude.Start) != 0, "-");
        var high = LexBound(max, (exclude & Exclude.Stop) != 0, "+");
        var args = order == Order.Descending
            ? new List<ReadOnlyMemory<byte>>(7) { Token("ZREVRANGEBYLEX"), Key(key), high, low }
            : new List<ReadOnlyMemory<byte>>(7) { Token("ZRANGEBYLEX"), Key(key), low, high };
        AddLimit(args, skip, take);
        return ToValues(Run([.. args]));
    }

    /// <inheritdoc/>
    public long SortedSetRangeAndStore(RedisKey source, RedisKey destination, RedisValue start, RedisValue stop, SortedSetOrder sortedSetOrder = SortedSetOrder.ByRank, Exclude exclude = Exclude.None, Order order = Order.Ascending, long skip = 0, long take = -1)
    {
        ReadOnlyMemory<byte> low, high;
        switch (sortedSetOrder)
        {
            case SortedSetOrder.ByRank:
                low = start.IsNull ? Number(0) : start.AsMemory();
                high = stop.IsNull ? Number(-1) : stop.AsMemory();
                break;
            case SortedSetOrder.ByScore:
                low = start.IsNull ? Token("-inf") : RawScoreBound(start, (exclude & Exclude.Start) != 0);
                high = stop.IsNull ? Token("+inf") : RawScoreBound(stop, (exclude & Exclude.Stop) != 0);
                break;
            case SortedSetOrder.ByLex:
                low = LexBound(start, (exclude & Exclude.Start) != 0, "-");
                high = LexBound(stop, (exclude & Exclude.Stop) != 0, "+");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(sortedSetOrder), sortedSetOrder, "Unknown sorted set order.");
        }

        var reverse = order == Order.Descending;
        var swap = reverse && sortedSetOrder != SortedSetOrder.ByRank;
        var args = new List<ReadOnlyMemory<byte>>(10)
        {
            Token("ZRANGESTORE"), Key(destination, nameof(destination)), Key(source, nameof(source)), swap ? high : low, swap ? low : high,
        };
        if (sortedSetOrder != SortedSetOrder.ByRank)
        {
            args.Add(Token(sortedSetOrder == SortedSetOrder.ByScore ? "BYSCORE" : "BYLEX"));
        }

        if (reverse)
        {
            args.Add(Token("REV"));
        }

        AddLimit(args, skip, take);
        return Run([.. args]).Integer;
    }

    /// <inheritdoc/>
    public long SortedSetRemoveRangeByRank(RedisKey key, long start, long stop)
        => Run(Token("ZREMRANGEBYRANK"), Key(key), Number(start), Number(stop)).Integer;

    /// <inheritdoc/>
    public long SortedSetRemoveRangeByScore(RedisKey key, double min, double max, Exclude exclude = Exclude.None)
        => Run(Token("ZREMRANGEBYSCORE"), Key(key), ScoreBound(min, (exclude & Exclude.Start) != 0), ScoreBound(max, (exclude & Exclude.Stop) != 0)).Integer;

    /// <inheritdoc/>
    public long SortedSetRemoveRangeByValue(RedisKey key, RedisValue min, RedisValue max, Exclude exclude = Exclude.None)
        => Run(Token("ZREMRANGEBYLEX"), Key(key), LexBound(min, (exclude & Exclude.Start) != 0, "-"), LexBound(max, (exclude & Exclude.Stop) != 0, "+")).Integer;

    /// <inheritdoc/>
    public RedisValue[] SortedSetCombine(SetOperation operation, RedisKey[] keys, double[]? weights = null, Aggregate aggregate = Aggregate.Sum)
        => ToValues(Run(CombineCommand(operation, null, keys, weights, aggregate, withScores: false)));

    /// <inheritdoc/>
    public SortedSetEntry[] SortedSetCombineWithScores(SetOperation operation, RedisKey[] keys, double[]? weights = null, Aggregate aggregate = Aggregate.Sum)
        => ToScoredEntries(Run(CombineCommand(operation, null, keys, weights, aggregate, withScores: true)));

    /// <inheritdoc/>
    public long SortedSetCombineAndStore(SetOperation operation, RedisKey destination, RedisKey[] keys, double[]? weights = null, Aggregate aggregate = Aggregate.Sum)
        => Run(CombineCommand(operation, Key(destination, nameof(destination)), keys, weights, aggregate, withScores: false)).Integer;

    private static ReadOnlyMemory<byte>[] CombineCommand(SetOperation operation, ReadOnlyMemory<byte>? destination, RedisKey[] keys, double[]? weights, Aggregate aggregate, bool withScores)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var name = operation switch
        {
            SetOperation.Union => "ZUNION",
            SetOperation.Intersect => "ZINTER",
            SetOperation.Difference => "ZDIFF",
            _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "Unknown set operation."),
        };
        var args = new List<ReadOnlyMemory<byte>>(keys.Length + 8) { Token(destination is null ? name : name + "STORE") };
        if (destination is { } dst)
        {
            args.Add(dst);
        }

        args.Add(Number(keys.Length));
        foreach (var key in keys)
        {
            args.Add(Key(key, nameof(keys)));
        }

        if (weights is not null)
        {
            args.Add(Token("WEIGHTS"));
            foreach (var weight in weights)
            {
                args.Add(Score(weight));
            }
        }

        if (aggregate != Aggregate.Sum)
        {
            args.Add(Token("AGGREGATE"));
            args.Add(Token(aggregate switch
            {
                Aggregate.Min => "MIN",
                Aggregate.Max => "MAX",
                _ => throw new ArgumentOutOfRangeException(nameof(aggregate), aggregate, "Unknown aggregate."),
            }));
        }

        if (withScores)
        {
            args.Add(Token("WITHSCORES"));
        }

        return [.. args];
    }

    /// <inheritdoc/>
    public long SortedSetIntersectionLength(RedisKey[] keys, long limit = 0)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var args = new List<ReadOnlyMemory<byte>>(keys.Length + 4) { Token("ZINTERCARD"), Number(keys.Length) };
        foreach (var key in keys)
        {
            args.Add(Key(key, nameof(keys)));
        }

        if (limit != 0)
        {
            args.Add(Token("LIMIT"));
            args.Add(Number(limit));
        }

        return Run([.. args]).Integer;
    }

    /// <inheritdoc/>
    public SortedSetEntry? SortedSetPop(RedisKey key, Order order = Order.Ascending)
    {
        var entries = ToScoredEntries(Run(Token(order == Order.Descending ? "ZPOPMAX" : "ZPOPMIN"), Key(key)));
        return entries.Length == 0 ? null : entries[0];
    }

    /// <inheritdoc/>
    public SortedSetEntry[] SortedSetPop(RedisKey key, long count, Order order = Order.Ascending)
        => ToScoredEntries(Run(Token(order == Order.Descending ? "ZPOPMAX" : "ZPOPMIN"), Key(key), Number(count)));

    /// <inheritdoc/>
    public SortedSetPopResult? SortedSetPop(RedisKey[] keys, long count, Order order = Order.Ascending)
        => ToSortedSetPopResult(Run(MultiPopCommand("ZMPOP", null, keys, MinOrMax(order), count)));

    /// <inheritdoc/>
    public async Task<(RedisKey Key, SortedSetEntry Entry)?> SortedSetPopBlockingAsync(RedisKey[] keys, Order order, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var command = BlockingKeysCommand(order == Order.Descending ? "BZPOPMAX" : "BZPOPMIN", keys, timeout);
        var reply = await RunBlockingAsync(command, timeout, cancellationToken).ConfigureAwait(false);
        return reply.IsNull
            ? null
            : (ToKey(reply.Items[0]), new SortedSetEntry(ToValue(reply.Items[1]), ToScore(reply.Items[2])));
    }

    /// <inheritdoc/>
    public async Task<SortedSetPopResult?> SortedSetPopBlockingAsync(RedisKey[] keys, long count, Order order, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var command = MultiPopCommand("BZMPOP", Seconds(timeout), keys, MinOrMax(order), count);
        return ToSortedSetPopResult(await RunBlockingAsync(command, timeout, cancellationToken).ConfigureAwait(false));
    }

    private static ReadOnlyMemory<byte> MinOrMax(Order order) => Token(order == Order.Descending ? "MAX" : "MIN");

    private static SortedSetPopResult? ToSortedSetPopResult(RespValue reply) =>
        reply.IsNull ? null : new SortedSetPopResult(ToKey(reply.Items[0]), ToScoredEntries(reply.Items[1]));

    /// <inheritdoc/>
    public RedisValue SortedSetRandomMember(RedisKey key) => ToValue(Run(Token("ZRANDMEMBER"), Key(key)));

    /// <inheritdoc/>
    public RedisValue[] SortedSetRandomMembers(RedisKey key, long count) => ToValues(Run(Token("ZRANDMEMBER"), Key(key), Number(count)));

    /// <inheritdoc/>
    public SortedSetEntry[] SortedSetRandomMembersWithScores(RedisKey key, long count)
        => ToScoredEntries(Run(Token("ZRANDMEMBER"), Key(key), Number(count), Token("WITHSCORES")));

    /// <inheritdoc/>
    public ScanResult<SortedSetEntry> SortedSetScan(RedisKey key, ulong cursor, RedisValue pattern = default, int count = 10)
    {
        var (next, items) = RunScan([Token("ZSCAN"), Key(key)], cursor, pattern, count);
        return new ScanResult<SortedSetEntry>(next, ToScoredEntries(items));
    }

    private static void AddLimit(List<ReadOnlyMemory<byte>> args, long skip, long take)
    {
        if (skip != 0 || take != -1)
        {
            args.Add(Token("LIMIT"));
            args.Add(Number(skip));
            args.Add(Number(take));
        }
    }

    private static ReadOnlyMemory<byte> Score(double score)
    {
        Span<byte> buffer = stackalloc byte[32];
        var length = NumberFormatting.FormatDouble(score, buffer);
        return buffer[..length].ToArray();
    }

    private static ReadOnlyMemory<byte> ScoreBound(double score, bool exclusive)
    {
        Span<byte> buffer = stackalloc byte[33];
        var offset = exclusive ? 1 : 0;
        buffer[0] = (byte)'(';
        var length = NumberFormatting.FormatDouble(score, buffer[offset..]);
        return buffer[..(offset + length)].ToArray();
    }

    private static ReadOnlyMemory<byte> RawScoreBound(in RedisValue value, bool exclusive)
        => exclusive ? (byte[])[(byte)'(', .. value.AsSpan()] : value.AsMemory();

    private static ReadOnlyMemory<byte> LexBound(in RedisValue value, bool exclusive, string unbounded)
        => value.IsNull ? Token(unbounded) : (byte[])[exclusive ? (byte)'(' : (byte)'[', .. value.AsSpan()];

    private static double ToScore(RespValue reply)
    {
        if (reply.Type == RespType.Double)
        {
            return reply.Double;
        }

        return NumberParsing.TryParseDouble(reply.Bytes.Span, out var score)
            ? score
            : throw new FormatException($"Unexpected score reply '{reply.GetString()}'.");
    }

    private static RedisValue[] ToValues(RespValue reply) => reply.IsNull ? [] : reply.Items.Select(ToValue).ToArray();

    /// <summary>Reads member/score pairs: a flat array (RESP2, ZSCAN, ZPOPMIN without count) or nested pairs (RESP3).</summary>
    private static SortedSetEntry[] ToScoredEntries(RespValue reply)
    {
        if (reply.IsNull)
        {
            return [];
        }

        var items = reply.Items;
        if (items.Count > 0 && items[0].IsAggregate)
        {
            return items.Select(pair => new SortedSetEntry(ToValue(pair.Items[0]), ToScore(pair.Items[1]))).ToArray();
        }

        var entries = new SortedSetEntry[items.Count / 2];
        for (var i = 0; i < entries.Length; i++)
        {
            entries[i] = new SortedSetEntry(ToValue(items[2 * i]), ToScore(items[(2 * i) + 1]));
        }

        return entries;
    }
}
