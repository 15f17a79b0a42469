using System.Collections.Concurrent;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Extensions.Caching.Memory;

namespace RedisLite.Benchmarks;

/// <summary>
/// SET of a 16-byte value with a 5-minute TTL, overwriting a key that already has one: RedisLite's
/// <c>StringSet(key, value, TimeSpan.FromMinutes(5))</c> against <c>MemoryCache.Set(key, value, TimeSpan.FromMinutes(5))</c>
/// (absolute expiration relative to now). The baseline is a plain <see cref="ConcurrentDictionary{TKey, TValue}"/> write
/// without any expiry, for reference.
/// </summary>
public class SetWithTtlBenchmarks : StoreBenchmarks
{
    protected override bool WithTtl => true;

    private static readonly TimeSpan Ttl = Stores.Ttl;
    private readonly byte[] _value = BenchmarkData.Value(42);

    [Benchmark(Baseline = true), BenchmarkCategory("Hot")]
    public void ConcurrentDictionary_Hot() => Dictionary[BenchmarkData.HotKey] = _value;

    [Benchmark, BenchmarkCategory("Hot")]
    public byte[] MemoryCache_Hot() => Cache.Set(BenchmarkData.HotKey, _value, Ttl);

    [Benchmark, BenchmarkCategory("Hot")]
    public bool RedisLite_Hot() => Store.StringSet(BenchmarkData.HotKey, _value, Ttl);

    [Benchmark(Baseline = true), BenchmarkCategory("1M")]
    public void ConcurrentDictionary_1M() => Dictionary[NextKey()] = _value;

    [Benchmark, BenchmarkCategory("1M")]
    public byte[] MemoryCache_1M() => Cache.Set(NextKey(), _value, Ttl);

    [Benchmark, BenchmarkCategory("1M")]
    public bool RedisLite_1M() => Store.StringSet(NextKey(), _value, Ttl);
}
