using System.Diagnostics;
using RedisLite.Keyspace;

namespace RedisLite.Expiry;

/// <summary>
/// Reclaims expired keys that nobody touches, in the spirit of Redis's active expiry: every period, each shard's
/// keys with a TTL are sampled, the expired ones deleted, and the shard sampled again while more than a quarter of
/// a sample was expired. Each run is bounded to a quarter of the period in CPU time (Redis's 25%), so the cycle
/// never competes much with the application.
/// </summary>
internal sealed class ActiveExpiryCycle : IDisposable
{
    private const int SampleSize = 20;
    private const int MaxRoundsPerShard = 16;

    private readonly StoreCore _core;
    private readonly ITimer? _timer;
    private readonly TimeSpan _budget;
    private readonly Random _random = new();
    private readonly bool _sweep;
    private int _running;

    public ActiveExpiryCycle(StoreCore core, TimeSpan? period, bool sweep)
    {
        _core = core;
        _sweep = sweep;
        _budget = (period ?? TimeSpan.FromMilliseconds(100)) / 4;
        if (period is { } p)
        {
            // The timer reaches the cycle only through a weak reference: a running timer is a GC root, and a store
            // that its owner forgot to dispose must still be collectable (its timer then stops itself).
            var tick = new TickState(new WeakReference<ActiveExpiryCycle>(this));
            _timer = core.Time.CreateTimer(static state => ((TickState)state!).Tick(), tick, p, p);
            tick.Timer = _timer;
        }
    }

    private void OnTick()
    {
        if (_sweep)
        {
            Run();
        }
        else
        {
            // Without active expiry the tick still advances the access clock that reads stamp keys with.
            _core.NowMilliseconds();
        }
    }

    private sealed class TickState(WeakReference<ActiveExpiryCycle> cycle)
    {
        public ITimer? Timer { get; set; }

        public void Tick()
        {
            if (cycle.TryGetTarget(out var target))
            {
                target.OnTick();
            }
            else
            {
                Timer?.Dispose();
            }
        }
    }

    /// <summary>Runs one cycle over every database. Overlapping calls return 0 at once.</summary>
    /// <returns>The number of keys reclaimed.</returns>
    public int Run()
    {
        if (Interlocked.Exchange(ref _running, 1) == 1)
        {
            return 0;
        }

        try
        {
            var now = _core.NowMilliseconds();
            var started = Stopwatch.GetTimestamp();
            var reclaimed = 0;
            foreach (var database in _core.Databases)
            {
                foreach (var shard in database.Shards)
                {
                    if (shard.VolatileCount != 0)
                    {
                        reclaimed += SweepShard(database, shard, now);
                    }
                }

                if (Stopwatch.GetElapsedTime(started) > _budget)
                {
                    break;
                }
            }

            if (reclaimed != 0)
            {
                _core.CountExpired(reclaimed);
            }

            return reclaimed;
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    private int SweepShard(Database database, Shard shard, long now)
    {
        var reclaimed = 0;
        for (var round = 0; round < MaxRoundsPerShard; round++)
        {
            int sampled = 0, expired = 0;
            var writing = false;
            shard.SyncRoot.Enter();
            try
            {
                var samples = Math.Min(SampleSize, shard.VolatileCount);
                for (; sampled < samples && shard.VolatileCount != 0; sampled++)
                {
                    var index = shard.VolatileEntry(_random.Next(shard.VolatileCount));
                    if (now > shard.EntryAt(index).ExpireAt)
                    {
                        // Only a deletion needs the write scope, so readers are not disturbed by sampling alone.
                        if (!writing)
                        {
                            shard.EnterWrite();
                            writing = true;
                        }

                        var value = shard.EntryAt(index).Value!;
                        shard.RemoveAt(index);
                        _core.KeyModified(database, StoredValue.KeyOf(value));
                        if (_core.Log is { } log)
                        {
                            // Logged as Redis propagates a DEL: replay expires nothing itself. No caller waits on
                            // this deletion, so it does not wait for the fsync (and never holds the lock over one).
                            using (var logged = log.Begin(Persistence.LogOp.Delete, database.Index))
                            {
                                logged.Bytes(StoredValue.KeyOf(value));
                            }

                            Persistence.AppendLog.ForgetAwait();
                        }

                        _core.KeyspaceEvent(KeyspaceEventTypes.Expired, "expired", database, StoredValue.KeyOf(value));
                        expired++;
                    }
                }
            }
            finally
            {
                if (writing)
                {
                    shard.ExitWrite();
                }

                shard.SyncRoot.Exit();
            }

            reclaimed += expired;
            if (sampled == 0 || expired * 4 <= sampled)
            {
                break;
            }
        }

        return reclaimed;
    }

    public void Dispose() => _timer?.Dispose();
}
