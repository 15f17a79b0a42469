using RedisLite.Client;
using RedisLite.Tests.Conformance;
using RedisLite.Tests.Infrastructure;

namespace RedisLite.Tests.Client;

/// <summary>Authentication against a real <c>redis-server --requirepass</c>, over RESP2 (<c>AUTH</c>) and RESP3 (<c>HELLO 3 AUTH</c>).</summary>
/// <param name="server">This class's password-protected server.</param>
public sealed class RemoteDataStoreAuthTests(PasswordRedisServerFixture server) : IClassFixture<PasswordRedisServerFixture>
{
    [RedisTheory]
    [InlineData(2, null)]
    [InlineData(3, null)]
    [InlineData(2, "default")]
    [InlineData(3, "default")]
    public void The_right_password_works(int protocol, string? user)
    {
        using var store = server.CreateStore(protocol, PasswordRedisServerFixture.Password, user);
        Bounded.Run(() =>
        {
            store.Connect();
            var key = $"auth:{protocol}:{user}";
            Assert.True(store.StringSet(key, "in"));
            RedisAssert.Value("in", store.StringGet(key));
            Assert.Equal(16, store.DatabaseCount);
            var seven = store.GetDatabase(7);
            Assert.True(seven.StringSet(key, "seven"));
            RedisAssert.Value("seven", seven.StringGet(key));
            RedisAssert.Value("in", store.StringGet(key));
        });
    }

    [RedisTheory]
    [InlineData(2)]
    [InlineData(3)]
    public void A_wrong_password_is_refused_with_WRONGPASS(int protocol)
    {
        using var store = server.CreateStore(protocol, "not-the-password");
        var error = Bounded.Throws<RedisException>(store.Connect);
        Assert.StartsWith("WRONGPASS", error.Message, StringComparison.Ordinal);

        // Every command tries again and is refused the same way; none gets through unauthenticated.
        var again = Bounded.Throws<RedisException>(() => store.StringGet("k"));
        Assert.StartsWith("WRONGPASS", again.Message, StringComparison.Ordinal);
    }

    [RedisTheory]
    [InlineData(2)]
    [InlineData(3)]
    public void Without_a_password_the_first_command_fails_with_NOAUTH(int protocol)
    {
        using var store = server.CreateStore(protocol, password: null);
        var error = Bounded.Capture(() => store.StringSet("k", "v"));
        var redisError = Assert.IsType<RedisException>(error);
        Assert.StartsWith("NOAUTH", redisError.Message, StringComparison.Ordinal);

        var again = Bounded.Capture(() => store.StringGet("k"));
        Assert.StartsWith("NOAUTH", Assert.IsType<RedisException>(again).Message, StringComparison.Ordinal);
    }
}
