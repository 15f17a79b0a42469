using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using RedisLite.Internal;

namespace RedisLite.Tests.Differential;

/// <summary>
/// Sorted-set commands: ZADD (NX/XX/GT/LT/CH/INCR and their conflicts), ZINCRBY, ZSCORE, ZMSCORE, ZCARD, ZCOUNT, ZLEXCOUNT,
/// ZRANK/ZREVRANK, ZRANGE/ZREVRANGE (WITHSCORES), ZRANGEBYSCORE/ZREVRANGEBYSCORE (WITHSCORES, LIMIT), ZRANGEBYLEX/ZREVRANGEBYLEX
/// (LIMIT), ZRANGESTORE (BYSCORE/BYLEX/REV/LIMIT), ZREM, ZREMRANGEBYRANK/BYSCORE/BYLEX, ZUNION/ZINTER/ZDIFF (WEIGHTS,
/// AGGREGATE, WITHSCORES) and their STORE forms, ZINTERCARD (LIMIT), ZPOPMIN/ZPOPMAX, ZMPOP, BZPOPMIN/BZPOPMAX and BZMPOP (when they cannot block), ZRANDMEMBER, ZSCAN.
/// </summary>
/// <remarks>
/// <para>Scores render in round-trip ("R") form, so <c>-0</c> and <c>0</c> differ. ZRANDMEMBER renders only what is
/// deterministic (how many, and the members when the whole set comes back); ZSCAN renders the union of a full scan.</para>
/// <para>Lex ranges over members whose scores differ are deterministic in a small (listpack) sorted set but depend on
/// the structure of a large one (Redis's skip-list levels are random). So the one large sorted set, <see cref="BigKey"/>
/// (130 members, created by a single ZADD, which crosses the 128-entry limit mid-command), has scores in the same order
/// as its members, is only ever shrunk after that, and is never a source of a STORE whose result could grow big with
/// mixed orders; the shared keys stay small.</para>
/// </remarks>
public sealed class SortedSetCommandFamily : ICommandFamily
{
    /// <summary>The key of the large sorted set.</summary>
    public static readonly byte[] BigKey = Encoding.UTF8.GetBytes("zbig");

    private static readonly byte[][] MemberNames =
    [
        Utf8("a"), Utf8("b"), Utf8("c"), Utf8("d"), Utf8("e"), Utf8(""), Utf8("aa"), Utf8("ab"), Utf8("b\u00e9"), [0x00, 0xFF], [(byte)'a', 0x00],
        Utf8("m005"), Utf8("m100"),
    ];

    private static readonly double[] ScoreValues =
        [0, -0.0, 1, 1, 2, 2, 3, -1, -2.5, 0.1, 1.5, 10, 1e20, double.PositiveInfinity, double.NegativeInfinity];

    private static readonly long[] Ranks = [0, 1, 2, -1, -2, -3, 5, 100, -100, long.MaxValue, long.MinValue];

    private static readonly long[] Offsets = [0, 0, 0, 1, 2, -1, 5];

    private static readonly long[] Counts = [-1, -1, 0, 1, 2, 3, -5];

    private static readonly SortedSetWhen[] Conditions =
    [
        SortedSetWhen.Always, SortedSetWhen.Always, SortedSetWhen.Always, SortedSetWhen.Exists, SortedSetWhen.NotExists,
        SortedSetWhen.GreaterThan, SortedSetWhen.LessThan, SortedSetWhen.Exists | SortedSetWhen.GreaterThan,
        SortedSetWhen.Exists | SortedSetWhen.LessThan, SortedSetWhen.Exists | SortedSetWhen.NotExists,
        SortedSetWhen.NotExists | SortedSetWhen.GreaterThan, SortedSetWhen.GreaterThan | SortedSetWhen.LessThan,
    ];

    private static readonly string[] ScoreTexts = ["1", "(1", "-inf", "+inf", "(-inf", "2.5", "abc", "", " 2", "2 ", "(", "0x10", "1e400", "nan", "(3"];

    private static readonly string[] Patterns = ["*", "a*", "?", "*b*", "m0*", "[a-c]", "x*"];

    /// <inheritdoc/>
    public string Name => "sorted sets";

    private static Gen<byte[]> Member => Gen.Elements(MemberNames);

    private static Gen<double> ScoreGen => Gen.Frequency((30, Gen.Elements(ScoreValues)), (1, Gen.Constant(double.NaN)));

    private static Gen<Exclude> ExcludeGen => Gen.Frequency(
        (4, Gen.Constant(Exclude.None)), (1, Gen.Constant(Exclude.Start)), (1, Gen.Constant(Exclude.Stop)), (1, Gen.Constant(Exclude.Both)));

    private static Gen<Order> OrderGen => Gen.Elements(Order.Ascending, Order.Descending);

    private static Gen<RedisValue> LexBoundGen => Gen.Frequency((1, Gen.Constant(RedisValue.Null)), (4, Member.Select(m => (RedisValue)m)));

    /// <inheritdoc/>
    public IEnumerable<(int Weight, Gen<DiffCommand> Generator)> Generators(KeySpace space)
    {
        // Reads and removals may use the big set; adds and lex commands use the shared keys only.
        var anyKey = Gen.Frequency((6, space.Key), (1, Gen.Constant(BigKey)));

        yield return (14,
            from db in space.Database
            from key in space.Key
            from n in Gen.Frequency((1, Gen.Constant(0)), (6, Gen.Constant(1)), (4, Gen.Choose(2, 4)))
            from members in Gen.ArrayOf(Member, n)
            from scores in Gen.ArrayOf(ScoreGen, n)
            from when in Gen.Elements(Conditions)
            from ch in Gen.Elements(false, false, true)
            select ZAdd(db, key, members, scores, when, ch));

        yield return (1, from db in space.Database select ZAddBig(db));

        yield return (4,
            from db in space.Database
            from key in space.Key
            from member in Member
            from score in ScoreGen
            from when in Gen.Elements(Conditions)
            select new DiffCommand(
                db,
                $"ZADD {Cli.Arg(key)}{Flags(when, false)} INCR {Fmt(score)} {Cli.Arg(member)}",
                s => Nullable(s.SortedSetIncrement(key, member, score, when))));

        yield return (4, from db in space.Database from key in space.Key from member in Member from score in ScoreGen
            select new DiffCommand(db, $"ZINCRBY {Cli.Arg(key)} {Fmt(score)} {Cli.Arg(member)}", s => Real(s.SortedSetIncrement(key, member, score))));

        yield return (4, from db in space.Database from key in anyKey from member in Member
            select new DiffCommand(db, $"ZSCORE {Cli.Arg(key)} {Cli.Arg(member)}", s => Nullable(s.SortedSetScore(key, member))));

        yield return (2, from db in space.Database from key in anyKey from n in Gen.Choose(0, 3) from members in Gen.ArrayOf(Member, n)
            select new DiffCommand(db, $"ZMSCORE {Cli.Arg(key)}{Args(members)}", s => "[" + string.Join(", ", s.SortedSetScores(key, Values(members)).Select(Nullable)) + "]"));

        yield return (3, from db in space.Database from key in anyKey from full in Gen.Elements(true, false)
            from min in ScoreGen from max in ScoreGen from exclude in ExcludeGen
            select full
                ? new DiffCommand(db, $"ZCARD {Cli.Arg(key)}", s => Cli.Num(s.SortedSetLength(key)))
                : new DiffCommand(db, $"ZCOUNT {Cli.Arg(key)} {Bound(min, exclude, Exclude.Start)} {Bound(max, exclude, Exclude.Stop)}", s => Cli.Num(s.SortedSetLength(key, min, max, exclude))));

        yield return (3, from db in space.Database from key in anyKey from min in LexBoundGen from max in LexBoundGen from exclude in ExcludeGen
            select new DiffCommand(db, $"ZLEXCOUNT {Cli.Arg(key)} {Lex(min, exclude, Exclude.Start, "-")} {Lex(max, exclude, Exclude.Stop, "+")}", s => Cli.Num(s.SortedSetLengthByValue(key, min, max, exclude))));

        yield return (3, from db in space.Database from key in anyKey from member in Gen.Frequency((4, Member), (1, Gen.Constant(Utf8("m050")))) from order in OrderGen
            select new DiffCommand(
                db,
                $"{(order == Order.Descending ? "ZREVRANK" : "ZRANK")} {Cli.Arg(key)} {Cli.Arg(member)}",
                s => s.SortedSetRank(key, member, order) is { } rank ? Cli.Num(rank) : "(nil)"));

        yield return (5, from db in space.Database from key in anyKey from start in Gen.Elements(Ranks) from stop in Gen.Elements(Ranks)
            from order in OrderGen from withScores in Gen.Elements(false, true)
            select new DiffCommand(
                db,
                $"{(order == Order.Descending ? "ZREVRANGE" : "ZRANGE")} {Cli.Arg(key)} {Cli.Arg(start)} {Cli.Arg(stop)}{(withScores ? " WITHSCORES" : "")}",
                s => withScores ? Entries(s.SortedSetRangeByRankWithScores(key, start, stop, order)) : Cli.Array(s.SortedSetRangeByRank(key, start, stop, order))));

        yield return (5, from db in space.Database from key in anyKey from min in ScoreGen from max in ScoreGen from exclude in ExcludeGen
            from order in OrderGen from withScores in Gen.Elements(false, true) from limit in LimitGen
            select ScoreRange(db, key, min, max, exclude, order, withScores, limit.Skip, limit.Take));

        yield return (4, from db in space.Database from key in space.Key from min in LexBoundGen from max in LexBoundGen from exclude in ExcludeGen
            from order in OrderGen from limit in LimitGen
            select LexRange(db, key, min, max, exclude, order, limit.Skip, limit.Take));

        yield return (4, from db in space.Database from source in space.Key from destination in space.Key from sortBy in Gen.Elements(SortedSetOrder.ByRank, SortedSetOrder.ByScore, SortedSetOrder.ByLex)
            from start in BoundFor(sortBy) from stop in BoundFor(sortBy) from exclude in ExcludeGen from order in OrderGen from limit in LimitGen
            select RangeStore(db, source, destination, sortBy, start, stop, exclude, order, limit.Skip, limit.Take));

        yield return (4, from db in space.Database from key in anyKey from n in Gen.Frequency((1, Gen.Constant(0)), (8, Gen.Choose(1, 3))) from members in Gen.ArrayOf(Gen.Frequency((5, Member), (1, Gen.Constant(Utf8("m010")))), n)
            select n == 1
                ? new DiffCommand(db, $"ZREM {Cli.Arg(key)}{Args(members)}", s => Cli.Num(s.SortedSetRemove(key, members[0])))
                : new DiffCommand(db, $"ZREM {Cli.Arg(key)}{Args(members)}", s => Cli.Num(s.SortedSetRemove(key, Values(members)))));

        yield return (2, from db in space.Database from key in anyKey from start in Gen.Elements(Ranks) from stop in Gen.Elements(Ranks)
            select new DiffCommand(db, $"ZREMRANGEBYRANK {Cli.Arg(key)} {Cli.Arg(start)} {Cli.Arg(stop)}", s => Cli.Num(s.SortedSetRemoveRangeByRank(key, start, stop))));

        yield return (2, from db in space.Database from key in anyKey from min in ScoreGen from max in ScoreGen from exclude in ExcludeGen
            select new DiffCommand(db, $"ZREMRANGEBYSCORE {Cli.Arg(key)} {Bound(min, exclude, Exclude.Start)} {Bound(max, exclude, Exclude.Stop)}", s => Cli.Num(s.SortedSetRemoveRangeByScore(key, min, max, exclude))));

        yield return (2, from db in space.Database from key in space.Key from min in LexBoundGen from max in LexBoundGen from exclude in ExcludeGen
            select new DiffCommand(db, $"ZREMRANGEBYLEX {Cli.Arg(key)} {Lex(min, exclude, Exclude.Start, "-")} {Lex(max, exclude, Exclude.Stop, "+")}", s => Cli.Num(s.SortedSetRemoveRangeByValue(key, min, max, exclude))));

        yield return (6, from db in space.Database from op in Gen.Elements(SetOperation.Union, SetOperation.Intersect, SetOperation.Difference)
            from store in Gen.Elements(false, true) from destination in space.Key
            from n in Gen.Frequency((1, Gen.Constant(0)), (10, Gen.Choose(1, 3))) from keys in Gen.ArrayOf(space.Key, n) from big in Gen.Elements(false, false, false, true)
            from weights in WeightsGen(n) from aggregate in Gen.Frequency((3, Gen.Constant(Aggregate.Sum)), (1, Gen.Constant(Aggregate.Min)), (1, Gen.Constant(Aggregate.Max)))
            from withScores in Gen.Elements(false, true)
            select Combine(db, op, store ? destination : null, big && n > 0 && (!store || op == SetOperation.Difference) ? [BigKey, .. keys[1..]] : keys, op == SetOperation.Difference && weights is not null && n % 2 == 0 ? null : weights, op == SetOperation.Difference ? Aggregate.Sum : aggregate, withScores));

        yield return (2, from db in space.Database from n in Gen.Frequency((1, Gen.Constant(0)), (10, Gen.Choose(1, 3))) from keys in Gen.ArrayOf(anyKey, n) from limit in Gen.Elements(0L, 0L, 1L, 2L, -1L)
            select new DiffCommand(db, $"ZINTERCARD {n}{Args(keys)}{(limit != 0 ? $" LIMIT {limit}" : "")}", s => Cli.Num(s.SortedSetIntersectionLength(ToKeys(keys), limit))));

        yield return (3, from db in space.Database from key in anyKey from order in OrderGen from count in Gen.Elements<long?>(null, null, 0, 1, 2, 5, -1)
            select Pop(db, key, order, count));

        yield return (2, from db in space.Database from n in Gen.Frequency((1, Gen.Constant(0)), (10, Gen.Choose(1, 3))) from keys in Gen.ArrayOf(anyKey, n)
            from order in OrderGen from count in Gen.Elements(1L, 1L, 2L, 10L, 0L, -1L)
            select new DiffCommand(db, $"ZMPOP {n}{Args(keys)} {(order == Order.Descending ? "MAX" : "MIN")} COUNT {count}", s =>
                s.SortedSetPop(ToKeys(keys), count, order) is { } popped ? $"{Cli.Quote(popped.Key.AsMemory().Span)} {Entries(popped.Entries)}" : "(nil)"));

        yield return (2, from db in space.Database from n in Gen.Frequency((1, Gen.Constant(0)), (10, Gen.Choose(1, 3))) from keys in Gen.ArrayOf(anyKey, n)
            from order in OrderGen
            select BlockingPop(db, keys, order));

        yield return (2, from db in space.Database from n in Gen.Frequency((1, Gen.Constant(0)), (10, Gen.Choose(1, 3))) from keys in Gen.ArrayOf(anyKey, n)
            from order in OrderGen from count in Gen.Elements(1L, 1L, 2L, 10L, 0L, -1L)
            select BlockingMultiPop(db, keys, order, count));

        yield return (3, from db in space.Database from key in anyKey from count in Gen.Elements<long?>(null, 0, 1, 2, 3, 20, 200, -1, -3, long.MinValue, 4_611_686_018_427_387_904)
            from withScores in Gen.Elements(false, true)
            select RandMember(db, key, count, withScores));

        yield return (2, from db in space.Database from key in anyKey from pattern in Gen.Frequency((2, Gen.Constant<string?>(null)), (3, Gen.Elements(Patterns).Select(p => (string?)p)))
            from count in Gen.Elements(1, 5, 10, 100, 0)
            select Scan(db, key, pattern, count));
    }

    private static Gen<(long Skip, long Take)> LimitGen => Gen.Frequency(
        (3, Gen.Constant((0L, -1L))),
        (2, from skip in Gen.Elements(Offsets) from take in Gen.Elements(Counts) select (skip, take)));

    private static Gen<RedisValue> BoundFor(SortedSetOrder by) => by switch
    {
        SortedSetOrder.ByRank => Gen.Frequency((1, Gen.Constant(RedisValue.Null)), (6, Gen.Elements(Ranks).Select(r => (RedisValue)r)), (1, Gen.Elements<RedisValue>("x", "1.5", ""))),
        SortedSetOrder.ByScore => Gen.Frequency((1, Gen.Constant(RedisValue.Null)), (6, Gen.Elements(ScoreTexts).Select(t => (RedisValue)t))),
        _ => LexBoundGen,
    };

    private static Gen<double[]?> WeightsGen(int keys) => Gen.Frequency(
        (4, Gen.Constant<double[]?>(null)),
        (4, Gen.ArrayOf(Gen.Elements(1.0, 2.0, 0.0, -1.0, 0.5, double.PositiveInfinity, double.NegativeInfinity), keys).Select(w => (double[]?)w)),
        (1, Gen.Choose(0, 4).SelectMany(n => Gen.ArrayOf(Gen.Frequency((5, Gen.Constant(1.0)), (1, Gen.Constant(double.NaN))), n)).Select(w => (double[]?)w)));

    private static DiffCommand ZAdd(int db, byte[] key, byte[][] members, double[] scores, SortedSetWhen when, bool ch)
    {
        var spelling = $"ZADD {Cli.Arg(key)}{Flags(when, ch)}{string.Concat(members.Zip(scores, (m, sc) => $" {Fmt(sc)} {Cli.Arg(m)}"))}";
        return members.Length == 1
            ? new DiffCommand(db, spelling, s => Cli.Num(s.SortedSetAdd(key, members[0], scores[0], when, ch)))
            : new DiffCommand(db, spelling, s => Cli.Num(s.SortedSetAdd(key, members.Zip(scores, (m, sc) => new SortedSetEntry(m, sc)).ToArray(), when, ch)));
    }

    private static DiffCommand ZAddBig(int db)
    {
        // Scores follow member order (m000 < m001 < ...), with -0 for m020 (a listpack turns it into 0 before the
        // conversion at the 129th member; the big encoding would keep the sign).
        var entries = Enumerable.Range(0, 130)
            .Select(i => new SortedSetEntry("m" + i.ToString("D3", CultureInfo.InvariantCulture), i == 20 ? -0.0 : (i - 20) * 0.5))
            .ToArray();
        var spelling = "ZADD zbig" + string.Concat(entries.Select(e => $" {Fmt(e.Score)} {e.Element}"));
        return new DiffCommand(db, spelling, s => Cli.Num(s.SortedSetAdd(BigKey, entries)));
    }

    private static DiffCommand ScoreRange(int db, byte[] key, double min, double max, Exclude exclude, Order order, bool withScores, long skip, long take)
    {
        var low = Bound(min, exclude, Exclude.Start);
        var high = Bound(max, exclude, Exclude.Stop);
        var spelling = order == Order.Descending ? $"ZREVRANGEBYSCORE {Cli.Arg(key)} {high} {low}" : $"ZRANGEBYSCORE {Cli.Arg(key)} {low} {high}";
        spelling += (withScores ? " WITHSCORES" : "") + Limit(skip, take);
        return new DiffCommand(db, spelling, s => withScores
            ? Entries(s.SortedSetRangeByScoreWithScores(key, min, max, exclude, order, skip, take))
            : Cli.Array(s.SortedSetRangeByScore(key, min, max, exclude, order, skip, take)));
    }

    private static DiffCommand LexRange(int db, byte[] key, RedisValue min, RedisValue max, Exclude exclude, Order order, long skip, long take)
    {
        var low = Lex(min, exclude, Exclude.Start, "-");
        var high = Lex(max, exclude, Exclude.Stop, "+");
        var spelling = (order == Order.Descending ? $"ZREVRANGEBYLEX {Cli.Arg(key)} {high} {low}" : $"ZRANGEBYLEX {Cli.Arg(key)} {low} {high}") + Limit(skip, take);
        return new DiffCommand(db, spelling, s => Cli.Array(s.SortedSetRangeByValue(key, min, max, exclude, order, skip, take)));
    }

    private static DiffCommand RangeStore(int db, byte[] source, byte[] destination, SortedSetOrder by, RedisValue start, RedisValue stop, Exclude exclude, Order order, long skip, long take)
    {
        string low, high;
        switch (by)
        {
            case SortedSetOrder.ByRank:
                low = start.IsNull ? "0" : Cli.Arg(start.AsSpan());
                high = stop.IsNull ? "-1" : Cli.Arg(stop.AsSpan());
                break;
            case SortedSetOrder.ByScore:
                low = start.IsNull ? "-inf" : Cli.Arg(((exclude & Exclude.Start) != 0 ? "(" : "") + start);
                high = stop.IsNull ? "+inf" : Cli.Arg(((exclude & Exclude.Stop) != 0 ? "(" : "") + stop);
                break;
            default:
                low = Lex(start, exclude, Exclude.Start, "-");
                high = Lex(stop, exclude, Exclude.Stop, "+");
                break;
        }

        var reverse = order == Order.Descending;
        var swap = reverse && by != SortedSetOrder.ByRank;
        var spelling = $"ZRANGESTORE {Cli.Arg(destination)} {Cli.Arg(source)} {(swap ? high : low)} {(swap ? low : high)}"
            + (by == SortedSetOrder.ByScore ? " BYSCORE" : by == SortedSetOrder.ByLex ? " BYLEX" : "") + (reverse ? " REV" : "") + Limit(skip, take);
        return new DiffCommand(db, spelling, s => Cli.Num(s.SortedSetRangeAndStore(source, destination, start, stop, by, exclude, order, skip, take)));
    }

    private static DiffCommand Combine(int db, SetOperation op, byte[]? destination, byte[][] keys, double[]? weights, Aggregate aggregate, bool withScores)
    {
        var name = op switch { SetOperation.Union => "ZUNION", SetOperation.Intersect => "ZINTER", _ => "ZDIFF" };
        var spelling = new StringBuilder(name);
        if (destination is not null)
        {
            spelling.Append("STORE ").Append(Cli.Arg(destination));
        }

        spelling.Append(CultureInfo.InvariantCulture, $" {keys.Length}").Append(Args(keys));
        if (weights is not null)
        {
            spelling.Append(" WEIGHTS").Append(string.Concat(weights.Select(w => " " + Fmt(w))));
        }

        if (aggregate != Aggregate.Sum)
        {
            spelling.Append(" AGGREGATE ").Append(aggregate.ToString().ToUpperInvariant());
        }

        if (destination is null && withScores)
        {
            spelling.Append(" WITHSCORES");
        }

        return new DiffCommand(db, spelling.ToString(), s => destination is not null
            ? Cli.Num(s.SortedSetCombineAndStore(op, destination, ToKeys(keys), weights, aggregate))
            : withScores
                ? Entries(s.SortedSetCombineWithScores(op, ToKeys(keys), weights, aggregate))
                : Cli.Array(s.SortedSetCombine(op, ToKeys(keys), weights, aggregate)));
    }

    private static DiffCommand Pop(int db, byte[] key, Order order, long? count)
    {
        var name = order == Order.Descending ? "ZPOPMAX" : "ZPOPMIN";
        return count is { } n
            ? new DiffCommand(db, $"{name} {Cli.Arg(key)} {n}", s => Entries(s.SortedSetPop(key, n, order)))
            : new DiffCommand(db, $"{name} {Cli.Arg(key)}", s => s.SortedSetPop(key, order) is { } e ? Entries([e]) : "(empty)");
    }

    // The blocking pops run only when they cannot block (some key exists), so both sides reply at once.
    private static DiffCommand BlockingPop(int db, byte[][] keys, Order order) =>
        new(db, $"{(order == Order.Descending ? "BZPOPMAX" : "BZPOPMIN")}{Args(keys)} 1", s =>
            keys.Length > 0 && ListCommandFamily.WouldBlock(s, keys)
                ? "(skipped: would block)"
                : ListCommandFamily.Await(s.SortedSetPopBlockingAsync(ToKeys(keys), order, ListCommandFamily.BlockTimeout)) is { } popped
                    ? $"{Cli.Quote(popped.Key.AsMemory().Span)} {Entries([popped.Entry])}"
                    : "(nil)");

    private static DiffCommand BlockingMultiPop(int db, byte[][] keys, Order order, long count) =>
        new(db, $"BZMPOP 1 {keys.Length}{Args(keys)} {(order == Order.Descending ? "MAX" : "MIN")} COUNT {count}", s =>
            keys.Length > 0 && count > 0 && ListCommandFamily.WouldBlock(s, keys)
                ? "(skipped: would block)"
                : ListCommandFamily.Await(s.SortedSetPopBlockingAsync(ToKeys(keys), count, order, ListCommandFamily.BlockTimeout)) is { } popped
                    ? $"{Cli.Quote(popped.Key.AsMemory().Span)} {Entries(popped.Entries)}"
                    : "(nil)");

    private static DiffCommand RandMember(int db, byte[] key, long? count, bool withScores)
    {
        if (count is not { } n)
        {
            return new DiffCommand(db, $"ZRANDMEMBER {Cli.Arg(key)}", s =>
            {
                var member = s.SortedSetRandomMember(key);
                return member.IsNull ? "(nil)" : s.SortedSetScore(key, member) is null ? "(not a member)" : "(a member)";
            });
        }

        return new DiffCommand(db, $"ZRANDMEMBER {Cli.Arg(key)} {n}{(withScores ? " WITHSCORES" : "")}", s =>
        {
            var entries = withScores ? s.SortedSetRandomMembersWithScores(key, n) : s.SortedSetRandomMembers(key, n).Select(m => new SortedSetEntry(m, 0)).ToArray();
            var size = s.SortedSetLength(key);
            var distinct = entries.Select(e => Cli.Quote(e.Element.AsSpan())).Distinct(StringComparer.Ordinal).Count();
            var consistent = !withScores || entries.All(e => s.SortedSetScore(key, e.Element) is { } score && score.Equals(e.Score));
            var whole = n > 0 && n >= size ? " " + Entries([.. entries.OrderBy(e => e.Score).ThenBy(e => e.Element.AsMemory().ToArray(), ByteComparer.Instance)]) : "";
            return $"{entries.Length} item(s), {(n > 0 ? distinct == entries.Length : distinct <= size)}, scores {consistent}{whole}";
        });
    }

    private static DiffCommand Scan(int db, byte[] key, string? pattern, int count)
    {
        var spelling = $"ZSCAN {Cli.Arg(key)} 0{(pattern is null ? "" : " MATCH " + Cli.Arg(pattern))} COUNT {count} (to the end)";
        return new DiffCommand(db, spelling, s =>
        {
            var seen = new SortedDictionary<string, string>(StringComparer.Ordinal);
            ulong cursor = 0;
            var pages = 0;
            do
            {
                var page = s.SortedSetScan(key, cursor, pattern is null ? RedisValue.Null : (RedisValue)pattern, count);
                foreach (var item in page.Items)
                {
                    seen[Cli.Quote(item.Element.AsSpan())] = Score(item.Score);
                }

                cursor = page.Cursor;
            }
            while (cursor != 0 && ++pages < 10_000);

            return "{" + string.Join(", ", seen.Select(kv => $"{kv.Key}: {kv.Value}")) + "}";
        });
    }

    private static string Flags(SortedSetWhen when, bool ch) =>
        ((when & SortedSetWhen.NotExists) != 0 ? " NX" : "") + ((when & SortedSetWhen.Exists) != 0 ? " XX" : "") +
        ((when & SortedSetWhen.GreaterThan) != 0 ? " GT" : "") + ((when & SortedSetWhen.LessThan) != 0 ? " LT" : "") + (ch ? " CH" : "");

    private static string Limit(long skip, long take) => skip != 0 || take != -1 ? $" LIMIT {skip} {take}" : "";

    private static string Bound(double value, Exclude exclude, Exclude end) => ((exclude & end) != 0 ? "(" : "") + Fmt(value);

    private static string Lex(RedisValue value, Exclude exclude, Exclude end, string unbounded) =>
        value.IsNull ? unbounded : Cli.Arg([(exclude & end) != 0 ? (byte)'(' : (byte)'[', .. value.AsSpan()]);

    private static string Fmt(double value)
    {
        Span<byte> buffer = stackalloc byte[32];
        return Encoding.ASCII.GetString(buffer[..NumberFormatting.FormatDouble(value, buffer)]);
    }

    private static string Score(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Real(double value) => "(double) " + Score(value);

    private static string Nullable(double? value) => value is { } v ? Real(v) : "(nil)";

    private static string Entries(IEnumerable<SortedSetEntry> entries) =>
        "[" + string.Join(", ", entries.Select(e => $"{Cli.Quote(e.Element.AsSpan())} {Score(e.Score)}")) + "]";

    private static string Args(byte[][] values) => string.Concat(values.Select(v => " " + Cli.Arg(v)));

    private static RedisValue[] Values(byte[][] values) => values.Select(v => (RedisValue)v).ToArray();

    private static RedisKey[] ToKeys(byte[][] keys) => keys.Select(k => (RedisKey)k).ToArray();

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private sealed class ByteComparer : IComparer<byte[]>
    {
        public static readonly ByteComparer Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
