using System.Globalization;
using RedisLite.Client;
using RedisLite.Tests.Client;
using RedisLite.Tests.Conformance;

namespace RedisLite.Tests.PubSub;

/// <summary>Pub/sub through <see cref="RemoteDataStore"/> against redis-server, over RESP2 and RESP3: handlers, the
/// client-side buffer's overflow policies, a lost subscriber connection, and publishers under load.</summary>
/// <param name="server">This class's server.</param>
public sealed class RemotePubSubTests(RedisServerFixture server) : IClassFixture<RedisServerFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private RemoteDataStore Connect(int protocol, int capacity = 10_000, PubSubOverflow overflow = PubSubOverflow.Disconnect)
    {
        var store = new RemoteDataStore(new RemoteDataStoreOptions
        {
            Host = "127.0.0.1",
            Port = server.Port,
            Protocol = protocol,
            PubSubBufferCapacity = capacity,
            PubSubOverflow = overflow,
            ConnectTimeout = Wait,
            CommandTimeout = Wait,
        });
        store.Connect();
        return store;
    }

    [RedisTheory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task A_handler_receives_messages_in_order(int protocol)
    {
        using var store = Connect(protocol);
        var channel = $"rp.h{protocol}";
        var received = new List<string>();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var s = await store.SubscribeAsync([channel], [channel + "*"], m =>
        {
            received.Add($"{m.Pattern}|{m.Message}");
            if (received.Count == 40)
            {
                done.SetResult();
            }
        });
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(2, store.Publish(channel, i));
        }

        await done.Task.WaitAsync(Wait);
        Assert.Equal(
            Enumerable.Range(0, 20).SelectMany(i => new[] { $"|{i}", $"{channel}*|{i}" }),
            received);
    }

    [RedisTheory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task A_full_buffer_under_Disconnect_closes_the_subscription_and_its_connection(int protocol)
    {
        using var store = Connect(protocol, capacity: 2);
        var channel = $"rp.o{protocol}";
        var s = store.Subscribe(channel);
        for (var i = 0; i < 5; i++)
        {
            store.Publish(channel, i);
        }

        await Assert.ThrowsAsync<SubscriptionOverflowException>(() => s.Completion.WaitAsync(Wait));
        Assert.True(s.IsClosed);
        Assert.True(s.DroppedMessages >= 1);
        Assert.True(s.Reader.TryRead(out var first));
        Assert.Equal("0", (string?)first.Message);
        s.Dispose();
    }

    [RedisTheory]
    [InlineData(2, PubSubOverflow.DropOldest, "7,8,9")]
    [InlineData(3, PubSubOverflow.DropOldest, "7,8,9")]
    [InlineData(2, PubSubOverflow.DropNewest, "0,1,2")]
    [InlineData(3, PubSubOverflow.DropNewest, "0,1,2")]
    public void Drop_policies_keep_the_subscription_and_count_what_they_drop(int protocol, PubSubOverflow overflow, string kept)
    {
        using var store = Connect(protocol, capacity: 3, overflow: overflow);
        var channel = $"rp.d{protocol}{overflow}";
        using var s = store.Subscribe(channel);
        for (var i = 0; i < 10; i++)
        {
            store.Publish(channel, i);
        }

        // The messages arrive on the subscriber's own connection; wait (bounded) until all ten are accounted for.
        Assert.True(SpinWait.SpinUntil(() => s.DroppedMessages == 7, Wait), $"dropped {s.DroppedMessages}");
        var read = new List<string>();
        while (s.Reader.TryRead(out var message))
        {
            read.Add((string)message.Message!);
        }

        Assert.Equal(kept, string.Join(",", read));
        Assert.False(s.IsClosed);
        Assert.Equal(1, store.Publish(channel, "still"));
    }

    [RedisTheory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task A_killed_subscriber_connection_completes_the_subscription_with_the_error(int protocol)
    {
        using var store = Connect(protocol);
        var s = store.Subscribe($"rp.k{protocol}");
        using (var admin = new RawRedisConnection(server.Port))
        {
            admin.Call("CLIENT", "KILL", "TYPE", "pubsub");
        }

        await Assert.ThrowsAsync<RedisConnectionException>(() => s.Completion.WaitAsync(Wait));
        Assert.True(s.IsClosed);
        s.Dispose();

        // The shared connection is unaffected.
        Assert.Equal(0, store.Publish($"rp.k{protocol}", "x"));
    }

    [RedisTheory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task A_subscribe_the_server_refuses_fails_with_its_error(int protocol)
    {
        var user = $"nosub{protocol}";
        using (var admin = new RawRedisConnection(server.Port))
        {
            admin.Call("ACL", "SETUSER", user, "reset", "on", ">secret", "~*", "&*", "+@all", "-subscribe", "-psubscribe");
        }

        using var store = new RemoteDataStore(new RemoteDataStoreOptions
        {
            Host = "127.0.0.1",
            Port = server.Port,
            Protocol = protocol,
            User = user,
            Password = "secret",
            ConnectTimeout = Wait,
            CommandTimeout = Wait,
        });
        var error = await Assert.ThrowsAsync<RedisException>(() => store.SubscribeAsync(["rp.denied"]));
        Assert.StartsWith("NOPERM", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, store.Publish("rp.denied", "x"));
    }

    [RedisTheory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Disposing_the_store_ends_its_subscriptions(int protocol)
    {
        var store = Connect(protocol);
        var s = store.Subscribe($"rp.end{protocol}");
        var view = store.GetDatabase(1);
        var fromView = view.PatternSubscribe($"rp.end{protocol}*");
        store.Dispose();
        await s.Completion.WaitAsync(Wait);
        await fromView.Completion.WaitAsync(Wait);
        Assert.True(s.IsClosed);
        s.Dispose();

        using var other = Connect(protocol);
        Assert.True(SpinWait.SpinUntil(() => other.PubSubSubscriberCounts($"rp.end{protocol}")[0] == 0 && other.PubSubPatternCount() == 0, Wait));
    }

    [RedisTheory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Concurrent_publishers_reach_every_subscriber_in_per_publisher_order(int protocol)
    {
        const int publishers = 4, perPublisher = 300;
        using var store = Connect(protocol);
        var channel = $"rp.c{protocol}";
        var subscriptions = new[] { store.Subscribe(channel), store.PatternSubscribe("rp.c*") };
        try
        {
            await Task.WhenAll(Enumerable.Range(0, publishers).Select(p => Task.Run(() =>
            {
                for (var i = 0; i < perPublisher; i++)
                {
                    Assert.Equal(2, store.Publish(channel, $"{p}.{i}"));
                }
            })));

            foreach (var s in subscriptions)
            {
                var next = new int[publishers];
                using var timeout = new CancellationTokenSource(Wait);
                for (var n = 0; n < publishers * perPublisher; n++)
                {
                    var text = (string)(await s.Reader.ReadAsync(timeout.Token)).Message!;
                    var p = int.Parse(text[..text.IndexOf('.', StringComparison.Ordinal)], CultureInfo.InvariantCulture);
                    Assert.Equal($"{p}.{next[p]}", text);
                    next[p]++;
                }

                Assert.Equal(0, s.DroppedMessages);
            }
        }
        finally
        {
            foreach (var s in subscriptions)
            {
                await s.DisposeAsync();
            }
        }

        Assert.Equal([0L], store.PubSubSubscriberCounts(channel));
    }
}
