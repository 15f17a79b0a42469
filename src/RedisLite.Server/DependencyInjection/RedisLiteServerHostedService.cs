using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace RedisLite.Server;

/// <summary>
/// Runs a <see cref="RedisLiteServer"/> over the container's store for the life of the host: started by
/// <see cref="StartAsync"/>, stopped (closing every connection) by <see cref="StopAsync"/>. Registered by
/// <c>AddRedisLite(...).AddServer(...)</c>; resolve it to read <see cref="Server"/> (its port, counters).
/// </summary>
/// <remarks>The store is not the service's: the container disposes it after the host has stopped the server.</remarks>
public sealed class RedisLiteServerHostedService : IHostedService, IAsyncDisposable, IDisposable
{
    private readonly DataStore _store;
    private readonly RedisLiteServerOptions _options;
    private RedisLiteServer? _server;

    /// <summary>Creates the service; nothing listens until <see cref="StartAsync"/>.</summary>
    /// <param name="store">The store to serve.</param>
    /// <param name="options">The server's settings.</param>
    /// <exception cref="ArgumentNullException"><paramref name="store"/> or <paramref name="options"/> is null.</exception>
    public RedisLiteServerHostedService(DataStore store, IOptions<RedisLiteServerOptions> options)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _options = options.Value;
    }

    /// <summary>Gets the running server, or null before <see cref="StartAsync"/> and after <see cref="StopAsync"/>.</summary>
    public RedisLiteServer? Server => Volatile.Read(ref _server);

    /// <summary>Binds and starts accepting clients.</summary>
    /// <param name="cancellationToken">Not used: starting does not wait.</param>
    /// <returns>A completed task.</returns>
    /// <exception cref="InvalidOperationException">Already started, or protected mode forbids the bind address
    /// without a password.</exception>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    /// <exception cref="System.Net.Sockets.SocketException">The address or port cannot be bound.</exception>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var server = new RedisLiteServer(_store, _options);
        if (Interlocked.CompareExchange(ref _server, server, null) is not null)
        {
            server.Dispose();
            throw new InvalidOperationException("The RedisLite server has already been started.");
        }

        try
        {
            server.Start();
        }
        catch
        {
            Volatile.Write(ref _server, null);
            server.Dispose();
            throw;
        }

        return Task.CompletedTask;
    }

    /// <summary>Stops accepting and closes every connection, waiting for them to end.</summary>
    /// <param name="cancellationToken">Stops waiting (the connections are closed anyway).</param>
    /// <returns>A task that completes once the server has stopped.</returns>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _server, null) is { } server)
        {
            await server.StopAsync(cancellationToken).ConfigureAwait(false);
            await server.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None).ConfigureAwait(false);

    /// <inheritdoc/>
    public void Dispose() => StopAsync(CancellationToken.None).GetAwaiter().GetResult();
}
