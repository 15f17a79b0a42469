using System.Diagnostics;
using System.Globalization;

namespace RedisLite.Tests.Soak;

/// <summary>
/// Stresses the lock-free read path: readers look up keys that never change while writers add and remove many
/// other keys in the same shards, forcing table growth, shrinking and the swap-removal that moves entries. Any flaw in
/// the sequence-lock validation shows up as a stable key read as missing or with another key's value.
/// </summary>
[Trait("Category", "Soak")]
public sealed class LockFreeReadSoakTests
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(3);

    [Fact]
    public void Stable_keys_are_always_found_with_their_own_value_while_the_table_churns()
    {
        using var store = new DataStore(new RedisLiteOptions { ActiveExpiry = false }, TimeProvider.System);
        const int stableCount = 2_000;
        for (var i = 0; i < stableCount; i++)
        {
            store.StringSet("stable:" + i.ToString(CultureInfo.InvariantCulture), "value:" + i.ToString(CultureInfo.InvariantCulture));
        }

        long reads = 0, anomalies = 0, churned = 0;
        string? firstAnomaly = null;
        var stop = Stopwatch.StartNew();

        var readers = Enumerable.Range(0, 2).Select(seed => new Thread(() =>
        {
            var random = new Random(seed);
            var local = 0L;
            while (stop.Elapsed < Duration)
            {
                var i = random.Next(stableCount);
                var key = "stable:" + i.ToString(CultureInfo.InvariantCulture);
                var value = store.StringGet(key);
                if (value.ToString() != "value:" + i.ToString(CultureInfo.InvariantCulture) || !store.KeyExists(key))
                {
                    Interlocked.Increment(ref anomalies);
                    Interlocked.CompareExchange(ref firstAnomaly, $"{key} read as '{value}'", null);
                }

                local++;
            }

            Interlocked.Add(ref reads, local);
        })).ToList();

        var writer = new Thread(() =>
        {
            var round = 0;
            while (stop.Elapsed < Duration)
            {
                // Grow every shard well past its current size, then empty it again: resizes both ways, and every
                // removal moves the last entry of a shard into the freed slot.
                var batch = Enumerable.Range(0, 20_000).Select(j => (RedisKey)$"churn:{round}:{j}").ToArray();
                foreach (var key in batch)
                {
                    store.StringSet(key, "x");
                }

                foreach (var key in batch)
                {
                    store.KeyDelete(key);
                }

                Interlocked.Add(ref churned, batch.Length);
                round++;
            }
        });

        readers.ForEach(t => t.Start());
        writer.Start();
        readers.ForEach(t => t.Join());
        writer.Join();

        Assert.True(anomalies == 0, $"{anomalies} anomalies in {reads} reads; first: {firstAnomaly}");
        Assert.True(reads > 0 && churned > 0, $"the test did no work (reads {reads}, churned {churned})");

        // Integrity at the end: exactly the stable keys remain, each with its own value.
        Assert.Equal(stableCount, store.DatabaseSize());
        for (var i = 0; i < stableCount; i++)
        {
            Assert.Equal("value:" + i.ToString(CultureInfo.InvariantCulture), (string?)store.StringGet("stable:" + i.ToString(CultureInfo.InvariantCulture)));
        }
    }
}
