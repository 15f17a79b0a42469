using System.Text;
using RedisLite.Server;
using RedisLite.Tests.Conformance;

namespace RedisLite.Tests.Server;

/// <summary>redis-server and RedisLite's server, both with a password.</summary>
public sealed class PasswordServersFixture : IDisposable
{
    /// <summary>The password both require.</summary>
    public const string Password = "s3cret";

    /// <summary>Starts both.</summary>
    public PasswordServersFixture()
    {
        Redis = new PasswordRedis();
        Store = new DataStore();
        Lite = RedisLiteServer.Start(Store, new RedisLiteServerOptions { Password = Password });
    }

    /// <summary>Gets the real server.</summary>
    public RedisServerFixture Redis { get; }

    /// <summary>Gets RedisLite's server.</summary>
    public RedisLiteServer Lite { get; }

    /// <summary>Gets RedisLite's store.</summary>
    public DataStore Store { get; }

    /// <inheritdoc/>
    public void Dispose()
    {
        Lite.Dispose();
        Store.Dispose();
        Redis.Dispose();
    }

    private sealed class PasswordRedis() : RedisServerFixture("--requirepass", Password);
}

/// <summary>Before AUTH, Redis takes at most 10 arguments of at most 16 KB: more is a protocol error that closes the
/// connection, with its own texts. After AUTH the normal limits apply.</summary>
/// <param name="servers">Both servers.</param>
public sealed class UnauthenticatedLimitTests(PasswordServersFixture servers) : IClassFixture<PasswordServersFixture>
{
    /// <summary>Eleven arguments before AUTH.</summary>
    [RedisFact]
    public void More_than_ten_arguments_before_auth_is_refused_as_redis_does() =>
        AssertSameThenClosed(Encoding.ASCII.GetBytes("*11\r\n"));

    /// <summary>A bulk of 16 KB + 1 before AUTH.</summary>
    [RedisFact]
    public void A_bulk_over_16_KB_before_auth_is_refused_as_redis_does() =>
        AssertSameThenClosed(Encoding.ASCII.GetBytes("*2\r\n$4\r\nECHO\r\n$16385\r\n"));

    /// <summary>Within the limits, an unauthenticated command gets NOAUTH and the connection stays; after AUTH, large
    /// requests are fine.</summary>
    [RedisFact]
    public void Within_the_limits_noauth_then_auth_lifts_them()
    {
        foreach (var port in new[] { servers.Redis.Port, servers.Lite.Port })
        {
            using var wire = new RawWire(port);
            Assert.Equal("-NOAUTH Authentication required.\r\n", wire.Call("ECHO", new string('x', 16384)));
            Assert.Equal("+OK\r\n", wire.Call("AUTH", PasswordServersFixture.Password));
            var big = new string('y', 100_000);
            Assert.Equal($"${big.Length}\r\n{big}\r\n", wire.Call("ECHO", big));
            Assert.Equal(":0\r\n", wire.Call(["DEL", .. Enumerable.Range(0, 20).Select(i => "k" + i)]));
        }
    }

    private void AssertSameThenClosed(byte[] request)
    {
        var replies = new List<string>();
        foreach (var port in new[] { servers.Redis.Port, servers.Lite.Port })
        {
            using var wire = new RawWire(port);
            wire.SendRaw(request);
            replies.Add(wire.ReadReply());
            Assert.True(wire.IsClosedByServer());
        }

        Assert.Equal(replies[0], replies[1]);
        Assert.StartsWith("-ERR Protocol error: unauthenticated", replies[1], StringComparison.Ordinal);
    }
}
