namespace RedisLite.Server.Commands;

/// <summary>The list commands, blocking ones included.</summary>
internal static class ListCommands
{
    /// <summary>Adds this family's commands to <paramref name="table"/>.</summary>
    public static void Register(CommandTable table)
    {
        _ = table;
    }
}
