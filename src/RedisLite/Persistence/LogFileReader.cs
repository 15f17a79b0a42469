using System.Buffers.Binary;

namespace RedisLite.Persistence;

/// <summary>What <see cref="LogFileReader.Next"/> found.</summary>
internal enum LogReadStatus
{
    /// <summary>A whole, intact record.</summary>
    Record,

    /// <summary>The clean end of the file.</summary>
    End,

    /// <summary>The file ends inside a record (a crash mid-write): <see cref="LogFileReader.Problem"/> says where.</summary>
    Truncated,

    /// <summary>A damaged record (checksum, length or framing): <see cref="LogFileReader.Problem"/> says what.</summary>
    Corrupt,
}

/// <summary>
/// Reads an append-log file record by record, checking each one (see <see cref="LogFormat"/>). It reports damage
/// rather than throwing, so recovery and the check tool each decide what a torn tail or a bad record means.
/// </summary>
internal sealed class LogFileReader
{
    private readonly Stream _stream;
    private byte[] _payload = new byte[4096];
    private long _offset;

    /// <summary>Opens a reader; reads and checks the preamble.</summary>
    /// <param name="stream">The file, at its start.</param>
    /// <param name="source">The file's path, for messages.</param>
    /// <exception cref="AppendLogFormatException">Not a RedisLite log, or of a newer version.</exception>
    public LogFileReader(Stream stream, string source)
    {
        _stream = stream;
        Source = source;
        Span<byte> preamble = stackalloc byte[LogFormat.PreambleLength];
        var read = ReadFully(preamble);
        if (read == 0)
        {
            // A file created but never written (a crash right after a rewrite or a start created it).
            IsEmpty = true;
            return;
        }

        if (read < preamble.Length)
        {
            Status0 = LogReadStatus.Truncated;
            Problem = $"the file ends inside its {LogFormat.PreambleLength}-byte header ({read} bytes)";
            return;
        }

        if (!preamble[..LogFormat.Magic.Length].SequenceEqual(LogFormat.Magic))
        {
            throw new AppendLogFormatException(source, 0, "not a RedisLite append log (the file does not start with RLLOG)");
        }

        Version = BinaryPrimitives.ReadUInt32LittleEndian(preamble[LogFormat.Magic.Length..]);
        if (Version is 0 or > LogFormat.Version)
        {
            throw new AppendLogFormatException(source, LogFormat.Magic.Length, $"format version {Version} is newer than this library reads ({LogFormat.Version}); upgrade RedisLite to load it");
        }

        _offset = LogFormat.PreambleLength;
        GoodLength = _offset;
    }

    /// <summary>Gets the file's path.</summary>
    public string Source { get; }

    /// <summary>Gets the format version from the preamble.</summary>
    public uint Version { get; }

    /// <summary>Gets whether the file has no bytes at all.</summary>
    public bool IsEmpty { get; }

    /// <summary>Gets the length of the file up to the end of its last good record (where a damaged tail would be cut).</summary>
    public long GoodLength { get; private set; }

    /// <summary>Gets the offset of the record <see cref="Next"/> last returned (or of the damage it found).</summary>
    public long RecordOffset { get; private set; }

    /// <summary>Gets what is wrong, after <see cref="LogReadStatus.Truncated"/> or <see cref="LogReadStatus.Corrupt"/>.</summary>
    public string? Problem { get; private set; }

    /// <summary>Gets the records read so far.</summary>
    public long Records { get; private set; }

    private LogReadStatus? Status0 { get; }

    /// <summary>Reads the next record into <paramref name="payload"/> (valid until the next call).</summary>
    public LogReadStatus Next(out ReadOnlySpan<byte> payload)
    {
        payload = default;
        RecordOffset = _offset;
        if (Status0 is { } early)
        {
            return early;
        }

        if (IsEmpty)
        {
            return LogReadStatus.End;
        }

        Span<byte> header = stackalloc byte[LogFormat.RecordHeaderLength];
        var read = ReadFully(header);
        if (read == 0)
        {
            return LogReadStatus.End;
        }

        if (read < header.Length)
        {
            Problem = $"the file ends inside a record header ({read} of {LogFormat.RecordHeaderLength} bytes)";
            return LogReadStatus.Truncated;
        }

        var length = BinaryPrimitives.ReadUInt32LittleEndian(header);
        var complement = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
        var crc = BinaryPrimitives.ReadUInt32LittleEndian(header[8..]);
        if (length != ~complement)
        {
            Problem = "a record header is damaged (its length does not match its check)";
            return LogReadStatus.Corrupt;
        }

        if (length == 0 || length > LogFormat.MaxRecordLength)
        {
            Problem = $"a record length of {length} is out of range";
            return LogReadStatus.Corrupt;
        }

        if (_payload.Length < length)
        {
            _payload = new byte[Math.Max(length, (long)_payload.Length * 2 > Array.MaxLength ? length : _payload.Length * 2)];
        }

        var body = _payload.AsSpan(0, (int)length);
        read = ReadFully(body);
        if (read < body.Length)
        {
            Problem = $"the file ends inside a record ({read} of {length} payload bytes)";
            return LogReadStatus.Truncated;
        }

        if (SnapshotFormat.Crc(body) != crc)
        {
            Problem = "a record's checksum does not match (the record is damaged)";
            return LogReadStatus.Corrupt;
        }

        _offset += LogFormat.RecordHeaderLength + length;
        GoodLength = _offset;
        Records++;
        payload = body;
        return LogReadStatus.Record;
    }

    /// <summary>Gets the error for the damage <see cref="Next"/> reported.</summary>
    public AppendLogFormatException Error() => new(Source, RecordOffset, Problem ?? "damaged");

    private int ReadFully(Span<byte> destination)
    {
        var total = 0;
        while (total < destination.Length)
        {
            var n = _stream.Read(destination[total..]);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }
}
