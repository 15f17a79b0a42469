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
        // As in Redis, a missing key answers nil before the policy is looked at.
        var clock = _core.ClockAt(_core.NowMilliseconds());
        return ReadEntry(key, (shard, index) => shard.Lfu is { } lfu
            ? lfu.Decayed(shard.EntryAt(index).AccessClock, clock)
            : ThrowHelper.ThrowRedis<long?>(ErrorMessages.LfuNotSelected));
    }

    /// <summary>How a key's value would be encoded in Redis 7.0 with its default thresholds (<c>OBJECT ENCODING</c>),
    /// and whether Redis would share the object (a small integer: <c>OBJECT REFCOUNT</c> answers INT_MAX for it).
    /// Counts a lookup as OBJECT does. Collections report their own encoding where the store has Redis's (sets, sorted
    /// sets, hashes) and Redis 7.0's where it differs (lists are always a quicklist there; its sets have no listpack).</summary>
    /// <param name="key">The key.</param>
    /// <returns>The encoding's name and whether it is shared, or null if the key does not exist.</returns>
    internal (string Encoding, bool Shared)? KeyEncoding(RedisKey key)
    {
        var code = ReadEntry(key, static (shard, index) => EncodingCode(shard.EntryAt(index).Value!));
        if (code is not { } c)
        {
            return null;
        }

        // Redis does not share integers when an LRU/LFU policy needs a per-object access stamp.
        var shareable = _core.Options.MaxMemory == 0 || _core.Options.MaxMemoryPolicy is not (MaxMemoryPolicy.AllKeysLru
            or MaxMemoryPolicy.VolatileLru or MaxMemoryPolicy.AllKeysLfu or MaxMemoryPolicy.VolatileLfu);
        string[] names = ["int", "int", "embstr", "raw", "quicklist", "intset", "hashtable", "listpack", "skiplist"];
        return (names[c], c == 0 && shareable);
    }

    /// <summary>0 shared int (0..9999), 1 int, 2 embstr, 3 raw, 4 quicklist, 5 intset, 6 hashtable, 7 listpack,
    /// 8 skiplist.</summary>
    private static long EncodingCode(object value)
    {
        if (FastCast.IsBytes(value, out var payload))
        {
            // Redis's tryObjectEncoding: a canonical 64-bit integer of up to 20 characters is an int, a string of up to
            // 44 bytes is embedded in its object header, anything longer is raw.
            var bytes = StringPayload.ValueSpan(payload);
            Span<byte> canonical = stackalloc byte[24];
            if (bytes.Length <= 20 && NumberParsing.TryParseInt64(bytes, out var number)
                && number.TryFormat(canonical, out var written, default, System.Globalization.CultureInfo.InvariantCulture)
                && canonical[..written].SequenceEqual(bytes))
            {
                return number is >= 0 and < 10000 ? 0 : 1;
            }

            return bytes.Length <= 44 ? 2 : 3;
        }

        return value switch
        {
            Collections.ListValue => 4,
            Collections.SetValue set => set.Encoding == Collections.SetValue.SetEncoding.Intset ? 5 : 6,
            Collections.HashValue hash => hash.IsCompact ? 7 : 6,
            Collections.SortedSetValue zset => zset.IsCompact ? 7 : 8,
            _ => 3,
        };
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
