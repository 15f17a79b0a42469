namespace RedisLite.Server.Commands;

/// <summary>The string commands: GET, SET and its variants, MGET/MSET, the counters, ranges and LCS.</summary>
internal static class StringCommands
{
    private const string LcsBothLenAndIdx = "ERR If you want both the length and indexes, please just use IDX.";

    /// <summary>The options of SET and GETEX, as Redis's parser records them.</summary>
    [Flags]
    private enum SetFlags
    {
        None = 0,
        Nx = 1 << 0,
        Xx = 1 << 1,
        Get = 1 << 2,
        KeepTtl = 1 << 3,
        Persist = 1 << 4,
        Ex = 1 << 5,
        Px = 1 << 6,
        ExAt = 1 << 7,
        PxAt = 1 << 8,
        AnyTime = Ex | Px | ExAt | PxAt,
    }

    /// <summary>Adds this family's commands to <paramref name="table"/>.</summary>
    public static void Register(CommandTable table)
    {
        const string group = "string";
        const CommandFlags read = CommandFlags.ReadOnly;
        const CommandFlags readFast = CommandFlags.ReadOnly | CommandFlags.Fast;
        const CommandFlags write = CommandFlags.Write | CommandFlags.DenyOom;
        const CommandFlags writeFast = CommandFlags.Write | CommandFlags.DenyOom | CommandFlags.Fast;
        table.Add("get", 2, readFast, 1, 1, 1, c => c.Reply.Bulk(c.Store.StringGet(c.Key(1))), group, "1.0.0", "Get the value of a key");
        table.Add("set", -3, write, 1, 1, 1, Set, group, "1.0.0", "Set the string value of a key");
        table.Add("setnx", 3, writeFast, 1, 1, 1, c => c.Reply.Integer(c.Store.StringSet(c.Key(1), c.Value(2), when: When.NotExists)), group, "1.0.0", "Set the value of a key, only if the key does not exist");
        table.Add("setex", 4, write, 1, 1, 1, c => SetWithTtl(c, seconds: true), group, "2.0.0", "Set the value and expiration of a key");
        table.Add("psetex", 4, write, 1, 1, 1, c => SetWithTtl(c, seconds: false), group, "2.6.0", "Set the value and expiration in milliseconds of a key");
        table.Add("mset", -3, write, 1, -1, 2, c => MultiSet(c, When.Always), group, "1.0.1", "Set multiple keys to multiple values");
        table.Add("msetnx", -3, write, 1, -1, 2, c => MultiSet(c, When.NotExists), group, "1.0.1", "Set multiple keys to multiple values, only if none of the keys exist");
        table.Add("mget", -2, readFast, 1, -1, 1, c => c.Reply.BulkArray(c.Store.StringGet(c.Keys(1))), group, "1.0.0", "Get the values of all the given keys");
        table.Add("getset", 3, writeFast, 1, 1, 1, c => c.Reply.Bulk(c.Store.StringGetSet(c.Key(1), c.Value(2))), group, "1.0.0", "Set the string value of a key and return its old value");
        table.Add("getdel", 2, CommandFlags.Write | CommandFlags.Fast, 1, 1, 1, c => c.Reply.Bulk(c.Store.StringGetDelete(c.Key(1))), group, "6.2.0", "Get the value of a key and delete the key");
        table.Add("getex", -2, CommandFlags.Write | CommandFlags.Fast, 1, 1, 1, GetEx, group, "6.2.0", "Get the value of a key and optionally set its expiration");
        table.Add("incr", 2, writeFast, 1, 1, 1, c => c.Reply.Integer(c.Store.StringIncrement(c.Key(1))), group, "1.0.0", "Increment the integer value of a key by one");
        table.Add("incrby", 3, writeFast, 1, 1, 1, c => c.Reply.Integer(c.Store.StringIncrement(c.Key(1), c.Long(2))), group, "1.0.0", "Increment the integer value of a key by the given amount");
        table.Add("decr", 2, writeFast, 1, 1, 1, c => c.Reply.Integer(c.Store.StringDecrement(c.Key(1))), group, "1.0.0", "Decrement the integer value of a key by one");
        table.Add("decrby", 3, writeFast, 1, 1, 1, c => c.Reply.Integer(c.Store.StringDecrement(c.Key(1), c.Long(2))), group, "1.0.0", "Decrement the integer value of a key by the given number");
        table.Add("incrbyfloat", 3, writeFast, 1, 1, 1, c => c.Reply.Bulk(c.Store.StringIncrementByFloat(c.Key(1), c.Span(2))), group, "2.6.0", "Increment the float value of a key by the given amount");
        table.Add("append", 3, writeFast, 1, 1, 1, c => c.Reply.Integer(c.Store.StringAppend(c.Key(1), c.Value(2))), group, "2.0.0", "Append a value to a key");
        table.Add("strlen", 2, readFast, 1, 1, 1, c => c.Reply.Integer(c.Store.StringLength(c.Key(1))), group, "2.2.0", "Get the length of the value stored in a key");
        table.Add("getrange", 4, read, 1, 1, 1, GetRange, group, "2.4.0", "Get a substring of the string stored at a key");
        table.Add("substr", 4, read, 1, 1, 1, GetRange, group, "1.0.0", "Get a substring of the string stored at a key");
        table.Add("setrange", 4, write, 1, 1, 1, c => c.Reply.Integer(c.Store.StringSetRange(c.Key(1), c.Long(2), c.Value(3))), group, "2.2.0", "Overwrite part of a string at key starting at the specified offset");
        table.Add("lcs", -3, read, 1, 2, 1, Lcs, group, "7.0.0", "Find longest common substring");
    }

    private static void Set(CommandContext c)
    {
        var flags = ParseSetOptions(c, 3, isSet: true, out var timeIndex);
        var expiry = Expiration.None;
        if ((flags & SetFlags.KeepTtl) != 0)
        {
            expiry = Expiration.KeepTtl;
        }
        else if (timeIndex > 0)
        {
            // Redis validates the time before it looks at the key.
            var milliseconds = ExpireMilliseconds(c, timeIndex, flags, "set");
            expiry = (flags & (SetFlags.Ex | SetFlags.Px)) != 0
                ? Expiration.InMilliseconds(milliseconds)
                : Expiration.AtUnixMilliseconds(milliseconds);
        }

        var when = (flags & SetFlags.Nx) != 0 ? When.NotExists : (flags & SetFlags.Xx) != 0 ? When.Exists : When.Always;
        if ((flags & SetFlags.Get) != 0)
        {
            c.Reply.Bulk(c.Store.StringSetAndGet(c.Key(1), c.Value(2), expiry, when));
        }
        else if (c.Store.StringSet(c.Key(1), c.Value(2), expiry, when))
        {
            c.Reply.Ok();
        }
        else
        {
            c.Reply.Null();
        }
    }

    /// <summary>
    /// Reads SET's (or GETEX's) options from <paramref name="start"/> with Redis's rules: each option may repeat, but
    /// NX/XX, and the expiry options among themselves (and KEEPTTL/PERSIST), exclude each other; a time option
    /// needs a value. Anything else is a syntax error, found before any value is parsed.
    /// </summary>
    /// <returns>The options; <paramref name="timeIndex"/> is the last time option's value (0 if none).</returns>
    private static SetFlags ParseSetOptions(CommandContext c, int start, bool isSet, out int timeIndex)
    {
        var flags = SetFlags.None;
        timeIndex = 0;
        for (var j = start; j < c.Count; j++)
        {
            var hasNext = j + 1 < c.Count;
            SetFlags time;
            if (isSet && c.Is(j, "NX"u8) && (flags & SetFlags.Xx) == 0)
            {
                flags |= SetFlags.Nx;
                continue;
            }

            if (isSet && c.Is(j, "XX"u8) && (flags & SetFlags.Nx) == 0)
            {
                flags |= SetFlags.Xx;
                continue;
            }

            if (isSet && c.Is(j, "GET"u8))
            {
                flags |= SetFlags.Get;
                continue;
            }

            if (isSet && c.Is(j, "KEEPTTL"u8) && (flags & SetFlags.AnyTime) == 0)
            {
                flags |= SetFlags.KeepTtl;
                continue;
            }

            if (!isSet && c.Is(j, "PERSIST"u8) && (flags & SetFlags.AnyTime) == 0)
            {
                flags |= SetFlags.Persist;
                continue;
            }

            if (c.Is(j, "EX"u8))
            {
                time = SetFlags.Ex;
            }
            else if (c.Is(j, "PX"u8))
            {
                time = SetFlags.Px;
            }
            else if (c.Is(j, "EXAT"u8))
            {
                time = SetFlags.ExAt;
            }
            else if (c.Is(j, "PXAT"u8))
            {
                time = SetFlags.PxAt;
            }
            else
            {
                throw CommandContext.SyntaxError();
            }

            // The same time option may repeat (the last value wins); a different one, KEEPTTL or PERSIST may not.
            if (!hasNext || (flags & (SetFlags.KeepTtl | SetFlags.Persist | (SetFlags.AnyTime & ~time))) != 0)
            {
                throw CommandContext.SyntaxError();
            }

            flags |= time;
            timeIndex = ++j;
        }

        return flags;
    }

    /// <summary>
    /// A time option's value in milliseconds (EX/PX: relative; EXAT/PXAT: absolute), checked as Redis does: an
    /// integer, positive, and in seconds not past <see cref="long.MaxValue"/> / 1000 once in milliseconds. (The
    /// store checks that a relative time does not overflow when added to now.)
    /// </summary>
    private static long ExpireMilliseconds(CommandContext c, int index, SetFlags flags, string command)
    {
        var value = c.Long(index);
        var seconds = (flags & (SetFlags.Ex | SetFlags.ExAt)) != 0;
        if (value <= 0 || (seconds && value > long.MaxValue / 1000))
        {
            throw new RedisException(ErrorMessages.InvalidExpireTime(command));
        }

        return seconds ? value * 1000 : value;
    }

    /// <summary>SETEX and PSETEX: the TTL must be a positive integer that, added to now, does not overflow.</summary>
    private static void SetWithTtl(CommandContext c, bool seconds)
    {
        var command = seconds ? "setex" : "psetex";
        var milliseconds = ExpireMilliseconds(c, 2, seconds ? SetFlags.Ex : SetFlags.Px, command);
        if (milliseconds > long.MaxValue - c.Store.NowMilliseconds())
        {
            throw new RedisException(ErrorMessages.InvalidExpireTime(command));
        }

        c.Store.StringSet(c.Key(1), c.Value(3), Expiration.InMilliseconds(milliseconds));
        c.Reply.Ok();
    }

    private static void MultiSet(CommandContext c, When when)
    {
        if (c.Count % 2 == 0)
        {
            throw new RedisException(ErrorMessages.WrongArgumentCount(c.Name));
        }

        var pairs = new KeyValuePair<RedisKey, RedisValue>[(c.Count - 1) / 2];
        for (var i = 0; i < pairs.Length; i++)
        {
            pairs[i] = new(c.Key(1 + (2 * i)), c.Value(2 + (2 * i)));
        }

        var set = c.Store.StringSet(pairs, when);
        if (when == When.Always)
        {
            c.Reply.Ok();
        }
        else
        {
            c.Reply.Integer(set);
        }
    }

    private static void GetEx(CommandContext c)
    {
        var flags = ParseSetOptions(c, 2, isSet: false, out var timeIndex);
        var expiry = (flags & SetFlags.Persist) != 0 ? Expiration.Persist : Expiration.None;
        if (timeIndex > 0)
        {
            // GETEX looks the key up before it reads the time: a missing key answers nil, a wrong type WRONGTYPE,
            // and only then is a bad time an error.
            if (!Internal.NumberParsing.TryParseInt64(c.Span(timeIndex), out var value))
            {
                c.Reply.Bulk(c.Store.StringGet(c.Key(1)).IsNull ? RedisValue.Null : throw new RedisException(ErrorMessages.NotInteger));
                return;
            }

            var seconds = (flags & (SetFlags.Ex | SetFlags.ExAt)) != 0;
            if (value <= 0 || (seconds && value > long.MaxValue / 1000))
            {
                // Not positive: the store answers Redis's invalid-time error once it has found the key.
                expiry = Expiration.InMilliseconds(0);
            }
            else
            {
                var milliseconds = seconds ? value * 1000 : value;
                expiry = (flags & (SetFlags.Ex | SetFlags.Px)) != 0
                    ? Expiration.InMilliseconds(milliseconds)
                    : Expiration.AtUnixMilliseconds(milliseconds);
            }
        }

        c.Reply.Bulk(c.Store.StringGetSetExpiry(c.Key(1), expiry));
    }

    private static void GetRange(CommandContext c)
    {
        var start = c.Long(2);
        var end = c.Long(3);
        c.Reply.Bulk(c.Store.StringGetRange(c.Key(1), start, end));
    }

    private static void Lcs(CommandContext c)
    {
        bool len = false, idx = false, withMatchLength = false;
        long minLength = 0;
        try
        {
            for (var j = 3; j < c.Count; j++)
            {
                if (c.Is(j, "IDX"u8))
                {
                    idx = true;
                }
                else if (c.Is(j, "LEN"u8))
                {
                    len = true;
                }
                else if (c.Is(j, "WITHMATCHLEN"u8))
                {
                    withMatchLength = true;
                }
                else if (c.Is(j, "MINMATCHLEN"u8) && j + 1 < c.Count)
                {
                    minLength = Math.Max(0, c.Long(++j));
                }
                else
                {
                    throw CommandContext.SyntaxError();
                }
            }

            if (idx && len)
            {
                throw new RedisException(LcsBothLenAndIdx);
            }
        }
        catch (RedisException)
        {
            // Redis checks the keys' types before it reads the options.
            if (c.Store.KeyType(c.Key(1)) is not (RedisType.None or RedisType.String) ||
                c.Store.KeyType(c.Key(2)) is not (RedisType.None or RedisType.String))
            {
                throw new RedisException(ErrorMessages.LcsNotStrings);
            }

            throw;
        }

        if (len)
        {
            c.Reply.Integer(c.Store.StringLongestCommonSubsequenceLength(c.Key(1), c.Key(2)));
            return;
        }

        if (!idx)
        {
            c.Reply.Bulk(c.Store.StringLongestCommonSubsequence(c.Key(1), c.Key(2)));
            return;
        }

        var result = c.Store.StringLongestCommonSubsequenceWithMatches(c.Key(1), c.Key(2), minLength);
        var reply = c.Reply;
        reply.MapHeader(2);
        reply.Bulk("matches"u8);
        reply.ArrayHeader(result.Matches.Count);
        foreach (var match in result.Matches)
        {
            reply.ArrayHeader(withMatchLength ? 3 : 2);
            reply.ArrayHeader(2);
            reply.Integer(match.FirstStart);
            reply.Integer(match.FirstEnd);
            reply.ArrayHeader(2);
            reply.Integer(match.SecondStart);
            reply.Integer(match.SecondEnd);
            if (withMatchLength)
            {
                reply.Integer(match.Length);
            }
        }

        reply.Bulk("len"u8);
        reply.Integer(result.Length);
    }
}
