using System.Globalization;
using RedisLite.Internal;
using RedisLite.Keyspace;
using RedisLite.Persistence;

namespace RedisLite;

public sealed partial class DataStore
{
    /// <inheritdoc/>
    public bool StringSet(RedisKey key, RedisValue value, Expiration expiry = default, When when = When.Always)
        => SetCore(key, value, expiry, when, returnOld: false, out _);

    /// <inheritdoc/>
    public RedisValue StringSetAndGet(RedisKey key, RedisValue value, Expiration expiry = default, When when = When.Always)
    {
        SetCore(key, value, expiry, when, returnOld: true, out var old);
        return old;
    }

    private bool SetCore(in RedisKey key, in RedisValue value, Expiration expiry, When when, bool returnOld, out RedisValue old)
    {
        _core.DenyOom();
        ThrowIfNull(value);
        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        var k = KeyBytes(key, scratch);
        long now = 0;
        var expireAt = ResolveExpiry(expiry, "set", allowKeepTtl: true, ref now);

        // Built before taking the lock: the copy of a large value should not hold up readers of the shard.
        var payload = StringPayload.Create(k, value);
        var hash = _db.Hash(k);
        var shard = _db.ShardFor(hash);
        _core.Counters.Command();
        shard.EnterWrite();
        try
        {
            var index = FindLive(shard, k, hash, ref now);
            old = default;
            if (returnOld)
            {
                // SET ... GET reads the key as GET does: a keyspace hit or miss.
                CountLookup(index);
                if (index >= 0)
                {
                    old = StringValueAt(shard, index);
                }
            }

            if ((when == When.Exists && index < 0) || (when == When.NotExists && index >= 0))
            {
                return false;
            }

            Store(shard, index, hash, payload, expireAt);
            LogString(shard, index, payload, expireAt);
            Notify(KeyspaceEventTypes.String, "set", k);
            if (expireAt is not 0 and not KeepTtl)
            {
                Notify(KeyspaceEventTypes.Generic, "expire", k);
            }

            return true;
        }
        finally
        {
            shard.ExitWrite();
        }
    }

    /// <summary>Counts a write command's read of its key (GETDEL, GETEX, SET ... GET, COPY's source) as a keyspace hit
    /// or miss, as Redis's read lookups do.</summary>
    private void CountLookup(int index) => _core.Counters.Lookups(index >= 0 ? 1 : 0, index >= 0 ? 0 : 1);

    private bool IsAlreadyExpired(long expireAt, ref long now)
    {
        if (now == 0)
        {
            now = _core.NowMilliseconds();
        }

        return expireAt <= now;
    }

    /// <summary>The string at an entry, or WRONGTYPE. Caller holds the lock.</summary>
    private static RedisValue StringValueAt(Shard shard, int index) => shard.EntryAt(index).Value is byte[] payload
        ? StringPayload.Value(payload)
        : ThrowHelper.ThrowWrongType<RedisValue>();

    /// <summary>
    /// Turns an <see cref="Expiration"/> into an absolute Unix-millisecond time (0 for none, <see cref="KeepTtl"/>),
    /// with Redis's validation: a TTL or time must be positive, and a TTL must not overflow when added to now.
    /// </summary>
    private long ResolveExpiry(Expiration expiry, string command, bool allowKeepTtl, ref long now)
    {
        switch (expiry.Kind)
        {
            case ExpirationKind.None:
                return 0;
            case ExpirationKind.KeepTtl when allowKeepTtl:
                return KeepTtl;
            case ExpirationKind.Relative:
                if (expiry.Milliseconds <= 0)
                {
                    ThrowHelper.ThrowRedis(ErrorMessages.InvalidExpireTime(command));
                }

                if (now == 0)
                {
                    now = _core.NowMilliseconds();
                }

                if (expiry.Milliseconds > long.MaxValue - now)
                {
                    ThrowHelper.ThrowRedis(ErrorMessages.InvalidExpireTime(command));
                }

                return now + expiry.Milliseconds;
            case ExpirationKind.Absolute:
                if (expiry.Milliseconds <= 0)
                {
                    ThrowHelper.ThrowRedis(ErrorMessages.InvalidExpireTime(command));
                }

                return expiry.Milliseconds;
            default:
                return ThrowHelper.ThrowRedis<long>(ErrorMessages.Syntax);
        }
    }

    /// <inheritdoc/>
    public bool StringSet(KeyValuePair<RedisKey, RedisValue>[] values, When when = When.Always)
    {
        _core.DenyOom();
        ArgumentNullException.ThrowIfNull(values);
        if (when == When.Exists)
        {
            throw new ArgumentOutOfRangeException(nameof(when), when, "MSET supports When.Always (MSET) and When.NotExists (MSETNX) only.");
        }

        if (values.Length == 0)
        {
            ThrowHelper.ThrowRedis(ErrorMessages.WrongArgumentCount(when == When.NotExists ? "msetnx" : "mset"));
        }

        var payloads = new byte[values.Length][];
        var keys = new ReadOnlyMemory<byte>[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            ThrowIfNull(values[i].Value, nameof(values));
            var k = KeyMemory(values[i].Key, nameof(values));
            payloads[i] = StringPayload.Create(k.Span, values[i].Value);
            var keyLength = StringPayload.KeyLength(payloads[i], out var keyOffset);
            keys[i] = payloads[i].AsMemory(keyOffset, keyLength);
        }

        var batch = new KeyBatch(_db, keys);
        _core.Counters.Command();
        EnterWriteAll(batch.Distinct);
        try
        {
            long now = 0;
            if (when == When.NotExists)
            {
                for (var i = 0; i < keys.Length; i++)
                {
                    if (FindLive(batch.ShardOf[i], keys[i].Span, batch.Hashes[i], ref now) >= 0)
                    {
                        return false;
                    }
                }
            }

            BeginLogGroup();
            try
            {
                for (var i = 0; i < keys.Length; i++)
                {
                    var shard = batch.ShardOf[i];
                    Store(shard, FindLive(shard, keys[i].Span, batch.Hashes[i], ref now), batch.Hashes[i], payloads[i], 0);
                    LogString(shard, -1, payloads[i], 0);
                    Notify(KeyspaceEventTypes.String, "set", keys[i].Span);
                }
            }
            finally
            {
                // Even on a failure: what was applied is recorded, and the group never stays open.
                EndLogGroup();
            }

            return true;
        }
        finally
        {
            ExitWriteAll(batch.Distinct);
        }
    }

    /// <inheritdoc/>
    public RedisValue StringGet(RedisKey key)
    {
        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        var k = KeyBytes(key, scratch);
        var hash = _db.Hash(k);
        if (!TryGetLive(_db.ShardFor(hash), k, hash, out var value, out _))
        {
            return default;
        }

        return FastCast.IsBytes(value, out var payload) ? StringPayload.Value(payload) : ThrowHelper.ThrowWrongType<RedisValue>();
    }

    /// <inheritdoc/>
    public RedisValue[] StringGet(RedisKey[] keys)
    {
        var batch = Batch(keys, "mget");
        var read = ReadBatch(batch);
        var results = new RedisValue[read.Length];
        long now = 0;
        for (var i = 0; i < read.Length; i++)
        {
            if (read[i].Value is not { } value || !IsLive(read[i].ExpireAt, ref now))
            {
                Notify(KeyspaceEventTypes.KeyMiss, "keymiss", batch.Keys[i].Span);
            }
            else if (value is byte[] payload)
            {
                results[i] = StringPayload.Value(payload);
            }
        }

        return results;
    }

    /// <inheritdoc/>
    public RedisValue StringGetSet(RedisKey key, RedisValue value) => StringSetAndGet(key, value);

    /// <inheritdoc/>
    public RedisValue StringGetDelete(RedisKey key)
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
            CountLookup(index);
            if (index < 0)
            {
                return default;
            }

            var old = StringValueAt(shard, index);
            Remove(shard, index);
            LogKey(LogOp.Delete, k);
            Notify(KeyspaceEventTypes.Generic, "del", k);
            return old;
        }
        finally
        {
            shard.ExitWrite();
        }
    }

    /// <inheritdoc/>
    public RedisValue StringGetSetExpiry(RedisKey key, Expiration expiry)
    {
        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        var k = KeyBytes(key, scratch);
        if (expiry.Kind == ExpirationKind.KeepTtl)
        {
            // KEEPTTL is not a GETEX option at all: a syntax error whether or not the key exists.
            ThrowHelper.ThrowRedis(ErrorMessages.Syntax);
        }

        long now = 0;
        var hash = _db.Hash(k);
        var shard = _db.ShardFor(hash);
        _core.Counters.Command();
        shard.EnterWrite();
        try
        {
            // Redis's order: a missing key replies nil and a wrong type errs before the time is validated.
            var index = FindLive(shard, k, hash, ref now);
            CountLookup(index);
            if (index < 0)
            {
                return default;
            }

            var value = StringValueAt(shard, index);
            var expireAt = expiry.Kind == ExpirationKind.Persist ? 0 : ResolveExpiry(expiry, "getex", allowKeepTtl: false, ref now);
            shard.EntryAt(index).AccessClock = _core.Clock;
            switch (expiry.Kind)
            {
                case ExpirationKind.Persist:
                    if (shard.EntryAt(index).ExpireAt != 0)
                    {
                        shard.SetExpireAt(index, 0);
                        Modified(k);
                        LogKey(LogOp.Persist, k);
                        Notify(KeyspaceEventTypes.Generic, "persist", k);
                    }

                    break;
                case ExpirationKind.Absolute when IsAlreadyExpired(expireAt, ref now):
                    Remove(shard, index);
                    LogKey(LogOp.Delete, k);
                    Notify(KeyspaceEventTypes.Generic, "del", k);
                    break;
                case ExpirationKind.Relative or ExpirationKind.Absolute:
                    shard.SetExpireAt(index, expireAt);
                    Modified(k);
                    LogExpireAt(k, expireAt);
                    Notify(KeyspaceEventTypes.Generic, "expire", k);
                    break;
            }

            return value;
        }
        finally
        {
            shard.ExitWrite();
        }
    }

    /// <inheritdoc/>
    public long StringIncrement(RedisKey key, long value = 1) => IncrementCore(key, value);

    /// <inheritdoc/>
    public long StringDecrement(RedisKey key, long value = 1)
    {
        if (value == long.MinValue)
        {
            ThrowHelper.ThrowRedis(ErrorMessages.DecrementOverflow);
        }

        return IncrementCore(key, -value);
    }

    private long IncrementCore(in RedisKey key, long increment)
    {
        _core.DenyOom();
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
            long current = 0;
            if (index >= 0)
            {
                var payload = shard.EntryAt(index).Value as byte[] ?? ThrowHelper.ThrowWrongType<byte[]>();
                if (!NumberParsing.TryParseInt64(StringPayload.ValueSpan(payload), out current))
                {
                    ThrowHelper.ThrowRedis(ErrorMessages.NotInteger);
                }
            }

            if ((increment < 0 && current < 0 && increment < long.MinValue - current) ||
                (increment > 0 && current > 0 && increment > long.MaxValue - current))
            {
                ThrowHelper.ThrowRedis(ErrorMessages.IncrementOverflow);
            }

            var result = current + increment;
            var stored = StringPayload.Create(k, (RedisValue)result);
            Store(shard, index, hash, stored, KeepTtl);
            LogString(shard, index, stored, KeepTtl);
            Notify(KeyspaceEventTypes.String, "incrby", k);
            return result;
        }
        finally
        {
            shard.ExitWrite();
        }
    }

    /// <inheritdoc/>
    public double StringIncrement(RedisKey key, double value)
    {
        _core.DenyOom();
        Span<byte> increment = stackalloc byte[32];
        var length = NumberFormatting.FormatDouble(value, increment);
        var result = StringIncrementByFloat(key, increment[..length]);

        // The stored text has long-double range (as in Redis); beyond double's range it reads as an infinity.
        return double.Parse(result.AsSpan(), NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    /// <summary>INCRBYFLOAT with the increment as Redis receives it (text), returning the stored result bytes.</summary>
    internal RedisValue StringIncrementByFloat(in RedisKey key, ReadOnlySpan<byte> increment)
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
            ReadOnlySpan<byte> current = default;
            if (index >= 0)
            {
                var payload = shard.EntryAt(index).Value as byte[] ?? ThrowHelper.ThrowWrongType<byte[]>();
                current = StringPayload.ValueSpan(payload);
            }

            switch (LongDouble.IncrementByFloat(current, index >= 0, increment, out var result))
            {
                case IncrByFloatStatus.NotFloat:
                    ThrowHelper.ThrowRedis(ErrorMessages.NotFloat);
                    break;
                case IncrByFloatStatus.NaNOrInfinity:
                    ThrowHelper.ThrowRedis(ErrorMessages.IncrementNaNOrInfinity);
                    break;
            }

            var stored = StringPayload.Create(k, result);
            Store(shard, index, hash, stored, KeepTtl);
            LogString(shard, index, stored, KeepTtl);
            Notify(KeyspaceEventTypes.String, "incrbyfloat", k);
            return StringPayload.Value(stored);
        }
        finally
        {
            shard.ExitWrite();
        }
    }

    /// <inheritdoc/>
    public long StringAppend(RedisKey key, RedisValue value)
    {
        _core.DenyOom();
        ThrowIfNull(value);
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
                var created = StringPayload.Create(k, value);
                Store(shard, index, hash, created, 0);
                LogAppend(k, value);
                Notify(KeyspaceEventTypes.String, "append", k);
                return created.Length - StringPayload.ValueOffset(created);
            }

            var current = StringValueAt(shard, index).AsSpan();
            var extra = value.Length;
            if ((long)current.Length + extra > MaxStringLength)
            {
                ThrowHelper.ThrowRedis(ErrorMessages.StringTooLong);
            }

            // Payloads are immutable once published (readers share them), so an append builds a new one.
            var payload = StringPayload.Allocate(k, current.Length + extra, out var offset);
            current.CopyTo(payload.AsSpan(offset));
            value.CopyTo(payload.AsSpan(offset + current.Length));
            Store(shard, index, hash, payload, KeepTtl);
            LogAppend(k, value);
            Notify(KeyspaceEventTypes.String, "append", k);
            return current.Length + extra;
        }
        finally
        {
            shard.ExitWrite();
        }
    }

    /// <inheritdoc/>
    public long StringLength(RedisKey key) => StringGet(key).Length;

    /// <inheritdoc/>
    public RedisValue StringGetRange(RedisKey key, long start, long end)
    {
        // The key's type is checked first (WRONGTYPE), then an empty negative range is answered at once.
        var value = StringGet(key);
        long length = value.Length;
        if (value.IsNull || (start < 0 && end < 0 && start > end))
        {
            return RedisValue.EmptyString;
        }

        if (start < 0)
        {
            start = length + start;
        }

        if (end < 0)
        {
            end = length + end;
        }

        start = Math.Max(0, start);
        end = Math.Max(0, end);
        if (end >= length)
        {
            end = length - 1;
        }

        if (start > end || length == 0)
        {
            return RedisValue.EmptyString;
        }

        return value.AsMemory().Slice((int)start, (int)(end - start + 1));
    }

    /// <inheritdoc/>
    public long StringSetRange(RedisKey key, long offset, RedisValue value)
    {
        _core.DenyOom();
        ThrowIfNull(value);
        if (offset < 0)
        {
            ThrowHelper.ThrowRedis(ErrorMessages.OffsetOutOfRange);
        }

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
            var current = index < 0 ? default : StringValueAt(shard, index).AsSpan();
            var length = value.Length;
            if (length == 0)
            {
                return current.Length;
            }

            if (offset > MaxStringLength - length)
            {
                ThrowHelper.ThrowRedis(ErrorMessages.StringTooLong);
            }

            var newLength = (int)Math.Max(current.Length, offset + length);
            var payload = StringPayload.Allocate(k, newLength, out var valueOffset);
            var target = payload.AsSpan(valueOffset);
            current.CopyTo(target);

            // Zero-fill the gap between the old end and the offset (the allocation is uninitialized).
            if (offset > current.Length)
            {
                target[current.Length..(int)offset].Clear();
            }

            value.CopyTo(target[(int)offset..]);
            Store(shard, index, hash, payload, KeepTtl);
            if (Log is { } log)
            {
                using var entry = log.Begin(LogOp.SetRange, _db.Index);
                entry.Bytes(k);
                entry.Int64(offset);
                entry.Value(value);
            }

            Notify(KeyspaceEventTypes.String, "setrange", k);
            return newLength;
        }
        finally
        {
            shard.ExitWrite();
        }
    }
}

