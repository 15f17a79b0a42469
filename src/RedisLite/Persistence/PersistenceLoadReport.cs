namespace RedisLite.Persistence;

/// <summary>Where a store's data came from when it started.</summary>
public enum PersistenceSource
{
    /// <summary>Nothing was loaded (no saved data, or loading is off).</summary>
    None = 0,

    /// <summary>The snapshot file.</summary>
    Snapshot = 1,

    /// <summary>The append log (its base snapshot and its records).</summary>
    AppendLog = 2,
}

/// <summary>What a store loaded when it started (see <see cref="DataStore.PersistenceLoad"/>).</summary>
/// <param name="Source">Where the data came from.</param>
/// <param name="SnapshotKeys">The keys read from the snapshot (or the log's base).</param>
/// <param name="LogRecords">The append-log records replayed.</param>
/// <param name="Warning">What was wrong and tolerated (a torn last record cut off, or damage skipped when
/// <see cref="PersistenceOptions.LoadCorruptedLog"/> allows it); null when the load was clean.</param>
public sealed record PersistenceLoadReport(PersistenceSource Source, long SnapshotKeys, long LogRecords, string? Warning)
{
    /// <summary>Gets the report of a start that loaded nothing.</summary>
    public static PersistenceLoadReport Nothing { get; } = new(PersistenceSource.None, 0, 0, null);
}
