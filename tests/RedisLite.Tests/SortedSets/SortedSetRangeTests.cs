using RedisLite.Tests.Infrastructure;

namespace RedisLite.Tests.SortedSets;

/// <summary>Ranges, counts and removals give the same answers in both encodings (checked against a LINQ reference).</summary>
public sealed class SortedSetRangeTests : IDisposable
{
    private readonly TestStore _t = new();

    private DataStore Store => _t.Store;

    public void Dispose() => _t.Dispose();

    /// <summary>Fills a key with n members m000.. whose scores repeat every 10, and returns the reference order.</summary>
    private List<SortedSetEntry> Fill(RedisKey key, int n)
    {
        var entries = Enumerable.Range(0, n).Select(i => new SortedSetEntry("m" + i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture), i % 10)).ToArray();
        Store.SortedSetAdd(key, entries);
        return [.. entries.OrderBy(e => e.Score).ThenBy(e => (string)e.Element!, StringComparer.Ordinal)];
    }

    public static TheoryData<int> Sizes => new() { 20, 128, 129, 500 };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Rank_with_score_gives_both_in_either_order(int n)
    {
        var reference = Fill("r:withscore", n);
        for (var i = 0; i < n; i += 7)
        {
            var entry = reference[i];
            Assert.Equal((i, entry.Score), Store.SortedSetRankWithScore("r:withscore", entry.Element));
            Assert.Equal((n - 1 - i, entry.Score), Store.SortedSetRankWithScore("r:withscore", entry.Element, Order.Descending));
            Assert.Equal(i, Store.SortedSetRank("r:withscore", entry.Element));
        }

        Assert.Null(Store.SortedSetRankWithScore("r:withscore", "absent"));
        Assert.Null(Store.SortedSetRankWithScore("r:missing", "m000", Order.Descending));
        Store.StringSet("r:string", "v");
        Assert.Throws<RedisWrongTypeException>(() => Store.SortedSetRankWithScore("r:string", "m000"));
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Rank_ranges_match_the_reference(int n)
    {
        var reference = Fill("r:rank", n);
        foreach (var (start, stop) in new[] { (0L, -1L), (5L, 9L), (-10L, -1L), (n - 3L, n + 10L), (3L, 2L), (-1000L, 2L) })
        {
            var s = start < 0 ? Math.Max(0, n + start) : start;
            var e = Math.Min(n - 1, stop < 0 ? n + stop : stop);
            var expected = s > e ? [] : reference.Skip((int)s).Take((int)(e - s + 1)).ToList();
            Assert.Equal(expected, Store.SortedSetRangeByRankWithScores("r:rank", start, stop));
            expected.Reverse();
            var reversed = reference.AsEnumerable().Reverse().ToList();
            var expectedRev = s > e ? [] : reversed.Skip((int)s).Take((int)(e - s + 1)).ToList();
            Assert.Equal(expectedRev, Store.SortedSetRangeByRankWithScores("r:rank", start, stop, Order.Descending));
        }

        for (var i = 0; i < n; i += 37)
        {
            Assert.Equal(i, Store.SortedSetRank("r:rank", reference[i].Element));
            Assert.Equal(n - 1 - i, Store.SortedSetRank("r:rank", reference[i].Element, Order.Descending));
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Score_ranges_counts_and_limits_match_the_reference(int n)
    {
        var reference = Fill("r:score", n);
        foreach (var exclude in new[] { Exclude.None, Exclude.Start, Exclude.Stop, Exclude.Both })
        {
            var inRange = reference.Where(e => ((exclude & Exclude.Start) != 0 ? e.Score > 2 : e.Score >= 2) && ((exclude & Exclude.Stop) != 0 ? e.Score < 6 : e.Score <= 6)).ToList();
            Assert.Equal(inRange.Count, Store.SortedSetLength("r:score", 2, 6, exclude));
            Assert.Equal(inRange, Store.SortedSetRangeByScoreWithScores("r:score", 2, 6, exclude));
            Assert.Equal(inRange.Skip(3).Take(4), Store.SortedSetRangeByScoreWithScores("r:score", 2, 6, exclude, skip: 3, take: 4));
            inRange.Reverse();
            Assert.Equal(inRange.Skip(1).Take(5), Store.SortedSetRangeByScoreWithScores("r:score", 2, 6, exclude, Order.Descending, 1, 5));
        }

        Assert.Empty(Store.SortedSetRangeByScore("r:score", 7, 3));
        Assert.Equal(n, Store.SortedSetLength("r:score", double.NegativeInfinity, double.PositiveInfinity, Exclude.Both));
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Lex_ranges_on_equal_scores_match_the_reference(int n)
    {
        var members = Enumerable.Range(0, n).Select(i => "m" + i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Store.SortedSetAdd("r:lex", members.Select(m => new SortedSetEntry(m, 0)).ToArray());
        var expected = members.Where(m => string.CompareOrdinal(m, "m005") > 0 && string.CompareOrdinal(m, "m019") <= 0).ToList();
        Assert.Equal(expected.Count, Store.SortedSetLengthByValue("r:lex", "m005", "m019", Exclude.Start));
        Assert.Equal(expected, Store.SortedSetRangeByValue("r:lex", "m005", "m019", Exclude.Start).Select(v => (string)v!));
        Assert.Equal(expected.Skip(2).Take(3), Store.SortedSetRangeByValue("r:lex", "m005", "m019", Exclude.Start, skip: 2, take: 3).Select(v => (string)v!));
        expected.Reverse();
        Assert.Equal(expected, Store.SortedSetRangeByValue("r:lex", "m005", "m019", Exclude.Start, Order.Descending).Select(v => (string)v!));
        Assert.Equal(n, Store.SortedSetLengthByValue("r:lex"));
        Assert.Equal(0, Store.SortedSetLengthByValue("r:lex", "z", RedisValue.Null));

        Assert.Equal(expected.Count, Store.SortedSetRemoveRangeByValue("r:lex", "m005", "m019", Exclude.Start));
        Assert.Equal(n - expected.Count, Store.SortedSetLength("r:lex"));
        Assert.Empty(Store.SortedSetRangeByValue("r:lex", "m006", "m019"));
        Store.InspectSortedSet("r:lex", z => { SortedSetInvariants.Check(z); return 0; });
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Removing_ranges_matches_the_reference_and_deletes_an_emptied_key(int n)
    {
        var reference = Fill("r:rem", n);
        var removed = reference.Count(e => e.Score is >= 3 and < 5);
        Assert.Equal(removed, Store.SortedSetRemoveRangeByScore("r:rem", 3, 5, Exclude.Stop));
        reference.RemoveAll(e => e.Score is >= 3 and < 5);
        Assert.Equal(3, Store.SortedSetRemoveRangeByRank("r:rem", 1, 3));
        reference.RemoveRange(1, 3);
        Assert.Equal(reference, Store.SortedSetRangeByRankWithScores("r:rem"));
        Store.InspectSortedSet("r:rem", z => { SortedSetInvariants.Check(z); return 0; });

        Assert.Equal(reference.Count, Store.SortedSetRemoveRangeByRank("r:rem", 0, -1));
        Assert.False(Store.KeyExists("r:rem"));
    }

    [Fact]
    public void Lex_ranges_over_mixed_scores_in_a_small_set_scan_like_redis_listpack()
    {
        // Members out of lex order (scores differ): Redis's listpack walk starts at the first member at or above min
        // and stops at the first member above max.
        Store.SortedSetAdd("r:mixed", [new("c", 1), new("a", 2), new("d", 3), new("b", 4)]);
        // (Replies taken from redis-server 7.0.15.)
        Assert.Equal(["c", "a"], Store.SortedSetRangeByValue("r:mixed", "b", "c").Select(v => (string)v!));
        Assert.Equal(["b", "d", "a", "c"], Store.SortedSetRangeByValue("r:mixed", "a", "d", order: Order.Descending).Select(v => (string)v!));
        Assert.Equal(2, Store.SortedSetLengthByValue("r:mixed", "b", "c"));
    }
}
