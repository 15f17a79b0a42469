namespace RedisLite;

/// <summary>
/// A Redis transaction (<c>MULTI</c>/<c>EXEC</c> with optional <c>WATCH</c>): commands are queued with <see cref="Add{T}"/>
/// and run by <see cref="Execute"/> all at once, with no command of any other caller in between. Create one with
/// <see cref="IDataStore.CreateTransaction"/>.
/// </summary>
/// <remarks>
/// <para><b>Queued commands.</b> Each delegate passed to <see cref="Add{T}"/> must issue exactly one command, on the
/// <see cref="IDataStore"/> it is given (not on a store captured from outside), and do nothing else: it may be invoked
/// more than once (to check the command when it is queued, and to run it or read its reply), as the delegate is the
/// transaction's description of the command.</para>
/// <para><b>Errors.</b> As in Redis, a command that fails when it runs (<c>WRONGTYPE</c>, <c>INCR</c> of a non-integer)
/// does not undo the others: its <see cref="TransactionResult{T}.Value"/> throws that error. A command Redis rejects
/// when it is queued (a wrong number of arguments, such as <c>KeyDelete</c> with no keys) makes <see cref="Execute"/>
/// discard the whole transaction and throw <c>EXECABORT Transaction discarded because of previous errors.</c>.
/// Blocking commands do not block inside a transaction: they reply at once as on a timeout, as inside Redis's MULTI.</para>
/// <para><b>WATCH.</b> <see cref="Watch"/> starts watching keys at once; <see cref="Execute"/> then runs nothing and
/// returns <see langword="false"/> if any of them was changed in between (written, deleted, expired, flushed, renamed,
/// moved or evicted), as Redis's EXEC replies a null array. A watched key that expires counts as changed (checked at
/// EXEC, as Redis 7.0 does), unless it had already expired when it was watched; FLUSHDB/FLUSHALL count only for
/// watched keys that existed. In-process, a write command on an existing list, set, hash or sorted set counts as a
/// change even when it changed nothing (SADD of a present member, or the source keys of SINTERSTORE and the like),
/// where Redis would not abort: such aborts only cost the caller a retry. Unlike Redis, <see cref="Watch"/> may also be
/// called after commands were queued (nothing is sent to the server before <see cref="Execute"/>).</para>
/// <para>Thread-safety: a transaction belongs to one caller at a time; it is not thread-safe. Any number of
/// transactions may run concurrently against the same store. Dispose it to discard it if it was not executed (and,
/// over RESP, to close its dedicated connection).</para>
/// </remarks>
public interface ITransaction : IDisposable
{
    /// <summary>Gets the number of commands queued so far.</summary>
    int Count { get; }

    /// <summary>Watches keys of the transaction's database (<c>WATCH</c>): if any of them is changed before
    /// <see cref="Execute"/>, the transaction does not run. Watching takes effect immediately.</summary>
    /// <param name="keys">The keys.</param>
    /// <exception cref="ArgumentException"><paramref name="keys"/> is null, empty or contains a null key.</exception>
    /// <exception cref="InvalidOperationException">The transaction was already executed or discarded.</exception>
    void Watch(params RedisKey[] keys);

    /// <summary>Stops watching every key (<c>UNWATCH</c>).</summary>
    /// <exception cref="InvalidOperationException">The transaction was already executed or discarded.</exception>
    void Unwatch();

    /// <summary>Queues one command.</summary>
    /// <typeparam name="T">What the command's method returns.</typeparam>
    /// <param name="command">Issues the command on the store it is given, for example <c>d =&gt; d.StringIncrement("counter")</c>.</param>
    /// <returns>The command's reply, available after <see cref="Execute"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="command"/> is null.</exception>
    /// <exception cref="ArgumentException">The command's arguments are invalid for .NET (such as a null key).</exception>
    /// <exception cref="InvalidOperationException">The transaction was already executed or discarded, or the delegate issued no command.</exception>
    TransactionResult<T> Add<T>(Func<IDataStore, T> command);

    /// <summary>Queues one command whose method returns nothing (such as <see cref="IDataStore.FlushDatabase"/>).</summary>
    /// <param name="command">Issues the command on the store it is given.</param>
    /// <returns>The command's outcome, available after <see cref="Execute"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="command"/> is null.</exception>
    /// <exception cref="ArgumentException">The command's arguments are invalid for .NET (such as a null key).</exception>
    /// <exception cref="InvalidOperationException">The transaction was already executed or discarded, or the delegate issued no command.</exception>
    TransactionResult Add(Action<IDataStore> command);

    /// <summary>Runs the queued commands atomically (<c>EXEC</c>) and stops watching keys.</summary>
    /// <returns><see langword="true"/> if the commands ran; <see langword="false"/> if a watched key had changed, in
    /// which case nothing ran (each result's status is <see cref="TransactionResultStatus.Aborted"/>).</returns>
    /// <exception cref="RedisException"><c>EXECABORT Transaction discarded because of previous errors.</c>: a command was
    /// rejected when queued (also any command queued while the store was over <see cref="RedisLiteOptions.MaxMemory"/>
    /// with nothing to evict); nothing ran. <c>EXECABORT Transaction discarded because of: OOM ...</c>: a queued command
    /// may add data and the store is over its limit with nothing to evict at EXEC; nothing ran.</exception>
    /// <exception cref="InvalidOperationException">The transaction was already executed or discarded, or this thread is
    /// already inside a transaction or atomic delegate (transactions cannot be nested).</exception>
    bool Execute();

    /// <summary>Drops the queued commands and stops watching keys (<c>DISCARD</c>).</summary>
    /// <exception cref="InvalidOperationException">The transaction was already executed or discarded.</exception>
    void Discard();
}
