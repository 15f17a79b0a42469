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

    /// <summary>Gets the number of distinct patterns subscribed to (<c>PUBSUB NUMPAT</c>).</summary>
    public int PatternCount => Volatile.Read(ref _patternList).Length;

    /// <summary>Gets how many messages were discarded store-wide because a subscription's buffer was full.</summary>
    public long DroppedMessages => Interlocked.Read(ref _dropped);

    /// <summary>Registers a subscriber to distinct channels and patterns (at least one of them).</summary>
    public Subscription Subscribe(RedisKey[] channels, RedisKey[] patterns, bool shard, Action<PubSubMessage>? handler)
    {
        var subscription = new Subscription(this, channels, patterns, shard, _capacity, _overflow, handler);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var table = shard ? _shardChannels : _channels;
            foreach (var channel in subscription.ChannelBytes)
            {
                Add(table, channel, subscription);
            }

            foreach (var pattern in subscription.PatternBytes)
            {
                Add(_patterns, pattern, subscription);
            }

            if (subscription.PatternBytes.Length != 0)
            {
                Volatile.Write(ref _patternList, [.. _patterns]);
            }

            _subscriptions.Add(subscription);
            Volatile.Write(ref _subscriptionCount, _subscriptions.Count);
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
                var delivered = new PubSubMessage(channelKey, default, payload, shard);
                receivers += subscribers.Length;
                foreach (var subscriber in subscribers)
                {
                    if (!subscriber.Deliver(delivered))
                    {
                        (overflowed ??= []).Add(subscriber);
                    }
                }
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

                    var delivered = new PubSubMessage(channelKey, pattern, payload);
                    receivers += subscribers2.Length;
                    foreach (var subscriber in subscribers2)
                    {
                        if (!subscriber.Deliver(delivered))
                        {
                            (overflowed ??= []).Add(subscriber);
                        }
                    }
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

        var table = subscription.IsShard ? _shardChannels : _channels;
        foreach (var channel in subscription.ChannelBytes)
        {
            Remove(table, channel, subscription);
        }

        foreach (var pattern in subscription.PatternBytes)
        {
            Remove(_patterns, pattern, subscription);
        }

        if (subscription.PatternBytes.Length != 0)
        {
            Volatile.Write(ref _patternList, [.. _patterns]);
        }

        Volatile.Write(ref _subscriptionCount, _subscriptions.Count);
    }

    private static void Add(Dictionary<byte[], Subscription[]> table, byte[] name, Subscription subscription) =>
        table[name] = table.TryGetValue(name, out var existing) ? [.. existing, subscription] : [subscription];

    private static void Remove(Dictionary<byte[], Subscription[]> table, byte[] name, Subscription subscription)
    {
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
