using RedisLite.Diagnostics;
using RedisLite.Expiry;

namespace RedisLite.Keyspace;

/// <summary>The state shared by a store and all its database views: the databases, the clock and the background work.</summary>
internal sealed partial class StoreCore : IDisposable
{
    private readonly long _epochMilliseconds;
    private int _clock;
    private long _expiredKeys;
    private ActiveExpiryCycle? _activeExpiry;

    public StoreCore(RedisLiteOptions options, TimeProvider time)
    {
        Options = options;
        Time = time;
        _notifyFlags = ParseNotifyFlags(options);
        PubSub = new RedisLite.PubSub.PubSubHub(options.PubSubBufferCapacity, options.PubSubOverflow);
        _epochMilliseconds = time.GetUtcNow().ToUnixTimeMilliseconds();

        // Enough shards that writers on different cores rarely meet, few enough that empty databases stay cheap.
        var shardCount = (int)Math.Clamp(System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Environment.ProcessorCount * 4), 8, 256);
        var seed = (ulong)Random.Shared.NextInt64();
        Databases = new Database[options.Databases];
        var lfu = LfuFor(options);
        for (var i = 0; i < Databases.Length; i++)
        {
            Databases[i] = new Database(i, shardCount, seed, lfu);
        }
    }

    public RedisLiteOptions Options { get; }

    /// <summary>The write feed (append log, or change counter for save points); null when persistence is off.</summary>
    public Persistence.AppendLog? Log;

    /// <summary>Set when the append log has failed: writes that may add data then fail with MISCONF, as in Redis.</summary>
    private volatile bool _refuseWrites;

    /// <summary>Makes writes fail from now on (the append log could not write or fsync).</summary>
    public void RefuseWrites() => _refuseWrites = true;

    /// <summary>The capture arrays of the last snapshot, kept for the next one (see Persistence/SnapshotCapture).</summary>
    public Entry[][]? SnapshotBuffers;

    /// <summary>Gets the striped command, hit and miss counters (INFO stats).</summary>
    public StoreCounters Counters { get; } = new();

    public TimeProvider Time { get; }

    public Database[] Databases { get; }

    /// <summary>How many keys have been reclaimed because their TTL passed (lazily or by the active cycle).</summary>
    public long ExpiredKeys => Interlocked.Read(ref _expiredKeys);

    /// <summary>The access clock in tenths of a second since the store started, as last observed. Reads stamp keys
    /// with it without asking the time provider, which keeps GET free of clock calls.</summary>
    public int Clock => Volatile.Read(ref _clock);

    /// <summary>Starts the background tick: it advances the access clock (as Redis's cron advances its LRU clock)
    /// and, when enabled, runs the active expiry cycle.</summary>
    public void StartBackgroundWork()
    {
        _activeExpiry = new ActiveExpiryCycle(this, Options.ActiveExpiryInterval, Options.ActiveExpiry);
    }

    public ActiveExpiryCycle ActiveExpiry => _activeExpiry ??= new ActiveExpiryCycle(this, period: null, sweep: true);

    /// <summary>What <see cref="NowMilliseconds"/> answers while loading: before every possible expiry time, so nothing
    /// expires mid-replay (a key whose TTL was later removed must survive until the record that removes it, as in
    /// Redis, which expires nothing while loading). Not 0, which callers use as "not read yet".</summary>
    public const long LoadingTime = long.MinValue / 4;

    /// <summary>Set while persisted data is being loaded into the store (before it is used by anyone else).</summary>
    public bool Loading;

    /// <summary>The current time in Unix milliseconds; also advances the access clock.</summary>
    public long NowMilliseconds()
    {
        if (Loading)
        {
            return LoadingTime;
        }

        var now = Time.GetUtcNow().ToUnixTimeMilliseconds();
        var clock = ClockAt(now);
        if (clock != _clock)
        {
            Volatile.Write(ref _clock, clock);
        }

        return now;
    }

    public int ClockAt(long unixMilliseconds) => (int)Math.Clamp((unixMilliseconds - _epochMilliseconds) / 100, 0, int.MaxValue);

    /// <summary>The idle time of a key last accessed at <paramref name="accessClock"/>.</summary>
    public TimeSpan IdleTime(int accessClock, long now) => TimeSpan.FromMilliseconds(Math.Max(0, (ClockAt(now) - (long)accessClock) * 100));

    public void CountExpired(int count = 1) => Interlocked.Add(ref _expiredKeys, count);

    public void Dispose()
    {
        _activeExpiry?.Dispose();
        PubSub.Dispose();
    }
}
