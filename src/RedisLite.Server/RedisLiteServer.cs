using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using RedisLite.Server.Commands;

namespace RedisLite.Server;

/// <summary>
/// A Redis-protocol (RESP2/RESP3) server over a RedisLite <see cref="DataStore"/>: redis-cli, StackExchange.Redis,
/// redis-py or any other Redis client can connect and run Redis 7 commands against the store, answered as Redis
/// answers them.
/// </summary>
/// <remarks>
/// <para>Start it with <see cref="Start(DataStore, RedisLiteServerOptions?)"/> (or <see cref="Start()"/> on a new
/// instance), read <see cref="Port"/> when it listened on a free port, and stop it with <see cref="StopAsync"/> or by
/// disposing it (<c>await using</c> in a test fixture). In an application, <c>AddRedisLite(...).AddServer(...)</c> runs
/// it as a hosted service.</para>
/// <para>Each connection is served by its own asynchronous loop; commands run on the shared store, which is
/// thread-safe, so clients are served in parallel. The server does not own the store: disposing the server leaves the
/// store open.</para>
/// <para>Thread-safe: every public member may be called from any thread.</para>
/// </remarks>
public sealed class RedisLiteServer : IAsyncDisposable, IDisposable
{
    private readonly ConcurrentDictionary<long, ClientConnection> _clients = new();
    private readonly CancellationTokenSource _stopping = new();
    private Socket? _listener;
    private Task? _acceptLoop;
    private long _nextClientId;
    private long _totalConnections;
    private long _rejectedConnections;
    private long _totalCommands;
    private int _blockedClients;
    private int _state;

    /// <summary>Creates a server for <paramref name="store"/>; call <see cref="Start()"/> to listen.</summary>
    /// <param name="store">The store to serve (any database view of it; clients start on database 0).</param>
    /// <param name="options">The settings; null for the defaults (127.0.0.1, a free port, no password).</param>
    /// <exception cref="ArgumentNullException"><paramref name="store"/> is null.</exception>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public RedisLiteServer(DataStore store, RedisLiteServerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        options = (options ?? new RedisLiteServerOptions()).Clone();
        if (options.Validate() is { Count: > 0 } errors)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }

        Store = (DataStore)store.GetDatabase(0);
        Options = options;
    }

    /// <summary>Gets the store the server serves (its database 0 view).</summary>
    public DataStore Store { get; }

    /// <summary>Gets the address and port the server listens on, once started.</summary>
    /// <exception cref="InvalidOperationException">The server has not been started.</exception>
    public IPEndPoint EndPoint => (IPEndPoint?)_listener?.LocalEndPoint ?? throw new InvalidOperationException("The server has not been started.");

    /// <summary>Gets the port the server listens on, once started (the chosen one when <see cref="RedisLiteServerOptions.Port"/> is 0).</summary>
    /// <exception cref="InvalidOperationException">The server has not been started.</exception>
    public int Port => EndPoint.Port;

    /// <summary>Gets how many clients are connected now.</summary>
    public int ConnectedClients => _clients.Count;

    /// <summary>Gets how many connections were accepted since start (INFO's <c>total_connections_received</c>).</summary>
    public long TotalConnections => Interlocked.Read(ref _totalConnections);

    /// <summary>Gets how many connections were refused because of <see cref="RedisLiteServerOptions.MaxClients"/>.</summary>
    public long RejectedConnections => Interlocked.Read(ref _rejectedConnections);

    /// <summary>Gets how many requests the server has run or refused since start.</summary>
    public long TotalCommands
    {
        get
        {
            // Counted per connection (a shared counter would bounce between cores on every request) and folded in
            // here when a connection ends.
            var total = Interlocked.Read(ref _totalCommands);
            foreach (var client in _clients.Values)
            {
                total += client.CommandCount;
            }

            return total;
        }
    }

    /// <summary>Gets how many clients wait in a blocking command now.</summary>
    public int BlockedClients => Volatile.Read(ref _blockedClients);

    /// <summary>Gets when the server started.</summary>
    public DateTimeOffset StartTime { get; private set; }

    /// <summary>The Redis version the server answers as (HELLO, INFO <c>redis_version</c>): the one its replies are
    /// checked against.</summary>
    public const string RedisVersion = "7.0.15";

    internal RedisLiteServerOptions Options { get; }

    internal CommandTable Commands { get; } = CommandTable.Default;

    internal ICollection<ClientConnection> Clients => _clients.Values;

    /// <summary>Creates a server for <paramref name="store"/> and starts it.</summary>
    /// <param name="store">The store to serve.</param>
    /// <param name="options">The settings; null for the defaults (127.0.0.1, a free port, no password).</param>
    /// <returns>The listening server.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="store"/> is null.</exception>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    /// <exception cref="InvalidOperationException">Protected mode forbids the bind address without a password.</exception>
    /// <exception cref="SocketException">The address or port cannot be bound.</exception>
    public static RedisLiteServer Start(DataStore store, RedisLiteServerOptions? options = null)
    {
        var server = new RedisLiteServer(store, options);
        server.Start();
        return server;
    }

    /// <summary>Binds, listens and starts accepting clients.</summary>
    /// <exception cref="InvalidOperationException">Already started, or protected mode forbids the bind address
    /// without a password.</exception>
    /// <exception cref="SocketException">The address or port cannot be bound.</exception>
    public void Start()
    {
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0)
        {
            throw new InvalidOperationException("The server has already been started.");
        }

        var address = string.Equals(Options.BindAddress, "localhost", StringComparison.OrdinalIgnoreCase)
            ? IPAddress.Loopback
            : IPAddress.Parse(Options.BindAddress);
        if (Options.ProtectedMode && Options.Password is null && !IPAddress.IsLoopback(address))
        {
            _state = 0;
            throw new InvalidOperationException(
                $"Refusing to listen on {address} without a password: protected mode allows only loopback addresses then. " +
                "Set a Password, bind to 127.0.0.1, or turn ProtectedMode off (as Redis's protected-mode no).");
        }

        var listener = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(new IPEndPoint(address, Options.Port));
            listener.Listen(511);
        }
        catch
        {
            listener.Dispose();
            _state = 0;
            throw;
        }

        _listener = listener;
        StartTime = DateTimeOffset.UtcNow;
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>Stops accepting, closes every connection (releasing blocked clients) and waits for them to end.</summary>
    /// <param name="cancellationToken">Stops waiting for connections to end (they are closed anyway).</param>
    /// <returns>A task that completes once every connection has ended.</returns>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _state, 2) != 1)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener?.Dispose();
        if (_acceptLoop is not null)
        {
            await _acceptLoop.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        var loops = new List<Task>();
        foreach (var client in _clients.Values)
        {
            client.Kill();
            if (client.Loop is { } loop)
            {
                loops.Add(loop);
            }
        }

        await Task.WhenAll(loops).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    /// <inheritdoc/>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    internal void CountBlocked(int delta) => Interlocked.Add(ref _blockedClients, delta);

    internal void Remove(ClientConnection client)
    {
        if (_clients.TryRemove(client.Id, out _))
        {
            Interlocked.Add(ref _totalCommands, client.CommandCount);
        }
    }

    /// <summary>Finds a connected client by id, or null.</summary>
    internal ClientConnection? FindClient(long id) => _clients.GetValueOrDefault(id);

    private async Task AcceptLoopAsync()
    {
        var token = _stopping.Token;
        while (!token.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener!.AcceptAsync(token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException) when (!token.IsCancellationRequested)
            {
                // A connection that failed while being accepted (reset by the peer): keep accepting.
                continue;
            }
            catch (SocketException)
            {
                return;
            }

            Interlocked.Increment(ref _totalConnections);
            if (_clients.Count >= Options.MaxClients)
            {
                Interlocked.Increment(ref _rejectedConnections);
                _ = RefuseAsync(socket);
                continue;
            }

            socket.NoDelay = true;
            var client = new ClientConnection(this, socket, Interlocked.Increment(ref _nextClientId));
            _clients[client.Id] = client;
            if (token.IsCancellationRequested)
            {
                // Stopped between accepting and registering: StopAsync may have missed this one.
                client.Kill();
            }

            client.Loop = Task.Run(client.RunAsync);
        }
    }

    private static async Task RefuseAsync(Socket socket)
    {
        try
        {
            await socket.SendAsync("-ERR max number of clients reached\r\n"u8.ToArray(), SocketFlags.None).ConfigureAwait(false);
        }
        catch (SocketException)
        {
        }
        finally
        {
            socket.Dispose();
        }
    }
}
