using RedisLite.Internal;
using RedisLite.Keyspace;

namespace RedisLite;

// Memory accounting (MEMORY USAGE, used memory) and the LFU counter (OBJECT FREQ); eviction itself lives in
// Eviction/ and runs from StoreCore.DenyOom before every write that may add data.
public sealed partial class DataStore
{
    /// <summary>Gets the estimated bytes of every key of every database (Redis's <c>used_memory</c>, counted the way
    /// <see cref="RedisLiteOptions.MaxMemory"/> is): per key, a fixed slot cost plus its value as allocated. See
    /// docs/compatibility.md for what the estimate counts.</summary>
    public long UsedMemory => _core.UsedMemory();

    /// <summary>Gets the number of keys evicted so far to stay under <see cref="RedisLiteOptions.MaxMemory"/>
    /// (Redis's <c>evicted_keys</c>).</summary>
    public long EvictedKeys => _core.EvictedKeys;

    /// <summary>Gets the shared state (tests and checks).</summary>
    internal StoreCore Core => _core;

    /// <summary>Checks every shard's incremental memory total against a recomputation from scratch (tests and checks:
    /// slow, holds each shard's lock in turn).</summary>
    /// <returns>A description of each mismatch; empty when the totals are right.</returns>
    internal List<string> VerifyMemoryAccounting()
    {
        var problems = new List<string>();
        foreach (var database in _core.Databases)
        {
            foreach (var shard in database.Shards)
            {
                lock (shard.SyncRoot)
                {
                    var measured = shard.MeasureUsedBytes();
                    if (measured != shard.UsedBytes)
                    {
                        problems.Add($"db {database.Index} shard {shard.Ordinal}: counted {shard.UsedBytes}, measured {measured}");
                    }
                }
            }
        }

        return problems;
    }

    /// <inheritdoc/>
    public long? KeyMemoryUsage(RedisKey key) => ReadEntry(key, static (shard, index) =>
        (long?)(MemoryEstimate.SlotBytes + MemoryEstimate.Of(shard.EntryAt(index).Value!)), countLookup: false);

    /// <inheritdoc/>
    public long? KeyFrequency(RedisKey key)
    {
        if (_db.Shards[0].Lfu is null)
        {
            ThrowHelper.ThrowRedis(ErrorMessages.LfuNotSelected);
        }

        var clock = _core.ClockAt(_core.NowMilliseconds());
        return ReadEntry(key, (shard, index) => (long?)shard.Lfu!.Decayed(shard.EntryAt(index).AccessClock, clock));
    }

    /// <summary>Reads a live key's entry under its shard's lock, without touching it; null when missing or expired.
    /// Counts a command, and a keyspace hit or miss when <paramref name="countLookup"/> (OBJECT does, MEMORY USAGE does
    /// not: it reads Redis's dictionary directly).</summary>
    private long? ReadEntry(RedisKey key, Func<Shard, int, long?> read, bool countLookup = true)
    {
        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        var k = KeyBytes(key, scratch);
        var hash = _db.Hash(k);
        var shard = _db.ShardFor(hash);
        var now = _core.NowMilliseconds();
        lock (shard.SyncRoot)
        {
            var index = shard.Find(k, hash);
            var live = index >= 0 && (shard.EntryAt(index).ExpireAt is var expireAt && (expireAt == 0 || now <= expireAt));
            if (countLookup)
            {
                _core.Counters.CommandWithLookup(live);
            }
            else
            {
                _core.Counters.Command();
            }

            return live ? read(shard, index) : null;
        }
    }
}
