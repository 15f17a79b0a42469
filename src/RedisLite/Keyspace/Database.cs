using System.Runtime.CompilerServices;

namespace RedisLite.Keyspace;

/// <summary>One logical database: its keys spread over a fixed number of <see cref="Shard"/>s by hash.</summary>
internal sealed class Database
{
    private readonly int _shift;
    private readonly ulong _seed;

    public Database(int index, int shardCount, ulong seed)
    {
        Index = index;
        _seed = seed;
        Shards = new Shard[shardCount];
        for (var i = 0; i < shardCount; i++)
        {
            Shards[i] = new Shard((index * shardCount) + i);
        }

        _shift = 32 - System.Numerics.BitOperations.Log2((uint)shardCount);
    }

    public int Index { get; }

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
