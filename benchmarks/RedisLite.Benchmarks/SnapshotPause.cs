using System.Diagnostics;

namespace RedisLite.Benchmarks;

/// <summary>
/// <c>--snapshot-pause</c>: how long a snapshot holds the store (the capture pause), and the slowest SET that a writer
/// thread running meanwhile sees, for 1,000,000 and 5,000,000 small string keys. Not a BenchmarkDotNet run: the longest
/// pause is a maximum, not a mean.
/// </summary>
internal static class SnapshotPause
{
    /// <summary>Measures snapshots (to memory), or with <paramref name="rewrite"/> append-log rewrites (to a temporary
    /// directory, the log under everysec; the writer's SETs are logged too).</summary>
    public static int Run(bool rewrite = false)
    {
        foreach (var count in new[] { 1_000_000, 5_000_000 })
        {
            var directory = Path.Combine(Path.GetTempPath(), "redislite-pause-" + Guid.NewGuid().ToString("N"));
            var persistence = rewrite ? new Persistence.PersistenceOptions { Directory = directory, AppendOnly = true } : null;
            persistence?.SavePoints.Clear();
            using var store = new DataStore(new RedisLiteOptions { ActiveExpiry = false, Metrics = false, Persistence = persistence });
            for (var i = 0; i < count; i++)
            {
                store.StringSet(BenchmarkData.Key(i), BenchmarkData.Value(i));
            }

            using var output = new MemoryStream();
            TimeSpan Save()
            {
                if (rewrite)
                {
                    var started = Stopwatch.GetTimestamp();
                    store.RewriteAppendLog();
                    return Stopwatch.GetElapsedTime(started);
                }

                output.SetLength(0);
                return store.SaveSnapshot(output);
            }

            Save(); // warm-up (JIT, first-touch of the capture arrays)

            var stop = false;
            long slowestTicks = 0;
            var writer = new Thread(() =>
            {
                var n = 0;
                while (!Volatile.Read(ref stop))
                {
                    var started = Stopwatch.GetTimestamp();
                    store.StringSet(BenchmarkData.Key(n++ % count), "w");
                    slowestTicks = Math.Max(slowestTicks, Stopwatch.GetTimestamp() - started);
                }
            });
            writer.Start();

            var gcPauseBefore = GC.GetTotalPauseDuration();
            var gen2Before = GC.CollectionCount(2);
            var pauses = new List<double>();
            for (var round = 0; round < 5; round++)
            {
                pauses.Add(Save().TotalMilliseconds);
            }

            Volatile.Write(ref stop, true);
            writer.Join();
            Console.WriteLine(
                $"{count:N0} keys: {(rewrite ? "whole rewrite" : "capture pause")} min {pauses.Min():F1} ms, max {pauses.Max():F1} ms; " +
                $"slowest SET during {(rewrite ? "rewrites" : "saves")} {Stopwatch.GetElapsedTime(0, slowestTicks).TotalMilliseconds:F1} ms; " +
                $"GC: {GC.CollectionCount(2) - gen2Before} gen2 collections, {(GC.GetTotalPauseDuration() - gcPauseBefore).TotalMilliseconds:F0} ms paused in all, " +
                $"longest recent pause {GC.GetGCMemoryInfo(GCKind.Any).PauseDurations.ToArray().Max().TotalMilliseconds:F1} ms");
            store.Dispose();
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }

        return 0;
    }
}
