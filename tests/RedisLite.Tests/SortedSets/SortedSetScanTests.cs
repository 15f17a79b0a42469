using RedisLite.Tests.Infrastructure;

namespace RedisLite.Tests.SortedSets;

public sealed class SortedSetScanTests : IDisposable
{
    private readonly TestStore _t = new();

    private DataStore Store => _t.Store;

    public void Dispose() => _t.Dispose();

    [Fact]
    public void A_compact_set_is_returned_whole_with_cursor_zero()
    {
        Store.SortedSetAdd("scan:small", [new("a", 1), new("b", 2), new("ab", 3)]);
        var page = Store.SortedSetScan("scan:small", 0, "a*", 1);
        Assert.Equal(0UL, page.Cursor);
        Assert.Equal(["a", "ab"], page.Items.Select(e => (string)e.Element!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_member_present_throughout_is_returned_even_while_the_table_grows_and_shrinks()
    {
        var random = new Random(7);
        Store.SortedSetAdd("scan:churn", Enumerable.Range(0, 1000).Select(i => new SortedSetEntry("stay" + i, i)).ToArray());
        var seen = new HashSet<string>(StringComparer.Ordinal);
        ulong cursor = 0;
        var step = 0;
        do
        {
            var page = Store.SortedSetScan("scan:churn", cursor, count: 25);
            foreach (var item in page.Items)
            {
                seen.Add((string)item.Element!);
                Assert.Equal(Store.SortedSetScore("scan:churn", item.Element), item.Score);
            }

            cursor = page.Cursor;

            // Churn: grow the table a lot, then shrink it back, between pages.
            var temporary = Enumerable.Range(0, 3000).Select(i => (RedisValue)$"tmp{step}:{i}").ToArray();
            if (step++ % 2 == 0)
            {
                Store.SortedSetAdd("scan:churn", temporary.Select(m => new SortedSetEntry(m, random.Next(100))).ToArray());
            }
            else
            {
                Store.SortedSetRemove("scan:churn", Enumerable.Range(0, 3000).Select(i => (RedisValue)$"tmp{step - 2}:{i}").ToArray());
            }
        }
        while (cursor != 0);

        Assert.All(Enumerable.Range(0, 1000), i => Assert.Contains("stay" + i, seen));
    }

    [Fact]
    public void Missing_key_scans_empty_and_count_is_validated_on_existing_keys()
    {
        Assert.Empty(Store.SortedSetScan("scan:none", 0, count: 0).Items);
        Store.SortedSetAdd("scan:one", "a", 1);
        RedisAssert.Throws(ErrorMessages.Syntax, () => Store.SortedSetScan("scan:one", 0, count: 0));
        Store.StringSet("scan:str", "x");
        Assert.Throws<RedisWrongTypeException>(() => Store.SortedSetScan("scan:str", 0, count: 0));
    }
}
