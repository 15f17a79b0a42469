using System.Runtime.InteropServices;

namespace RedisLite.Persistence;

/// <summary>File-system helpers for crash-safe persistence files (snapshots, log bases, the manifest).</summary>
internal static partial class SnapshotFiles
{
    /// <summary>Opens a snapshot file for reading, sequentially.</summary>
    public static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);

    /// <summary>Writes the file <paramref name="path"/> crash-safely: <paramref name="write"/> fills <c>path.tmp</c>, which
    /// is flushed to disk, renamed over <paramref name="path"/>, and the rename made durable, so a crash at any point
    /// leaves either the previous file or the new one, whole (snapshots, log bases, the log manifest).</summary>
    public static void WriteAtomically(string path, Action<FileStream> write)
    {
        var full = Path.GetFullPath(path);
        var temporary = full + ".tmp";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 16))
        {
            write(file);
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, full, overwrite: true);
        _ = FlushDirectory(Path.GetDirectoryName(full)!);
    }

    /// <summary>Makes a rename in <paramref name="directory"/> durable: on Unix, fsyncs the directory (what Redis does
    /// after renaming its RDB file). Windows has no directory handle to flush: NTFS journals the rename itself, so this
    /// does nothing there. Best effort: the file itself is already durable, so a failure here is ignored.</summary>
    /// <returns>Whether the directory was flushed.</returns>
    public static bool FlushDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        try
        {
            var fd = Open(directory, 0 /* O_RDONLY */);
            if (fd < 0)
            {
                return false;
            }

            try
            {
                return Fsync(fd) == 0;
            }
            finally
            {
                _ = Close(fd);
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
