using RedisLite.Persistence;

namespace RedisLite.Tests.Persistence;

/// <summary>Attaches an append log to a test store (below the persistence manager) and replays a log file into a new
/// store, so each family's logging can be checked on its own.</summary>
internal static class LogHarness
{
    /// <summary>Creates a log file at <paramref name="path"/> and makes <paramref name="store"/> record into it.</summary>
    public static AppendLog Attach(DataStore store, string path, AppendFsyncPolicy policy = AppendFsyncPolicy.No)
    {
        var file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0);
        Span<byte> preamble = stackalloc byte[LogFormat.PreambleLength];
        LogFormat.WritePreamble(preamble);
        file.Write(preamble);
        var log = new AppendLog(file, policy);
        store.Core.Log = log;
        return log;
    }

    /// <summary>Flushes and detaches the store's log.</summary>
    public static void Detach(DataStore store)
    {
        var log = store.Core.Log!;
        log.Flush();
        store.Core.Log = null;
        log.Dispose();
    }

    /// <summary>Replays the log file into a new store on <paramref name="clock"/>; returns it and the record count.</summary>
    public static DataStore Replay(string path, TimeProvider clock, out long records, int databases = 16)
    {
        var store = new DataStore(new RedisLiteOptions { ActiveExpiry = false, Databases = databases }, clock);
        using var file = File.OpenRead(path);
        var reader = new LogFileReader(file, path);
        LogReadStatus status;
        store.Core.Loading = true;
        while ((status = reader.Next(out var payload)) == LogReadStatus.Record)
        {
            LogReplay.Apply(store, payload, path, reader.RecordOffset);
        }

        store.Core.Loading = false;

        if (status != LogReadStatus.End)
        {
            throw reader.Error();
        }

        records = reader.Records;
        return store;
    }

    /// <summary>A fresh temporary file path (deleted by <see cref="TempDirectory"/>).</summary>
    public sealed class TempDirectory : IDisposable
    {
        public TempDirectory()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "redislite-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public string File(string name) => System.IO.Path.Combine(Path, name);

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a file still open elsewhere keeps the folder.
            }
        }
    }
}
