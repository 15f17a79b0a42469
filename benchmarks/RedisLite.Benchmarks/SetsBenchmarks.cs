using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace RedisLite.Benchmarks;

/// <summary>
/// SADD of a member already present and SISMEMBER of a present member, on a hot set of 100 short strings and on a set
/// of 100,000 short strings (members drawn from a fixed random sequence). The baseline of each category is a
/// <see cref="HashSet{T}"/> of strings guarded by a lock, the least a thread-safe in-process set costs.
/// </summary>
/// <remarks>Named <c>SetsBenchmarks</c> because <c>SetBenchmarks</c> already measures the string command SET.</remarks>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class SetsBenchmarks : IDisposable
{
    private const int HotCount = 100;
    private const int BigCount = 100_000;
    private const string HotKey = "set:hot";
    private const string BigKey = "set:big";

    private readonly object _lock = new();
    private readonly HashSet<string> _hotSet = new(StringComparer.Ordinal);
    private readonly HashSet<string> _bigSet = new(StringComparer.Ordinal);
    private readonly DataStore _store = new();
    private string[] _hotMembers = [];
    private string[] _bigMembers = [];
    private int[] _sequence = [];
    private int _cursor;

    [GlobalSetup]
    public void Setup()
    {
        _hotMembers = Enumerable.Range(0, HotCount).Select(i => "member:" + i.ToString("D6", CultureInfo.InvariantCulture)).ToArray();
        _bigMembers = Enumerable.Range(0, BigCount).Select(i => "member:" + i.ToString("D6", CultureInfo.InvariantCulture)).ToArray();
        _hotSet.UnionWith(_hotMembers);
        _bigSet.UnionWith(_bigMembers);
        _store.SetAdd(HotKey, _hotMembers.Select(m => (RedisValue)m).ToArray());
        _store.SetAdd(BigKey, _bigMembers.Select(m => (RedisValue)m).ToArray());
        var random = new Random(42);
        _sequence = Enumerable.Range(0, 1 << 16).Select(_ => random.Next(BigCount)).ToArray();
    }

    private int Next() => _sequence[_cursor++ & (_sequence.Length - 1)];

    private string HotMember() => _hotMembers[Next() % HotCount];

    private string BigMember() => _bigMembers[Next()];

    [Benchmark(Baseline = true), BenchmarkCategory("SADD_Hot")]
    public bool LockedHashSet_SAdd_Hot()
    {
        lock (_lock)
        {
            return _hotSet.Add(HotMember());
        }
    }

    [Benchmark, BenchmarkCategory("SADD_Hot")]
    public bool RedisLite_SAdd_Hot() => _store.SetAdd(HotKey, HotMember());

    [Benchmark(Baseline = true), BenchmarkCategory("SADD_100K")]
    public bool LockedHashSet_SAdd_100K()
    {
        lock (_lock)
        {
            return _bigSet.Add(BigMember());
        }
    }

    [Benchmark, BenchmarkCategory("SADD_100K")]
    public bool RedisLite_SAdd_100K() => _store.SetAdd(BigKey, BigMember());

    [Benchmark(Baseline = true), BenchmarkCategory("SISMEMBER_Hot")]
    public bool LockedHashSet_SIsMember_Hot()
    {
        lock (_lock)
        {
            return _hotSet.Contains(HotMember());
        }
    }

    [Benchmark, BenchmarkCategory("SISMEMBER_Hot")]
    public bool RedisLite_SIsMember_Hot() => _store.SetContains(HotKey, HotMember());

    [Benchmark(Baseline = true), BenchmarkCategory("SISMEMBER_100K")]
    public bool LockedHashSet_SIsMember_100K()
    {
        lock (_lock)
        {
            return _bigSet.Contains(BigMember());
        }
    }

    [Benchmark, BenchmarkCategory("SISMEMBER_100K")]
    public bool RedisLite_SIsMember_100K() => _store.SetContains(BigKey, BigMember());

    public void Dispose()
    {
        _store.Dispose();
        GC.SuppressFinalize(this);
    }
}
