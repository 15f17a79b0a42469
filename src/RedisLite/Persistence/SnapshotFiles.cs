using System.Runtime.InteropServices;

namespace RedisLite.Persistence;

/// <summary>File-system helpers for crash-safe snapshot files.</summary>
internal static partial class SnapshotFiles
{
    /// <summary>Opens a snapshot file for reading, sequentially.</summary>
    public static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);

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
