using System.Collections.Concurrent;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Extensions.Caching.Memory;

namespace RedisLite.Benchmarks;

/// <summary>
/// The setup every comparison shares: the same 1,000,001 keys in each store (built only for the benchmarks that use
/// it), and one fixed random key sequence. Subclasses name their benchmarks <c>{Store}_Hot</c> and <c>{Store}_1M</c>.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public abstract class StoreBenchmarks
{
    private string[] _keys = [];
    private int[] _sequence = [];
    private int _cursor;

    /// <summary>Whether the stores are filled with keys that have a TTL.</summary>
    protected virtual bool WithTtl => false;

    protected ConcurrentDictionary<string, byte[]> Dictionary { get; private set; } = null!;

    protected MemoryCache Cache { get; private set; } = null!;

    protected DataStore Store { get; private set; } = null!;

    [GlobalSetup(Targets = ["ConcurrentDictionary_Hot", "ConcurrentDictionary_1M"])]
    public void SetupDictionary()
    {
        SetupKeys();
        Dictionary = Stores.Dictionary(_keys);
    }

    [GlobalSetup(Targets = ["MemoryCache_Hot", "MemoryCache_1M"])]
    public void SetupMemoryCache()
    {
        SetupKeys();
        Cache = Stores.MemoryCache(_keys, WithTtl);
    }

    [GlobalSetup(Targets = ["RedisLite_Hot", "RedisLite_1M"])]
    public void SetupRedisLite()
    {
        SetupKeys();
        Store = Stores.RedisLite(_keys, WithTtl);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Cache?.Dispose();
        Store?.Dispose();
    }

    /// <summary>The next key of the fixed random sequence over the 1M keys.</summary>
    protected string NextKey() => _keys[_sequence[_cursor++ & (_sequence.Length - 1)]];

    private void SetupKeys()
    {
        _keys = BenchmarkData.CreateKeys();
        _sequence = BenchmarkData.CreateRandomSequence();
    }
}
