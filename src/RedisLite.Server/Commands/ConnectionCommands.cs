using System.Security.Cryptography;
using System.Text;

namespace RedisLite.Server.Commands;

/// <summary>The connection commands: PING, ECHO, SELECT, QUIT, RESET, AUTH and HELLO.</summary>
internal static class ConnectionCommands
{
    private const string WrongPass = "WRONGPASS invalid username-password pair or user is disabled.";

    /// <summary>Adds this family's commands to <paramref name="table"/>.</summary>
    public static void Register(CommandTable table)
    {
        const string group = "connection";
        table.Add("ping", -1, CommandFlags.Fast | CommandFlags.AllowedWhenSubscribed, 0, 0, 0, Ping, group, "1.0.0", "Returns the server's liveliness response.");
        table.Add("echo", 2, CommandFlags.Fast, 0, 0, 0, c => c.Reply.Bulk(c.Span(1)), group, "1.0.0", "Returns the given string.");
        table.Add("select", 2, CommandFlags.Fast | CommandFlags.Loading | CommandFlags.Stale, 0, 0, 0, Select, group, "1.0.0", "Changes the selected database.");
        table.Add("quit", -1, CommandFlags.Fast | CommandFlags.NoAuth | CommandFlags.AllowedWhenSubscribed | CommandFlags.NotQueued | CommandFlags.Loading | CommandFlags.Stale, 0, 0, 0, Quit, group, "1.0.0", "Closes the connection.");
        table.Add("reset", 1, CommandFlags.Fast | CommandFlags.NoAuth | CommandFlags.AllowedWhenSubscribed | CommandFlags.NotQueued | CommandFlags.Loading | CommandFlags.Stale, 0, 0, 0, c => c.Client.Reset(), group, "6.2.0", "Resets the connection.");
        table.Add("auth", -2, CommandFlags.Fast | CommandFlags.NoAuth | CommandFlags.Loading | CommandFlags.Stale, 0, 0, 0, Auth, group, "1.0.0", "Authenticates the connection.");
        table.Add("hello", -1, CommandFlags.Fast | CommandFlags.NoAuth | CommandFlags.Loading | CommandFlags.Stale, 0, 0, 0, Hello, group, "6.0.0", "Handshakes with the Redis server.");
    }

    private static void Ping(CommandContext c)
    {
        if (c.Count > 2)
        {
            throw new RedisException(ErrorMessages.WrongArgumentCount("ping"));
        }

        // A RESP2 client in the subscribed state gets PING's answer as a pub/sub-shaped array.
        if (c.Client.IsSubscribedResp2)
        {
            c.Reply.ArrayHeader(2);
            c.Reply.Bulk("pong"u8);
            c.Reply.Bulk(c.Count == 2 ? c.Span(1) : []);
            return;
        }

        if (c.Count == 2)
        {
            c.Reply.Bulk(c.Span(1));
        }
        else
        {
            c.Reply.Pong();
        }
    }

    private static void Select(CommandContext c)
    {
        // Redis parses the index as a 32-bit integer: anything else is "not an integer".
        var index = c.Long(1, int.MinValue, int.MaxValue);
        c.Client.Select((int)index);
        c.Reply.Ok();
    }

    private static void Quit(CommandContext c)
    {
        c.Reply.Ok();
        c.Client.CloseAfterReply();
    }

    private static void Auth(CommandContext c)
    {
        if (c.Count > 3)
        {
            throw CommandContext.SyntaxError();
        }

        var password = c.Server.Options.Password;
        if (c.Count == 2 && password is null)
        {
            throw new RedisException("ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?");
        }

        var user = c.Count == 3 ? c.Text(1) : "default";
        Authenticate(c, user, c.Span(c.Count - 1));
        c.Reply.Ok();
    }

    /// <summary>Checks a user and password as Redis's default user does; WRONGPASS otherwise.</summary>
    private static void Authenticate(CommandContext c, string user, ReadOnlySpan<byte> given)
    {
        var password = c.Server.Options.Password;

        // Without requirepass the default user is "nopass": any password is accepted for it.
        var ok = user == "default"
                 && (password is null || CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(password), given));
        if (!ok)
        {
            throw new RedisException(WrongPass);
        }

        c.Client.Authenticated = true;
        c.Client.User = user;
    }

    private static void Hello(CommandContext c)
    {
        var protocol = c.Client.Protocol;
        var next = 1;
        if (c.Count >= 2)
        {
            if (!Internal.NumberParsing.TryParseInt64(c.Span(1), out var version))
            {
                throw new RedisException("ERR Protocol version is not an integer or out of range");
            }

            if (version is < 2 or > 3)
            {
                throw new RedisException("NOPROTO unsupported protocol version");
            }

            protocol = (int)version;
            next = 2;
        }

        string? name = null;
        var authenticated = false;
        for (var i = next; i < c.Count; i++)
        {
            var more = c.Count - i - 1;
            if (c.Is(i, "AUTH"u8) && more >= 2)
            {
                Authenticate(c, c.Text(i + 1), c.Span(i + 2));
                authenticated = true;
                i += 2;
            }
            else if (c.Is(i, "SETNAME"u8) && more >= 1)
            {
                name = c.Text(i + 1);
                ServerCommandsSupport.CheckClientName(name);
                i += 1;
            }
            else
            {
                throw new RedisException($"ERR Syntax error in HELLO option '{c.Text(i)}'");
            }
        }

        if (!authenticated && !c.Client.Authenticated)
        {
            throw new RedisException("NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO <proto> AUTH <user> <pass> option can be used to authenticate the client and select the RESP protocol version at the same time");
        }

        if (name is not null)
        {
            c.Client.Name = name.Length == 0 ? null : name;
        }

        c.Client.Protocol = protocol;
        var reply = c.Reply;
        reply.MapHeader(7);
        reply.Bulk("server"u8);
        reply.Bulk("redis"u8);
        reply.Bulk("version"u8);
        reply.Bulk(RedisLiteServer.RedisVersion);
        reply.Bulk("proto"u8);
        reply.Integer(protocol);
        reply.Bulk("id"u8);
        reply.Integer(c.Client.Id);
        reply.Bulk("mode"u8);
        reply.Bulk("standalone"u8);
        reply.Bulk("role"u8);
        reply.Bulk("master"u8);
        reply.Bulk("modules"u8);
        reply.ArrayHeader(0);
    }
}

/// <summary>Checks shared by connection and CLIENT commands.</summary>
internal static class ServerCommandsSupport
{
    /// <summary>Redis refuses client names with spaces, newlines or other characters outside '!'..'~'.</summary>
    /// <exception cref="RedisException">The name has such a character.</exception>
    public static void CheckClientName(string name)
    {
        foreach (var ch in name)
        {
            if (ch is < '!' or > '~')
            {
                throw new RedisException("ERR Client names cannot contain spaces, newlines or special characters.");
            }
        }
    }
}
