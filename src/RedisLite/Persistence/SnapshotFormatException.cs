namespace RedisLite.Persistence;

/// <summary>
/// A snapshot file or stream is not a valid RedisLite snapshot: it is corrupted (a checksum does not match), truncated,
/// of a newer format version than this library reads, or not a snapshot at all. The message names the source, the byte
/// offset and what is wrong. A load that throws this leaves the store empty.
/// </summary>
public sealed class SnapshotFormatException : Exception
{
    /// <summary>Creates the error.</summary>
    /// <param name="message">What is wrong, with the source and offset.</param>
    public SnapshotFormatException(string message) : base(message)
    {
    }

    /// <summary>Creates the error with an inner exception.</summary>
    /// <param name="message">What is wrong, with the source and offset.</param>
    /// <param name="innerException">The cause.</param>
    public SnapshotFormatException(string message, Exception? innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the error with a generic message.</summary>
    public SnapshotFormatException() : base("The snapshot is not valid.")
    {
    }

    /// <summary>Creates the error for a problem at a known place.</summary>
    /// <param name="source">The file path, or a description of the stream.</param>
    /// <param name="offset">The byte offset in the file or stream where the problem was found.</param>
    /// <param name="problem">What is wrong.</param>
    public SnapshotFormatException(string source, long offset, string problem)
        : base($"Snapshot '{source}' is not valid at offset {offset}: {problem}")
    {
        Offset = offset;
    }

    /// <summary>Gets the byte offset in the file or stream where the problem was found, or -1 when unknown.</summary>
    public long Offset { get; } = -1;
}
