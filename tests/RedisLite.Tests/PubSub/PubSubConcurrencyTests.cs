using System.Collections.Concurrent;
using RedisLite.Tests.Infrastructure;

namespace RedisLite.Tests.PubSub;

/// <summary>Publishers and subscribers under load: every message published to a subscriber is either received or
/// counted as dropped, each publisher's messages arrive in its order, and subscribers coming and going meanwhile
/// neither lose nor duplicate anything for the others.</summary>
public sealed class PubSubConcurrencyTests
{
    private const int Publishers = 4;
    private const int PerPublisher = 5_000;

    [Theory]
    [InlineData(PubSubOverflow.DropNewest, 64)]
    [InlineData(PubSubOverflow.DropOldest, 64)]
    [InlineData(PubSubOverflow.Disconnect, 1_000_000)]
    public async Task Every_message_is_received_or_counted_as_dropped_in_per_publisher_order(PubSubOverflow overflow, int capacity)
    {
        using var t = new TestStore(o =>
        {
            o.PubSubOverflow = overflow;
            o.PubSubBufferCapacity = capacity;
        });
        var subscriptions = new[]
        {
            t.Store.Subscribe("load"),
            t.Store.Subscribe("load"),
            t.Store.PatternSubscribe("lo*"),
            t.Store.Subscribe(["load", "other"], ["l?ad"]),
        };
        var readers = subscriptions.Select(s => Task.Run(async () =>
        {
            var received = new List<(int Publisher, int Sequence)>();
            await foreach (var message in s.ReadAllAsync())
            {
                var text = (string)message.Message!;
                var dot = text.IndexOf('.', StringComparison.Ordinal);
                received.Add((int.Parse(text[..dot], System.Globalization.CultureInfo.InvariantCulture), int.Parse(text[(dot + 1)..], System.Globalization.CultureInfo.InvariantCulture)));
            }

            return received;
        })).ToArray();

        // Subscribers that come and go while the load runs must not disturb the others.
        using var churnStop = new CancellationTokenSource();
        var churn = Task.Run(() =>
        {
            var rounds = 0;
            while (!churnStop.IsCancellationRequested && rounds++ < 100_000)
            {
                using var s = rounds % 2 == 0 ? t.Store.Subscribe("load") : t.Store.PatternSubscribe("*");
            }
        });

        var receiverCounts = new long[Publishers];
        await Task.WhenAll(Enumerable.Range(0, Publishers).Select(p => Task.Run(() =>
        {
            for (var i = 0; i < PerPublisher; i++)
            {
                receiverCounts[p] += t.Store.Publish("load", $"{p}.{i}");
            }
        })));
        await churnStop.CancelAsync();
        await churn;

        foreach (var s in subscriptions)
        {
            s.Dispose();
        }

        var results = await Task.WhenAll(readers);
        long expectedDeliveries = 0;
        for (var i = 0; i < subscriptions.Length; i++)
        {
            var received = results[i];
            var deliveries = i == 3 ? 2 : 1; // the last one listens by channel and by pattern
            expectedDeliveries += deliveries * Publishers * PerPublisher;
            Assert.Equal(deliveries * Publishers * PerPublisher, received.Count + subscriptions[i].DroppedMessages);

            // Per publisher, sequences only grow (for the double listener, per delivery path: each at most twice).
            foreach (var group in received.GroupBy(r => r.Publisher))
            {
                var seen = new Dictionary<int, int>();
                var last = -1;
                foreach (var (_, sequence) in group)
                {
                    seen[sequence] = seen.GetValueOrDefault(sequence) + 1;
                    Assert.True(seen[sequence] <= deliveries, $"duplicate {group.Key}.{sequence}");
                    if (deliveries == 1)
                    {
                        Assert.True(sequence > last, $"publisher {group.Key}: {sequence} after {last}");
                        last = sequence;
                    }
                }
            }

            if (overflow == PubSubOverflow.Disconnect)
            {
                Assert.Equal(0, subscriptions[i].DroppedMessages);
            }
        }

        // What the publishers were told equals what reached (or was dropped by) the stable subscribers plus the
        // churning ones, which are at most one at a time.
        Assert.InRange(receiverCounts.Sum(), expectedDeliveries, expectedDeliveries + Publishers * PerPublisher);
        // The store-wide count also holds what the churning subscribers (never read) dropped: at most what reached them.
        var stableDropped = subscriptions.Sum(s => s.DroppedMessages);
        Assert.InRange(t.Store.PubSubDroppedMessages - stableDropped, 0, receiverCounts.Sum() - expectedDeliveries);
        Assert.Equal(0, t.Store.PubSubSubscriberCount);
    }

    [Fact]
    public async Task Handlers_under_load_see_each_publisher_in_order()
    {
        using var t = new TestStore(o => o.PubSubBufferCapacity = 1_000_000);
        var received = new ConcurrentQueue<string>();
        var count = 0;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var s = t.Store.Subscribe("h", m =>
        {
            received.Enqueue((string)m.Message!);
            if (Interlocked.Increment(ref count) == Publishers * PerPublisher)
            {
                done.SetResult();
            }
        });
        await Task.WhenAll(Enumerable.Range(0, Publishers).Select(p => Task.Run(() =>
        {
            for (var i = 0; i < PerPublisher; i++)
            {
                t.Store.Publish("h", $"{p}.{i}");
            }
        })));
        await done.Task.WaitAsync(TimeSpan.FromSeconds(30));
        foreach (var group in received.GroupBy(m => m[..m.IndexOf('.', StringComparison.Ordinal)]))
        {
            Assert.Equal(Enumerable.Range(0, PerPublisher), group.Select(m => int.Parse(m[(m.IndexOf('.', StringComparison.Ordinal) + 1)..], System.Globalization.CultureInfo.InvariantCulture)));
        }
    }
}
