using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using RedisLite.Resp;

namespace RedisLite.Tests.Client;

/// <summary>One command a <see cref="FakeRedisServer"/> received.</summary>
/// <param name="Connection">The connection's number, from 0 in the order they were accepted.</param>
/// <param name="Arguments">The command name and arguments, decoded as UTF-8.</param>
internal sealed record FakeCommand(int Connection, IReadOnlyList<string> Arguments)
{
    /// <summary>Gets the command name in upper case.</summary>
    public string Name => Arguments[0].ToUpperInvariant();

    /// <summary>Gets the command as one line, for assertions and messages.</summary>
    public string Line => string.Join(' ', Arguments);
}

/// <summary>What a <see cref="FakeRedisServer"/> does with a command.</summary>
/// <param name="Bytes">The raw reply to send, or null to send nothing.</param>
/// <param name="Then">What the connection does afterwards.</param>
internal sealed record FakeReply(byte[]? Bytes, FakeAfter Then = FakeAfter.Continue)
{
    /// <summary>Never answer this command, but keep reading the connection.</summary>
    public static FakeReply Silence { get; } = new((byte[]?)null);

    /// <summary>Close the connection without answering.</summary>
    public static FakeReply Close { get; } = new((byte[]?)null, FakeAfter.Close);

    /// <summary>Send <paramref name="resp"/> verbatim.</summary>
    public static FakeReply Raw(string resp, FakeAfter then = FakeAfter.Continue) => new(Encoding.UTF8.GetBytes(resp), then);

    /// <summary>The reply Redis gives to <c>CONFIG GET databases</c> (RESP2 form).</summary>
    public static FakeReply Databases(int count) =>
        Raw($"*2\r\n$9\r\ndatabases\r\n${count.ToString(System.Globalization.CultureInfo.InvariantCulture).Length}\r\n{count}\r\n");
}

/// <summary>What a fake connection does after answering.</summary>
internal enum FakeAfter
{
    /// <summary>Read the next command.</summary>
    Continue,

    /// <summary>Stop reading (the client's writes back up) but keep the connection open until the server is disposed.</summary>
    StopReading,

    /// <summary>Close the connection.</summary>
    Close,
}

/// <summary>
/// A scripted RESP server on 127.0.0.1 for testing the client's own behaviour (timeouts, errors, SELECT handling,
/// RESP3 push messages) without a real Redis. A handler decides each reply. It runs on dedicated threads (not the thread
/// pool, which other test classes may keep busy) with blocking I/O; every blocking call is bounded by
/// <see cref="Lifetime"/>, and dispose closes the listener and every connection, so a test can never leave it running.
/// </summary>
internal sealed class FakeRedisServer : IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(20);

    private readonly Func<FakeCommand, FakeReply> _handler;
    private readonly TcpListener _listener;
    private readonly ManualResetEventSlim _stopped = new();
    private readonly ConcurrentQueue<FakeCommand> _commands = new();
    private readonly ConcurrentQueue<(Socket Socket, Thread Thread)> _connections = new();
    private readonly SemaphoreSlim _closedByClient = new(0);
    private readonly Thread _acceptThread;
    private int _accepted;

    /// <summary>Starts listening on a free loopback port.</summary>
    /// <param name="handler">Decides what to do with each command.</param>
    public FakeRedisServer(Func<FakeCommand, FakeReply> handler)
    {
        _handler = handler;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptThread = new Thread(AcceptLoop) { IsBackground = true, Name = "FakeRedisServer accept" };
        _acceptThread.Start();
    }

    /// <summary>A server that answers the handshake (<c>CONFIG GET databases</c> with 16) and hands every other command to <paramref name="other"/>.</summary>
    public static FakeRedisServer WithHandshake(Func<FakeCommand, FakeReply> other) =>
        new(command => command.Name == "CONFIG" ? FakeReply.Databases(16) : other(command));

    /// <summary>Gets the port clients connect to.</summary>
    public int Port { get; }

    /// <summary>Gets how many connections were accepted.</summary>
    public int ConnectionsAccepted => Volatile.Read(ref _accepted);

    /// <summary>Gets every command received so far, in arrival order (across connections).</summary>
    public IReadOnlyList<FakeCommand> Commands => [.. _commands];

    /// <summary>Options for a client of this server.</summary>
    public RedisLite.Client.RemoteDataStoreOptions Options(int commandTimeoutMs = 2000, int protocol = 2) => new()
    {
        Host = "127.0.0.1",
        Port = Port,
        Protocol = protocol,
        ConnectTimeout = TimeSpan.FromSeconds(10),
        CommandTimeout = TimeSpan.FromMilliseconds(commandTimeoutMs),
    };

    /// <summary>Waits until the client closes (or resets) one more connection; false if none did within <paramref name="timeout"/>.</summary>
    public bool WaitForClientClose(TimeSpan timeout) => _closedByClient.Wait(timeout);

    public void Dispose()
    {
        _stopped.Set();
        _listener.Stop();
        foreach (var (socket, _) in _connections)
        {
            socket.Dispose();
        }

        _acceptThread.Join(TimeSpan.FromSeconds(5));
        foreach (var (_, thread) in _connections)
        {
            thread.Join(TimeSpan.FromSeconds(5));
        }

        _stopped.Dispose();
        _closedByClient.Dispose();
    }

    private void AcceptLoop()
    {
        try
        {
            while (!_stopped.IsSet)
            {
                var socket = _listener.AcceptSocket();
                var index = Interlocked.Increment(ref _accepted) - 1;
                var thread = new Thread(() => Serve(socket, index)) { IsBackground = true, Name = $"FakeRedisServer connection {index}" };
                _connections.Enqueue((socket, thread));
                if (_stopped.IsSet)
                {
                    // Dispose may have closed the connections already; do not leave this one open.
                    socket.Dispose();
                }

                thread.Start();
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // The listener was stopped.
        }
    }

    private void Serve(Socket socket, int index)
    {
        var closedByClient = false;
        try
        {
            socket.ReceiveTimeout = (int)Lifetime.TotalMilliseconds;
            socket.SendTimeout = (int)Lifetime.TotalMilliseconds;
            var buffer = new byte[64 * 1024];
            int start = 0, end = 0;
            while (!_stopped.IsSet)
            {
                if (end == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }

                var read = socket.Receive(buffer, end, buffer.Length - end, SocketFlags.None);
                if (read == 0)
                {
                    closedByClient = true;
                    return;
                }

                end += read;
                while (start < end &&
                       RespReader.TryReadCommand(buffer.AsSpan(start, end - start), out var arguments, out var consumed) == OperationStatus.Done)
                {
                    start += consumed;
                    var command = new FakeCommand(index, [.. arguments!.Select(a => Encoding.UTF8.GetString(a))]);
                    _commands.Enqueue(command);
                    var reply = _handler(command);
                    if (reply.Bytes is { } bytes)
                    {
                        socket.Send(bytes);
                    }

                    switch (reply.Then)
                    {
                        case FakeAfter.Close:
                            return;
                        case FakeAfter.StopReading:
                            _stopped.Wait(Lifetime);
                            return;
                    }
                }

                if (start == end)
                {
                    start = end = 0;
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // A reset by the client, or dispose closed the socket.
            closedByClient = !_stopped.IsSet && ex is SocketException { SocketErrorCode: SocketError.ConnectionReset };
        }
        finally
        {
            socket.Dispose();
            if (closedByClient && !_stopped.IsSet)
            {
                _closedByClient.Release();
            }
        }
    }
}
