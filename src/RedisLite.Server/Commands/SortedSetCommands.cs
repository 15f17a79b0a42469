namespace RedisLite.Server.Commands;

/// <summary>The sorted-set commands, blocking ones included.</summary>
internal static class SortedSetCommands
{
    /// <summary>Adds this family's commands to <paramref name="table"/>.</summary>
    public static void Register(CommandTable table)
    {
        _ = table;
    }
}
