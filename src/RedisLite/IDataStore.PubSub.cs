namespace RedisLite;

public partial interface IDataStore
{
    /// <summary>Publishes <paramref name="message"/> on <paramref name="channel"/> (<c>PUBLISH</c>). Channels are
    /// store-wide: they do not depend on the database this instance addresses. Never waits for subscribers.</summary>
    /// <param name="channel">The channel.</param>
    /// <param name="message">The payload.</param>
    /// <returns>The number of receivers as Redis counts them: the channel's subscribers plus the pattern subscriptions
    /// matching it (a subscriber listening both ways counts twice, and receives the message twice).</returns>
    /// <exception cref="ArgumentException"><paramref name="channel"/> or <paramref name="message"/> is null.</exception>
    long Publish(RedisKey channel, RedisValue message);

    /// <summary>Publishes <paramref name="message"/> on a shard channel (<c>SPUBLISH</c>): received only by
    /// <see cref="ShardSubscribe"/> subscribers of that channel, never by patterns.</summary>
    /// <param name="shardChannel">The shard channel.</param>
    /// <param name="message">The payload.</param>
    /// <returns>The number of subscribers that received it.</returns>
    /// <exception cref="ArgumentException"><paramref name="shardChannel"/> or <paramref name="message"/> is null.</exception>
    long ShardPublish(RedisKey shardChannel, RedisValue message);

    /// <summary>Subscribes to channels and patterns (<c>SUBSCRIBE</c> and <c>PSUBSCRIBE</c>) as one new subscriber; it
    /// receives what is published from the moment this returns. Dispose the subscription to unsubscribe.</summary>
    /// <param name="channels">The channels (duplicates are subscribed once).</param>
    /// <param name="patterns">Glob patterns of channels (<c>*</c>, <c>?</c>, <c>[...]</c>, <c>\</c>), or null.</param>
    /// <param name="handler">Called for each message, in order, on a task of the subscription (not the publisher's
    /// thread); or null to read <see cref="Subscription.Reader"/> instead.</param>
    /// <returns>The subscription.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="channels"/> is null.</exception>
    /// <exception cref="ArgumentException">A channel or pattern is null.</exception>
    /// <exception cref="RedisException"><c>ERR wrong number of arguments for 'subscribe' command</c>: no channel and no pattern.</exception>
    Subscription Subscribe(IEnumerable<RedisKey> channels, IEnumerable<RedisKey>? patterns = null, Action<PubSubMessage>? handler = null);

    /// <summary>Like <see cref="Subscribe(IEnumerable{RedisKey}, IEnumerable{RedisKey}?, Action{PubSubMessage}?)"/>,
    /// completing once the subscription is in force (for a remote store, when the server has confirmed it).</summary>
    /// <param name="channels">The channels.</param>
    /// <param name="patterns">Glob patterns of channels, or null.</param>
    /// <param name="handler">Called for each message, or null to read <see cref="Subscription.Reader"/>.</param>
    /// <param name="cancellationToken">Stops waiting for the confirmation.</param>
    /// <returns>The subscription.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="channels"/> is null.</exception>
    /// <exception cref="ArgumentException">A channel or pattern is null.</exception>
    /// <exception cref="RedisException"><c>ERR wrong number of arguments for 'subscribe' command</c>: no channel and no pattern.</exception>
    Task<Subscription> SubscribeAsync(IEnumerable<RedisKey> channels, IEnumerable<RedisKey>? patterns = null, Action<PubSubMessage>? handler = null, CancellationToken cancellationToken = default);

    /// <summary>Subscribes to one channel (<c>SUBSCRIBE</c>).</summary>
    /// <param name="channel">The channel.</param>
    /// <param name="handler">Called for each message, or null to read <see cref="Subscription.Reader"/>.</param>
    /// <returns>The subscription.</returns>
    /// <exception cref="ArgumentException"><paramref name="channel"/> is null.</exception>
    Subscription Subscribe(RedisKey channel, Action<PubSubMessage>? handler = null);

    /// <summary>Subscribes to one glob pattern of channels (<c>PSUBSCRIBE</c>).</summary>
    /// <param name="pattern">The pattern.</param>
    /// <param name="handler">Called for each message, or null to read <see cref="Subscription.Reader"/>.</param>
    /// <returns>The subscription.</returns>
    /// <exception cref="ArgumentException"><paramref name="pattern"/> is null.</exception>
    Subscription PatternSubscribe(RedisKey pattern, Action<PubSubMessage>? handler = null);

    /// <summary>Subscribes to shard channels (<c>SSUBSCRIBE</c>), which receive only <see cref="ShardPublish"/>.</summary>
    /// <param name="shardChannels">The shard channels (duplicates are subscribed once).</param>
    /// <param name="handler">Called for each message, or null to read <see cref="Subscription.Reader"/>.</param>
    /// <returns>The subscription.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="shardChannels"/> is null.</exception>
    /// <exception cref="ArgumentException">A channel is null.</exception>
    /// <exception cref="RedisException"><c>ERR wrong number of arguments for 'ssubscribe' command</c>: no channel.</exception>
    Subscription ShardSubscribe(IEnumerable<RedisKey> shardChannels, Action<PubSubMessage>? handler = null);

    /// <summary>Lists the channels that have at least one subscriber (<c>PUBSUB CHANNELS</c>); patterns are not counted.</summary>
    /// <param name="pattern">Only channels matching this glob pattern; a null key for all.</param>
    /// <returns>The channels, in no particular order.</returns>
    RedisKey[] PubSubChannels(RedisKey pattern = default);

    /// <summary>Counts the subscribers of each channel (<c>PUBSUB NUMSUB</c>); pattern subscribers are not counted.</summary>
    /// <param name="channels">The channels.</param>
    /// <returns>One count per channel, in order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="channels"/> is null.</exception>
    /// <exception cref="ArgumentException">A channel is null.</exception>
    long[] PubSubSubscriberCounts(params RedisKey[] channels);

    /// <summary>Counts the distinct patterns subscribed to by all subscribers (<c>PUBSUB NUMPAT</c>).</summary>
    /// <returns>The number of patterns.</returns>
    long PubSubPatternCount();

    /// <summary>Lists the shard channels that have at least one subscriber (<c>PUBSUB SHARDCHANNELS</c>).</summary>
    /// <param name="pattern">Only channels matching this glob pattern; a null key for all.</param>
    /// <returns>The shard channels, in no particular order.</returns>
    RedisKey[] PubSubShardChannels(RedisKey pattern = default);

    /// <summary>Counts the subscribers of each shard channel (<c>PUBSUB SHARDNUMSUB</c>).</summary>
    /// <param name="shardChannels">The shard channels.</param>
    /// <returns>One count per channel, in order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="shardChannels"/> is null.</exception>
    /// <exception cref="ArgumentException">A channel is null.</exception>
    long[] PubSubShardSubscriberCounts(params RedisKey[] shardChannels);
}
