using System.Collections.Concurrent;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Extensions.Caching.Memory;

namespace RedisLite.Benchmarks;

/// <summary>
/// SET of a 16-byte value without expiry, overwriting an existing key: one hot key, and keys drawn uniformly at random
/// from 1,000,000. The baseline of each category is <see cref="ConcurrentDictionary{TKey, TValue}"/>.
/// </summary>
public class SetBenchmarks : StoreBenchmarks
{
    private readonly byte[] _value = BenchmarkData.Value(42);

    [Benchmark(Baseline = true), BenchmarkCategory("Hot")]
    public void ConcurrentDictionary_Hot() => Dictionary[BenchmarkData.HotKey] = _value;

    [Benchmark, BenchmarkCategory("Hot")]
    public byte[] MemoryCache_Hot() => Cache.Set(BenchmarkData.HotKey, _value);

    [Benchmark, BenchmarkCategory("Hot")]
    public bool RedisLite_Hot() => Store.StringSet(BenchmarkData.HotKey, _value);

    [Benchmark(Baseline = true), BenchmarkCategory("1M")]
    public void ConcurrentDictionary_1M() => Dictionary[NextKey()] = _value;

    [Benchmark, BenchmarkCategory("1M")]
    public byte[] MemoryCache_1M() => Cache.Set(NextKey(), _value);

    [Benchmark, BenchmarkCategory("1M")]
    public bool RedisLite_1M() => Store.StringSet(NextKey(), _value);
}
