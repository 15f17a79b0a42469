using RedisLite.Collections;
using RedisLite.Internal;
using RedisLite.Keyspace;
using RedisLite.Persistence;

namespace RedisLite;

public sealed partial class DataStore
{
    private static readonly byte[] NoSetKey = [];

    /// <inheritdoc/>
    public bool SetAdd(RedisKey key, RedisValue value)
    {
        _core.DenyOom();
        ThrowIfNull(value);
        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        var k = KeyBytes(key, scratch);
        using var w = OpenWrite(k);
        if (!w.GetOrAdd(static k => new SetValue(k)).Add(value))
        {
            return false;
        }

        LogMembers(LogOp.SetAdd, k, new ReadOnlySpan<RedisValue>(in value));
        Notify(KeyspaceEventTypes.Set, "sadd", k);
        return true;
    }

    /// <inheritdoc/>
    public long SetAdd(RedisKey key, RedisValue[] values)
    {
        _core.DenyOom();
        CheckSetMembers(values, "sadd");
        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        var k = KeyBytes(key, scratch);
        using var w = OpenWrite(k);
        var set = w.GetOrAdd(static k => new SetValue(k));
        long added = 0;
        foreach (var value in values)
        {
            if (set.Add(value))
            {
                added++;
            }
        }

        if (added != 0)
        {
            LogMembers(LogOp.SetAdd, k, values);
            Notify(KeyspaceEventTypes.Set, "sadd", k);
        }

        return added;
    }

    /// <inheritdoc/>
    public bool SetRemove(RedisKey key, RedisValue value)
    {
        ThrowIfNull(value);
        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        var k = KeyBytes(key, scratch);
        using var w = OpenWrite(k);
        if (w.Get<SetValue>()?.Remove(value) != true)
        {
            return false;
        }

        LogMembers(LogOp.SetRemove, k, new ReadOnlySpan<RedisValue>(in value));
        Notify(KeyspaceEventTypes.Set, "srem", k);
        return true;
    }

    /// <inheritdoc/>
    public long SetRemove(RedisKey key, RedisValue[] values)
    {
        CheckSetMembers(values, "srem");
        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        var k = KeyBytes(key, scratch);
        using var w = OpenWrite(k);
        var set = w.Get<SetValue>();
        long removed = 0;
        if (set is not null)
        {
            foreach (var value in values)
            {
                // Redis stops looking once the set is empty; the key goes when the scope closes.
                if (set.Remove(value))
                {
                    removed++;
                    if (set.IsEmpty)
                    {
                        break;
                    }
                }
            }
        }

        if (removed != 0)
        {
            LogMembers(LogOp.SetRemove, k, values);
            Notify(KeyspaceEventTypes.Set, "srem", k);
        }

        return removed;
    }

    /// <inheritdoc/>
    public RedisValue[] SetMembers(RedisKey key)
    {
        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        using var r = OpenRead(KeyBytes(key, scratch));
        return r.Get<SetValue>()?.ToArray() ?? [];
    }

    /// <inheritdoc/>
    public bool SetContains(RedisKey key, RedisValue value)
    {
        ThrowIfNull(value);
        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        using var r = OpenRead(KeyBytes(key, scratch));
        return r.Get<SetValue>()?.Contains(value) ?? false;
    }

    /// <inheritdoc/>
    public bool[] SetContains(RedisKey key, RedisValue[] values)
    {
        CheckSetMembers(values, "smismember");
        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        using var r = OpenRead(KeyBytes(key, scratch));
        var set = r.Get<SetValue>();
        var found = new bool[values.Length];
        if (set is not null)
        {
            for (var i = 0; i < values.Length; i++)
            {
                found[i] = set.Contains(values[i]);
            }
        }

        return found;
    }

    /// <inheritdoc/>
    public long SetLength(RedisKey key)
    {
        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        using var r = OpenRead(KeyBytes(key, scratch));
        return r.Get<SetValue>()?.Count ?? 0;
    }

    /// <inheritdoc/>
    public RedisValue SetPop(RedisKey key)
    {
        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        var k = KeyBytes(key, scratch);
        using var w = OpenWrite(k);
        var set = w.Get<SetValue>();
        if (set is null)
        {
            return default;
        }

        var index = Random.Shared.Next((int)set.Count);
        var member = set.ElementAt(index);
        set.RemoveAt(index);

        // The member chosen, not the random choice.
        LogMembers(LogOp.SetRemove, k, new ReadOnlySpan<RedisValue>(in member));
        Notify(KeyspaceEventTypes.Set, "spop", k);
        return member;
    }

    /// <inheritdoc/>
    public RedisValue[] SetPop(RedisKey key, long count)
    {
        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        var k = KeyBytes(key, scratch);

        // Redis validates the count before it looks the key up.
        if (count < 0)
        {
            ThrowHelper.ThrowRedis(ErrorMessages.MustBePositive);
        }

        using var w = OpenWrite(k);
        var set = w.Get<SetValue>();
        if (set is null || count == 0)
        {
            return [];
        }

        if (count >= set.Count)
        {
            var all = set.ToArray();
            Notify(KeyspaceEventTypes.Set, "spop", k);
            w.Replace(null);
            LogKey(LogOp.Delete, k);
            return all;
        }

        // Each pick is uniform over what is left, so the popped subset is uniform over all subsets of that size.
        var popped = new RedisValue[count];
        for (var i = 0; i < popped.Length; i++)
        {
            var index = Random.Shared.Next((int)set.Count);
            popped[i] = set.ElementAt(index);
            set.RemoveAt(index);
        }

        LogMembers(LogOp.SetRemove, k, popped);
        Notify(KeyspaceEventTypes.Set, "spop", k);
        return popped;
    }

    /// <inheritdoc/>
    public RedisValue SetRandomMember(RedisKey key)
    {
        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        using var r = OpenRead(KeyBytes(key, scratch));
        var set = r.Get<SetValue>();
        return set is null ? default : set.ElementAt(Random.Shared.Next((int)set.Count));
    }

    /// <inheritdoc/>
    public RedisValue[] SetRandomMembers(RedisKey key, long count)
    {
        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        var k = KeyBytes(key, scratch);
        if (count == long.MinValue)
        {
            ThrowHelper.ThrowRedis(ErrorMessages.RandomCountOutOfRange);
        }

        using var r = OpenRead(k);
        var set = r.Get<SetValue>();
        if (set is null || count == 0)
        {
            return [];
        }

        var size = (int)set.Count;

        // A packed set walks to reach an index, so many picks from one read it into an array once.
        var small = set.Encoding == SetValue.SetEncoding.Listpack ? set.ToArray() : null;
        if (count < 0)
        {
            if (-count > Array.MaxLength)
            {
                throw new ArgumentOutOfRangeException(nameof(count), count, "More members than an array can hold.");
            }

            var picks = new RedisValue[-count];
            for (var i = 0; i < picks.Length; i++)
            {
                var pick = Random.Shared.Next(size);
                picks[i] = small is null ? set.ElementAt(pick) : small[pick];
            }

            return picks;
        }

        if (count >= size)
        {
            return set.ToArray();
        }

        // Distinct picks: a partial Fisher-Yates shuffle of the indexes, uniform over subsets of the asked size.
        var indexes = new int[size];
        for (var i = 0; i < size; i++)
        {
            indexes[i] = i;
        }

        var chosen = new RedisValue[count];
        for (var i = 0; i < chosen.Length; i++)
        {
            var j = Random.Shared.Next(i, size);
            (indexes[i], indexes[j]) = (indexes[j], indexes[i]);
            chosen[i] = small is null ? set.ElementAt(indexes[i]) : small[indexes[i]];
        }

        return chosen;
    }

    /// <inheritdoc/>
    public bool SetMove(RedisKey source, RedisKey destination, RedisValue value)
    {
        ThrowIfNull(value);
        var sourceKey = KeyMemory(source, nameof(source));
        var targetKey = KeyMemory(destination, nameof(destination));
        using var m = OpenWriteMany(sourceKey, targetKey);

        // Redis's order: a missing source replies 0 before either type is checked; then the source's type, then the destination's.
        var from = m.Get<SetValue>(0);
        if (from is null)
        {
            return false;
        }

        var to = m.Get<SetValue>(1);
        if (ReferenceEquals(from, to))
        {
            return from.Contains(value);
        }

        if (!from.Remove(value))
        {
            return false;
        }

        // Redis's events: srem (and del, when emptied) on the source, then new and sadd on the destination.
        Notify(KeyspaceEventTypes.Set, "srem", sourceKey.Span);
        if (from.IsEmpty)
        {
            m.Replace(0, null);
        }

        if ((to ?? m.GetOrAdd(1, static k => new SetValue(k))).Add(value))
        {
            Notify(KeyspaceEventTypes.Set, "sadd", targetKey.Span);
        }

        if (Log is { } log)
        {
            using var entry = log.Begin(LogOp.SetMove, _db.Index);
            entry.Bytes(sourceKey.Span);
            entry.Bytes(targetKey.Span);
            entry.Value(value);
        }

        return true;
    }

    /// <inheritdoc/>
    public RedisValue[] SetCombine(SetOperation operation, RedisKey[] keys)
    {
        var names = SetCombineKeys(SetCommandName(operation, store: false), keys);
        using var m = OpenReadMany(names);
        return CombineSets(operation, m, first: 0, limit: 0);
    }

    /// <inheritdoc/>
    public long SetCombineAndStore(SetOperation operation, RedisKey destination, RedisKey[] keys)
    {
        _core.DenyOom();
        var target = KeyMemory(destination, nameof(destination));
        var names = SetCombineKeys(SetCommandName(operation, store: true), keys);
        var all = new ReadOnlyMemory<byte>[names.Length + 1];
        all[0] = target;
        names.CopyTo(all, 1);
        using var m = OpenWriteMany(all);
        m.ReportsMisses = true;
        var members = CombineSets(operation, m, first: 1, limit: 0);
        var result = new SetValue(target.ToArray());
        foreach (var member in members)
        {
            result.Add(member);
        }

        if (m.Replace(0, result) || result.Count != 0)
        {
            LogSetCombineStore(operation, names, target.Span);
        }

        if (result.Count != 0)
        {
            Notify(KeyspaceEventTypes.Set, SetCommandName(operation, store: true), target.Span);
        }

        return result.Count;
    }

    /// <inheritdoc/>
    public long SetIntersectionLength(RedisKey[] keys, long limit = 0)
    {
        var names = SetCombineKeys("sintercard", keys);
        if (limit < 0)
        {
            ThrowHelper.ThrowRedis(ErrorMessages.LimitNegative);
        }

        using var m = OpenReadMany(names);
        return CombineSets(SetOperation.Intersect, m, first: 0, limit).Length;
    }

    /// <inheritdoc/>
    public ScanResult<RedisValue> SetScan(RedisKey key, ulong cursor, RedisValue pattern = default, int count = 10)
    {
        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        using var r = OpenRead(KeyBytes(key, scratch));

        // Redis's order: a missing key replies an empty page before the options are parsed; a wrong type errs first too.
        var set = r.Get<SetValue>();
        if (set is null)
        {
            return new ScanResult<RedisValue>(0, []);
        }

        if (count < 1)
        {
            ThrowHelper.ThrowRedis(ErrorMessages.Syntax);
        }

        var patternBytes = pattern.IsNull ? null : pattern.AsSpan().ToArray();
        if (patternBytes is not null && Keyspace.GlobPattern.IsMatchAll(patternBytes))
        {
            patternBytes = null;
        }

        var found = new List<RedisValue>();
        var next = set.Scan(cursor, patternBytes, count, found);
        return new ScanResult<RedisValue>(next, found);
    }

    /// <summary>Records <paramref name="op"/> (<see cref="LogOp.SetAdd"/> or <see cref="LogOp.SetRemove"/>) of
    /// <paramref name="members"/> on the set at <paramref name="key"/>. Caller holds the key's write scope.</summary>
    private void LogMembers(LogOp op, ReadOnlySpan<byte> key, ReadOnlySpan<RedisValue> members)
    {
        if (Log is { } log)
        {
            using var entry = log.Begin(op, _db.Index);
            entry.Bytes(key);
            foreach (ref readonly var member in members)
            {
                entry.Value(member);
            }
        }
    }

    /// <summary>Records a STORE combination as the command itself: given the sources the log has rebuilt, replaying it
    /// gives the same result, and the record stays as small as the command however large the result.</summary>
    private void LogSetCombineStore(SetOperation operation, ReadOnlyMemory<byte>[] sources, ReadOnlySpan<byte> destination)
    {
        if (Log is { } log)
        {
            using var entry = log.Begin(LogOp.SetCombineStore, _db.Index);
            entry.Int64((long)operation);
            entry.Bytes(destination);
            foreach (var source in sources)
            {
                entry.Bytes(source.Span);
            }
        }
    }

    private static void CheckSetMembers(RedisValue[] values, string command)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length == 0)
        {
            ThrowHelper.ThrowRedis(ErrorMessages.WrongArgumentCount(command));
        }

        foreach (var value in values)
        {
            ThrowIfNull(value, nameof(values));
        }
    }

    private static string SetCommandName(SetOperation operation, bool store) => operation switch
    {
        SetOperation.Union => store ? "sunionstore" : "sunion",
        SetOperation.Intersect => store ? "sinterstore" : "sinter",
        SetOperation.Difference => store ? "sdiffstore" : "sdiff",
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "Not a set operation."),
    };

    private static ReadOnlyMemory<byte>[] SetCombineKeys(string name, RedisKey[] keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Length == 0)
        {
            ThrowHelper.ThrowRedis(ErrorMessages.WrongArgumentCount(name));
        }

        var names = new ReadOnlyMemory<byte>[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            names[i] = KeyMemory(keys[i], nameof(keys));
        }

        return names;
    }

    /// <summary>Combines the sets at keys <paramref name="first"/>.. of <paramref name="m"/>. Every key's type is checked
    /// before anything is computed, so a WRONGTYPE anywhere wins over a missing key, as in Redis 7.</summary>
    /// <param name="operation">The operation.</param>
    /// <param name="m">The scope holding the keys.</param>
    /// <param name="first">The index of the first source key in <paramref name="m"/>.</param>
    /// <param name="limit">For intersections, stop after this many members (0: no limit).</param>
    /// <returns>The distinct members of the result; views of stored bytes, valid after the scope closes (members are immutable).</returns>
    private static RedisValue[] CombineSets(SetOperation operation, MultiCollectionAccess m, int first, long limit)
    {
        var sets = new SetValue?[m.Count - first];
        var missing = false;
        for (var i = 0; i < sets.Length; i++)
        {
            sets[i] = m.Get<SetValue>(first + i);
            missing |= sets[i] is null;
        }

        switch (operation)
        {
            case SetOperation.Intersect:
                return missing ? [] : IntersectSets(sets!, limit);
            case SetOperation.Difference:
                return sets[0] is null ? [] : DifferenceOfSets(sets);
            default:
                var union = new SetValue(NoSetKey);
                foreach (var set in sets)
                {
                    foreach (var member in set?.ToArray() ?? [])
                    {
                        union.Add(member);
                    }
                }

                return union.ToArray();
        }
    }

    private static RedisValue[] IntersectSets(SetValue[] sets, long limit)
    {
        // Walk the smallest set and probe the others, smallest first, as Redis does.
        var ordered = (SetValue[])sets.Clone();
        Array.Sort(ordered, static (a, b) => a.Count.CompareTo(b.Count));
        var smallest = ordered[0];
        var result = new List<RedisValue>();
        foreach (var member in smallest.ToArray())
        {
            var inAll = true;
            for (var j = 1; j < ordered.Length && inAll; j++)
            {
                inAll = ReferenceEquals(ordered[j], smallest) || ordered[j].Contains(member);
            }

            if (inAll)
            {
                result.Add(member);
                if (result.Count == limit)
                {
                    break;
                }
            }
        }

        return [.. result];
    }

    private static RedisValue[] DifferenceOfSets(SetValue?[] sets)
    {
        var head = sets[0]!;
        var result = new List<RedisValue>();
        foreach (var member in head.ToArray())
        {
            var keep = true;
            for (var j = 1; j < sets.Length && keep; j++)
            {
                keep = sets[j] is not { } other || !other.Contains(member);
            }

            if (keep)
            {
                result.Add(member);
            }
        }

        return [.. result];
    }
}
