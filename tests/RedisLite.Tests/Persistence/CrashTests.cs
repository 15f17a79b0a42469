using System.Diagnostics;
using System.Globalization;
using RedisLite.Persistence;

namespace RedisLite.Tests.Persistence;

/// <summary>
/// Crash tests that really crash: a child process (tests/RedisLite.CrashChild) writes through the append log and
/// reports each acknowledged write; the test kills it with SIGKILL at a random point (sometimes mid-rewrite), loads the
/// same directory in-process and checks that every acknowledged write is there, nothing is damaged, and nothing
/// appears that was never written. The directory carries over from round to round, so each round also re-checks
/// everything acknowledged before it. Bounded: a few seconds per round.
/// </summary>
[Trait("Category", "Crash")]
public sealed class CrashTests : IDisposable
{
    private readonly LogHarness.TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Under_always_every_acknowledged_write_survives_SIGKILL()
    {
        await RunRounds("always", rounds: 20, writers: 4, maxLostMilliseconds: 0);
    }

    [Fact]
    public async Task Under_everysec_at_most_about_a_second_of_acknowledged_writes_is_lost_on_SIGKILL()
    {
        await RunRounds("everysec", rounds: 8, writers: 2, maxLostMilliseconds: 1500);
    }

    private sealed record Ack(int Writer, int Index, long At);

    private async Task RunRounds(string policy, int rounds, int writers, long maxLostMilliseconds)
    {
        var random = new Random(Environment.TickCount);
        var maxAcked = new int[writers];
        var ackedIncrements = new long[writers];
        Array.Fill(maxAcked, -1);
        for (var round = 0; round < rounds; round++)
        {
            var rewriteEvery = round % 2 == 0 ? 0 : random.Next(20, 200);
            var (acks, killedAt) = await RunChildUntilKilled(policy, writers, rewriteEvery, killAfterAcks: random.Next(1, 600));
            var lateAcks = acks.Where(a => a.At >= killedAt - maxLostMilliseconds).ToList();

            var persistence = new PersistenceOptions { Directory = _dir.Path, AppendOnly = true, AppendFsync = AppendFsyncPolicy.No };
            persistence.SavePoints.Clear();
            using var store = new DataStore(new RedisLiteOptions { ActiveExpiry = false, Persistence = persistence });
            var context = $"round {round} ({policy}, rewrite every {rewriteEvery}, {acks.Count} acks)";

            foreach (var group in acks.GroupBy(a => a.Writer))
            {
                maxAcked[group.Key] = Math.Max(maxAcked[group.Key], group.Max(a => a.Index));
                ackedIncrements[group.Key] += group.Count();
            }

            for (var w = 0; w < writers; w++)
            {
                // Writes of one writer are in order: what is present is a prefix, covering everything acknowledged
                // (or, under everysec, everything but the last second's acknowledgements).
                var present = 0;
                while (!store.StringGet($"w{w}:{present}").IsNull)
                {
                    Assert.Equal($"v{w}:{present}:" + new string('x', present % 64), store.StringGet($"w{w}:{present}"));
                    present++;
                }

                var lostAcks = acks.Where(a => a.Writer == w && a.Index >= present && a.Index <= maxAcked[w]).ToList();
                Assert.True(
                    lostAcks.All(lateAcks.Contains) && (maxLostMilliseconds > 0 || lostAcks.Count == 0),
                    $"{context}: writer {w} has keys 0..{present - 1} but {lostAcks.Count} acknowledged writes are missing (first {lostAcks.FirstOrDefault()}), killed at {killedAt}");

                // Each acknowledged increment is there; at most one unacknowledged one per round may be too.
                var counter = (long)store.StringGet($"c{w}");
                var lostIncrements = acks.Count(a => a.Writer == w && lateAcks.Contains(a));
                Assert.InRange(counter, ackedIncrements[w] - (maxLostMilliseconds > 0 ? lostIncrements : 0), ackedIncrements[w] + round + 1);
                ackedIncrements[w] = counter;
            }

            // Nothing else appeared: only the writers' keys and counters exist.
            Assert.All(store.Keys(), k => Assert.Matches("^(w[0-9]+:[0-9]+|c[0-9]+)$", k.ToString()));
        }
    }

    private async Task<(List<Ack> Acks, long KilledAt)> RunChildUntilKilled(string policy, int writers, int rewriteEvery, int killAfterAcks)
    {
        var child = Path.Combine(AppContext.BaseDirectory, "RedisLite.CrashChild.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { child, _dir.Path, policy, writers.ToString(CultureInfo.InvariantCulture), rewriteEvery.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var acks = new List<Ack>();
        var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reading = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                var parts = line.Split(' ');
                if (parts is ["ack", var w, var i, var at])
                {
                    acks.Add(new Ack(int.Parse(w, CultureInfo.InvariantCulture), int.Parse(i, CultureInfo.InvariantCulture), long.Parse(at, CultureInfo.InvariantCulture)));
                    if (acks.Count >= killAfterAcks)
                    {
                        enough.TrySetResult();
                    }
                }
            }

            enough.TrySetResult();
        });

        await enough.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var killedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        process.Kill(entireProcessTree: true); // SIGKILL on Unix: no flush, no finally, no dispose
        await process.WaitForExitAsync();
        await reading;
        Assert.True(acks.Count > 0, "the child acknowledged nothing: " + await stderr);
        return (acks, killedAt);
    }
}
