using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using RedisLite.Persistence;

namespace RedisLite.Benchmarks;

/// <summary>
/// SET with the append log (issue 6): under <c>everysec</c> and <c>no</c> against persistence off (the baseline; the
/// target is everysec at 0.8x of off or better), over a 1,000,000-key working set. Logs go to a temporary directory
/// on the same disk as the repository; the automatic rewrite stays on (defaults), as in real use.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class AppendLogBenchmarks
{
    private string? _directory;
    private DataStore _store = null!;
    private byte[][] _values = [];
    private string[] _keys = [];
    private int[] _sequence = [];
    private int _next;

    // One store per benchmark process (each benchmark runs in its own process): a heap holding only the measured
    // store keeps the garbage collector's work, and so the noise, the same for the three.
    [GlobalSetup(Targets = [nameof(SetOff), nameof(SetOffHot)])]
    public void SetupOff() => Setup(null);

    [GlobalSetup(Targets = [nameof(SetLogNo), nameof(SetLogNoHot)])]
    public void SetupNo() => Setup(AppendFsyncPolicy.No);

    [GlobalSetup(Targets = [nameof(SetLogEverySecond), nameof(SetLogEverySecondHot)])]
    public void SetupEverySecond() => Setup(AppendFsyncPolicy.EverySecond);

    private void Setup(AppendFsyncPolicy? policy)
    {
        _keys = BenchmarkData.CreateKeys();
        _sequence = BenchmarkData.CreateRandomSequence();
        _values = Enumerable.Range(0, 1024).Select(BenchmarkData.Value).ToArray();
        PersistenceOptions? persistence = null;
        if (policy is { } p)
        {
            _directory = Path.Combine(Path.GetTempPath(), "redislite-bench-" + Guid.NewGuid().ToString("N"));

            // No automatic rewrite during the measurement: it measures the cost of logging a write; rewrites (a capture
            // and the GC work of serializing 1M keys) are measured by --rewrite-pause.
            persistence = new PersistenceOptions { Directory = _directory, AppendOnly = true, AppendFsync = p, AutoRewritePercentage = 0 };
            persistence.SavePoints.Clear();
        }

        _store = new DataStore(new RedisLiteOptions { ActiveExpiry = false, Persistence = persistence });
        for (var i = 0; i < _keys.Length; i++)
        {
            _store.StringSet(_keys[i], _values[i & 1023]);
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        if (_directory is not null)
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private string NextKey() => _keys[_sequence[_next++ & (_sequence.Length - 1)]];

    /// <summary>SET of a random key of 1M, persistence off.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("1M")]
    public bool SetOff() => _store.StringSet(NextKey(), _values[_next & 1023]);

    /// <summary>SET of a random key of 1M, the log under <c>no</c>.</summary>
    [Benchmark, BenchmarkCategory("1M")]
    public bool SetLogNo() => _store.StringSet(NextKey(), _values[_next & 1023]);

    /// <summary>SET of a random key of 1M, the log under <c>everysec</c>.</summary>
    [Benchmark, BenchmarkCategory("1M")]
    public bool SetLogEverySecond() => _store.StringSet(NextKey(), _values[_next & 1023]);

    /// <summary>SET of one hot key, persistence off.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("Hot")]
    public bool SetOffHot() => _store.StringSet(BenchmarkData.HotKey, _values[_next++ & 1023]);

    /// <summary>SET of one hot key, the log under <c>no</c>.</summary>
    [Benchmark, BenchmarkCategory("Hot")]
    public bool SetLogNoHot() => _store.StringSet(BenchmarkData.HotKey, _values[_next++ & 1023]);

    /// <summary>SET of one hot key, the log under <c>everysec</c>.</summary>
    [Benchmark, BenchmarkCategory("Hot")]
    public bool SetLogEverySecondHot() => _store.StringSet(BenchmarkData.HotKey, _values[_next++ & 1023]);
}

/// <summary>
/// SET under the <c>always</c> policy: one writer against sixteen concurrent writers, each SET returning only once its
/// record is on disk. Group commit lets the sixteen share fsyncs, so their throughput should be many times one's.
/// Reported per SET (OperationsPerInvoke): compare the means.
/// </summary>
public class AppendLogAlwaysBenchmarks
{
    private const int SetsPerInvoke = 1600;
    private DataStore _store = null!;
    private string _directory = null!;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "redislite-bench-" + Guid.NewGuid().ToString("N"));
        var persistence = new PersistenceOptions { Directory = _directory, AppendOnly = true, AppendFsync = AppendFsyncPolicy.Always };
        persistence.SavePoints.Clear();
        _store = new DataStore(new RedisLiteOptions { ActiveExpiry = false, Persistence = persistence });
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>One writer, one SET (and one fsync) at a time.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = SetsPerInvoke)]
    public void OneWriter() => Write(1);

    /// <summary>Sixteen writers at once.</summary>
    [Benchmark(OperationsPerInvoke = SetsPerInvoke)]
    public void SixteenWriters() => Write(16);

    private void Write(int writers)
    {
        var threads = new Thread[writers];
        for (var t = 0; t < writers; t++)
        {
            var writer = t;
            threads[t] = new Thread(() =>
            {
                for (var i = 0; i < SetsPerInvoke / writers; i++)
                {
                    _store.StringSet(BenchmarkData.Key((writer * SetsPerInvoke) + i), BenchmarkData.Value(i));
                }
            });
            threads[t].Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }
    }
}
