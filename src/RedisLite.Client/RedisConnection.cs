using System.Buffers;
using System.Net;
using System.Net.Sockets;
using RedisLite.Resp;

namespace RedisLite.Client;

/// <summary>
/// One pipelined connection to a Redis server, shared by every caller: commands are written in the order callers
/// arrive and replies are matched to them in that same order by a dedicated reader thread.
/// </summary>
/// <remarks>
/// A lost connection fails every command waiting on it with <see cref="RedisConnectionException"/>; the next command
/// connects again. A command whose reply does not arrive within the timeout closes the connection too, because the
/// late reply would otherwise be taken for the next command's.
/// </remarks>
internal sealed class RedisConnection : IDisposable
{
    private static readonly ReadOnlyMemory<byte> SelectCommand = "SELECT"u8.ToArray();

    private readonly RemoteDataStoreOptions _options;
    private readonly Lock _connectLock = new();
    private Session? _session;
    private bool _disposed;

    public RedisConnection(RemoteDataStoreOptions options) => _options = options;

    /// <summary>Creates a subscriber connection: pub/sub frames (RESP3 pushes, or RESP2 arrays such as
    /// <c>message</c> and <c>subscribe</c>) go to <paramref name="push"/> on the reader thread instead of being taken
    /// for replies, and <paramref name="faulted"/> learns when the connection is lost.</summary>
    public RedisConnection(RemoteDataStoreOptions options, Action<RespValue> push, Action<Exception> faulted)
    {
        _options = options;
        _push = push;
        _faulted = faulted;
    }

    private readonly Action<RespValue>? _push;
    private readonly Action<Exception>? _faulted;

    /// <summary>What closes with this connection: the subscriptions opened through it, each on a connection of its own.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<object, Action> _dependents = new();

    /// <summary>Registers <paramref name="close"/> to run when this connection is disposed (at once if it already is).</summary>
    public void AddDependent(object owner, Action close)
    {
        _dependents[owner] = close;
        if (Volatile.Read(ref _disposed))
        {
            RemoveDependent(owner);
            close();
        }
    }

    /// <summary>Forgets a dependent that closed on its own.</summary>
    public void RemoveDependent(object owner) => _dependents.TryRemove(owner, out _);

    /// <summary>The settings this connection was made with (blocking commands copy them for their own connections).</summary>
    public RemoteDataStoreOptions Options => _options;

    /// <summary>The number of databases the server has (its <c>databases</c> setting), learned when connecting.</summary>
    public int DatabaseCount { get; private set; } = 16;

    /// <summary>Sends one command to database <paramref name="database"/> and waits for its reply.</summary>
    /// <exception cref="RedisException">The server replied with an error.</exception>
    /// <exception cref="RedisConnectionException">The connection failed or the reply timed out.</exception>
    public RespValue Execute(int database, ReadOnlyMemory<byte>[] command)
    {
        var session = GetSession();
        return ThrowIfError(session.Send(database, command, _options.CommandTimeout));
    }

    /// <summary>Returns <paramref name="reply"/>, or throws the exception an error reply maps to.</summary>
    internal static RespValue ThrowIfError(RespValue reply)
    {
        if (!reply.IsError)
        {
            return reply;
        }

        var text = reply.GetString() ?? "ERR";
        throw text.StartsWith("WRONGTYPE", StringComparison.Ordinal) ? new RedisWrongTypeException(text) : new RedisException(text);
    }

    /// <summary>Sends several commands to database <paramref name="database"/> in one write (pipelined) and waits for all
    /// their replies, which are returned as they are, errors included (MULTI ... EXEC needs each queued reply).</summary>
    /// <exception cref="RedisConnectionException">The connection failed or a reply timed out.</exception>
    public RespValue[] ExecuteMany(int database, ReadOnlyMemory<byte>[][] commands)
    {
        var session = GetSession();
        return session.SendMany(database, commands, _options.CommandTimeout);
    }

    /// <summary>Sends a command whose replies arrive as pub/sub frames (SUBSCRIBE and its kin on a subscriber
    /// connection), without waiting for anything. Never reconnects: a lost subscriber connection stays lost.</summary>
    /// <exception cref="RedisConnectionException">The connection is closed or writing failed.</exception>
    public void Post(ReadOnlyMemory<byte>[] command)
    {
        var session = Volatile.Read(ref _session) ?? throw new RedisConnectionException("The connection is not open.");
        session.Post(command);
    }

    /// <summary>Connects now (rather than on the first command) so configuration problems surface early.</summary>
    public void EnsureConnected() => GetSession();

    private Session GetSession()
    {
        var session = Volatile.Read(ref _session);
        if (session is { IsFaulted: false })
        {
            return session;
        }

        lock (_connectLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            session = _session;
            if (session is { IsFaulted: false })
            {
                return session;
            }

            session = Connect();
            Volatile.Write(ref _session, session);
            return session;
        }
    }

    private Session Connect()
    {
        // One deadline covers the TCP connect and every handshake command, as ConnectTimeout promises.
        var deadline = Environment.TickCount64 + (long)_options.ConnectTimeout.TotalMilliseconds;
        var socket = ConnectSocket(deadline);
        var session = new Session(socket, _options.CommandTimeout, _push, _faulted);
        try
        {
            Handshake(session, deadline);
        }
        catch
        {
            session.Fault(new RedisConnectionException("The handshake failed."));
            throw;
        }

        return session;
    }

    /// <summary>Connects synchronously with a bounded wait. Deliberately avoids the thread pool: a starved pool must
    /// not turn a healthy server into a connect timeout.</summary>
    private Socket ConnectSocket(long deadline)
    {
        Exception? last = null;
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(_options.Host, out var literal) ? [literal] : Dns.GetHostAddresses(_options.Host);
        }
        catch (SocketException ex)
        {
            throw new RedisConnectionException($"Could not resolve {_options.Host}: {ex.Message}", ex);
        }

        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, Blocking = false };
            try
            {
                try
                {
                    socket.Connect(new IPEndPoint(address, _options.Port));
                }
                catch (SocketException ex) when (ex.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress)
                {
                    var remaining = Math.Max(0, deadline - Environment.TickCount64);
                    if (!socket.Poll(TimeSpan.FromMilliseconds(remaining), SelectMode.SelectWrite))
                    {
                        throw new SocketException((int)SocketError.TimedOut);
                    }

                    var error = (SocketError)(int)socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error)!;
                    if (error != SocketError.Success)
                    {
                        throw new SocketException((int)error);
                    }
                }

                socket.Blocking = true;
                return socket;
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                last = ex;
            }
        }

        throw new RedisConnectionException($"Could not connect to {_options.Host}:{_options.Port}: {last?.Message ?? "no address"}", last);
    }

    private void Handshake(Session session, long deadline)
    {
        TimeSpan Remaining() => TimeSpan.FromMilliseconds(Math.Max(1, deadline - Environment.TickCount64));
        if (_options.Protocol == 3)
        {
            var hello = new List<ReadOnlyMemory<byte>> { Arg("HELLO"), Arg("3") };
            if (_options.Password is not null)
            {
                hello.Add(Arg("AUTH"));
                hello.Add(Arg(_options.User ?? "default"));
                hello.Add(Arg(_options.Password));
            }

            ThrowIfError(session.Send(-1, [.. hello], Remaining()));
        }
        else if (_options.Password is not null)
        {
            ReadOnlyMemory<byte>[] auth = _options.User is null
                ? [Arg("AUTH"), Arg(_options.Password)]
                : [Arg("AUTH"), Arg(_options.User), Arg(_options.Password)];
            ThrowIfError(session.Send(-1, auth, Remaining()));
        }

        // The database count bounds GetDatabase; servers that hide CONFIG keep Redis's default of 16.
        var config = session.Send(-1, [Arg("CONFIG"), Arg("GET"), Arg("databases")], Remaining());
        if (!config.IsError && config.Items is { Count: >= 2 } items && int.TryParse(items[1].GetString(), out var count) && count > 0)
        {
            DatabaseCount = count;
        }
    }

    private static ReadOnlyMemory<byte> Arg(string text) => System.Text.Encoding.UTF8.GetBytes(text);

    public void Dispose()
    {
        lock (_connectLock)
        {
            Volatile.Write(ref _disposed, true);
            _session?.Dispose();
        }

        foreach (var owner in _dependents.Keys)
        {
            if (_dependents.TryRemove(owner, out var close))
            {
                close();
            }
        }
    }

    /// <summary>One TCP connection's lifetime: its socket, the replies it still owes, and the database it has selected.</summary>
    private sealed class Session : IDisposable
    {
        private readonly Socket _socket;
        private readonly NetworkStream _stream;
        private readonly Lock _lock = new();
        private readonly Queue<(TaskCompletionSource<RespValue> Reply, bool IsSelect)> _pending = new();
        private readonly ArrayBufferWriter<byte> _buffer = new(4096);
        private readonly RespWriter _writer;
        private readonly Action<RespValue>? _push;
        private readonly Action<Exception>? _faulted;
        private Exception? _fault;
        private int _database;

        public Session(Socket socket, TimeSpan sendTimeout, Action<RespValue>? push, Action<Exception>? faulted)
        {
            _socket = socket;
            _push = push;
            _faulted = faulted;

            // A server that stops reading must not block a writer (and every caller queued behind its lock) forever.
            _socket.SendTimeout = (int)Math.Clamp(sendTimeout.TotalMilliseconds, 1, int.MaxValue);
            _stream = new NetworkStream(socket, ownsSocket: true);
            _writer = new RespWriter(_buffer);
            var reader = new Thread(ReadLoop) { IsBackground = true, Name = "RedisLite.Client reader" };
            reader.Start();
        }

        public bool IsFaulted => Volatile.Read(ref _fault) is not null;

        /// <summary>Writes a command (after a SELECT if this connection is on another database) and waits for its reply.
        /// <paramref name="database"/> -1 runs it on whatever database is selected (handshake commands).</summary>
        public RespValue Send(int database, ReadOnlyMemory<byte>[] command, TimeSpan timeout) =>
            SendMany(database, [command], timeout)[0];

        /// <summary>Writes commands back to back (after a SELECT if needed) and waits for all their replies.</summary>
        public RespValue[] SendMany(int database, ReadOnlyMemory<byte>[][] commands, TimeSpan timeout)
        {
            var replies = new TaskCompletionSource<RespValue>[commands.Length];
            Write(database, commands, replies);

            // The replies arrive in order, so the last one completing means all have; one timeout covers the batch.
            var reply = replies[^1];
            bool completed;
            try
            {
                completed = reply.Task.Wait(timeout);
            }
            catch (AggregateException)
            {
                // Faulted: rethrown unwrapped below.
                completed = true;
            }

            if (!completed)
            {
                var timeoutError = new RedisConnectionException($"No reply within {timeout.TotalMilliseconds} ms; the connection was closed.");
                Fault(timeoutError);
                throw timeoutError;
            }

            // Faults complete the tasks with RedisConnectionException; surface it unwrapped.
            var results = new RespValue[replies.Length];
            for (var i = 0; i < replies.Length; i++)
            {
                var task = replies[i].Task;
                results[i] = task.IsCompletedSuccessfully ? task.Result : throw task.Exception!.InnerException!;
            }

            return results;
        }

        /// <summary>Writes a command that has no reply of its own (see <see cref="RedisConnection.Post"/>).</summary>
        public void Post(ReadOnlyMemory<byte>[] command) => Write(-1, [command], replies: null);

        /// <summary>Writes commands back to back (after a SELECT if needed) in one write; with <paramref name="replies"/>,
        /// each gets a pending reply to complete, otherwise none is expected (pub/sub commands).</summary>
        private void Write(int database, ReadOnlyMemory<byte>[][] commands, TaskCompletionSource<RespValue>[]? replies)
        {
            lock (_lock)
            {
                if (_fault is not null)
                {
                    throw new RedisConnectionException("The connection is closed.", _fault);
                }

                try
                {
                    if (database >= 0 && database != _database)
                    {
                        // The SELECT's reply is checked by the reader thread itself (see Deliver), before any later reply.
                        _writer.WriteCommand([SelectCommand, System.Text.Encoding.ASCII.GetBytes(database.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
                        _pending.Enqueue((new TaskCompletionSource<RespValue>(), true));
                        _database = database;
                    }

                    for (var i = 0; i < commands.Length; i++)
                    {
                        _writer.WriteCommand(commands[i]);
                        if (replies is not null)
                        {
                            replies[i] = new TaskCompletionSource<RespValue>(TaskCreationOptions.RunContinuationsAsynchronously);
                            _pending.Enqueue((replies[i], false));
                        }
                    }

                    _stream.Write(_buffer.WrittenSpan);
                }
                catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
                {
                    Fault(ex);
                    throw new RedisConnectionException("Writing to the server failed: " + ex.Message, ex);
                }
                finally
                {
                    _buffer.Clear();
                }
            }
        }

        private void ReadLoop()
        {
            var buffer = new byte[64 * 1024];
            int start = 0, end = 0;

            // Bytes that were not yet a whole reply at the last parse attempt. A large reply arrives over many reads;
            // re-parsing it after every read would be quadratic, so wait until it has doubled (or the socket has
            // nothing more queued, in which case the reply may well be complete).
            var incomplete = 0;
            try
            {
                while (true)
                {
                    if (end == buffer.Length)
                    {
                        if (start > 0)
                        {
                            Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                            end -= start;
                            start = 0;
                        }
                        else
                        {
                            Array.Resize(ref buffer, buffer.Length * 2);
                        }
                    }

                    var read = _stream.Read(buffer, end, buffer.Length - end);
                    if (read == 0)
                    {
                        throw new RedisConnectionException("The server closed the connection.");
                    }

                    end += read;
                    if (end - start < 2 * incomplete && _socket.Available > 0)
                    {
                        continue;
                    }

                    while (start < end &&
                           RespReader.TryRead(buffer.AsSpan(start, end - start), RespReaderOptions.Default, out var value, out var consumed) == OperationStatus.Done)
                    {
                        start += consumed;
                        Deliver(value!);
                    }

                    incomplete = end - start;

                    if (start == end)
                    {
                        start = end = 0;
                    }
                }
            }
            catch (Exception ex)
            {
                Fault(ex as RedisConnectionException ?? new RedisConnectionException("The connection failed: " + ex.Message, ex));
            }
        }

        private void Deliver(RespValue value)
        {
            // RESP3 push messages (pub/sub, invalidation) are not replies to commands; nor, on a subscriber
            // connection, are RESP2's pub/sub arrays.
            if (value.Type == RespType.Push || (_push is not null && IsPubSubArray(value)))
            {
                _push?.Invoke(value);
                return;
            }

            (TaskCompletionSource<RespValue> Reply, bool IsSelect) next;
            lock (_lock)
            {
                if (!_pending.TryDequeue(out next))
                {
                    // On a subscriber connection, an error with no command waiting answers a posted SUBSCRIBE (NOPERM, ...).
                    if (value.IsError)
                    {
                        _push?.Invoke(value);
                    }

                    return;
                }
            }

            if (next.IsSelect && value.IsError)
            {
                // The commands behind a failed SELECT would run on the wrong database: fail them all, now.
                Fault(new RedisConnectionException("SELECT failed: " + value.GetString()));
                return;
            }

            next.Reply.TrySetResult(value);
        }

        private static bool IsPubSubArray(RespValue value) =>
            value.Type == RespType.Array && value.Items is { Count: >= 3 } items && items[0].GetString() is
                "message" or "pmessage" or "smessage" or "subscribe" or "psubscribe" or "ssubscribe" or "unsubscribe" or "punsubscribe" or "sunsubscribe";

        public void Dispose() => Fault(new RedisConnectionException("The connection was disposed."));

        public void Fault(Exception error)
        {
            TaskCompletionSource<RespValue>[] waiting;
            lock (_lock)
            {
                if (_fault is not null)
                {
                    return;
                }

                _fault = error;
                waiting = [.. _pending.Select(static p => p.Reply)];
                _pending.Clear();
            }

            _stream.Dispose();
            _socket.Dispose();
            var failure = error as RedisConnectionException ?? new RedisConnectionException(error.Message, error);
            foreach (var pending in waiting)
            {
                pending.TrySetException(failure);
            }

            _faulted?.Invoke(failure);
        }
    }
}
