namespace RedisLite.Blocking;

/// <summary>
/// A caller blocked on one or more keys (BLPOP, BLMOVE, BLMPOP, and the sorted-set family's BZPOPMIN, BZMPOP, ...).
/// </summary>
/// <remarks>
/// <para><b>Claiming.</b> A call is completed exactly once, by whoever first moves it out of the waiting state with
/// <see cref="TryClaim"/>: a write that serves it from a ready key, its timeout, or its cancellation. A server claims
/// before it pops, under the ready key's write scope, so an element is only ever taken for a call that is certain to
/// receive it: a timeout or a cancellation racing with a push either wins the claim (and nothing is popped) or loses
/// it (and the call returns the element). Claiming also removes the call from every key's queue.</para>
/// <para><b>Completion.</b> The task is created with <see cref="TaskCreationOptions.RunContinuationsAsynchronously"/>, so
/// completing it under a shard lock never runs the caller's continuation inline under that lock.</para>
/// </remarks>
internal abstract class BlockedCall
{
    private const int Waiting = 0;
    private const int Claimed = 1;

    /// <summary>The longest due time a timer accepts (about 49.7 days); longer timeouts re-arm it until they run out.</summary>
    private static readonly TimeSpan MaxTimerDue = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    private readonly Lock _gate = new();
    private int _state;
    private bool _finished;
    private ITimer? _timer;
    private TimeSpan _remaining;
    private CancellationTokenRegistration _cancellation;

    /// <summary>Creates a call blocked on <paramref name="keys"/> for values of <paramref name="type"/>.</summary>
    /// <param name="registry">The registry of the call's database.</param>
    /// <param name="keys">The keys, in the order the caller gave them (duplicates are ignored).</param>
    /// <param name="type">The type of collection the call pops from; other types at its keys do not wake it.</param>
    /// <param name="alsoLocks">A key whose shard serving needs too (BLMOVE's destination), or null.</param>
    protected BlockedCall(BlockingRegistry registry, byte[][] keys, RedisType type, byte[]? alsoLocks)
    {
        Registry = registry;
        Keys = keys;
        Type = type;
        AlsoLocks = alsoLocks;
        Nodes = new LinkedListNode<BlockedCall>?[keys.Length];
    }

    /// <summary>Gets the registry the call is (or was) registered with.</summary>
    public BlockingRegistry Registry { get; }

    /// <summary>Gets the keys the call waits on.</summary>
    public byte[][] Keys { get; }

    /// <summary>Gets the type of collection the call pops from.</summary>
    public RedisType Type { get; }

    /// <summary>Gets the key whose shard serving the call also needs (BLMOVE's destination), or null.</summary>
    public byte[]? AlsoLocks { get; }

    /// <summary>Gets the call's queue nodes, one per key (null once removed). Guarded by the registry's lock.</summary>
    internal LinkedListNode<BlockedCall>?[] Nodes { get; }

    /// <summary>Gets a value indicating whether the call still waits (nobody has claimed it).</summary>
    public bool IsWaiting => Volatile.Read(ref _state) == Waiting;

    /// <summary>Claims the call for completion and removes it from every key's queue. Only the one caller that gets
    /// <see langword="true"/> may complete the call; a server must claim before it pops anything.</summary>
    /// <returns><see langword="true"/> if this caller now owns the completion.</returns>
    public bool TryClaim()
    {
        if (Interlocked.CompareExchange(ref _state, Claimed, Waiting) != Waiting)
        {
            return false;
        }

        Registry.Remove(this);
        return true;
    }

    /// <summary>Serves the call from <paramref name="value"/>, a non-empty collection of <see cref="Type"/> at one of its
    /// keys. Called under that key's write scope; must claim (<see cref="TryClaim"/>) before popping.</summary>
    /// <param name="value">The ready collection.</param>
    /// <returns>What happened.</returns>
    public abstract ServeOutcome Serve(Collections.CollectionValue value);

    /// <summary>Starts the timeout (unless <paramref name="timeout"/> is zero: forever) and the cancellation, once the
    /// call is registered. Either completes the call if it wins the claim.</summary>
    /// <param name="time">The store's clock.</param>
    /// <param name="timeout">The timeout; <see cref="TimeSpan.Zero"/> waits forever.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    public void Arm(TimeProvider time, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        var due = timeout < MaxTimerDue ? timeout : MaxTimerDue;
        var timer = timeout == TimeSpan.Zero ? null : time.CreateTimer(static s => ((BlockedCall)s!).OnTimeout(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        var registration = cancellationToken.CanBeCanceled
            ? cancellationToken.UnsafeRegister(static (s, token) => ((BlockedCall)s!).OnCancelled(token), this)
            : default;
        lock (_gate)
        {
            if (!_finished)
            {
                _timer = timer;
                _remaining = timeout - due;
                _cancellation = registration;

                // Started only once recorded, so that its callback always finds it.
                timer?.Change(due, Timeout.InfiniteTimeSpan);
                return;
            }
        }

        // Served (or cancelled inline) before the timer and registration were recorded.
        timer?.Dispose();
        registration.Unregister();
    }

    /// <summary>Releases the timer and the cancellation registration; called by whoever completed the call.</summary>
    protected void Finish()
    {
        ITimer? timer;
        CancellationTokenRegistration registration;
        lock (_gate)
        {
            _finished = true;
            timer = _timer;
            registration = _cancellation;
            _timer = null;
            _cancellation = default;
        }

        timer?.Dispose();

        // Unregister, not Dispose: Dispose would wait for a cancellation callback running on another thread, and this
        // may run under a shard lock.
        registration.Unregister();
    }

    /// <summary>Completes the claimed call with its timeout result.</summary>
    protected abstract void CompleteTimedOut();

    /// <summary>Completes the claimed call as cancelled.</summary>
    /// <param name="token">The token that was cancelled.</param>
    protected abstract void CompleteCancelled(CancellationToken token);

    private void OnTimeout()
    {
        lock (_gate)
        {
            if (_finished)
            {
                return;
            }

            if (_remaining > TimeSpan.Zero)
            {
                var due = _remaining < MaxTimerDue ? _remaining : MaxTimerDue;
                _remaining -= due;
                _timer?.Change(due, Timeout.InfiniteTimeSpan);
                return;
            }
        }

        if (TryClaim())
        {
            CompleteTimedOut();
        }
    }

    private void OnCancelled(CancellationToken token)
    {
        if (TryClaim())
        {
            CompleteCancelled(token);
        }
    }
}

/// <summary>A blocked call with a result of type <typeparamref name="T"/>, served by a callback.</summary>
/// <typeparam name="T">The result type; <c>default</c> is the timeout result (Redis's nil).</typeparam>
internal sealed class BlockedCall<T> : BlockedCall
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Func<BlockedCall<T>, Collections.CollectionValue, ServeOutcome> _serve;

    /// <summary>Creates the call.</summary>
    /// <param name="registry">The registry of the call's database.</param>
    /// <param name="keys">The keys.</param>
    /// <param name="type">The type the call pops.</param>
    /// <param name="alsoLocks">A key whose shard serving also needs, or null.</param>
    /// <param name="serve">Serves the call from a ready collection: claims it, pops, and completes it with
    /// <see cref="Complete"/> or <see cref="Fail"/>; or returns <see cref="ServeOutcome.Skipped"/> /
    /// <see cref="ServeOutcome.Deferred"/> without claiming.</param>
    public BlockedCall(BlockingRegistry registry, byte[][] keys, RedisType type, byte[]? alsoLocks, Func<BlockedCall<T>, Collections.CollectionValue, ServeOutcome> serve)
        : base(registry, keys, type, alsoLocks) => _serve = serve;

    /// <summary>Gets the task the caller awaits.</summary>
    public Task<T> Task => _completion.Task;

    /// <inheritdoc/>
    public override ServeOutcome Serve(Collections.CollectionValue value) => _serve(this, value);

    /// <summary>Completes a claimed call with its result.</summary>
    /// <param name="result">The result.</param>
    public void Complete(T result)
    {
        Finish();
        Persistence.AppendLog.AfterWriteScope(() => _completion.TrySetResult(result));
    }

    /// <summary>Completes a claimed call with an error (for example WRONGTYPE at BLMOVE's destination).</summary>
    /// <param name="error">The error.</param>
    public void Fail(Exception error)
    {
        Finish();
        Persistence.AppendLog.AfterWriteScope(() => _completion.TrySetException(error));
    }

    /// <inheritdoc/>
    protected override void CompleteTimedOut() => Complete(default!);

    /// <inheritdoc/>
    protected override void CompleteCancelled(CancellationToken token)
    {
        Finish();
        _completion.TrySetCanceled(token);
    }
}
