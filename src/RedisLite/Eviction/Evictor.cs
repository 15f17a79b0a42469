using RedisLite.Keyspace;

namespace RedisLite.Eviction;

/// <summary>
/// Frees memory by Redis's <c>maxmemory-policy</c> when the store's estimate is over
/// <see cref="RedisLiteOptions.MaxMemory"/> (Redis's <c>performEvictions</c>).
/// </summary>
/// <remarks>
/// <para>LRU, LFU and TTL policies use Redis's eviction pool: each round samples
/// <see cref="RedisLiteOptions.MaxMemorySamples"/> keys per database (a run of entries of one random shard) into a pool of the
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

    /// <summary>How far below the limit an eviction goes: 1/1024 of it, at most 64 KB (a few hundred small keys), so
    /// that under sustained writes the check, lock and measurement are paid once per batch rather than per write.</summary>
    private readonly long _headroom;
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
        _headroom = Math.Min(_limit / 1024, 64 * 1024);
        _volatileOnly = _policy is MaxMemoryPolicy.VolatileLru or MaxMemoryPolicy.VolatileLfu or MaxMemoryPolicy.VolatileRandom or MaxMemoryPolicy.VolatileTtl;
    }

    /// <summary>Evicts keys until the store is within its limit, going on to <see cref="_headroom"/> below it so that
    /// the writes that follow do not each have to evict. Returns false when it is over the limit and nothing can be
    /// evicted (no eviction policy, or no candidate key): the caller then rejects its write.</summary>
    public bool FreeMemory()
    {
        if (_policy == MaxMemoryPolicy.NoEviction)
        {
            return _core.UsedMemory() <= _limit;
        }

        lock (_gate)
        {
            // Measured once: a thread that waited for the gate usually finds the memory freed already.
            var used = _core.UsedMemory();
            if (used <= _limit)
            {
                return true;
            }

            // The access clock as last ticked (by the background tick or any command that read the time): the same clock
            // the stamps were taken with, without asking the time provider on every eviction.
            var clock = _core.Clock;
            var excess = used - (_limit - _headroom);
            long freed = 0;
            var fruitless = 0;
            while (freed < excess)
            {
                switch (EvictOne(clock, out var bytes))
                {
                    case Outcome.Evicted:
                        freed += bytes;
                        fruitless = 0;
                        break;
                    case Outcome.NoCandidate:
                        return used - freed <= _limit;
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
        /// <summary>A key was evicted.</summary>
        Evicted,

        /// <summary>Keys were added to the pool.</summary>
        Sampled,

        /// <summary>No key qualifies: nothing can be evicted.</summary>
        NoCandidate,

        /// <summary>Candidates exist but their shards were busy or they were gone: try again.</summary>
        Busy,
    }

    private Outcome EvictOne(int clock, out long freed) =>
        _policy is MaxMemoryPolicy.AllKeysRandom or MaxMemoryPolicy.VolatileRandom ? EvictRandom(out freed) : EvictFromPool(clock, out freed);

    private Outcome EvictRandom(out long freed)
    {
        freed = 0;
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
                    freed = Evict(database, shard, _volatileOnly ? shard.VolatileEntry(slot) : slot);
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

    private Outcome EvictFromPool(int clock, out long freed)
    {
        freed = 0;
        var sampled = false;
        var busy = false;
        foreach (var database in _core.Databases)
        {
            if (database.HasHadKeys)
            {
                switch (Sample(database, clock))
                {
                    case Outcome.Sampled:
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
            var shard = candidate.Shard;
            if (!shard.TryEnterWrite())
            {
                busy = true;
                continue;
            }

            try
            {
                // The entry is usually where it was sampled; if removals moved it, it is looked up by key. A key written
                // since it was sampled holds a new value and may be hot now: it is no longer a candidate.
                var index = candidate.Index;
                if (index >= shard.Count || !ReferenceEquals(shard.EntryAt(index).Value, candidate.Value))
                {
                    var database = _core.Databases[candidate.Database];
                    var key = StoredValue.KeyOf(candidate.Value);
                    index = shard.Find(key, database.Hash(key));
                    if (index < 0 || !ReferenceEquals(shard.EntryAt(index).Value, candidate.Value))
                    {
                        continue;
                    }
                }

                if (_volatileOnly && shard.EntryAt(index).ExpireAt == 0)
                {
                    continue;
                }

                freed = Evict(_core.Databases[candidate.Database], shard, index);
                return Outcome.Evicted;
            }
            finally
            {
                shard.ExitWrite();
            }
        }

        return Outcome.Busy;
    }

    /// <summary>Adds <see cref="_samples"/> keys of <paramref name="database"/> to the pool (Redis's
    /// <c>evictionPoolPopulate</c>): a run of consecutive entries from a random position of a random non-empty shard,
    /// as Redis's <c>dictGetSomeKeys</c> takes consecutive buckets, so one sample costs one or two cache misses
    /// rather than one per key.</summary>
    private Outcome Sample(Database database, int clock)
    {
        var shards = database.Shards;
        var start = Random.Shared.Next(shards.Length);
        var busy = false;
        for (var s = 0; s < shards.Length; s++)
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
                if (count == 0)
                {
                    continue;
                }

                var first = Random.Shared.Next(count);
                var samples = Math.Min(_samples, count);
                for (var i = 0; i < samples; i++)
                {
                    var slot = first + i < count ? first + i : first + i - count;
                    var index = _volatileOnly ? shard.VolatileEntry(slot) : slot;
                    ref var entry = ref shard.EntryAt(index);
                    Offer(new Candidate(Score(ref entry, shard, clock), database.Index, shard, index, entry.Value!));
                }

                return Outcome.Sampled;
            }
            finally
            {
                shard.SyncRoot.Exit();
            }
        }

        return busy ? Outcome.Busy : Outcome.NoCandidate;
    }

    /// <summary>How good an eviction candidate an entry is: the higher, the sooner it goes.</summary>
    private long Score(ref Entry entry, Shard shard, int clock) => _policy switch
    {
        MaxMemoryPolicy.AllKeysLfu or MaxMemoryPolicy.VolatileLfu => // A policy switched at runtime (CONFIG SET) may leave this evictor a moment on shards that no longer count.
        255 - (shard.Lfu?.Decayed(entry.AccessClock, clock) ?? 0),
        MaxMemoryPolicy.VolatileTtl => long.MaxValue - entry.ExpireAt,
        _ => (long)clock - entry.AccessClock,
    };

    /// <summary>Inserts a candidate into the pool, which is kept sorted by ascending score and holds the best
    /// <see cref="PoolSize"/>. Candidates are kept by value reference: no copy of the key, and a key rewritten since
    /// is recognised as a different candidate.</summary>
    private void Offer(in Candidate candidate)
    {
        var score = candidate.Score;
        if (_poolCount == PoolSize && score <= _pool[0].Score)
        {
            return;
        }

        for (var i = 0; i < _poolCount; i++)
        {
            if (ReferenceEquals(_pool[i].Value, candidate.Value))
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

        _pool[at] = candidate;
    }

    /// <summary>Deletes the entry at <paramref name="index"/> as an eviction. Caller holds the shard's write scope, so
    /// WATCH sees the change before anyone else can. Returns the bytes freed.</summary>
    private long Evict(Database database, Shard shard, int index)
    {
        // The value keeps the key's bytes alive (and unchanged) after the entry is gone.
        var value = shard.EntryAt(index).Value!;
        var before = shard.UsedBytes;
        shard.RemoveAt(index);
        var freed = before - shard.UsedBytes;
        var key = StoredValue.KeyOf(value);
        _core.KeyModified(database, key);
        if (_core.Log is { } log)
        {
            using var logged = log.Begin(Persistence.LogOp.Delete, database.Index);
            logged.Bytes(key);
        }

        _core.KeyspaceEvent(KeyspaceEventTypes.Evicted, "evicted", database, key);
        _core.CountEvicted();
        return freed;
    }

    /// <summary>An eviction candidate: its score, where it was sampled (database, shard, entry index) and its value,
    /// which identifies it (a key rewritten since holds another value).</summary>
    private readonly record struct Candidate(long Score, int Database, Shard Shard, int Index, object Value);
}
