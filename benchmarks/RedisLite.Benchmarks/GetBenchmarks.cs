using System.Collections.Concurrent;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Extensions.Caching.Memory;

namespace RedisLite.Benchmarks;

/// <summary>
/// GET of an existing 16-byte value: one hot key, and keys drawn uniformly at random from 1,000,000.
/// Every store holds the same 1,000,001 keys; the baseline of each category is <see cref="ConcurrentDictionary{TKey, TValue}"/>.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class GetBenchmarks
{
    private string[] _keys = [];
    private int[] _sequence = [];
    private int _cursor;
    private ConcurrentDictionary<string, byte[]> _dictionary = null!;
    private MemoryCache _cache = null!;
    private DataStore _store = null!;

    [GlobalSetup(Targets = [nameof(ConcurrentDictionary_Hot), nameof(ConcurrentDictionary_1M)])]
    public void SetupDictionary()
    {
        SetupKeys();
        _dictionary = Stores.Dictionary(_keys);
    }

    [GlobalSetup(Targets = [nameof(MemoryCache_Hot), nameof(MemoryCache_1M)])]
    public void SetupMemoryCache()
    {
        SetupKeys();
        _cache = Stores.MemoryCache(_keys, withTtl: false);
    }

    [GlobalSetup(Targets = [nameof(RedisLite_Hot), nameof(RedisLite_1M)])]
    public void SetupRedisLite()
    {
        SetupKeys();
        _store = Stores.RedisLite(_keys, withTtl: false);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _cache?.Dispose();
        _store?.Dispose();
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Hot")]
    public byte[]? ConcurrentDictionary_Hot() => _dictionary.TryGetValue(BenchmarkData.HotKey, out var value) ? value : null;

    [Benchmark, BenchmarkCategory("Hot")]
    public object? MemoryCache_Hot() => _cache.TryGetValue(BenchmarkData.HotKey, out var value) ? value : null;

    [Benchmark, BenchmarkCategory("Hot")]
    public RedisValue RedisLite_Hot() => _store.StringGet(BenchmarkData.HotKey);

    [Benchmark(Baseline = true), BenchmarkCategory("1M")]
    public byte[]? ConcurrentDictionary_1M() => _dictionary.TryGetValue(NextKey(), out var value) ? value : null;

    [Benchmark, BenchmarkCategory("1M")]
    public object? MemoryCache_1M() => _cache.TryGetValue(NextKey(), out var value) ? value : null;

    [Benchmark, BenchmarkCategory("1M")]
    public RedisValue RedisLite_1M() => _store.StringGet(NextKey());

    private string NextKey() => _keys[_sequence[_cursor++ & (_sequence.Length - 1)]];

    private void SetupKeys()
    {
        _keys = BenchmarkData.CreateKeys();
        _sequence = BenchmarkData.CreateRandomSequence();
    }
}
