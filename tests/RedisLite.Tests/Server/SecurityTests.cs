using RedisLite.Server;
using RedisLite.Server.Commands;

namespace RedisLite.Tests.Server;

/// <summary>A served store with a password (Redis's <c>requirepass</c>).</summary>
public sealed class PasswordServerFixture : RedisLiteServerFixture
{
    /// <summary>The password.</summary>
    public const string Password = "s3cret-pass";

    /// <summary>Starts the store and the server.</summary>
    public PasswordServerFixture()
        : base(new RedisLiteOptions(), new RedisLiteServerOptions { Password = Password })
    {
    }
}

/// <summary>Authentication and protected mode on RedisLite's server, as Redis's <c>requirepass</c> and
/// <c>protected-mode</c> behave.</summary>
/// <param name="server">A server with a password.</param>
public sealed class SecurityTests(PasswordServerFixture server) : IClassFixture<PasswordServerFixture>
{
    private const string NoAuth = "-NOAUTH Authentication required.\r\n";
    private const string WrongPass = "-WRONGPASS invalid username-password pair or user is disabled.\r\n";

    /// <summary>Every command but AUTH, HELLO, QUIT and RESET is refused before authentication (after the unknown
    /// command and arity checks, as Redis orders them).</summary>
    [Fact]
    public void Every_command_but_the_handshake_needs_authentication()
    {
        using var wire = new RawWire(server.Port);
        var refused = 0;
        foreach (var command in CommandTable.Default.All)
        {
            if (command.Has(CommandFlags.NoAuth))
            {
                Assert.Contains(command.Name, new[] { "auth", "hello", "quit", "reset" });
                continue;
            }

            var args = new List<string> { command.Name };
            var definition = command;
            if (command.Subcommands is { Count: > 0 } subcommands)
            {
                definition = subcommands.Values.First();
                args.Add(definition.Name[(definition.Name.IndexOf('|', StringComparison.Ordinal) + 1)..]);
            }

            while (args.Count < Math.Abs(definition.Arity))
            {
                args.Add("x");
            }

            Assert.True(NoAuth == wire.Call([.. args]), $"{string.Join(' ', args)} ran without authentication");
            refused++;
        }

        Assert.True(refused > 20, "the command table looks empty");
        Assert.Equal("-ERR unknown command 'nosuch', with args beginning with: \r\n", wire.Call("nosuch"));
        Assert.Equal("-ERR wrong number of arguments for 'echo' command\r\n", wire.Call("ECHO"));
    }

    [Fact]
    public void A_wrong_password_is_wrongpass_and_the_right_one_lets_commands_run()
    {
        using var wire = new RawWire(server.Port);
        Assert.Equal(WrongPass, wire.Call("AUTH", "wrong"));
        Assert.Equal(WrongPass, wire.Call("AUTH", "default", "wrong"));
        Assert.Equal(WrongPass, wire.Call("AUTH", "someone", PasswordServerFixture.Password));
        Assert.Equal(NoAuth, wire.Call("PING"));

        Assert.Equal("+OK\r\n", wire.Call("AUTH", PasswordServerFixture.Password));
        Assert.Equal("+PONG\r\n", wire.Call("PING"));
        Assert.Equal(":0\r\n", wire.Call("DBSIZE"));
        Assert.Equal("+OK\r\n", wire.Call("AUTH", "default", PasswordServerFixture.Password));

        // A failed AUTH later does not take the authentication away (as in Redis).
        Assert.Equal(WrongPass, wire.Call("AUTH", "wrong"));
        Assert.Equal("+PONG\r\n", wire.Call("PING"));
    }

    [Fact]
    public void Hello_authenticates_with_auth_default_password()
    {
        using var wire = new RawWire(server.Port);
        Assert.StartsWith("-NOAUTH HELLO must be called with the client already authenticated", wire.Call("HELLO", "3"), StringComparison.Ordinal);
        Assert.Equal(WrongPass, wire.Call("HELLO", "3", "AUTH", "default", "wrong"));
        Assert.Equal(NoAuth, wire.Call("PING"));

        Assert.StartsWith("%7\r\n$6\r\nserver\r\n$5\r\nredis\r\n", wire.Call("HELLO", "3", "AUTH", "default", PasswordServerFixture.Password), StringComparison.Ordinal);
        Assert.Equal("+PONG\r\n", wire.Call("PING"));
        Assert.Equal("_\r\n", wire.Call("CLIENT", "GETNAME"));
    }

    [Fact]
    public void Reset_takes_the_authentication_away()
    {
        using var wire = new RawWire(server.Port);
        Assert.Equal("+OK\r\n", wire.Call("AUTH", PasswordServerFixture.Password));
        Assert.Equal("+PONG\r\n", wire.Call("PING"));
        Assert.Equal("+RESET\r\n", wire.Call("RESET"));
        Assert.Equal(NoAuth, wire.Call("PING"));
        Assert.Equal("+OK\r\n", wire.Call("QUIT"));
        Assert.True(wire.IsClosedByServer());
    }

    [Fact]
    public void Protected_mode_refuses_a_public_bind_without_a_password()
    {
        using var store = new DataStore();
        var refused = Assert.Throws<InvalidOperationException>(() =>
            RedisLiteServer.Start(store, new RedisLiteServerOptions { BindAddress = "0.0.0.0" }));
        Assert.Contains("protected mode", refused.Message, StringComparison.Ordinal);

        using (var withPassword = RedisLiteServer.Start(store, new RedisLiteServerOptions { BindAddress = "0.0.0.0", Password = "pw" }))
        {
            using var wire = new RawWire(withPassword.Port);
            Assert.Equal(NoAuth, wire.Call("PING"));
        }

        using (var unprotected = RedisLiteServer.Start(store, new RedisLiteServerOptions { BindAddress = "0.0.0.0", ProtectedMode = false }))
        {
            using var wire = new RawWire(unprotected.Port);
            Assert.Equal("+PONG\r\n", wire.Call("PING"));
        }

        // Loopback never needs a password.
        using var loopback = RedisLiteServer.Start(store, new RedisLiteServerOptions { BindAddress = "localhost" });
        Assert.Equal("127.0.0.1", loopback.EndPoint.Address.ToString());
    }
}
