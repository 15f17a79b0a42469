using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace RedisLite.Persistence;

/// <summary>
/// The write feed and the append log (Redis's AOF role): every write records its effect here, inside the write scope of
/// the keys it changed (so the log's order is the order the writes were applied), and a flusher thread writes the
/// records to the current log file and flushes them to disk as the fsync policy says.
/// </summary>
/// <remarks>
/// <para><b>Cost on the writer.</b> A record is built in a per-thread buffer (no lock, no allocation), then copied into
/// the shared pending chunks under a short lock. Under <c>always</c> the first record of a batch wakes the flusher;
/// otherwise the flusher polls every few milliseconds while records flow and is woken only from idle, so a busy store
/// pays no wake-up per write.</para>
/// <para><b>Durability.</b> Positions are counted in bytes since the log was opened (log sequence numbers). Under
/// <see cref="AppendFsyncPolicy.Always"/> a writer, once it has left every lock, waits until the flusher has fsynced
/// past its record; the flusher fsyncs everything pending at once, so concurrent writers share fsyncs (group commit).
/// Under <see cref="AppendFsyncPolicy.EverySecond"/> the flusher writes promptly and fsyncs about once a second;
/// under <see cref="AppendFsyncPolicy.No"/> it writes and leaves flushing to the operating system.</para>
/// <para><b>Counting only.</b> Without a file (snapshots only) the feed just counts changes for the save points.</para>
/// <para>Thread-safe.</para>
/// </remarks>
internal sealed class AppendLog : IDisposable
{
    [ThreadStatic]
    private static LogBuilder? t_builder;

    /// <summary>The log whose record the current thread must see durable before its write returns.</summary>
    [ThreadStatic]
    private static AppendLog? t_awaitLog;

    [ThreadStatic]
    private static long t_awaitPosition;

    private readonly Lock _lock = new();
    private readonly object _durableGate = new();
    private readonly AppendFsyncPolicy _policy;
    private readonly bool _logging;
    private readonly ManualResetEventSlim _signal = new(false);
    private readonly Thread? _flusher;
    private readonly List<(long Position, FileStream Next, Action<FileStream> Switched)> _switches = [];
    // Pending records live in fixed-size chunks: growing one array would copy everything pending under the lock (and
    // allocate ever larger arrays) exactly when the disk is slow, stalling every writer.
    private const int ChunkSize = 1 << 20;
    private const int MaxPooledChunks = 32;
    private readonly Stack<byte[]> _freeChunks = new();
    private List<byte[]> _pendingChunks = [];
    private List<byte[]> _spareChunks = [];
    private int _tailUsed = ChunkSize;
    private long _pendingLength;
    private long _appended;
    private long _durable;
    private long _changes;
    private long _fileBytes;
    private FileStream? _file;
    private volatile Exception? _failure;
    private volatile bool _stopping;
    private long _lastFsyncTicks;
    private bool _disposed;

    /// <summary>Creates a feed that only counts changes (snapshot save points without an append log).</summary>
    public AppendLog()
    {
        _policy = AppendFsyncPolicy.No;
    }

    /// <summary>Creates a log that appends to <paramref name="file"/> (positioned at its end, preamble written).</summary>
    /// <param name="file">The current log file; the log owns it from now on.</param>
    /// <param name="policy">When to flush to disk.</param>
    public AppendLog(FileStream file, AppendFsyncPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(file);
        _file = file;
        _fileBytes = file.Length;
        _policy = policy;
        _logging = true;
        if (policy == AppendFsyncPolicy.Always)
        {
            Interlocked.Increment(ref s_alwaysLogs);
        }

        _lastFsyncTicks = Stopwatch.GetTimestamp();
        _flusher = new Thread(FlushLoop) { IsBackground = true, Name = "RedisLite append log" };
        _flusher.Start();
    }

    /// <summary>Gets whether records are written (false: changes are only counted).</summary>
    public bool IsLogging => _logging;

    /// <summary>Gets how many write operations have been recorded (Redis's dirty counter).</summary>
    public long Changes => Interlocked.Read(ref _changes);

    /// <summary>Gets the size of the current log file, as far as the flusher has written it.</summary>
    public long CurrentFileBytes => Interlocked.Read(ref _fileBytes);

    /// <summary>Called once, on the flusher thread, when the log fails (the store then refuses writes).</summary>
    public Action? Failed { get; set; }

    /// <summary>Gets the failure that stopped the log (a write or fsync error), or null.</summary>
    public Exception? Failure => _failure;

    /// <summary>Starts recording one operation on database <paramref name="database"/>. Call inside the write scope of
    /// the keys it changed, after the change, and dispose the entry (with <c>using</c>) once its arguments are added.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public LogEntry Begin(LogOp op, int database)
    {
        if (!_logging)
        {
            Interlocked.Increment(ref _changes);
            return default;
        }

        return BeginRecorded(op, database);
    }

    private LogEntry BeginRecorded(LogOp op, int database)
    {
        var builder = t_builder ??= new LogBuilder();
        if (builder.HasOperations && builder.Owner != this)
        {
            // This thread has a group open on another store (a write to store B inside store A's transaction): record
            // this one on its own.
            builder = new LogBuilder();
        }

        builder.Owner = this;
        var span = builder.Reserve(11);
        span[0] = (byte)op;
        builder.Advance(1 + LogFormat.WriteVarint(span[1..], (uint)database));
        return new LogEntry(this, builder);
    }

    /// <summary>Opens a group: operations recorded by this thread until the matching <see cref="EndGroup"/> form one
    /// record, applied whole or not at all on replay (a transaction, a command of several operations). Groups nest.</summary>
    public void BeginGroup()
    {
        if (!_logging)
        {
            return;
        }

        var builder = t_builder ??= new LogBuilder();
        if (builder.Depth == 0 || builder.Owner == this)
        {
            builder.Owner = this;
            builder.Depth++;
        }
    }

    /// <summary>Closes a group opened by <see cref="BeginGroup"/>; the outermost commits the record. Call it while
    /// still holding the locks of everything the group changed.</summary>
    public void EndGroup()
    {
        if (!_logging)
        {
            return;
        }

        var builder = t_builder;
        if (builder is null || builder.Owner != this || builder.Depth == 0)
        {
            return;
        }

        if (--builder.Depth == 0 && builder.HasOperations)
        {
            Commit(builder);
        }
    }

    internal void EndOperation(LogBuilder builder)
    {
        builder.Operations++;
        if (builder.Depth == 0 || !ReferenceEquals(builder, t_builder))
        {
            Commit(builder);
        }
    }

    private void Commit(LogBuilder builder)
    {
        var record = builder.Record;
        LogFormat.WriteRecordHeader(record);
        bool wake;
        long position;
        lock (_lock)
        {
            var remaining = record;
            while (!remaining.IsEmpty)
            {
                if (_tailUsed == ChunkSize)
                {
                    _pendingChunks.Add(_freeChunks.TryPop(out var free) ? free : new byte[ChunkSize]);
                    _tailUsed = 0;
                }

                var n = Math.Min(remaining.Length, ChunkSize - _tailUsed);
                remaining[..n].CopyTo(_pendingChunks[^1].AsSpan(_tailUsed));
                _tailUsed += n;
                remaining = remaining[n..];
            }

            // 'always' wakes the flusher for the first record of each batch (a writer waits on it). The other policies
            // wake it only when it sleeps idle or a lot is pending: while writes flow it polls every few
            // milliseconds, so a busy store pays no wake-up (a system call and a context switch) per write.
            wake = _policy == AppendFsyncPolicy.Always
                ? _pendingLength == 0
                : (_pendingLength == 0 && _flusherIdle) || (_pendingLength < WakeThreshold && _pendingLength + record.Length >= WakeThreshold);
            _pendingLength += record.Length;
            _pendingRecords++;
            _appended += record.Length;
            position = _appended;
            _changes += builder.Operations;
        }

        builder.Reset();
        if (wake)
        {
            _signal.Set();
        }

        if (_policy == AppendFsyncPolicy.Always)
        {
            t_awaitLog = this;
            t_awaitPosition = position;
            if (!Keyspace.Shard.InWriteScope)
            {
                AwaitCommitted();
            }
        }
    }

    /// <summary>Waits, if this thread's last write must be durable before it returns (policy <c>always</c>), until
    /// the flusher has fsynced it. Called when the thread leaves its last shard write scope.</summary>
    /// <exception cref="RedisException">The log failed to write or fsync (MISCONF): the change is in memory but not durable.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AwaitCommitted()
    {
        if (t_awaitLog is { } log)
        {
            t_awaitLog = null;
            try
            {
                log.WaitDurable(t_awaitPosition);
            }
            finally
            {
                RunAfterWriteScope();
            }
        }
        else if (t_afterWriteScope is not null)
        {
            RunAfterWriteScope();
        }
    }

    /// <summary>How many open logs use <see cref="AppendFsyncPolicy.Always"/>, process-wide.</summary>
    private static int s_alwaysLogs;

    /// <summary>Completions of blocked callers served by this thread's write, run once its write scope is left (and
    /// its record is durable under <c>always</c>): a served BLPOP must not return before the pop it reports is kept.</summary>
    [ThreadStatic]
    private static List<Action>? t_afterWriteScope;

    /// <summary>Runs <paramref name="action"/> when the current thread leaves its last shard write scope, after waiting
    /// for its log record to be durable when the policy asks for that; at once when the thread holds no write scope.</summary>
    public static void AfterWriteScope(Action action)
    {
        // Only while some store logs under 'always' (the only policy a write waits for): otherwise a caller served by
        // a write made inside another store's transaction would wait for that transaction to end.
        if (Volatile.Read(ref s_alwaysLogs) != 0 && Keyspace.Shard.InWriteScope)
        {
            (t_afterWriteScope ??= []).Add(action);
        }
        else
        {
            action();
        }
    }

    private static void RunAfterWriteScope()
    {
        var actions = t_afterWriteScope;
        t_afterWriteScope = null;
        if (actions is not null)
        {
            foreach (var action in actions)
            {
                action();
            }
        }
    }

    /// <summary>Lets the current thread's last record be durable later: for background work (the active expiry cycle)
    /// that no caller waits on.</summary>
    public static void ForgetAwait() => t_awaitLog = null;

    /// <summary>Waits until every record up to <paramref name="position"/> is on disk.</summary>
    private void WaitDurable(long position)
    {
        if (Volatile.Read(ref _durable) >= position)
        {
            return;
        }

        lock (_durableGate)
        {
            while (Volatile.Read(ref _durable) < position && _failure is null)
            {
                Monitor.Wait(_durableGate);
            }
        }

        ThrowIfFailed();
    }

    /// <summary>Throws Redis's MISCONF error if the log has failed (writes must then be refused, as Redis does).</summary>
    public void ThrowIfFailed()
    {
        if (_failure is { } failure)
        {
            throw new RedisException(ErrorMessages.AppendLogFailed(failure.Message), failure);
        }
    }

    /// <summary>Writes and fsyncs everything recorded so far, whatever the policy (rewrites, shutdown, tests).</summary>
    public void Flush()
    {
        if (!_logging)
        {
            return;
        }

        long position;
        lock (_lock)
        {
            position = _appended;
        }

        // A target rather than a flag: a flusher round already past its fsync decision must not consume the request.
        long target;
        while ((target = Volatile.Read(ref _fsyncTarget)) < position && Interlocked.CompareExchange(ref _fsyncTarget, position, target) != target)
        {
        }

        _signal.Set();
        WaitDurable(position);
    }

    /// <summary>The position a <see cref="Flush"/> needs fsynced whatever the policy.</summary>
    private long _fsyncTarget;

    /// <summary>Makes every record appended from now on go to <paramref name="next"/>: the flusher finishes the current
    /// file (writes and fsyncs it), calls <paramref name="switched"/> with the old file (to publish the new one in the
    /// manifest; the old stream is closed afterwards), then continues in <paramref name="next"/>. Call while no other
    /// writer can append (inside the exclusive section) so the switch falls exactly between two records.</summary>
    public void SwitchTo(FileStream next, Action<FileStream> switched)
    {
        lock (_lock)
        {
            _switches.Add((_appended, next, switched));
        }

        _signal.Set();
    }

    /// <summary>How long the flusher waits between rounds while records flow (policies other than 'always'): the
    /// most a process crash can lose beyond what the operating system holds.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(2);

    /// <summary>Pending bytes at which a writer wakes the flusher early.</summary>
    private const int WakeThreshold = 256 * 1024;

    /// <summary>Set (under the lock) while the flusher sleeps after an empty round: the next record wakes it.</summary>
    private bool _flusherIdle;

    private bool _lastRoundEmpty = true;

    /// <summary>Records waiting for the flusher, and how many the last fsync covered.</summary>
    private int _pendingRecords;
    private int _lastGroup;

    /// <summary>Group commit: when the last fsync served several writers, they are likely to come back together, so
    /// wait a moment (at most <see cref="MaxGatherTicks"/>) until as many records are pending before fsyncing, rather
    /// than fsyncing for the first one back. A lone writer (last group of one) is never delayed.</summary>
    private void GatherCommitGroup()
    {
        var expected = Volatile.Read(ref _lastGroup);
        if (expected <= 1)
        {
            return;
        }

        var started = Stopwatch.GetTimestamp();
        var spinner = default(SpinWait);
        while (Volatile.Read(ref _pendingRecords) < expected && Stopwatch.GetTimestamp() - started < MaxGatherTicks && !_stopping)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
        }
    }

    private static readonly long MaxGatherTicks = Stopwatch.Frequency / 10_000; // 100 µs

    private void FlushLoop()
    {
        while (true)
        {
            if (_policy == AppendFsyncPolicy.Always)
            {
                _signal.Wait(TimeSpan.FromSeconds(1));
            }
            else
            {
                // Poll while records flow; sleep (until woken) once a round found nothing and nothing came since. Decided
                // under the lock, so a writer either sees the flusher idle (and wakes it) or its record is seen here.
                bool idle;
                lock (_lock)
                {
                    idle = _flusherIdle = _lastRoundEmpty && _pendingLength == 0;
                }

                _signal.Wait(idle ? TimeSpan.FromMilliseconds(250) : PollInterval);
            }

            _signal.Reset();
            if (_policy == AppendFsyncPolicy.Always)
            {
                GatherCommitGroup();
            }

            List<byte[]> chunks;
            long length;
            long start;
            (long Position, FileStream Next, Action<FileStream> Switched)[] switches;
            lock (_lock)
            {
                chunks = _pendingChunks;
                length = _pendingLength;
                _pendingChunks = _spareChunks;
                _tailUsed = ChunkSize;
                _lastRoundEmpty = _pendingLength == 0;
                _flusherIdle = false;
                _pendingLength = 0;
                _lastGroup = _pendingRecords;
                _pendingRecords = 0;
                start = _appended - length;
                switches = _switches.Count == 0 ? [] : [.. _switches];
                _switches.Clear();
            }

            try
            {
                if (_failure is null)
                {
                    Write(chunks, length, start, switches);
                }
            }
            catch (Exception e)
            {
                // Whatever fails here (the disk, a manifest write at a switch) fails the log: writes are refused from
                // now on (MISCONF). Letting it escape would end the process from this thread.
                _failure = e;
                Failed?.Invoke();
                lock (_durableGate)
                {
                    Monitor.PulseAll(_durableGate);
                }
            }

            lock (_lock)
            {
                foreach (var chunk in chunks)
                {
                    if (_freeChunks.Count < MaxPooledChunks)
                    {
                        _freeChunks.Push(chunk);
                    }
                }

                chunks.Clear();
                _spareChunks = chunks;
            }

            if (_stopping)
            {
                lock (_lock)
                {
                    if (_pendingLength == 0 && _switches.Count == 0)
                    {
                        return;
                    }
                }
            }
        }
    }

    /// <summary>Writes bytes [<paramref name="from"/>, <paramref name="to"/>) of the batch held in full chunks.</summary>
    private void WriteRange(List<byte[]> chunks, long from, long to)
    {
        while (from < to)
        {
            var chunk = chunks[(int)(from / ChunkSize)];
            var at = (int)(from % ChunkSize);
            var n = (int)Math.Min(to - from, ChunkSize - at);
            _file!.Write(chunk, at, n);
            from += n;
        }
    }

    private void Write(List<byte[]> chunks, long length, long start, (long Position, FileStream Next, Action<FileStream> Switched)[] switches)
    {
        long offset = 0;
        foreach (var (position, next, switched) in switches)
        {
            var upTo = position - start;
            WriteRange(chunks, offset, upTo);
            offset = upTo;
            _file!.Flush(flushToDisk: true);
            var old = _file;
            _file = next;
            Interlocked.Exchange(ref _fileBytes, next.Length);
            switched(old);
            old.Dispose();
        }

        WriteRange(chunks, offset, length);
        Interlocked.Add(ref _fileBytes, length - offset);

        var force = Volatile.Read(ref _fsyncTarget) > _durable;
        var fsync = force || _policy switch
        {
            AppendFsyncPolicy.Always => true,
            AppendFsyncPolicy.EverySecond => Stopwatch.GetElapsedTime(_lastFsyncTicks) >= TimeSpan.FromSeconds(1) && _durable < start + length,
            _ => false,
        };

        if (fsync || _stopping)
        {
            if (_durable < start + length || switches.Length != 0)
            {
                _file!.Flush(flushToDisk: true);
            }

            _lastFsyncTicks = Stopwatch.GetTimestamp();
            lock (_durableGate)
            {
                Volatile.Write(ref _durable, start + length);
                Monitor.PulseAll(_durableGate);
            }
        }
    }

    /// <summary>Stops the flusher after it has written and fsynced everything recorded, and closes the file.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_logging && _policy == AppendFsyncPolicy.Always)
        {
            Interlocked.Decrement(ref s_alwaysLogs);
        }

        if (_flusher is not null)
        {
            _stopping = true;
            _signal.Set();
            _flusher.Join();
            _file?.Dispose();
        }

        // The signal is left to the garbage collector: a background deletion (the expiry cycle) racing with the
        // store's disposal may still set it, and must not fail for that.
    }
}
