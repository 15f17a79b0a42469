namespace RedisLite.Server.Commands;

/// <summary>The generic key commands (DEL, EXISTS, EXPIRE, SCAN, ...).</summary>
internal static class KeyCommands
{
    /// <summary>Adds this family's commands to <paramref name="table"/>.</summary>
    public static void Register(CommandTable table)
    {
        _ = table;
    }
}
