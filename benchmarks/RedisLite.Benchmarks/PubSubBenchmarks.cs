using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace RedisLite.Benchmarks;

/// <summary>
/// PUBLISH to 1 and to 100 subscribers, in messages per second: each operation publishes one message and the
/// subscribers' buffers are drained after every batch, so the cost includes the fan-out, the buffering and the read.
/// The baseline is the same fan-out hand-written over <see cref="System.Threading.Channels"/> (one bounded channel
/// per subscriber, the same capacity and drop mode), which is the floor for any buffered fan-out in .NET.
/// A second group measures what keyspace notifications cost a SET: off, on with nobody subscribed, and on with one
/// pattern subscriber.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class PubSubBenchmarks : IDisposable
{
    private const int Batch = 1_000;
    private static readonly RedisKey ChannelName = "bench:channel";
    private static readonly RedisValue Message = "0123456789abcdef0123456789abcdef";

    private DataStore _store = null!;
    private Subscription[] _subscriptions = [];
    private Channel<PubSubMessage>[] _channels = [];
    private PubSubMessage _baselineMessage = null!;
    private DataStore _quiet = null!;
    private DataStore _notifying = null!;
    private DataStore _listened = null!;
    private Subscription? _listener;

    /// <summary>Gets or sets the number of subscribers of the channel.</summary>
    [Params(1, 100)]
    public int Subscribers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _store = new DataStore(new RedisLiteOptions { ActiveExpiry = false, PubSubBufferCapacity = 2 * Batch });
        _subscriptions = [.. Enumerable.Range(0, Subscribers).Select(_ => _store.Subscribe(ChannelName))];
        _channels = [.. Enumerable.Range(0, Subscribers).Select(_ => System.Threading.Channels.Channel.CreateBounded<PubSubMessage>(new BoundedChannelOptions(2 * Batch)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = false,
            SingleWriter = false,
        }))];
        _baselineMessage = new PubSubMessage(ChannelName, default, Message);

        _quiet = new DataStore(new RedisLiteOptions { ActiveExpiry = false });
        _notifying = new DataStore(new RedisLiteOptions { ActiveExpiry = false, NotifyKeyspaceEvents = "KEA" });
        _listened = new DataStore(new RedisLiteOptions { ActiveExpiry = false, NotifyKeyspaceEvents = "KEA", PubSubOverflow = PubSubOverflow.DropOldest });
        _listener = _listened.PatternSubscribe("__keyevent@*__:*");
    }

    /// <summary>The baseline: one message copied and written to each subscriber's channel, then every channel drained.</summary>
    /// <returns>Messages read.</returns>
    [Benchmark(Baseline = true, OperationsPerInvoke = Batch), BenchmarkCategory("Publish")]
    public long ChannelsFanOut()
    {
        long read = 0;
        for (var i = 0; i < Batch; i++)
        {
            // PUBLISH copies the payload once per message, so the baseline does too.
            var message = _baselineMessage with { Message = Message.ToArray() };
            foreach (var channel in _channels)
            {
                channel.Writer.TryWrite(message);
            }
        }

        foreach (var channel in _channels)
        {
            while (channel.Reader.TryRead(out _))
            {
                read++;
            }
        }

        return read;
    }

    /// <summary>PUBLISH through the store's hub to every subscriber, then every subscription drained.</summary>
    /// <returns>Messages read.</returns>
    [Benchmark(OperationsPerInvoke = Batch), BenchmarkCategory("Publish")]
    public long Publish()
    {
        long read = 0;
        for (var i = 0; i < Batch; i++)
        {
            _store.Publish(ChannelName, Message);
        }

        foreach (var subscription in _subscriptions)
        {
            while (subscription.Reader.TryRead(out _))
            {
                read++;
            }
        }

        return read;
    }

    /// <summary>SET with notifications off (the default).</summary>
    /// <returns>The reply.</returns>
    [Benchmark(Baseline = true), BenchmarkCategory("Notifications")]
    public bool SetNotificationsOff() => _quiet.StringSet("bench:key", Message);

    /// <summary>SET with <c>KEA</c> and nobody subscribed: the events are skipped before any channel name is built.</summary>
    /// <returns>The reply.</returns>
    [Benchmark, BenchmarkCategory("Notifications")]
    public bool SetNotificationsNoSubscriber() => _notifying.StringSet("bench:key", Message);

    /// <summary>SET with <c>KEA</c> and a pattern subscriber (drop-oldest, so its buffer never closes it).</summary>
    /// <returns>The reply.</returns>
    [Benchmark, BenchmarkCategory("Notifications")]
    public bool SetNotificationsSubscribed()
    {
        var set = _listened.StringSet("bench:key", Message);
        while (_listener!.Reader.TryRead(out _))
        {
        }

        return set;
    }

    [GlobalCleanup]
    public void Dispose()
    {
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }

        _listener?.Dispose();
        _store?.Dispose();
        _quiet?.Dispose();
        _notifying?.Dispose();
        _listened?.Dispose();
        GC.SuppressFinalize(this);
    }
}
