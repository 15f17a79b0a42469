using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using RedisLite.Tests.SortedSets;
using Xunit.Abstractions;

namespace RedisLite.Tests.Soak;

/// <summary>
/// Several threads run ZADD, ZINCRBY and ZREM on the same sorted sets (one that stays big, one that crosses the compact
/// limit back and forth) while readers range over them, for a few seconds; then every member's score and rank is checked
/// against a sorted copy of what the writers did, and the tree and table invariants are checked.
/// </summary>
/// <remarks>Each writer owns its own members (so its model of them is exact whatever the interleaving) and all writers
/// also ZINCRBY a few shared members by integers, whose sums are exact in any order.</remarks>
[Trait("Category", "Soak")]
public sealed class SortedSetSoakTests(ITestOutputHelper output)
{
    private const int Writers = 4;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(3);
    private static readonly RedisKey[] Keys = ["soak:zset:big", "soak:zset:edge"];

    [Fact]
    public void Concurrent_zadd_zincrby_zrem_leave_every_rank_and_score_consistent()
    {
        using var store = new DataStore(new RedisLiteOptions(), TimeProvider.System);
        const int SharedMembers = 8;
        var shared = new long[Keys.Length, SharedMembers];
        var models = new Dictionary<string, double>[Writers, Keys.Length];
        var failures = new ConcurrentQueue<string>();
        long reads = 0, writes = 0;
        using var ready = new Barrier(Writers + 1);
        var clock = Stopwatch.StartNew();

        // Seed the big key so that it starts (and stays) in the skip-list encoding.
        store.SortedSetAdd(Keys[0], Enumerable.Range(0, 500).Select(i => new SortedSetEntry("base:" + i.ToString(CultureInfo.InvariantCulture), i)).ToArray());

        void Writer(int id)
        {
            var random = new Random(500 + id);
            for (var k = 0; k < Keys.Length; k++)
            {
                models[id, k] = new Dictionary<string, double>(StringComparer.Ordinal);
            }

            ready.SignalAndWait();
            while (clock.Elapsed < Duration && failures.IsEmpty)
            {
                var k = random.Next(Keys.Length);
                var key = Keys[k];
                var model = models[id, k];

                // The edge key's writers keep about 130 members between them, so it crosses 128 both ways.
                var member = $"w{id}:{random.Next(k == 0 ? 400 : 40)}";
                var score = random.Next(-50, 50) + (random.Next(4) * 0.25);
                try
                {
                    switch (random.Next(10))
                    {
                        case < 4:
                            store.SortedSetAdd(key, member, score);
                            model[member] = score;
                            break;
                        case < 6:
                            var incremented = store.SortedSetIncrement(key, member, score);
                            model[member] = model.TryGetValue(member, out var old) ? old + score : score;
                            if (incremented != model[member])
                            {
                                failures.Enqueue($"ZINCRBY {key} {member} returned {incremented}, model says {model[member]}");
                            }

                            break;
                        case < 8:
                            var removed = store.SortedSetRemove(key, member);
                            if (removed != model.Remove(member))
                            {
                                failures.Enqueue($"ZREM {key} {member} returned {removed}");
                            }

                            break;
                        default:
                            var s = random.Next(SharedMembers);
                            var delta = random.Next(-3, 4);
                            store.SortedSetIncrement(key, "shared:" + s.ToString(CultureInfo.InvariantCulture), delta);
                            Interlocked.Add(ref shared[k, s], delta);
                            break;
                    }

                    Interlocked.Increment(ref writes);
                }
                catch (Exception ex)
                {
                    failures.Enqueue($"{key} {member}: {ex}");
                }
            }
        }

        void Reader()
        {
            var random = new Random(99);
            ready.SignalAndWait();
            while (clock.Elapsed < Duration && failures.IsEmpty)
            {
                var key = Keys[random.Next(Keys.Length)];
                var page = store.SortedSetRangeByRankWithScores(key, random.Next(50), random.Next(50, 100));
                for (var i = 1; i < page.Length; i++)
                {
                    if (page[i - 1].Score > page[i].Score)
                    {
                        failures.Enqueue($"ZRANGE {key} out of order: {page[i - 1]} then {page[i]}");
                    }
                }

                var window = store.SortedSetRangeByScoreWithScores(key, -10, 10, Exclude.Stop);
                if (window.Any(e => e.Score is < -10 or >= 10))
                {
                    failures.Enqueue($"ZRANGEBYSCORE {key} -10 (10 returned a score outside the range");
                }

                if (store.SortedSetLength(key) < 0)
                {
                    failures.Enqueue($"ZCARD {key} is negative");
                }

                Interlocked.Increment(ref reads);
            }
        }

        var threads = Enumerable.Range(0, Writers).Select(i => new Thread(() => Writer(i))).Append(new Thread(Reader)).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Assert.True(failures.IsEmpty, string.Join("\n", failures.Take(5)));

        for (var k = 0; k < Keys.Length; k++)
        {
            var expected = new Dictionary<string, double>(StringComparer.Ordinal);
            if (k == 0)
            {
                for (var i = 0; i < 500; i++)
                {
                    expected["base:" + i.ToString(CultureInfo.InvariantCulture)] = i;
                }
            }

            for (var w = 0; w < Writers; w++)
            {
                foreach (var (member, score) in models[w, k])
                {
                    expected[member] = score;
                }
            }

            for (var s = 0; s < SharedMembers; s++)
            {
                var member = "shared:" + s.ToString(CultureInfo.InvariantCulture);
                if (store.SortedSetScore(Keys[k], member) is not null || shared[k, s] != 0)
                {
                    expected[member] = shared[k, s];
                }
            }

            var sorted = expected.Select(kv => new SortedSetEntry(kv.Key, kv.Value))
                .OrderBy(e => e.Score).ThenBy(e => (string)e.Element!, StringComparer.Ordinal).ToList();
            Assert.Equal(sorted, store.SortedSetRangeByRankWithScores(Keys[k]));
            for (var i = 0; i < sorted.Count; i++)
            {
                Assert.Equal(i, store.SortedSetRank(Keys[k], sorted[i].Element));
                Assert.Equal(sorted[i].Score, store.SortedSetScore(Keys[k], sorted[i].Element));
            }

            if (sorted.Count > 0)
            {
                store.InspectSortedSet(Keys[k], z => { SortedSetInvariants.Check(z); return 0; });
            }
        }

        output.WriteLine($"{writes:N0} writes, {reads:N0} reader passes in {clock.Elapsed.TotalSeconds:F1} s.");
    }
}
