using BenchmarkDotNet.Attributes;

namespace RedisLite.Benchmarks;

/// <summary>
/// SET of a 16-byte value on keys cycling through 200,000 names: on a store without a memory limit (the baseline: after
/// the first cycle every SET overwrites) and on a store held at its limit under <c>allkeys-lru</c> (pre-filled to a
/// limit worth 100,000 keys, so every SET adds a key that was evicted and evicts one by sampling). The issue's
/// target is at least 0.7x the baseline's throughput.
/// </summary>
[MemoryDiagnoser]
public class EvictionBenchmarks : IDisposable
{
    private const int Names = 200_000;
    private const int KeysAtLimit = 100_000;

    private readonly RedisKey[] _keys = [.. Enumerable.Range(0, Names).Select(i => (RedisKey)BenchmarkData.Key(i))];
    private readonly RedisValue _value = BenchmarkData.Value(7);
    private DataStore _unlimited = null!;
    private DataStore _atLimit = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _unlimited = new DataStore(new RedisLiteOptions { ActiveExpiry = false });
        foreach (var key in _keys)
        {
            _unlimited.StringSet(key, _value);
        }

        // Size the limit from what 100,000 keys actually cost, then fill past it so the store sits at the limit.
        using (var probe = new DataStore(new RedisLiteOptions { ActiveExpiry = false }))
        {
            for (var i = 0; i < KeysAtLimit; i++)
            {
                probe.StringSet(_keys[i], _value);
            }

            _atLimit = new DataStore(new RedisLiteOptions
            {
                ActiveExpiry = false,
                MaxMemory = probe.UsedMemory,
                MaxMemoryPolicy = MaxMemoryPolicy.AllKeysLru,
            });
        }

        foreach (var key in _keys)
        {
            _atLimit.StringSet(key, _value);
        }
    }

    [Benchmark(Baseline = true)]
    public bool NoLimit() => _unlimited.StringSet(NextKey(), _value);

    [Benchmark]
    public bool AtLimitAllKeysLru() => _atLimit.StringSet(NextKey(), _value);

    [GlobalCleanup]
    public void Dispose()
    {
        _unlimited?.Dispose();
        _atLimit?.Dispose();
        GC.SuppressFinalize(this);
    }

    private RedisKey NextKey()
    {
        var i = _next + 1;
        _next = i == Names ? 0 : i;
        return _keys[_next];
    }
}
