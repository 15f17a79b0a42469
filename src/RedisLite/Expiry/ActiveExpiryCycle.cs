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
    private int _running;

    public ActiveExpiryCycle(StoreCore core, TimeSpan? period, bool sweep)
    {
        _core = core;
        _budget = (period ?? TimeSpan.FromMilliseconds(100)) / 4;
        if (period is { } p)
        {
            _timer = sweep
                ? core.Time.CreateTimer(static state => ((ActiveExpiryCycle)state!).Run(), this, p, p)
                : core.Time.CreateTimer(static state => ((StoreCore)state!).NowMilliseconds(), core, p, p);
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
                        reclaimed += SweepShard(shard, now);
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

    private int SweepShard(Shard shard, long now)
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

                        shard.RemoveAt(index);
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
