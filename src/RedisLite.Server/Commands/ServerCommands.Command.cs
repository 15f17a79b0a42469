using System.Text;
using RedisLite.Keyspace;

namespace RedisLite.Server.Commands;

// COMMAND (the whole table), COUNT, LIST, INFO, DOCS, GETKEYS and HELP: the shapes Redis 7.0 replies with, filled from
// the command table (flags, key positions, ACL categories derived from the flags and group; no tips or argument docs).
internal static partial class ServerCommands
{
    private static void RegisterCommand(CommandTable table)
    {
        const CommandFlags flags = CommandFlags.Loading | CommandFlags.Stale;
        table.AddContainer("command", -1, flags, c => WriteInfos(c, c.Server.Commands.All), "server", "2.8.13", "Returns detailed information about all commands.",
            CommandTable.Sub("count", 2, flags, c => c.Reply.Integer(c.Server.Commands.Count), "Returns a count of commands."),
            CommandTable.Sub("list", -2, flags, CommandList, "Returns a list of command names."),
            CommandTable.Sub("info", -2, flags, CommandInfo, "Returns information about one, multiple or all commands."),
            CommandTable.Sub("docs", -2, flags, CommandDocs, "Returns documentary information about one, multiple or all commands."),
            CommandTable.Sub("getkeys", -4, flags, CommandGetKeys, "Extracts the key names from an arbitrary command."),
            CommandTable.Sub("help", 2, flags, CommandHelp, "Returns helpful text about the different subcommands."));
    }

    /// <summary>Every command and subcommand, subcommands after their container.</summary>
    private static IEnumerable<CommandDefinition> Flatten(IEnumerable<CommandDefinition> commands)
    {
        foreach (var command in commands)
        {
            yield return command;
            foreach (var sub in command.Subcommands?.Values ?? Enumerable.Empty<CommandDefinition>())
            {
                yield return sub;
            }
        }
    }

    /// <summary>A command by name, or a subcommand as <c>container|sub</c>; null if unknown.</summary>
    private static CommandDefinition? FindCommand(CommandContext c, string name)
    {
        var bar = name.IndexOf('|', StringComparison.Ordinal);
        if (bar < 0)
        {
            return c.Server.Commands.Find(name);
        }

        return c.Server.Commands.Find(name[..bar])?.Subcommands?.GetValueOrDefault(name[(bar + 1)..]);
    }

    private static void CommandList(CommandContext c)
    {
        var names = Flatten(c.Server.Commands.All).Select(static x => x.Name);
        if (c.Count > 2)
        {
            if (c.Count != 5 || !c.Is(2, "FILTERBY"u8))
            {
                throw CommandContext.SyntaxError();
            }

            var value = c.Text(4);
            if (c.Is(3, "PATTERN"u8))
            {
                var pattern = Encoding.UTF8.GetBytes(value.ToLowerInvariant());
                names = names.Where(n => GlobPattern.IsMatch(pattern, Encoding.UTF8.GetBytes(n)));
            }
            else if (c.Is(3, "ACLCAT"u8))
            {
                var category = "@" + value.ToLowerInvariant();
                names = Flatten(c.Server.Commands.All).Where(x => AclCategories(x).Contains(category)).Select(static x => x.Name);
            }
            else if (c.Is(3, "MODULE"u8))
            {
                names = [];
            }
            else
            {
                throw CommandContext.SyntaxError();
            }
        }

        var list = names.ToList();
        c.Reply.ArrayHeader(list.Count);
        foreach (var name in list)
        {
            c.Reply.Bulk(name);
        }
    }

    private static void CommandInfo(CommandContext c)
    {
        if (c.Count == 2)
        {
            WriteInfos(c, c.Server.Commands.All);
            return;
        }

        c.Reply.ArrayHeader(c.Count - 2);
        for (var i = 2; i < c.Count; i++)
        {
            if (FindCommand(c, c.Text(i)) is { } command)
            {
                WriteInfo(c, command);
            }
            else
            {
                c.Reply.Null();
            }
        }
    }

    private static void WriteInfos(CommandContext c, IReadOnlyCollection<CommandDefinition> commands)
    {
        c.Reply.ArrayHeader(commands.Count);
        foreach (var command in commands)
        {
            WriteInfo(c, command);
        }
    }

    /// <summary>One command's 10-element COMMAND INFO entry.</summary>
    private static void WriteInfo(CommandContext c, CommandDefinition command)
    {
        var reply = c.Reply;
        reply.ArrayHeader(10);
        reply.Bulk(command.Name);
        reply.Integer(command.Arity);
        var flags = FlagNames(command);
        reply.SetHeader(flags.Count);
        foreach (var flag in flags)
        {
            reply.SimpleString(flag);
        }

        reply.Integer(command.FirstKey);
        reply.Integer(command.LastKey);
        reply.Integer(command.Step);
        var categories = AclCategories(command);
        reply.SetHeader(categories.Count);
        foreach (var category in categories)
        {
            reply.SimpleString(category);
        }

        reply.SetHeader(0); // tips
        if (command.FirstKey > 0)
        {
            reply.SetHeader(1);
            WriteKeySpec(c, command);
        }
        else
        {
            reply.SetHeader(0);
        }

        if (command.Subcommands is { } subcommands)
        {
            reply.ArrayHeader(subcommands.Count);
            foreach (var sub in subcommands.Values)
            {
                WriteInfo(c, sub);
            }
        }
        else
        {
            reply.SetHeader(0);
        }
    }

    private static void WriteKeySpec(CommandContext c, CommandDefinition command)
    {
        var reply = c.Reply;
        reply.MapHeader(3);
        reply.Bulk("flags"u8);
        string[] flags = command.Has(CommandFlags.Write) ? ["RW", "update"] : command.Has(CommandFlags.ReadOnly) ? ["RO", "access"] : ["RO"];
        reply.SetHeader(flags.Length);
        foreach (var flag in flags)
        {
            reply.SimpleString(flag);
        }

        reply.Bulk("begin_search"u8);
        reply.MapHeader(2);
        reply.Bulk("type"u8);
        reply.Bulk("index"u8);
        reply.Bulk("spec"u8);
        reply.MapHeader(1);
        reply.Bulk("index"u8);
        reply.Integer(command.FirstKey);
        reply.Bulk("find_keys"u8);
        reply.MapHeader(2);
        reply.Bulk("type"u8);
        reply.Bulk("range"u8);
        reply.Bulk("spec"u8);
        reply.MapHeader(3);
        reply.Bulk("lastkey"u8);
        reply.Integer(command.LastKey < 0 ? command.LastKey : command.LastKey - command.FirstKey);
        reply.Bulk("keystep"u8);
        reply.Integer(command.Step);
        reply.Bulk("limit"u8);
        reply.Integer(0);
    }

    /// <summary>The command's flags by Redis's names, in Redis's order.</summary>
    private static List<string> FlagNames(CommandDefinition command)
    {
        var names = new List<string>();
        void Add(CommandFlags flag, string name)
        {
            if (command.Has(flag))
            {
                names.Add(name);
            }
        }

        Add(CommandFlags.Write, "write");
        Add(CommandFlags.ReadOnly, "readonly");
        Add(CommandFlags.DenyOom, "denyoom");
        Add(CommandFlags.Admin, "admin");
        Add(CommandFlags.PubSub, "pubsub");
        Add(CommandFlags.NoScript, "noscript");
        Add(CommandFlags.Blocking, "blocking");
        Add(CommandFlags.Loading, "loading");
        Add(CommandFlags.Stale, "stale");
        Add(CommandFlags.Fast, "fast");
        Add(CommandFlags.NoAuth, "no_auth");
        Add(CommandFlags.NoMulti, "no_multi");
        return names;
    }

    /// <summary>ACL categories as Redis orders them, derived from the flags and the command's group.</summary>
    private static List<string> AclCategories(CommandDefinition command)
    {
        var group = command.Group.ToLowerInvariant();
        var categories = new List<string>();
        if (command.Subcommands is not null)
        {
            categories.Add("@slow");
            return categories;
        }

        void Add(bool condition, string name)
        {
            if (condition)
            {
                categories.Add(name);
            }
        }

        Add(group == "generic", "@keyspace");
        Add(command.Has(CommandFlags.ReadOnly), "@read");
        Add(command.Has(CommandFlags.Write), "@write");
        Add(group == "set", "@set");
        Add(group.Contains("sorted", StringComparison.Ordinal), "@sortedset");
        Add(group == "list", "@list");
        Add(group == "hash", "@hash");
        Add(group == "string", "@string");
        Add(command.Has(CommandFlags.PubSub), "@pubsub");
        Add(command.Has(CommandFlags.Admin), "@admin");
        Add(command.Has(CommandFlags.Fast), "@fast");
        Add(!command.Has(CommandFlags.Fast), "@slow");
        Add(command.Has(CommandFlags.Blocking), "@blocking");
        Add(command.Has(CommandFlags.Admin), "@dangerous");
        Add(group == "connection", "@connection");
        Add(group.StartsWith("transaction", StringComparison.Ordinal), "@transaction");
        return categories;
    }

    private static void CommandDocs(CommandContext c)
    {
        var commands = new List<CommandDefinition>();
        if (c.Count == 2)
        {
            commands.AddRange(c.Server.Commands.All);
        }
        else
        {
            for (var i = 2; i < c.Count; i++)
            {
                if (FindCommand(c, c.Text(i)) is { } command)
                {
                    commands.Add(command);
                }
            }
        }

        c.Reply.MapHeader(commands.Count);
        foreach (var command in commands)
        {
            c.Reply.Bulk(command.Name);
            WriteDoc(c, command);
        }
    }

    private static void WriteDoc(CommandContext c, CommandDefinition command)
    {
        var reply = c.Reply;
        var subcommands = command.Subcommands;
        reply.MapHeader(subcommands is null ? 3 : 4);
        reply.Bulk("summary"u8);
        reply.Bulk(command.Summary);
        reply.Bulk("since"u8);
        reply.Bulk(command.Since);
        reply.Bulk("group"u8);
        reply.Bulk(command.Group);
        if (subcommands is not null)
        {
            reply.Bulk("subcommands"u8);
            reply.MapHeader(subcommands.Count);
            foreach (var sub in subcommands.Values)
            {
                reply.Bulk(sub.Name);
                WriteDoc(c, sub with { Group = command.Group, Since = command.Since });
            }
        }
    }

    private static void CommandGetKeys(CommandContext c)
    {
        var command = c.Server.Commands.Find(c.Span(2));
        if (command is null)
        {
            throw new RedisException("ERR Invalid command specified");
        }

        var argc = c.Count - 2;
        if (command.Subcommands is { } subcommands && argc > 1)
        {
            command = subcommands.GetValueOrDefault(c.Text(3)) ?? throw new RedisException("ERR Invalid command specified");
        }

        if (!command.AcceptsArgumentCount(argc))
        {
            throw new RedisException("ERR Invalid number of arguments specified for command");
        }

        if (command.FirstKey <= 0)
        {
            throw new RedisException("ERR The command has no key arguments");
        }

        var last = command.LastKey < 0 ? argc + command.LastKey : command.LastKey;
        var keys = new List<int>();
        for (var i = command.FirstKey; i <= last && i < argc; i += Math.Max(1, command.Step))
        {
            keys.Add(i);
        }

        c.Reply.ArrayHeader(keys.Count);
        foreach (var i in keys)
        {
            c.Reply.Bulk(c.Span(2 + i));
        }
    }

    private static void CommandHelp(CommandContext c) => Helps.Write(c, "COMMAND",
        "(no subcommand)",
        "    Return details about all Redis commands.",
        "COUNT",
        "    Return the total number of commands in this Redis server.",
        "LIST",
        "    Return a list of all commands in this Redis server.",
        "INFO [<command-name> ...]",
        "    Return details about multiple Redis commands.",
        "    If no command names are given, documentation details for all",
        "    commands are returned.",
        "DOCS [<command-name> ...]",
        "    Return documentation details about multiple Redis commands.",
        "    If no command names are given, documentation details for all",
        "    commands are returned.",
        "GETKEYS <full-command>",
        "    Return the keys from a full Redis command.",
        "GETKEYSANDFLAGS <full-command>",
        "    Return the keys and the access flags from a full Redis command.");
}
