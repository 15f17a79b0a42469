using BenchmarkDotNet.Attributes;

namespace RedisLite.Benchmarks;

/// <summary>
/// Ten commands (five INCR, five SET, on ten keys) run atomically as one MULTI/EXEC batch, with and without a WATCH,
/// and as one <see cref="DataStore.RunAtomic{T}(Func{IDataStore, T})"/> body, against the same ten commands issued one
/// by one (the baseline, with no atomicity across them).
/// </summary>
[MemoryDiagnoser]
public class TransactionBenchmarks : IDisposable
{
    private static readonly RedisKey[] Keys = [.. Enumerable.Range(0, 10).Select(i => (RedisKey)("tx:key:" + i))];
    private static readonly RedisValue Payload = "0123456789abcdef";

    private readonly DataStore _store = new(new RedisLiteOptions { ActiveExpiry = false });

    [GlobalSetup]
    public void Setup()
    {
        foreach (var key in Keys)
        {
            _store.StringSet(key, 0);
        }
    }

    [Benchmark(Baseline = true)]
    public long Unbatched()
    {
        long total = 0;
        for (var i = 0; i < 5; i++)
        {
            total += _store.StringIncrement(Keys[i]);
        }

        for (var i = 5; i < 10; i++)
        {
            _store.StringSet(Keys[i], Payload);
        }

        return total;
    }

    [Benchmark]
    public bool MultiExec()
    {
        using var tx = _store.CreateTransaction();
        Queue(tx);
        return tx.Execute();
    }

    [Benchmark]
    public bool WatchMultiExec()
    {
        using var tx = _store.CreateTransaction();
        tx.Watch(Keys[0]);
        Queue(tx);
        return tx.Execute();
    }

    [Benchmark]
    public long RunAtomic() => _store.RunAtomic(static d =>
    {
        long total = 0;
        for (var i = 0; i < 5; i++)
        {
            total += d.StringIncrement(Keys[i]);
        }

        for (var i = 5; i < 10; i++)
        {
            d.StringSet(Keys[i], Payload);
        }

        return total;
    });

    private static void Queue(ITransaction tx)
    {
        for (var i = 0; i < 5; i++)
        {
            var key = Keys[i];
            tx.Add(d => d.StringIncrement(key));
        }

        for (var i = 5; i < 10; i++)
        {
            var key = Keys[i];
            tx.Add(d => d.StringSet(key, Payload));
        }
    }

    public void Dispose()
    {
        _store.Dispose();
        GC.SuppressFinalize(this);
    }
}
