using RedisLite.Keyspace;

namespace RedisLite.Eviction;

/// <summary>
/// Frees memory by Redis's <c>maxmemory-policy</c> when the store's estimate is over
/// <see cref="RedisLiteOptions.MaxMemory"/> (Redis's <c>performEvictions</c>).
/// </summary>
/// <remarks>
/// <para>LRU, LFU and TTL policies use Redis's eviction pool: each round samples
/// <see cref="RedisLiteOptions.MaxMemorySamples"/> keys per database (from one random shard of it) into a pool of the
/// <see cref="PoolSize"/> best candidates seen so far, kept across rounds, then evicts the best candidate that still
/// exists. Random policies evict a random key, visiting the databases in turn.</para>
/// <para><b>Locking.</b> One thread evicts at a time (<see cref="_gate"/>); the others wait for it and find memory
/// freed. Shards are only ever taken with a try-lock, so an evicting thread can never deadlock with writers, whatever
/// order they lock in; a busy shard is simply skipped this round.</para>
/// </remarks>
internal sealed class Evictor
{
    /// <summary>Redis's <c>EVPOOL_SIZE</c>.</summary>
    public const int PoolSize = 16;

    /// <summary>Rounds in a row that may find candidates but lock none before eviction gives up for this command.</summary>
    private const int MaxFruitlessRounds = 64;

    private readonly StoreCore _core;
    private readonly MaxMemoryPolicy _policy;
    private readonly long _limit;
    private readonly int _samples;
    private readonly bool _volatileOnly;
    private readonly Lock _gate = new();
    private readonly Candidate[] _pool = new Candidate[PoolSize];
    private int _poolCount;
    private int _nextDatabase;

    public Evictor(StoreCore core)
    {
        _core = core;
        _policy = core.Options.MaxMemoryPolicy;
        _limit = core.Options.MaxMemory;
        _samples = core.Options.MaxMemorySamples;
        _volatileOnly = _policy is MaxMemoryPolicy.VolatileLru or MaxMemoryPolicy.VolatileLfu or MaxMemoryPolicy.VolatileRandom or MaxMemoryPolicy.VolatileTtl;
    }

    /// <summary>Evicts keys until the store is within its limit. Returns false when it is over the limit and nothing
    /// can be evicted (no eviction policy, or no candidate key): the caller then rejects its write.</summary>
    public bool FreeMemory()
    {
        if (_policy == MaxMemoryPolicy.NoEviction)
        {
            return _core.UsedMemory() <= _limit;
        }

        lock (_gate)
        {
            var fruitless = 0;
            while (_core.UsedMemory() > _limit)
            {
                switch (EvictOne())
                {
                    case Outcome.Evicted:
                        fruitless = 0;
                        break;
                    case Outcome.NoCandidate:
                        return false;
                    default:
                        // Everything sampled was busy or gone: let the writers that hold the shards finish.
                        if (++fruitless > MaxFruitlessRounds)
                        {
                            return true;
                        }

                        Thread.Yield();
                        break;
                }
            }

            return true;
        }
    }

    private enum Outcome
    {
        Evicted,
        NoCandidate,
        Busy,
    }

    private Outcome EvictOne()
    {
        var clock = _core.ClockAt(_core.NowMilliseconds());
        return _policy is MaxMemoryPolicy.AllKeysRandom or MaxMemoryPolicy.VolatileRandom ? EvictRandom() : EvictFromPool(clock);
    }

    private Outcome EvictRandom()
    {
        var databases = _core.Databases;
        var busy = false;
        for (var i = 0; i < databases.Length; i++)
        {
            var database = databases[_nextDatabase = (_nextDatabase + 1) % databases.Length];
            if (!database.HasHadKeys)
            {
                continue;
            }

            var shards = database.Shards;
            var start = Random.Shared.Next(shards.Length);
            for (var s = 0; s < shards.Length; s++)
            {
                var shard = shards[(start + s) % shards.Length];
                var count = _volatileOnly ? shard.VolatileCount : shard.Count;
                if (count == 0)
                {
                    continue;
                }

                if (!shard.TryEnterWrite())
                {
                    busy = true;
                    continue;
                }

                try
                {
                    count = _volatileOnly ? shard.VolatileCount : shard.Count;
                    if (count == 0)
                    {
                        continue;
                    }

                    var slot = Random.Shared.Next(count);
                    Evict(database, shard, _volatileOnly ? shard.VolatileEntry(slot) : slot);
                    return Outcome.Evicted;
                }
                finally
                {
                    shard.ExitWrite();
                }
            }
        }

        return busy ? Outcome.Busy : Outcome.NoCandidate;
    }

    private Outcome EvictFromPool(int clock)
    {
        var sampled = false;
        var busy = false;
        foreach (var database in _core.Databases)
        {
            if (database.HasHadKeys)
            {
                switch (Sample(database, clock))
                {
                    case Outcome.Evicted:
                        sampled = true;
                        break;
                    case Outcome.Busy:
                        busy = true;
                        break;
                }
            }
        }

        if (!sampled && _poolCount == 0)
        {
            return busy ? Outcome.Busy : Outcome.NoCandidate;
        }

        // The best candidate is last; candidates that are gone (or no longer qualify) are dropped on the way.
        while (_poolCount > 0)
        {
            var candidate = _pool[--_poolCount];
            _pool[_poolCount] = default;
            var database = _core.Databases[candidate.Database];
            var hash = database.Hash(candidate.Key);
            var shard = database.ShardFor(hash);
            if (!shard.TryEnterWrite())
            {
                busy = true;
                continue;
            }

            try
            {
                var index = shard.Find(candidate.Key, hash);
                if (index < 0 || (_volatileOnly && shard.EntryAt(index).ExpireAt == 0))
                {
                    continue;
                }

                Evict(database, shard, index);
                return Outcome.Evicted;
            }
            finally
            {
                shard.ExitWrite();
            }
        }

        return Outcome.Busy;
    }

    /// <summary>Adds <see cref="_samples"/> random keys of <paramref name="database"/> to the pool (Redis's
    /// <c>evictionPoolPopulate</c>), each from a random non-empty shard. Returns <see cref="Outcome.Evicted"/> when it
    /// sampled at least one key.</summary>
    private Outcome Sample(Database database, int clock)
    {
        var shards = database.Shards;
        var sampled = false;
        var busy = false;
        for (var i = 0; i < _samples; i++)
        {
            var start = Random.Shared.Next(shards.Length);
            var found = false;
            for (var s = 0; s < shards.Length && !found; s++)
            {
                var shard = shards[(start + s) % shards.Length];
                if ((_volatileOnly ? shard.VolatileCount : shard.Count) == 0)
                {
                    continue;
                }

                // Sampling only reads: the plain lock keeps the entries still without disturbing lock-free readers.
                if (!shard.SyncRoot.TryEnter())
                {
                    busy = true;
                    continue;
                }

                try
                {
                    var count = _volatileOnly ? shard.VolatileCount : shard.Count;
                    if (count != 0)
                    {
                        var slot = Random.Shared.Next(count);
                        ref var entry = ref shard.EntryAt(_volatileOnly ? shard.VolatileEntry(slot) : slot);
                        Offer(database.Index, Score(ref entry, shard, clock), entry.Value!);
                        found = sampled = true;
                    }
                }
                finally
                {
                    shard.SyncRoot.Exit();
                }
            }

            if (!found)
            {
                break;
            }
        }

        return sampled ? Outcome.Evicted : busy ? Outcome.Busy : Outcome.NoCandidate;
    }

    /// <summary>How good an eviction candidate an entry is: the higher, the sooner it goes.</summary>
    private long Score(ref Entry entry, Shard shard, int clock) => _policy switch
    {
        MaxMemoryPolicy.AllKeysLfu or MaxMemoryPolicy.VolatileLfu => 255 - shard.Lfu!.Decayed(entry.AccessClock, clock),
        MaxMemoryPolicy.VolatileTtl => long.MaxValue - entry.ExpireAt,
        _ => (long)clock - entry.AccessClock,
    };

    /// <summary>Inserts a candidate into the pool, which is kept sorted by ascending score and holds the best
    /// <see cref="PoolSize"/>.</summary>
    private void Offer(int database, long score, object value)
    {
        var key = StoredValue.KeyOf(value);
        if (_poolCount == PoolSize && score <= _pool[0].Score)
        {
            return;
        }

        for (var i = 0; i < _poolCount; i++)
        {
            if (_pool[i].Database == database && key.SequenceEqual(_pool[i].Key))
            {
                return;
            }
        }

        var at = 0;
        while (at < _poolCount && _pool[at].Score < score)
        {
            at++;
        }

        if (_poolCount == PoolSize)
        {
            // Full: drop the worst (first) candidate to make room below the insertion point.
            Array.Copy(_pool, 1, _pool, 0, at - 1);
            at--;
        }
        else
        {
            Array.Copy(_pool, at, _pool, at + 1, _poolCount - at);
            _poolCount++;
        }

        _pool[at] = new Candidate(score, database, key.ToArray());
    }

    /// <summary>Deletes the entry at <paramref name="index"/> as an eviction. Caller holds the shard's write scope, so
    /// WATCH sees the change before anyone else can.</summary>
    private void Evict(Database database, Shard shard, int index)
    {
        var key = StoredValue.KeyOf(shard.EntryAt(index).Value!).ToArray();
        shard.RemoveAt(index);
        _core.KeyModified(database, key);
        _core.KeyspaceEvent(KeyspaceEventTypes.Evicted, "evicted", database, key);
        _core.CountEvicted();
    }

    private readonly record struct Candidate(long Score, int Database, byte[] Key);
}
