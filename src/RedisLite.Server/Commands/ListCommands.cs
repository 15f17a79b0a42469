namespace RedisLite.Server.Commands;

/// <summary>The list commands, blocking ones included.</summary>
/// <remarks>
/// Arguments are checked in Redis 7.0's order: most commands parse their numbers before they look the key up, but
/// LINDEX and LSET look the key up first (a missing key answers nil / "no such key" whatever the index says).
/// </remarks>
internal static class ListCommands
{
    private const string NumKeysNotPositive = "ERR numkeys should be greater than 0";
    private const string CountNotPositive = "ERR count should be greater than 0";

    /// <summary>Adds this family's commands to <paramref name="table"/>.</summary>
    public static void Register(CommandTable table)
    {
        const string group = "list";
        const CommandFlags push = CommandFlags.Write | CommandFlags.DenyOom | CommandFlags.Fast;
        const CommandFlags write = CommandFlags.Write;
        const CommandFlags read = CommandFlags.ReadOnly;
        const CommandFlags blocking = CommandFlags.Write | CommandFlags.NoScript | CommandFlags.Blocking;
        table.Add("lpush", -3, push, 1, 1, 1, c => c.Reply.Integer(c.Store.ListLeftPush(c.Key(1), c.Values(2))), group, "1.0.0", "Prepends one or more elements to a list. Creates the key if it doesn't exist.");
        table.Add("rpush", -3, push, 1, 1, 1, c => c.Reply.Integer(c.Store.ListRightPush(c.Key(1), c.Values(2))), group, "1.0.0", "Appends one or more elements to a list. Creates the key if it doesn't exist.");
        table.Add("lpushx", -3, push, 1, 1, 1, c => c.Reply.Integer(c.Store.ListLeftPush(c.Key(1), c.Values(2), When.Exists)), group, "2.2.0", "Prepends one or more elements to a list only when the list exists.");
        table.Add("rpushx", -3, push, 1, 1, 1, c => c.Reply.Integer(c.Store.ListRightPush(c.Key(1), c.Values(2), When.Exists)), group, "2.2.0", "Appends an element to a list only when the list exists.");
        table.Add("lpop", -2, write | CommandFlags.Fast, 1, 1, 1, c => Pop(c, ListSide.Left), group, "1.0.0", "Returns the first elements in a list after removing it. Deletes the list if the last element was popped.");
        table.Add("rpop", -2, write | CommandFlags.Fast, 1, 1, 1, c => Pop(c, ListSide.Right), group, "1.0.0", "Returns and removes the last elements of the list. Deletes the list if the last element was popped.");
        table.Add("lrange", 4, read, 1, 1, 1, c => c.Reply.BulkArray(c.Store.ListRange(c.Key(1), c.Long(2), c.Long(3))), group, "1.0.0", "Returns a range of elements from a list.");
        table.Add("lindex", 3, read, 1, 1, 1, Index, group, "1.0.0", "Returns an element from a list by its index.");
        table.Add("lset", 4, write | CommandFlags.DenyOom, 1, 1, 1, Set, group, "1.0.0", "Sets the value of an element in a list by its index.");
        table.Add("linsert", 5, write | CommandFlags.DenyOom, 1, 1, 1, Insert, group, "2.2.0", "Inserts an element before or after another element in a list.");
        table.Add("lrem", 4, write, 1, 1, 1, Remove, group, "1.0.0", "Removes elements from a list. Deletes the list if the last element was removed.");
        table.Add("ltrim", 4, write, 1, 1, 1, Trim, group, "1.0.0", "Removes elements from both ends a list. Deletes the list if all elements were trimmed.");
        table.Add("lpos", -3, read, 1, 1, 1, Position, group, "6.0.6", "Returns the index of matching elements in a list.");
        table.Add("llen", 2, read | CommandFlags.Fast, 1, 1, 1, c => c.Reply.Integer(c.Store.ListLength(c.Key(1))), group, "1.0.0", "Returns the length of a list.");
        table.Add("lmove", 5, write | CommandFlags.DenyOom, 1, 2, 1, Move, group, "6.2.0", "Returns an element after popping it from one list and pushing it to another. Deletes the list if the last element was moved.");
        table.Add("rpoplpush", 3, write | CommandFlags.DenyOom, 1, 2, 1, c => c.Reply.Bulk(c.Store.ListRightPopLeftPush(c.Key(1), c.Key(2))), group, "1.2.0", "Returns the last element of a list after removing and pushing it to another list. Deletes the list if the last element was popped.");
        table.Add("lmpop", -4, write, 0, 0, 0, c => MultiPop(c, 1, blocking: false), group, "7.0.0", "Returns multiple elements from a list after removing them. Deletes the list if the last element was popped.");
        table.Add("blpop", -3, blocking, 1, -2, 1, c => BlockingPop(c, ListSide.Left), group, "2.0.0", "Removes and returns the first element in a list. Blocks until an element is available otherwise. Deletes the list if the last element was popped.");
        table.Add("brpop", -3, blocking, 1, -2, 1, c => BlockingPop(c, ListSide.Right), group, "2.0.0", "Removes and returns the last element in a list. Blocks until an element is available otherwise. Deletes the list if the last element was popped.");
        table.Add("blmove", 6, blocking | CommandFlags.DenyOom, 1, 2, 1, BlockingMove, group, "6.2.0", "Pops an element from a list, pushes it to another list and returns it. Blocks until an element is available otherwise. Deletes the list if the last element was moved.");
        table.Add("brpoplpush", 4, blocking | CommandFlags.DenyOom, 1, 2, 1, c => WriteMoved(c, c.Store.ListRightPopLeftPushBlockingAsync(c.Key(1), c.Key(2), c.Timeout(3), c.Client.Aborted)), group, "2.2.0", "Pops an element from a list, pushes it to another list and returns it. Block until an element is available otherwise. Deletes the list if the last element was popped.");
        table.Add("blmpop", -5, CommandFlags.Write | CommandFlags.Blocking, 0, 0, 0, c => MultiPop(c, 2, blocking: true), group, "7.0.0", "Pops the first element from one of multiple lists. Blocks until an element is available otherwise. Deletes the list if the last element was popped.");
    }

    /// <summary>LPOP / RPOP: without a count one element or nil; with one an array, a null array for a missing key.</summary>
    private static void Pop(CommandContext c, ListSide side)
    {
        if (c.Count > 3)
        {
            throw new RedisException(ErrorMessages.WrongArgumentCount(c.Name));
        }

        if (c.Count == 2)
        {
            c.Reply.Bulk(side == ListSide.Left ? c.Store.ListLeftPop(c.Key(1)) : c.Store.ListRightPop(c.Key(1)));
            return;
        }

        var count = AtLeast(c, 2, 0, ErrorMessages.MustBePositive);
        var popped = side == ListSide.Left ? c.Store.ListLeftPop(c.Key(1), count) : c.Store.ListRightPop(c.Key(1), count);
        if (popped is null)
        {
            c.Reply.NullArray();
        }
        else
        {
            c.Reply.BulkArray(popped);
        }
    }

    /// <summary>LINDEX: a missing key is nil and a non-list WRONGTYPE before the index is parsed.</summary>
    private static void Index(CommandContext c)
    {
        if (!TryIndexAfterLookup(c, 2, out var index))
        {
            c.Reply.Null();
            return;
        }

        c.Reply.Bulk(c.Store.ListGetByIndex(c.Key(1), index));
    }

    /// <summary>LSET: a missing key is "no such key" and a non-list WRONGTYPE before the index is parsed.</summary>
    private static void Set(CommandContext c)
    {
        if (!TryIndexAfterLookup(c, 2, out var index))
        {
            throw new RedisException("ERR no such key");
        }

        c.Store.ListSetByIndex(c.Key(1), index, c.Value(3));
        c.Reply.Ok();
    }

    /// <summary>Parses an index that Redis reads only once the key is known to be a list: false for a missing key,
    /// WRONGTYPE for another type, then "not an integer".</summary>
    private static bool TryIndexAfterLookup(CommandContext c, int position, out long index)
    {
        if (Internal.NumberParsing.TryParseInt64(c.Span(position), out index))
        {
            return true;
        }

        // A list is never empty, so a zero length means no key; ListLength throws WRONGTYPE for a non-list.
        return c.Store.ListLength(c.Key(1)) == 0 ? false : throw new RedisException(ErrorMessages.NotInteger);
    }

    private static void Insert(CommandContext c)
    {
        bool after;
        if (c.Is(2, "AFTER"u8))
        {
            after = true;
        }
        else if (c.Is(2, "BEFORE"u8))
        {
            after = false;
        }
        else
        {
            throw CommandContext.SyntaxError();
        }

        c.Reply.Integer(after
            ? c.Store.ListInsertAfter(c.Key(1), c.Value(3), c.Value(4))
            : c.Store.ListInsertBefore(c.Key(1), c.Value(3), c.Value(4)));
    }

    private static void Remove(CommandContext c)
    {
        var count = c.Long(2);
        c.Reply.Integer(c.Store.ListRemove(c.Key(1), c.Value(3), count));
    }

    private static void Trim(CommandContext c)
    {
        var start = c.Long(2);
        var stop = c.Long(3);
        c.Store.ListTrim(c.Key(1), start, stop);
        c.Reply.Ok();
    }

    /// <summary>LPOS key element [RANK rank] [COUNT count] [MAXLEN len]: options in any order, the last one wins.</summary>
    private static void Position(CommandContext c)
    {
        long rank = 1, maxLength = 0;
        long? count = null;
        for (var i = 3; i < c.Count; i++)
        {
            var more = i < c.Count - 1;
            if (more && c.Is(i, "RANK"u8))
            {
                rank = c.Long(++i);
                if (rank == 0)
                {
                    throw new RedisException(ErrorMessages.RankZero);
                }
            }
            else if (more && c.Is(i, "COUNT"u8))
            {
                count = AtLeast(c, ++i, 0, ErrorMessages.CountNegative);
            }
            else if (more && c.Is(i, "MAXLEN"u8))
            {
                maxLength = AtLeast(c, ++i, 0, ErrorMessages.MaxLenNegative);
            }
            else
            {
                throw CommandContext.SyntaxError();
            }
        }

        if (count is { } n)
        {
            var positions = c.Store.ListPositions(c.Key(1), c.Value(2), n, rank, maxLength);
            c.Reply.ArrayHeader(positions.Length);
            foreach (var position in positions)
            {
                c.Reply.Integer(position);
            }

            return;
        }

        var found = c.Store.ListPosition(c.Key(1), c.Value(2), rank, maxLength);
        if (found < 0)
        {
            c.Reply.Null();
        }
        else
        {
            c.Reply.Integer(found);
        }
    }

    /// <summary>An integer of at least <paramref name="min"/>, where Redis gives one error text for both a non-number
    /// and one too small.</summary>
    private static long AtLeast(CommandContext c, int index, long min, string error) =>
        Internal.NumberParsing.TryParseInt64(c.Span(index), out var value) && value >= min ? value : throw new RedisException(error);

    private static void Move(CommandContext c)
    {
        var from = Side(c, 3);
        var to = Side(c, 4);
        c.Reply.Bulk(c.Store.ListMove(c.Key(1), c.Key(2), from, to));
    }

    /// <summary>LEFT or RIGHT, or Redis's syntax error.</summary>
    private static ListSide Side(CommandContext c, int index) =>
        c.Is(index, "LEFT"u8) ? ListSide.Left
        : c.Is(index, "RIGHT"u8) ? ListSide.Right
        : throw CommandContext.SyntaxError();

    /// <summary>LMPOP numkeys key ... LEFT|RIGHT [COUNT count] and BLMPOP timeout numkeys ...: numkeys, the side and the
    /// options are checked first, BLMPOP's timeout last.</summary>
    private static void MultiPop(CommandContext c, int numKeysIndex, bool blocking)
    {
        var numKeys = AtLeast(c, numKeysIndex, 1, NumKeysNotPositive);
        if (numKeys >= c.Count - numKeysIndex - 1)
        {
            throw CommandContext.SyntaxError();
        }

        var sideIndex = numKeysIndex + (int)numKeys + 1;
        var side = Side(c, sideIndex);
        long count = -1;
        for (var i = sideIndex + 1; i < c.Count; i++)
        {
            if (count == -1 && i < c.Count - 1 && c.Is(i, "COUNT"u8))
            {
                count = AtLeast(c, ++i, 1, CountNotPositive);
            }
            else
            {
                throw CommandContext.SyntaxError();
            }
        }

        if (count == -1)
        {
            count = 1;
        }

        var keys = c.Keys(numKeysIndex + 1, sideIndex);
        if (!blocking)
        {
            WritePopResult(c, c.Store.ListPop(keys, side, count));
            return;
        }

        var timeout = c.Timeout(1);
        c.Block(c.Store.ListPopBlockingAsync(keys, side, timeout, count, c.Client.Aborted), WritePopResult);
    }

    /// <summary>[key, [elements]], or the null array when nothing was popped.</summary>
    private static void WritePopResult(CommandContext c, ListPopResult? result)
    {
        if (result is null)
        {
            c.Reply.NullArray();
            return;
        }

        c.Reply.ArrayHeader(2);
        c.Reply.Bulk(result.Key);
        c.Reply.BulkArray(result.Values);
    }

    /// <summary>BLPOP / BRPOP key ... timeout: [key, element], or the null array on timeout.</summary>
    private static void BlockingPop(CommandContext c, ListSide side)
    {
        var timeout = c.Timeout(c.Count - 1);
        var keys = c.Keys(1, c.Count - 1);
        var task = side == ListSide.Left
            ? c.Store.ListLeftPopBlockingAsync(keys, timeout, c.Client.Aborted)
            : c.Store.ListRightPopBlockingAsync(keys, timeout, c.Client.Aborted);
        c.Block(task, static (c, result) =>
        {
            if (result is not { } popped)
            {
                c.Reply.NullArray();
                return;
            }

            c.Reply.ArrayHeader(2);
            c.Reply.Bulk(popped.Key);
            c.Reply.Bulk(popped.Value);
        });
    }

    private static void BlockingMove(CommandContext c)
    {
        var from = Side(c, 3);
        var to = Side(c, 4);
        WriteMoved(c, c.Store.ListMoveBlockingAsync(c.Key(1), c.Key(2), from, to, c.Timeout(5), c.Client.Aborted));
    }

    /// <summary>BLMOVE / BRPOPLPUSH's reply: the element; with none, inside MULTI the null bulk Redis answers at once,
    /// after a real timeout the null array its timed-out blocked clients get.</summary>
    private static void WriteMoved(CommandContext c, Task<RedisValue> task)
    {
        var inExec = c.InExec;
        c.Block(task, (c, moved) =>
        {
            if (moved.IsNull && !inExec)
            {
                c.Reply.NullArray();
            }
            else
            {
                c.Reply.Bulk(moved);
            }
        });
    }
}
