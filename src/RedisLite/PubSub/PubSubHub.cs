using RedisLite.Blocking;
using RedisLite.Keyspace;

namespace RedisLite.PubSub;

/// <summary>
/// The channels, shard channels and patterns of one store and the subscriptions listening to them (Redis's
/// <c>pubsub_channels</c>, <c>pubsub_patterns</c> and the shard channels' table).
/// </summary>
/// <remarks>
/// One lock guards the tables; a publisher holds it while it queues the message to each receiver's buffer (which never
/// waits), so every subscriber sees the messages of all publishers in one order, as with Redis's single thread. The
/// subscriber lists are copied on write. Nothing here takes a shard lock, so publishing from inside a shard's write
/// scope (keyspace notifications) cannot deadlock, and no subscriber code runs on the publisher's thread.
/// </remarks>
internal sealed class PubSubHub : ISubscriptionOwner, IDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<byte[], Subscription[]> _channels = new(ByteArrayComparer.Instance);
    private readonly Dictionary<byte[], Subscription[]> _shardChannels = new(ByteArrayComparer.Instance);
    private readonly Dictionary<byte[], Subscription[]> _patterns = new(ByteArrayComparer.Instance);
    private readonly HashSet<Subscription> _subscriptions = [];
    private readonly int _capacity;
    private readonly PubSubOverflow _overflow;
    private KeyValuePair<byte[], Subscription[]>[] _patternList = [];
    private int _subscriptionCount;
    private int _channelCount;
    private int _shardChannelCount;
    private long _dropped;
    private bool _disposed;

    public PubSubHub(int capacity, PubSubOverflow overflow)
    {
        _capacity = capacity;
        _overflow = overflow;
    }

    /// <summary>Gets the number of open subscriptions (each is one Redis pub/sub client). One field read: cheap enough
    /// for metrics and for skipping all work in publishers when nobody listens.</summary>
    public int SubscriberCount => Volatile.Read(ref _subscriptionCount);

    /// <summary>Gets the number of channels with at least one subscriber (INFO's <c>pubsub_channels</c>); one field read.</summary>
    public int ChannelCount => Volatile.Read(ref _channelCount);

    /// <summary>Gets the number of shard channels with at least one subscriber (INFO's <c>pubsubshard_channels</c>).</summary>
    public int ShardChannelCount => Volatile.Read(ref _shardChannelCount);

    /// <summary>Gets the number of distinct patterns subscribed to (<c>PUBSUB NUMPAT</c>, INFO's <c>pubsub_patterns</c>).</summary>
    public int PatternCount => Volatile.Read(ref _patternList).Length;

    /// <summary>Gets how many messages were discarded store-wide because a subscription's buffer was full.</summary>
    public long DroppedMessages => Interlocked.Read(ref _dropped);

    /// <summary>Registers a subscriber to distinct channels and patterns (at least one of them).</summary>
    public Subscription Subscribe(RedisKey[] channels, RedisKey[] patterns, bool shard, Action<PubSubMessage>? handler, IPushSink? sink = null)
    {
        var subscription = new Subscription(this, channels, patterns, shard, _capacity, _overflow, handler, sink);
        lock (_lock)
        {
            if (_disposed)
            {
                // Completed, so that a handler's pump does not wait forever on a subscription nobody can feed.
                subscription.Terminate(null);
                throw new ObjectDisposedException(nameof(DataStore));
            }

            _subscriptions.Add(subscription);
            Index(subscription, add: true);
        }

        return subscription;
    }

    /// <summary>Delivers <paramref name="message"/> to the subscribers of <paramref name="channel"/> and, unless
    /// <paramref name="shard"/>, of every pattern matching it (<c>PUBLISH</c>, <c>SPUBLISH</c>).</summary>
    /// <returns>The number of receivers as Redis counts them: channel subscribers plus matching pattern subscriptions.</returns>
    public long Publish(ReadOnlySpan<byte> channel, RedisValue message, bool shard)
    {
        if (Volatile.Read(ref _subscriptionCount) == 0)
        {
            return 0;
        }

        long receivers = 0;
        List<Subscription>? overflowed = null;
        RedisKey channelKey = default;
        RedisValue payload = default;
        lock (_lock)
        {
            var table = (shard ? _shardChannels : _channels).GetAlternateLookup<ReadOnlySpan<byte>>();
            if (table.TryGetValue(channel, out var subscribers))
            {
                channelKey = channel.ToArray();
                payload = Copy(message);
                receivers += DeliverAll(subscribers, new PubSubMessage(channelKey, default, payload, shard), ref overflowed);
            }

            if (!shard)
            {
                foreach (var (pattern, subscribers2) in _patternList)
                {
                    if (!GlobPattern.IsMatch(pattern, channel))
                    {
                        continue;
                    }

                    if (channelKey.IsNull)
                    {
                        channelKey = channel.ToArray();
                        payload = Copy(message);
                    }

                    receivers += DeliverAll(subscribers2, new PubSubMessage(channelKey, pattern, payload), ref overflowed);
                }
            }

            if (overflowed is not null)
            {
                foreach (var subscriber in overflowed)
                {
                    RemoveLocked(subscriber);
                }
            }
        }

        return receivers;
    }

    /// <summary>Queues <paramref name="message"/> to each subscriber, collecting those it closed (overflow). Caller holds the lock.</summary>
    /// <returns>The number of subscribers, all of which count as receivers.</returns>
    private static int DeliverAll(Subscription[] subscribers, PubSubMessage message, ref List<Subscription>? overflowed)
    {
        foreach (var subscriber in subscribers)
        {
            if (!subscriber.Deliver(message))
            {
                (overflowed ??= []).Add(subscriber);
            }
        }

        return subscribers.Length;
    }

    /// <summary>The channels (or shard channels) with at least one subscriber, optionally those matching a glob
    /// pattern (<c>PUBSUB CHANNELS</c>, <c>PUBSUB SHARDCHANNELS</c>).</summary>
    public RedisKey[] ActiveChannels(ReadOnlySpan<byte> pattern, bool matchAll, bool shard)
    {
        lock (_lock)
        {
            var result = new List<RedisKey>();
            foreach (var channel in (shard ? _shardChannels : _channels).Keys)
            {
                if (matchAll || GlobPattern.IsMatch(pattern, channel))
                {
                    result.Add(channel.AsSpan().ToArray());
                }
            }

            return [.. result];
        }
    }

    /// <summary>The number of subscribers of each channel (<c>PUBSUB NUMSUB</c>, <c>PUBSUB SHARDNUMSUB</c>).</summary>
    public long[] SubscriberCounts(RedisKey[] channels, bool shard)
    {
        var counts = new long[channels.Length];
        lock (_lock)
        {
            var table = (shard ? _shardChannels : _channels).GetAlternateLookup<ReadOnlySpan<byte>>();
            for (var i = 0; i < channels.Length; i++)
            {
                counts[i] = table.TryGetValue(channels[i].AsMemory().Span, out var subscribers) ? subscribers.Length : 0;
            }
        }

        return counts;
    }

    void ISubscriptionOwner.Unsubscribe(Subscription subscription)
    {
        lock (_lock)
        {
            RemoveLocked(subscription);
        }
    }

    ValueTask ISubscriptionOwner.UnsubscribeAsync(Subscription subscription)
    {
        ((ISubscriptionOwner)this).Unsubscribe(subscription);
        return ValueTask.CompletedTask;
    }

    void ISubscriptionOwner.CountDropped() => Interlocked.Increment(ref _dropped);

    /// <summary>Closes every subscription (the store is being disposed); their readers end after the buffered messages.</summary>
    public void Dispose()
    {
        Subscription[] all;
        lock (_lock)
        {
            _disposed = true;
            all = [.. _subscriptions];
            _subscriptions.Clear();
            _channels.Clear();
            _shardChannels.Clear();
            _patterns.Clear();
            Volatile.Write(ref _patternList, []);
            Volatile.Write(ref _subscriptionCount, 0);
            Volatile.Write(ref _channelCount, 0);
            Volatile.Write(ref _shardChannelCount, 0);
        }

        foreach (var subscription in all)
        {
            subscription.Terminate(null);
        }
    }

    private void RemoveLocked(Subscription subscription)
    {
        if (!_subscriptions.Remove(subscription))
        {
            return;
        }

        Index(subscription, add: false);
    }

    /// <summary>Adds the subscription to (or removes it from) the channel and pattern tables. Caller holds the lock.</summary>
    private void Index(Subscription subscription, bool add)
    {
        var table = subscription.IsShard ? _shardChannels : _channels;
        foreach (var channel in subscription.ChannelBytes)
        {
            Update(table, channel, subscription, add);
        }

        foreach (var pattern in subscription.PatternBytes)
        {
            Update(_patterns, pattern, subscription, add);
        }

        if (subscription.PatternBytes.Length != 0)
        {
            Volatile.Write(ref _patternList, [.. _patterns]);
        }

        Volatile.Write(ref _subscriptionCount, _subscriptions.Count);
        Volatile.Write(ref _channelCount, _channels.Count);
        Volatile.Write(ref _shardChannelCount, _shardChannels.Count);
    }

    /// <summary>Copies a name's subscriber list with <paramref name="subscription"/> added or removed (publishers
    /// iterate the old copy without the lock's help).</summary>
    private static void Update(Dictionary<byte[], Subscription[]> table, byte[] name, Subscription subscription, bool add)
    {
        if (add)
        {
            table[name] = table.TryGetValue(name, out var current) ? [.. current, subscription] : [subscription];
            return;
        }

        if (!table.TryGetValue(name, out var existing))
        {
            return;
        }

        var remaining = Array.FindAll(existing, s => !ReferenceEquals(s, subscription));
        if (remaining.Length == 0)
        {
            table.Remove(name);
        }
        else
        {
            table[name] = remaining;
        }
    }

    /// <summary>The payload as bytes owned by the message: a caller's array may be reused after PUBLISH returns.</summary>
    private static RedisValue Copy(in RedisValue message) => message.ToArray() ?? [];
}
