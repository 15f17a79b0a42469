namespace RedisLite.Server.Commands;

/// <summary>The INFO, CONFIG, COMMAND, CLIENT, DBSIZE, FLUSHDB, TIME, SAVE, DEBUG, OBJECT, MEMORY and the other server commands.</summary>
internal static class ServerCommands
{
    /// <summary>Adds this family's commands to <paramref name="table"/>.</summary>
    public static void Register(CommandTable table)
    {
        _ = table;
    }
}
