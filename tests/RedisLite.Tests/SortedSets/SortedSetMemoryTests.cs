using System.Globalization;
using System.Text;
using Xunit.Abstractions;

namespace RedisLite.Tests.SortedSets;

/// <summary>Bytes per element of a 1,000,000-member sorted set (members <c>member:0000000</c>, 14 bytes; random scores),
/// measured as the live managed heap before and after filling. For comparison, redis-server 7.0.15 takes about 110 bytes
/// per element for the same data (INFO memory used_memory delta, skiplist encoding).</summary>
[Trait("Category", "Soak")]
[Collection(nameof(Lists.HeapMeasurement))] // alone: the heap is process-wide, and other tests' freed memory skews it
public sealed class SortedSetMemoryTests(ITestOutputHelper output)
{
    [Fact]
    public void A_million_member_sorted_set_stays_within_its_memory_budget()
    {
        const int Count = 1_000_000;
        var random = new Random(1);
        var before = Settled();
        var store = new DataStore(new RedisLiteOptions { ActiveExpiry = false }, TimeProvider.System);
        var batch = new SortedSetEntry[1000];
        for (var b = 0; b < Count / batch.Length; b++)
        {
            for (var i = 0; i < batch.Length; i++)
            {
                var n = (b * batch.Length) + i;
                batch[i] = new SortedSetEntry(Encoding.ASCII.GetBytes("member:" + n.ToString("D7", CultureInfo.InvariantCulture)), random.NextDouble() * 1e6);
            }

            store.SortedSetAdd("mem:zset", batch);
        }

        var after = Settled();
        Assert.Equal(Count, store.SortedSetLength("mem:zset"));
        GC.KeepAlive(store);
        var perElement = (double)(after - before) / Count;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{perElement:F1} bytes per element (live managed heap) for {Count:N0} members."));

        // A (score, member) slot in a B+ tree leaf (16 bytes, leaves half to fully used), the member array (40 bytes)
        // and the table slot (about 30 bytes): about 95 bytes, below redis-server's 110.
        Assert.InRange(perElement, 50, 130);
        store.Dispose();
    }

    private static long Settled()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
