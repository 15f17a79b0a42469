using System.Diagnostics.Metrics;
using System.Reflection;

namespace RedisLite.Diagnostics;

/// <summary>Publishes one store's <see cref="StoreInfo"/> through a <see cref="Meter"/> named
/// <see cref="RedisLiteMetrics.MeterName"/>.</summary>
internal sealed class StoreMeter : IDisposable
{
    private static readonly string? Version = typeof(StoreMeter).Assembly
        .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;

    private readonly Meter _meter;
    private readonly bool _ownsMeter;

    /// <param name="store">The store; held weakly, because a meter is reachable from the process-wide listener
    /// registry and must not keep a store that nobody disposed alive.</param>
    /// <param name="factory">The host's meter factory, or null for a meter of our own.</param>
    public StoreMeter(DataStore store, IMeterFactory? factory)
    {
        // A factory owns (and may share) the meters it creates; only a meter of our own is ours to dispose.
        _ownsMeter = factory is null;
        _meter = factory?.Create(new MeterOptions(RedisLiteMetrics.MeterName) { Version = Version })
            ?? new Meter(RedisLiteMetrics.MeterName, Version);
        var weak = new WeakReference<DataStore>(store);

        Counter(RedisLiteMetrics.Commands, "{command}", "Commands processed.", static i => i.TotalCommandsProcessed);
        Counter(RedisLiteMetrics.KeyspaceHits, "{lookup}", "Key lookups that found the key.", static i => i.KeyspaceHits);
        Counter(RedisLiteMetrics.KeyspaceMisses, "{lookup}", "Key lookups that did not find the key.", static i => i.KeyspaceMisses);
        Counter(RedisLiteMetrics.ExpiredKeys, "{key}", "Keys reclaimed because their TTL passed.", static i => i.ExpiredKeys);
        Counter(RedisLiteMetrics.EvictedKeys, "{key}", "Keys evicted for the memory limit.", static i => i.EvictedKeys);
        Gauge(RedisLiteMetrics.MemoryUsed, "By", "Estimated bytes used by the data.", static i => i.UsedMemory);
        Gauge(RedisLiteMetrics.BlockedClients, "{client}", "Callers blocked on keys.", static i => i.BlockedClients);
        Gauge(RedisLiteMetrics.PubSubChannels, "{channel}", "Channels with at least one subscriber.", static i => i.PubSubChannels);
        Gauge(RedisLiteMetrics.PubSubPatterns, "{pattern}", "Subscribed patterns.", static i => i.PubSubPatterns);
        Gauge(RedisLiteMetrics.PubSubSubscribers, "{client}", "Connected subscribers (open subscriptions).", static i => i.PubSubSubscribers ?? 0);
        _meter.CreateObservableUpDownCounter(RedisLiteMetrics.Keys, () => KeysPerDatabase(weak), "{key}", "Keys per database.");

        void Counter(string name, string unit, string description, Func<StoreInfo, long> read) =>
            _meter.CreateObservableCounter(name, () => Read(weak, read), unit, description);

        void Gauge(string name, string unit, string description, Func<StoreInfo, long> read) =>
            _meter.CreateObservableUpDownCounter(name, () => Read(weak, read), unit, description);
    }

    private static Measurement<long>[] Read(WeakReference<DataStore> weak, Func<StoreInfo, long> read) =>
        weak.TryGetTarget(out var store) ? [new Measurement<long>(read(store.Statistics(includeKeyspace: false)))] : [];

    private static Measurement<long>[] KeysPerDatabase(WeakReference<DataStore> weak)
    {
        if (!weak.TryGetTarget(out var store))
        {
            return [];
        }

        return store.Statistics(includeKeyspace: true).Keyspace
            .Select(static d => new Measurement<long>(d.Keys, new KeyValuePair<string, object?>("db", d.Database)))
            .ToArray();
    }

    /// <summary>Gets the meter the instruments belong to.</summary>
    public Meter Meter => _meter;

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}
