using System.Collections.Concurrent;
using BenchmarkDotNet.Attributes;

namespace RedisLite.Benchmarks;

/// <summary>
/// A hot list used as a queue: LPUSH one 16-byte element and RPOP one, on a list that holds 1,000 elements throughout,
/// against <see cref="ConcurrentQueue{T}"/> of byte arrays doing the same enqueue and dequeue (the baseline).
/// </summary>
[MemoryDiagnoser]
public class ListBenchmarks
{
    private const string HotList = "list:hot";
    private const int Depth = 1_000;

    private readonly ConcurrentQueue<byte[]> _queue = new();
    private readonly byte[] _element = BenchmarkData.Value(42);
    private DataStore _store = null!;

    /// <summary>Fills both to <see cref="Depth"/> elements.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _store = new DataStore(new RedisLiteOptions(), TimeProvider.System);
        for (var i = 0; i < Depth; i++)
        {
            _store.ListLeftPush(HotList, BenchmarkData.Value(i));
            _queue.Enqueue(BenchmarkData.Value(i));
        }
    }

    /// <summary>Disposes the store.</summary>
    [GlobalCleanup]
    public void Cleanup() => _store.Dispose();

    /// <summary>Enqueue then dequeue one element (the element is copied, as a store must copy what it is given).</summary>
    /// <returns>The dequeued element.</returns>
    [Benchmark(Baseline = true)]
    public byte[]? ConcurrentQueue_EnqueueDequeue()
    {
        _queue.Enqueue(_element.AsSpan().ToArray());
        return _queue.TryDequeue(out var element) ? element : null;
    }

    /// <summary>LPUSH then RPOP one element on the hot list.</summary>
    /// <returns>The popped element.</returns>
    [Benchmark]
    public RedisValue RedisLite_LPushRPop()
    {
        _store.ListLeftPush(HotList, _element);
        return _store.ListRightPop(HotList);
    }

    /// <summary>LINDEX in the middle of the hot list (O(1) in the deque encoding).</summary>
    /// <returns>The element.</returns>
    [Benchmark]
    public RedisValue RedisLite_LIndexMiddle() => _store.ListGetByIndex(HotList, Depth / 2);
}
