namespace RedisLite.Persistence;

/// <summary>
/// An append-log file (or its manifest) is not valid: a record is damaged before the end of the log, the file is of a
/// newer format version, or it is not a RedisLite log at all. The message names the file, the byte offset and what is
/// wrong. Loading stops: nothing is silently skipped (see <see cref="PersistenceOptions.LoadCorruptedLog"/> to load up
/// to the last good record instead, and the check tool to cut the damage off).
/// </summary>
public sealed class AppendLogFormatException : Exception
{
    /// <summary>Creates the error.</summary>
    /// <param name="message">What is wrong, with the file and offset.</param>
    public AppendLogFormatException(string message) : base(message)
    {
    }

    /// <summary>Creates the error with an inner exception.</summary>
    /// <param name="message">What is wrong, with the file and offset.</param>
    /// <param name="innerException">The cause.</param>
    public AppendLogFormatException(string message, Exception? innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the error with a generic message.</summary>
    public AppendLogFormatException() : base("The append log is not valid.")
    {
    }

    /// <summary>Creates the error for a problem at a known place.</summary>
    /// <param name="file">The file path.</param>
    /// <param name="offset">The byte offset in the file where the problem was found.</param>
    /// <param name="problem">What is wrong.</param>
    public AppendLogFormatException(string file, long offset, string problem)
        : base($"Append log '{file}' is not valid at offset {offset}: {problem}")
    {
        File = file;
        Offset = offset;
    }

    /// <summary>Gets the file, when known.</summary>
    public string? File { get; }

    /// <summary>Gets the byte offset in the file where the problem was found, or -1 when unknown.</summary>
    public long Offset { get; } = -1;
}
