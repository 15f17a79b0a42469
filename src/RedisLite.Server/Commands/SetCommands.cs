namespace RedisLite.Server.Commands;

/// <summary>The set commands: SADD, SREM, SMEMBERS, SISMEMBER, SMISMEMBER, SCARD, SPOP, SRANDMEMBER, SMOVE, SINTER,
/// SUNION, SDIFF, their STORE forms, SINTERCARD and SSCAN.</summary>
internal static class SetCommands
{
    private const string TooManyKeys = "ERR Number of keys can't be greater than number of args";

    /// <summary>Adds this family's commands to <paramref name="table"/>.</summary>
    public static void Register(CommandTable table)
    {
        const string group = "set";
        const CommandFlags read = CommandFlags.ReadOnly | CommandFlags.Fast;
        const CommandFlags store = CommandFlags.Write | CommandFlags.DenyOom;
        table.Add("sadd", -3, CommandFlags.Write | CommandFlags.DenyOom | CommandFlags.Fast, 1, 1, 1, c => c.Reply.Integer(c.Store.SetAdd(c.Key(1), c.Values(2))), group, "1.0.0", "Add one or more members to a set");
        table.Add("srem", -3, CommandFlags.Write | CommandFlags.Fast, 1, 1, 1, c => c.Reply.Integer(c.Store.SetRemove(c.Key(1), c.Values(2))), group, "1.0.0", "Remove one or more members from a set");
        table.Add("smembers", 2, CommandFlags.ReadOnly, 1, 1, 1, c => c.Reply.BulkSet(c.Store.SetMembers(c.Key(1))), group, "1.0.0", "Get all the members in a set");
        table.Add("sismember", 3, read, 1, 1, 1, c => c.Reply.Integer(c.Store.SetContains(c.Key(1), c.Value(2))), group, "1.0.0", "Determine if a given value is a member of a set");
        table.Add("smismember", -3, read, 1, 1, 1, SMIsMember, group, "6.2.0", "Returns the membership associated with the given elements for a set");
        table.Add("scard", 2, read, 1, 1, 1, c => c.Reply.Integer(c.Store.SetLength(c.Key(1))), group, "1.0.0", "Get the number of members in a set");
        table.Add("spop", -2, CommandFlags.Write | CommandFlags.Fast, 1, 1, 1, SPop, group, "1.0.0", "Remove and return one or multiple random members from a set");
        table.Add("srandmember", -2, CommandFlags.ReadOnly, 1, 1, 1, SRandMember, group, "1.0.0", "Get one or multiple random members from a set");
        table.Add("smove", 4, CommandFlags.Write | CommandFlags.Fast, 1, 2, 1, c => c.Reply.Integer(c.Store.SetMove(c.Key(1), c.Key(2), c.Value(3))), group, "1.0.0", "Move a member from one set to another");
        table.Add("sinter", -2, CommandFlags.ReadOnly, 1, -1, 1, c => Combine(c, SetOperation.Intersect), group, "1.0.0", "Intersect multiple sets");
        table.Add("sunion", -2, CommandFlags.ReadOnly, 1, -1, 1, c => Combine(c, SetOperation.Union), group, "1.0.0", "Add multiple sets");
        table.Add("sdiff", -2, CommandFlags.ReadOnly, 1, -1, 1, c => Combine(c, SetOperation.Difference), group, "1.0.0", "Subtract multiple sets");
        table.Add("sinterstore", -3, store, 1, -1, 1, c => CombineAndStore(c, SetOperation.Intersect), group, "1.0.0", "Intersect multiple sets and store the resulting set in a key");
        table.Add("sunionstore", -3, store, 1, -1, 1, c => CombineAndStore(c, SetOperation.Union), group, "1.0.0", "Add multiple sets and store the resulting set in a key");
        table.Add("sdiffstore", -3, store, 1, -1, 1, c => CombineAndStore(c, SetOperation.Difference), group, "1.0.0", "Subtract multiple sets and store the resulting set in a key");
        table.Add("sintercard", -3, CommandFlags.ReadOnly, 0, 0, 0, SInterCard, group, "7.0.0", "Intersect multiple sets and return the cardinality of the result");
        table.Add("sscan", -3, CommandFlags.ReadOnly, 1, 1, 1, SScan, group, "2.8.0", "Incrementally iterate Set elements");
    }

    private static void SMIsMember(CommandContext c)
    {
        var found = c.Store.SetContains(c.Key(1), c.Values(2));
        c.Reply.ArrayHeader(found.Length);
        foreach (var member in found)
        {
            c.Reply.Integer(member);
        }
    }

    private static void SPop(CommandContext c)
    {
        if (c.Count == 2)
        {
            c.Reply.Bulk(c.Store.SetPop(c.Key(1)));
            return;
        }

        if (c.Count > 3)
        {
            throw CommandContext.SyntaxError();
        }

        // The count is checked before the key (anything but an integer >= 0 is "out of range"); the members come
        // back as a set (RESP3 '~').
        if (!Internal.NumberParsing.TryParseInt64(c.Span(2), out var count) || count < 0)
        {
            throw new RedisException(ErrorMessages.MustBePositive);
        }

        c.Reply.BulkSet(c.Store.SetPop(c.Key(1), count));
    }

    private static void SRandMember(CommandContext c)
    {
        if (c.Count == 2)
        {
            c.Reply.Bulk(c.Store.SetRandomMember(c.Key(1)));
            return;
        }

        if (c.Count > 3)
        {
            throw CommandContext.SyntaxError();
        }

        // Unlike SPOP's, these come back as an array (repeats are possible), also in RESP3.
        var count = c.Long(2, -long.MaxValue, long.MaxValue, ErrorMessages.RandomCountOutOfRange);
        c.Reply.BulkArray(c.Store.SetRandomMembers(c.Key(1), count));
    }

    private static void Combine(CommandContext c, SetOperation operation) => c.Reply.BulkSet(c.Store.SetCombine(operation, c.Keys(1)));

    private static void CombineAndStore(CommandContext c, SetOperation operation) =>
        c.Reply.Integer(c.Store.SetCombineAndStore(operation, c.Key(1), c.Keys(2)));

    private static void SInterCard(CommandContext c)
    {
        // A numkeys that is not an integer gets the same error as one below 1.
        if (!Internal.NumberParsing.TryParseInt64(c.Span(1), out var numKeys) || numKeys < 1)
        {
            throw new RedisException(ErrorMessages.NumKeysNotPositive);
        }

        if (numKeys > c.Count - 2)
        {
            throw new RedisException(TooManyKeys);
        }

        var end = 2 + (int)numKeys;
        long limit = 0;
        for (var i = end; i < c.Count; i += 2)
        {
            if (!c.Is(i, "LIMIT"u8) || i + 1 >= c.Count)
            {
                throw CommandContext.SyntaxError();
            }

            // Likewise, a LIMIT that is not an integer is "negative".
            if (!Internal.NumberParsing.TryParseInt64(c.Span(i + 1), out limit) || limit < 0)
            {
                throw new RedisException(ErrorMessages.LimitNegative);
            }
        }

        c.Reply.Integer(c.Store.SetIntersectionLength(c.Keys(2, end), limit));
    }

    private static void SScan(CommandContext c) => ScanArguments.Run(c, static (store, key) => store.SetLength(key),
        static (store, key, scan) => store.SetScan(key, scan.Cursor, scan.Pattern, scan.Count), 1, static (reply, member) => reply.Bulk(member));
}
