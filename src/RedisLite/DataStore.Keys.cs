using RedisLite.Expiry;
using RedisLite.Internal;
using RedisLite.Keyspace;
using RedisLite.Persistence;

namespace RedisLite;

public sealed partial class DataStore
{
    /// <inheritdoc/>
    public bool KeyDelete(RedisKey key)
    {
        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        var k = KeyBytes(key, scratch);
        var hash = _db.Hash(k);
        var shard = _db.ShardFor(hash);
        _core.Counters.Command();
        shard.EnterWrite();
        try
        {
            long now = 0;
            var index = FindLive(shard, k, hash, ref now);
            if (index < 0)
            {
                return false;
            }

            Remove(shard, index);
            LogKey(LogOp.Delete, k);
            Notify(KeyspaceEventTypes.Generic, "del", k);
            return true;
        }
        finally
        {
            shard.ExitWrite();
        }
    }

    /// <inheritdoc/>
    public long KeyDelete(RedisKey[] keys) => DeleteMany(keys, "del");

    private long DeleteMany(RedisKey[] keys, string command)
    {
        var batch = Batch(keys, command);
        _core.Counters.Command();
        EnterWriteAll(batch.Distinct);
        try
        {
            long now = 0, deleted = 0;
            BeginLogGroup();
            try
            {
                for (var i = 0; i < batch.Keys.Length; i++)
                {
                    var shard = batch.ShardOf[i];
                    var index = FindLive(shard, batch.Keys[i].Span, batch.Hashes[i], ref now);
                    if (index >= 0)
                    {
                        Remove(shard, index);
                        LogKey(LogOp.Delete, batch.Keys[i].Span);
                        Notify(KeyspaceEventTypes.Generic, "del", batch.Keys[i].Span);
                        deleted++;
                    }
                }
            }
            finally
            {
                // Even on a failure: what was applied is recorded, and the group never stays open.
                EndLogGroup();
            }

            return deleted;
        }
        finally
        {
            ExitWriteAll(batch.Distinct);
        }
    }

    /// <inheritdoc/>
    public bool KeyUnlink(RedisKey key) => KeyDelete(key);

    /// <inheritdoc/>
    public long KeyUnlink(RedisKey[] keys) => DeleteMany(keys, "unlink");

    /// <inheritdoc/>
    public bool KeyExists(RedisKey key)
    {
        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        var k = KeyBytes(key, scratch);
        var hash = _db.Hash(k);
        return TryGetLive(_db.ShardFor(hash), k, hash, out _, out _, touch: false);
    }

    /// <inheritdoc/>
    public long KeyExists(RedisKey[] keys) => CountLive(Batch(keys, "exists"));

    private long CountLive(KeyBatch batch)
    {
        var read = ReadBatch(batch);
        long now = 0, count = 0;
        for (var i = 0; i < read.Length; i++)
        {
            if (read[i].Value is not null && IsLive(read[i].ExpireAt, ref now))
            {
                count++;
            }
            else
            {
                Notify(KeyspaceEventTypes.KeyMiss, "keymiss", batch.Keys[i].Span);
            }
        }

        return count;
    }

    /// <inheritdoc/>
    public RedisType KeyType(RedisKey key)
    {
        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        var k = KeyBytes(key, scratch);
        var hash = _db.Hash(k);
        return TryGetLive(_db.ShardFor(hash), k, hash, out var value, out _, touch: false) ? StoredValue.TypeOf(value!) : RedisType.None;
    }

    /// <inheritdoc/>
    public bool KeyExpire(RedisKey key, TimeSpan expiry, ExpireWhen when = ExpireWhen.Always)
    {
        ValidateExpireWhen(when);
        var now = _core.NowMilliseconds();
        var milliseconds = (long)expiry.TotalMilliseconds;
        if (milliseconds > long.MaxValue - now)
        {
            ThrowHelper.ThrowRedis(ErrorMessages.InvalidExpireTime("pexpire"));
        }

        return ExpireCore(key, now + milliseconds, when, now);
    }

    /// <inheritdoc/>
    public bool KeyExpire(RedisKey key, DateTimeOffset expiry, ExpireWhen when = ExpireWhen.Always)
    {
        ValidateExpireWhen(when);
        return ExpireCore(key, expiry.ToUnixTimeMilliseconds(), when, _core.NowMilliseconds());
    }

    /// <summary>PEXPIREAT with a raw Unix-millisecond time (log replay; beyond <see cref="DateTimeOffset"/>'s range).</summary>
    internal bool KeyExpireAt(in RedisKey key, long unixMilliseconds) => ExpireCore(key, unixMilliseconds, ExpireWhen.Always, _core.NowMilliseconds());

    /// <summary>EXPIRE for the RESP server: the absolute Unix-millisecond time as Redis computed it from the command
    /// (any value, past or beyond <see cref="DateTimeOffset"/>), with conditions the caller has already validated.</summary>
    internal bool KeyExpireAt(in RedisKey key, long unixMilliseconds, ExpireWhen when, long now) => ExpireCore(key, unixMilliseconds, when, now);

    /// <summary>The store's clock in Unix milliseconds (what expiry times are compared with).</summary>
    internal long NowMilliseconds() => _core.NowMilliseconds();

    /// <summary>A live key's raw expiry in Unix milliseconds (TTL, EXPIRETIME): -2 if the key does not exist, -1 if it
    /// has no TTL. Unlike <see cref="KeyExpireTime"/>, times past year 9999 are not clamped.</summary>
    internal long KeyExpireAtMilliseconds(in RedisKey key)
    {
        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        var k = KeyBytes(key, scratch);
        var hash = _db.Hash(k);
        if (!TryGetLive(_db.ShardFor(hash), k, hash, out _, out var expireAt, touch: false))
        {
            return -2;
        }

        return expireAt == 0 ? -1 : expireAt;
    }

    private static void ValidateExpireWhen(ExpireWhen when)
    {
        if ((when & ExpireWhen.HasNoExpiry) != 0 && (when & ~ExpireWhen.HasNoExpiry) != 0)
        {
            ThrowHelper.ThrowRedis(ErrorMessages.ExpireNxAndOthers);
        }

        if ((when & ExpireWhen.GreaterThanCurrentExpiry) != 0 && (when & ExpireWhen.LessThanCurrentExpiry) != 0)
        {
            ThrowHelper.ThrowRedis(ErrorMessages.ExpireGtAndLt);
        }

        if ((when & ~(ExpireWhen.HasNoExpiry | ExpireWhen.HasExpiry | ExpireWhen.GreaterThanCurrentExpiry | ExpireWhen.LessThanCurrentExpiry)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(when), when, "Unknown ExpireWhen flags.");
        }
    }

    /// <summary>EXPIRE's core, with Redis's order: missing key, then NX/XX/GT/LT (no TTL counts as infinite), then a
    /// time not after now deletes the key.</summary>
    private bool ExpireCore(in RedisKey key, long expireAt, ExpireWhen when, long now)
    {
        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        var k = KeyBytes(key, scratch);
        var hash = _db.Hash(k);
        var shard = _db.ShardFor(hash);
        _core.Counters.Command();
        shard.EnterWrite();
        try
        {
            var index = FindLive(shard, k, hash, now);
            if (index < 0)
            {
                return false;
            }

            var current = shard.EntryAt(index).ExpireAt;
            var hasTtl = current != 0;
            if (((when & ExpireWhen.HasNoExpiry) != 0 && hasTtl) ||
                ((when & ExpireWhen.HasExpiry) != 0 && !hasTtl) ||
                ((when & ExpireWhen.GreaterThanCurrentExpiry) != 0 && (!hasTtl || expireAt <= current)) ||
                ((when & ExpireWhen.LessThanCurrentExpiry) != 0 && hasTtl && expireAt >= current))
            {
                return false;
            }

            if (expireAt <= now)
            {
                Remove(shard, index);
                LogKey(LogOp.Delete, k);
                Notify(KeyspaceEventTypes.Generic, "del", k);
            }
            else
            {
                shard.SetExpireAt(index, expireAt);
                Modified(k);
                LogExpireAt(k, expireAt);
                Notify(KeyspaceEventTypes.Generic, "expire", k);
            }

            return true;
        }
        finally
        {
            shard.ExitWrite();
        }
    }

    /// <inheritdoc/>
    public bool KeyPersist(RedisKey key)
    {
        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        var k = KeyBytes(key, scratch);
        var hash = _db.Hash(k);
        var shard = _db.ShardFor(hash);
        _core.Counters.Command();
        shard.EnterWrite();
        try
        {
            long now = 0;
            var index = FindLive(shard, k, hash, ref now);
            if (index < 0 || shard.EntryAt(index).ExpireAt == 0)
            {
                return false;
            }

            shard.SetExpireAt(index, 0);
            Modified(k);
            LogKey(LogOp.Persist, k);
            Notify(KeyspaceEventTypes.Generic, "persist", k);
            return true;
        }
        finally
        {
            shard.ExitWrite();
        }
    }

    /// <inheritdoc/>
    public TimeSpan? KeyTimeToLive(RedisKey key)
    {
        var expireAt = ExpireAtOf(key, out var now);
        return expireAt > 0 ? ExpiryMath.TimeToLive(expireAt, now) : null;
    }

    /// <inheritdoc/>
    public DateTimeOffset? KeyExpireTime(RedisKey key)
    {
        var expireAt = ExpireAtOf(key, out _);
        return expireAt > 0 ? ExpiryMath.ToDateTimeOffset(expireAt) : null;
    }

    /// <summary>The absolute expiry of a live key; 0 if it has none or does not exist.</summary>
    private long ExpireAtOf(in RedisKey key, out long now)
    {
        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        var k = KeyBytes(key, scratch);
        var hash = _db.Hash(k);
        now = 0;
        if (!TryGetLive(_db.ShardFor(hash), k, hash, out _, out var expireAt, touch: false) || expireAt == 0)
        {
            return 0;
        }

        now = _core.NowMilliseconds();
        return expireAt;
    }

    /// <inheritdoc/>
    public bool KeyRename(RedisKey key, RedisKey newKey, When when = When.Always)
    {
        if (when == When.Exists)
        {
            throw new ArgumentOutOfRangeException(nameof(when), when, "RENAME supports When.Always (RENAME) and When.NotExists (RENAMENX) only.");
        }

        var source = KeyMemory(key, nameof(key));
        var target = KeyMemory(newKey, nameof(newKey));
        var sourceHash = _db.Hash(source.Span);
        var targetHash = _db.Hash(target.Span);
        var sourceShard = _db.ShardFor(sourceHash);
        var targetShard = _db.ShardFor(targetHash);
        var shards = DistinctInLockOrder(sourceShard, targetShard);
        _core.Counters.Command();
        EnterWriteAll(shards);
        try
        {
            var now = _core.NowMilliseconds();
            var sourceIndex = FindLive(sourceShard, source.Span, sourceHash, now);
            if (sourceIndex < 0)
            {
                ThrowHelper.ThrowRedis(ErrorMessages.NoSuchKey);
            }

            if (source.Span.SequenceEqual(target.Span))
            {
                return when != When.NotExists;
            }

            var targetIndex = FindLive(targetShard, target.Span, targetHash, now);
            if (targetIndex >= 0 && when == When.NotExists)
            {
                return false;
            }

            // Removing an expired target can move entries of a shared shard; look the source up again.
            sourceIndex = sourceShard.Find(source.Span, sourceHash);
            var entry = sourceShard.EntryAt(sourceIndex);
            var moved = StoredValue.MovedTo(entry.Value!, target.Span);

            // Remove the source first: when both keys share a shard, removal can move entries and change targetIndex.
            Remove(sourceShard, sourceIndex);
            targetIndex = targetShard.Find(target.Span, targetHash);
            Store(targetShard, targetIndex, targetHash, moved, entry.ExpireAt);
            if (Log is { } log)
            {
                using var logged = log.Begin(LogOp.Rename, _db.Index);
                logged.Bytes(source.Span);
                logged.Bytes(target.Span);
            }

            if (targetIndex >= 0)
            {
                // Redis deletes the old target and adds the key anew.
                NotifyNew(moved);
            }

            Notify(KeyspaceEventTypes.Generic, "rename_from", source.Span);
            Notify(KeyspaceEventTypes.Generic, "rename_to", target.Span);
            OnCollectionStored(targetShard, moved);
            return true;
        }
        finally
        {
            ExitWriteAll(shards);
        }
    }

    /// <inheritdoc/>
    public bool KeyCopy(RedisKey source, RedisKey destination, int destinationDatabase = -1, bool replace = false)
    {
        _core.DenyOom();
        var target = destinationDatabase == -1 ? this : View(destinationDatabase);
        var sourceKey = KeyMemory(source, nameof(source));
        var targetKey = KeyMemory(destination, nameof(destination));
        if (target._db == _db && sourceKey.Span.SequenceEqual(targetKey.Span))
        {
            ThrowHelper.ThrowRedis(ErrorMessages.SameObject);
        }

        var sourceHash = _db.Hash(sourceKey.Span);
        var targetHash = target._db.Hash(targetKey.Span);
        var sourceShard = _db.ShardFor(sourceHash);
        var targetShard = target._db.ShardFor(targetHash);
        var shards = DistinctInLockOrder(sourceShard, targetShard);
        _core.Counters.Command();
        EnterWriteAll(shards);
        try
        {
            var now = _core.NowMilliseconds();
            var sourceIndex = FindLive(sourceShard, sourceKey.Span, sourceHash, now);
            CountLookup(sourceIndex);
            if (sourceIndex < 0)
            {
                return false;
            }

            var targetIndex = target.FindLive(targetShard, targetKey.Span, targetHash, now);
            if (targetIndex >= 0 && !replace)
            {
                return false;
            }

            // FindLive on the target may have removed an expired entry and moved the source; look it up again.
            sourceIndex = sourceShard.Find(sourceKey.Span, sourceHash);
            var entry = sourceShard.EntryAt(sourceIndex);
            var copy = StoredValue.CopiedTo(entry.Value!, targetKey.Span);
            target.Store(targetShard, targetIndex, targetHash, copy, entry.ExpireAt);
            if (Log is { } log)
            {
                using var logged = log.Begin(LogOp.Copy, _db.Index);
                logged.Bytes(sourceKey.Span);
                logged.Int64(target._db.Index);
                logged.Bytes(targetKey.Span);
                logged.Int64(replace ? 1 : 0);
            }

            if (targetIndex >= 0)
            {
                target.NotifyNew(copy);
            }

            target.Notify(KeyspaceEventTypes.Generic, "copy_to", targetKey.Span);
            target.OnCollectionStored(targetShard, copy);
            return true;
        }
        finally
        {
            ExitWriteAll(shards);
        }
    }

    /// <inheritdoc/>
    public bool KeyMove(RedisKey key, int database)
    {
        var target = View(database);
        if (target._db == _db)
        {
            ThrowHelper.ThrowRedis(ErrorMessages.SameObject);
        }

        var k = KeyMemory(key, nameof(key));
        var sourceHash = _db.Hash(k.Span);
        var targetHash = target._db.Hash(k.Span);
        var sourceShard = _db.ShardFor(sourceHash);
        var targetShard = target._db.ShardFor(targetHash);
        var shards = DistinctInLockOrder(sourceShard, targetShard);
        _core.Counters.Command();
        EnterWriteAll(shards);
        try
        {
            var now = _core.NowMilliseconds();
            var sourceIndex = FindLive(sourceShard, k.Span, sourceHash, now);
            if (sourceIndex < 0 || target.FindLive(targetShard, k.Span, targetHash, now) >= 0)
            {
                return false;
            }

            // The key's bytes are unchanged, so the immutable value object moves as it is.
            var entry = sourceShard.EntryAt(sourceIndex);
            Remove(sourceShard, sourceIndex);
            targetShard.Add(targetHash, entry.Value!, entry.ExpireAt, _core.Clock);
            if (Log is { } log)
            {
                using var logged = log.Begin(LogOp.Move, _db.Index);
                logged.Bytes(k.Span);
                logged.Int64(target._db.Index);
            }

            target.Modified(k.Span);
            target.NotifyNew(entry.Value!);
            Notify(KeyspaceEventTypes.Generic, "move_from", k.Span);
            target.Notify(KeyspaceEventTypes.Generic, "move_to", k.Span);
            target.OnCollectionStored(targetShard, entry.Value);
            return true;
        }
        finally
        {
            ExitWriteAll(shards);
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<RedisKey> Keys(RedisValue pattern = default)
    {
        _core.Counters.Command();
        var patternBytes = pattern.IsNull ? "*"u8.ToArray() : pattern.AsMemory().ToArray();
        var matchAll = GlobPattern.IsMatchAll(patternBytes);
        var now = _core.NowMilliseconds();
        return ReadAllShards(_db.Shards, shards =>
        {
            var keys = new List<RedisKey>();
            foreach (var shard in shards)
            {
                for (var i = 0; i < shard.Count; i++)
                {
                    ref var entry = ref shard.EntryAt(i);
                    var value = entry.Value;
                    if (value is null || (entry.ExpireAt != 0 && now > entry.ExpireAt))
                    {
                        continue;
                    }

                    if (matchAll || GlobPattern.IsMatch(patternBytes, StoredValue.KeyOf(value)))
                    {
                        keys.Add(StoredValue.KeyViewOf(value));
                    }
                }
            }

            return keys;
        });
    }

    /// <inheritdoc/>
    public ScanResult KeyScan(ulong cursor, RedisValue pattern = default, int count = 10, RedisType? type = null)
    {
        _core.Counters.Command();
        if (count < 1)
        {
            ThrowHelper.ThrowRedis(ErrorMessages.Syntax);
        }

        var shards = _db.Shards;
        var shardBits = System.Numerics.BitOperations.Log2((uint)shards.Length);
        var shardIndex = (int)(cursor & (ulong)(shards.Length - 1));
        var bucketCursor = cursor >> shardBits;

        // Like Redis, COUNT bounds the keys gathered before filtering, and empty buckets are limited to ten per unit of COUNT.
        var gathered = new List<RedisKey>();
        var indexes = new List<int>();
        var now = _core.NowMilliseconds();
        var budget = (long)count * 10;
        byte[]? patternBytes = pattern.IsNull ? null : pattern.AsMemory().ToArray();
        if (patternBytes is not null && GlobPattern.IsMatchAll(patternBytes))
        {
            patternBytes = null;
        }

        while (gathered.Count < count && budget-- > 0)
        {
            var shard = shards[shardIndex];
            lock (shard.SyncRoot)
            {
                indexes.Clear();
                bucketCursor = shard.ScanBucket(bucketCursor, indexes);
                foreach (var index in indexes)
                {
                    ref var entry = ref shard.EntryAt(index);
                    var value = entry.Value!;
                    if (entry.ExpireAt != 0 && now > entry.ExpireAt)
                    {
                        continue;
                    }

                    if ((patternBytes is null || GlobPattern.IsMatch(patternBytes, StoredValue.KeyOf(value))) &&
                        (type is null || StoredValue.TypeOf(value) == type))
                    {
                        gathered.Add(StoredValue.KeyViewOf(value));
                    }
                }
            }

            if (bucketCursor == 0)
            {
                if (++shardIndex == shards.Length)
                {
                    return new ScanResult(0, gathered);
                }
            }
        }

        return new ScanResult((bucketCursor << shardBits) | (uint)shardIndex, gathered);
    }

    /// <inheritdoc/>
    public RedisKey KeyRandom()
    {
        _core.Counters.Command();
        var shards = _db.Shards;
        for (var attempt = 0; attempt < 100; attempt++)
        {
            long total = 0;
            foreach (var shard in shards)
            {
                total += shard.Count;
            }

            if (total == 0)
            {
                return default;
            }

            // Pick a shard in proportion to its size, then a uniformly random entry of it.
            var pick = Random.Shared.NextInt64(total);
            var chosen = shards[^1];
            foreach (var shard in shards)
            {
                pick -= shard.Count;
                if (pick < 0)
                {
                    chosen = shard;
                    break;
                }
            }

            chosen.EnterWrite();
            try
            {
                if (chosen.Count == 0)
                {
                    continue;
                }

                var index = Random.Shared.Next(chosen.Count);
                ref var entry = ref chosen.EntryAt(index);
                var now = entry.ExpireAt != 0 ? _core.NowMilliseconds() : 0;
                if (entry.ExpireAt != 0 && now > entry.ExpireAt)
                {
                    var expiredKey = StoredValue.KeyOf(entry.Value!).ToArray();
                    Remove(chosen, index);
                    _core.CountExpired();
                    LogKey(LogOp.Delete, expiredKey);
                    Notify(KeyspaceEventTypes.Expired, "expired", expiredKey);
                    continue;
                }

                return StoredValue.KeyViewOf(entry.Value!);
            }
            finally
            {
                chosen.ExitWrite();
            }
        }

        return default;
    }

    /// <inheritdoc/>
    public bool KeyTouch(RedisKey key)
    {
        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        var k = KeyBytes(key, scratch);
        var hash = _db.Hash(k);

        // TOUCH is explicit about access, so it stamps the exact time rather than the background-ticked clock.
        _core.NowMilliseconds();
        return TryGetLive(_db.ShardFor(hash), k, hash, out _, out _);
    }

    /// <inheritdoc/>
    public long KeyTouch(RedisKey[] keys)
    {
        var batch = Batch(keys, "touch");
        var count = CountLive(batch);

        // TOUCH is explicit about access, so it stamps the exact time rather than the background-ticked clock.
        var clock = _core.ClockAt(_core.NowMilliseconds());
        for (var i = 0; i < batch.Keys.Length; i++)
        {
            // TryGet stamps the access clock; the count above is what was true at one instant.
            batch.ShardOf[i].TryGet(batch.Keys[i].Span, batch.Hashes[i], clock, out _, out _);
        }

        return count;
    }

    /// <inheritdoc/>
    public TimeSpan? KeyIdleTime(RedisKey key)
    {
        // As in Redis, a missing key answers nil before the policy is looked at.
        var now = _core.NowMilliseconds();
        var idle = ReadEntry(key, (shard, index) => shard.Lfu is null
            ? (long)_core.IdleTime(shard.EntryAt(index).AccessClock, now).TotalMilliseconds
            : ThrowHelper.ThrowRedis<long?>(ErrorMessages.LfuSelected));
        return idle is { } ms ? TimeSpan.FromMilliseconds(ms) : null;
    }
}
