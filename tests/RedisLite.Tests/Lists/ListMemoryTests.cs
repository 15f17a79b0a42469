using Xunit.Abstractions;

namespace RedisLite.Tests.Lists;

/// <summary>Runs its tests alone, after the parallel ones, so that the process-wide heap size reflects only them.</summary>
[CollectionDefinition(nameof(HeapMeasurement), DisableParallelization = true)]
public sealed class HeapMeasurement;

/// <summary>Bytes per element of a long list of short strings, as the managed heap grows (reported, and bounded).</summary>
[Collection(nameof(HeapMeasurement))]
public sealed class ListMemoryTests(ITestOutputHelper output)
{
    [Fact]
    public void A_million_short_elements_cost_a_bounded_number_of_bytes_each()
    {
        const int count = 1_000_000;
        using var store = new DataStore(new RedisLiteOptions { ActiveExpiry = false }, TimeProvider.System);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var batch = new RedisValue[1000];
        for (var i = 0; i < count; i += batch.Length)
        {
            for (var j = 0; j < batch.Length; j++)
            {
                batch[j] = $"v:{i + j:D14}"; // 16 bytes, like the benchmarks' values
            }

            store.ListRightPush("mem:list", batch);
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        var perElement = (after - before) / (double)count;
        output.WriteLine($"{perElement:F1} bytes per element for {count:N0} 16-byte elements.");
        Assert.Equal(count, store.ListLength("mem:list"));

        // A 16-byte array costs 40 bytes on a 64-bit runtime, plus its 8-byte slot and the buffer's slack.
        Assert.InRange(perElement, 40, 60);
        GC.KeepAlive(store);
    }
}
