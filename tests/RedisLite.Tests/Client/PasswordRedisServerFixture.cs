using RedisLite.Client;
using RedisLite.Tests.Conformance;

namespace RedisLite.Tests.Client;

/// <summary>
/// A private <c>redis-server</c> started with <c>--requirepass</c> <see cref="Password"/>, for the authentication
/// tests; otherwise exactly a <see cref="RedisServerFixture"/>. When it cannot start, <see cref="CreateStore"/> fails
/// with <see cref="RedisServerFixture.UnavailableReason"/>.
/// </summary>
public sealed class PasswordRedisServerFixture : RedisServerFixture
{
    /// <summary>The server's password.</summary>
    public const string Password = "secret";

    /// <summary>Starts the server (if it is installed).</summary>
    public PasswordRedisServerFixture()
        : base("--requirepass", Password)
    {
    }

    /// <summary>Creates (without connecting) a store for this server.</summary>
    /// <param name="protocol">2 or 3.</param>
    /// <param name="password">The password to send, or null for none.</param>
    /// <param name="user">The ACL user, or null for the default one.</param>
    /// <returns>The store; the caller disposes it.</returns>
    public RemoteDataStore CreateStore(int protocol, string? password, string? user = null)
    {
        if (!IsAvailable)
        {
            throw new InvalidOperationException("The password-protected Redis server is not available: " + UnavailableReason);
        }

        return new RemoteDataStore(new RemoteDataStoreOptions
        {
            Port = Port,
            Protocol = protocol,
            Password = password,
            User = user,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            CommandTimeout = TimeSpan.FromSeconds(10),
        });
    }
}
