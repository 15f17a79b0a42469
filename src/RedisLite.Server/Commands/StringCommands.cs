namespace RedisLite.Server.Commands;

/// <summary>The string commands.</summary>
internal static class StringCommands
{
    /// <summary>Adds this family's commands to <paramref name="table"/>.</summary>
    public static void Register(CommandTable table)
    {
        _ = table;
    }
}
