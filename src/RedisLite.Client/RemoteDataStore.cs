using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using RedisLite.Resp;

namespace RedisLite.Client;

/// <summary>
/// <see cref="IDataStore"/> backed by a real Redis server: each method sends the Redis command it mirrors over RESP2
/// or RESP3 and returns the reply as the in-process <see cref="DataStore"/> would, with the same exception types and
/// messages. Application code can therefore run on <see cref="DataStore"/> in development and tests and on a Redis
/// server in production.
/// </summary>
/// <remarks>
/// <para>Thread-safe: all callers share one pipelined connection; commands are sent in call order and replies matched
/// in the same order. The connection is opened on first use and re-opened after it is lost; commands that were in flight
/// when it was lost fail with <see cref="RedisConnectionException"/>.</para>
/// <para>Views returned by <see cref="GetDatabase"/> share the connection (it issues <c>SELECT</c> as needed). Dispose the
/// store that was constructed to close the connection; disposing a view does nothing.</para>
/// <para>Cluster routing is not supported yet: every command goes to the one configured server.</para>
/// </remarks>
public sealed partial class RemoteDataStore : IDataStore, IDisposable
{
    private static readonly ConcurrentDictionary<string, ReadOnlyMemory<byte>> Tokens = new(StringComparer.Ordinal);

    private readonly RedisConnection _connection;
    private readonly int _database;
    private readonly bool _ownsConnection;

    /// <summary>Set on the views a transaction records or replays its commands with (see RemoteDataStore.Transactions.cs).</summary>
    private readonly ICommandInterceptor? _interceptor;

    /// <summary>Creates a store for the server described by <paramref name="options"/>. Nothing is sent until the first command.</summary>
    /// <param name="options">The server's address and the connection settings.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public RemoteDataStore(RemoteDataStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _connection = new RedisConnection(options);
        _ownsConnection = true;
    }

    private RemoteDataStore(RedisConnection connection, int database)
    {
        _connection = connection;
        _database = database;
    }

    /// <summary>Opens the connection now, so that an unreachable server or a wrong password is reported here rather than by the first command.</summary>
    /// <exception cref="RedisConnectionException">The server could not be reached.</exception>
    /// <exception cref="RedisException">The handshake was refused (for example a wrong password).</exception>
    public void Connect() => _connection.EnsureConnected();

    /// <inheritdoc/>
    public int Database => _database;

    /// <inheritdoc/>
    public int DatabaseCount
    {
        get
        {
            _connection.EnsureConnected();
            return _connection.DatabaseCount;
        }
    }

    /// <inheritdoc/>
    public IDataStore GetDatabase(int database)
    {
        if ((uint)database >= (uint)DatabaseCount)
        {
            throw new RedisException(ErrorMessages.DbIndexOutOfRange);
        }

        // A view taken inside a queued delegate records or replays its command too (MULTI may span databases).
        return _interceptor is null ? new RemoteDataStore(_connection, database) : new RemoteDataStore(_connection, database, _interceptor);
    }

    /// <inheritdoc/>
    public long DatabaseSize() => Run("DBSIZE").Integer;

    /// <inheritdoc/>
    public void FlushDatabase() => Run("FLUSHDB");

    /// <inheritdoc/>
    public void FlushAllDatabases() => Run("FLUSHALL");

    /// <summary>Closes the connection. Disposing a database view does nothing.</summary>
    public void Dispose()
    {
        if (_ownsConnection)
        {
            _connection.Dispose();
        }
    }

    // ------------------------------------------------------------------ command plumbing

    private RespValue Run(params ReadOnlyMemory<byte>[] command) =>
        _interceptor is null ? _connection.Execute(_database, command) : _interceptor.Intercept(_database, command);

    private RespValue Run(string name) => Run(Token(name));

    private static ReadOnlyMemory<byte> Token(string token) => Tokens.GetOrAdd(token, static t => Encoding.ASCII.GetBytes(t));

    private static ReadOnlyMemory<byte> Key(in RedisKey key, string paramName = "key")
    {
        if (key.IsNull)
        {
            throw new ArgumentException("The key is null; RedisKey values must be built from a non-null string or byte array.", paramName);
        }

        return key.AsMemory();
    }

    private static ReadOnlyMemory<byte> Value(in RedisValue value, string paramName = "value")
    {
        if (value.IsNull)
        {
            throw new ArgumentException("The value is RedisValue.Null; Redis stores no null values (use KeyDelete to remove a key).", paramName);
        }

        return value.AsMemory();
    }

    private static ReadOnlyMemory<byte> Number(long number) => Encoding.ASCII.GetBytes(number.ToString(CultureInfo.InvariantCulture));

    private static ReadOnlyMemory<byte>[] Keys(string command, RedisKey[] keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var args = new ReadOnlyMemory<byte>[keys.Length + 1];
        args[0] = Token(command);
        for (var i = 0; i < keys.Length; i++)
        {
            args[i + 1] = Key(keys[i], nameof(keys));
        }

        return args;
    }

    /// <summary>Runs one page of SCAN, HSCAN, SSCAN or ZSCAN: <paramref name="prefix"/> (the command, and the key for
    /// the collection forms), the cursor, MATCH when a pattern is given, COUNT, then <paramref name="suffix"/>.</summary>
    /// <returns>The next cursor and the page's items as the server sent them.</returns>
    private (ulong Next, RespValue Items) RunScan(ReadOnlyMemory<byte>[] prefix, ulong cursor, in RedisValue pattern, int count, params ReadOnlyMemory<byte>[] suffix)
    {
        var args = new List<ReadOnlyMemory<byte>>(prefix.Length + 5 + suffix.Length);
        args.AddRange(prefix);
        args.Add(Encoding.ASCII.GetBytes(cursor.ToString(CultureInfo.InvariantCulture)));
        if (!pattern.IsNull)
        {
            args.Add(Token("MATCH"));
            args.Add(pattern.AsMemory());
        }

        args.Add(Token("COUNT"));
        args.Add(Number(count));
        args.AddRange(suffix);
        var reply = Run([.. args]).Items;
        return (ulong.Parse(reply[0].GetString() ?? "0", NumberStyles.None, CultureInfo.InvariantCulture), reply[1]);
    }

    private static RedisValue ToValue(RespValue reply) => reply.IsNull ? RedisValue.Null : (RedisValue)reply.Bytes;

    private static RedisKey ToKey(RespValue reply) => reply.IsNull ? default : (RedisKey)reply.Bytes;

    private static bool IsOk(RespValue reply) => reply.Type == RespType.SimpleString && reply.Bytes.Span.SequenceEqual("OK"u8);

    private static long ToInteger(RespValue reply) => reply.Type == RespType.Integer
        ? reply.Integer
        : long.Parse(reply.GetString() ?? "0", NumberStyles.Integer, CultureInfo.InvariantCulture);

    private static void AddExpiry(List<ReadOnlyMemory<byte>> args, Expiration expiry)
    {
        switch (expiry.Kind)
        {
            case ExpirationKind.Relative:
                args.Add(Token("PX"));
                args.Add(Number(expiry.Milliseconds));
                break;
            case ExpirationKind.Absolute:
                args.Add(Token("PXAT"));
                args.Add(Number(expiry.Milliseconds));
                break;
            case ExpirationKind.KeepTtl:
                args.Add(Token("KEEPTTL"));
                break;
            case ExpirationKind.Persist:
                args.Add(Token("PERSIST"));
                break;
        }
    }
}
