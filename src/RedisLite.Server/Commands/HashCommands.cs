namespace RedisLite.Server.Commands;

/// <summary>The hash commands: HSET, HSETNX, HMSET, HGET, HMGET, HGETALL, HDEL, HEXISTS, HLEN, HKEYS, HVALS, HSTRLEN,
/// HINCRBY, HINCRBYFLOAT, HRANDFIELD and HSCAN.</summary>
internal static class HashCommands
{
    /// <summary>Adds this family's commands to <paramref name="table"/>.</summary>
    public static void Register(CommandTable table)
    {
        const string group = "hash";
        const CommandFlags write = CommandFlags.Write | CommandFlags.DenyOom | CommandFlags.Fast;
        const CommandFlags read = CommandFlags.ReadOnly | CommandFlags.Fast;
        table.Add("hset", -4, write, 1, 1, 1, HSet, group, "2.0.0", "Set the string value of a hash field");
        table.Add("hsetnx", 4, write, 1, 1, 1, HSetNx, group, "2.0.0", "Set the value of a hash field, only if the field does not exist");
        table.Add("hmset", -4, write, 1, 1, 1, HMSet, group, "2.0.0", "Set multiple hash fields to multiple values");
        table.Add("hget", 3, read, 1, 1, 1, c => c.Reply.Bulk(c.Store.HashGet(c.Key(1), c.Value(2))), group, "2.0.0", "Get the value of a hash field");
        table.Add("hmget", -3, read, 1, 1, 1, c => c.Reply.BulkArray(c.Store.HashGet(c.Key(1), c.Values(2))), group, "2.0.0", "Get the values of all the given hash fields");
        table.Add("hgetall", 2, CommandFlags.ReadOnly, 1, 1, 1, HGetAll, group, "2.0.0", "Get all the fields and values in a hash");
        table.Add("hdel", -3, CommandFlags.Write | CommandFlags.Fast, 1, 1, 1, c => c.Reply.Integer(c.Store.HashDelete(c.Key(1), c.Values(2))), group, "2.0.0", "Delete one or more hash fields");
        table.Add("hexists", 3, read, 1, 1, 1, c => c.Reply.Integer(c.Store.HashExists(c.Key(1), c.Value(2))), group, "2.0.0", "Determine if a hash field exists");
        table.Add("hlen", 2, read, 1, 1, 1, c => c.Reply.Integer(c.Store.HashLength(c.Key(1))), group, "2.0.0", "Get the number of fields in a hash");
        table.Add("hkeys", 2, CommandFlags.ReadOnly, 1, 1, 1, c => c.Reply.BulkArray(c.Store.HashKeys(c.Key(1))), group, "2.0.0", "Get all the fields in a hash");
        table.Add("hvals", 2, CommandFlags.ReadOnly, 1, 1, 1, c => c.Reply.BulkArray(c.Store.HashValues(c.Key(1))), group, "2.0.0", "Get all the values in a hash");
        table.Add("hstrlen", 3, read, 1, 1, 1, c => c.Reply.Integer(c.Store.HashStringLength(c.Key(1), c.Value(2))), group, "3.2.0", "Get the length of the value of a hash field");
        table.Add("hincrby", 4, write, 1, 1, 1, HIncrBy, group, "2.0.0", "Increment the integer value of a hash field by the given number");
        table.Add("hincrbyfloat", 4, write, 1, 1, 1, HIncrByFloat, group, "2.6.0", "Increment the float value of a hash field by the given amount");
        table.Add("hrandfield", -2, CommandFlags.ReadOnly, 1, 1, 1, HRandField, group, "6.2.0", "Get one or multiple random fields from a hash");
        table.Add("hscan", -3, CommandFlags.ReadOnly, 1, 1, 1, HScan, group, "2.8.0", "Incrementally iterate hash fields and associated values");
    }

    /// <summary>The field/value pairs of HSET and HMSET; an unpaired field is a wrong number of arguments.</summary>
    private static HashEntry[] Entries(CommandContext c)
    {
        if (c.Count % 2 != 0)
        {
            throw new RedisException(ErrorMessages.WrongArgumentCount(c.Name));
        }

        var entries = new HashEntry[(c.Count - 2) / 2];
        for (var i = 0; i < entries.Length; i++)
        {
            entries[i] = new HashEntry(c.Value(2 + (2 * i)), c.Value(3 + (2 * i)));
        }

        return entries;
    }

    private static void HSet(CommandContext c) => c.Reply.Integer(c.Store.HashSet(c.Key(1), Entries(c)));

    private static void HMSet(CommandContext c)
    {
        c.Store.HashSet(c.Key(1), Entries(c));
        c.Reply.Ok();
    }

    private static void HSetNx(CommandContext c) => c.Reply.Integer(c.Store.HashSet(c.Key(1), c.Value(2), c.Value(3), When.NotExists));

    /// <summary>Field/value pairs: a map in RESP3, a flat array in RESP2.</summary>
    private static void WriteMap(CommandContext c, HashEntry[] entries)
    {
        c.Reply.MapHeader(entries.Length);
        foreach (var entry in entries)
        {
            c.Reply.Bulk(entry.Name);
            c.Reply.Bulk(entry.Value);
        }
    }

    private static void HGetAll(CommandContext c) => WriteMap(c, c.Store.HashGetAll(c.Key(1)));

    private static void HIncrBy(CommandContext c)
    {
        // The increment is checked before the key, as in Redis.
        var increment = c.Long(3);
        c.Reply.Integer(c.Store.HashIncrement(c.Key(1), c.Value(2), increment));
    }

    // The store parses the increment as Redis does (long double), so 1e400 works and the reply is the stored text.
    private static void HIncrByFloat(CommandContext c) => c.Reply.Bulk(c.Store.HashIncrementByFloat(c.Key(1), c.Value(2), c.Span(3)));

    private static void HRandField(CommandContext c)
    {
        if (c.Count == 2)
        {
            c.Reply.Bulk(c.Store.HashRandomField(c.Key(1)));
            return;
        }

        // Redis's order: the count, then the syntax, then the WITHVALUES range (twice as many replies must fit a long).
        var count = c.Long(2, -long.MaxValue, long.MaxValue, ErrorMessages.RandomCountOutOfRange);
        if (c.Count > 4 || (c.Count == 4 && !c.Is(3, "WITHVALUES"u8)))
        {
            throw CommandContext.SyntaxError();
        }

        if (c.Count == 3)
        {
            c.Reply.BulkArray(c.Store.HashRandomFields(c.Key(1), count));
            return;
        }

        if (count is < -long.MaxValue / 2 or > long.MaxValue / 2)
        {
            throw new RedisException(ErrorMessages.ValueOutOfRange);
        }

        // RESP3 nests each field with its value; RESP2 lists them flat.
        var entries = c.Store.HashRandomFieldsWithValues(c.Key(1), count);
        var reply = c.Reply;
        reply.ArrayHeader(reply.Resp3 ? entries.Length : entries.Length * 2);
        foreach (var entry in entries)
        {
            if (reply.Resp3)
            {
                reply.ArrayHeader(2);
            }

            reply.Bulk(entry.Name);
            reply.Bulk(entry.Value);
        }
    }

    private static void HScan(CommandContext c) => ScanArguments.Run(c, static (store, key) => store.HashLength(key),
        static (store, key, scan) => store.HashScan(key, scan.Cursor, scan.Pattern, scan.Count), 2, static (reply, entry) =>
        {
            reply.Bulk(entry.Name);
            reply.Bulk(entry.Value);
        });
}
