using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;
using RedisLite.Blocking;
using RedisLite.Resp;
using RedisLite.Server.Commands;
using RedisLite.Server.Protocol;
using RedisLite.Transactions;

namespace RedisLite.Server;

/// <summary>
/// One client's connection: reads requests, runs them in order against the store and writes the replies, one send per
/// batch of pipelined requests. Holds the client's session (database, protocol, name, authentication, MULTI queue,
/// watches, subscriptions).
/// </summary>
/// <remarks>
/// The loop is the only thread that reads the socket and runs this client's commands. Pub/sub messages arrive from
/// publishers' threads into a queue that a pump sends; a send lock keeps replies and pushes whole, and a batch of
/// commands holds it until its replies are sent, so a SUBSCRIBE's confirmation always precedes its first message.
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The loop owns the connection's life: Cleanup, where it ends, releases everything; nothing outside may dispose it.")]
internal sealed class ClientConnection : IPushSink
{
    private const int InitialInputSize = 16 * 1024;

    /// <summary>Replies are sent once this much has piled up, even in the middle of a pipelined batch.</summary>
    private const int FlushThreshold = 64 * 1024;

    private readonly Socket _socket;
    private readonly ReplyBuffer _reply = new();
    private readonly CommandContext _context;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly RespReaderOptions _readerOptions;
    private readonly long _queryBufferLimit;

    private byte[] _input = new byte[InitialInputSize];
    private int[] _ranges = new int[64];
    private long _commands;
    private int _start;
    private int _end;
    private Task<int>? _pendingReceive;
    private bool _closeAfterFlush;
    private int _closed;

    private List<(CommandDefinition Command, byte[][] Args)>? _queued;
    private bool _multiDirty;
    private bool _multiDeniesOom;
    private WatchState? _watch;

    private readonly Dictionary<byte[], Subscription> _channels = new(ByteArrayComparer.Instance);
    private readonly Dictionary<byte[], Subscription> _patterns = new(ByteArrayComparer.Instance);
    private readonly Dictionary<byte[], Subscription> _shardChannels = new(ByteArrayComparer.Instance);
    private Channel<PubSubMessage>? _pushes;
    private SemaphoreSlim? _sendLock;
    private bool _loopHoldsSendLock;
    private int _pendingPushes;
    private Task? _pump;

    internal ClientConnection(RedisLiteServer server, Socket socket, long id)
    {
        Server = server;
        _socket = socket;
        Id = id;
        _context = new CommandContext(this, _reply);
        var options = server.Options;
        _readerOptions = new RespReaderOptions
        {
            MaxBulkLength = (int)options.MaxBulkLength,
            MaxAggregateLength = options.MaxMultibulkLength,
        };
        _queryBufferLimit = options.QueryBufferLimit;
        Authenticated = options.Password is null;
        Database = server.Store;
        RemoteAddress = Format(socket.RemoteEndPoint);
        LocalAddress = Format(socket.LocalEndPoint);
        Created = DateTimeOffset.UtcNow;
        LastInteraction = Created;
    }

    /// <summary>Gets the server.</summary>
    public RedisLiteServer Server { get; }

    /// <summary>Gets the client's id (CLIENT ID): unique and increasing for the server's life.</summary>
    public long Id { get; }

    /// <summary>Gets or sets the client's name (CLIENT SETNAME), or null.</summary>
    public string? Name { get; set; }

    /// <summary>Gets or sets the library name and version the client reported (CLIENT SETINFO).</summary>
    public string? LibraryName { get; set; }

    /// <summary>Gets or sets the library version the client reported (CLIENT SETINFO).</summary>
    public string? LibraryVersion { get; set; }

    /// <summary>Gets the client's address as <c>ip:port</c>.</summary>
    public string RemoteAddress { get; }

    /// <summary>Gets the server-side address of the connection as <c>ip:port</c>.</summary>
    public string LocalAddress { get; }

    /// <summary>Gets when the client connected.</summary>
    public DateTimeOffset Created { get; }

    /// <summary>Gets when the client last sent a command.</summary>
    public DateTimeOffset LastInteraction { get; private set; }

    /// <summary>Gets the name of the last command the client ran (lower case), for CLIENT LIST.</summary>
    public string LastCommand { get; private set; } = "NULL";

    /// <summary>Gets the store view of the selected database.</summary>
    public DataStore Database { get; private set; }

    /// <summary>Gets the selected database's index.</summary>
    public int DatabaseIndex => Database.Database;

    /// <summary>Gets or sets whether the client has authenticated (or needs not).</summary>
    public bool Authenticated { get; set; }

    /// <summary>Gets or sets the user the client authenticated as.</summary>
    public string User { get; set; } = "default";

    /// <summary>Gets or sets the protocol version, 2 or 3 (HELLO).</summary>
    public int Protocol
    {
        get => _reply.Resp3 ? 3 : 2;
        set => _reply.Resp3 = value == 3;
    }

    /// <summary>Gets whether the client is inside MULTI.</summary>
    public bool InMulti => _queued is not null;

    /// <summary>Gets how many commands are queued inside MULTI, or -1 outside it.</summary>
    public int QueuedCount => _queued?.Count ?? -1;

    /// <summary>Gets how many channels and patterns the client is subscribed to (what SUBSCRIBE replies count).</summary>
    public int SubscriptionCount => _channels.Count + _patterns.Count;

    /// <summary>Gets how many channels the client is subscribed to.</summary>
    public int ChannelCount => _channels.Count;

    /// <summary>Gets how many patterns the client is subscribed to.</summary>
    public int PatternCount => _patterns.Count;

    /// <summary>Gets how many shard channels the client is subscribed to.</summary>
    public int ShardChannelCount => _shardChannels.Count;

    /// <summary>Gets whether a RESP2 client is in the subscribed state, where only pub/sub commands are allowed.</summary>
    public bool IsSubscribedResp2 => !_reply.Resp3 && (SubscriptionCount + ShardChannelCount) > 0;

    /// <summary>Gets whether the client is waiting in a blocking command.</summary>
    public bool IsBlocked { get; private set; }

    /// <summary>Gets the bytes of input received and not yet run.</summary>
    public int QueryBufferLength => _end - _start;

    /// <summary>Gets the size of the input buffer.</summary>
    public int QueryBufferSize => _input.Length;

    /// <summary>Gets how many requests the client has sent (run, queued or refused).</summary>
    public long CommandCount => Volatile.Read(ref _commands);

    /// <summary>Gets the token cancelled when the connection closes (passed to blocking calls).</summary>
    public CancellationToken Aborted => _lifetime.Token;

    /// <summary>Gets the loop's task, set by the server.</summary>
    internal Task? Loop { get; set; }

    /// <summary>Selects database <paramref name="index"/> (SELECT).</summary>
    /// <exception cref="RedisException">Out of range.</exception>
    public void Select(int index)
    {
        if (index < 0 || index >= Server.Store.DatabaseCount)
        {
            throw new RedisException(ErrorMessages.DbIndexOutOfRange);
        }

        Database = (DataStore)Server.Store.GetDatabase(index);
    }

    /// <summary>Closes the connection once the replies so far are sent (QUIT).</summary>
    public void CloseAfterReply() => _closeAfterFlush = true;

    /// <summary>Closes the connection now (CLIENT KILL, server stop, an over-full push queue).</summary>
    public void Kill()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        try
        {
            _lifetime.Cancel();
        }
        catch (AggregateException)
        {
            // A blocked call's cancellation callback failed; the connection closes anyway.
        }

        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <summary>Runs the connection until the client leaves, breaks the protocol or is killed.</summary>
    internal async Task RunAsync()
    {
        try
        {
            while (true)
            {
                await ProcessBufferedAsync().ConfigureAwait(false);
                await FlushAsync().ConfigureAwait(false);
                if (_closeAfterFlush)
                {
                    break;
                }

                int received;
                if (_pendingReceive is { } pending)
                {
                    _pendingReceive = null;
                    received = await pending.ConfigureAwait(false);
                }
                else
                {
                    if (!PrepareInput())
                    {
                        break;
                    }

                    received = await _socket.ReceiveAsync(_input.AsMemory(_end), SocketFlags.None, _lifetime.Token).ConfigureAwait(false);
                }

                if (received == 0)
                {
                    break;
                }

                _end += received;
                LastInteraction = DateTimeOffset.UtcNow;
            }
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            // The client went away or was killed: nothing to answer.
        }
        finally
        {
            Cleanup();
        }
    }

    /// <summary>Runs every complete request in the input buffer.</summary>
    private async ValueTask ProcessBufferedAsync()
    {
        while (_start < _end && !_closeAfterFlush)
        {
            OperationStatus status;
            byte[][]? inline;
            int count;
            int consumed;
            try
            {
                status = RespReader.TryReadCommand(
                    _input.AsSpan(_start, _end - _start), Authenticated ? _readerOptions : UnauthenticatedLimits, ref _ranges, out count, out inline, out consumed);
            }
            catch (RespProtocolException ex)
            {
                // Redis answers a broken request with its protocol error and closes the connection.
                _reply.Error("ERR " + (Authenticated ? ex.Message : UnauthenticatedError(ex.Message)));
                _closeAfterFlush = true;
                return;
            }

            if (status != OperationStatus.Done)
            {
                return;
            }

            var requestStart = _start;
            _start += consumed;
            if (inline is not null)
            {
                if (inline.Length == 0)
                {
                    continue;
                }

                _context.SetRequest(inline);
            }
            else
            {
                if (count == 0)
                {
                    continue;
                }

                // Ranges are relative to the request's start: make them absolute in the input buffer.
                for (var i = 0; i < count; i++)
                {
                    _ranges[2 * i] += requestStart;
                }

                _context.SetRequest(_input, _ranges, count);
            }

            if (_sendLock is not null && !_loopHoldsSendLock)
            {
                await _sendLock.WaitAsync(_lifetime.Token).ConfigureAwait(false);
                _loopHoldsSendLock = true;
            }

            Execute();
            if (_context.PendingBlock is { } block)
            {
                await RunBlockedAsync(block).ConfigureAwait(false);
            }

            if (_reply.Length >= FlushThreshold)
            {
                await FlushAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Until a client authenticates, Redis accepts at most 10 arguments of at most 16 KB each, so that an
    /// unauthenticated peer cannot make it buffer much.</summary>
    private static readonly RespReaderOptions UnauthenticatedLimits = new() { MaxAggregateLength = 10, MaxBulkLength = 16 * 1024 };

    /// <summary>Redis's texts when a request broke only the unauthenticated limits (it is fine by the normal ones).</summary>
    private string UnauthenticatedError(string message)
    {
        try
        {
            RespReader.TryReadCommand(_input.AsSpan(_start, _end - _start), _readerOptions, ref _ranges, out _, out _, out _);
        }
        catch (RespProtocolException)
        {
            return message;
        }

        return message switch
        {
            "Protocol error: invalid multibulk length" => "Protocol error: unauthenticated multibulk length",
            "Protocol error: invalid bulk length" => "Protocol error: unauthenticated bulk length",
            _ => message,
        };
    }

    /// <summary>Runs the request set on the context: checks it as Redis's processCommand does, then runs or queues it.</summary>
    private void Execute()
    {
        _commands++;
        var context = _context;
        var count = context.Count;
        var command = Server.Commands.Find(context.Span(0));
        if (command is null)
        {
            Reject(UnknownCommand(context.Args));
            return;
        }

        if (command.Subcommands is { } subcommands && (count > 1 || command.Handler is null))
        {
            if (count == 1)
            {
                Reject(ErrorMessages.WrongArgumentCount(command.Name));
                return;
            }

            if (!subcommands.TryGetValue(context.Text(1), out var sub))
            {
                Reject($"ERR unknown subcommand '{Truncate(context.Args[1], 128)}'. Try {command.Name.ToUpperInvariant()} HELP.");
                return;
            }

            command = sub;
        }

        if (!command.AcceptsArgumentCount(count))
        {
            Reject(ErrorMessages.WrongArgumentCount(command.Name));
            return;
        }

        if (!Authenticated && !command.Has(CommandFlags.NoAuth))
        {
            Reject("NOAUTH Authentication required.");
            return;
        }

        if (IsSubscribedResp2 && !command.Has(CommandFlags.AllowedWhenSubscribed))
        {
            Reject($"ERR Can't execute '{command.Name}': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context");
            return;
        }

        // Inside MULTI, Redis refuses every command but EXEC, DISCARD, QUIT and RESET while it is out of memory, not
        // only the ones that add data: queuing itself takes memory.
        if (_queued is not null && command.Name is not ("exec" or "discard" or "quit" or "reset") && !Database.TryFreeMemory())
        {
            Reject(ErrorMessages.OutOfMemory);
            return;
        }

        if (_queued is not null && !command.Has(CommandFlags.NotQueued))
        {
            if (command.Has(CommandFlags.NoMulti))
            {
                Reject("ERR Command not allowed inside a transaction");
                return;
            }

            _queued.Add((command, context.DetachArguments()));
            _multiDeniesOom |= command.Has(CommandFlags.DenyOom);
            _reply.Queued();
            return;
        }

        Run(command);
    }

    /// <summary>Runs a command that passed the checks, writing its reply or error.</summary>
    private void Run(CommandDefinition command)
    {
        LastCommand = command.Name;
        _context.SetCommand(command);
        try
        {
            command.Handler!(_context);
        }
        catch (RedisException ex)
        {
            _reply.Error(ex.Message);
        }
        catch (ArgumentException ex)
        {
            // A check the handler left to the store: still an error reply, never a dropped connection.
            _reply.Error("ERR " + ex.Message);
        }
    }

    /// <summary>An error for a command refused before it ran; inside MULTI it also dooms EXEC (Redis's flagTransaction).</summary>
    private void Reject(string message)
    {
        if (_queued is not null)
        {
            _multiDirty = true;
        }

        _reply.Error(message);
    }

    private static string UnknownCommand(byte[][] args)
    {
        var builder = new StringBuilder();
        for (var i = 1; i < args.Length && builder.Length < 128; i++)
        {
            builder.Append('\'').Append(Truncate(args[i], 128 - builder.Length)).Append("' ");
        }

        return $"ERR unknown command '{Truncate(args[0], 128)}', with args beginning with: {builder}";
    }

    private static string Truncate(byte[] bytes, int max) => Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, max));

    /// <summary>Waits for a blocked command, watching the socket meanwhile so that a disconnect cancels it.</summary>
    private async ValueTask RunBlockedAsync(Func<Task> block)
    {
        await FlushAsync().ConfigureAwait(false);
        IsBlocked = true;
        Server.CountBlocked(1);
        try
        {
            var waiting = block();
            while (!waiting.IsCompleted)
            {
                if (_pendingReceive is null)
                {
                    if (!PrepareInput(inPlace: false))
                    {
                        Kill();
                        break;
                    }

                    _pendingReceive = _socket.ReceiveAsync(_input.AsMemory(_end), SocketFlags.None, _lifetime.Token).AsTask();
                }

                var receive = _pendingReceive;
                var first = await Task.WhenAny(waiting, receive).ConfigureAwait(false);
                if (first != receive)
                {
                    break;
                }

                _pendingReceive = null;
                var received = 0;
                try
                {
                    received = await receive.ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
                {
                }

                if (received == 0)
                {
                    // The client left while blocked: release the blocked call (it is cancelled by the token).
                    Kill();
                    break;
                }

                _end += received;
            }

            try
            {
                await waiting.ConfigureAwait(false);
            }
            catch (RedisException ex)
            {
                _reply.Error(ex.Message);
            }
        }
        finally
        {
            IsBlocked = false;
            Server.CountBlocked(-1);
        }
    }

    /// <summary>Makes room to receive; false if the client's unprocessed input is over the query buffer limit.</summary>
    /// <param name="inPlace">False while a command is blocked: its arguments may still point into the buffer, so the
    /// unprocessed bytes move to a new buffer instead of within this one.</param>
    private bool PrepareInput(bool inPlace = true)
    {
        if (_start == _end && inPlace)
        {
            _start = _end = 0;
        }

        if (_end < _input.Length)
        {
            return true;
        }

        if (!inPlace)
        {
            var pending = _end - _start;
            if (pending >= _queryBufferLimit)
            {
                return false;
            }

            var fresh = new byte[(int)Math.Min(Math.Max(InitialInputSize, pending * 2L), Math.Min(_queryBufferLimit, Array.MaxLength))];
            Buffer.BlockCopy(_input, _start, fresh, 0, pending);
            _input = fresh;
            _start = 0;
            _end = pending;
            return true;
        }

        if (_start > 0)
        {
            Buffer.BlockCopy(_input, _start, _input, 0, _end - _start);
            _end -= _start;
            _start = 0;
            return true;
        }

        if (_input.Length >= _queryBufferLimit)
        {
            // Redis closes a client that reached its query buffer limit, without a reply.
            return false;
        }

        Array.Resize(ref _input, (int)Math.Min(Math.Min((long)_input.Length * 2, _queryBufferLimit), Array.MaxLength));
        return true;
    }

    /// <summary>Sends the replies so far and lets pushes through again.</summary>
    private async ValueTask FlushAsync()
    {
        if (_reply.Length > 0)
        {
            if (_sendLock is not null && !_loopHoldsSendLock)
            {
                await _sendLock.WaitAsync(_lifetime.Token).ConfigureAwait(false);
                _loopHoldsSendLock = true;
            }

            await SendAsync(_reply.Written).ConfigureAwait(false);
            _reply.Clear();
        }

        if (_loopHoldsSendLock)
        {
            _loopHoldsSendLock = false;
            _sendLock!.Release();
        }
    }

    private async ValueTask SendAsync(ReadOnlyMemory<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            var sent = await _socket.SendAsync(bytes, SocketFlags.None, _lifetime.Token).ConfigureAwait(false);
            bytes = bytes[sent..];
        }
    }

    private void Cleanup()
    {
        Kill();
        try
        {
            DropSubscriptions();
            if (_watch is not null)
            {
                Database.Unwatch(_watch);
            }
        }
        finally
        {
            _socket.Dispose();
            _pushes?.Writer.TryComplete();
            Server.Remove(this);
        }
    }

    private static string Format(EndPoint? endPoint) => endPoint switch
    {
        IPEndPoint ip => $"{(ip.Address.IsIPv4MappedToIPv6 ? ip.Address.MapToIPv4() : ip.Address)}:{ip.Port}",
        null => "?:0",
        _ => endPoint.ToString() ?? "?:0",
    };

    // ---- MULTI / EXEC / WATCH -------------------------------------------------------------------------------------

    /// <summary>MULTI.</summary>
    public void Multi()
    {
        if (_queued is not null)
        {
            throw new RedisException("ERR MULTI calls can not be nested");
        }

        _queued = [];
        _multiDirty = false;
        _multiDeniesOom = false;
        _reply.Ok();
    }

    /// <summary>DISCARD.</summary>
    public void Discard()
    {
        if (_queued is null)
        {
            throw new RedisException("ERR DISCARD without MULTI");
        }

        EndMulti();
        _reply.Ok();
    }

    /// <summary>EXEC: runs the queued commands atomically, replying with an array of their replies.</summary>
    public void Exec()
    {
        if (_queued is not { } queued)
        {
            throw new RedisException("ERR EXEC without MULTI");
        }

        var dirty = _multiDirty;
        var deniesOom = _multiDeniesOom;

        // The watches are checked by the EXEC itself, so they are taken before the MULTI state is cleared.
        var watch = _watch;
        _watch = null;
        EndMulti();
        if (dirty)
        {
            if (watch is not null)
            {
                Database.Unwatch(watch);
            }

            throw new RedisException(ErrorMessages.ExecAbort);
        }

        bool ran;
        try
        {
            var exec = _context.Command;
            ran = Database.ExecuteQueued(watch, deniesOom, () =>
            {
                _reply.ArrayHeader(queued.Count);
                _context.InExec = true;
                try
                {
                    foreach (var (command, args) in queued)
                    {
                        _context.SetRequest(args);
                        Run(command);
                    }
                }
                finally
                {
                    // The client's last command stays EXEC (CLIENT LIST's cmd=), as in Redis.
                    _context.InExec = false;
                    _context.SetCommand(exec);
                    LastCommand = exec.Name;
                }
            });
        }
        finally
        {
            if (watch is not null)
            {
                Database.Unwatch(watch);
            }
        }

        if (!ran)
        {
            _reply.NullArray();
        }
    }

    /// <summary>WATCH.</summary>
    public void Watch(RedisKey[] keys)
    {
        if (_queued is not null)
        {
            throw new RedisException("ERR WATCH inside MULTI is not allowed");
        }

        Database.WatchKeys(_watch ??= new WatchState(), keys);
        _reply.Ok();
    }

    /// <summary>UNWATCH (also what EXEC, DISCARD and RESET do).</summary>
    public void Unwatch()
    {
        if (_watch is not null)
        {
            Database.Unwatch(_watch);
            _watch = null;
        }
    }

    private void EndMulti()
    {
        _queued = null;
        _multiDirty = false;
        _multiDeniesOom = false;
        Unwatch();
    }

    /// <summary>RESET: back to a fresh connection's state (database 0, RESP2, no MULTI, watches, subscriptions or name).</summary>
    public void Reset()
    {
        if (_queued is not null)
        {
            EndMulti();
        }

        Unwatch();
        DropSubscriptions();
        Database = Server.Store;
        Protocol = 2;
        Name = null;
        if (Server.Options.Password is not null)
        {
            Authenticated = false;
            User = "default";
        }

        _reply.SimpleString("RESET");
    }

    // ---- Pub/sub ---------------------------------------------------------------------------------------------------

    /// <summary>The kind of subscription a (P|S)SUBSCRIBE command manages.</summary>
    public enum SubscriptionKind
    {
        /// <summary>SUBSCRIBE channels.</summary>
        Channel,

        /// <summary>PSUBSCRIBE patterns.</summary>
        Pattern,

        /// <summary>SSUBSCRIBE shard channels.</summary>
        Shard,
    }

    /// <summary>SUBSCRIBE, PSUBSCRIBE or SSUBSCRIBE: one confirmation per name.</summary>
    public void Subscribe(SubscriptionKind kind, byte[][] names)
    {
        EnsurePushes();
        var table = Table(kind);
        foreach (var name in names)
        {
            if (!table.ContainsKey(name))
            {
                RedisKey[] one = [name];
                var subscription = kind switch
                {
                    SubscriptionKind.Channel => Database.Subscribe(one, [], shard: false, this),
                    SubscriptionKind.Pattern => Database.Subscribe([], one, shard: false, this),
                    _ => Database.Subscribe(one, [], shard: true, this),
                };
                table.Add(name, subscription);
            }

            WriteSubscriptionReply(kind, subscribe: true, name, kind == SubscriptionKind.Shard ? ShardChannelCount : SubscriptionCount);
        }
    }

    /// <summary>UNSUBSCRIBE, PUNSUBSCRIBE or SUNSUBSCRIBE: the named ones, or all when none is named.</summary>
    public void Unsubscribe(SubscriptionKind kind, byte[][] names)
    {
        var table = Table(kind);
        if (names.Length == 0)
        {
            if (table.Count == 0)
            {
                WriteSubscriptionReply(kind, subscribe: false, null, kind == SubscriptionKind.Shard ? ShardChannelCount : SubscriptionCount);
                return;
            }

            names = [.. table.Keys];
        }

        foreach (var name in names)
        {
            if (table.Remove(name, out var subscription))
            {
                subscription.Dispose();
            }

            WriteSubscriptionReply(kind, subscribe: false, name, kind == SubscriptionKind.Shard ? ShardChannelCount : SubscriptionCount);
        }
    }

    private Dictionary<byte[], Subscription> Table(SubscriptionKind kind) => kind switch
    {
        SubscriptionKind.Channel => _channels,
        SubscriptionKind.Pattern => _patterns,
        _ => _shardChannels,
    };

    private void WriteSubscriptionReply(SubscriptionKind kind, bool subscribe, byte[]? name, int count)
    {
        _reply.PushHeader(3);
        _reply.Bulk((kind, subscribe) switch
        {
            (SubscriptionKind.Channel, true) => "subscribe"u8,
            (SubscriptionKind.Channel, false) => "unsubscribe"u8,
            (SubscriptionKind.Pattern, true) => "psubscribe"u8,
            (SubscriptionKind.Pattern, false) => "punsubscribe"u8,
            (_, true) => "ssubscribe"u8,
            _ => "sunsubscribe"u8,
        });
        if (name is null)
        {
            _reply.Null();
        }
        else
        {
            _reply.Bulk(name);
        }

        _reply.Integer(count);
    }

    /// <summary>Sets up the push queue and its pump on the first subscription. The loop takes the send lock at once:
    /// this command's confirmation must go out before any message.</summary>
    private void EnsurePushes()
    {
        if (_pushes is not null)
        {
            return;
        }

        _sendLock = new SemaphoreSlim(1, 1);
        _sendLock.Wait();
        _loopHoldsSendLock = true;
        _pushes = Channel.CreateUnbounded<PubSubMessage>(new UnboundedChannelOptions { SingleReader = true });
        _pump = Task.Run(PumpAsync);
    }

    /// <inheritdoc/>
    bool IPushSink.TryDeliver(PubSubMessage message)
    {
        if (Interlocked.Increment(ref _pendingPushes) > Server.Options.MaxPendingPushMessages)
        {
            // Redis's pubsub output buffer limit: the slow subscriber is disconnected. Not here: this runs under the
            // hub's lock.
            Interlocked.Decrement(ref _pendingPushes);
            ThreadPool.UnsafeQueueUserWorkItem(static c => c.Kill(), this, preferLocal: false);
            return false;
        }

        return _pushes!.Writer.TryWrite(message);
    }

    private async Task PumpAsync()
    {
        var buffer = new ReplyBuffer();
        var reader = _pushes!.Reader;
        try
        {
            while (await reader.WaitToReadAsync(_lifetime.Token).ConfigureAwait(false))
            {
                await _sendLock!.WaitAsync(_lifetime.Token).ConfigureAwait(false);
                try
                {
                    buffer.Resp3 = _reply.Resp3;
                    while (buffer.Length < FlushThreshold && reader.TryRead(out var message))
                    {
                        Interlocked.Decrement(ref _pendingPushes);
                        WriteMessage(buffer, message);
                    }

                    await SendAsync(buffer.Written).ConfigureAwait(false);
                    buffer.Clear();
                }
                finally
                {
                    _sendLock.Release();
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            Kill();
        }
    }

    private static void WriteMessage(ReplyBuffer buffer, PubSubMessage message)
    {
        if (!message.Pattern.IsNull)
        {
            buffer.PushHeader(4);
            buffer.Bulk("pmessage"u8);
            buffer.Bulk(message.Pattern);
        }
        else
        {
            buffer.PushHeader(3);
            buffer.Bulk(message.IsShard ? "smessage"u8 : "message"u8);
        }

        buffer.Bulk(message.Channel);
        buffer.Bulk(message.Message);
    }

    private void DropSubscriptions()
    {
        foreach (var table in new[] { _channels, _patterns, _shardChannels })
        {
            foreach (var subscription in table.Values)
            {
                subscription.Dispose();
            }

            table.Clear();
        }
    }
}
