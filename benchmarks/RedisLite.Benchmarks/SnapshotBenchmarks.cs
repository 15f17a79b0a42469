using BenchmarkDotNet.Attributes;

namespace RedisLite.Benchmarks;

/// <summary>
/// Snapshot save and load (issue 6) of 1,000,000 and 5,000,000 small string keys (11-byte keys, 16-byte values), to
/// and from memory, so the numbers are the format's CPU cost without the disk. Keys per second = KeyCount / the mean. Each save
/// also reports, through <see cref="LastPause"/>, how long the store was held while its keys were captured (the
/// longest pause a writer sees).
/// </summary>
[MemoryDiagnoser]
public class SnapshotBenchmarks
{
    /// <summary>Gets or sets the number of keys (the issue asks for 1,000,000 and 5,000,000).</summary>
    [Params(1_000_000, 5_000_000)]
    public int KeyCount { get; set; }

    private DataStore _store = null!;
    private byte[] _snapshot = [];
    private MemoryStream _output = null!;

    /// <summary>Gets the pause of the last save.</summary>
    public TimeSpan LastPause { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        _store = new DataStore(new RedisLiteOptions { ActiveExpiry = false });
        for (var i = 0; i < KeyCount; i++)
        {
            _store.StringSet(BenchmarkData.Key(i), BenchmarkData.Value(i));
        }

        _output = new MemoryStream(64 << 20);
        _store.SaveSnapshot(_output);
        _snapshot = _output.ToArray();
    }

    [GlobalCleanup]
    public void Cleanup() => _store.Dispose();

    [Benchmark]
    public long Save()
    {
        _output.Position = 0;
        _output.SetLength(0);
        LastPause = _store.SaveSnapshot(_output);
        return _output.Length;
    }

    [Benchmark]
    public long Load()
    {
        using var store = new DataStore(new RedisLiteOptions { ActiveExpiry = false });
        return store.LoadSnapshot(new MemoryStream(_snapshot, writable: false)).Keys;
    }
}
