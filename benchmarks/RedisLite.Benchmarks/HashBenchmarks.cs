using System.Collections.Concurrent;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace RedisLite.Benchmarks;

/// <summary>
/// HSET and HGET of a 16-byte value: one hot hash and field, and hashes drawn at random from 100,000 (5 fields each,
/// a random field of each). The baseline of each category is a
/// <c>ConcurrentDictionary&lt;string, ConcurrentDictionary&lt;string, byte[]&gt;&gt;</c> holding the same data.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class HashBenchmarks
{
    private const int HashCount = HashMemoryMeasurement.DefaultHashCount;
    private const string HotKey = "hash:hot";
    private const string HotField = "f1";
    private const int SequenceLength = 1 << 16;

    private static readonly byte[] HotFieldBytes = HashMemoryMeasurement.FieldNames[0];

    private readonly byte[] _value = BenchmarkData.Value(42);

    /// <summary>HSET alternates between two values, so that every write really changes the field.</summary>
    private readonly byte[][] _values = [BenchmarkData.Value(1), BenchmarkData.Value(2)];
    private int _flip;
    private string[] _keys = [];
    private string[] _fieldStrings = [];
    private (int Hash, int Field)[] _sequence = [];
    private int _cursor;
    private ConcurrentDictionary<string, ConcurrentDictionary<string, byte[]>> _dictionary = null!;
    private DataStore _store = null!;

    [GlobalSetup(Targets = ["Dictionary_HSet_Hot", "Dictionary_HGet_Hot", "Dictionary_HSet_100K", "Dictionary_HGet_100K"])]
    public void SetupDictionary()
    {
        SetupData();
        _dictionary = (ConcurrentDictionary<string, ConcurrentDictionary<string, byte[]>>)HashMemoryMeasurement.FillDictionary(HashCount);
        _dictionary[HotKey] = new ConcurrentDictionary<string, byte[]> { [HotField] = _value };
    }

    [GlobalSetup(Targets = ["RedisLite_HSet_Hot", "RedisLite_HGet_Hot", "RedisLite_HSet_100K", "RedisLite_HGet_100K"])]
    public void SetupRedisLite()
    {
        SetupData();
        _store = (DataStore)HashMemoryMeasurement.FillRedisLite(HashCount);
        _store.HashSet(HotKey, HotFieldBytes, _value);
    }

    [GlobalCleanup]
    public void Cleanup() => _store?.Dispose();

    [Benchmark(Baseline = true), BenchmarkCategory("HSET-Hot")]
    public void Dictionary_HSet_Hot() => _dictionary.GetOrAdd(HotKey, static _ => new ConcurrentDictionary<string, byte[]>())[HotField] = NextValue();

    [Benchmark, BenchmarkCategory("HSET-Hot")]
    public bool RedisLite_HSet_Hot() => _store.HashSet(HotKey, HotFieldBytes, NextValue());

    [Benchmark(Baseline = true), BenchmarkCategory("HGET-Hot")]
    public byte[]? Dictionary_HGet_Hot() =>
        _dictionary.TryGetValue(HotKey, out var hash) && hash.TryGetValue(HotField, out var value) ? value : null;

    [Benchmark, BenchmarkCategory("HGET-Hot")]
    public RedisValue RedisLite_HGet_Hot() => _store.HashGet(HotKey, HotFieldBytes);

    [Benchmark(Baseline = true), BenchmarkCategory("HSET-100K")]
    public void Dictionary_HSet_100K()
    {
        var (hash, field) = Next();
        _dictionary.GetOrAdd(_keys[hash], static _ => new ConcurrentDictionary<string, byte[]>())[_fieldStrings[field]] = NextValue();
    }

    [Benchmark, BenchmarkCategory("HSET-100K")]
    public bool RedisLite_HSet_100K()
    {
        var (hash, field) = Next();
        return _store.HashSet(_keys[hash], HashMemoryMeasurement.FieldNames[field], NextValue());
    }

    [Benchmark(Baseline = true), BenchmarkCategory("HGET-100K")]
    public byte[]? Dictionary_HGet_100K()
    {
        var (hash, field) = Next();
        return _dictionary.TryGetValue(_keys[hash], out var fields) && fields.TryGetValue(_fieldStrings[field], out var value) ? value : null;
    }

    [Benchmark, BenchmarkCategory("HGET-100K")]
    public RedisValue RedisLite_HGet_100K()
    {
        var (hash, field) = Next();
        return _store.HashGet(_keys[hash], HashMemoryMeasurement.FieldNames[field]);
    }

    private byte[] NextValue() => _values[_flip++ & 1];

    private (int Hash, int Field) Next() => _sequence[_cursor++ & (SequenceLength - 1)];

    private void SetupData()
    {
        _keys = new string[HashCount];
        for (var i = 0; i < HashCount; i++)
        {
            _keys[i] = BenchmarkData.Key(i + 1);
        }

        _fieldStrings = [.. HashMemoryMeasurement.FieldNames.Select(System.Text.Encoding.ASCII.GetString)];
        var random = new Random(20261122);
        _sequence = new (int, int)[SequenceLength];
        for (var i = 0; i < _sequence.Length; i++)
        {
            _sequence[i] = (random.Next(HashCount), random.Next(HashMemoryMeasurement.FieldsPerHash));
        }
    }
}
