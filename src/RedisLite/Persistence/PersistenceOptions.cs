namespace RedisLite.Persistence;

/// <summary>When the append log flushes its writes to disk (Redis's <c>appendfsync</c>).</summary>
public enum AppendFsyncPolicy
{
    /// <summary>Every write returns only once its record is on disk. Concurrent writers share each fsync (group
    /// commit), so many writers together are much faster than one at a time. Nothing acknowledged is lost.</summary>
    Always = 0,

    /// <summary>Records are written to the operating system at once and flushed to disk about once a second: a
    /// machine crash loses at most about a second of writes, a process crash nothing. Redis's default.</summary>
    EverySecond = 1,

    /// <summary>Records are written to the operating system at once and never explicitly flushed: the operating
    /// system decides (a process crash loses nothing; a machine crash may lose more than a second).</summary>
    No = 2,
}

/// <summary>A Redis save point: take a snapshot when at least <see cref="Changes"/> writes happened within
/// <see cref="Interval"/> of the last save (Redis's <c>save &lt;seconds&gt; &lt;changes&gt;</c>).</summary>
/// <param name="Interval">How long since the last save.</param>
/// <param name="Changes">How many changes at least.</param>
public readonly record struct SavePoint(TimeSpan Interval, long Changes);

/// <summary>
/// Settings of the persistence module (<c>AddRedisLite(...).AddPersistence(...)</c>, or <c>RedisLiteOptions.Persistence</c>).
/// Redis's defaults where Redis has the setting.
/// </summary>
public sealed class PersistenceOptions
{
    /// <summary>Gets or sets the directory for the snapshot, the append log and its manifest (Redis's <c>dir</c>).
    /// Created if missing. Required.</summary>
    public string? Directory { get; set; }

    /// <summary>Gets or sets the snapshot's file name in <see cref="Directory"/> (Redis's <c>dbfilename</c>).</summary>
    public string SnapshotFileName { get; set; } = "dump.rls";

    /// <summary>Gets or sets whether every write is recorded in the append log (Redis's <c>appendonly</c>). When on,
    /// startup loads from the log (its base snapshot plus its records) rather than from the snapshot file.</summary>
    public bool AppendOnly { get; set; }

    /// <summary>Gets or sets the name of the append log's folder in <see cref="Directory"/> (Redis's <c>appenddirname</c>).</summary>
    public string AppendDirectoryName { get; set; } = "appendonlydir";

    /// <summary>Gets or sets when the append log flushes to disk (Redis's <c>appendfsync</c>, default everysec).</summary>
    public AppendFsyncPolicy AppendFsync { get; set; } = AppendFsyncPolicy.EverySecond;

    /// <summary>Gets the save points (Redis's <c>save</c>): Redis's defaults are one change in an hour, 100 in five
    /// minutes, 10,000 in a minute. Clear the list to take snapshots only on demand.</summary>
    public IList<SavePoint> SavePoints { get; } =
    [
        new(TimeSpan.FromSeconds(3600), 1),
        new(TimeSpan.FromSeconds(300), 100),
        new(TimeSpan.FromSeconds(60), 10_000),
    ];

    /// <summary>Gets or sets whether the store loads the saved data when it starts. Default true. When false with the
    /// append log on, the log starts over from the empty store: its old files are replaced at once.</summary>
    public bool LoadOnStart { get; set; } = true;

    /// <summary>Gets or sets whether a store being disposed saves a snapshot first when save points are set and the
    /// append log is off (what Redis's SHUTDOWN does). Default true.</summary>
    public bool SaveOnDispose { get; set; } = true;

    /// <summary>Gets or sets by how many percent the log may grow over its size after the last rewrite before it is
    /// rewritten automatically (Redis's <c>auto-aof-rewrite-percentage</c>); 0 turns automatic rewrites off.</summary>
    public int AutoRewritePercentage { get; set; } = 100;

    /// <summary>Gets or sets the smallest log that is rewritten automatically (Redis's <c>auto-aof-rewrite-min-size</c>, 64 MB).</summary>
    public long AutoRewriteMinSize { get; set; } = 64L * 1024 * 1024;

    /// <summary>Gets or sets whether a log whose last record was cut short (a crash mid-write) loads without it; the
    /// torn record is cut off the file (Redis's <c>aof-load-truncated</c>, default true). When false, that is an error.</summary>
    public bool LoadTruncatedLog { get; set; } = true;

    /// <summary>Gets or sets whether a log damaged before its end loads up to its last good record, dropping the rest
    /// (off by default: corruption stops the load with an error naming the file and offset).</summary>
    public bool LoadCorruptedLog { get; set; }

    /// <summary>Checks the settings.</summary>
    /// <returns>One message per problem, naming the setting; empty when valid.</returns>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Directory))
        {
            errors.Add("RedisLite:Persistence:Directory is required.");
        }

        if (string.IsNullOrWhiteSpace(SnapshotFileName) || SnapshotFileName.IndexOfAny(['/', '\\']) >= 0)
        {
            errors.Add($"RedisLite:Persistence:{nameof(SnapshotFileName)} must be a file name without a directory (was \"{SnapshotFileName}\").");
        }

        if (string.IsNullOrWhiteSpace(AppendDirectoryName) || AppendDirectoryName.IndexOfAny(['/', '\\']) >= 0)
        {
            errors.Add($"RedisLite:Persistence:{nameof(AppendDirectoryName)} must be a folder name without a path (was \"{AppendDirectoryName}\").");
        }

        if (!Enum.IsDefined(AppendFsync))
        {
            errors.Add($"RedisLite:Persistence:{nameof(AppendFsync)} must be Always, EverySecond or No (was {AppendFsync}).");
        }

        foreach (var point in SavePoints)
        {
            if (point.Interval <= TimeSpan.Zero || point.Changes < 1)
            {
                errors.Add($"RedisLite:Persistence:{nameof(SavePoints)} need a positive interval and at least one change (was {point.Interval}, {point.Changes}).");
            }
        }

        if (AutoRewritePercentage < 0)
        {
            errors.Add($"RedisLite:Persistence:{nameof(AutoRewritePercentage)} must be 0 or more (was {AutoRewritePercentage}).");
        }

        if (AutoRewriteMinSize < 0)
        {
            errors.Add($"RedisLite:Persistence:{nameof(AutoRewriteMinSize)} must be 0 or more (was {AutoRewriteMinSize}).");
        }

        return errors;
    }
}
