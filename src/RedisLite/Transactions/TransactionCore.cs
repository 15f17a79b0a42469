namespace RedisLite.Transactions;

/// <summary>
/// What every <see cref="ITransaction"/> shares, in-process or over RESP: the queue, the results' bookkeeping, and
/// Redis's rule that a command rejected when queued makes EXEC discard the whole transaction (<c>EXECABORT</c>).
/// </summary>
/// <remarks>Not thread-safe: a transaction belongs to one caller at a time.</remarks>
internal abstract class TransactionCore : ITransaction
{
    private readonly List<TransactionResult> _queued = [];
    private bool _finished;
    private bool _rejected;

    /// <inheritdoc/>
    public int Count => _queued.Count;

    /// <inheritdoc/>
    public void Watch(params RedisKey[] keys)
    {
        ThrowIfFinished();
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Length == 0)
        {
            throw new ArgumentException("WATCH needs at least one key.", nameof(keys));
        }

        foreach (var key in keys)
        {
            if (key.IsNull)
            {
                throw new ArgumentException("The key is null; RedisKey values must be built from a non-null string or byte array.", nameof(keys));
            }
        }

        WatchCore(keys);
    }

    /// <inheritdoc/>
    public void Unwatch()
    {
        ThrowIfFinished();
        UnwatchCore();
    }

    /// <inheritdoc/>
    public TransactionResult<T> Add<T>(Func<IDataStore, T> command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return Queue(new TransactionResult<T>(command));
    }

    /// <inheritdoc/>
    public TransactionResult Add(Action<IDataStore> command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return Queue(new ActionTransactionResult(command));
    }

    private T Queue<T>(T result)
        where T : TransactionResult
    {
        ThrowIfFinished();
        var error = CheckQueued(result);
        if (error is not null)
        {
            if (error is RedisException redis && ErrorMessages.IsQueueTimeError(redis.Message))
            {
                _rejected = true;
            }

            result.SetFailed(error);
        }

        _queued.Add(result);
        return result;
    }

    /// <inheritdoc/>
    public bool Execute()
    {
        ThrowIfFinished();
        if (_rejected)
        {
            _finished = true;
            var abort = new RedisException(ErrorMessages.ExecAbort);
            foreach (var result in _queued)
            {
                if (result.Status == TransactionResultStatus.Pending)
                {
                    result.SetFailed(abort);
                }
            }

            Finished();
            throw abort;
        }

        bool committed;
        try
        {
            committed = ExecuteCore(_queued);
        }
        finally
        {
            _finished = true;
            Finished();
        }

        if (!committed)
        {
            foreach (var result in _queued)
            {
                result.SetFinal(TransactionResultStatus.Aborted);
            }
        }

        return committed;
    }

    /// <inheritdoc/>
    public void Discard()
    {
        ThrowIfFinished();
        DiscardCore();
    }

    /// <summary>Discards the transaction if it is still open and releases its resources.</summary>
    public void Dispose()
    {
        if (!_finished)
        {
            DiscardCore();
        }
    }

    private void DiscardCore()
    {
        _finished = true;
        foreach (var result in _queued)
        {
            result.SetFinal(TransactionResultStatus.Discarded);
        }

        Finished();
    }

    private void ThrowIfFinished()
    {
        if (_finished)
        {
            throw new InvalidOperationException("The transaction was already executed or discarded; create a new one.");
        }
    }

    /// <summary>Starts watching <paramref name="keys"/> (validated: non-empty, no null key).</summary>
    protected abstract void WatchCore(RedisKey[] keys);

    /// <summary>Stops watching every key.</summary>
    protected abstract void UnwatchCore();

    /// <summary>Checks a command as Redis does when queuing it. Returns the error it would be rejected with (a
    /// queue-time error marks the whole transaction for EXECABORT; any other error means the command is not sent and
    /// fails with it), or null when it is fine. Throws for .NET argument errors.</summary>
    protected abstract Exception? CheckQueued(TransactionResult result);

    /// <summary>Runs the pending commands atomically, recording each one's reply, or none of them when a watched key
    /// changed (returns false); stops watching keys either way.</summary>
    protected abstract bool ExecuteCore(IReadOnlyList<TransactionResult> queued);

    /// <summary>Called once when the transaction has been executed or discarded: stop watching keys and release
    /// resources. Must not throw.</summary>
    protected abstract void Finished();
}
