namespace RedisLite.Server.Commands;

/// <summary>INFO, CONFIG, COMMAND, CLIENT, DBSIZE, FLUSHDB, TIME, SAVE, DEBUG, OBJECT, MEMORY and the other server commands.</summary>
internal static class ServerCommands
{
    /// <summary>Adds this family's commands to <paramref name="table"/>.</summary>
    public static void Register(CommandTable table)
    {
        const string group = "server";
        table.Add("dbsize", 1, CommandFlags.ReadOnly | CommandFlags.Fast, 0, 0, 0, c => c.Reply.Integer(c.Store.DatabaseSize()), group, "1.0.0", "Returns the number of keys in the database.");
        table.Add("flushdb", -1, CommandFlags.Write, 0, 0, 0, FlushDb, group, "1.0.0", "Removes all keys from the current database.");
        table.Add("flushall", -1, CommandFlags.Write, 0, 0, 0, FlushAll, group, "1.0.0", "Removes all keys from all databases.");
    }

    /// <summary>FLUSHDB/FLUSHALL take an optional ASYNC or SYNC; the flush is done at once either way.</summary>
    private static void CheckFlushMode(CommandContext c)
    {
        if (c.Count > 2 || (c.Count == 2 && !c.Is(1, "ASYNC"u8) && !c.Is(1, "SYNC"u8)))
        {
            throw CommandContext.SyntaxError();
        }
    }

    private static void FlushDb(CommandContext c)
    {
        CheckFlushMode(c);
        c.Store.FlushDatabase();
        c.Reply.Ok();
    }

    private static void FlushAll(CommandContext c)
    {
        CheckFlushMode(c);
        c.Store.FlushAllDatabases();
        c.Reply.Ok();
    }
}
