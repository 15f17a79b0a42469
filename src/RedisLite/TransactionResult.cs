using System.Runtime.ExceptionServices;

namespace RedisLite;

/// <summary>Where a command queued in an <see cref="ITransaction"/> stands.</summary>
public enum TransactionResultStatus
{
    /// <summary>Queued; the transaction has not been executed yet.</summary>
    Pending,

    /// <summary>The command ran and replied normally.</summary>
    Completed,

    /// <summary>The command failed: it ran and replied with an error (which, as in Redis, does not undo the
    /// transaction's other commands), or the whole transaction was rejected with <c>EXECABORT</c>.</summary>
    Failed,

    /// <summary>The transaction did not run because a watched key changed (Redis's EXEC replying a null array).</summary>
    Aborted,

    /// <summary>The transaction was discarded (<c>DISCARD</c>) or disposed before it was executed.</summary>
    Discarded,
}

/// <summary>The reply of one command queued in an <see cref="ITransaction"/>, available once the transaction has executed.</summary>
/// <remarks>Thread-safety: written by the transaction when it executes; read it after <see cref="ITransaction.Execute"/>
/// has returned.</remarks>
public abstract class TransactionResult
{
    private protected TransactionResult()
    {
    }

    /// <summary>Gets where the command stands.</summary>
    public TransactionResultStatus Status { get; private set; }

    /// <summary>Gets the error the command failed with when <see cref="Status"/> is <see cref="TransactionResultStatus.Failed"/>:
    /// a <see cref="RedisException"/> with Redis's reply text (the command's own runtime error, its queue-time error, or
    /// <c>EXECABORT</c> for the other commands of a rejected transaction).</summary>
    public Exception? Error { get; private set; }

    /// <summary>Throws unless the command completed.</summary>
    /// <exception cref="RedisException">The command failed; the message is Redis's error reply.</exception>
    /// <exception cref="InvalidOperationException">The transaction has not executed, was aborted by WATCH, or was discarded.</exception>
    public void ThrowIfFailed()
    {
        switch (Status)
        {
            case TransactionResultStatus.Completed:
                return;
            case TransactionResultStatus.Failed:
                ExceptionDispatchInfo.Throw(Error!);
                return;
            case TransactionResultStatus.Aborted:
                throw new InvalidOperationException("The transaction did not run: a watched key was changed (EXEC replied a null array).");
            case TransactionResultStatus.Discarded:
                throw new InvalidOperationException("The transaction was discarded before it was executed.");
            default:
                throw new InvalidOperationException("The transaction has not been executed yet.");
        }
    }

    /// <summary>Runs the queued command against <paramref name="store"/> and records its reply or error.</summary>
    internal void Run(IDataStore store)
    {
        try
        {
            Complete(store);
        }
        catch (Exception ex)
        {
            SetFailed(ex);
        }
    }

    /// <summary>Runs the queued command against <paramref name="store"/> and returns what it returned, recording nothing.</summary>
    internal abstract object? Probe(IDataStore store);

    /// <summary>Runs the command and stores its reply; exceptions propagate.</summary>
    private protected abstract void Complete(IDataStore store);

    private protected void SetCompleted() => Status = TransactionResultStatus.Completed;

    internal void SetFailed(Exception error)
    {
        Error = error;
        Status = TransactionResultStatus.Failed;
    }

    internal void SetFinal(TransactionResultStatus status)
    {
        if (Status == TransactionResultStatus.Pending)
        {
            Status = status;
        }
    }
}

/// <summary>The typed reply of one command queued in an <see cref="ITransaction"/>.</summary>
/// <typeparam name="T">What the queued <see cref="IDataStore"/> method returns.</typeparam>
/// <remarks>Thread-safety: written by the transaction when it executes; read it after <see cref="ITransaction.Execute"/> has returned.</remarks>
public sealed class TransactionResult<T> : TransactionResult
{
    private readonly Func<IDataStore, T> _command;
    private T _value = default!;

    internal TransactionResult(Func<IDataStore, T> command) => _command = command;

    /// <summary>Gets the command's reply, exactly as the <see cref="IDataStore"/> method would have returned it outside a transaction.</summary>
    /// <exception cref="RedisException">The command failed (for example <c>WRONGTYPE</c>, or <c>EXECABORT</c>); the message is Redis's error reply.</exception>
    /// <exception cref="InvalidOperationException">The transaction has not executed, was aborted by WATCH, or was discarded.</exception>
    public T Value
    {
        get
        {
            ThrowIfFailed();
            return _value;
        }
    }

    internal override object? Probe(IDataStore store) => _command(store);

    private protected override void Complete(IDataStore store)
    {
        _value = _command(store);
        SetCompleted();
    }
}

/// <summary>A queued command whose method returns nothing (such as <see cref="IDataStore.FlushDatabase"/>).</summary>
internal sealed class ActionTransactionResult(Action<IDataStore> command) : TransactionResult
{
    internal override object? Probe(IDataStore store)
    {
        command(store);
        return null;
    }

    private protected override void Complete(IDataStore store)
    {
        command(store);
        SetCompleted();
    }
}
