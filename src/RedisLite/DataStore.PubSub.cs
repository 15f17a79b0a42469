using RedisLite.PubSub;

namespace RedisLite;

// PUBLISH/SUBSCRIBE in-process: one hub per store (channels are not per database, as in Redis).
public sealed partial class DataStore
{
    /// <summary>Gets how many pub/sub messages were discarded store-wide because a subscription's buffer was full
    /// (see <see cref="RedisLiteOptions.PubSubOverflow"/>).</summary>
    public long PubSubDroppedMessages => _core.PubSub.DroppedMessages;

    /// <inheritdoc/>
    public long Publish(RedisKey channel, RedisValue message)
    {
        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        var bytes = KeyBytes(channel, scratch);
        ThrowIfNull(message);
        _core.Counters.Command();
        return _core.PubSub.Publish(bytes, message, shard: false);
    }

    /// <inheritdoc/>
    public long ShardPublish(RedisKey shardChannel, RedisValue message)
    {
        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        var bytes = KeyBytes(shardChannel, scratch);
        ThrowIfNull(message);
        _core.Counters.Command();
        return _core.PubSub.Publish(bytes, message, shard: true);
    }

    /// <inheritdoc/>
    public Subscription Subscribe(IEnumerable<RedisKey> channels, IEnumerable<RedisKey>? patterns = null, Action<PubSubMessage>? handler = null)
    {
        var (channelList, patternList) = PubSubArguments.ForSubscribe(channels, patterns);
        _core.Counters.Command();
        return _core.PubSub.Subscribe(channelList, patternList, shard: false, handler);
    }

    /// <summary>Subscribes to channels, patterns or (with <paramref name="shard"/>) shard channels, delivering to
    /// <paramref name="sink"/>; the RESP server's SUBSCRIBE/PSUBSCRIBE/SSUBSCRIBE. Arguments are already checked.</summary>
    internal Subscription Subscribe(RedisKey[] channels, RedisKey[] patterns, bool shard, IPushSink sink)
    {
        _core.Counters.Command();
        return _core.PubSub.Subscribe(channels, patterns, shard, handler: null, sink);
    }

    /// <inheritdoc/>
    public Subscription Subscribe(RedisKey channel, Action<PubSubMessage>? handler = null) => Subscribe([channel], null, handler);

    /// <inheritdoc/>
    public Subscription PatternSubscribe(RedisKey pattern, Action<PubSubMessage>? handler = null) => Subscribe([], [pattern], handler);

    /// <inheritdoc/>
    public Task<Subscription> SubscribeAsync(IEnumerable<RedisKey> channels, IEnumerable<RedisKey>? patterns = null, Action<PubSubMessage>? handler = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Subscribe(channels, patterns, handler));
    }

    /// <inheritdoc/>
    public Subscription ShardSubscribe(IEnumerable<RedisKey> shardChannels, Action<PubSubMessage>? handler = null)
    {
        var channels = PubSubArguments.ForShardSubscribe(shardChannels);
        _core.Counters.Command();
        return _core.PubSub.Subscribe(channels, [], shard: true, handler);
    }

    /// <inheritdoc/>
    public RedisKey[] PubSubChannels(RedisKey pattern = default) =>
        _core.PubSub.ActiveChannels(pattern.AsMemory().Span, pattern.IsNull, shard: false);

    /// <inheritdoc/>
    public long[] PubSubSubscriberCounts(params RedisKey[] channels) =>
        _core.PubSub.SubscriberCounts(PubSubArguments.Channels(channels), shard: false);

    /// <inheritdoc/>
    public long PubSubPatternCount() => _core.PubSub.PatternCount;

    /// <inheritdoc/>
    public RedisKey[] PubSubShardChannels(RedisKey pattern = default) =>
        _core.PubSub.ActiveChannels(pattern.AsMemory().Span, pattern.IsNull, shard: true);

    /// <inheritdoc/>
    public long[] PubSubShardSubscriberCounts(params RedisKey[] shardChannels) =>
        _core.PubSub.SubscriberCounts(PubSubArguments.Channels(shardChannels), shard: true);

    /// <summary>Gets the number of open pub/sub subscriptions of the store (each one a Redis pub/sub client); one field read.</summary>
    internal int PubSubSubscriberCount => _core.PubSub.SubscriberCount;

    /// <summary>Gets the store's hub, whose counters (subscriptions, channels, patterns, shard channels) are single field
    /// reads for INFO and metrics.</summary>
    internal PubSub.PubSubHub PubSubHub => _core.PubSub;
}
