using System.Globalization;
using System.Text;

namespace RedisLite.Persistence;

/// <summary>
/// The append log's manifest (Redis 7's multi-part AOF manifest, in a format of its own): which files make up the log,
/// in replay order — at most one base snapshot, then the log files. Written whole to a temporary file, flushed,
/// renamed over the old one and the directory flushed, so a crash leaves either manifest, never half of one.
/// </summary>
/// <remarks>Text, one entry per line: <c>redislite-manifest 1</c>, then <c>base &lt;file&gt;</c> (optional) and
/// <c>incr &lt;file&gt;</c> lines in order, then <c>crc &lt;hex&gt;</c>: the CRC32C of every byte before that line.
/// File names are plain names in the manifest's folder.</remarks>
internal sealed record LogManifest(string? Base, IReadOnlyList<string> Increments)
{
    /// <summary>The manifest's file name in the log folder.</summary>
    public const string FileName = "redislite.manifest";

    private const string Header = "redislite-manifest 1";

    /// <summary>Gets the sequence number in a file name (<c>redislite.&lt;seq&gt;.base.rls</c> / <c>.incr.rll</c>).</summary>
    public static long SequenceOf(string file)
    {
        var parts = file.Split('.');
        return parts.Length == 4 && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
    }

    /// <summary>The name of the base snapshot of generation <paramref name="sequence"/>.</summary>
    public static string BaseName(long sequence) => string.Create(CultureInfo.InvariantCulture, $"redislite.{sequence}.base.rls");

    /// <summary>The name of log file number <paramref name="sequence"/>.</summary>
    public static string IncrementName(long sequence) => string.Create(CultureInfo.InvariantCulture, $"redislite.{sequence}.incr.rll");

    /// <summary>Gets the highest sequence number any listed file uses.</summary>
    public long LastSequence => Increments.Select(SequenceOf).Append(Base is null ? 0 : SequenceOf(Base)).Max();

    /// <summary>Reads the manifest in <paramref name="folder"/>, or null if there is none.</summary>
    /// <exception cref="AppendLogFormatException">The manifest is damaged.</exception>
    public static LogManifest? Read(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        var text = File.ReadAllText(path, Encoding.UTF8);
        var crcAt = text.LastIndexOf("crc ", StringComparison.Ordinal);
        if (!text.StartsWith(Header + "\n", StringComparison.Ordinal) || crcAt < 0)
        {
            throw new AppendLogFormatException(path, 0, "not a RedisLite append-log manifest (or it is damaged)");
        }

        var body = text[..crcAt];
        var crcText = text[(crcAt + 4)..].Trim();
        if (!uint.TryParse(crcText, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var crc) || crc != SnapshotFormat.Crc(Encoding.UTF8.GetBytes(body)))
        {
            throw new AppendLogFormatException(path, crcAt, "the manifest's checksum does not match (it is damaged)");
        }

        string? baseFile = null;
        var increments = new List<string>();
        var offset = 0;
        foreach (var line in body.Split('\n'))
        {
            if (offset != 0 && line.Length != 0)
            {
                var space = line.IndexOf(' ', StringComparison.Ordinal);
                var kind = space < 0 ? line : line[..space];
                var name = space < 0 ? string.Empty : line[(space + 1)..];
                if (name.Length == 0 || name.IndexOfAny(['/', '\\']) >= 0 || (kind == "base" && (baseFile is not null || increments.Count != 0)) || kind is not ("base" or "incr"))
                {
                    throw new AppendLogFormatException(path, offset, $"unexpected manifest line \"{line}\"");
                }

                if (kind == "base")
                {
                    baseFile = name;
                }
                else
                {
                    increments.Add(name);
                }
            }

            offset += Encoding.UTF8.GetByteCount(line) + 1;
        }

        return new LogManifest(baseFile, increments);
    }

    /// <summary>Writes this manifest into <paramref name="folder"/> crash-safely.</summary>
    public void Write(string folder)
    {
        var text = new StringBuilder(Header).Append('\n');
        if (Base is not null)
        {
            text.Append("base ").Append(Base).Append('\n');
        }

        foreach (var increment in Increments)
        {
            text.Append("incr ").Append(increment).Append('\n');
        }

        var body = text.ToString();
        var crc = SnapshotFormat.Crc(Encoding.UTF8.GetBytes(body));
        var bytes = Encoding.UTF8.GetBytes(body + "crc " + crc.ToString("x8", CultureInfo.InvariantCulture) + "\n");
        SnapshotFiles.WriteAtomically(Path.Combine(folder, FileName), file => file.Write(bytes));
    }
}
