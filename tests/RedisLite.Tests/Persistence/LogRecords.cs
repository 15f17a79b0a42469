using System.Text;
using RedisLite.Persistence;
using RedisLite.Tests.Infrastructure;

namespace RedisLite.Tests.Persistence;

/// <summary>Runs writes on a logged test store and returns the log's records as text, to check what a command records
/// (not only that it replays): one string per record, its operations separated by " | ", each as
/// <c>Op db arg arg ...</c> (byte strings as UTF-8, integers in decimal).</summary>
internal static class LogRecords
{
    public static List<string> Of(Action<TestStore> write, Action<TestStore>? before = null)
    {
        using var dir = new LogHarness.TempDirectory();
        using var t = new TestStore();
        before?.Invoke(t);
        var path = dir.File("log.rll");
        LogHarness.Attach(t.Store, path);
        write(t);
        LogHarness.Detach(t.Store);
        return Read(path);
    }

    public static List<string> Read(string path)
    {
        using var file = File.OpenRead(path);
        var reader = new LogFileReader(file, path);
        var records = new List<string>();
        while (reader.Next(out var payload) == LogReadStatus.Record)
        {
            records.Add(Describe(payload, path, reader.RecordOffset));
        }

        return records;
    }

    private static string Describe(ReadOnlySpan<byte> payload, string path, long offset)
    {
        var ops = new List<string>();
        var reader = new LogOpReader(payload, path, offset);
        while (!reader.AtEnd)
        {
            var text = new StringBuilder();
            text.Append(reader.ReadOp(out var db)).Append(' ').Append(db);
            while (reader.PeekTag() != LogArgTag.End)
            {
                text.Append(' ');
                _ = reader.PeekTag() switch
                {
                    LogArgTag.Bytes => text.Append(Encoding.UTF8.GetString(reader.ReadBytes())),
                    LogArgTag.Int64 => text.Append(reader.ReadInt64()),
                    _ => text.Append(reader.ReadDouble().ToString("R", System.Globalization.CultureInfo.InvariantCulture)),
                };
            }

            reader.ReadEnd();
            ops.Add(text.ToString());
        }

        return string.Join(" | ", ops);
    }
}
