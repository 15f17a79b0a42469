using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace RedisLite.Benchmarks;

/// <summary>
/// One sorted set of 100,000 members (<c>member:000001</c>, random scores): ZADD (a fixed random mix of score updates
/// and inserts of new members, drawn from 110,000 names), ZRANK of a random member, and ZRANGE of 10 members at a random
/// rank. The baseline of each category is a <see cref="SortedSet{T}"/> of (score, member) plus a
/// <see cref="Dictionary{TKey, TValue}"/> of member to score, under a lock: what a .NET program would write by hand.
/// </summary>
/// <remarks>The baseline has no rank index, so its ZRANK and ZRANGE walk the tree (O(n)); RedisLite's order-statistic
/// B+ tree answers both in O(log n). ZADD goes through the whole store (key lookup, shard lock, member table, tree).</remarks>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class SortedSetBenchmarks
{
    private const int Members = 100_000;
    private const int Names = 110_000;
    private const int SequenceLength = 1 << 16;
    private const string Key = "zset:bench";

    private readonly object _gate = new();
    private string[] _names = [];
    private byte[][] _nameBytes = [];
    private int[] _memberSequence = [];
    private double[] _scoreSequence = [];
    private int[] _rankSequence = [];
    private int _cursor;

    private SortedSet<(double Score, string Member)> _baselineSet = null!;
    private Dictionary<string, double> _baselineScores = null!;
    private DataStore _store = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _names = Enumerable.Range(0, Names).Select(i => "member:" + i.ToString("D6", CultureInfo.InvariantCulture)).ToArray();
        _nameBytes = _names.Select(Encoding.ASCII.GetBytes).ToArray();
        _memberSequence = Enumerable.Range(0, SequenceLength).Select(_ => random.Next(Names)).ToArray();
        _scoreSequence = Enumerable.Range(0, SequenceLength).Select(_ => random.NextDouble() * 1_000_000).ToArray();
        _rankSequence = Enumerable.Range(0, SequenceLength).Select(_ => random.Next(Members - 10)).ToArray();

        _baselineSet = [];
        _baselineScores = new Dictionary<string, double>(StringComparer.Ordinal);
        _store = new DataStore(new RedisLiteOptions(), TimeProvider.System);
        var entries = new SortedSetEntry[Members];
        for (var i = 0; i < Members; i++)
        {
            var score = random.NextDouble() * 1_000_000;
            _baselineSet.Add((score, _names[i]));
            _baselineScores[_names[i]] = score;
            entries[i] = new SortedSetEntry(_nameBytes[i], score);
        }

        _store.SortedSetAdd(Key, entries);
    }

    [GlobalCleanup]
    public void Cleanup() => _store.Dispose();

    [Benchmark(Baseline = true), BenchmarkCategory("ZADD")]
    public bool SortedSetAndDictionary_Zadd()
    {
        var i = _cursor++ & (SequenceLength - 1);
        var member = _names[_memberSequence[i]];
        var score = _scoreSequence[i];
        lock (_gate)
        {
            var added = !_baselineScores.TryGetValue(member, out var old);
            if (!added)
            {
                if (old == score)
                {
                    return false;
                }

                _baselineSet.Remove((old, member));
            }

            _baselineSet.Add((score, member));
            _baselineScores[member] = score;
            return added;
        }
    }

    [Benchmark, BenchmarkCategory("ZADD")]
    public bool RedisLite_Zadd()
    {
        var i = _cursor++ & (SequenceLength - 1);
        return _store.SortedSetAdd(Key, _nameBytes[_memberSequence[i]], _scoreSequence[i]);
    }

    [Benchmark(Baseline = true), BenchmarkCategory("ZRANK")]
    public int SortedSetAndDictionary_Zrank()
    {
        var member = _names[_memberSequence[_cursor++ & (SequenceLength - 1)] % Members];
        lock (_gate)
        {
            // SortedSet<T> has no rank index: counting the view below the element walks it.
            return _baselineScores.TryGetValue(member, out var score) ? _baselineSet.GetViewBetween(_baselineSet.Min, (score, member)).Count - 1 : -1;
        }
    }

    [Benchmark, BenchmarkCategory("ZRANK")]
    public long? RedisLite_Zrank() => _store.SortedSetRank(Key, _nameBytes[_memberSequence[_cursor++ & (SequenceLength - 1)] % Members]);

    [Benchmark(Baseline = true), BenchmarkCategory("ZRANGE")]
    public int SortedSetAndDictionary_Zrange()
    {
        var rank = _rankSequence[_cursor++ & (SequenceLength - 1)];
        var taken = 0;
        lock (_gate)
        {
            foreach (var entry in _baselineSet.Skip(rank).Take(10))
            {
                taken += entry.Member.Length;
            }
        }

        return taken;
    }

    [Benchmark, BenchmarkCategory("ZRANGE")]
    public RedisValue[] RedisLite_Zrange()
    {
        var rank = _rankSequence[_cursor++ & (SequenceLength - 1)];
        return _store.SortedSetRangeByRank(Key, rank, rank + 9);
    }
}
