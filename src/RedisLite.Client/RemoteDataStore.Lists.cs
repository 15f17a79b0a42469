using System.Globalization;
using RedisLite.Resp;

namespace RedisLite.Client;

public sealed partial class RemoteDataStore
{
    /// <summary>The longest wait a connection's reply timeout can express (the socket's send timeout is an int of ms).</summary>
    private static readonly TimeSpan ForeverReplyTimeout = TimeSpan.FromMilliseconds(int.MaxValue);

    /// <inheritdoc/>
    public long ListLeftPush(RedisKey key, RedisValue value, When when = When.Always) =>
        Run(Token(PushName(ListSide.Left, when)), Key(key), Value(value)).Integer;

    /// <inheritdoc/>
    public long ListLeftPush(RedisKey key, RedisValue[] values, When when = When.Always) => Run(PushCommand(ListSide.Left, key, values, when)).Integer;

    /// <inheritdoc/>
    public long ListRightPush(RedisKey key, RedisValue value, When when = When.Always) =>
        Run(Token(PushName(ListSide.Right, when)), Key(key), Value(value)).Integer;

    /// <inheritdoc/>
    public long ListRightPush(RedisKey key, RedisValue[] values, When when = When.Always) => Run(PushCommand(ListSide.Right, key, values, when)).Integer;

    /// <inheritdoc/>
    public RedisValue ListLeftPop(RedisKey key) => ToValue(Run(Token("LPOP"), Key(key)));

    /// <inheritdoc/>
    public RedisValue[]? ListLeftPop(RedisKey key, long count) => ToValuesOrNull(Run(Token("LPOP"), Key(key), Number(count)));

    /// <inheritdoc/>
    public RedisValue ListRightPop(RedisKey key) => ToValue(Run(Token("RPOP"), Key(key)));

    /// <inheritdoc/>
    public RedisValue[]? ListRightPop(RedisKey key, long count) => ToValuesOrNull(Run(Token("RPOP"), Key(key), Number(count)));

    /// <inheritdoc/>
    public RedisValue[] ListRange(RedisKey key, long start = 0, long stop = -1) =>
        Run(Token("LRANGE"), Key(key), Number(start), Number(stop)).Items.Select(ToValue).ToArray();

    /// <inheritdoc/>
    public RedisValue ListGetByIndex(RedisKey key, long index) => ToValue(Run(Token("LINDEX"), Key(key), Number(index)));

    /// <inheritdoc/>
    public void ListSetByIndex(RedisKey key, long index, RedisValue value) => Run(Token("LSET"), Key(key), Number(index), Value(value));

    /// <inheritdoc/>
    public long ListInsertBefore(RedisKey key, RedisValue pivot, RedisValue value) =>
        Run(Token("LINSERT"), Key(key), Token("BEFORE"), Value(pivot, nameof(pivot)), Value(value)).Integer;

    /// <inheritdoc/>
    public long ListInsertAfter(RedisKey key, RedisValue pivot, RedisValue value) =>
        Run(Token("LINSERT"), Key(key), Token("AFTER"), Value(pivot, nameof(pivot)), Value(value)).Integer;

    /// <inheritdoc/>
    public long ListRemove(RedisKey key, RedisValue value, long count = 0) => Run(Token("LREM"), Key(key), Number(count), Value(value)).Integer;

    /// <inheritdoc/>
    public void ListTrim(RedisKey key, long start, long stop) => Run(Token("LTRIM"), Key(key), Number(start), Number(stop));

    /// <inheritdoc/>
    public long ListPosition(RedisKey key, RedisValue element, long rank = 1, long maxLength = 0)
    {
        var reply = Run(PositionCommand(key, element, rank, count: null, maxLength));
        return reply.IsNull ? -1 : reply.Integer;
    }

    /// <inheritdoc/>
    public long[] ListPositions(RedisKey key, RedisValue element, long count, long rank = 1, long maxLength = 0) =>
        Run(PositionCommand(key, element, rank, count, maxLength)).Items.Select(static i => i.Integer).ToArray();

    /// <inheritdoc/>
    public long ListLength(RedisKey key) => Run(Token("LLEN"), Key(key)).Integer;

    /// <inheritdoc/>
    public RedisValue ListMove(RedisKey source, RedisKey destination, ListSide from, ListSide to) =>
        ToValue(Run(Token("LMOVE"), Key(source, nameof(source)), Key(destination, nameof(destination)), Side(from), Side(to)));

    /// <inheritdoc/>
    public RedisValue ListRightPopLeftPush(RedisKey source, RedisKey destination) =>
        ToValue(Run(Token("RPOPLPUSH"), Key(source, nameof(source)), Key(destination, nameof(destination))));

    /// <inheritdoc/>
    public ListPopResult? ListPop(RedisKey[] keys, ListSide side, long count = 1) => ToPopResult(Run(MultiPopCommand("LMPOP", null, keys, Side(side), count)));

    /// <inheritdoc/>
    public async Task<(RedisKey Key, RedisValue Value)?> ListLeftPopBlockingAsync(RedisKey[] keys, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var command = BlockingKeysCommand("BLPOP", keys, timeout);
        return ToKeyValue(await RunBlockingAsync(command, timeout, cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc/>
    public async Task<(RedisKey Key, RedisValue Value)?> ListRightPopBlockingAsync(RedisKey[] keys, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var command = BlockingKeysCommand("BRPOP", keys, timeout);
        return ToKeyValue(await RunBlockingAsync(command, timeout, cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc/>
    public async Task<RedisValue> ListMoveBlockingAsync(RedisKey source, RedisKey destination, ListSide from, ListSide to, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ReadOnlyMemory<byte>[] command = [Token("BLMOVE"), Key(source, nameof(source)), Key(destination, nameof(destination)), Side(from), Side(to), Seconds(timeout)];
        return ToValue(await RunBlockingAsync(command, timeout, cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc/>
    public async Task<RedisValue> ListRightPopLeftPushBlockingAsync(RedisKey source, RedisKey destination, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ReadOnlyMemory<byte>[] command = [Token("BRPOPLPUSH"), Key(source, nameof(source)), Key(destination, nameof(destination)), Seconds(timeout)];
        return ToValue(await RunBlockingAsync(command, timeout, cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc/>
    public async Task<ListPopResult?> ListPopBlockingAsync(RedisKey[] keys, ListSide side, TimeSpan timeout, long count = 1, CancellationToken cancellationToken = default)
    {
        var command = MultiPopCommand("BLMPOP", Seconds(timeout), keys, Side(side), count);
        return ToPopResult(await RunBlockingAsync(command, timeout, cancellationToken).ConfigureAwait(false));
    }

    // ------------------------------------------------------------------ helpers

    /// <summary>Runs a blocking command on a connection of its own, so that the wait stalls no other caller of the shared,
    /// pipelined connection. The reply timeout is the block timeout plus the configured command timeout; cancelling closes
    /// the connection (which is what ends a blocked command in Redis too).</summary>
    private async Task<RespValue> RunBlockingAsync(ReadOnlyMemory<byte>[] command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_interceptor is not null)
        {
            // Queued in a transaction: recorded or replayed like any other command (it does not block inside MULTI).
            return _interceptor.Intercept(_database, command);
        }

        var shared = _connection.Options;
        var replyTimeout = timeout <= TimeSpan.Zero || timeout >= ForeverReplyTimeout - shared.CommandTimeout
            ? ForeverReplyTimeout
            : timeout + shared.CommandTimeout;
        using var connection = DedicatedConnection(replyTimeout);
        using var registration = cancellationToken.Register(static c => ((RedisConnection)c!).Dispose(), connection);
        try
        {
            // The connection's reads are synchronous; a thread of its own keeps a long wait off the thread pool.
            return await Task.Factory.StartNew(
                () => connection.Execute(_database, command),
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default).ConfigureAwait(false);
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested && ex is RedisConnectionException or ObjectDisposedException)
        {
            throw new OperationCanceledException("The blocking command was cancelled; its connection was closed.", ex, cancellationToken);
        }
    }

    /// <summary>A timeout in Redis's seconds, in whole milliseconds rounded up (so a positive timeout never reads as 0, forever).</summary>
    private static ReadOnlyMemory<byte> Seconds(TimeSpan timeout)
    {
        var ms = timeout < TimeSpan.Zero ? Math.Floor(timeout.TotalMilliseconds) : Math.Ceiling(timeout.TotalMilliseconds);
        return System.Text.Encoding.ASCII.GetBytes((ms / 1000).ToString("0.###", CultureInfo.InvariantCulture));
    }

    private static ReadOnlyMemory<byte> Side(ListSide side, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(side))] string paramName = "side") => side switch
    {
        ListSide.Left => Token("LEFT"),
        ListSide.Right => Token("RIGHT"),
        _ => throw new ArgumentOutOfRangeException(paramName, side, "A list side is Left or Right."),
    };

    private static string PushName(ListSide side, When when) => when switch
    {
        When.Always => side == ListSide.Left ? "LPUSH" : "RPUSH",
        When.Exists => side == ListSide.Left ? "LPUSHX" : "RPUSHX",
        _ => throw new ArgumentOutOfRangeException(nameof(when), when, "LPUSH/RPUSH support When.Always and When.Exists (LPUSHX/RPUSHX) only."),
    };

    private static ReadOnlyMemory<byte>[] PushCommand(ListSide side, in RedisKey key, RedisValue[] values, When when)
    {
        ArgumentNullException.ThrowIfNull(values);
        var args = new ReadOnlyMemory<byte>[values.Length + 2];
        args[0] = Token(PushName(side, when));
        args[1] = Key(key);
        for (var i = 0; i < values.Length; i++)
        {
            args[i + 2] = Value(values[i], nameof(values));
        }

        return args;
    }

    private static ReadOnlyMemory<byte>[] PositionCommand(in RedisKey key, in RedisValue element, long rank, long? count, long maxLength)
    {
        var args = new List<ReadOnlyMemory<byte>>(9) { Token("LPOS"), Key(key), Value(element, nameof(element)) };
        if (rank != 1)
        {
            args.Add(Token("RANK"));
            args.Add(Number(rank));
        }

        if (count is { } c)
        {
            args.Add(Token("COUNT"));
            args.Add(Number(c));
        }

        if (maxLength != 0)
        {
            args.Add(Token("MAXLEN"));
            args.Add(Number(maxLength));
        }

        return [.. args];
    }

    private static ReadOnlyMemory<byte>[] BlockingKeysCommand(string command, RedisKey[] keys, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var args = new ReadOnlyMemory<byte>[keys.Length + 2];
        args[0] = Token(command);
        for (var i = 0; i < keys.Length; i++)
        {
            args[i + 1] = Key(keys[i], nameof(keys));
        }

        args[^1] = Seconds(timeout);
        return args;
    }

    /// <summary>LMPOP/BLMPOP/ZMPOP/BZMPOP: <c>[timeout] numkeys key ... end COUNT count</c>, where <paramref name="end"/> is
    /// LEFT|RIGHT or MIN|MAX.</summary>
    private static ReadOnlyMemory<byte>[] MultiPopCommand(string command, ReadOnlyMemory<byte>? timeout, RedisKey[] keys, ReadOnlyMemory<byte> end, long count)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var args = new List<ReadOnlyMemory<byte>>(keys.Length + 6) { Token(command) };
        if (timeout is { } t)
        {
            args.Add(t);
        }

        args.Add(Number(keys.Length));
        foreach (var key in keys)
        {
            args.Add(Key(key, nameof(keys)));
        }

        // COUNT is always sent: without it, a call with no keys would be too short a command line for Redis to reach
        // its numkeys check.
        args.Add(end);
        args.Add(Token("COUNT"));
        args.Add(Number(count));

        return [.. args];
    }

    private static RedisValue[]? ToValuesOrNull(RespValue reply) => reply.IsNull ? null : reply.Items.Select(ToValue).ToArray();

    private static (RedisKey Key, RedisValue Value)? ToKeyValue(RespValue reply) =>
        reply.IsNull ? null : (ToKey(reply.Items[0]), ToValue(reply.Items[1]));

    private static ListPopResult? ToPopResult(RespValue reply) =>
        reply.IsNull ? null : new ListPopResult(ToKey(reply.Items[0]), reply.Items[1].Items.Select(ToValue).ToArray());
}
