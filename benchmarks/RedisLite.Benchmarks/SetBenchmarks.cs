using System.Collections.Concurrent;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Extensions.Caching.Memory;

namespace RedisLite.Benchmarks;

/// <summary>
/// SET of a 16-byte value without expiry, overwriting an existing key: one hot key, and keys drawn uniformly at random
/// from 1,000,000. The baseline of each category is <see cref="ConcurrentDictionary{TKey, TValue}"/>.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class SetBenchmarks
{
    private readonly byte[] _value = BenchmarkData.Value(42);
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
    public void ConcurrentDictionary_Hot() => _dictionary[BenchmarkData.HotKey] = _value;

    [Benchmark, BenchmarkCategory("Hot")]
    public byte[] MemoryCache_Hot() => _cache.Set(BenchmarkData.HotKey, _value);

    [Benchmark, BenchmarkCategory("Hot")]
    public bool RedisLite_Hot() => _store.StringSet(BenchmarkData.HotKey, _value);

    [Benchmark(Baseline = true), BenchmarkCategory("1M")]
    public void ConcurrentDictionary_1M() => _dictionary[NextKey()] = _value;

    [Benchmark, BenchmarkCategory("1M")]
    public byte[] MemoryCache_1M() => _cache.Set(NextKey(), _value);

    [Benchmark, BenchmarkCategory("1M")]
    public bool RedisLite_1M() => _store.StringSet(NextKey(), _value);

    private string NextKey() => _keys[_sequence[_cursor++ & (_sequence.Length - 1)]];

    private void SetupKeys()
    {
        _keys = BenchmarkData.CreateKeys();
        _sequence = BenchmarkData.CreateRandomSequence();
    }
}
