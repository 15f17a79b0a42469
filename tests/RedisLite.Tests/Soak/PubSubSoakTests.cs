using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace RedisLite.Tests.Soak;

/// <summary>
/// Keyspace notifications and pub/sub under a mixed write load for a few seconds, on the real clock with a fast active
/// expiry cycle: writers of every family, a handler that writes back to the store for every expired key (publishing
/// happens inside shard write scopes, so this would deadlock if delivery ran on the publisher's thread), subscribers
/// that come and go, and a chat publisher whose order is checked. At the end every <c>set</c> and every <c>expired</c>
/// is accounted for, nothing was dropped, and no subscription is left.
/// </summary>
[Trait("Category", "Soak")]
public sealed class PubSubSoakTests(ITestOutputHelper output)
{
    private const int Writers = 3;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Drain = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Notifications_and_messages_are_all_accounted_for_under_load()
    {
        using var store = new DataStore(
            new RedisLiteOptions
            {
                ActiveExpiry = true,
                ActiveExpiryInterval = TimeSpan.FromMilliseconds(5),
                NotifyKeyspaceEvents = "KEA",
                PubSubBufferCapacity = 1_000_000,
            },
            TimeProvider.System);

        long setEvents = 0, expiredEvents = 0;
        using var sets = store.Subscribe("__keyevent@0__:set", _ => Interlocked.Increment(ref setEvents));
        using var expired = store.Subscribe("__keyevent@0__:expired", m =>
        {
            // Writing from the handler: its own notifications flow while publishers hold shard locks.
            store.HashIncrement("ps:stats", "expired");
            Interlocked.Increment(ref expiredEvents);
        });
        using var everything = store.PatternSubscribe("__key*@*__:*", _ => { });

        var failures = new ConcurrentQueue<string>();
        var successfulSets = new long[Writers];
        var clock = Stopwatch.StartNew();
        using var ready = new Barrier(Writers + 2);

        void Writer(int id)
        {
            var random = new Random(7_000 + id);
            ready.SignalAndWait();
            while (clock.Elapsed < Duration && failures.IsEmpty)
            {
                var key = "ps:k" + random.Next(32).ToString(CultureInfo.InvariantCulture);
                try
                {
                    switch (random.Next(10))
                    {
                        case 0 or 1:
                            if (store.StringSet(key, "v", random.Next(3) == 0 ? Expiration.In(TimeSpan.FromMilliseconds(random.Next(1, 5))) : Expiration.None))
                            {
                                successfulSets[id]++;
                            }

                            break;
                        case 2:
                            store.KeyDelete(key);
                            break;
                        case 3:
                            store.ListLeftPush("ps:l" + key, "x");
                            store.ListRightPop("ps:l" + key);
                            break;
                        case 4:
                            store.SetAdd("ps:s" + key, random.Next(4));
                            store.KeyExpire("ps:s" + key, TimeSpan.FromMilliseconds(random.Next(1, 5)));
                            break;
                        case 5:
                            store.SortedSetAdd("ps:z" + key, "m", random.Next(10));
                            store.SortedSetPop("ps:z" + key);
                            break;
                        case 6:
                            store.HashSet("ps:h" + key, "f", "v");
                            store.HashDelete("ps:h" + key, "f");
                            break;
                        case 7:
                            store.RunAtomic(d =>
                            {
                                if (d.StringSet(key, "atomic"))
                                {
                                    successfulSets[id]++;
                                }

                                d.KeyExpire(key, TimeSpan.FromMilliseconds(2));
                            });
                            break;
                        default:
                            _ = store.StringGet(key);
                            break;
                    }
                }
                catch (RedisWrongTypeException)
                {
                    // Keys are shared between families on purpose; a wrong type is an expected answer.
                }
                catch (Exception ex)
                {
                    failures.Enqueue($"writer {id}: {ex}");
                }
            }
        }

        var chatSent = 0;
        void Chat()
        {
            ready.SignalAndWait();
            // Bounded so that the buffered backlog stays small on a busy machine.
            while (clock.Elapsed < Duration && failures.IsEmpty && chatSent < 200_000)
            {
                store.Publish("ps:chat", chatSent++);
            }
        }

        var churned = 0;
        void Churn()
        {
            ready.SignalAndWait();
            while (clock.Elapsed < Duration && failures.IsEmpty)
            {
                using var s = churned++ % 2 == 0 ? store.PatternSubscribe("__keyspace@0__:ps:k1*") : store.Subscribe("ps:chat", _ => { });
            }
        }

        using var chat = store.Subscribe("ps:chat");
        var chatReader = Task.Run(async () =>
        {
            var expected = 0;
            await foreach (var message in chat.ReadAllAsync())
            {
                if ((int)message.Message != expected++)
                {
                    failures.Enqueue($"chat: {message.Message} where {expected - 1} was expected");
                }
            }

            return expected;
        });

        var threads = Enumerable.Range(0, Writers).Select(i => new Thread(() => Writer(i)))
            .Append(new Thread(Chat)).Append(new Thread(Churn)).ToArray();
        foreach (var thread in threads)
        {
            thread.Start();
        }

        foreach (var thread in threads)
        {
            Assert.True(thread.Join(Duration + Drain), "a worker did not finish: deadlock?");
        }

        chat.Dispose();
        var chatReceived = await chatReader.WaitAsync(Drain);

        var expectedSets = successfulSets.Sum();
        Assert.True(SpinWait.SpinUntil(() => Interlocked.Read(ref setEvents) == expectedSets, Drain), $"set events {setEvents} of {expectedSets}");

        // Keys with a few milliseconds left keep expiring for a moment; then the active cycle has reclaimed them all and
        // every reclaimed key has been announced once and handled once.
        Assert.True(
            SpinWait.SpinUntil(
                () =>
                {
                    var handled = Interlocked.Read(ref expiredEvents);
                    return handled == store.ExpiredKeys && ((long?)store.HashGet("ps:stats", "expired") ?? 0) == handled;
                },
                Drain),
            $"expired events {expiredEvents} of {store.ExpiredKeys}");
        Assert.Empty(failures);
        Assert.Equal(chatSent, chatReceived);
        Assert.Equal(0, store.PubSubDroppedMessages);
        output.WriteLine($"sets {expectedSets}, expired {expiredEvents}, chat {chatSent}, churned subscriptions {churned}");
    }
}
