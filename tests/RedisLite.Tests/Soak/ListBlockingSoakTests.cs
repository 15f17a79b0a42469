using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace RedisLite.Tests.Soak;

/// <summary>
/// Producers push unique elements onto a few lists while consumers take them with every kind of pop: plain and counted
/// pops, LMPOP, LMOVE between the lists, and the blocking BLPOP, BRPOP, BLMPOP, BLMOVE with short timeouts, waits
/// forever and random cancellations racing with the pushes. At the end every element produced must have been consumed
/// exactly once or still be in a list, and no call may be left blocked. Real clock, no sleeps.
/// </summary>
[Trait("Category", "Soak")]
public sealed class ListBlockingSoakTests(ITestOutputHelper output)
{
    private const int Producers = 2;
    private const int Consumers = 6;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(3);

    private static readonly RedisKey[] Lists = Enumerable.Range(0, 6).Select(i => (RedisKey)("soak:list:" + i.ToString(CultureInfo.InvariantCulture))).ToArray();

    [Fact]
    public async Task Every_element_is_delivered_exactly_once_under_concurrent_blocking_pops_moves_and_cancellations()
    {
        using var store = new DataStore(new RedisLiteOptions(), TimeProvider.System);
        var produced = new ConcurrentBag<string>();
        var consumed = new ConcurrentBag<string>();
        var failures = new ConcurrentQueue<string>();
        long cancelled = 0, timedOut = 0, blockingServed = 0;
        using var stop = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();

        void Take(RedisValue value)
        {
            if (value.IsNull)
            {
                failures.Enqueue("a pop returned a null element");
                return;
            }

            consumed.Add(value.ToString()!);
        }

        void Produce(int id)
        {
            var random = new Random(100 + id);
            var seq = 0;
            while (clock.Elapsed < Duration && failures.IsEmpty)
            {
                var key = Lists[random.Next(Lists.Length)];
                var n = random.Next(1, 4);
                var values = new RedisValue[n];
                for (var i = 0; i < n; i++)
                {
                    var element = $"p{id}:{seq++}";
                    produced.Add(element);
                    values[i] = element;
                }

                if (random.Next(2) == 0)
                {
                    store.ListLeftPush(key, values);
                }
                else
                {
                    store.ListRightPush(key, values);
                }

                // Produce more slowly than the consumers take, so lists run empty and blocking calls really wait.
                Thread.SpinWait(random.Next(100, 20_000));
            }
        }

        async Task Consume(int id)
        {
            var random = new Random(200 + id);
            while (!stop.IsCancellationRequested && failures.IsEmpty)
            {
                var key = Lists[random.Next(Lists.Length)];
                var keys = Enumerable.Range(0, random.Next(1, 4)).Select(_ => Lists[random.Next(Lists.Length)]).ToArray();
                var op = random.Next(10);
                try
                {
                    switch (op)
                    {
                        case 0:
                            var one = random.Next(2) == 0 ? store.ListLeftPop(key) : store.ListRightPop(key);
                            if (!one.IsNull)
                            {
                                Take(one);
                            }

                            break;
                        case 1:
                            foreach (var v in store.ListRightPop(key, random.Next(0, 4)) ?? [])
                            {
                                Take(v);
                            }

                            break;
                        case 2:
                            foreach (var v in store.ListPop(keys, ListSide.Left, random.Next(1, 4))?.Values ?? [])
                            {
                                Take(v);
                            }

                            break;
                        case 3:
                            // Moves keep the element in the system; it must still be counted once at the end.
                            store.ListMove(key, Lists[random.Next(Lists.Length)], ListSide.Left, ListSide.Right);
                            break;
                        case 4:
                            await store.ListMoveBlockingAsync(key, Lists[random.Next(Lists.Length)], ListSide.Right, ListSide.Left, TimeSpan.FromMilliseconds(random.Next(1, 10)), stop.Token);
                            break;
                        default:
                        {
                            using var cts = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
                            var timeout = random.Next(4) == 0 ? TimeSpan.Zero : TimeSpan.FromMilliseconds(random.Next(1, 20));
                            Task<(RedisKey Key, RedisValue Value)?>? single = null;
                            Task<ListPopResult?>? multi = null;
                            if (op == 9)
                            {
                                multi = store.ListPopBlockingAsync(keys, ListSide.Right, timeout, random.Next(1, 3), cts.Token);
                            }
                            else
                            {
                                single = op % 2 == 0
                                    ? store.ListLeftPopBlockingAsync(keys, timeout, cts.Token)
                                    : store.ListRightPopBlockingAsync(keys, timeout, cts.Token);
                            }

                            // Cancel at a random moment, racing with the producers' pushes (always, when waiting forever).
                            Task canceller = Task.CompletedTask;
                            if (timeout == TimeSpan.Zero || random.Next(3) == 0)
                            {
                                var delay = random.Next(0, 5);
                                canceller = Task.Run(() =>
                                {
                                    if (delay > 0)
                                    {
                                        Thread.SpinWait(delay * 1000);
                                    }

                                    cts.Cancel();
                                });
                            }

                            try
                            {
                            if (single is not null)
                            {
                                var result = await single;
                                if (result is { } r)
                                {
                                    Interlocked.Increment(ref blockingServed);
                                    Take(r.Value);
                                }
                                else
                                {
                                    Interlocked.Increment(ref timedOut);
                                }
                            }
                            else
                            {
                                var result = await multi!;
                                if (result is not null)
                                {
                                    Interlocked.Increment(ref blockingServed);
                                    foreach (var v in result.Values)
                                    {
                                        Take(v);
                                    }
                                }
                                else
                                {
                                    Interlocked.Increment(ref timedOut);
                                }
                            }

                            }
                            finally
                            {
                                await canceller;
                            }

                            break;
                        }
                    }
                }
                catch (OperationCanceledException)
                {
                    Interlocked.Increment(ref cancelled);
                }
                catch (Exception ex)
                {
                    failures.Enqueue($"consumer {id}: {ex}");
                }
            }
        }

        var consumers = Enumerable.Range(0, Consumers).Select(i => Task.Run(() => Consume(i))).ToArray();
        var producers = Enumerable.Range(0, Producers).Select(i => Task.Factory.StartNew(() => Produce(i), TaskCreationOptions.LongRunning)).ToArray();
        await Task.WhenAll(producers);

        // How far consumers got depends on the machine's load; let them drain the lists (so blocking calls wait on
        // empty keys and time out) before stopping them. Bounded, so a lost element fails below instead of hanging.
        var drainDeadline = Stopwatch.StartNew();
        while ((Interlocked.Read(ref timedOut) == 0 || Lists.Any(k => store.ListLength(k) > 0)) && failures.IsEmpty
            && drainDeadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(5);
        }

        await stop.CancelAsync();
        await Task.WhenAll(consumers).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(failures.IsEmpty, string.Join(Environment.NewLine, failures));

        // Calls that timed out or were cancelled after the last push may need a moment to unregister: they do so as
        // they complete, and every consumer has awaited its own call, so nothing may be left.
        Assert.Equal(0, store.BlockedCallCount);

        var remaining = new List<string>();
        foreach (var key in Lists)
        {
            remaining.AddRange(store.ListRange(key).Select(v => v.ToString()!));
        }

        var all = consumed.Concat(remaining).ToList();
        var duplicates = all.GroupBy(e => e).Where(g => g.Count() > 1).Select(g => g.Key).Take(5).ToArray();
        Assert.True(duplicates.Length == 0, "delivered twice: " + string.Join(", ", duplicates));
        var lost = produced.Except(all).Take(5).ToArray();
        Assert.True(lost.Length == 0, "lost: " + string.Join(", ", lost));
        Assert.Equal(produced.Count, all.Count);

        output.WriteLine($"produced {produced.Count}, consumed {consumed.Count}, left {remaining.Count}; blocking served {blockingServed}, timed out {timedOut}, cancelled {cancelled}.");
        Assert.True(blockingServed > 0 && cancelled > 0 && timedOut > 0, "the workload must exercise serving, timeouts and cancellations");
    }
}
