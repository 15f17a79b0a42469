using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RedisLite.Tests.Infrastructure;

namespace RedisLite.Tests.Eviction;

/// <summary>
/// Memory accounting across the paths the property test does not drive (blocked callers served by a push, BLMOVE
/// chains, LFU decay turning hot keys cold), and the eviction options bound from configuration.
/// </summary>
public sealed class EvictionIntegrationTests
{
    [Fact]
    public async Task Blocked_callers_served_by_a_push_keep_the_totals_exact()
    {
        using var t = new TestStore();
        var pop = t.Store.ListLeftPopBlockingAsync(["q"], TimeSpan.FromHours(1));
        var move = t.Store.ListMoveBlockingAsync("src", "dst", ListSide.Left, ListSide.Right, TimeSpan.FromHours(1));
        Assert.False(pop.IsCompleted);
        Assert.False(move.IsCompleted);

        t.Store.ListRightPush("q", ["a", "b", "c"]);
        t.Store.ListRightPush("src", [new string('x', 500), "y"]);

        Assert.Equal("a", (await pop)!.Value.Value.ToString());
        Assert.Equal(new string('x', 500), (await move).ToString());
        Assert.Equal(2, t.Store.ListLength("q"));
        Assert.Equal(1, t.Store.ListLength("src"));
        Assert.Equal(1, t.Store.ListLength("dst"));
        Assert.Empty(t.Store.VerifyMemoryAccounting());
        Assert.Equal(
            t.Store.KeyMemoryUsage("q") + t.Store.KeyMemoryUsage("src") + t.Store.KeyMemoryUsage("dst"),
            t.Store.UsedMemory);
    }

    [Fact]
    public void Lfu_counters_decay_so_formerly_hot_keys_are_evicted_before_recently_hot_ones()
    {
        long perKey;
        using (var probe = new TestStore())
        {
            probe.Store.StringSet("old0", "v");
            perKey = probe.Store.UsedMemory;
        }

        using var t = new TestStore(o =>
        {
            o.MaxMemory = perKey * 200;
            o.MaxMemoryPolicy = MaxMemoryPolicy.AllKeysLfu;
        });

        // "old" keys were very hot long ago; "new" keys are moderately hot now.
        for (var i = 0; i < 100; i++)
        {
            t.Store.StringSet($"old{i}", "v");
            for (var hit = 0; hit < 20; hit++)
            {
                t.Store.StringGet($"old{i}");
            }
        }

        t.Advance(30 * 60_000);
        for (var i = 0; i < 100; i++)
        {
            t.Store.StringSet($"new{i}", "v");
            t.Store.StringGet($"new{i}");
            t.Store.StringGet($"new{i}");
        }

        Assert.True(t.Store.KeyFrequency("old0") < t.Store.KeyFrequency("new0"));
        for (var i = 0; i < 60; i++)
        {
            t.Store.StringSet($"x{i}", "v");
        }

        var oldGone = Enumerable.Range(0, 100).Count(i => !t.Store.KeyExists($"old{i}"));
        var newGone = Enumerable.Range(0, 100).Count(i => !t.Store.KeyExists($"new{i}"));
        Assert.True(oldGone >= 30, $"old evicted {oldGone}, new evicted {newGone}");
        Assert.True(newGone <= oldGone / 5, $"old evicted {oldGone}, new evicted {newGone}");
    }

    [Fact]
    public void Configuration_binds_the_eviction_options()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["RedisLite:MaxMemory"] = "1000",
                ["RedisLite:MaxMemoryPolicy"] = "NoEviction",
                ["RedisLite:MaxMemorySamples"] = "10",
                ["RedisLite:LfuLogFactor"] = "5",
                ["RedisLite:LfuDecayTime"] = "00:02:00",
            })
            .Build();
        var services = new ServiceCollection();
        services.AddRedisLite(configuration.GetSection("RedisLite"));
        using var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<DataStore>();
        store.StringSet("k", new string('x', 2000));
        RedisAssert.Throws(ErrorMessages.OutOfMemory, () => store.StringSet("k2", "v"));
    }
}
