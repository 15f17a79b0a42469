using RedisLite.Tests.Infrastructure;

namespace RedisLite.Tests.Sets;

/// <summary>SSCAN: options, Redis's order of checks, and the guarantee under churn.</summary>
public sealed class SetScanTests : IDisposable
{
    private readonly TestStore _t = new();

    private DataStore Store => _t.Store;

    public void Dispose() => _t.Dispose();

    private List<RedisValue> ScanAll(RedisKey key, RedisValue pattern = default, int count = 10, Action? between = null)
    {
        var all = new List<RedisValue>();
        ulong cursor = 0;
        var pages = 0;
        do
        {
            var page = Store.SetScan(key, cursor, pattern, count);
            all.AddRange(page.Items);
            cursor = page.Cursor;
            between?.Invoke();
            Assert.True(++pages < 100_000, "SSCAN did not terminate");
        }
        while (cursor != 0);

        return all;
    }

    [Fact]
    public void An_intset_is_returned_whole_with_cursor_zero_whatever_the_cursor()
    {
        Store.SetAdd("sc:ints", ["3", "1", "2", "10"]);
        foreach (var cursor in new ulong[] { 0, 5, ulong.MaxValue })
        {
            var page = Store.SetScan("sc:ints", cursor, count: 1);
            Assert.Equal(0UL, page.Cursor);
            SetAssert.Members(["1", "10", "2", "3"], page.Items);
        }

        SetAssert.Members(["1", "10"], Store.SetScan("sc:ints", 0, "1*").Items);
    }

    [Fact]
    public void A_missing_key_replies_an_empty_page_before_the_count_is_checked()
    {
        var page = Store.SetScan("sc:missing", 17, count: 0);
        Assert.Equal(0UL, page.Cursor);
        Assert.Empty(page.Items);

        Store.SetAdd("sc:one", "x");
        RedisAssert.Throws(ErrorMessages.Syntax, () => Store.SetScan("sc:one", 0, count: 0));
        RedisAssert.Throws(ErrorMessages.Syntax, () => Store.SetScan("sc:one", 0, count: -3));
    }

    [Fact]
    public void A_table_is_walked_in_pages_and_match_filters()
    {
        var members = Enumerable.Range(0, 1000).Select(i => "m" + i).ToArray();
        Store.SetAdd("sc:big", members.Select(m => (RedisValue)m).ToArray());

        var first = Store.SetScan("sc:big", 0, count: 10);
        Assert.NotEqual(0UL, first.Cursor);
        Assert.InRange(first.Items.Count, 1, 100);

        SetAssert.Members(members, ScanAll("sc:big").Distinct());
        SetAssert.Members(members.Where(m => m.StartsWith("m1", StringComparison.Ordinal)), ScanAll("sc:big", "m1*", 50).Distinct());
        SetAssert.Members(members, ScanAll("sc:big", "*", 1000));
        Assert.Empty(ScanAll("sc:big", "nothing*"));
    }

    [Fact]
    public void Every_member_present_throughout_is_returned_while_the_set_grows_and_shrinks()
    {
        var stable = Enumerable.Range(0, 300).Select(i => "stable" + i).ToArray();
        Store.SetAdd("sc:churn", stable.Select(m => (RedisValue)m).ToArray());
        var step = 0;

        // Grow to thousands (several doublings), then drain the extras (several halvings), all between scan calls.
        void Churn()
        {
            step++;
            if (step < 40)
            {
                Store.SetAdd("sc:churn", Enumerable.Range(0, 200).Select(i => (RedisValue)$"extra{step}:{i}").ToArray());
            }
            else
            {
                Store.SetRemove("sc:churn", Enumerable.Range(0, 200).Select(i => (RedisValue)$"extra{step - 39}:{i}").ToArray());
            }
        }

        var seen = ScanAll("sc:churn", count: 5, between: Churn).Select(m => m.ToString()!).ToHashSet(StringComparer.Ordinal);
        Assert.All(stable, m => Assert.Contains(m, seen));
        Assert.True(step > 40, $"the scan took only {step} calls");
    }
}
