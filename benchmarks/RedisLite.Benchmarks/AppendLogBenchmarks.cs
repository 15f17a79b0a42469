using BenchmarkDotNet.Attributes;
using RedisLite.Persistence;

namespace RedisLite.Benchmarks;

/// <summary>
/// SET with the append log (issue 6): under <c>everysec</c> and <c>no</c> against persistence off (the baseline; the
/// target is everysec at 0.8x of off or better), over a 1,000,000-key working set. Logs go to a temporary directory
/// on the same disk as the repository; the automatic rewrite stays on (defaults), as in real use.
/// </summary>
[MemoryDiagnoser]
public class AppendLogBenchmarks
{
    private readonly List<string> _directories = [];
    private DataStore _off = null!;
    private DataStore _no = null!;
    private DataStore _everySecond = null!;
    private byte[][] _values = [];
    private string[] _keys = [];
    private int[] _sequence = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _keys = BenchmarkData.CreateKeys();
        _sequence = BenchmarkData.CreateRandomSequence();
        _values = Enumerable.Range(0, 1024).Select(BenchmarkData.Value).ToArray();
        _off = new DataStore(new RedisLiteOptions { ActiveExpiry = false });
        _no = Open(AppendFsyncPolicy.No);
        _everySecond = Open(AppendFsyncPolicy.EverySecond);
        foreach (var store in new[] { _off, _no, _everySecond })
        {
            for (var i = 0; i < _keys.Length; i++)
            {
                store.StringSet(_keys[i], _values[i & 1023]);
            }
        }
    }

    private DataStore Open(AppendFsyncPolicy policy)
    {
        var directory = Path.Combine(Path.GetTempPath(), "redislite-bench-" + Guid.NewGuid().ToString("N"));
        _directories.Add(directory);
        var persistence = new PersistenceOptions { Directory = directory, AppendOnly = true, AppendFsync = policy };
        persistence.SavePoints.Clear();
        return new DataStore(new RedisLiteOptions { ActiveExpiry = false, Persistence = persistence });
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _off.Dispose();
        _no.Dispose();
        _everySecond.Dispose();
        foreach (var directory in _directories)
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private string NextKey() => _keys[_sequence[_next++ & (_sequence.Length - 1)]];

    /// <summary>SET with persistence off.</summary>
    [Benchmark(Baseline = true)]
    public bool SetOff() => _off.StringSet(NextKey(), _values[_next & 1023]);

    /// <summary>SET with the log under <c>no</c>.</summary>
    [Benchmark]
    public bool SetLogNo() => _no.StringSet(NextKey(), _values[_next & 1023]);

    /// <summary>SET with the log under <c>everysec</c>.</summary>
    [Benchmark]
    public bool SetLogEverySecond() => _everySecond.StringSet(NextKey(), _values[_next & 1023]);
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
