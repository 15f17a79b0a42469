using RedisLite.Resp;
using RedisLite.Transactions;

namespace RedisLite.Client;

// MULTI/EXEC/WATCH over RESP. A transaction that watches keys gets a connection of its own (WATCH state belongs to a
// connection, and the shared one is pipelined between callers); one that does not sends MULTI ... EXEC as one piece on
// the shared connection. Its commands are captured by running each queued
// delegate against a view of this client whose Run() records the command instead of sending it; after EXEC, each
// delegate runs again against a view whose Run() returns that command's reply from EXEC's array, so the reply is
// parsed by the very code that parses it outside a transaction.
public sealed partial class RemoteDataStore
{
    private RemoteDataStore(RedisConnection connection, int database, ICommandInterceptor interceptor)
    {
        _connection = connection;
        _database = database;
        _interceptor = interceptor;
    }

    /// <inheritdoc/>
    /// <remarks><c>MULTI</c>, the queued commands and <c>EXEC</c> are sent in one write. A transaction that watches keys
    /// uses a dedicated connection (WATCH state belongs to a connection), opened by its first
    /// <see cref="ITransaction.Watch"/> and closed when it ends; one that does not uses the shared connection.</remarks>
    public ITransaction CreateTransaction() => new RemoteTransaction(this);

    /// <summary>A connection of its own with the shared connection's settings and the given reply timeout.</summary>
    private RedisConnection DedicatedConnection(TimeSpan commandTimeout) => new(DedicatedOptions(commandTimeout));

    /// <summary>The shared connection's settings with the given reply timeout, for a connection of its own.</summary>
    private RemoteDataStoreOptions DedicatedOptions(TimeSpan commandTimeout)
    {
        var shared = _connection.Options;
        return new RemoteDataStoreOptions
        {
            Host = shared.Host,
            Port = shared.Port,
            Protocol = shared.Protocol,
            Password = shared.Password,
            User = shared.User,
            ConnectTimeout = shared.ConnectTimeout,
            CommandTimeout = commandTimeout,
            PubSubBufferCapacity = shared.PubSubBufferCapacity,
            PubSubOverflow = shared.PubSubOverflow,
        };
    }

    /// <summary>Takes the place of the connection for a view that records or replays a transaction's commands.</summary>
    private interface ICommandInterceptor
    {
        RespValue Intercept(int database, ReadOnlyMemory<byte>[] command);
    }

    /// <summary>Captures the one command a queued delegate sends, then stops the delegate.</summary>
    private sealed class CommandRecorder : ICommandInterceptor
    {
        public ReadOnlyMemory<byte>[]? Command { get; private set; }

        public int Database { get; private set; }

        public RespValue Intercept(int database, ReadOnlyMemory<byte>[] command)
        {
            if (Command is not null)
            {
                throw new InvalidOperationException("A queued delegate must issue exactly one command.");
            }

            // Copied: the arguments may be pooled or reused by the caller after the call.
            Command = [.. command.Select(static a => (ReadOnlyMemory<byte>)a.ToArray())];
            Database = database;
            throw new CommandRecordedException();
        }
    }

    /// <summary>Ends a delegate once its command has been recorded (no reply exists yet to parse).</summary>
    private sealed class CommandRecordedException : Exception
    {
        public CommandRecordedException()
            : base("The command was recorded for a transaction.")
        {
        }

        public CommandRecordedException(string message)
            : base(message)
        {
        }

        public CommandRecordedException(string message, Exception innerException)
            : base(message, innerException)
        {
        }
    }

    /// <summary>Hands a delegate its command's reply from EXEC, as the connection would have.</summary>
    private sealed class ReplyReplayer(RespValue reply) : ICommandInterceptor
    {
        public RespValue Intercept(int database, ReadOnlyMemory<byte>[] command) => RedisConnection.ThrowIfError(reply);
    }

    /// <summary>A transaction over RESP.</summary>
    private sealed class RemoteTransaction(RemoteDataStore store) : TransactionCore
    {
        private static readonly ReadOnlyMemory<byte> Multi = "MULTI"u8.ToArray();
        private static readonly ReadOnlyMemory<byte> Exec = "EXEC"u8.ToArray();

        private readonly List<(TransactionResult Result, int Database, ReadOnlyMemory<byte>[] Command)> _commands = [];
        private RedisConnection? _connection;

        private RedisConnection Connection => _connection ??= store.DedicatedConnection(store._connection.Options.CommandTimeout);

        protected override void WatchCore(RedisKey[] keys) => Connection.Execute(store._database, Keys("WATCH", keys));

        protected override void UnwatchCore()
        {
            // Nothing can be watched before the connection exists.
            _connection?.Execute(store._database, [Token("UNWATCH")]);
        }

        protected override Exception? CheckQueued(TransactionResult result)
        {
            var recorder = new CommandRecorder();
            var view = new RemoteDataStore(store._connection, store._database, recorder);
            Exception? error = null;
            try
            {
                if (result.Probe(view) is Task { IsFaulted: true } faulted && faulted.Exception.InnerException is RedisException failed)
                {
                    error = failed;
                }
            }
            catch (CommandRecordedException)
            {
            }
            catch (RedisException ex)
            {
                // Checked by the client before sending (Redis would have refused it too): the command is not sent.
                error = ex;
            }

            if (recorder.Command is null)
            {
                return error ?? throw new InvalidOperationException("The queued delegate issued no command: it must call exactly one IDataStore method on the store it is given.");
            }

            _commands.Add((result, recorder.Database, recorder.Command));
            return null;
        }

        protected override bool ExecuteCore(IReadOnlyList<TransactionResult> queued)
        {
            var pending = _commands.Where(static c => c.Result.Status == TransactionResultStatus.Pending).ToList();

            // MULTI, the commands (with a SELECT queued before any that addresses another database, and one back at
            // the end so the connection ends where it started), EXEC: one write, one wait.
            var batch = new List<ReadOnlyMemory<byte>[]> { new[] { Multi } };
            var positions = new int[pending.Count];
            var selected = store._database;
            for (var i = 0; i < pending.Count; i++)
            {
                if (pending[i].Database != selected)
                {
                    selected = pending[i].Database;
                    batch.Add(Select(selected));
                }

                positions[i] = batch.Count - 1;
                batch.Add(pending[i].Command);
            }

            if (selected != store._database)
            {
                batch.Add(Select(store._database));
            }

            batch.Add([Exec]);
            // Without WATCH the shared connection serves: the batch is written in one piece under its lock, so no other
            // caller's command can fall between MULTI and EXEC. WATCH state is per connection, so it needs its own.
            var replies = (_connection ?? store._connection).ExecuteMany(store._database, [.. batch]);
            RedisConnection.ThrowIfError(replies[0]);
            for (var i = 0; i < pending.Count; i++)
            {
                // -ERR instead of +QUEUED: Redis rejected the command when it was queued, and EXEC will say EXECABORT.
                var queuedReply = replies[positions[i] + 1];
                if (queuedReply.IsError)
                {
                    pending[i].Result.Run(Replay(pending[i].Database, queuedReply));
                }
            }

            var exec = replies[^1];
            if (exec.IsError)
            {
                var abort = CaptureError(exec);
                foreach (var result in queued)
                {
                    if (result.Status == TransactionResultStatus.Pending)
                    {
                        result.SetFailed(abort);
                    }
                }

                throw abort;
            }

            if (exec.IsNull)
            {
                return false;
            }

            var items = exec.Items;
            for (var i = 0; i < pending.Count; i++)
            {
                pending[i].Result.Run(Replay(pending[i].Database, items[positions[i]]));
            }

            return true;
        }

        private RemoteDataStore Replay(int database, RespValue reply) => new(store._connection, database, new ReplyReplayer(reply));

        private static ReadOnlyMemory<byte>[] Select(int database) =>
            [Token("SELECT"), System.Text.Encoding.ASCII.GetBytes(database.ToString(System.Globalization.CultureInfo.InvariantCulture))];

        protected override void Finished()
        {
            // Closing the connection also ends any WATCH on the server.
            _connection?.Dispose();
        }

        private static Exception CaptureError(RespValue error)
        {
            try
            {
                RedisConnection.ThrowIfError(error);
                return new InvalidOperationException("Not an error reply.");
            }
            catch (RedisException ex)
            {
                return ex;
            }
        }
    }
}
