using System.Diagnostics;

namespace RedisLite.Persistence;

/// <summary>
/// Runs a store's persistence: loads the saved data at start, keeps the append log (its files, manifest and rewrites),
/// takes snapshots on demand and at the save points, and flushes everything when the store is disposed.
/// </summary>
/// <remarks>
/// <para><b>Files.</b> The snapshot is <see cref="PersistenceOptions.SnapshotFileName"/> in the directory. The append log
/// lives in its own folder as a manifest listing a base snapshot and log files (Redis 7's multi-part AOF): a rewrite
/// captures the store and switches the log to a new file at the same instant (in one pause), writes the capture as the
/// new base, then publishes a manifest of just the new base and the new file and deletes the old ones. Every step
/// leaves a manifest that describes complete, durable files, so a crash at any point loads correctly.</para>
/// <para><b>Jobs.</b> One save or rewrite runs at a time; others wait their turn. The save points and the automatic
/// rewrite are checked once a second on the store's <see cref="TimeProvider"/>.</para>
/// </remarks>
internal sealed class PersistenceManager : IDisposable
{
    private readonly DataStore _store;
    private readonly Keyspace.StoreCore _core;
    private readonly PersistenceOptions _options;
    private readonly string _folder;
    private readonly string _snapshotPath;
    private readonly SemaphoreSlim _job = new(1, 1);
    private readonly Lock _manifestLock = new();
    private readonly Dictionary<string, long> _closedSizes = [];
    private LogManifest? _manifest;
    private long _sequence;
    private ITimer? _timer;
    private long _changesAtLastSave;
    private DateTimeOffset _lastSave;
    private DateTimeOffset _lastFailedSave = DateTimeOffset.MinValue;
    private long _sizeAfterRewrite;
    private Task _background = Task.CompletedTask;
    private int _backgroundRunning;
    private bool _disposed;

    private PersistenceManager(DataStore store, Keyspace.StoreCore core, PersistenceOptions options)
    {
        _store = store;
        _core = core;
        _options = options;
        var directory = Path.GetFullPath(options.Directory!);
        _folder = Path.Combine(directory, options.AppendDirectoryName);
        _snapshotPath = Path.Combine(directory, options.SnapshotFileName);
        Directory.CreateDirectory(directory);
        _lastSave = core.Time.GetUtcNow();
    }

    /// <summary>Gets what the start-up load found.</summary>
    public PersistenceLoadReport LoadReport { get; private set; } = PersistenceLoadReport.Nothing;

    /// <summary>Gets the time of the last successful snapshot save (or of the start).</summary>
    public DateTimeOffset LastSave => _lastSave;

    /// <summary>Gets the changes since the last snapshot save.</summary>
    public long ChangesSinceLastSave => (_core.Log?.Changes ?? 0) - Interlocked.Read(ref _changesAtLastSave);

    /// <summary>Gets the save or rewrite running in the background (completed when none).</summary>
    public Task BackgroundWork => Volatile.Read(ref _background);

    /// <summary>Gets whether a snapshot save runs in the background.</summary>
    public bool BackgroundSaveRunning => Volatile.Read(ref _runningKind) == 1;

    /// <summary>Gets whether a log rewrite runs in the background.</summary>
    public bool RewriteRunning => Volatile.Read(ref _runningKind) == 2;

    /// <summary>What the running background job is: 0 none, 1 a snapshot save, 2 a rewrite.</summary>
    private int _runningKind;

    /// <summary>Gets whether the append log is on.</summary>
    public bool AppendOnly => _options.AppendOnly;

    /// <summary>Opens persistence for a store under construction: loads (per the options), then starts logging.</summary>
    /// <exception cref="AppendLogFormatException">The append log is damaged (and the options do not allow loading around it).</exception>
    /// <exception cref="SnapshotFormatException">The snapshot (or the log's base) is damaged.</exception>
    public static PersistenceManager Open(DataStore store, Keyspace.StoreCore core, PersistenceOptions options)
    {
        var manager = new PersistenceManager(store, core, options);
        try
        {
            manager.Start();
        }
        catch
        {
            manager.Dispose();
            throw;
        }

        return manager;
    }

    private void Start()
    {
        if (_options.AppendOnly)
        {
            Directory.CreateDirectory(_folder);
            var manifest = LogManifest.Read(_folder);
            var rewriteNow = manifest is null;
            if (manifest is not null && _options.LoadOnStart)
            {
                rewriteNow = LoadLog(manifest);
            }
            else if (manifest is null && _options.LoadOnStart && File.Exists(_snapshotPath))
            {
                // Turning the log on over an existing snapshot: start from it, as Redis does.
                LoadSnapshotFile();
            }

            _manifest = manifest;
            _sequence = manifest?.LastSequence ?? 0;
            RemoveUnlistedFiles(manifest);

            // Each start adds a log file; fold them once they pile up (many restarts of a quiet store).
            rewriteNow |= manifest is not null && manifest.Increments.Count >= MaxIncrementsAtStart;
            if (manifest is not null)
            {
                foreach (var file in manifest.Increments)
                {
                    _closedSizes[file] = new FileInfo(Path.Combine(_folder, file)).Length;
                }
            }

            if (rewriteNow || !_options.LoadOnStart)
            {
                // A first generation, a start over (no load), or after loading around damage: the store's state
                // becomes the new base, so the damaged or unloaded files are never read again.
                Rewrite();
            }
            else
            {
                OpenNewIncrement();
                _sizeAfterRewrite = TotalLogSize();
            }
        }
        else
        {
            if (_options.LoadOnStart && File.Exists(_snapshotPath))
            {
                LoadSnapshotFile();
            }

            if (_options.SavePoints.Count != 0)
            {
                _core.Log = new AppendLog();
            }
        }

        if (_options.SavePoints.Count != 0 || (_options.AppendOnly && _options.AutoRewritePercentage > 0))
        {
            _timer = _core.Time.CreateTimer(static state => ((PersistenceManager)state!).Tick(), this, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>Log files beyond which a start rewrites the log rather than adding one more.</summary>
    private const int MaxIncrementsAtStart = 8;

    /// <summary>Deletes what a crash mid-rewrite can leave behind: temporary files and generations the manifest no
    /// longer lists (only names this module writes).</summary>
    private void RemoveUnlistedFiles(LogManifest? manifest)
    {
        var listed = manifest is null ? [] : manifest.Increments.Append(manifest.Base).OfType<string>().ToHashSet();
        foreach (var path in Directory.EnumerateFiles(_folder, "redislite.*"))
        {
            var name = Path.GetFileName(path);
            var ours = name.EndsWith(".tmp", StringComparison.Ordinal) || LogManifest.SequenceOf(name) != 0;
            if (ours && name != LogManifest.FileName && !listed.Contains(name))
            {
                TryDelete(path);
            }
        }
    }

    private void LoadSnapshotFile()
    {
        var info = _store.LoadSnapshot(_snapshotPath);
        LoadReport = new PersistenceLoadReport(PersistenceSource.Snapshot, info.Keys, 0, null);
    }

    /// <summary>Loads the base and replays every log file; returns whether a rewrite must follow (damage was skipped).</summary>
    private bool LoadLog(LogManifest manifest)
    {
        long keys = 0, records = 0;
        string? warning = null;
        var skippedDamage = false;
        _core.Loading = true;
        try
        {
            if (manifest.Base is { } baseFile)
            {
                var basePath = Path.Combine(_folder, baseFile);
                if (!File.Exists(basePath))
                {
                    throw new AppendLogFormatException(basePath, 0, "the base snapshot the manifest lists is missing");
                }

                keys = _store.LoadSnapshot(basePath).Keys;
            }

            for (var i = 0; i < manifest.Increments.Count && !skippedDamage; i++)
            {
                var path = Path.Combine(_folder, manifest.Increments[i]);
                if (!File.Exists(path))
                {
                    throw new AppendLogFormatException(path, 0, "the file the manifest lists is missing");
                }

                var last = i == manifest.Increments.Count - 1;
                using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, FileOptions.SequentialScan);
                var reader = new LogFileReader(file, path);
                LogReadStatus status;
                while ((status = reader.Next(out var payload)) == LogReadStatus.Record)
                {
                    LogReplay.Apply(_store, payload, path, reader.RecordOffset);
                }

                records += reader.Records;
                if (status == LogReadStatus.End)
                {
                    continue;
                }

                var good = reader.GoodLength;
                var message = $"Append log '{path}' is damaged at offset {reader.RecordOffset}: {reader.Problem}.";
                if (status == LogReadStatus.Truncated && last && _options.LoadTruncatedLog)
                {
                    // A crash mid-write: the torn record was never acknowledged. Cut it off and carry on.
                    file.Dispose();
                    TruncateFile(path, good);
                    warning = message + $" The torn last record was cut off ({reader.Records} records loaded from this file).";
                    Trace.TraceWarning("RedisLite: " + warning);
                }
                else if (_options.LoadCorruptedLog)
                {
                    warning = message + $" Loaded up to the last good record ({reader.Records} records from this file); everything after it was dropped.";
                    Trace.TraceWarning("RedisLite: " + warning);
                    skippedDamage = true;
                }
                else
                {
                    throw reader.Error();
                }
            }
        }
        finally
        {
            _core.Loading = false;
        }

        LoadReport = new PersistenceLoadReport(PersistenceSource.AppendLog, keys, records, warning);
        return skippedDamage;
    }

    private static void TruncateFile(string path, long length)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
        if (length < LogFormat.PreambleLength)
        {
            // Torn inside the preamble: the file held no record; make it a valid empty log again.
            Span<byte> preamble = stackalloc byte[LogFormat.PreambleLength];
            LogFormat.WritePreamble(preamble);
            file.SetLength(0);
            file.Write(preamble);
        }
        else
        {
            file.SetLength(length);
        }

        file.Flush(flushToDisk: true);
    }

    private FileStream CreateLogFile(string name)
    {
        var file = new FileStream(Path.Combine(_folder, name), FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 0);
        Span<byte> preamble = stackalloc byte[LogFormat.PreambleLength];
        LogFormat.WritePreamble(preamble);
        file.Write(preamble);
        file.Flush(flushToDisk: true);
        return file;
    }

    /// <summary>Starts a new log file after a load (the loaded files stay as they are, listed before it).</summary>
    private void OpenNewIncrement()
    {
        var name = LogManifest.IncrementName(++_sequence);
        var file = CreateLogFile(name);
        SnapshotFiles.FlushDirectory(_folder);
        lock (_manifestLock)
        {
            _manifest = new LogManifest(_manifest?.Base, [.. _manifest?.Increments ?? [], name]);
            _manifest.Write(_folder);
        }

        AttachLog(file);
    }

    private void AttachLog(FileStream file)
    {
        var log = new AppendLog(file, _options.AppendFsync) { Failed = _core.RefuseWrites };
        _core.Log = log;
    }

    private long TotalLogSize()
    {
        lock (_manifestLock)
        {
            long total = 0;
            if (_manifest?.Base is { } baseFile && File.Exists(Path.Combine(_folder, baseFile)))
            {
                total += new FileInfo(Path.Combine(_folder, baseFile)).Length;
            }

            foreach (var size in _closedSizes.Values)
            {
                total += size;
            }

            return total + (_core.Log?.IsLogging == true ? _core.Log.CurrentFileBytes : 0);
        }
    }

    /// <summary>Rewrites the append log now (Redis's BGREWRITEAOF, waited for); also starts a first generation.</summary>
    public void Rewrite()
    {
        if (!_options.AppendOnly)
        {
            throw new InvalidOperationException("The append log is off (PersistenceOptions.AppendOnly): there is nothing to rewrite.");
        }

        _job.Wait();
        try
        {
            RewriteLocked();
        }
        finally
        {
            _job.Release();
        }
    }

    private void RewriteLocked()
    {
        var sequence = ++_sequence;
        var incrementName = LogManifest.IncrementName(sequence);
        var baseName = LogManifest.BaseName(sequence);
        var next = CreateLogFile(incrementName);
        SnapshotFiles.FlushDirectory(_folder);
        var log = _core.Log;
        var switched = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var capture = SnapshotCapture.Take(_core, atCapture: () =>
        {
            if (log is null || !log.IsLogging)
            {
                // No log yet (start-up): records begin in the new file from this instant.
                AttachLog(next);
                switched.SetResult();
                return;
            }

            log.SwitchTo(next, old =>
            {
                lock (_manifestLock)
                {
                    // The old file is complete and fsynced; the new one joins the manifest before any of its records
                    // can be acknowledged (the flusher writes them only after this returns).
                    _closedSizes[Path.GetFileName(old.Name)] = old.Length;
                    _manifest = new LogManifest(_manifest?.Base, [.. _manifest?.Increments ?? [], incrementName]);
                    _manifest.Write(_folder);
                }

                switched.TrySetResult();
            });
        });

        try
        {
            SnapshotFiles.WriteAtomically(Path.Combine(_folder, baseName), file => SnapshotSerializer.Write(capture, file));
        }
        finally
        {
            capture.Release(_core);
        }

        while (!switched.Task.Wait(TimeSpan.FromMilliseconds(100)))
        {
            _core.Log?.ThrowIfFailed();
        }

        LogManifest? old;
        lock (_manifestLock)
        {
            old = _manifest;
            _manifest = new LogManifest(baseName, [incrementName]);
            _manifest.Write(_folder);
            _closedSizes.Clear();
        }

        // Only now are the old files unreferenced; a crash before this line loads through the previous manifest.
        foreach (var name in old is null ? [] : old.Increments.Append(old.Base))
        {
            if (name is not null && name != baseName && name != incrementName)
            {
                TryDelete(Path.Combine(_folder, name));
            }
        }

        _sizeAfterRewrite = TotalLogSize();
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Unreferenced by the manifest: harmless if it stays.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>Saves a snapshot now (Redis's SAVE); waits for a running background job first.</summary>
    /// <returns>How long the store was held.</returns>
    public TimeSpan Save()
    {
        _job.Wait();
        try
        {
            return SaveLocked();
        }
        finally
        {
            _job.Release();
        }
    }

    private TimeSpan SaveLocked()
    {
        var changes = _core.Log?.Changes ?? 0;
        try
        {
            var pause = _store.SaveSnapshot(_snapshotPath);
            Interlocked.Exchange(ref _changesAtLastSave, changes);
            _lastSave = _core.Time.GetUtcNow();
            return pause;
        }
        catch
        {
            _lastFailedSave = _core.Time.GetUtcNow();
            throw;
        }
    }

    /// <summary>Starts a snapshot save in the background (Redis's BGSAVE); the task completes when it is on disk.</summary>
    public Task SaveInBackground() => StartBackground(() => SaveLocked(), kind: 1);

    /// <summary>Starts a log rewrite in the background (Redis's BGREWRITEAOF).</summary>
    public Task RewriteInBackground()
    {
        if (!_options.AppendOnly)
        {
            throw new InvalidOperationException("The append log is off (PersistenceOptions.AppendOnly): there is nothing to rewrite.");
        }

        return StartBackground(RewriteLocked, kind: 2);
    }

    private Task StartBackground(Action work, int kind)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var task = Task.Run(async () =>
        {
            await _job.WaitAsync().ConfigureAwait(false);
            Interlocked.Increment(ref _backgroundRunning);
            Volatile.Write(ref _runningKind, kind);
            try
            {
                work();
            }
            finally
            {
                Volatile.Write(ref _runningKind, 0);
                Interlocked.Decrement(ref _backgroundRunning);
                _job.Release();
            }
        });

        Volatile.Write(ref _background, task);
        return task;
    }

    /// <summary>The once-a-second check, run on a timer thread: an exception there would end the process, so a check
    /// that fails (a file deleted by a rewrite meanwhile, a store being disposed) just waits for the next tick.</summary>
    private void Tick()
    {
        try
        {
            CheckTriggers();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or UnauthorizedAccessException or InvalidOperationException)
        {
            Trace.TraceWarning("RedisLite: persistence check skipped: " + e.Message);
        }
    }

    /// <summary>Save points, then the automatic rewrite. Never starts a second job.</summary>
    private void CheckTriggers()
    {
        if (_disposed || Volatile.Read(ref _backgroundRunning) != 0 || _job.CurrentCount == 0)
        {
            return;
        }

        var now = _core.Time.GetUtcNow();
        var changes = ChangesSinceLastSave;

        // As Redis: after a failed save, wait a few seconds before trying again.
        if (changes > 0 && now - _lastFailedSave >= TimeSpan.FromSeconds(5))
        {
            foreach (var point in _options.SavePoints)
            {
                if (changes >= point.Changes && now - _lastSave >= point.Interval)
                {
                    _ = SaveInBackground().ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
                    return;
                }
            }
        }

        if (_options.AppendOnly && _options.AutoRewritePercentage > 0 && _core.Log?.Failure is null)
        {
            var size = TotalLogSize();
            var baseline = Math.Max(_sizeAfterRewrite, 1);
            if (size >= _options.AutoRewriteMinSize && (size - baseline) * 100 / baseline >= _options.AutoRewritePercentage)
            {
                _ = RewriteInBackground().ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
            }
        }
    }

    /// <summary>Stops the checks, waits for a running job, takes the shutdown snapshot (save points without the log, as
    /// Redis's SHUTDOWN does), and flushes and closes the log.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _timer?.Dispose();
        try
        {
            BackgroundWork.Wait();
        }
        catch (AggregateException)
        {
            // A failed background job already reported itself to whoever awaited it.
        }

        try
        {
            if (!_options.AppendOnly && _options.SavePoints.Count != 0 && _options.SaveOnDispose && ChangesSinceLastSave > 0)
            {
                Save();
            }
        }
        finally
        {
            var log = _core.Log;
            _core.Log = null;
            log?.Dispose();
            _job.Dispose();
        }
    }
}
