namespace RedisLite.Server.Commands;

/// <summary>
/// Every command the server knows, by name (case-insensitive, as Redis matches them). Each family registers its own
/// commands from its own file (<c>StringCommands.cs</c>, <c>ListCommands.cs</c>, ...).
/// </summary>
/// <remarks>Built once and read-only afterwards, so it is safe to share between connections.</remarks>
internal sealed class CommandTable
{
    /// <summary>The longest command name looked up; anything longer is unknown.</summary>
    private const int MaxNameLength = 64;

    private readonly Dictionary<string, CommandDefinition> _commands = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, CommandDefinition>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    private CommandTable()
    {
        _lookup = _commands.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Gets the table with every command of every family.</summary>
    public static CommandTable Default { get; } = Build();

    /// <summary>Gets every top-level command.</summary>
    public IReadOnlyCollection<CommandDefinition> All => _commands.Values;

    /// <summary>Gets the number of top-level commands (<c>COMMAND COUNT</c>).</summary>
    public int Count => _commands.Count;

    /// <summary>Finds a command by its name's bytes, or null.</summary>
    public CommandDefinition? Find(ReadOnlySpan<byte> name)
    {
        if (name.Length > MaxNameLength)
        {
            return null;
        }

        Span<char> chars = stackalloc char[MaxNameLength];
        for (var i = 0; i < name.Length; i++)
        {
            chars[i] = (char)name[i];
        }

        return _lookup.TryGetValue(chars[..name.Length], out var command) ? command : null;
    }

    /// <summary>Finds a command by name, or null.</summary>
    public CommandDefinition? Find(string name) => _commands.GetValueOrDefault(name);

    /// <summary>Adds a command.</summary>
    /// <param name="name">Its name, lower case.</param>
    /// <param name="arity">Redis's arity (negative: at least that many).</param>
    /// <param name="flags">Its flags.</param>
    /// <param name="firstKey">The first key's position, 0 if none.</param>
    /// <param name="lastKey">The last key's position (negative counts from the end).</param>
    /// <param name="step">The step between keys.</param>
    /// <param name="handler">The implementation.</param>
    /// <param name="group">Its COMMAND DOCS group.</param>
    /// <param name="since">The Redis version it appeared in.</param>
    /// <param name="summary">A one-line summary.</param>
    public void Add(string name, int arity, CommandFlags flags, int firstKey, int lastKey, int step, CommandHandler handler,
        string group = "generic", string since = "1.0.0", string summary = "")
        => Add(new CommandDefinition(name, arity, flags, firstKey, lastKey, step, handler) { Group = group, Since = since, Summary = summary });

    /// <summary>Adds a command definition.</summary>
    public void Add(CommandDefinition command)
    {
        if (!_commands.TryAdd(command.Name, command))
        {
            throw new InvalidOperationException($"The command '{command.Name}' is registered twice.");
        }
    }

    /// <summary>Adds a container command (CONFIG, CLIENT, ...) with its subcommands; each subcommand's arity counts
    /// the container's name too, as Redis's do (<c>CONFIG GET</c> is -3).</summary>
    public void AddContainer(string name, string group, string since, string summary, params CommandDefinition[] subcommands)
        => AddContainer(name, -2, CommandFlags.None, null, group, since, summary, subcommands);

    /// <summary>Adds a container command that also runs without a subcommand (COMMAND alone lists every command):
    /// <paramref name="bare"/> handles that form, with the container's own <paramref name="arity"/> and
    /// <paramref name="flags"/>.</summary>
    public void AddContainer(string name, int arity, CommandFlags flags, CommandHandler? bare, string group, string since, string summary,
        params CommandDefinition[] subcommands)
    {
        var table = new Dictionary<string, CommandDefinition>(StringComparer.OrdinalIgnoreCase);
        foreach (var sub in subcommands)
        {
            table.Add(sub.Name, sub with { Name = name + "|" + sub.Name });
            flags |= sub.Flags & (CommandFlags.NoAuth | CommandFlags.AllowedWhenSubscribed | CommandFlags.Loading | CommandFlags.Stale);
        }

        Add(new CommandDefinition(name, arity, flags, 0, 0, 0, bare) { Subcommands = table, Group = group, Since = since, Summary = summary });
    }

    /// <summary>A subcommand for <c>AddContainer</c>, named without its container.</summary>
    public static CommandDefinition Sub(string name, int arity, CommandFlags flags, CommandHandler handler, string summary = "",
        int firstKey = 0, int lastKey = 0, int step = 0)
        => new(name, arity, flags, firstKey, lastKey, step, handler) { Summary = summary };

    private static CommandTable Build()
    {
        var table = new CommandTable();
        ConnectionCommands.Register(table);
        TransactionCommands.Register(table);
        PubSubCommands.Register(table);
        ServerCommands.Register(table);
        KeyCommands.Register(table);
        StringCommands.Register(table);
        HashCommands.Register(table);
        ListCommands.Register(table);
        SetCommands.Register(table);
        SortedSetCommands.Register(table);
        return table;
    }
}
