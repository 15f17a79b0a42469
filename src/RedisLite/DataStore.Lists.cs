using RedisLite.Blocking;
using RedisLite.Collections;
using RedisLite.Internal;
using RedisLite.Keyspace;
using RedisLite.Persistence;

namespace RedisLite;

// The list commands. Lists are ListValue deques; every access goes through the collection scopes, so pops that empty a
// list delete its key and pushes serve callers blocked on it (DataStore.Blocking.cs) before the scope closes.
// Every change is logged inside the scope, before it closes: a push's record therefore precedes the records of the
// blocked pops it serves when the scope settles, which is the order replay must apply them in.
public sealed partial class DataStore
{
    private static readonly Func<byte[], ListValue> NewList = static key => new ListValue(key);

    /// <inheritdoc/>
    public long ListLeftPush(RedisKey key, RedisValue value, When when = When.Always)
    {
        ThrowIfNull(value);
        return PushCore(key, ListSide.Left, new ReadOnlySpan<RedisValue>(in value), when);
    }

    /// <inheritdoc/>
    public long ListLeftPush(RedisKey key, RedisValue[] values, When when = When.Always) =>
        PushCore(key, ListSide.Left, CheckValues(values, when == When.Exists ? "lpushx" : "lpush"), when);

    /// <inheritdoc/>
    public long ListRightPush(RedisKey key, RedisValue value, When when = When.Always)
    {
        ThrowIfNull(value);
        return PushCore(key, ListSide.Right, new ReadOnlySpan<RedisValue>(in value), when);
    }

    /// <inheritdoc/>
    public long ListRightPush(RedisKey key, RedisValue[] values, When when = When.Always) =>
        PushCore(key, ListSide.Right, CheckValues(values, when == When.Exists ? "rpushx" : "rpush"), when);

    /// <inheritdoc/>
    public RedisValue ListLeftPop(RedisKey key) => PopOne(key, ListSide.Left);

    /// <inheritdoc/>
    public RedisValue[]? ListLeftPop(RedisKey key, long count) => PopMany(key, ListSide.Left, count);

    /// <inheritdoc/>
    public RedisValue ListRightPop(RedisKey key) => PopOne(key, ListSide.Right);

    /// <inheritdoc/>
    public RedisValue[]? ListRightPop(RedisKey key, long count) => PopMany(key, ListSide.Right, count);

    /// <inheritdoc/>
    public RedisValue[] ListRange(RedisKey key, long start = 0, long stop = -1)
    {
        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        using var r = OpenRead(KeyBytes(key, scratch));
        var list = r.Get<ListValue>();
        if (list is null || !ClampRange(list.Length, start, stop, out var first, out var last))
        {
            return [];
        }

        var result = new RedisValue[last - first + 1];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = list[first + i];
        }

        return result;
    }

    /// <inheritdoc/>
    public RedisValue ListGetByIndex(RedisKey key, long index)
    {
        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        using var r = OpenRead(KeyBytes(key, scratch));
        var list = r.Get<ListValue>();
        return list is not null && ResolveIndex(list.Length, index, out var i) ? list[i] : RedisValue.Null;
    }

    /// <inheritdoc/>
    public void ListSetByIndex(RedisKey key, long index, RedisValue value)
    {
        _core.DenyOom();
        ThrowIfNull(value);
        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        var k = KeyBytes(key, scratch);
        using var w = OpenWrite(k);
        var list = w.Get<ListValue>() ?? ThrowHelper.ThrowRedis<ListValue>(ErrorMessages.NoSuchKey);
        if (!ResolveIndex(list.Length, index, out var i))
        {
            ThrowHelper.ThrowRedis(ErrorMessages.IndexOutOfRange);
        }

        list[i] = value.ToArray()!;
        if (Log is { } log)
        {
            using var e = log.Begin(LogOp.ListSet, _db.Index);
            e.Bytes(k);
            e.Int64(i);
            e.Value(value);
        }

        Notify(KeyspaceEventTypes.List, "lset", k);
    }

    /// <inheritdoc/>
    public long ListInsertBefore(RedisKey key, RedisValue pivot, RedisValue value) => InsertCore(key, pivot, value, after: false);

    /// <inheritdoc/>
    public long ListInsertAfter(RedisKey key, RedisValue pivot, RedisValue value) => InsertCore(key, pivot, value, after: true);

    /// <inheritdoc/>
    public long ListRemove(RedisKey key, RedisValue value, long count = 0)
    {
        ThrowIfNull(value);
        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        var k = KeyBytes(key, scratch);
        using var w = OpenWrite(k);
        var list = w.Get<ListValue>();
        if (list is null)
        {
            return 0;
        }

        // long.MinValue has no positive counterpart; any limit past the length removes them all the same.
        var limit = count >= 0 ? count : count == long.MinValue ? long.MaxValue : -count;
        var removed = list.RemoveMatches(value.AsSpan(), limit, fromTail: count < 0);
        if (removed != 0)
        {
            if (Log is { } log)
            {
                using var e = log.Begin(LogOp.ListRemove, _db.Index);
                e.Bytes(k);
                e.Int64(count);
                e.Value(value);
            }

            Notify(KeyspaceEventTypes.List, "lrem", k);
        }

        return removed;
    }

    /// <inheritdoc/>
    public void ListTrim(RedisKey key, long start, long stop)
    {
        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        var k = KeyBytes(key, scratch);
        using var w = OpenWrite(k);
        var list = w.Get<ListValue>();
        if (list is null)
        {
            return;
        }

        if (ClampRange(list.Length, start, stop, out var first, out var last))
        {
            if (first != 0 || last != list.Length - 1)
            {
                list.Keep(first, last - first + 1);
                if (Log is { } log)
                {
                    using var e = log.Begin(LogOp.ListTrim, _db.Index);
                    e.Bytes(k);
                    e.Int64(first);
                    e.Int64(last);
                }
            }
        }
        else
        {
            list.Keep(0, 0); // the scope deletes the emptied key
            LogKey(LogOp.Delete, k);
        }

        Notify(KeyspaceEventTypes.List, "ltrim", k);
    }

    /// <inheritdoc/>
    public long ListPosition(RedisKey key, RedisValue element, long rank = 1, long maxLength = 0)
    {
        var found = PositionsCore(key, element, rank, count: 1, maxLength);
        return found.Length == 0 ? -1 : found[0];
    }

    /// <inheritdoc/>
    public long[] ListPositions(RedisKey key, RedisValue element, long count, long rank = 1, long maxLength = 0)
    {
        if (rank == 0)
        {
            ThrowHelper.ThrowRedis(ErrorMessages.RankZero);
        }

        if (count < 0)
        {
            ThrowHelper.ThrowRedis(ErrorMessages.CountNegative);
        }

        return PositionsCore(key, element, rank, count, maxLength);
    }

    /// <inheritdoc/>
    public long ListLength(RedisKey key)
    {
        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        using var r = OpenRead(KeyBytes(key, scratch));
        return r.Get<ListValue>()?.Count ?? 0;
    }

    /// <inheritdoc/>
    public RedisValue ListMove(RedisKey source, RedisKey destination, ListSide from, ListSide to)
    {
        _core.DenyOom();
        CheckSide(from);
        CheckSide(to);
        using var m = OpenWriteMany(KeyMemory(source, nameof(source)), KeyMemory(destination, nameof(destination)));
        return MoveIn(m, from, to);
    }

    /// <inheritdoc/>
    public RedisValue ListRightPopLeftPush(RedisKey source, RedisKey destination) => ListMove(source, destination, ListSide.Right, ListSide.Left);

    /// <inheritdoc/>
    public ListPopResult? ListPop(RedisKey[] keys, ListSide side, long count = 1)
    {
        var memory = PopKeys(keys, side, count, "lmpop");
        using var m = OpenWriteMany(memory);
        return PopFirst(m, memory.Length, side, count);
    }

    /// <inheritdoc/>
    public Task<(RedisKey Key, RedisValue Value)?> ListLeftPopBlockingAsync(RedisKey[] keys, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        PopBlocking(keys, ListSide.Left, timeout, "blpop", cancellationToken);

    /// <inheritdoc/>
    public Task<(RedisKey Key, RedisValue Value)?> ListRightPopBlockingAsync(RedisKey[] keys, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        PopBlocking(keys, ListSide.Right, timeout, "brpop", cancellationToken);

    /// <inheritdoc/>
    public Task<RedisValue> ListMoveBlockingAsync(RedisKey source, RedisKey destination, ListSide from, ListSide to, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        _core.DenyOom();
        CheckSide(from);
        CheckSide(to);
        var s = KeyMemory(source, nameof(source));
        var d = KeyMemory(destination, nameof(destination));
        var destinationKey = d.ToArray();
        return BlockAsync<RedisValue>(
            [s, d],
            waitKeys: 1,
            RedisType.List,
            timeout,
            (MultiCollectionAccess m, out RedisValue result) =>
            {
                result = MoveIn(m, from, to);
                return !result.IsNull;
            },
            (call, value) => WithShardOf(destinationKey, () => ServeMove(call, (ListValue)value, destinationKey, from, to)),
            cancellationToken);
    }

    /// <inheritdoc/>
    public Task<RedisValue> ListRightPopLeftPushBlockingAsync(RedisKey source, RedisKey destination, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        ListMoveBlockingAsync(source, destination, ListSide.Right, ListSide.Left, timeout, cancellationToken);

    /// <inheritdoc/>
    public Task<ListPopResult?> ListPopBlockingAsync(RedisKey[] keys, ListSide side, TimeSpan timeout, long count = 1, CancellationToken cancellationToken = default)
    {
        var memory = PopKeys(keys, side, count, "blmpop");
        return BlockAsync<ListPopResult?>(
            memory,
            memory.Length,
            RedisType.List,
            timeout,
            (MultiCollectionAccess m, out ListPopResult? result) =>
            {
                result = PopFirst(m, memory.Length, side, count);
                return result is not null;
            },
            (call, value) =>
            {
                if (!call.TryClaim())
                {
                    return ServeOutcome.Skipped;
                }

                var popped = PopSome((ListValue)value, side, count);
                LogPop(value.Key, side, popped.Length);
                call.Complete(new ListPopResult(value.Key, popped));
                Notify(KeyspaceEventTypes.List, PopEvent(side), value.Key);
                return ServeOutcome.Served;
            },
            cancellationToken);
    }

    // ------------------------------------------------------------------ helpers

    private long PushCore(in RedisKey key, ListSide side, ReadOnlySpan<RedisValue> values, When when)
    {
        _core.DenyOom();
        if (when == When.NotExists)
        {
            throw new ArgumentOutOfRangeException(nameof(when), when, "LPUSH/RPUSH support When.Always and When.Exists (LPUSHX/RPUSHX) only.");
        }

        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        var k = KeyBytes(key, scratch);
        using var w = OpenWrite(k);
        ListValue list;
        if (when == When.Exists)
        {
            var existing = w.Get<ListValue>();
            if (existing is null)
            {
                return 0;
            }

            list = existing;
        }
        else
        {
            list = w.GetOrAdd(NewList);
        }

        foreach (var value in values)
        {
            list.Push(side, value.ToArray()!);
        }

        if (Log is { } log)
        {
            using var e = log.Begin(LogOp.ListPush, _db.Index);
            e.Bytes(k);
            e.Int64((long)side);
            foreach (var value in values)
            {
                e.Value(value);
            }
        }

        Notify(KeyspaceEventTypes.List, side == ListSide.Left ? "lpush" : "rpush", k);
        return list.Count;
    }

    private static ReadOnlySpan<RedisValue> CheckValues(RedisValue[] values, string command)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length == 0)
        {
            ThrowHelper.ThrowRedis(ErrorMessages.WrongArgumentCount(command));
        }

        for (var i = 0; i < values.Length; i++)
        {
            ThrowIfNull(values[i], nameof(values));
        }

        return values;
    }

    private RedisValue PopOne(in RedisKey key, ListSide side)
    {
        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        var k = KeyBytes(key, scratch);
        using var w = OpenWrite(k);
        var list = w.Get<ListValue>();
        if (list is null)
        {
            return RedisValue.Null;
        }

        var popped = list.Pop(side);
        LogPop(k, side, 1);
        Notify(KeyspaceEventTypes.List, PopEvent(side), k);
        return popped;
    }

    private RedisValue[]? PopMany(in RedisKey key, ListSide side, long count)
    {
        if (count < 0)
        {
            ThrowHelper.ThrowRedis(ErrorMessages.MustBePositive);
        }

        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        var k = KeyBytes(key, scratch);
        using var w = OpenWrite(k);
        var list = w.Get<ListValue>();
        if (list is null)
        {
            return null;
        }

        var popped = PopSome(list, side, count);
        if (popped.Length != 0)
        {
            LogPop(k, side, popped.Length);
            Notify(KeyspaceEventTypes.List, PopEvent(side), k);
        }

        return popped;
    }

    private static RedisValue[] PopSome(ListValue list, ListSide side, long count)
    {
        var result = new RedisValue[Math.Min(count, list.Count)];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = list.Pop(side);
        }

        return result;
    }

    /// <summary>LMPOP's body: pops from the first of the first <paramref name="keyCount"/> keys that holds a list.</summary>
    private ListPopResult? PopFirst(MultiCollectionAccess m, int keyCount, ListSide side, long count)
    {
        for (var i = 0; i < keyCount; i++)
        {
            var list = m.Get<ListValue>(i);
            if (list is not null)
            {
                var popped = new ListPopResult(m.KeyAt(i), PopSome(list, side, count));
                LogPop(m.KeyAt(i).Span, side, popped.Values.Length);
                Notify(KeyspaceEventTypes.List, PopEvent(side), m.KeyAt(i).Span);
                return popped;
            }
        }

        return null;
    }

    /// <summary>LMOVE's body over a scope holding the source (0) and the destination (1).</summary>
    private RedisValue MoveIn(MultiCollectionAccess m, ListSide from, ListSide to)
    {
        var source = m.Get<ListValue>(0);
        if (source is null)
        {
            return RedisValue.Null;
        }

        // Redis checks the destination's type before it pops anything.
        var destination = m.Get<ListValue>(1);
        var element = source.Pop(from);
        (destination ?? m.GetOrAdd(1, NewList)).Push(to, element);
        LogMove(m.KeyAt(0).Span, m.KeyAt(1).Span, from, to);
        NotifyMove(m.KeyAt(0).Span, m.KeyAt(1).Span, from, to);
        return element;
    }

    /// <summary>Serves a blocked BLMOVE from <paramref name="source"/>; caller holds the source's write scope and the
    /// destination's shard.</summary>
    private ServeOutcome ServeMove(BlockedCall<RedisValue> call, ListValue source, byte[] destinationKey, ListSide from, ListSide to)
    {
        if (!call.TryClaim())
        {
            return ServeOutcome.Skipped;
        }

        using var w = OpenWrite(destinationKey);
        ListValue? destination;
        try
        {
            destination = w.Get<ListValue>();
        }
        catch (RedisWrongTypeException ex)
        {
            // As Redis does: the blocked caller gets the error and the element stays where it was.
            call.Fail(ex);
            return ServeOutcome.Skipped;
        }

        var element = source.Pop(from);
        (destination ?? w.GetOrAdd(NewList)).Push(to, element);
        LogMove(source.Key, destinationKey, from, to);
        NotifyMove(source.Key, destinationKey, from, to);
        call.Complete(element);

        // Closing the destination's scope serves whoever is blocked on it: a chain, as in Redis.
        return ServeOutcome.Served;
    }

    private Task<(RedisKey Key, RedisValue Value)?> PopBlocking(RedisKey[] keys, ListSide side, TimeSpan timeout, string command, CancellationToken cancellationToken)
    {
        var memory = KeyArray(keys, command);
        return BlockAsync<(RedisKey Key, RedisValue Value)?>(
            memory,
            memory.Length,
            RedisType.List,
            timeout,
            (MultiCollectionAccess m, out (RedisKey Key, RedisValue Value)? result) =>
            {
                var popped = PopFirst(m, memory.Length, side, 1);
                result = popped is null ? null : (popped.Key, popped.Values[0]);
                return popped is not null;
            },
            (call, value) =>
            {
                if (!call.TryClaim())
                {
                    return ServeOutcome.Skipped;
                }

                var element = ((ListValue)value).Pop(side);
                LogPop(value.Key, side, 1);
                call.Complete((value.Key, element));
                Notify(KeyspaceEventTypes.List, PopEvent(side), value.Key);
                return ServeOutcome.Served;
            },
            cancellationToken);
    }

    /// <summary>Records that <paramref name="count"/> elements were popped from <paramref name="side"/> of the list at
    /// <paramref name="key"/>. Caller holds the key's write scope.</summary>
    private void LogPop(ReadOnlySpan<byte> key, ListSide side, int count)
    {
        if (Log is { } log)
        {
            using var e = log.Begin(LogOp.ListPop, _db.Index);
            e.Bytes(key);
            e.Int64((long)side);
            e.Int64(count);
        }
    }

    /// <summary>Records that one element moved from <paramref name="from"/> of <paramref name="source"/> to
    /// <paramref name="to"/> of <paramref name="destination"/>. Caller holds both keys' write scopes.</summary>
    private void LogMove(ReadOnlySpan<byte> source, ReadOnlySpan<byte> destination, ListSide from, ListSide to)
    {
        if (Log is { } log)
        {
            using var e = log.Begin(LogOp.ListMove, _db.Index);
            e.Bytes(source);
            e.Bytes(destination);
            e.Int64((long)from);
            e.Int64((long)to);
        }
    }

    private static string PopEvent(ListSide side) => side == ListSide.Left ? "lpop" : "rpop";

    /// <summary>LMOVE's events, in Redis's order: the push on the destination, then the pop from the source.</summary>
    private void NotifyMove(ReadOnlySpan<byte> source, ReadOnlySpan<byte> destination, ListSide from, ListSide to)
    {
        Notify(KeyspaceEventTypes.List, to == ListSide.Left ? "lpush" : "rpush", destination);
        Notify(KeyspaceEventTypes.List, PopEvent(from), source);
    }

    private static ReadOnlyMemory<byte>[] KeyArray(RedisKey[] keys, string command)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Length == 0)
        {
            ThrowHelper.ThrowRedis(ErrorMessages.WrongArgumentCount(command));
        }

        var memory = new ReadOnlyMemory<byte>[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            memory[i] = KeyMemory(keys[i], nameof(keys));
        }

        return memory;
    }

    private static ReadOnlyMemory<byte>[] PopKeys(RedisKey[] keys, ListSide side, long count, string command)
    {
        ArgumentNullException.ThrowIfNull(keys);
        CheckSide(side);

        if (keys.Length == 0)
        {
            ThrowHelper.ThrowRedis(ErrorMessages.NumKeysNotPositive);
        }

        if (count <= 0)
        {
            ThrowHelper.ThrowRedis(ErrorMessages.CountNotPositive);
        }

        return KeyArray(keys, command);
    }

    private static void CheckSide(ListSide side, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(side))] string paramName = "side")
    {
        if (side is not ListSide.Left and not ListSide.Right)
        {
            throw new ArgumentOutOfRangeException(paramName, side, "A list side is Left or Right.");
        }
    }

    private long InsertCore(in RedisKey key, in RedisValue pivot, in RedisValue value, bool after)
    {
        _core.DenyOom();
        ThrowIfNull(pivot);
        ThrowIfNull(value);
        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        var k = KeyBytes(key, scratch);
        using var w = OpenWrite(k);
        var list = w.Get<ListValue>();
        if (list is null)
        {
            return 0;
        }

        var index = list.IndexOf(pivot.AsSpan());
        if (index < 0)
        {
            return -1;
        }

        list.Insert(after ? index + 1 : index, value.ToArray()!);
        if (Log is { } log)
        {
            using var e = log.Begin(LogOp.ListInsert, _db.Index);
            e.Bytes(k);
            e.Int64(after ? 1 : 0);
            e.Value(pivot);
            e.Value(value);
        }

        Notify(KeyspaceEventTypes.List, "linsert", k);
        return list.Count;
    }

    private long[] PositionsCore(in RedisKey key, in RedisValue element, long rank, long count, long maxLength)
    {
        ThrowIfNull(element);
        if (rank == 0)
        {
            ThrowHelper.ThrowRedis(ErrorMessages.RankZero);
        }

        if (maxLength < 0)
        {
            ThrowHelper.ThrowRedis(ErrorMessages.MaxLenNegative);
        }

        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        using var r = OpenRead(KeyBytes(key, scratch));
        var list = r.Get<ListValue>();
        if (list is null)
        {
            return [];
        }

        var target = element.AsSpan();
        var fromTail = rank < 0;

        // Matches to skip before reporting; long.MinValue negates to itself in Redis, which then skips none.
        var skip = rank > 0 ? rank - 1 : rank == long.MinValue ? 0 : -rank - 1;
        var length = list.Length;
        var scan = maxLength == 0 ? length : (int)Math.Min(maxLength, length);
        var found = new List<long>();
        for (var step = 0; step < scan; step++)
        {
            var index = fromTail ? length - 1 - step : step;
            if (!target.SequenceEqual(list[index]))
            {
                continue;
            }

            if (skip > 0)
            {
                skip--;
                continue;
            }

            found.Add(index);
            if (count != 0 && found.Count >= count)
            {
                break;
            }
        }

        return found.ToArray();
    }

    /// <summary>Resolves LRANGE/LTRIM's inclusive range as Redis does; false when it is empty.</summary>
    private static bool ClampRange(int length, long start, long stop, out int first, out int last)
    {
        if (start < 0)
        {
            start = length + start;
        }

        if (stop < 0)
        {
            stop = length + stop;
        }

        if (start < 0)
        {
            start = 0;
        }

        if (start > stop || start >= length)
        {
            first = last = 0;
            return false;
        }

        if (stop >= length)
        {
            stop = length - 1;
        }

        first = (int)start;
        last = (int)stop;
        return true;
    }

    /// <summary>Resolves a LINDEX/LSET index (negative counts from the tail); false when out of range.</summary>
    private static bool ResolveIndex(int length, long index, out int resolved)
    {
        if (index < 0)
        {
            index += length;
        }

        resolved = (int)index;
        return index >= 0 && index < length;
    }
}
