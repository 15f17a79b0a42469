namespace RedisLite.Persistence;

/// <summary>What a snapshot holds, read (and fully checked) without loading it: for tools and tests.</summary>
internal sealed class SnapshotInfo
{
    /// <summary>Gets the format version.</summary>
    public uint Version { get; init; }

    /// <summary>Gets when the snapshot was taken (the saving store's clock).</summary>
    public DateTimeOffset Created { get; init; }

    /// <summary>Gets the number of databases of the store that saved it.</summary>
    public int DatabaseCount { get; init; }

    /// <summary>Gets the number of keys per non-empty database index.</summary>
    public required IReadOnlyDictionary<int, long> KeysPerDatabase { get; init; }

    /// <summary>Gets the number of keys per type.</summary>
    public required IReadOnlyDictionary<RedisType, long> KeysPerType { get; init; }

    /// <summary>Gets the total number of keys.</summary>
    public long Keys { get; init; }

    /// <summary>Gets the number of keys skipped because their expiry had passed when loaded (0 when only read).</summary>
    public long ExpiredOnLoad { get; init; }

    /// <summary>Gets the number of bytes the snapshot occupies in its stream.</summary>
    public long Length { get; init; }
}
