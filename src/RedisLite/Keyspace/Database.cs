using System.Runtime.CompilerServices;

namespace RedisLite.Keyspace;

/// <summary>One logical database: its keys spread over a fixed number of <see cref="Shard"/>s by hash.</summary>
internal sealed class Database
{
    private readonly int _shift;
    private readonly ulong _seed;

    public Database(int index, int shardCount, ulong seed, Eviction.LfuCounter? lfu = null)
    {
        Index = index;
        _seed = seed;
        Shards = new Shard[shardCount];
        for (var i = 0; i < shardCount; i++)
        {
            Shards[i] = new Shard((index * shardCount) + i, this, lfu);
        }

        _shift = 32 - System.Numerics.BitOperations.Log2((uint)shardCount);
    }

    public int Index { get; }

    /// <summary>Gets or sets a value indicating whether a key was ever added here: memory totals skip databases
    /// that never held one, so with the usual single database they sum only its shards.</summary>
    public bool HasHadKeys { get; set; }

    /// <summary>Gets or sets a value indicating whether a view of this database exists, so operations can reach it
    /// (see <see cref="StoreCore.Activate"/>). Set once, under the store's activation lock.</summary>
    public bool Activated
    {
        get => Volatile.Read(ref _activated);
        set => Volatile.Write(ref _activated, value);
    }

    private bool _activated;

    /// <summary>Gets the estimated bytes of this database's keys (see <see cref="MemoryEstimate"/>).</summary>
    public long UsedBytes
    {
        get
        {
            long total = 0;
            foreach (var shard in Shards)
            {
                total += shard.UsedBytes;
            }

            return total;
        }
    }

    /// <summary>The callers blocked on this database's keys (BLPOP, BZPOPMIN, ...).</summary>
    public Blocking.BlockingRegistry Blocking { get; } = new();

    /// <summary>The shards in lock order.</summary>
    public Shard[] Shards { get; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Hash(ReadOnlySpan<byte> key) => KeyHasher.Hash(key, _seed);

    /// <summary>The shard for a hash: its top bits, so the bottom bits stay free for the shard's bucket index.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Shard ShardFor(int hash) => _shift == 32 ? Shards[0] : Shards[(uint)hash >> _shift];
}
