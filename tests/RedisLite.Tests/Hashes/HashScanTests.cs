using System.Globalization;
using RedisLite.Collections;
using RedisLite.Tests.Infrastructure;
using static RedisLite.Tests.Hashes.HashTestData;

namespace RedisLite.Tests.Hashes;

public sealed class HashScanTests : IDisposable
{
    private readonly TestStore _t = new();

    private DataStore Store => _t.Store;

    public void Dispose() => _t.Dispose();

    [Fact]
    public void A_compact_hash_is_returned_whole_in_one_page_whatever_the_cursor_and_count()
    {
        Store.HashSet("hsc:small", Entries(HashValue.MaxCompactEntries));
        foreach (var cursor in new ulong[] { 0, 1, 12345, ulong.MaxValue })
        {
            var page = Store.HashScan("hsc:small", cursor, count: 1);
            Assert.Equal(0UL, page.Cursor);
            Assert.Equal(Render(Entries(HashValue.MaxCompactEntries)), Render(page.Items));
        }
    }

    [Fact]
    public void Match_filters_fields_after_gathering()
    {
        Store.HashSet("hsc:m", [new("apple", "1"), new("banana", "2"), new("avocado", "3"), new("a", "4")]);
        Assert.Equal(["apple=1", "avocado=3"], Render(Store.HashScan("hsc:m", 0, "a?*o*").Items.Concat(Store.HashScan("hsc:m", 0, "ap*").Items).Distinct().OrderBy(e => e.Name.ToString(), StringComparer.Ordinal)));
        Assert.Equal(4, Store.HashScan("hsc:m", 0, "*").Items.Count);
        Assert.Empty(Store.HashScan("hsc:m", 0, "z*").Items);

        Store.HashSet("hsc:big", Entries(2000));
        var all = ScanAll("hsc:big", "f1*", 7);
        Assert.Equal(Enumerable.Range(0, 2000).Where(i => i.ToString(CultureInfo.InvariantCulture).StartsWith('1')).Select(i => $"f{i}=v{i}").Order(StringComparer.Ordinal), all.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Count_must_be_positive_once_the_key_is_known_to_be_a_hash()
    {
        Store.HashSet("hsc:c", "f", "v");
        RedisAssert.Throws(ErrorMessages.Syntax, () => Store.HashScan("hsc:c", 0, count: 0));
        var missing = Store.HashScan("hsc:missing", 5, count: 0);
        Assert.Equal(0UL, missing.Cursor);
        Assert.Empty(missing.Items);
        Store.StringSet("hsc:str", "x");
        RedisAssert.Throws(ErrorMessages.WrongType, () => Store.HashScan("hsc:str", 0, count: 0));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(100)]
    public void A_table_hash_scans_in_pages_of_about_count_and_covers_everything(int count)
    {
        Store.HashSet("hsc:t", Entries(3000));
        var pages = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        ulong cursor = 0;
        do
        {
            var page = Store.HashScan("hsc:t", cursor, count: count);
            Assert.True(page.Items.Count <= Math.Max(count, 2) + 16, $"page of {page.Items.Count} for COUNT {count}");
            seen.UnionWith(Render(page.Items));
            cursor = page.Cursor;
            pages++;
        }
        while (cursor != 0);

        Assert.Equal(3000, seen.Count);
        Assert.True(pages > 1);
    }

    [Theory]
    [InlineData(1, 10)]
    [InlineData(7, 10)]
    [InlineData(42, 3)]
    [InlineData(99, 1)]
    public void Hscan_returns_every_field_present_for_the_whole_iteration_despite_churn_and_resizing(int seed, int count)
    {
        var random = new Random(seed);
        const int Stable = 600;
        var stable = Entries(Stable, "stable:");
        Store.HashSet("hsc:churn", stable);

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var churn = new List<string>();
        var nextChurn = 0;
        ulong cursor = 0;
        var pages = 0;
        var maxSize = 0L;
        var minSizeAfterGrowth = long.MaxValue;
        do
        {
            var page = Store.HashScan("hsc:churn", cursor, count: count);
            seen.UnionWith(Render(page.Items));
            cursor = page.Cursor;
            pages++;

            // Between pages, make the table grow a lot and shrink again, in cycles of 20 pages, with other fields only.
            var phase = pages % 20;
            if (phase is >= 1 and <= 8)
            {
                var add = random.Next(400, 600);
                var batch = new HashEntry[add];
                for (var i = 0; i < add; i++)
                {
                    var field = "churn:" + (nextChurn++).ToString(CultureInfo.InvariantCulture);
                    churn.Add(field);
                    batch[i] = new HashEntry(field, "x");
                }

                Assert.Equal(add, Store.HashSet("hsc:churn", batch));
            }
            else if (churn.Count > 0)
            {
                var remove = Math.Min(churn.Count, random.Next(700, 1300));
                for (var i = 0; i < remove; i++)
                {
                    var index = random.Next(churn.Count);
                    Assert.True(Store.HashDelete("hsc:churn", churn[index]));
                    churn[index] = churn[^1];
                    churn.RemoveAt(churn.Count - 1);
                }
            }

            var size = Store.HashLength("hsc:churn");
            maxSize = Math.Max(maxSize, size);
            if (maxSize > 3000)
            {
                minSizeAfterGrowth = Math.Min(minSizeAfterGrowth, size);
            }

            Assert.True(pages < 1_000_000, "HSCAN did not terminate");
        }
        while (cursor != 0);

        var missing = Render(stable).Where(e => !seen.Contains(e)).ToList();
        Assert.True(missing.Count == 0, $"HSCAN missed {missing.Count} stable fields, e.g. {string.Join(", ", missing.Take(5))} (pages {pages}, max size {maxSize})");
        Assert.True(maxSize > 3000, $"the test did not grow the table enough (max size {maxSize})");
        Assert.True(minSizeAfterGrowth < 1000, $"the test did not shrink the table (min size after growth {minSizeAfterGrowth})");
    }

    [Fact]
    public async Task Hscan_under_a_concurrent_writer_sees_every_stable_field_with_a_value_it_held()
    {
        // Stable fields keep existing (their values change between two known texts); churn fields come and go in bulk,
        // so the table grows and shrinks while the scans run on another thread.
        const int Stable = 600;
        Store.HashSet("hsc:conc", Entries(Stable, "stable:"));
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(() =>
        {
            var random = new Random(5);
            var round = 0;
            while (!stop.IsCancellationRequested)
            {
                var batch = Enumerable.Range(0, 800).Select(i => new HashEntry($"churn:{round}:{i}", "x")).ToArray();
                Store.HashSet("hsc:conc", batch);
                Store.HashSet("hsc:conc", $"stable:{random.Next(Stable)}", $"w{round}");
                Store.HashDelete("hsc:conc", batch.Select(e => e.Name).ToArray());
                round++;
            }
        });

        try
        {
            for (var scan = 0; scan < 40; scan++)
            {
                var seen = new HashSet<string>(StringComparer.Ordinal);
                ulong cursor = 0;
                do
                {
                    var page = Store.HashScan("hsc:conc", cursor, count: 50);
                    foreach (var entry in page.Items)
                    {
                        var name = entry.Name.ToString()!;
                        var value = entry.Value.ToString()!;
                        Assert.True(value == "x" || value.StartsWith('v') || value.StartsWith('w'), $"unexpected value {value} of {name}");
                        seen.Add(name);
                    }

                    cursor = page.Cursor;
                }
                while (cursor != 0);

                var missing = Enumerable.Range(0, Stable).Select(i => $"stable:{i}").Where(f => !seen.Contains(f)).ToList();
                Assert.True(missing.Count == 0, $"scan {scan} missed {missing.Count} stable fields, e.g. {string.Join(", ", missing.Take(5))}");
            }
        }
        finally
        {
            await stop.CancelAsync();
            await writer;
        }

        Assert.Equal(Stable, Store.HashLength("hsc:conc"));
    }

    private List<string> ScanAll(RedisKey key, RedisValue pattern, int count)
    {
        var all = new HashSet<string>(StringComparer.Ordinal);
        ulong cursor = 0;
        do
        {
            var page = Store.HashScan(key, cursor, pattern, count);
            all.UnionWith(Render(page.Items));
            cursor = page.Cursor;
        }
        while (cursor != 0);

        return [.. all];
    }
}
