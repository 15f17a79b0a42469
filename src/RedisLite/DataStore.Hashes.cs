using System.Globalization;
using RedisLite.Collections;
using RedisLite.Internal;
using RedisLite.Keyspace;
using RedisLite.Persistence;

namespace RedisLite;

public sealed partial class DataStore
{
    /// <summary>Fields and values up to this many bytes are encoded on the stack (they are usually short).</summary>
    private const int FieldScratchSize = 192;

    /// <inheritdoc/>
    public long HashSet(RedisKey key, HashEntry[] entries)
    {
        _core.DenyOom();
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Length == 0)
        {
            ThrowHelper.ThrowRedis(ErrorMessages.WrongArgumentCount("hset"));
        }

        // Encoded before taking the lock, so that string and number arguments cost the shard nothing.
        var fields = new ReadOnlyMemory<byte>[entries.Length];
        var values = new ReadOnlyMemory<byte>[entries.Length];
        var longest = 0;
        for (var i = 0; i < entries.Length; i++)
        {
            ThrowIfNull(entries[i].Name, nameof(entries));
            ThrowIfNull(entries[i].Value, nameof(entries));
            fields[i] = entries[i].Name.AsMemory();
            values[i] = entries[i].Value.AsMemory();
            longest = Math.Max(longest, Math.Max(fields[i].Length, values[i].Length));
        }

        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        var k = KeyBytes(key, scratch);
        using var w = OpenWrite(k);
        var hash = w.GetOrAdd(static k => new HashValue(k));
        hash.Reserve(longest);
        long added = 0;
        for (var i = 0; i < fields.Length; i++)
        {
            if (hash.Set(fields[i].Span, values[i].Span))
            {
                added++;
            }
        }

        if (Log is { } log)
        {
            using var entry = log.Begin(LogOp.HashSet, _db.Index);
            entry.Bytes(k);
            for (var i = 0; i < fields.Length; i++)
            {
                entry.Bytes(fields[i].Span);
                entry.Bytes(values[i].Span);
            }
        }

        Notify(KeyspaceEventTypes.Hash, "hset", k);
        return added;
    }

    /// <inheritdoc/>
    public bool HashSet(RedisKey key, RedisValue field, RedisValue value, When when = When.Always)
    {
        _core.DenyOom();
        if (when == When.Exists)
        {
            throw new ArgumentOutOfRangeException(nameof(when), when, "HSET supports When.Always (HSET) and When.NotExists (HSETNX) only.");
        }

        ThrowIfNull(field);
        ThrowIfNull(value);
        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        Span<byte> fieldScratch = stackalloc byte[FieldScratchSize];
        Span<byte> valueScratch = stackalloc byte[FieldScratchSize];
        var f = field.GetBytes(fieldScratch);
        var v = value.GetBytes(valueScratch);
        var k = KeyBytes(key, scratch);
        using var w = OpenWrite(k);
        var hash = w.GetOrAdd(static k => new HashValue(k));

        // HSETNX converts a hash for a long argument even when the field exists and nothing is written, as Redis does.
        hash.Reserve(Math.Max(f.Length, v.Length));
        if (when == When.NotExists && hash.Contains(f))
        {
            return false;
        }

        var added = hash.Set(f, v);
        LogHashSet(k, f, v);
        Notify(KeyspaceEventTypes.Hash, "hset", k);
        return when == When.NotExists || added;
    }

    /// <inheritdoc/>
    public RedisValue HashGet(RedisKey key, RedisValue field)
    {
        ThrowIfNull(field);
        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        Span<byte> fieldScratch = stackalloc byte[FieldScratchSize];
        var f = field.GetBytes(fieldScratch);
        using var r = OpenRead(KeyBytes(key, scratch));
        RedisValue value = default;
        r.Get<HashValue>()?.TryGet(f, out value);
        return value;
    }

    /// <inheritdoc/>
    public RedisValue[] HashGet(RedisKey key, RedisValue[] fields)
    {
        var encoded = FieldBytes(fields, "hmget");
        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        using var r = OpenRead(KeyBytes(key, scratch));
        var hash = r.Get<HashValue>();
        var values = new RedisValue[encoded.Length];
        if (hash is not null)
        {
            for (var i = 0; i < encoded.Length; i++)
            {
                hash.TryGet(encoded[i].Span, out values[i]);
            }
        }

        return values;
    }

    /// <inheritdoc/>
    public HashEntry[] HashGetAll(RedisKey key)
    {
        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        using var r = OpenRead(KeyBytes(key, scratch));
        return r.Get<HashValue>()?.ToEntries() ?? [];
    }

    /// <inheritdoc/>
    public bool HashDelete(RedisKey key, RedisValue field)
    {
        ThrowIfNull(field);
        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        Span<byte> fieldScratch = stackalloc byte[FieldScratchSize];
        var f = field.GetBytes(fieldScratch);
        var k = KeyBytes(key, scratch);
        using var w = OpenWrite(k);
        if (w.Get<HashValue>()?.Remove(f) != true)
        {
            return false;
        }

        if (Log is { } log)
        {
            using var entry = log.Begin(LogOp.HashDelete, _db.Index);
            entry.Bytes(k);
            entry.Bytes(f);
        }

        Notify(KeyspaceEventTypes.Hash, "hdel", k);
        return true;
    }

    /// <inheritdoc/>
    public long HashDelete(RedisKey key, RedisValue[] fields)
    {
        var encoded = FieldBytes(fields, "hdel");
        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        var k = KeyBytes(key, scratch);
        using var w = OpenWrite(k);
        var hash = w.Get<HashValue>();
        long removed = 0;
        if (hash is not null)
        {
            foreach (var field in encoded)
            {
                if (hash.Remove(field.Span))
                {
                    removed++;
                }
            }
        }

        if (removed != 0)
        {
            if (Log is { } log)
            {
                // The fields as asked (replaying removes the same ones): what Redis propagates.
                using var entry = log.Begin(LogOp.HashDelete, _db.Index);
                entry.Bytes(k);
                foreach (var field in encoded)
                {
                    entry.Bytes(field.Span);
                }
            }

            Notify(KeyspaceEventTypes.Hash, "hdel", k);
        }

        return removed;
    }

    /// <inheritdoc/>
    public bool HashExists(RedisKey key, RedisValue field)
    {
        ThrowIfNull(field);
        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        Span<byte> fieldScratch = stackalloc byte[FieldScratchSize];
        var f = field.GetBytes(fieldScratch);
        using var r = OpenRead(KeyBytes(key, scratch));
        return r.Get<HashValue>()?.Contains(f) ?? false;
    }

    /// <inheritdoc/>
    public long HashLength(RedisKey key)
    {
        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        using var r = OpenRead(KeyBytes(key, scratch));
        return r.Get<HashValue>()?.Count ?? 0;
    }

    /// <inheritdoc/>
    public RedisValue[] HashKeys(RedisKey key) => Array.ConvertAll(HashGetAll(key), static e => e.Name);

    /// <inheritdoc/>
    public RedisValue[] HashValues(RedisKey key) => Array.ConvertAll(HashGetAll(key), static e => e.Value);

    /// <inheritdoc/>
    public long HashStringLength(RedisKey key, RedisValue field) => HashGet(key, field).Length;

    /// <inheritdoc/>
    public long HashIncrement(RedisKey key, RedisValue field, long value = 1)
    {
        _core.DenyOom();
        ThrowIfNull(field);
        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        Span<byte> fieldScratch = stackalloc byte[FieldScratchSize];
        var f = field.GetBytes(fieldScratch);
        var k = KeyBytes(key, scratch);
        using var w = OpenWrite(k);
        var hash = w.GetOrAdd(static k => new HashValue(k));
        long current = 0;
        if (hash.TryGet(f, out var stored) && !NumberParsing.TryParseInt64(stored.AsSpan(), out current))
        {
            ThrowHelper.ThrowRedis(ErrorMessages.HashValueNotInteger);
        }

        var result = unchecked(current + value);

        // Overflow happened exactly when both operands have the same sign and the sum has the other one.
        if (((current ^ result) & (value ^ result)) < 0)
        {
            ThrowHelper.ThrowRedis(ErrorMessages.IncrementOverflow);
        }

        Span<byte> digits = stackalloc byte[20];
        result.TryFormat(digits, out var length, provider: CultureInfo.InvariantCulture);
        hash.Set(f, digits[..length]);
        LogHashSet(k, f, digits[..length]);
        Notify(KeyspaceEventTypes.Hash, "hincrby", k);
        return result;
    }

    /// <inheritdoc/>
    public double HashIncrement(RedisKey key, RedisValue field, double value)
    {
        Span<byte> increment = stackalloc byte[32];
        var stored = HashIncrementByFloat(key, field, increment[..NumberFormatting.FormatDouble(value, increment)]);
        return double.Parse(stored.AsSpan(), NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    /// <summary>HINCRBYFLOAT with the increment as Redis receives it (text), returning the stored result bytes.</summary>
    internal RedisValue HashIncrementByFloat(in RedisKey key, in RedisValue field, ReadOnlySpan<byte> increment)
    {
        _core.DenyOom();
        ThrowIfNull(field);

        // Redis validates the increment before it looks at the key, and refuses an infinite one outright.
        if (!LongDouble.TryParse(increment, out var parsed))
        {
            ThrowHelper.ThrowRedis(ErrorMessages.NotFloat);
        }

        if (parsed.Kind != LongDouble.ExtendedKind.Finite)
        {
            ThrowHelper.ThrowRedis(ErrorMessages.HashIncrementNaNOrInfinity);
        }

        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        Span<byte> fieldScratch = stackalloc byte[FieldScratchSize];
        var f = field.GetBytes(fieldScratch);
        var k = KeyBytes(key, scratch);
        using var w = OpenWrite(k);
        var hash = w.GetOrAdd(static k => new HashValue(k));
        var exists = hash.TryGet(f, out var current);

        // The increment is known to be valid, so NotFloat can only be about the stored value.
        switch (LongDouble.IncrementByFloat(current.AsSpan(), exists, increment, out var result))
        {
            case IncrByFloatStatus.NotFloat:
                ThrowHelper.ThrowRedis(ErrorMessages.HashValueNotFloat);
                break;
            case IncrByFloatStatus.NaNOrInfinity:
                ThrowHelper.ThrowRedis(ErrorMessages.IncrementNaNOrInfinity);
                break;
        }

        hash.Set(f, result);

        // The result, not the increment: replaying float arithmetic must not depend on how it rounds.
        LogHashSet(k, f, result);
        Notify(KeyspaceEventTypes.Hash, "hincrbyfloat", k);
        return result;
    }

    /// <inheritdoc/>
    public RedisValue HashRandomField(RedisKey key)
    {
        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        using var r = OpenRead(KeyBytes(key, scratch));
        var hash = r.Get<HashValue>();
        if (hash is null)
        {
            return default;
        }

        var index = Random.Shared.Next((int)hash.Count);
        return hash.IsCompact ? hash.ToEntries()[index].Name : hash.TableEntryAt(index).Name;
    }

    /// <inheritdoc/>
    public RedisValue[] HashRandomFields(RedisKey key, long count) => Array.ConvertAll(RandomEntries(key, count, withValues: false), static e => e.Name);

    /// <inheritdoc/>
    public HashEntry[] HashRandomFieldsWithValues(RedisKey key, long count) => RandomEntries(key, count, withValues: true);

    private HashEntry[] RandomEntries(in RedisKey key, long count, bool withValues)
    {
        // Both range checks come before the key is looked at, as in Redis.
        if (count == long.MinValue)
        {
            ThrowHelper.ThrowRedis(ErrorMessages.RandomCountOutOfRange);
        }

        if (withValues && Math.Abs(count) > long.MaxValue / 2)
        {
            ThrowHelper.ThrowRedis(ErrorMessages.ValueOutOfRange);
        }

        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        using var r = OpenRead(KeyBytes(key, scratch));
        var hash = r.Get<HashValue>();
        if (hash is null || count == 0)
        {
            return [];
        }

        var size = (int)hash.Count;
        if (count < 0)
        {
            if (-count > Array.MaxLength)
            {
                throw new ArgumentOutOfRangeException(nameof(count), count, "More entries than an array can hold.");
            }

            // Repeats allowed: independent uniform picks.
            var all = hash.IsCompact ? hash.ToEntries() : null;
            var picks = new HashEntry[-count];
            for (var i = 0; i < picks.Length; i++)
            {
                var index = Random.Shared.Next(size);
                picks[i] = all is null ? hash.TableEntryAt(index) : all[index];
            }

            return picks;
        }

        if (count >= size)
        {
            return hash.ToEntries();
        }

        var wanted = (int)count;
        if (hash.IsCompact || wanted * 3L > size)
        {
            // A large share: shuffle the first `wanted` places of a full copy (Fisher-Yates, stopped early).
            var entries = hash.ToEntries();
            for (var i = 0; i < wanted; i++)
            {
                var j = Random.Shared.Next(i, entries.Length);
                (entries[i], entries[j]) = (entries[j], entries[i]);
            }

            return entries[..wanted];
        }

        // A small share of a big table: distinct random indexes.
        var chosen = new HashSet<int>(wanted);
        var result = new HashEntry[wanted];
        var n = 0;
        while (n < wanted)
        {
            var index = Random.Shared.Next(size);
            if (chosen.Add(index))
            {
                result[n++] = hash.TableEntryAt(index);
            }
        }

        return result;
    }

    /// <inheritdoc/>
    public ScanResult<HashEntry> HashScan(RedisKey key, ulong cursor, RedisValue pattern = default, int count = 10)
    {
        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        var k = KeyBytes(key, scratch);
        var patternBytes = pattern.IsNull ? null : pattern.AsMemory().ToArray();
        if (patternBytes is not null && GlobPattern.IsMatchAll(patternBytes))
        {
            patternBytes = null;
        }

        List<HashEntry> items;
        using (var r = OpenRead(k))
        {
            // Redis's order: a missing key is an empty scan and a wrong type an error before the options are checked.
            var hash = r.Get<HashValue>();
            if (hash is null)
            {
                return new ScanResult<HashEntry>(0, []);
            }

            if (count < 1)
            {
                ThrowHelper.ThrowRedis(ErrorMessages.Syntax);
            }

            if (hash.IsCompact)
            {
                // As with a listpack in Redis: the whole hash in one page, whatever the cursor and COUNT.
                items = [.. hash.ToEntries()];
                cursor = 0;
            }
            else
            {
                // Redis stops once the page holds COUNT replies (a field and a value each), or after ten buckets per unit of COUNT.
                var indexes = new List<int>();
                var budget = (long)count * 10;
                do
                {
                    cursor = hash.ScanTable(cursor, indexes);
                }
                while (cursor != 0 && budget-- > 0 && indexes.Count * 2L < count);

                items = new List<HashEntry>(indexes.Count);
                foreach (var index in indexes)
                {
                    items.Add(hash.TableEntryAt(index));
                }
            }
        }

        if (patternBytes is not null)
        {
            items.RemoveAll(e => !GlobPattern.IsMatch(patternBytes, e.Name.AsSpan()));
        }

        return new ScanResult<HashEntry>(cursor, items);
    }

    /// <summary>Tells whether the hash at <paramref name="key"/> uses the packed encoding (what Redis's <c>OBJECT
    /// ENCODING</c> reports as <c>listpack</c>), or null if the key does not exist. For tests and diagnostics.</summary>
    internal bool? HashIsCompact(RedisKey key)
    {
        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        using var r = OpenRead(KeyBytes(key, scratch));
        return r.Get<HashValue>()?.IsCompact;
    }

    /// <summary>Records that field <paramref name="field"/> of the hash at <paramref name="key"/> now holds
    /// <paramref name="value"/>. Caller holds the key's write scope.</summary>
    private void LogHashSet(ReadOnlySpan<byte> key, ReadOnlySpan<byte> field, ReadOnlySpan<byte> value)
    {
        if (Log is { } log)
        {
            using var entry = log.Begin(LogOp.HashSet, _db.Index);
            entry.Bytes(key);
            entry.Bytes(field);
            entry.Bytes(value);
        }
    }

    /// <summary>Encodes the fields of HMGET/HDEL before any lock is taken, with Redis's error for none.</summary>
    private static ReadOnlyMemory<byte>[] FieldBytes(RedisValue[] fields, string command)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (fields.Length == 0)
        {
            ThrowHelper.ThrowRedis(ErrorMessages.WrongArgumentCount(command));
        }

        var encoded = new ReadOnlyMemory<byte>[fields.Length];
        for (var i = 0; i < fields.Length; i++)
        {
            ThrowIfNull(fields[i], nameof(fields));
            encoded[i] = fields[i].AsMemory();
        }

        return encoded;
    }
}
