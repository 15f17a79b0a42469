using System.Threading.Channels;

namespace RedisLite;

/// <summary>
/// One subscriber (one Redis pub/sub client): the channels, patterns or shard channels it listens to, and a bounded
/// buffer of the messages published to them since it was created. Read them from <see cref="Reader"/> or
/// <see cref="ReadAllAsync"/>, or give a handler when subscribing. Dispose it to unsubscribe (<c>UNSUBSCRIBE</c>,
/// <c>PUNSUBSCRIBE</c>, <c>SUNSUBSCRIBE</c>).
/// </summary>
/// <remarks>
/// <para>Publishers never wait for a subscription: when its buffer is full, <see cref="RedisLiteOptions.PubSubOverflow"/>
/// decides what happens (by default the subscription is closed, as Redis closes a slow subscriber). Messages from one
/// publisher arrive in the order it published them.</para>
/// <para>With a handler, a task of the subscription's own calls it for each message in order, never the publisher's
/// thread; do not read <see cref="Reader"/> then. A handler that throws closes the subscription with that exception.</para>
/// <para>After closing (dispose, overflow, the store disposed or, for a remote store, its connection lost), messages
/// already buffered can still be read; then the reader ends (with the overflow or connection error, if any).</para>
/// <para>Thread-safe.</para>
/// </remarks>
public sealed class Subscription : IDisposable, IAsyncDisposable
{
    private readonly Channel<PubSubMessage> _buffer;
    private readonly ISubscriptionOwner _owner;
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _completion;
    private readonly IPushSink? _sink;
    private long _dropped;
    private int _state;
    private bool _overflowed;

    internal Subscription(
        ISubscriptionOwner owner,
        RedisKey[] channels,
        RedisKey[] patterns,
        bool isShard,
        int capacity,
        PubSubOverflow overflow,
        Action<PubSubMessage>? handler,
        IPushSink? sink = null)
    {
        _owner = owner;
        _sink = sink;
        Channels = channels;
        Patterns = patterns;
        IsShard = isShard;
        ChannelBytes = ToBytes(channels);
        PatternBytes = ToBytes(patterns);
        var options = new BoundedChannelOptions(capacity)
        {
            FullMode = overflow switch
            {
                PubSubOverflow.DropOldest => BoundedChannelFullMode.DropOldest,
                PubSubOverflow.DropNewest => BoundedChannelFullMode.DropWrite,
                _ => BoundedChannelFullMode.Wait,
            },
            SingleReader = handler is not null,
            SingleWriter = false,
            AllowSynchronousContinuations = false,
        };
        _buffer = Channel.CreateBounded<PubSubMessage>(options, _ => CountDropped());
        _completion = handler is null ? _closed.Task : Task.Run(() => PumpAsync(handler));
    }

    /// <summary>Gets the channels subscribed to (<c>SUBSCRIBE</c>, or <c>SSUBSCRIBE</c> when <see cref="IsShard"/>).</summary>
    public IReadOnlyList<RedisKey> Channels { get; }

    /// <summary>Gets the patterns subscribed to (<c>PSUBSCRIBE</c>).</summary>
    public IReadOnlyList<RedisKey> Patterns { get; }

    /// <summary>Gets whether <see cref="Channels"/> are shard channels (<c>SSUBSCRIBE</c>, fed by <c>SPUBLISH</c>).</summary>
    public bool IsShard { get; }

    /// <summary>Gets the buffered messages. Do not read it when the subscription was made with a handler.</summary>
    public ChannelReader<PubSubMessage> Reader => _buffer.Reader;

    /// <summary>Gets a task that completes when the subscription is closed (and, with a handler, every buffered
    /// message has been handled): successfully after dispose, faulted with <see cref="SubscriptionOverflowException"/>
    /// after an overflow under <see cref="PubSubOverflow.Disconnect"/>, with the handler's exception if it threw, or
    /// with the connection error when a remote store's connection is lost.</summary>
    public Task Completion => _completion;

    /// <summary>Gets how many messages were published to this subscription but discarded because its buffer was full.</summary>
    public long DroppedMessages => Interlocked.Read(ref _dropped);

    /// <summary>Gets whether the subscription has been closed (no more messages will be added).</summary>
    public bool IsClosed => Volatile.Read(ref _state) != 0;

    /// <summary>Whether the subscription was closed because its buffer overflowed under <see cref="PubSubOverflow.Disconnect"/>.</summary>
    internal bool IsOverflowed => Volatile.Read(ref _overflowed);

    /// <summary>The channels' bytes (shared with the hub's tables).</summary>
    internal byte[][] ChannelBytes { get; }

    /// <summary>The patterns' bytes (shared with the hub's tables).</summary>
    internal byte[][] PatternBytes { get; }

    /// <summary>Reads the messages as they arrive, until the subscription is closed and its buffer drained.</summary>
    /// <param name="cancellationToken">Stops the enumeration.</param>
    /// <returns>The messages.</returns>
    public IAsyncEnumerable<PubSubMessage> ReadAllAsync(CancellationToken cancellationToken = default) =>
        _buffer.Reader.ReadAllAsync(cancellationToken);

    /// <summary>Unsubscribes from every channel and pattern of this subscription and closes it. Buffered messages can
    /// still be read. Idempotent.</summary>
    public void Dispose()
    {
        if (MarkClosed(null))
        {
            _owner.Unsubscribe(this);
        }
    }

    /// <summary>Unsubscribes (waiting for the server's confirmation, for a remote store) and closes the subscription.</summary>
    /// <returns>A task that completes once unsubscribed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (MarkClosed(null))
        {
            await _owner.UnsubscribeAsync(this).ConfigureAwait(false);
        }
    }

    /// <summary>Adds a published message. Never waits. Returns false when the subscription is (now) closed: it was
    /// closed already, or the buffer was full under <see cref="PubSubOverflow.Disconnect"/>.</summary>
    internal bool Deliver(PubSubMessage message)
    {
        if (Volatile.Read(ref _state) != 0)
        {
            // Closed by an overflow earlier in this same publish (the subscription matched by channel and by pattern,
            // and the hub removes it only once the publish is done): this copy is lost to the overflow too.
            if (Volatile.Read(ref _overflowed))
            {
                CountDropped();
            }

            return false;
        }

        if (_sink is null ? _buffer.Writer.TryWrite(message) : _sink.TryDeliver(message))
        {
            return true;
        }

        // Only a full buffer under Disconnect (or a concurrent close, which marks the state first) refuses a write.
        if (Volatile.Read(ref _state) != 0)
        {
            return false;
        }

        CountDropped();
        if (MarkClosed(new SubscriptionOverflowException()))
        {
            Volatile.Write(ref _overflowed, true);
        }

        return false;
    }

    /// <summary>Closes the subscription without unsubscribing (its owner has already forgotten it, or is gone).</summary>
    internal void Terminate(Exception? error) => MarkClosed(error);

    private bool MarkClosed(Exception? error)
    {
        if (Interlocked.Exchange(ref _state, 1) != 0)
        {
            return false;
        }

        _buffer.Writer.TryComplete(error);
        if (error is null)
        {
            _closed.TrySetResult();
        }
        else
        {
            _closed.TrySetException(error);
        }

        return true;
    }

    private void CountDropped()
    {
        Interlocked.Increment(ref _dropped);
        _owner.CountDropped();
    }

    private async Task PumpAsync(Action<PubSubMessage> handler)
    {
        var reader = _buffer.Reader;
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (reader.TryRead(out var message))
                {
                    try
                    {
                        handler(message);
                    }
                    catch (Exception ex)
                    {
                        if (MarkClosed(ex))
                        {
                            await _owner.UnsubscribeAsync(this).ConfigureAwait(false);
                        }

                        throw;
                    }
                }
            }
        }
        catch (Exception) when (_closed.Task.IsFaulted)
        {
            // Closed with an error (overflow, connection, this handler): Completion reports that error below.
        }

        await _closed.Task.ConfigureAwait(false);
    }

    private static byte[][] ToBytes(RedisKey[] keys)
    {
        var bytes = new byte[keys.Length][];
        for (var i = 0; i < keys.Length; i++)
        {
            bytes[i] = keys[i].ToArray() ?? [];
        }

        return bytes;
    }
}

/// <summary>What a <see cref="Subscription"/> belongs to: the in-process hub or a remote subscriber connection.</summary>
/// <summary>
/// Where a subscription created for a RESP connection delivers instead of its own buffer: one sink takes the messages
/// of all of a connection's subscriptions, in the order the hub delivers them (publishes are serialized by the hub's
/// lock), as a Redis client receives them on its one socket.
/// </summary>
internal interface IPushSink
{
    /// <summary>Queues <paramref name="message"/>. Called under the hub's lock: must not block.</summary>
    /// <returns>False if the sink is over its limit: the subscription is then closed as on an overflow.</returns>
    bool TryDeliver(PubSubMessage message);
}

internal interface ISubscriptionOwner
{
    /// <summary>Forgets the subscription's channels and patterns (it has just been closed).</summary>
    void Unsubscribe(Subscription subscription);

    /// <summary>Like <see cref="Unsubscribe"/>, waiting asynchronously where that involves I/O.</summary>
    ValueTask UnsubscribeAsync(Subscription subscription);

    /// <summary>Counts one message discarded because a buffer was full.</summary>
    void CountDropped();
}
