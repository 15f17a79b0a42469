using System.Globalization;
using RedisLite.Persistence;

namespace RedisLite.CheckTool;

/// <summary>Settings a test can change (the command line cannot).</summary>
internal sealed class CheckSettings
{
    /// <summary>Gets the default settings.</summary>
    public static CheckSettings Default { get; } = new();

    /// <summary>Gets the file size from which progress is reported.</summary>
    public long ProgressThreshold { get; init; } = 64L << 20;

    /// <summary>Gets the shortest time between two progress lines.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(1);
}

/// <summary>
/// <c>redislite-check</c>: checks a RedisLite snapshot or append-log file whole and reports what it holds (in the
/// spirit of redis-check-rdb and redis-check-aof). Prints a log's operations (<c>--dump</c>) and cuts a damaged log
/// back to the end of its last good record (<c>--fix --yes</c>). A snapshot is never modified.
/// </summary>
public static class CheckCommand
{
    /// <summary>The exit code for a valid file.</summary>
    public const int Valid = 0;

    /// <summary>The exit code for a damaged file, or one that is not a RedisLite file this version reads.</summary>
    public const int Damaged = 1;

    /// <summary>The exit code for a usage error (bad options, missing file).</summary>
    public const int UsageError = 2;

    private const string Usage = """
        Usage: redislite-check [options] <file>

        Checks a RedisLite snapshot (RLSNAP) or append log (RLLOG) whole and reports what it holds.

        Options:
          --dump       print each operation of a log: offset database OPERATION arguments...
          --fix        say what repairing a damaged log would cut (nothing is changed)
          --fix --yes  cut a damaged log back to the end of its last good record
          -q, --quiet  no progress lines on stderr for large files
          -h, --help   show this text

        Exit code: 0 valid, 1 damaged (or not a file this version reads), 2 usage error.
        Do not repair a log while a store is running on it.
        """;

    /// <summary>Runs the command.</summary>
    /// <param name="args">The command-line arguments.</param>
    /// <param name="stdout">Where the report (and the dump) goes.</param>
    /// <param name="stderr">Where usage errors and progress go.</param>
    /// <returns>The exit code: <see cref="Valid"/>, <see cref="Damaged"/> or <see cref="UsageError"/>.</returns>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) => Run(args, stdout, stderr, CheckSettings.Default);

    /// <summary>Runs the command with test settings.</summary>
    internal static int Run(string[] args, TextWriter stdout, TextWriter stderr, CheckSettings settings)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        ArgumentNullException.ThrowIfNull(settings);

        var options = new Options();
        var onlyFiles = false;
        foreach (var arg in args)
        {
            if (onlyFiles || !arg.StartsWith('-') || arg == "-")
            {
                if (options.Path is not null)
                {
                    return Fail(stderr, "give one file to check.");
                }

                options.Path = arg;
                continue;
            }

            switch (arg)
            {
                case "--":
                    onlyFiles = true;
                    break;
                case "-h" or "--help":
                    stdout.WriteLine(Usage);
                    return Valid;
                case "-q" or "--quiet":
                    options.Quiet = true;
                    break;
                case "--dump":
                    options.Dump = true;
                    break;
                case "--fix":
                    options.Fix = true;
                    break;
                case "-y" or "--yes":
                    options.Yes = true;
                    break;
                default:
                    return Fail(stderr, $"unknown option '{arg}'.");
            }
        }

        if (options.Path is null)
        {
            return Fail(stderr, "no file given.");
        }

        if (options.Yes && !options.Fix)
        {
            return Fail(stderr, "--yes confirms --fix; give both to repair a log.");
        }

        if (Directory.Exists(options.Path))
        {
            return Fail(stderr, $"'{options.Path}' is a directory; give the snapshot or log file in it.", usage: false);
        }

        if (!File.Exists(options.Path))
        {
            return Fail(stderr, $"no such file: '{options.Path}'.", usage: false);
        }

        FileStream file;
        try
        {
            file = SnapshotFiles.OpenRead(options.Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail(stderr, $"cannot open '{options.Path}': {e.Message}", usage: false);
        }

        try
        {
            return Check(file, options, stdout, stderr, settings);
        }
        catch (IOException e)
        {
            file.Dispose();
            stdout.WriteLine($"status: cannot read the file: {e.Message}");
            return Damaged;
        }
    }

    /// <summary>Detects the kind of file and checks it; disposes <paramref name="file"/>.</summary>
    private static int Check(FileStream file, Options options, TextWriter stdout, TextWriter stderr, CheckSettings settings)
    {
        var path = options.Path!;
        var length = file.Length;
        Span<byte> head = stackalloc byte[SnapshotFormat.Magic.Length];
        var read = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        file.Position = 0;
        head = head[..read];

        stdout.WriteLine($"file: {path}");
        if (length == 0)
        {
            using (file)
            {
                stdout.WriteLine("bytes: 0");
                stdout.WriteLine("type: empty file: an append log with no records (valid), or a damaged snapshot (a snapshot file is never empty)");
                stdout.WriteLine("status: OK");
                return Valid;
            }
        }

        // A file shorter than a magic is read as what it could be the start of (a log first: it is the file appended to).
        var isLog = StartsWith(head, LogFormat.Magic);
        var isSnapshot = !isLog && StartsWith(head, SnapshotFormat.Magic);
        if (!isLog && !isSnapshot)
        {
            using (file)
            {
                if (head.SequenceEqual("redisl"u8))
                {
                    return CheckManifest(path, stdout);
                }

                stdout.WriteLine($"type: unknown: not a RedisLite snapshot (RLSNAP) or append log (RLLOG); it starts with {ByteText.Quote(head)}");
                stdout.WriteLine("status: not a RedisLite file");
                return Damaged;
            }
        }

        LogScan? scan;
        using (file)
        {
            Stream input = file;
            ProgressStream? progress = null;
            if (!options.Quiet && length >= settings.ProgressThreshold)
            {
                input = progress = new ProgressStream(file, stderr, settings.ProgressInterval);
            }

            using (progress)
            {
                if (isSnapshot)
                {
                    return CheckSnapshot(input, path, options, stdout);
                }

                scan = CheckLog(input, length, path, options, stdout);
            }
        }

        if (scan is null)
        {
            return Damaged;
        }

        if (scan.Status == LogReadStatus.End)
        {
            if (options.Fix)
            {
                stdout.WriteLine("fix: nothing to fix");
            }

            return Valid;
        }

        if (!options.Fix)
        {
            stdout.WriteLine("run with --fix to see what a repair would cut");
            return Damaged;
        }

        // The read handle is closed: the repair opens the file for writing on its own.
        return Fix(path, scan, options.Yes, stdout);
    }

    /// <summary>Checks an append-log manifest (read by its folder, under its fixed name) and that its files exist.</summary>
    private static int CheckManifest(string path, TextWriter stdout)
    {
        stdout.WriteLine("type: append-log manifest");
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!string.Equals(Path.GetFileName(path), LogManifest.FileName, StringComparison.Ordinal))
        {
            stdout.WriteLine($"status: cannot check: a manifest is read under its own name, {LogManifest.FileName}");
            return Damaged;
        }

        LogManifest? manifest;
        try
        {
            manifest = LogManifest.Read(folder);
        }
        catch (AppendLogFormatException e)
        {
            stdout.WriteLine($"status: damaged at offset {e.Offset}: {e.Message}");
            return Damaged;
        }

        var files = (manifest!.Base is { } b ? new[] { b } : []).Concat(manifest.Increments).ToList();
        stdout.WriteLine($"base: {manifest.Base ?? "(none)"}");
        stdout.WriteLine($"log files: {string.Join(", ", manifest.Increments)}");
        var missing = files.Where(f => !File.Exists(Path.Combine(folder, f))).ToList();
        if (missing.Count != 0)
        {
            stdout.WriteLine($"status: damaged: listed files are missing: {string.Join(", ", missing)}");
            return Damaged;
        }

        stdout.WriteLine("status: OK (check each listed file with redislite-check <file>)");
        return Valid;
    }

    private static int CheckSnapshot(Stream input, string path, Options options, TextWriter stdout)
    {
        if (options.Fix)
        {
            stdout.WriteLine("fix: a snapshot is never modified (it is written whole and renamed into place); a damaged one cannot be repaired, only replaced by an earlier copy");
        }

        if (options.Dump)
        {
            stdout.WriteLine("dump: --dump prints append logs only");
        }

        SnapshotInfo info;
        try
        {
            info = SnapshotLoader.Read(input, path, target: null, wholeStream: true);
        }
        catch (SnapshotFormatException e)
        {
            stdout.WriteLine("type: snapshot (RLSNAP)");
            stdout.WriteLine($"bytes: {input.Length}");
            stdout.WriteLine($"status: damaged at offset {e.Offset}: {e.Message}");
            return Damaged;
        }

        var inv = CultureInfo.InvariantCulture;
        stdout.WriteLine($"type: snapshot (RLSNAP), format version {info.Version}");
        stdout.WriteLine($"bytes: {info.Length}");
        stdout.WriteLine(string.Create(inv, $"created: {info.Created.UtcDateTime:yyyy-MM-dd HH:mm:ss.fff} UTC ({info.Created.ToUnixTimeMilliseconds()} ms)"));
        stdout.WriteLine($"databases: {info.DatabaseCount} in the saving store, {info.KeysPerDatabase.Count} with keys");
        stdout.WriteLine($"keys: {info.Keys}");
        stdout.WriteLine("keys by type: " + string.Join(", ",
            new[] { RedisType.String, RedisType.Hash, RedisType.List, RedisType.Set, RedisType.SortedSet }
                .Select(t => $"{TypeName(t)} {info.KeysPerType.GetValueOrDefault(t)}")));
        if (info.KeysPerDatabase.Count != 0)
        {
            stdout.WriteLine("keys by database: " + string.Join(", ", info.KeysPerDatabase.OrderBy(p => p.Key).Select(p => $"db{p.Key} {p.Value}")));
        }

        stdout.WriteLine("status: OK");
        return Valid;
    }

    /// <summary>Reads and reports a log; returns null when it cannot be read at all (newer version).</summary>
    private static LogScan? CheckLog(Stream input, long length, string path, Options options, TextWriter stdout)
    {
        LogScan scan;
        try
        {
            scan = LogScan.Read(input, length, path, options.Dump ? stdout : null);
        }
        catch (AppendLogFormatException e)
        {
            stdout.WriteLine("type: append log (RLLOG)");
            stdout.WriteLine($"bytes: {length}");
            stdout.WriteLine($"status: cannot check: {e.Message}");
            if (options.Fix)
            {
                stdout.WriteLine("fix: not applied (the file cannot be read by this version)");
            }

            return null;
        }

        stdout.WriteLine(scan.Version == 0
            ? "type: append log (RLLOG), format version unknown (the header is cut short)"
            : $"type: append log (RLLOG), format version {scan.Version}");
        stdout.WriteLine($"bytes: {scan.Length}");
        stdout.WriteLine($"records: {scan.Records}");
        stdout.WriteLine($"operations: {scan.Operations}");
        if (scan.Operations != 0)
        {
            stdout.WriteLine("operations by type: " + string.Join(", ", scan.OperationCounts.Select(c => $"{c.Op} {c.Count}")));
            stdout.WriteLine("databases: " + string.Join(", ", scan.Databases));
        }

        switch (scan.Status)
        {
            case LogReadStatus.End:
                stdout.WriteLine("status: OK");
                break;
            case LogReadStatus.Truncated:
                stdout.WriteLine($"status: truncated tail at offset {scan.DamageOffset}: {scan.Problem}");
                stdout.WriteLine($"the last {scan.Length - scan.GoodLength} bytes are an incomplete record (a write cut short); the {scan.Records} records before them are intact");
                break;
            default:
                stdout.WriteLine($"status: corrupt at offset {scan.DamageOffset}: {scan.Problem}");
                stdout.WriteLine($"the {scan.Records} records before offset {scan.DamageOffset} are intact; nothing after it was read");
                break;
        }

        return scan;
    }

    /// <summary>Cuts a damaged log back to its last good record (or only says what it would cut).</summary>
    private static int Fix(string path, LogScan scan, bool confirmed, TextWriter stdout)
    {
        var cut = scan.Length - scan.GoodLength;
        stdout.WriteLine($"fix: cut {cut} bytes from offset {scan.GoodLength} to the end, keeping {scan.Records} records ({scan.GoodLength} bytes)");
        if (scan.Status == LogReadStatus.Corrupt)
        {
            stdout.WriteLine("fix: the damage is not at the end: any intact records after it are lost too (keep a copy of the file first)");
        }

        if (!confirmed)
        {
            stdout.WriteLine("fix: nothing changed; run again with --fix --yes to truncate the file");
            return Damaged;
        }

        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.None);
            file.SetLength(scan.GoodLength);
            file.Flush(flushToDisk: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stdout.WriteLine($"fix: failed: {e.Message}");
            return Damaged;
        }

        stdout.WriteLine($"fix: truncated to {scan.GoodLength} bytes; the log is valid");
        return Valid;
    }

    private static bool StartsWith(ReadOnlySpan<byte> head, ReadOnlySpan<byte> magic) =>
        head.Length >= magic.Length ? head.StartsWith(magic) : magic.StartsWith(head);

    private static string TypeName(RedisType type) => type switch
    {
        RedisType.String => "string",
        RedisType.Hash => "hash",
        RedisType.List => "list",
        RedisType.Set => "set",
        _ => "zset",
    };

    private static int Fail(TextWriter stderr, string message, bool usage = true)
    {
        stderr.WriteLine($"redislite-check: {message}");
        if (usage)
        {
            stderr.WriteLine("Run 'redislite-check --help' for usage.");
        }

        return UsageError;
    }

    private sealed class Options
    {
        public string? Path { get; set; }

        public bool Quiet { get; set; }

        public bool Dump { get; set; }

        public bool Fix { get; set; }

        public bool Yes { get; set; }
    }
}
