using System.Runtime.CompilerServices;
using RedisLite.Eviction;
using RedisLite.Internal;

namespace RedisLite.Keyspace;

// Memory accounting and eviction: the store-wide total of the per-shard estimates, the maxmemory check that writes
// which may add data run first (Redis's denyoom commands) and the evicted-keys counter.
internal sealed partial class StoreCore
{
    [ThreadStatic]
    private static bool t_denyOomSeen;

    private long _evictedKeys;
    private Evictor? _evictor;
    private readonly Lock _configureLock = new();

    /// <summary>How many keys have been evicted to stay under <see cref="RedisLiteOptions.MaxMemory"/>.</summary>
    public long EvictedKeys => Interlocked.Read(ref _evictedKeys);

    /// <summary>The LFU counter for the options' policy, or null when it is not an LFU policy.</summary>
    internal static LfuCounter? LfuFor(RedisLiteOptions options) =>
        options.MaxMemoryPolicy is MaxMemoryPolicy.AllKeysLfu or MaxMemoryPolicy.VolatileLfu
            ? new LfuCounter(options.LfuLogFactor, (int)options.LfuDecayTime.TotalMinutes)
            : null;

    /// <summary>The estimated bytes of every key of every database (see <see cref="MemoryEstimate"/>): a sum of the
    /// per-shard totals of the databases that ever held a key, read without locking.</summary>
    public long UsedMemory()
    {
        long total = 0;
        foreach (var database in Databases)
        {
            if (database.HasHadKeys)
            {
                total += database.UsedBytes;
            }
        }

        return total;
    }

    public void CountEvicted(int count = 1) => Interlocked.Add(ref _evictedKeys, count);

    /// <summary>Changes the memory limit, eviction policy and sample count at runtime (the server's CONFIG SET): the
    /// options are read live, the evictor is rebuilt on next use, and a switch between LRU and LFU policies switches
    /// every shard's access stamps.</summary>
    public void ConfigureEviction(long maxMemory, MaxMemoryPolicy policy, int samples)
    {
        lock (_configureLock)
        {
            var wasLfu = LfuFor(Options) is not null;
            Options.MaxMemoryPolicy = policy;
            Options.MaxMemorySamples = samples;
            Options.MaxMemory = maxMemory;
            if (LfuFor(Options) is var lfu && (lfu is not null) != wasLfu)
            {
                foreach (var database in Databases)
                {
                    foreach (var shard in database.Shards)
                    {
                        shard.UseLfu(lfu);
                    }
                }
            }

            Volatile.Write(ref _evictor, null);
        }
    }

    /// <summary>Run before every write that may add data (Redis's <c>denyoom</c> commands), with no shard held: when the
    /// store is over <see cref="RedisLiteOptions.MaxMemory"/>, evicts keys by the policy, or throws Redis's OOM error if
    /// nothing can be evicted. Without a limit this is one predictable branch. Inside a transaction or atomic delegate
    /// it does nothing: as in Redis, the check happens once, before EXEC runs.</summary>
    /// <exception cref="RedisException">The store is over its limit and nothing can be evicted.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void DenyOom()
    {
        if (Options.MaxMemory != 0 || _refuseWrites)
        {
            DenyOomSlow();
        }
    }

    /// <summary>Like <see cref="DenyOom"/> but also inside an exclusive section (EXEC's start); returns false instead
    /// of throwing.</summary>
    public bool TryFreeMemory() => Options.MaxMemory == 0 || UsedMemory() <= Options.MaxMemory || Evictor.FreeMemory();

    /// <summary>Clears the flag that <see cref="DenyOom"/> raises when it runs inside an exclusive section, so a
    /// transaction's queue-time check can tell whether a queued command may add data (Redis's <c>denyoom</c> flag).</summary>
    public static void ResetDenyOomSeen() => t_denyOomSeen = false;

    /// <summary>Gets a value indicating whether <see cref="DenyOom"/> ran inside an exclusive section on this thread
    /// since <see cref="ResetDenyOomSeen"/> (only stores with a limit report it).</summary>
    public static bool DenyOomSeen => t_denyOomSeen;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void DenyOomSlow()
    {
        Log?.ThrowIfFailed();

        // Loading restores what was there: as in Redis, nothing is evicted or refused until the store is in use.
        if (Options.MaxMemory == 0 || Loading)
        {
            return;
        }

        if (InOwnExclusiveSection)
        {
            t_denyOomSeen = true;
            return;
        }

        if (UsedMemory() <= Options.MaxMemory)
        {
            return;
        }

        if (!Evictor.FreeMemory())
        {
            ThrowHelper.ThrowRedis(ErrorMessages.OutOfMemory);
        }
    }

    private Evictor Evictor
    {
        get
        {
            var evictor = Volatile.Read(ref _evictor);
            if (evictor is null)
            {
                var created = new Evictor(this);
                evictor = Interlocked.CompareExchange(ref _evictor, created, null) ?? created;
            }

            return evictor;
        }
    }
}
