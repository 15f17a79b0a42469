namespace RedisLite.Server.Commands;

/// <summary>Runs one command: reads its arguments from <paramref name="context"/> and writes one reply there (or
/// blocks through <see cref="CommandContext.Block{T}"/>). Errors are thrown as <see cref="RedisException"/>s
/// carrying Redis's text.</summary>
/// <param name="context">The connection's context, set up for this command.</param>
internal delegate void CommandHandler(CommandContext context);

/// <summary>One entry of the command table, as <c>COMMAND INFO</c> describes it.</summary>
/// <param name="Name">The lower-case name (for a subcommand, <c>container|sub</c>).</param>
/// <param name="Arity">Redis's arity: the exact argument count including the name, or its negated minimum.</param>
/// <param name="Flags">What the server checks before running it.</param>
/// <param name="FirstKey">The position of the first key argument, 0 if none.</param>
/// <param name="LastKey">The position of the last key argument; negative counts from the end.</param>
/// <param name="Step">The distance between key arguments.</param>
/// <param name="Handler">The implementation (null for a container, which has <see cref="Subcommands"/>).</param>
internal sealed record CommandDefinition(
    string Name,
    int Arity,
    CommandFlags Flags,
    int FirstKey,
    int LastKey,
    int Step,
    CommandHandler? Handler)
{
    /// <summary>Gets the subcommands of a container command (CONFIG, CLIENT, ...), keyed by lower-case name.</summary>
    public Dictionary<string, CommandDefinition>? Subcommands { get; init; }

    /// <summary>Gets the command group <c>COMMAND DOCS</c> reports (string, list, generic, ...).</summary>
    public string Group { get; init; } = "generic";

    /// <summary>Gets a one-line summary for <c>COMMAND DOCS</c>.</summary>
    public string Summary { get; init; } = "";

    /// <summary>Gets the Redis version the command appeared in, for <c>COMMAND DOCS</c>.</summary>
    public string Since { get; init; } = "1.0.0";

    /// <summary>Whether <paramref name="count"/> arguments (including the name) satisfy <see cref="Arity"/>.</summary>
    public bool AcceptsArgumentCount(int count) => Arity >= 0 ? count == Arity : count >= -Arity;

    /// <summary>Gets whether the command is flagged <paramref name="flag"/>.</summary>
    public bool Has(CommandFlags flag) => (Flags & flag) != 0;
}
