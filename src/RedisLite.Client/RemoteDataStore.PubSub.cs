using RedisLite.PubSub;
using RedisLite.Resp;

namespace RedisLite.Client;

// PUBLISH and the PUBSUB queries go on the shared connection; each Subscription is one subscriber client with a
// connection of its own (RESP2: the connection enters subscribe mode; RESP3: messages arrive as pushes), so the
// server counts subscribers exactly as the in-process store counts subscriptions.
public sealed partial class RemoteDataStore
{
    /// <inheritdoc/>
    public long Publish(RedisKey channel, RedisValue message) =>
        ToInteger(Run(Token("PUBLISH"), Key(channel, nameof(channel)), Value(message, nameof(message))));

    /// <inheritdoc/>
    public long ShardPublish(RedisKey shardChannel, RedisValue message) =>
        ToInteger(Run(Token("SPUBLISH"), Key(shardChannel, nameof(shardChannel)), Value(message, nameof(message))));

    /// <inheritdoc/>
    /// <remarks>Opens a connection for the subscription and waits until the server has confirmed every channel and
    /// pattern (at most the command timeout). Disposing this store ends the subscription; a lost connection completes
    /// it with <see cref="RedisConnectionException"/>.</remarks>
    public Subscription Subscribe(IEnumerable<RedisKey> channels, IEnumerable<RedisKey>? patterns = null, Action<PubSubMessage>? handler = null)
    {
        var (channelList, patternList) = PubSubArguments.ForSubscribe(channels, patterns);
        return RemoteSubscriber.Open(this, channelList, patternList, shard: false, handler, CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <inheritdoc/>
    public Subscription Subscribe(RedisKey channel, Action<PubSubMessage>? handler = null) => Subscribe([channel], null, handler);

    /// <inheritdoc/>
    public Subscription PatternSubscribe(RedisKey pattern, Action<PubSubMessage>? handler = null) => Subscribe([], [pattern], handler);

    /// <inheritdoc/>
    public Task<Subscription> SubscribeAsync(IEnumerable<RedisKey> channels, IEnumerable<RedisKey>? patterns = null, Action<PubSubMessage>? handler = null, CancellationToken cancellationToken = default)
    {
        var (channelList, patternList) = PubSubArguments.ForSubscribe(channels, patterns);
        return RemoteSubscriber.Open(this, channelList, patternList, shard: false, handler, cancellationToken);
    }

    /// <inheritdoc/>
    public Subscription ShardSubscribe(IEnumerable<RedisKey> shardChannels, Action<PubSubMessage>? handler = null) =>
        RemoteSubscriber.Open(this, PubSubArguments.ForShardSubscribe(shardChannels), [], shard: true, handler, CancellationToken.None).GetAwaiter().GetResult();

    /// <inheritdoc/>
    public RedisKey[] PubSubChannels(RedisKey pattern = default) => ChannelList("CHANNELS", pattern);

    /// <inheritdoc/>
    public long[] PubSubSubscriberCounts(params RedisKey[] channels) => SubscriberCounts("NUMSUB", PubSubArguments.Channels(channels));

    /// <inheritdoc/>
    public long PubSubPatternCount() => ToInteger(Run(Token("PUBSUB"), Token("NUMPAT")));

    /// <inheritdoc/>
    public RedisKey[] PubSubShardChannels(RedisKey pattern = default) => ChannelList("SHARDCHANNELS", pattern);

    /// <inheritdoc/>
    public long[] PubSubShardSubscriberCounts(params RedisKey[] shardChannels) => SubscriberCounts("SHARDNUMSUB", PubSubArguments.Channels(shardChannels));

    private RedisKey[] ChannelList(string subcommand, in RedisKey pattern)
    {
        var reply = pattern.IsNull ? Run(Token("PUBSUB"), Token(subcommand)) : Run(Token("PUBSUB"), Token(subcommand), pattern.AsMemory());
        return [.. reply.Items.Select(ToKey)];
    }

    private long[] SubscriberCounts(string subcommand, RedisKey[] channels)
    {
        var args = new ReadOnlyMemory<byte>[channels.Length + 2];
        args[0] = Token("PUBSUB");
        args[1] = Token(subcommand);
        for (var i = 0; i < channels.Length; i++)
        {
            args[i + 2] = channels[i].AsMemory();
        }

        // RESP2 replies with a flat array (channel, count, ...); RESP3 with a map, which reads as the same pairs.
        var items = Run(args).Items;
        var counts = new long[channels.Length];
        for (var i = 0; i < counts.Length && 2 * i + 1 < items.Count; i++)
        {
            counts[i] = ToInteger(items[2 * i + 1]);
        }

        return counts;
    }

    /// <summary>One subscriber client: its connection, the subscription it feeds, and the confirmations it awaits.</summary>
    private sealed class RemoteSubscriber : ISubscriptionOwner, IDisposable
    {
        private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _unsubscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly RedisConnection _connection;
        private readonly RedisConnection _shared;
        private readonly bool _shard;
        private Subscription? _subscription;
        private int _awaitingSubscribe;
        private int _awaitingUnsubscribe;

        private RemoteSubscriber(RemoteDataStore store, int confirmations, bool shard)
        {
            _awaitingSubscribe = confirmations;
            _awaitingUnsubscribe = confirmations;
            _shard = shard;
            _connection = new RedisConnection(store.DedicatedOptions(store._connection.Options.CommandTimeout), OnPush, OnFault);
            _shared = store._connection;
        }

        public static async Task<Subscription> Open(
            RemoteDataStore store, RedisKey[] channels, RedisKey[] patterns, bool shard, Action<PubSubMessage>? handler, CancellationToken cancellationToken)
        {
            var options = store._connection.Options;
            var subscriber = new RemoteSubscriber(store, channels.Length + patterns.Length, shard);
            var subscription = new Subscription(subscriber, channels, patterns, shard, options.PubSubBufferCapacity, options.PubSubOverflow, handler);
            subscriber._subscription = subscription;

            // Disposing the store ends its subscriptions, as disposing an in-process store does.
            store._connection.AddDependent(subscriber, () =>
            {
                subscription.Terminate(null);
                subscriber.Dispose();
            });
            try
            {
                subscriber._connection.EnsureConnected();
                if (channels.Length != 0)
                {
                    subscriber._connection.Post(Command(shard ? "SSUBSCRIBE" : "SUBSCRIBE", subscription.ChannelBytes));
                }

                if (patterns.Length != 0)
                {
                    subscriber._connection.Post(Command("PSUBSCRIBE", subscription.PatternBytes));
                }

                await subscriber._subscribed.Task.WaitAsync(options.CommandTimeout, cancellationToken).ConfigureAwait(false);
                return subscription;
            }
            catch
            {
                subscription.Terminate(null);
                subscriber.Dispose();
                throw;
            }
        }

        public void Unsubscribe(Subscription subscription) => UnsubscribeAsync(subscription).AsTask().GetAwaiter().GetResult();

        public async ValueTask UnsubscribeAsync(Subscription subscription)
        {
            try
            {
                // Waiting for the confirmations means that once this returns the server no longer counts this
                // subscriber (closing the socket alone would be processed by the server some time later).
                if (subscription.ChannelBytes.Length != 0)
                {
                    _connection.Post(Command(_shard ? "SUNSUBSCRIBE" : "UNSUBSCRIBE", subscription.ChannelBytes));
                }

                if (subscription.PatternBytes.Length != 0)
                {
                    _connection.Post(Command("PUNSUBSCRIBE", subscription.PatternBytes));
                }

                await _unsubscribed.Task.WaitAsync(_connection.Options.CommandTimeout).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is RedisConnectionException or TimeoutException)
            {
                // The connection is gone or unresponsive: closing it below unsubscribes all the same.
            }
            finally
            {
                Dispose();
            }
        }

        public void Dispose()
        {
            _shared.RemoveDependent(this);
            _connection.Dispose();
        }

        public void CountDropped()
        {
            // Redis counts nothing for a client-side buffer; the subscription's own counter is the record.
        }

        private static ReadOnlyMemory<byte>[] Command(string name, byte[][] names)
        {
            var args = new ReadOnlyMemory<byte>[names.Length + 1];
            args[0] = Token(name);
            for (var i = 0; i < names.Length; i++)
            {
                args[i + 1] = names[i];
            }

            return args;
        }

        /// <summary>Runs on the connection's reader thread: queues messages and counts confirmations. Never waits.</summary>
        private void OnPush(RespValue frame)
        {
            if (frame.IsError)
            {
                // A refused SUBSCRIBE (an ACL's NOPERM, for instance) fails the subscribe call with the server's error.
                try
                {
                    RedisConnection.ThrowIfError(frame);
                }
                catch (RedisException error)
                {
                    _subscribed.TrySetException(error);
                }

                return;
            }

            var items = frame.Items;
            if (items.Count < 3)
            {
                return;
            }

            switch (items[0].GetString())
            {
                case "message" or "smessage" when _subscription is { } subscription:
                    Deliver(subscription, new PubSubMessage(ToKey(items[1]), default, ToValue(items[2]), items[0].GetString() == "smessage"));
                    break;
                case "pmessage" when items.Count >= 4 && _subscription is { } subscription:
                    Deliver(subscription, new PubSubMessage(ToKey(items[2]), ToKey(items[1]), ToValue(items[3])));
                    break;
                case "subscribe" or "psubscribe" or "ssubscribe":
                    if (Interlocked.Decrement(ref _awaitingSubscribe) == 0)
                    {
                        _subscribed.TrySetResult();
                    }

                    break;
                case "unsubscribe" or "punsubscribe" or "sunsubscribe":
                    if (Interlocked.Decrement(ref _awaitingUnsubscribe) == 0)
                    {
                        _unsubscribed.TrySetResult();
                    }

                    break;
            }
        }

        private void Deliver(Subscription subscription, PubSubMessage message)
        {
            if (!subscription.Deliver(message) && subscription.IsOverflowed)
            {
                // Overflow under Disconnect: drop the connection, as Redis drops a slow subscriber.
                Dispose();
            }
        }

        private void OnFault(Exception error)
        {
            _subscribed.TrySetException(error);
            _unsubscribed.TrySetResult();
            _subscription?.Terminate(error);
        }
    }
}
