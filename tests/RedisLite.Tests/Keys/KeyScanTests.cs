using System.Globalization;
using RedisLite.Tests.Infrastructure;

namespace RedisLite.Tests.Keys;

public sealed class KeyScanTests : IDisposable
{
    private static readonly string[] PatternKeys =
    [
        "p:hello", "p:hallo", "p:hxllo", "p:hllo", "p:heeeello", "p:*star", "p:?q",
        "p:a", "p:b", "p:z", "p:A", "p:[x", "p:x", "p:-",
    ];

    private readonly TestStore _t = new();

    private DataStore Store => _t.Store;

    public void Dispose() => _t.Dispose();

    private void SeedPatternKeys()
    {
        foreach (var k in PatternKeys)
        {
            Store.StringSet(k, "1");
        }

        Store.StringSet("other", "1");
    }

    private static string[] Sorted(IEnumerable<RedisKey> keys) =>
        keys.Select(k => k.ToString()!).OrderBy(s => s, StringComparer.Ordinal).ToArray();

    private static string[] Sorted(params string[] keys) => keys.OrderBy(s => s, StringComparer.Ordinal).ToArray();

    private List<RedisKey> ScanAll(RedisValue pattern = default, int count = 10, RedisType? type = null, IDataStore? db = null)
    {
        db ??= Store;
        var all = new List<RedisKey>();
        ulong cursor = 0;
        var pages = 0;
        do
        {
            var page = db.KeyScan(cursor, pattern, count, type);
            all.AddRange(page.Keys);
            cursor = page.Cursor;
            Assert.True(++pages < 1_000_000, "SCAN did not terminate");
        }
        while (cursor != 0);

        return all;
    }

    // Results checked against redis-server 7.0 with the same keys.
    [Theory]
    [InlineData("p:h?llo", new[] { "p:hallo", "p:hello", "p:hxllo" })]
    [InlineData("p:h*llo", new[] { "p:hallo", "p:hello", "p:heeeello", "p:hxllo", "p:hllo" })]
    [InlineData("p:h[ae]llo", new[] { "p:hallo", "p:hello" })]
    [InlineData("p:h[^e]llo", new[] { "p:hallo", "p:hxllo" })]
    [InlineData("p:[a-z]", new[] { "p:a", "p:b", "p:x", "p:z" })]
    [InlineData("p:[z-a]", new[] { "p:a", "p:b", "p:x", "p:z" })]
    [InlineData("p:[A-Z]", new[] { "p:A" })]
    [InlineData("p:[^x]", new[] { "p:-", "p:A", "p:a", "p:b", "p:z" })]
    [InlineData(@"p:\*star", new[] { "p:*star" })]
    [InlineData(@"p:\?q", new[] { "p:?q" })]
    [InlineData(@"p:\[x", new[] { "p:[x" })]
    [InlineData(@"p:[a\-z]", new[] { "p:-", "p:a", "p:z" })]
    [InlineData("P:*", new string[0])]
    [InlineData("p:hello", new[] { "p:hello" })]
    [InlineData("*star", new[] { "p:*star" })]
    public void Keys_glob_patterns(string pattern, string[] expected)
    {
        SeedPatternKeys();
        Assert.Equal(Sorted(expected), Sorted(Store.Keys(pattern)));
        Assert.Equal(Sorted(expected), Sorted(ScanAll(pattern).Distinct()));
    }

    [Fact]
    public void Keys_star_and_null_pattern_return_everything()
    {
        SeedPatternKeys();
        var everything = Sorted([.. PatternKeys, "other"]);
        Assert.Equal(everything, Sorted(Store.Keys()));
        Assert.Equal(everything, Sorted(Store.Keys("*")));
        Assert.Equal(everything, Sorted(Store.Keys(RedisValue.Null)));
        Assert.Equal(everything, Sorted(ScanAll().Distinct()));
        Assert.Equal(everything, Sorted(ScanAll("*").Distinct()));
    }

    [Fact]
    public void Empty_key_matches_only_the_lone_star()
    {
        // Redis 7.0.15: with keys "" and "a", KEYS * -> both, KEYS ** -> a, KEYS *? -> a.
        Store.StringSet("", "empty");
        Store.StringSet("a", "1");
        Assert.Equal(["", "a"], Sorted(Store.Keys("*")));
        Assert.Equal(["a"], Sorted(Store.Keys("**")));
        Assert.Equal(["a"], Sorted(Store.Keys("*?")));
        Assert.Equal(["a"], Sorted(ScanAll("**").Distinct()));
    }

    [Fact]
    public void Keys_and_scan_on_empty_database()
    {
        Assert.Empty(Store.Keys());
        var page = Store.KeyScan(0);
        Assert.Equal(0UL, page.Cursor);
        Assert.Empty(page.Keys);
    }

    [Fact]
    public void Keys_skips_expired_keys()
    {
        Store.StringSet("kx:live", "1");
        Store.StringSet("kx:dead", "1", Expiration.InMilliseconds(10));
        _t.Advance(11);
        Assert.Equal(["kx:live"], Sorted(Store.Keys("kx:*")));
        Assert.Equal(["kx:live"], Sorted(ScanAll("kx:*").Distinct()));
    }

    [Fact]
    public void Keys_matches_binary_keys()
    {
        Store.StringSet(new byte[] { (byte)'b', 0, 255 }, "1");
        var keys = Store.Keys("b*");
        Assert.Single(keys);
        Assert.Equal(new byte[] { (byte)'b', 0, 255 }, keys[0].ToArray());
        Assert.Single(Store.Keys(new byte[] { (byte)'b', (byte)'?', 255 }));
    }

    [Fact]
    public void Scan_returns_every_key_and_respects_count_roughly()
    {
        for (var i = 0; i < 1000; i++)
        {
            Store.StringSet("scan:all:" + i.ToString(CultureInfo.InvariantCulture), i);
        }

        var seen = ScanAll(count: 10);
        Assert.Equal(1000, seen.Select(k => k.ToString()).Distinct().Count());

        var big = Store.KeyScan(0, count: 1000);
        var small = Store.KeyScan(0, count: 1);
        Assert.True(big.Keys.Count > small.Keys.Count, $"COUNT 1000 gave {big.Keys.Count} keys, COUNT 1 gave {small.Keys.Count}");
        Assert.True(small.Keys.Count < 100, $"COUNT 1 returned {small.Keys.Count} keys in one page");
        Assert.Equal(1000, ScanAll(count: 5000).Select(k => k.ToString()).Distinct().Count());
    }

    [Fact]
    public void Scan_with_match_filters_after_iterating()
    {
        for (var i = 0; i < 300; i++)
        {
            Store.StringSet("scan:m:" + i.ToString(CultureInfo.InvariantCulture), i);
        }

        var matched = ScanAll("scan:m:1?").Select(k => k.ToString()).Distinct().OrderBy(s => s, StringComparer.Ordinal).ToArray();
        Assert.Equal(Enumerable.Range(10, 10).Select(i => "scan:m:" + i.ToString(CultureInfo.InvariantCulture)).ToArray(), matched);
    }

    [Fact]
    public void Scan_type_filter()
    {
        Store.StringSet("scan:t:a", "1");
        Store.StringSet("scan:t:b", "2");
        Assert.Equal(["scan:t:a", "scan:t:b"], Sorted(ScanAll(type: RedisType.String).Distinct()));
        Assert.Empty(ScanAll(type: RedisType.List));
        Assert.Empty(ScanAll(type: RedisType.Hash));
        Assert.Equal(["scan:t:b"], Sorted(ScanAll("*b", type: RedisType.String).Distinct()));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Scan_count_must_be_positive(int count)
    {
        Store.StringSet("scan:count", "1");
        RedisAssert.Throws("ERR syntax error", () => Store.KeyScan(0, count: count));
    }

    [Fact]
    public void Scan_is_per_database()
    {
        Store.StringSet("scan:db0", "1");
        _t.Db(7).StringSet("scan:db7", "1");
        Assert.Equal(["scan:db0"], Sorted(ScanAll()));
        Assert.Equal(["scan:db7"], Sorted(ScanAll(db: _t.Db(7))));
        Assert.Equal(["scan:db7"], Sorted(_t.Db(7).Keys()));
    }

    [Theory]
    [InlineData(1, 10)]
    [InlineData(7, 10)]
    [InlineData(42, 3)]
    [InlineData(99, 1)]
    public void Scan_returns_every_key_present_for_the_whole_iteration_despite_resizing(int seed, int count)
    {
        var random = new Random(seed);
        const int Stable = 400;
        var stable = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Stable; i++)
        {
            var key = "stable:" + i.ToString(CultureInfo.InvariantCulture);
            stable.Add(key);
            Store.StringSet(key, i);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var churn = new List<string>();
        var nextChurn = 0;
        ulong cursor = 0;
        var pages = 0;
        var maxSize = 0L;
        var minSizeAfterGrowth = long.MaxValue;
        do
        {
            var page = Store.KeyScan(cursor, count: count);
            foreach (var k in page.Keys)
            {
                seen.Add(k.ToString()!);
            }

            cursor = page.Cursor;
            pages++;

            // Between pages, make the table grow a lot and shrink again, in cycles of 20 pages, with other keys only.
            var phase = pages % 20;
            if (phase is >= 1 and <= 8)
            {
                var add = random.Next(400, 600);
                for (var i = 0; i < add; i++)
                {
                    var key = "churn:" + (nextChurn++).ToString(CultureInfo.InvariantCulture);
                    churn.Add(key);
                    Store.StringSet(key, "x");
                }
            }
            else if (churn.Count > 0)
            {
                var remove = Math.Min(churn.Count, random.Next(700, 1300));
                for (var i = 0; i < remove; i++)
                {
                    var index = random.Next(churn.Count);
                    Assert.True(Store.KeyDelete(churn[index]));
                    churn[index] = churn[^1];
                    churn.RemoveAt(churn.Count - 1);
                }
            }

            var size = Store.DatabaseSize();
            maxSize = Math.Max(maxSize, size);
            if (maxSize > 3000)
            {
                minSizeAfterGrowth = Math.Min(minSizeAfterGrowth, size);
            }

            Assert.True(pages < 1_000_000, "SCAN did not terminate");
        }
        while (cursor != 0);

        var missing = stable.Where(k => !seen.Contains(k)).ToList();
        Assert.True(missing.Count == 0, $"SCAN missed {missing.Count} stable keys, e.g. {string.Join(", ", missing.Take(5))} (pages {pages}, max size {maxSize})");
        Assert.True(maxSize > 3000, $"the test did not grow the table enough (max size {maxSize})");
        Assert.True(minSizeAfterGrowth < 1000, $"the test did not shrink the table (min size after growth {minSizeAfterGrowth})");
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(12345UL)]
    [InlineData(1UL << 40)]
    [InlineData(ulong.MaxValue)]
    public void Scan_with_an_arbitrary_cursor_terminates(ulong start)
    {
        // Redis accepts any number as a cursor; it just continues from wherever that lands.
        for (var i = 0; i < 100; i++)
        {
            Store.StringSet("arbitrary:" + i.ToString(CultureInfo.InvariantCulture), i);
        }

        var cursor = start;
        var pages = 0;
        do
        {
            var page = Store.KeyScan(cursor, count: 7);
            Assert.All(page.Keys, k => Assert.StartsWith("arbitrary:", k.ToString(), StringComparison.Ordinal));
            cursor = page.Cursor;
            Assert.True(++pages < 100_000, "SCAN did not terminate");
        }
        while (cursor != 0);
    }

    [Fact]
    public void Scan_survives_flush_and_refill_between_pages()
    {
        for (var i = 0; i < 200; i++)
        {
            Store.StringSet("refill:" + i.ToString(CultureInfo.InvariantCulture), i);
        }

        var page = Store.KeyScan(0, count: 5);
        Store.FlushDatabase();
        Store.StringSet("refill:after", "1");
        var cursor = page.Cursor;
        var pages = 0;
        while (cursor != 0)
        {
            cursor = Store.KeyScan(cursor, count: 5).Cursor;
            Assert.True(++pages < 100_000);
        }
    }
}
