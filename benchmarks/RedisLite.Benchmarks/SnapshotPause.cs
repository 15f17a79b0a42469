using System.Diagnostics;

namespace RedisLite.Benchmarks;

/// <summary>
/// <c>--snapshot-pause</c>: how long a snapshot holds the store (the capture pause), and the slowest SET that a writer
/// thread running meanwhile sees, for 1,000,000 and 5,000,000 small string keys. Not a BenchmarkDotNet run: the longest
/// pause is a maximum, not a mean.
/// </summary>
internal static class SnapshotPause
{
    public static int Run()
    {
        foreach (var count in new[] { 1_000_000, 5_000_000 })
        {
            using var store = new DataStore(new RedisLiteOptions { ActiveExpiry = false, Metrics = false });
            for (var i = 0; i < count; i++)
            {
                store.StringSet(BenchmarkData.Key(i), BenchmarkData.Value(i));
            }

            using var output = new MemoryStream();
            store.SaveSnapshot(output); // warm-up (JIT, first-touch of the capture arrays)

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

            var pauses = new List<double>();
            for (var round = 0; round < 5; round++)
            {
                output.SetLength(0);
                pauses.Add(store.SaveSnapshot(output).TotalMilliseconds);
            }

            Volatile.Write(ref stop, true);
            writer.Join();
            Console.WriteLine(
                $"{count:N0} keys: capture pause min {pauses.Min():F1} ms, max {pauses.Max():F1} ms; " +
                $"slowest SET during saves {Stopwatch.GetElapsedTime(0, slowestTicks).TotalMilliseconds:F1} ms");
        }

        return 0;
    }
}
