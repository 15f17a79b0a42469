using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace RedisLite.Server.Commands;

// CLIENT ID / GETNAME / SETNAME / LIST / INFO / KILL / SETINFO / NO-EVICT / REPLY / HELP.
internal static partial class ServerCommands
{
    /// <summary>What CLIENT NO-EVICT set per connection (nothing evicts clients here; CLIENT LIST shows the flag).</summary>
    private static readonly ConditionalWeakTable<ClientConnection, object> NoEvict = new();

    private static void RegisterClient(CommandTable table)
    {
        const CommandFlags session = CommandFlags.NoScript | CommandFlags.Loading | CommandFlags.Stale;
        const CommandFlags admin = CommandFlags.Admin | session;
        table.AddContainer("client", "connection", "2.4.0", "A container for client connection commands.",
            CommandTable.Sub("id", 2, session, c => c.Reply.Integer(c.Client.Id), "Returns the unique client ID of the connection."),
            CommandTable.Sub("getname", 2, session, ClientGetName, "Returns the name of the connection."),
            CommandTable.Sub("setname", 3, session, ClientSetName, "Sets the connection name."),
            CommandTable.Sub("list", -2, admin, ClientList, "Lists open connections."),
            CommandTable.Sub("info", 2, session, c => c.Reply.Verbatim(Describe(c.Client) + "\n"), "Returns information about the connection."),
            CommandTable.Sub("kill", -3, admin, ClientKill, "Terminates open connections."),
            CommandTable.Sub("setinfo", 4, session, ClientSetInfo, "Sets information specific to the client or connection."),
            CommandTable.Sub("no-evict", 3, admin, ClientNoEvict, "Sets the client eviction mode of the connection."),
            CommandTable.Sub("reply", 3, session, ClientReply, "Instructs the server whether to reply to commands."),
            CommandTable.Sub("help", 2, CommandFlags.Loading | CommandFlags.Stale, ClientHelp, "Returns helpful text about the different subcommands."));
    }

    private static void ClientGetName(CommandContext c)
    {
        if (c.Client.Name is { } name)
        {
            c.Reply.Bulk(name);
        }
        else
        {
            c.Reply.Null();
        }
    }

    private static void ClientSetName(CommandContext c)
    {
        var name = c.Text(2);
        ServerCommandsSupport.CheckClientName(name);
        c.Client.Name = name.Length == 0 ? null : name;
        c.Reply.Ok();
    }

    private static void ClientSetInfo(CommandContext c)
    {
        // Redis 7.2's CLIENT SETINFO (clients such as StackExchange.Redis send it on connect).
        var value = c.Text(3);
        var libName = c.Is(2, "LIB-NAME"u8);
        if (!libName && !c.Is(2, "LIB-VER"u8))
        {
            throw new RedisException($"ERR Unrecognized option '{c.Text(2)}'");
        }

        foreach (var ch in value)
        {
            if (ch is < '!' or > '~')
            {
                throw new RedisException($"ERR {(libName ? "lib-name" : "lib-ver")} cannot contain spaces, newlines or special characters.");
            }
        }

        if (libName)
        {
            c.Client.LibraryName = value.Length == 0 ? null : value;
        }
        else
        {
            c.Client.LibraryVersion = value.Length == 0 ? null : value;
        }

        c.Reply.Ok();
    }

    private static void ClientNoEvict(CommandContext c)
    {
        if (c.Is(2, "ON"u8))
        {
            NoEvict.AddOrUpdate(c.Client, true);
        }
        else if (c.Is(2, "OFF"u8))
        {
            NoEvict.Remove(c.Client);
        }
        else
        {
            throw CommandContext.SyntaxError();
        }

        c.Reply.Ok();
    }

    private static void ClientReply(CommandContext c)
    {
        if (c.Is(2, "ON"u8))
        {
            c.Reply.Ok();
            return;
        }

        if (c.Is(2, "OFF"u8) || c.Is(2, "SKIP"u8))
        {
            throw new RedisException("ERR CLIENT REPLY OFF and SKIP are not supported by RedisLite: every command is answered");
        }

        throw CommandContext.SyntaxError();
    }

    private static void ClientList(CommandContext c)
    {
        IEnumerable<ClientConnection> clients = c.Server.Clients;
        if (c.Count > 2)
        {
            if (c.Is(2, "TYPE"u8) && c.Count == 4)
            {
                var type = c.Text(3).ToLowerInvariant();
                clients = type switch
                {
                    "normal" => clients.Where(static x => !IsPubSub(x)),
                    "pubsub" => clients.Where(IsPubSub),
                    "master" or "replica" or "slave" => [],
                    _ => throw new RedisException($"ERR Unknown client type '{c.Text(3)}'"),
                };
            }
            else if (c.Is(2, "ID"u8) && c.Count > 3)
            {
                var ids = new HashSet<long>();
                for (var i = 3; i < c.Count; i++)
                {
                    if (!Internal.NumberParsing.TryParseInt64(c.Span(i), out var id) || id <= 0)
                    {
                        throw new RedisException("ERR Invalid client ID");
                    }

                    ids.Add(id);
                }

                clients = clients.Where(x => ids.Contains(x.Id));
            }
            else
            {
                throw CommandContext.SyntaxError();
            }
        }

        var text = new StringBuilder();
        foreach (var client in clients.OrderBy(static x => x.Id))
        {
            text.Append(Describe(client)).Append('\n');
        }

        c.Reply.Verbatim(text.ToString());
    }

    /// <summary>One client's CLIENT LIST line (without the newline), fields as Redis 7.0 writes them (and 7.2's
    /// lib-name / lib-ver at the end).</summary>
    internal static string Describe(ClientConnection client)
    {
        var now = DateTimeOffset.UtcNow;
        var flags = new StringBuilder();
        if (IsPubSub(client))
        {
            flags.Append('P');
        }

        if (client.InMulti)
        {
            flags.Append('x');
        }

        if (client.IsBlocked)
        {
            flags.Append('b');
        }

        if (NoEvict.TryGetValue(client, out _))
        {
            flags.Append('e');
        }

        if (flags.Length == 0)
        {
            flags.Append('N');
        }

        var qbuf = client.QueryBufferLength;
        return string.Create(CultureInfo.InvariantCulture,
            $"id={client.Id} addr={client.RemoteAddress} laddr={client.LocalAddress} fd=-1 name={client.Name} " +
            $"age={(long)(now - client.Created).TotalSeconds} idle={(long)(now - client.LastInteraction).TotalSeconds} flags={flags} " +
            $"db={client.DatabaseIndex} sub={client.ChannelCount} psub={client.PatternCount} ssub={client.ShardChannelCount} " +
            $"multi={client.QueuedCount} qbuf={qbuf} qbuf-free={client.QueryBufferSize - qbuf} argv-mem=0 multi-mem=0 " +
            $"rbs=0 rbp=0 obl=0 oll=0 omem=0 tot-mem={client.QueryBufferSize} events=r cmd={client.LastCommand} " +
            $"user={client.User} redir=-1 resp={client.Protocol} lib-name={client.LibraryName} lib-ver={client.LibraryVersion}");
    }

    private static void ClientKill(CommandContext c)
    {
        var server = c.Server;
        if (c.Count == 3)
        {
            // The old form: CLIENT KILL ip:port, which may kill the caller too.
            var address = c.Text(2);
            var target = server.Clients.FirstOrDefault(x => x.RemoteAddress == address)
                ?? throw new RedisException("ERR No such client");
            c.Reply.Ok();
            Kill(c, target);
            return;
        }

        long? id = null;
        string? addr = null, laddr = null, user = null, type = null;
        var skipMe = true;
        for (var i = 2; i < c.Count; i += 2)
        {
            if (i + 1 >= c.Count)
            {
                throw CommandContext.SyntaxError();
            }

            if (c.Is(i, "ID"u8))
            {
                if (!Internal.NumberParsing.TryParseInt64(c.Span(i + 1), out var value) || value <= 0)
                {
                    throw new RedisException("ERR client-id should be greater than 0");
                }

                id = value;
            }
            else if (c.Is(i, "ADDR"u8))
            {
                addr = c.Text(i + 1);
            }
            else if (c.Is(i, "LADDR"u8))
            {
                laddr = c.Text(i + 1);
            }
            else if (c.Is(i, "USER"u8))
            {
                user = c.Text(i + 1);
                if (user != "default")
                {
                    throw new RedisException($"ERR No such user '{user}'");
                }
            }
            else if (c.Is(i, "TYPE"u8))
            {
                type = c.Text(i + 1).ToLowerInvariant();
                if (type is not ("normal" or "pubsub" or "master" or "replica" or "slave"))
                {
                    throw new RedisException($"ERR Unknown client type '{c.Text(i + 1)}'");
                }
            }
            else if (c.Is(i, "SKIPME"u8))
            {
                if (!c.Is(i + 1, "YES"u8) && !c.Is(i + 1, "NO"u8))
                {
                    throw CommandContext.SyntaxError();
                }

                skipMe = c.Is(i + 1, "YES"u8);
            }
            else
            {
                throw CommandContext.SyntaxError();
            }
        }

        var victims = server.Clients.Where(x =>
            (id is null || x.Id == id)
            && (addr is null || x.RemoteAddress == addr)
            && (laddr is null || x.LocalAddress == laddr)
            && (user is null || x.User == user)
            && (type is null || type switch { "normal" => !IsPubSub(x), "pubsub" => IsPubSub(x), _ => false })
            && !(skipMe && x == c.Client)).ToList();
        c.Reply.Integer(victims.Count);
        foreach (var victim in victims)
        {
            Kill(c, victim);
        }
    }

    private static bool IsPubSub(ClientConnection client) => client.SubscriptionCount + client.ShardChannelCount > 0;

    /// <summary>Kills a client; the caller itself is closed once its reply is sent, as Redis's CLOSE_AFTER_REPLY.</summary>
    private static void Kill(CommandContext c, ClientConnection target)
    {
        if (target == c.Client)
        {
            c.Client.CloseAfterReply();
        }
        else
        {
            target.Kill();
        }
    }

    private static void ClientHelp(CommandContext c) => Helps.Write(c, "CLIENT",
        "CACHING (YES|NO)",
        "    Enable/disable tracking of the keys for next command in OPTIN/OPTOUT modes.",
        "GETREDIR",
        "    Return the client ID we are redirecting to when tracking is enabled.",
        "GETNAME",
        "    Return the name of the current connection.",
        "ID",
        "    Return the ID of the current connection.",
        "INFO",
        "    Return information about the current client connection.",
        "KILL <ip:port>",
        "    Kill connection made from <ip:port>.",
        "KILL <option> <value> [<option> <value> [...]]",
        "    Kill connections. Options are:",
        "    * ADDR (<ip:port>|<unixsocket>:0)",
        "      Kill connections made from the specified address",
        "    * LADDR (<ip:port>|<unixsocket>:0)",
        "      Kill connections made to specified local address",
        "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
        "      Kill connections by type.",
        "    * USER <username>",
        "      Kill connections authenticated by <username>.",
        "    * SKIPME (YES|NO)",
        "      Skip killing current connection (default: yes).",
        "LIST [options ...]",
        "    Return information about client connections. Options:",
        "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
        "      Return clients of specified type.",
        "UNPAUSE",
        "    Stop the current client pause, resuming traffic.",
        "PAUSE <timeout> [WRITE|ALL]",
        "    Suspend all, or just write, clients for <timeout> milliseconds.",
        "REPLY (ON|OFF|SKIP)",
        "    Control the replies sent to the current connection.",
        "SETNAME <name>",
        "    Assign the name <name> to the current connection.",
        "UNBLOCK <clientid> [TIMEOUT|ERROR]",
        "    Unblock the specified blocked client.",
        "TRACKING (ON|OFF) [REDIRECT <id>] [BCAST] [PREFIX <prefix> [...]]",
        "         [OPTIN] [OPTOUT] [NOLOOP]",
        "    Control server assisted client side caching.",
        "TRACKINGINFO",
        "    Report tracking status for the current connection.",
        "NO-EVICT (ON|OFF)",
        "    Protect current client connection from eviction.");
}
