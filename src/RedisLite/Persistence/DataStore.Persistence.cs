using RedisLite.Persistence;

namespace RedisLite;

// Persistence (Redis's RDB and AOF roles). The public members work when RedisLiteOptions.Persistence is set; the
// stream-level snapshot methods are internal building blocks (and what the tests and the check tool use).
public sealed partial class DataStore
{
    private PersistenceManager Persister => _views[0]._persistence
        ?? throw new InvalidOperationException("Persistence is not configured: set RedisLiteOptions.Persistence (or call AddPersistence on the RedisLite builder).");

    /// <summary>Saves a snapshot of every database to the snapshot file now, and waits until it is on disk (Redis's
    /// <c>SAVE</c>). Readers and writers are paused only while the keys are captured; the file is written beside
    /// the old one and renamed over it, so a crash leaves one whole snapshot or the other.</summary>
    /// <returns>How long the store was paused for the capture.</returns>
    /// <exception cref="InvalidOperationException">Persistence is not configured.</exception>
    /// <exception cref="IOException">The file could not be written; the previous snapshot is left as it was.</exception>
    public TimeSpan Save() => Persister.Save();

    /// <summary>Starts saving a snapshot in the background (Redis's <c>BGSAVE</c>); if a save or rewrite is running, this
    /// one starts after it (Redis's "scheduled").</summary>
    /// <returns>A task that completes when the snapshot is on disk (or faults with the I/O error).</returns>
    /// <exception cref="InvalidOperationException">Persistence is not configured.</exception>
    public Task BackgroundSaveAsync() => Persister.SaveInBackground();

    /// <summary>Gets the time of the last successful snapshot save, or when the store started if it has not saved
    /// since (Redis's <c>LASTSAVE</c>).</summary>
    /// <exception cref="InvalidOperationException">Persistence is not configured.</exception>
    public DateTimeOffset LastSave => Persister.LastSave;

    /// <summary>Gets how many changes were made since the last snapshot save (Redis's <c>rdb_changes_since_last_save</c>),
    /// counted when save points or the append log are on; otherwise 0.</summary>
    /// <exception cref="InvalidOperationException">Persistence is not configured.</exception>
    public long ChangesSinceLastSave => Persister.ChangesSinceLastSave;

    /// <summary>Rewrites the append log now and waits for it (Redis's <c>BGREWRITEAOF</c>, waited for): the store's
    /// current state becomes the log's new base and the old files are deleted. Writers are paused only for the capture.</summary>
    /// <exception cref="InvalidOperationException">Persistence is not configured, or the append log is off.</exception>
    /// <exception cref="IOException">A file could not be written; the previous log stays in use.</exception>
    public void RewriteAppendLog() => Persister.Rewrite();

    /// <summary>Starts an append-log rewrite in the background (Redis's <c>BGREWRITEAOF</c>).</summary>
    /// <returns>A task that completes when the new log is in use and the old files are gone.</returns>
    /// <exception cref="InvalidOperationException">Persistence is not configured, or the append log is off.</exception>
    public Task BackgroundRewriteAppendLogAsync() => Persister.RewriteInBackground();

    /// <summary>Gets what the store loaded when it started (source, keys, records, and any damage it tolerated).</summary>
    /// <exception cref="InvalidOperationException">Persistence is not configured.</exception>
    public PersistenceLoadReport PersistenceLoad => Persister.LoadReport;

    /// <summary>Gets the save or rewrite running in the background, or a completed task (tests and shutdown).</summary>
    internal Task PersistenceBackgroundWork => Persister.BackgroundWork;

    /// <summary>Writes and fsyncs every append-log record so far, whatever the fsync policy (tests, tools).</summary>
    internal void FlushAppendLog() => _core.Log?.Flush();

    /// <summary>Saves a consistent point-in-time snapshot of every database to <paramref name="stream"/> (Redis's SAVE):
    /// the store is held only while the keys are captured; serialization runs outside the locks.</summary>
    /// <param name="stream">Where to write; flushed, not closed.</param>
    /// <returns>How long the store was held (readers and writers paused).</returns>
    internal TimeSpan SaveSnapshot(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var capture = SnapshotCapture.Take(_core);
        try
        {
            SnapshotSerializer.Write(capture, stream);
        }
        finally
        {
            capture.Release(_core);
        }

        return capture.Pause;
    }

    /// <summary>Saves a snapshot to the file <paramref name="path"/> crash-safely: writes <c>path.tmp</c>, flushes it to
    /// disk, renames it over <paramref name="path"/>, then flushes the directory (on Unix), so a crash at any point
    /// leaves either the previous file or the new one, whole.</summary>
    /// <param name="path">The snapshot file.</param>
    /// <returns>How long the store was held.</returns>
    internal TimeSpan SaveSnapshot(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var pause = TimeSpan.Zero;
        SnapshotFiles.WriteAtomically(path, file => pause = SaveSnapshot(file));
        return pause;
    }

    /// <summary>Loads the snapshot at the stream's position into this store, which must be empty. Keys whose expiry
    /// has passed by this store's clock are skipped. The store is held for the whole load; if it fails, the store is
    /// left empty.</summary>
    /// <param name="stream">The stream; left just after the snapshot (an embedding stream may hold more).</param>
    /// <returns>What the snapshot held.</returns>
    /// <exception cref="SnapshotFormatException">The snapshot is corrupted, truncated or of a newer version.</exception>
    /// <exception cref="InvalidOperationException">The store is not empty, or has fewer databases than the snapshot uses.</exception>
    internal SnapshotInfo LoadSnapshot(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return SnapshotLoader.Read(stream, "stream", _core, wholeStream: false);
    }

    /// <summary>Loads the snapshot file <paramref name="path"/> into this store, which must be empty (see
    /// <see cref="LoadSnapshot(Stream)"/>); the file must end with the snapshot.</summary>
    /// <param name="path">The snapshot file.</param>
    /// <returns>What the snapshot held.</returns>
    /// <exception cref="SnapshotFormatException">The file is corrupted, truncated or of a newer version.</exception>
    /// <exception cref="InvalidOperationException">The store is not empty, or has fewer databases than the snapshot uses.</exception>
    internal SnapshotInfo LoadSnapshot(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var file = SnapshotFiles.OpenRead(path);
        return SnapshotLoader.Read(file, path, _core, wholeStream: true);
    }

    /// <summary>Reads and checks the snapshot file <paramref name="path"/> without loading it.</summary>
    /// <param name="path">The snapshot file.</param>
    /// <returns>What it holds.</returns>
    /// <exception cref="SnapshotFormatException">The file is corrupted, truncated or of a newer version.</exception>
    internal static SnapshotInfo ReadSnapshotInfo(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var file = SnapshotFiles.OpenRead(path);
        return SnapshotLoader.Read(file, path, target: null, wholeStream: true);
    }

    /// <summary>Reads and checks the snapshot at the stream's position without loading it.</summary>
    /// <param name="stream">The stream; left just after the snapshot.</param>
    /// <returns>What it holds.</returns>
    /// <exception cref="SnapshotFormatException">The snapshot is corrupted, truncated or of a newer version.</exception>
    internal static SnapshotInfo ReadSnapshotInfo(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return SnapshotLoader.Read(stream, "stream", target: null, wholeStream: false);
    }
}
