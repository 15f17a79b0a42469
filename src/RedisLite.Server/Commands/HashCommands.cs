namespace RedisLite.Server.Commands;

/// <summary>The hash commands.</summary>
internal static class HashCommands
{
    /// <summary>Adds this family's commands to <paramref name="table"/>.</summary>
    public static void Register(CommandTable table)
    {
        _ = table;
    }
}
