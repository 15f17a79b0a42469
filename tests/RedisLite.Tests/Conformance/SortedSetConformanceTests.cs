namespace RedisLite.Tests.Conformance;

/// <summary>
/// Redis 7's sorted-set commands, as replies and exact error texts, checked against every <see cref="IDataStore"/>.
/// </summary>
public abstract class SortedSetConformanceTests : ConformanceSuite
{
    private static readonly string LongMember = new('x', 70);

    private static SortedSetEntry E(string member, double score) => new(member, score);

    private static string[] Texts(RedisValue[] values) => values.Select(v => (string)v!).ToArray();

    private static (string, double)[] Pairs(SortedSetEntry[] entries) => entries.Select(e => ((string)e.Element!, e.Score)).ToArray();

    private void Seed(RedisKey key) => Db.SortedSetAdd(key, [E("a", 1), E("b", 2), E("c", 3), E("d", 4), E("e", 5)]);

    [ConformanceFact]
    public void Zadd_adds_updates_and_counts_with_ch()
    {
        Assert.Equal(3, Db.SortedSetAdd("z", [E("a", 1), E("b", 2), E("c", 3)]));
        Assert.Equal(0, Db.SortedSetAdd("z", [E("a", 10), E("b", 2)]));
        Assert.Equal(1, Db.SortedSetAdd("z", [E("a", 11), E("b", 2), E("c", 3)], returnChanged: true));
        Assert.True(Db.SortedSetAdd("z", "d", 4));
        Assert.False(Db.SortedSetAdd("z", "d", 5));
        Assert.True(Db.SortedSetAdd("z", "d", 6, returnChanged: true));
        Assert.Equal(11, Db.SortedSetScore("z", "a"));
        Assert.Equal(4, Db.SortedSetLength("z"));
    }

    [ConformanceFact]
    public void Zadd_conditions_nx_xx_gt_lt()
    {
        Db.SortedSetAdd("z", "a", 5);
        Assert.False(Db.SortedSetAdd("z", "a", 1, SortedSetWhen.NotExists));
        Assert.True(Db.SortedSetAdd("z", "b", 1, SortedSetWhen.NotExists));
        Assert.False(Db.SortedSetAdd("z", "c", 1, SortedSetWhen.Exists));
        Assert.True(Db.SortedSetAdd("z", "a", 6, SortedSetWhen.Exists, returnChanged: true));
        Assert.False(Db.SortedSetAdd("z", "a", 3, SortedSetWhen.GreaterThan, returnChanged: true));
        Assert.True(Db.SortedSetAdd("z", "a", 3, SortedSetWhen.LessThan, returnChanged: true));
        Assert.True(Db.SortedSetAdd("z", "new", 9, SortedSetWhen.GreaterThan));
        Assert.Equal(0, Db.SortedSetAdd("missing", [E("a", 1)], SortedSetWhen.Exists));
        Assert.False(Db.KeyExists("missing"));
        Assert.Equal(3, Db.SortedSetScore("z", "a"));
    }

    [ConformanceFact]
    public void Zadd_rejects_incompatible_options_and_nan_word_for_word()
    {
        AssertError(ErrorMessages.ZAddXxAndNx, () => Db.SortedSetAdd("z", "a", 1, SortedSetWhen.Exists | SortedSetWhen.NotExists));
        AssertError(ErrorMessages.ZAddGtLtNx, () => Db.SortedSetAdd("z", "a", 1, SortedSetWhen.GreaterThan | SortedSetWhen.LessThan));
        AssertError(ErrorMessages.ZAddGtLtNx, () => Db.SortedSetAdd("z", "a", 1, SortedSetWhen.NotExists | SortedSetWhen.GreaterThan));
        AssertError(ErrorMessages.NotFloat, () => Db.SortedSetAdd("z", "a", double.NaN));
        AssertError(ErrorMessages.WrongArgumentCount("zadd"), () => Db.SortedSetAdd("z", Array.Empty<SortedSetEntry>()));
        AssertError(ErrorMessages.Syntax, () => Db.SortedSetAdd("z", Array.Empty<SortedSetEntry>(), SortedSetWhen.Exists, returnChanged: true));
        Assert.False(Db.KeyExists("z"));
    }

    [ConformanceFact]
    public void Zadd_incr_returns_the_score_or_nil_and_rejects_nan_results()
    {
        Assert.Equal(2.5, Db.SortedSetIncrement("z", "a", 2.5, SortedSetWhen.Always));
        Assert.Null(Db.SortedSetIncrement("z", "a", 1, SortedSetWhen.NotExists));
        Assert.Null(Db.SortedSetIncrement("z", "b", 1, SortedSetWhen.Exists));
        Assert.Null(Db.SortedSetIncrement("z", "a", -1, SortedSetWhen.GreaterThan));
        Assert.Equal(3.5, Db.SortedSetIncrement("z", "a", 1, SortedSetWhen.GreaterThan));
        Assert.Null(Db.SortedSetIncrement("missing", "a", 1, SortedSetWhen.Exists));

        Db.SortedSetAdd("inf", "a", double.PositiveInfinity);
        AssertError(ErrorMessages.ScoreNaN, () => Db.SortedSetIncrement("inf", "a", double.NegativeInfinity));
        AssertError(ErrorMessages.ScoreNaN, () => Db.SortedSetIncrement("inf", "a", double.NegativeInfinity, SortedSetWhen.Always));
        AssertError(ErrorMessages.NotFloat, () => Db.SortedSetIncrement("inf", "a", double.NaN));
        Assert.Equal(double.PositiveInfinity, Db.SortedSetScore("inf", "a"));
    }

    [ConformanceFact]
    public void Zincrby_creates_and_accumulates()
    {
        Assert.Equal(1.5, Db.SortedSetIncrement("z", "a", 1.5));
        Assert.Equal(-0.5, Db.SortedSetIncrement("z", "a", -2));
        Assert.Equal(0.30000000000000004, Db.SortedSetIncrement("z", "b", 0.1) + Db.SortedSetIncrement("z", "c", 0.2), 15);
        Assert.Equal(3, Db.SortedSetLength("z"));
    }

    [ConformanceFact]
    public void Scores_keep_their_exact_double_value_and_negative_zero_as_redis_does()
    {
        Db.SortedSetAdd("z", [E("tenth", 0.1), E("big", 1e300), E("tiny", 5e-324), E("neg", -2.5), E("pinf", double.PositiveInfinity)]);
        Assert.Equal(0.1, Db.SortedSetScore("z", "tenth"));
        Assert.Equal(1e300, Db.SortedSetScore("z", "big"));
        Assert.Equal(5e-324, Db.SortedSetScore("z", "tiny"));
        Assert.Equal(double.PositiveInfinity, Db.SortedSetScore("z", "pinf"));

        // A small (listpack) sorted set stores -0 as 0; a large (skip list) one keeps the sign.
        Db.SortedSetAdd("small", "m", -0.0);
        Assert.False(double.IsNegative(Db.SortedSetScore("small", "m")!.Value));
        Db.SortedSetAdd("large", [E(LongMember, 1), E("m", -0.0)]);
        Assert.True(double.IsNegative(Db.SortedSetScore("large", "m")!.Value));
        Assert.True(double.IsNegative(Db.SortedSetIncrement("fresh", "m", -0.0)));
    }

    [ConformanceFact]
    public void Zscore_zmscore_zcard_on_missing_keys_and_members()
    {
        Seed("z");
        Assert.Null(Db.SortedSetScore("z", "nope"));
        Assert.Null(Db.SortedSetScore("missing", "a"));
        Assert.Equal([1, null, 5], Db.SortedSetScores("z", ["a", "nope", "e"]));
        Assert.Equal([null, null], Db.SortedSetScores("missing", ["a", "b"]));
        Assert.Equal(0, Db.SortedSetLength("missing"));
        AssertError(ErrorMessages.WrongArgumentCount("zmscore"), () => Db.SortedSetScores("z", []));
    }

    [ConformanceFact]
    public void Zcount_and_zlexcount_with_exclusive_and_infinite_bounds()
    {
        Seed("z");
        Assert.Equal(5, Db.SortedSetLength("z", double.NegativeInfinity, double.PositiveInfinity));
        Assert.Equal(3, Db.SortedSetLength("z", 2, 4));
        Assert.Equal(1, Db.SortedSetLength("z", 2, 4, Exclude.Both));
        Assert.Equal(2, Db.SortedSetLength("z", 2, 4, Exclude.Start));
        Assert.Equal(0, Db.SortedSetLength("z", 4, 2));
        Assert.Equal(0, Db.SortedSetLength("z", 3, 3, Exclude.Stop));
        AssertError(ErrorMessages.MinMaxNotFloat, () => Db.SortedSetLength("z", double.NaN, 1));

        Db.SortedSetAdd("lex", [E("a", 0), E("b", 0), E("c", 0), E("d", 0)]);
        Assert.Equal(4, Db.SortedSetLengthByValue("lex"));
        Assert.Equal(2, Db.SortedSetLengthByValue("lex", "b", "c"));
        Assert.Equal(1, Db.SortedSetLengthByValue("lex", "b", "c", Exclude.Start));
        Assert.Equal(3, Db.SortedSetLengthByValue("lex", "b", RedisValue.Null));
        Assert.Equal(0, Db.SortedSetLengthByValue("lex", "c", "b"));
    }

    [ConformanceFact]
    public void Zrank_and_zrevrank()
    {
        Seed("z");
        Assert.Equal(0, Db.SortedSetRank("z", "a"));
        Assert.Equal(4, Db.SortedSetRank("z", "e"));
        Assert.Equal(0, Db.SortedSetRank("z", "e", Order.Descending));
        Assert.Null(Db.SortedSetRank("z", "nope"));
        Assert.Null(Db.SortedSetRank("missing", "a", Order.Descending));
    }

    [ConformanceFact]
    public void Ties_order_by_member_bytes_with_shorter_prefix_first()
    {
        Db.SortedSetAdd("z", [E("b", 1), E("ab", 1), E("a", 1), E("B", 1), E("", 1), E("a\u00e9", 1), E("z", 0)]);
        Assert.Equal(["z", "", "B", "a", "ab", "a\u00e9", "b"], Texts(Db.SortedSetRangeByRank("z")));
    }

    [ConformanceFact]
    public void Zrange_by_rank_with_negative_and_out_of_range_indexes()
    {
        Seed("z");
        Assert.Equal(["a", "b", "c", "d", "e"], Texts(Db.SortedSetRangeByRank("z")));
        Assert.Equal(["d", "e"], Texts(Db.SortedSetRangeByRank("z", -2, 100)));
        Assert.Equal(["e", "d"], Texts(Db.SortedSetRangeByRank("z", 0, 1, Order.Descending)));
        Assert.Empty(Db.SortedSetRangeByRank("z", 3, 1));
        Assert.Empty(Db.SortedSetRangeByRank("z", 10, 20));
        Assert.Empty(Db.SortedSetRangeByRank("missing"));
        Assert.Equal([("b", 2.0), ("c", 3.0)], Pairs(Db.SortedSetRangeByRankWithScores("z", 1, 2)));
        Assert.Equal([("e", 5.0)], Pairs(Db.SortedSetRangeByRankWithScores("z", 0, 0, Order.Descending)));
    }

    [ConformanceFact]
    public void Zrange_by_score_with_limit_and_rev()
    {
        Seed("z");
        Assert.Equal(["b", "c", "d"], Texts(Db.SortedSetRangeByScore("z", 2, 4)));
        Assert.Equal(["c"], Texts(Db.SortedSetRangeByScore("z", 2, 4, Exclude.Both)));
        Assert.Equal(["d", "c", "b"], Texts(Db.SortedSetRangeByScore("z", 2, 4, order: Order.Descending)));
        Assert.Equal(["c", "d"], Texts(Db.SortedSetRangeByScore("z", skip: 2, take: 2)));
        Assert.Equal(["c", "b", "a"], Texts(Db.SortedSetRangeByScore("z", order: Order.Descending, skip: 2)));
        Assert.Empty(Db.SortedSetRangeByScore("z", skip: -1, take: 2));
        Assert.Empty(Db.SortedSetRangeByScore("z", take: 0));
        Assert.Equal([("d", 4.0), ("e", 5.0)], Pairs(Db.SortedSetRangeByScoreWithScores("z", 4, double.PositiveInfinity)));
        AssertError(ErrorMessages.MinMaxNotFloat, () => Db.SortedSetRangeByScore("z", 1, double.NaN));
    }

    [ConformanceFact]
    public void Zrange_by_lex_with_limit_and_rev()
    {
        Db.SortedSetAdd("lex", [E("a", 0), E("b", 0), E("c", 0), E("d", 0), E("e", 0)]);
        Assert.Equal(["a", "b", "c"], Texts(Db.SortedSetRangeByValue("lex", RedisValue.Null, "c")));
        Assert.Equal(["b"], Texts(Db.SortedSetRangeByValue("lex", "a", "c", Exclude.Both)));
        Assert.Equal(["e", "d"], Texts(Db.SortedSetRangeByValue("lex", "d", RedisValue.Null, order: Order.Descending)));
        Assert.Equal(["c", "d"], Texts(Db.SortedSetRangeByValue("lex", skip: 2, take: 2)));
        Assert.Equal(["c", "b", "a"], Texts(Db.SortedSetRangeByValue("lex", order: Order.Descending, skip: 2)));
        Assert.Empty(Db.SortedSetRangeByValue("missing"));
    }

    [ConformanceFact]
    public void Zrangestore_stores_ranges_and_replaces_the_destination()
    {
        Seed("src");
        Db.StringSet("dst", "old", Expiration.InMilliseconds(3_600_000));
        Assert.Equal(3, Db.SortedSetRangeAndStore("src", "dst", 1, 3));
        Assert.Equal(["b", "c", "d"], Texts(Db.SortedSetRangeByRank("dst")));
        Assert.Null(Db.KeyTimeToLive("dst"));
        Assert.Equal(2, Db.SortedSetRangeAndStore("src", "dst", 2, "(4", SortedSetOrder.ByScore));
        Assert.Equal(["b", "c"], Texts(Db.SortedSetRangeByRank("dst")));
        Assert.Equal(2, Db.SortedSetRangeAndStore("src", "dst", RedisValue.Null, RedisValue.Null, SortedSetOrder.ByScore, order: Order.Descending, skip: 1, take: 2));
        Assert.Equal(["c", "d"], Texts(Db.SortedSetRangeByRank("dst")));
        Assert.Equal(0, Db.SortedSetRangeAndStore("src", "dst", 10, 20));
        Assert.False(Db.KeyExists("dst"));
        AssertError(ErrorMessages.LimitNeedsByScoreOrByLex, () => Db.SortedSetRangeAndStore("src", "dst", 0, -1, take: 1));
        AssertError(ErrorMessages.NotInteger, () => Db.SortedSetRangeAndStore("src", "dst", "x", -1));
        AssertError(ErrorMessages.MinMaxNotFloat, () => Db.SortedSetRangeAndStore("src", "dst", "x", 1, SortedSetOrder.ByScore));
    }

    [ConformanceFact]
    public void Zrem_and_remove_ranges_delete_the_emptied_key()
    {
        Seed("z");
        Assert.True(Db.SortedSetRemove("z", "a"));
        Assert.False(Db.SortedSetRemove("z", "a"));
        Assert.Equal(1, Db.SortedSetRemove("z", ["b", "nope"]));
        Assert.Equal(1, Db.SortedSetRemoveRangeByRank("z", 0, 0));
        Assert.Equal(1, Db.SortedSetRemoveRangeByScore("z", 4, 4));
        Assert.Equal(["e"], Texts(Db.SortedSetRangeByRank("z")));
        Assert.Equal(1, Db.SortedSetRemoveRangeByValue("z", RedisValue.Null, RedisValue.Null));
        Assert.False(Db.KeyExists("z"));
        AssertError(ErrorMessages.WrongArgumentCount("zrem"), () => Db.SortedSetRemove("z", []));
    }

    [ConformanceFact]
    public void Modifications_keep_the_ttl()
    {
        Seed("z");
        Db.KeyExpire("z", OneHour);
        Db.SortedSetAdd("z", "f", 6);
        Db.SortedSetIncrement("z", "a", 1);
        Db.SortedSetRemove("z", "b");
        Db.SortedSetPop("z");
        Assert.NotNull(Db.KeyTimeToLive("z"));
    }

    [ConformanceFact]
    public void Combine_union_inter_diff_with_weights_and_aggregates()
    {
        Db.SortedSetAdd("z1", [E("a", 1), E("b", 2), E("c", 3)]);
        Db.SortedSetAdd("z2", [E("b", 10), E("c", 20), E("d", 30)]);
        Assert.Equal([("a", 1.0), ("b", 12.0), ("c", 23.0), ("d", 30.0)], Pairs(Db.SortedSetCombineWithScores(SetOperation.Union, ["z1", "z2"])));
        Assert.Equal([("b", 10.0), ("c", 20.0)], Pairs(Db.SortedSetCombineWithScores(SetOperation.Intersect, ["z1", "z2"], aggregate: Aggregate.Max)));
        Assert.Equal([("b", 14.0), ("c", 26.0)], Pairs(Db.SortedSetCombineWithScores(SetOperation.Intersect, ["z1", "z2"], [2, 1])));
        Assert.Equal([("a", 1.0)], Pairs(Db.SortedSetCombineWithScores(SetOperation.Difference, ["z1", "z2"])));
        Assert.Equal(["a", "b", "c"], Texts(Db.SortedSetCombine(SetOperation.Union, ["z1", "missing"])));
        Assert.Empty(Db.SortedSetCombine(SetOperation.Intersect, ["z1", "missing"]));

        Assert.Equal(2, Db.SortedSetCombineAndStore(SetOperation.Intersect, "dst", ["z1", "z2"], aggregate: Aggregate.Min));
        Assert.Equal([("b", 2.0), ("c", 3.0)], Pairs(Db.SortedSetRangeByRankWithScores("dst")));
        Assert.Equal(0, Db.SortedSetCombineAndStore(SetOperation.Difference, "dst", ["z1", "z1"]));
        Assert.False(Db.KeyExists("dst"));
    }

    [ConformanceFact]
    public void Combine_turns_nan_from_infinities_into_zero()
    {
        Db.SortedSetAdd("w", "a", 1);
        Db.SortedSetAdd("inf", "a", double.PositiveInfinity);
        Db.SortedSetAdd("ninf", "a", double.NegativeInfinity);
        Assert.Equal([("a", 0.0)], Pairs(Db.SortedSetCombineWithScores(SetOperation.Union, ["w", "w"], [double.PositiveInfinity, double.NegativeInfinity])));
        Assert.Equal([("a", 0.0)], Pairs(Db.SortedSetCombineWithScores(SetOperation.Union, ["inf", "ninf"])));
        // inf * 0 is NaN, which counts as 0 before the second input's 1 is added.
        Assert.Equal([("a", 1.0)], Pairs(Db.SortedSetCombineWithScores(SetOperation.Intersect, ["inf", "w"], [0, 1])));
        Assert.Equal([("a", double.PositiveInfinity)], Pairs(Db.SortedSetCombineWithScores(SetOperation.Union, ["inf", "w"], aggregate: Aggregate.Max)));
    }

    [ConformanceFact]
    public void Combine_errors_word_for_word()
    {
        Db.SortedSetAdd("z", "a", 1);
        Db.StringSet("s", "x");
        AssertError(ErrorMessages.ZAtLeastOneInputKey("zunion"), () => Db.SortedSetCombine(SetOperation.Union, [], aggregate: Aggregate.Max));
        AssertError(ErrorMessages.WrongArgumentCount("zunion"), () => Db.SortedSetCombine(SetOperation.Union, []));
        AssertError(ErrorMessages.ZAtLeastOneInputKey("zinterstore"), () => Db.SortedSetCombineAndStore(SetOperation.Intersect, "d", [], [1]));
        AssertError(ErrorMessages.Syntax, () => Db.SortedSetCombine(SetOperation.Union, ["z", "z"], [1]));
        AssertError(ErrorMessages.Syntax, () => Db.SortedSetCombine(SetOperation.Union, ["z"], [1, 2]));
        AssertError(ErrorMessages.WeightNotFloat, () => Db.SortedSetCombine(SetOperation.Union, ["z"], [double.NaN]));
        AssertError(ErrorMessages.Syntax, () => Db.SortedSetCombine(SetOperation.Difference, ["z"], [1]));
        AssertError(ErrorMessages.WrongType, () => Db.SortedSetCombine(SetOperation.Union, ["z", "s"], [double.NaN]));
    }

    [ConformanceFact]
    public void Zintercard_counts_with_limit()
    {
        Db.SortedSetAdd("z1", [E("a", 1), E("b", 2), E("c", 3)]);
        Db.SortedSetAdd("z2", [E("b", 1), E("c", 1), E("d", 1)]);
        Assert.Equal(2, Db.SortedSetIntersectionLength(["z1", "z2"]));
        Assert.Equal(1, Db.SortedSetIntersectionLength(["z1", "z2"], 1));
        Assert.Equal(0, Db.SortedSetIntersectionLength(["z1", "missing"]));
        AssertError(ErrorMessages.LimitNegative, () => Db.SortedSetIntersectionLength(["z1"], -1));
        AssertError(ErrorMessages.ZAtLeastOneInputKey("zintercard"), () => Db.SortedSetIntersectionLength([], 1));
    }

    [ConformanceFact]
    public void Zpopmin_zpopmax_and_zmpop()
    {
        Seed("z");
        Assert.Equal((SortedSetEntry?)E("a", 1), Db.SortedSetPop("z"));
        Assert.Equal([("e", 5.0), ("d", 4.0)], Pairs(Db.SortedSetPop("z", 2, Order.Descending)));
        Assert.Empty(Db.SortedSetPop("z", 0L));
        Assert.Null(Db.SortedSetPop("missing"));
        AssertError(ErrorMessages.MustBePositive, () => Db.SortedSetPop("z", -1));

        var popped = Db.SortedSetPop(["missing", "z"], 10);
        Assert.NotNull(popped);
        Assert.Equal("z", (string?)popped.Key);
        Assert.Equal([("b", 2.0), ("c", 3.0)], Pairs(popped.Entries));
        Assert.False(Db.KeyExists("z"));
        Assert.Null(Db.SortedSetPop(["missing", "z"], 1, Order.Descending));
        AssertError(ErrorMessages.NumKeysNotPositive, () => Db.SortedSetPop([], 1));
        AssertError(ErrorMessages.CountNotPositive, () => Db.SortedSetPop(["z"], 0));
    }

    [ConformanceFact]
    public void Zrandmember_counts_and_limits()
    {
        Seed("z");
        Assert.Contains((string?)Db.SortedSetRandomMember("z"), new[] { "a", "b", "c", "d", "e" });
        Assert.True(Db.SortedSetRandomMember("missing").IsNull);
        Assert.Equal(3, Db.SortedSetRandomMembers("z", 3).Distinct().Count());
        Assert.Equal(["a", "b", "c", "d", "e"], Texts(Db.SortedSetRandomMembers("z", 10)).Order(StringComparer.Ordinal));
        Assert.Equal(8, Db.SortedSetRandomMembers("z", -8).Length);
        Assert.All(Db.SortedSetRandomMembersWithScores("z", -4), e => Assert.Equal(Db.SortedSetScore("z", e.Element), e.Score));
        Assert.Empty(Db.SortedSetRandomMembers("missing", 3));
        AssertError(ErrorMessages.ValueOutOfRange, () => Db.SortedSetRandomMembersWithScores("z", long.MaxValue));
        AssertError(ErrorMessages.RandomCountOutOfRange, () => Db.SortedSetRandomMembers("z", long.MinValue));
    }

    [ConformanceFact]
    public void Zscan_returns_small_sets_whole_and_large_ones_completely()
    {
        Seed("z");
        var page = Db.SortedSetScan("z", 0, "[a-c]", 1);
        Assert.Equal(0UL, page.Cursor);
        Assert.Equal([("a", 1.0), ("b", 2.0), ("c", 3.0)], Pairs([.. page.Items.OrderBy(e => e.Score)]));

        var entries = Enumerable.Range(0, 300).Select(i => E("m" + i, i)).ToArray();
        Db.SortedSetAdd("big", entries);
        var seen = new Dictionary<string, double>();
        ulong cursor = 0;
        do
        {
            var next = Db.SortedSetScan("big", cursor, count: 20);
            foreach (var item in next.Items)
            {
                seen[(string)item.Element!] = item.Score;
            }

            cursor = next.Cursor;
        }
        while (cursor != 0);

        Assert.Equal(300, seen.Count);
        Assert.Equal(299, seen["m299"]);
    }

    [ConformanceFact]
    public void Wrong_type_errors()
    {
        Db.StringSet("s", "x");
        AssertError(ErrorMessages.WrongType, () => Db.SortedSetAdd("s", "a", 1));
        AssertError(ErrorMessages.WrongType, () => Db.SortedSetScore("s", "a"));
        AssertError(ErrorMessages.WrongType, () => Db.SortedSetRangeByRank("s"));
        AssertError(ErrorMessages.WrongType, () => Db.SortedSetRank("s", "a"));
        AssertError(ErrorMessages.WrongType, () => Db.SortedSetPop("s"));
        AssertError(ErrorMessages.WrongType, () => Db.SortedSetScan("s", 0));
        AssertError(ErrorMessages.WrongType, () => Db.SortedSetRangeAndStore("s", "d", 0, -1));
        Db.SortedSetAdd("z", "a", 1);
        AssertError(ErrorMessages.WrongType, () => Db.StringGet("z"));
        Assert.Equal(RedisType.SortedSet, Db.KeyType("z"));
    }

    [ConformanceFact]
    public void Binary_members_round_trip()
    {
        byte[] member = [0x00, 0xFF, 0x0D, 0x0A, (byte)'m'];
        Db.SortedSetAdd("z", member, 1);
        Assert.Equal(member, (byte[]?)Db.SortedSetRangeByRank("z")[0]);
        Assert.Equal(1, Db.SortedSetScore("z", member));
        Assert.Equal(member, (byte[]?)Assert.Single(Db.SortedSetRangeByValue("z", new byte[] { 0x00 }, RedisValue.Null)));
        Assert.Empty(Db.SortedSetRangeByValue("z", new byte[] { 0x00, 0xFF, 0x0D, 0x0A, (byte)'m' }, RedisValue.Null, Exclude.Start));
    }

    // ------------------------------------------------------------------ blocking

    [ConformanceFact]
    public async Task Blocking_pops_of_a_non_empty_key_return_at_once()
    {
        Seed("bz");
        var min = await Db.SortedSetPopBlockingAsync(["none", "bz"], Order.Ascending, LongWait);
        Assert.Equal("bz", min!.Value.Key.ToString());
        Assert.Equal(("a", 1.0), ((string)min.Value.Entry.Element!, min.Value.Entry.Score));
        var max = await Db.SortedSetPopBlockingAsync(["bz"], Order.Descending, LongWait);
        Assert.Equal(("e", 5.0), ((string)max!.Value.Entry.Element!, max.Value.Entry.Score));
        var many = await Db.SortedSetPopBlockingAsync(["none", "bz"], 2, Order.Descending, LongWait);
        Assert.Equal("bz", many!.Key.ToString());
        Assert.Equal([("d", 4.0), ("c", 3.0)], Pairs(many.Entries));
        var rest = await Db.SortedSetPopBlockingAsync(["bz"], 10, Order.Ascending, LongWait);
        Assert.Equal([("b", 2.0)], Pairs(rest!.Entries));
        AssertMissing(Db, "bz");
    }

    [ConformanceFact]
    public async Task An_add_wakes_blocked_pops()
    {
        var blocked = Db.SortedSetPopBlockingAsync(["w1", "w2"], Order.Descending, LongWait);
        Db.SortedSetAdd("w2", [E("x", 1), E("y", 2)]);
        var result = await blocked.WaitAsync(LongWait);
        Assert.Equal("w2", result!.Value.Key.ToString());
        Assert.Equal(("y", 2.0), ((string)result.Value.Entry.Element!, result.Value.Entry.Score));

        var mpop = Db.SortedSetPopBlockingAsync(["m"], 5, Order.Ascending, LongWait);
        Db.SortedSetAdd("m", [E("p", 1.5), E("q", -2)]);
        var popped = await mpop.WaitAsync(LongWait);
        Assert.Equal([("q", -2.0), ("p", 1.5)], Pairs(popped!.Entries));
        AssertMissing(Db, "m");
    }

    [ConformanceFact]
    public async Task Blocking_pops_time_out_with_nil()
    {
        Assert.Null(await Db.SortedSetPopBlockingAsync(["empty"], Order.Ascending, TimeSpan.FromMilliseconds(50)));
        Assert.Null(await Db.SortedSetPopBlockingAsync(["empty"], 3, Order.Descending, TimeSpan.FromMilliseconds(50)));
    }

    [ConformanceFact]
    public async Task Blocking_pop_errors()
    {
        var negative = await Assert.ThrowsAnyAsync<RedisException>(() => Db.SortedSetPopBlockingAsync(["k"], Order.Ascending, TimeSpan.FromSeconds(-1)));
        Assert.Equal(ErrorMessages.TimeoutNegative, negative.Message);
        Db.StringSet("s", "v");
        var wrong = await Assert.ThrowsAnyAsync<RedisException>(() => Db.SortedSetPopBlockingAsync(["none", "s"], Order.Ascending, LongWait));
        Assert.Equal(ErrorMessages.WrongType, wrong.Message);
        wrong = await Assert.ThrowsAnyAsync<RedisException>(() => Db.SortedSetPopBlockingAsync(["s"], 1, Order.Ascending, LongWait));
        Assert.Equal(ErrorMessages.WrongType, wrong.Message);
        var arity = await Assert.ThrowsAnyAsync<RedisException>(() => Db.SortedSetPopBlockingAsync([], Order.Descending, LongWait));
        Assert.Equal(ErrorMessages.WrongArgumentCount("bzpopmax"), arity.Message);
        var numkeys = await Assert.ThrowsAnyAsync<RedisException>(() => Db.SortedSetPopBlockingAsync([], 1, Order.Ascending, LongWait));
        Assert.Equal(ErrorMessages.NumKeysNotPositive, numkeys.Message);
        var count = await Assert.ThrowsAnyAsync<RedisException>(() => Db.SortedSetPopBlockingAsync(["k"], 0, Order.Ascending, LongWait));
        Assert.Equal(ErrorMessages.CountNotPositive, count.Message);
    }

    [ConformanceFact]
    public async Task Cancelling_a_blocked_pop_ends_it()
    {
        using var cts = new CancellationTokenSource();
        var blocked = Db.SortedSetPopBlockingAsync(["never"], Order.Ascending, TimeSpan.Zero, cts.Token);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => blocked.WaitAsync(LongWait));
    }
}
