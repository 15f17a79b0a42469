using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace RedisLite.Tests.Soak;

/// <summary>
/// Sustained writes from several threads under <c>allkeys-lru</c>: the store's estimate never goes past the limit by
/// more than one write in flight per thread, the per-shard totals stay exact, and every surviving value is intact.
/// Uses the real clock but never sleeps.
/// </summary>
[Trait("Category", "Soak")]
public sealed class EvictionSoakTests(ITestOutputHelper output)
{
    private const int ThreadCount = 4;
    private const long Limit = 2 * 1024 * 1024;

    /// <summary>The documented margin: each thread may complete one write after its check saw the store within the
    /// limit (a string of at most ~600 bytes, or a small collection growing its arrays), so 4 KB per thread.</summary>
    private const long Margin = ThreadCount * 4096;

    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(3);

    [Fact]
    public void Sustained_writes_under_allkeys_lru_stay_within_the_limit()
    {
        using var store = new DataStore(
            new RedisLiteOptions { MaxMemory = Limit, MaxMemoryPolicy = MaxMemoryPolicy.AllKeysLru },
            TimeProvider.System);
        var failures = new ConcurrentQueue<string>();
        var operations = new long[ThreadCount];
        long maxSeen = 0;
        using var ready = new Barrier(ThreadCount + 1);
        var clock = Stopwatch.StartNew();

        void Worker(int id)
        {
            var random = new Random(7000 + id);
            ready.SignalAndWait();
            while (clock.Elapsed < Duration && failures.IsEmpty)
            {
                operations[id]++;
                var n = random.Next(50_000);
                var key = "s:" + n.ToString(CultureInfo.InvariantCulture);
                try
                {
                    switch (random.Next(10))
                    {
                        case < 5:
                            // The value names its key, so the end check can tell a torn or misplaced value.
                            store.StringSet(key, key + "|" + new string('x', random.Next(10, 500)));
                            break;
                        case 5:
                            var value = store.StringGet(key);
                            if (!value.IsNull && !value.ToString()!.StartsWith(key + "|", StringComparison.Ordinal))
                            {
                                failures.Enqueue($"{key} held {value}");
                            }

                            break;
                        case 6:
                            store.KeyDelete(key);
                            break;
                        case 7:
                            var list = "l:" + (n % 500).ToString(CultureInfo.InvariantCulture);
                            store.ListLeftPush(list, new string('e', random.Next(1, 100)));
                            store.ListTrim(list, 0, 31);
                            break;
                        case 8:
                            store.HashSet("h:" + (n % 500).ToString(CultureInfo.InvariantCulture), "f" + (n % 40).ToString(CultureInfo.InvariantCulture), new string('h', random.Next(1, 100)));
                            break;
                        default:
                            store.SortedSetAdd("z:" + (n % 500).ToString(CultureInfo.InvariantCulture), "m" + (n % 40).ToString(CultureInfo.InvariantCulture), n);
                            break;
                    }
                }
                catch (RedisWrongTypeException)
                {
                    // Keys of one name space never change type; nothing else should fail.
                    failures.Enqueue("WRONGTYPE on " + key);
                }
                catch (RedisException ex)
                {
                    failures.Enqueue(ex.Message);
                }
            }
        }

        var threads = Enumerable.Range(0, ThreadCount).Select(i => new Thread(() => Worker(i))).ToArray();
        foreach (var thread in threads)
        {
            thread.Start();
        }

        ready.SignalAndWait();
        while (threads.Any(t => t.IsAlive))
        {
            maxSeen = Math.Max(maxSeen, store.UsedMemory);
            Thread.Yield();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        output.WriteLine($"{operations.Sum()} operations, {store.EvictedKeys} evictions, max used {maxSeen} of {Limit}, end {store.UsedMemory}");
        Assert.Empty(failures);
        Assert.True(store.EvictedKeys > 0);
        Assert.True(maxSeen <= Limit + Margin, $"max used {maxSeen}");
        Assert.True(store.UsedMemory <= Limit + Margin, $"used {store.UsedMemory}");

        // Integrity: the totals are exact and every surviving string still holds its own value.
        Assert.Empty(store.VerifyMemoryAccounting());
        foreach (var key in store.Keys("s:*"))
        {
            Assert.StartsWith(key + "|", store.StringGet(key).ToString()!, StringComparison.Ordinal);
        }
    }
}
