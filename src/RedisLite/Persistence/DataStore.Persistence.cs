using RedisLite.Persistence;

namespace RedisLite;

// Snapshots (Redis's RDB role): save the whole store to a stream or a file, load one into an empty store. Internal
// until the persistence module (append log, save points, DI options) gives them their public shape.
public sealed partial class DataStore
{
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
        var full = Path.GetFullPath(path);
        var temporary = full + ".tmp";
        TimeSpan pause;
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 16))
        {
            pause = SaveSnapshot(file);
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, full, overwrite: true);
        _ = SnapshotFiles.FlushDirectory(Path.GetDirectoryName(full)!);
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
