namespace RedisLite.Server.Commands;

/// <summary>The set commands.</summary>
internal static class SetCommands
{
    /// <summary>Adds this family's commands to <paramref name="table"/>.</summary>
    public static void Register(CommandTable table)
    {
        _ = table;
    }
}
