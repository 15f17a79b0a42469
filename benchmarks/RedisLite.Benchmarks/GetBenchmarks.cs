using System.Collections.Concurrent;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Extensions.Caching.Memory;

namespace RedisLite.Benchmarks;

/// <summary>
/// GET of an existing 16-byte value: one hot key, and keys drawn uniformly at random from 1,000,000.
/// Every store holds the same 1,000,001 keys; the baseline of each category is <see cref="ConcurrentDictionary{TKey, TValue}"/>.
/// </summary>
public class GetBenchmarks : StoreBenchmarks
{

    [Benchmark(Baseline = true), BenchmarkCategory("Hot")]
    public byte[]? ConcurrentDictionary_Hot() => Dictionary.TryGetValue(BenchmarkData.HotKey, out var value) ? value : null;

    [Benchmark, BenchmarkCategory("Hot")]
    public object? MemoryCache_Hot() => Cache.TryGetValue(BenchmarkData.HotKey, out var value) ? value : null;

    [Benchmark, BenchmarkCategory("Hot")]
    public RedisValue RedisLite_Hot() => Store.StringGet(BenchmarkData.HotKey);

    [Benchmark(Baseline = true), BenchmarkCategory("1M")]
    public byte[]? ConcurrentDictionary_1M() => Dictionary.TryGetValue(NextKey(), out var value) ? value : null;

    [Benchmark, BenchmarkCategory("1M")]
    public object? MemoryCache_1M() => Cache.TryGetValue(NextKey(), out var value) ? value : null;

    [Benchmark, BenchmarkCategory("1M")]
    public RedisValue RedisLite_1M() => Store.StringGet(NextKey());
}
