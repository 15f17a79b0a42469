namespace RedisLite.Server.Commands;

/// <summary>MULTI, EXEC, DISCARD, WATCH and UNWATCH; the session state lives on the connection.</summary>
internal static class TransactionCommands
{
    /// <summary>Adds this family's commands to <paramref name="table"/>.</summary>
    public static void Register(CommandTable table)
    {
        const string group = "transactions";
        const CommandFlags control = CommandFlags.Fast | CommandFlags.NotQueued | CommandFlags.Loading | CommandFlags.Stale | CommandFlags.NoScript;
        table.Add("multi", 1, control, 0, 0, 0, c => c.Client.Multi(), group, "1.2.0", "Starts a transaction.");
        table.Add("exec", 1, CommandFlags.NotQueued | CommandFlags.Loading | CommandFlags.Stale | CommandFlags.NoScript, 0, 0, 0, c => c.Client.Exec(), group, "1.2.0", "Executes all commands in a transaction.");
        table.Add("discard", 1, control, 0, 0, 0, c => c.Client.Discard(), group, "2.0.0", "Discards a transaction.");
        table.Add("watch", -2, control, 1, -1, 1, c => c.Client.Watch(c.Keys(1)), group, "2.2.0", "Monitors changes to keys to determine the execution of a transaction.");
        table.Add("unwatch", 1, CommandFlags.Fast | CommandFlags.Loading | CommandFlags.Stale | CommandFlags.NoScript, 0, 0, 0, Unwatch, group, "2.2.0", "Forgets about watched keys of a transaction.");
    }

    private static void Unwatch(CommandContext c)
    {
        c.Client.Unwatch();
        c.Reply.Ok();
    }
}
