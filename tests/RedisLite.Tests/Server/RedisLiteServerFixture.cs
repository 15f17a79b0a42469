using RedisLite.Client;
using RedisLite.Server;

namespace RedisLite.Tests.Server;

/// <summary>
/// RedisLite's own RESP server for one test class: an in-process <see cref="DataStore"/> served on a free loopback
/// port, stopped on dispose. The conformance suites' third target: the same assertions through the wire.
/// </summary>
public class RedisLiteServerFixture : IDisposable
{
    /// <summary>Starts a store and a server with default options.</summary>
    public RedisLiteServerFixture()
        : this(new RedisLiteOptions(), new RedisLiteServerOptions())
    {
    }

    /// <summary>Starts a store with <paramref name="storeOptions"/> and a server with <paramref name="serverOptions"/>.</summary>
    /// <param name="storeOptions">The store's options.</param>
    /// <param name="serverOptions">The server's options.</param>
    protected RedisLiteServerFixture(RedisLiteOptions storeOptions, RedisLiteServerOptions serverOptions)
    {
        Store = new DataStore(storeOptions, TimeProvider.System);
        Server = RedisLiteServer.Start(Store, serverOptions);
    }

    /// <summary>Gets the served store.</summary>
    public DataStore Store { get; }

    /// <summary>Gets the server.</summary>
    public RedisLiteServer Server { get; }

    /// <summary>Gets the port the server listens on.</summary>
    public int Port => Server.Port;

    /// <summary>Connects a <see cref="RemoteDataStore"/> to the server.</summary>
    /// <param name="protocol">2 or 3.</param>
    /// <param name="password">The password to authenticate with, if any.</param>
    /// <returns>The connected client.</returns>
    public RemoteDataStore CreateStore(int protocol, string? password = null) =>
        Conformance.RedisServerFixture.Connect(Port, protocol, password);

    /// <inheritdoc/>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Stops the server and disposes the store.</summary>
    /// <param name="disposing">True from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Server.Dispose();
            Store.Dispose();
        }
    }
}
