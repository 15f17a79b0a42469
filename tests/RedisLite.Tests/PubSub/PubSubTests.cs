using RedisLite.Tests.Infrastructure;

namespace RedisLite.Tests.PubSub;

/// <summary>In-process PUBLISH/SUBSCRIBE: receiver counts as Redis counts them, patterns, unsubscribe by dispose, order,
/// the three overflow policies with their dropped counts, handler delivery and the PUBSUB queries.</summary>
public sealed class PubSubTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static List<string> Drain(Subscription subscription)
    {
        var messages = new List<string>();
        while (subscription.Reader.TryRead(out var message))
        {
            messages.Add(message.IsPatternMatch ? $"{message.Pattern}|{message.Channel}|{message.Message}" : $"{message.Channel}|{message.Message}");
        }

        return messages;
    }

    [Fact]
    public void Publish_without_subscribers_reaches_nobody()
    {
        using var t = new TestStore();
        Assert.Equal(0, t.Store.Publish("news", "hello"));
    }

    [Fact]
    public void Publish_counts_channel_subscribers_and_matching_pattern_subscriptions()
    {
        using var t = new TestStore();
        using var a = t.Store.Subscribe("news.tech");
        using var b = t.Store.Subscribe("news.tech");
        using var c = t.Store.PatternSubscribe("news.*");
        using var d = t.Store.Subscribe(["news.tech"], ["news.t*", "other.*"]);
        using var e = t.Store.Subscribe("news.sport");

        // a, b, d's channel + c's pattern + d's matching pattern.
        Assert.Equal(5, t.Store.Publish("news.tech", "m1"));
        Assert.Equal(["news.tech|m1"], Drain(a));
        Assert.Equal(["news.tech|m1"], Drain(b));
        Assert.Equal(["news.*|news.tech|m1"], Drain(c));
        Assert.Equal(["news.tech|m1", "news.t*|news.tech|m1"], Drain(d));
        Assert.Empty(Drain(e));
    }

    [Fact]
    public void A_message_carries_its_channel_pattern_and_payload_as_bytes()
    {
        using var t = new TestStore();
        using var s = t.Store.Subscribe(["ch"], ["c?"]);
        var payload = new byte[] { 0, 255, 10 };
        t.Store.Publish("ch", payload);
        payload[0] = 7; // the store copied it
        Assert.True(s.Reader.TryRead(out var direct));
        Assert.Equal("ch", (string?)direct.Channel);
        Assert.True(direct.Pattern.IsNull);
        Assert.False(direct.IsPatternMatch);
        Assert.False(direct.IsShard);
        Assert.Equal(new byte[] { 0, 255, 10 }, (byte[]?)direct.Message);
        Assert.True(s.Reader.TryRead(out var matched));
        Assert.Equal("c?", (string?)matched.Pattern);
        Assert.True(matched.IsPatternMatch);
    }

    [Fact]
    public void Duplicate_channels_in_one_subscription_count_once()
    {
        using var t = new TestStore();
        using var s = t.Store.Subscribe(["x", "x", "y"], ["p*", "p*"]);
        Assert.Equal(["x", "y"], s.Channels.Select(c => (string?)c));
        Assert.Single(s.Patterns);
        Assert.Equal(1, t.Store.Publish("x", "1"));
        Assert.Equal(1, t.Store.PubSubPatternCount());
    }

    [Fact]
    public void Dispose_unsubscribes_every_channel_and_pattern()
    {
        using var t = new TestStore();
        var s = t.Store.Subscribe(["a", "b"], ["c*"]);
        Assert.Equal(1, t.Store.Publish("a", "1"));
        s.Dispose();
        Assert.True(s.IsClosed);
        Assert.True(s.Completion.IsCompletedSuccessfully);
        Assert.Equal(0, t.Store.Publish("a", "2"));
        Assert.Equal(0, t.Store.Publish("cx", "2"));
        Assert.Empty(t.Store.PubSubChannels());
        Assert.Equal(0, t.Store.PubSubPatternCount());
        Assert.Equal(0, t.Store.PubSubSubscriberCount);

        // What was buffered before the unsubscribe is still readable, then the reader ends.
        Assert.Equal(["a|1"], Drain(s));
        Assert.True(s.Reader.Completion.IsCompleted);
        s.Dispose();
    }

    [Fact]
    public async Task DisposeAsync_unsubscribes_too()
    {
        using var t = new TestStore();
        var s = t.Store.Subscribe("a");
        await s.DisposeAsync();
        Assert.Equal(0, t.Store.Publish("a", "1"));
    }

    [Fact]
    public void Channels_are_store_wide_not_per_database()
    {
        using var t = new TestStore();
        using var s = t.Db(3).Subscribe("a");
        Assert.Equal(1, t.Db(5).Publish("a", "1"));
        Assert.Equal(1, t.Store.Publish("a", "2"));
        Assert.Equal(["a|1", "a|2"], Drain(s));
    }

    [Fact]
    public void Messages_arrive_in_publish_order()
    {
        using var t = new TestStore();
        using var s = t.Store.Subscribe(["a", "b"]);
        for (var i = 0; i < 1000; i++)
        {
            t.Store.Publish(i % 2 == 0 ? "a" : "b", i);
        }

        Assert.Equal(Enumerable.Range(0, 1000).Select(i => $"{(i % 2 == 0 ? "a" : "b")}|{i}"), Drain(s));
    }

    [Fact]
    public void Disconnect_policy_closes_a_full_subscription_and_counts_the_lost_message()
    {
        using var t = new TestStore(o => o.PubSubBufferCapacity = 3);
        using var slow = t.Store.Subscribe("a");
        using var fast = t.Store.Subscribe("a");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(2, t.Store.Publish("a", i));
            Assert.True(fast.Reader.TryRead(out _));
        }

        // The fourth does not fit: the slow subscriber is dropped, as Redis drops a client past its output limit.
        Assert.Equal(2, t.Store.Publish("a", 3));
        Assert.True(slow.IsClosed);
        Assert.Equal(1, slow.DroppedMessages);
        Assert.Equal(1, t.Store.PubSubDroppedMessages);
        var error = Assert.Throws<AggregateException>(() => slow.Completion.Wait(Wait));
        Assert.IsType<SubscriptionOverflowException>(error.InnerException);
        Assert.Equal(1, t.Store.Publish("a", 4));
        Assert.Equal([1L], t.Store.PubSubSubscriberCounts("a"));

        // The buffered messages are still there, then the reader ends with the overflow.
        Assert.Equal(["a|0", "a|1", "a|2"], Drain(slow));
        Assert.IsType<SubscriptionOverflowException>(slow.Reader.Completion.Exception?.InnerException);
        Assert.Equal(["a|3", "a|4"], Drain(fast));
    }

    [Fact]
    public void Disconnect_counts_both_copies_lost_when_a_channel_and_pattern_subscriber_overflows()
    {
        using var t = new TestStore(o => o.PubSubBufferCapacity = 2);
        using var both = t.Store.Subscribe(["c"], ["c*"]);

        Assert.Equal(2, t.Store.Publish("c", "first"));   // two copies fill the buffer
        Assert.Equal(2, t.Store.Publish("c", "second"));  // the channel copy overflows; the pattern copy is lost with it

        Assert.True(both.IsClosed);
        Assert.Equal(2, both.DroppedMessages);
        Assert.Equal(2, t.Store.PubSubDroppedMessages);
        Assert.Equal(4, Drain(both).Count + both.DroppedMessages);
    }

    [Fact]
    public void DropOldest_policy_keeps_the_latest_messages()
    {
        using var t = new TestStore(o =>
        {
            o.PubSubBufferCapacity = 3;
            o.PubSubOverflow = PubSubOverflow.DropOldest;
        });
        using var s = t.Store.Subscribe("a");
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(1, t.Store.Publish("a", i));
        }

        Assert.False(s.IsClosed);
        Assert.Equal(7, s.DroppedMessages);
        Assert.Equal(7, t.Store.PubSubDroppedMessages);
        Assert.Equal(["a|7", "a|8", "a|9"], Drain(s));
    }

    [Fact]
    public void DropNewest_policy_keeps_the_earliest_messages()
    {
        using var t = new TestStore(o =>
        {
            o.PubSubBufferCapacity = 3;
            o.PubSubOverflow = PubSubOverflow.DropNewest;
        });
        using var s = t.Store.Subscribe("a");
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(1, t.Store.Publish("a", i));
        }

        Assert.False(s.IsClosed);
        Assert.Equal(7, s.DroppedMessages);
        Assert.Equal(["a|0", "a|1", "a|2"], Drain(s));

        // Room again: new messages are accepted.
        t.Store.Publish("a", 10);
        Assert.Equal(["a|10"], Drain(s));
    }

    [Fact]
    public async Task A_handler_receives_every_message_in_order()
    {
        using var t = new TestStore();
        var received = new List<string>();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var s = t.Store.Subscribe("a", m =>
        {
            received.Add((string)m.Message!);
            if (received.Count == 100)
            {
                done.SetResult();
            }
        });
        for (var i = 0; i < 100; i++)
        {
            t.Store.Publish("a", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        await done.Task.WaitAsync(Wait);
        Assert.Equal(Enumerable.Range(0, 100).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), received);
    }

    [Fact]
    public async Task A_slow_handler_does_not_block_the_publisher()
    {
        using var t = new TestStore(o => o.PubSubOverflow = PubSubOverflow.DropNewest);
        using var gate = new ManualResetEventSlim();
        using var s = t.Store.Subscribe("a", _ => gate.Wait());
        for (var i = 0; i < 20_000; i++)
        {
            t.Store.Publish("a", i);
        }

        // The handler is stuck on its first message: the rest filled the buffer and the surplus was dropped.
        Assert.InRange(s.DroppedMessages, 20_000 - 10_001, 20_000 - 10_000);
        gate.Set();
        s.Dispose();
        await s.Completion.WaitAsync(Wait);
    }

    [Fact]
    public async Task A_throwing_handler_closes_its_subscription_with_the_exception()
    {
        using var t = new TestStore();
        var s = t.Store.Subscribe("a", _ => throw new InvalidOperationException("boom"));
        t.Store.Publish("a", "1");
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => s.Completion.WaitAsync(Wait));
        Assert.Equal("boom", error.Message);
        Assert.True(s.IsClosed);
        Assert.Equal(0, t.Store.Publish("a", "2"));
    }

    [Fact]
    public async Task ReadAllAsync_ends_after_dispose_once_the_buffer_is_drained()
    {
        using var t = new TestStore();
        var s = t.Store.Subscribe("a");
        t.Store.Publish("a", "1");
        t.Store.Publish("a", "2");
        s.Dispose();
        var seen = new List<string>();
        await foreach (var message in s.ReadAllAsync().WithCancellation(CancellationToken.None))
        {
            seen.Add((string)message.Message!);
        }

        Assert.Equal(["1", "2"], seen);
    }

    [Fact]
    public async Task Disposing_the_store_completes_its_subscriptions()
    {
        var t = new TestStore();
        var s = t.Store.Subscribe("a");
        t.Dispose();
        await s.Completion.WaitAsync(Wait);
        Assert.True(s.IsClosed);
        Assert.Throws<ObjectDisposedException>(() => t.Store.Subscribe("b"));
    }

    [Fact]
    public void Shard_channels_are_their_own_namespace()
    {
        using var t = new TestStore();
        using var shard = t.Store.ShardSubscribe(["s"]);
        using var plain = t.Store.Subscribe("s");
        using var pattern = t.Store.PatternSubscribe("*");
        Assert.True(shard.IsShard);

        // SPUBLISH reaches only SSUBSCRIBE'd clients; patterns never match shard channels.
        Assert.Equal(1, t.Store.ShardPublish("s", "1"));
        Assert.True(shard.Reader.TryRead(out var message));
        Assert.True(message.IsShard);
        Assert.Empty(Drain(plain));
        Assert.Empty(Drain(pattern));

        Assert.Equal(2, t.Store.Publish("s", "2"));
        Assert.Empty(Drain(shard));

        Assert.Equal(["s"], t.Store.PubSubShardChannels().Select(c => (string?)c));
        Assert.Equal([1L, 0L], t.Store.PubSubShardSubscriberCounts("s", "t"));
    }

    [Fact]
    public void PubSub_queries_report_channels_counts_and_patterns()
    {
        using var t = new TestStore();
        using var a = t.Store.Subscribe(["news.tech", "news.sport"], ["n*", "x?"]);
        using var b = t.Store.Subscribe(["news.tech"], ["n*"]);
        Assert.Equal(["news.sport", "news.tech"], t.Store.PubSubChannels().Select(c => (string?)c).Order());
        Assert.Equal(["news.tech"], t.Store.PubSubChannels("*tech").Select(c => (string?)c));
        Assert.Equal([2L, 1L, 0L], t.Store.PubSubSubscriberCounts("news.tech", "news.sport", "none"));
        Assert.Empty(t.Store.PubSubSubscriberCounts());

        // NUMPAT counts distinct patterns, not subscriptions to them (Redis 7).
        Assert.Equal(2, t.Store.PubSubPatternCount());
        Assert.Equal(2, t.Store.PubSubSubscriberCount);

        // The cheap counters for INFO and metrics agree.
        using var shard = t.Store.ShardSubscribe(["s1"]);
        var hub = t.Store.PubSubHub;
        Assert.Equal((3, 2, 2, 1), (hub.SubscriberCount, hub.ChannelCount, hub.PatternCount, hub.ShardChannelCount));
    }

    [Fact]
    public void Info_reports_channels_and_patterns_and_counts_pub_sub_commands()
    {
        using var t = new TestStore();
        var before = t.Store.Info().TotalCommandsProcessed;
        using var a = t.Store.Subscribe(["x", "y"], ["p*", "q*"]);
        using var b = t.Store.Subscribe(["x"], ["p*"]);
        t.Store.Publish("x", "1");
        var info = t.Store.Info();
        Assert.Equal((2L, 2L), (info.PubSubChannels, info.PubSubPatterns));
        Assert.Equal(before + 3 + 1, info.TotalCommandsProcessed); // the Info() call counts too
    }

    [Fact]
    public void Arguments_are_checked_as_Redis_checks_them()
    {
        using var t = new TestStore();
        RedisAssert.Throws("ERR wrong number of arguments for 'subscribe' command", () => t.Store.Subscribe([]));
        RedisAssert.Throws("ERR wrong number of arguments for 'subscribe' command", () => t.Store.Subscribe([], []));
        RedisAssert.Throws("ERR wrong number of arguments for 'ssubscribe' command", () => t.Store.ShardSubscribe([]));
        Assert.Throws<ArgumentNullException>(() => t.Store.Subscribe((IEnumerable<RedisKey>)null!));
        Assert.Throws<ArgumentException>(() => t.Store.Subscribe([default(RedisKey)]));
        Assert.Throws<ArgumentException>(() => t.Store.Publish(default, "x"));
        Assert.Throws<ArgumentException>(() => t.Store.Publish("a", RedisValue.Null));
        Assert.Throws<ArgumentNullException>(() => t.Store.PubSubSubscriberCounts(null!));
    }

    [Fact]
    public void Options_are_validated()
    {
        Assert.Throws<ArgumentException>(() => new DataStore(new RedisLiteOptions { PubSubBufferCapacity = 0 }));
        Assert.Throws<ArgumentException>(() => new DataStore(new RedisLiteOptions { PubSubOverflow = (PubSubOverflow)9 }));
        var error = Assert.Throws<ArgumentException>(() => new DataStore(new RedisLiteOptions { NotifyKeyspaceEvents = "KEq" }));
        Assert.Contains("NotifyKeyspaceEvents", error.Message, StringComparison.Ordinal);
        Assert.Contains("Ag$lshzxeKEtmdn", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubscribeAsync_in_process_is_in_force_when_it_completes()
    {
        using var t = new TestStore();
        await using var s = await t.Store.SubscribeAsync(["a"]);
        Assert.Equal(1, t.Store.Publish("a", "1"));
    }
}
