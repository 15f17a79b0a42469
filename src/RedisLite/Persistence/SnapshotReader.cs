using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace RedisLite.Persistence;

/// <summary>
/// Reads snapshot content from a stream (see <see cref="SnapshotFormat"/>): each chunk is read whole and its CRC checked
/// before any of its bytes is used, so corrupted data is never interpreted. Reads no byte past the last chunk.
/// Every problem is a <see cref="SnapshotFormatException"/> that names the source and offset.
/// </summary>
internal sealed class SnapshotReader
{
    private const int FrameOverhead = 8;

    private readonly Stream _stream;
    private readonly string _source;
    private readonly byte[] _chunk = new byte[SnapshotFormat.ChunkSize + FrameOverhead];
    private readonly long _origin;
    private long _chunkOffset;
    private long _consumed;
    private int _length;
    private int _position;
    private int _folded;
    private uint _contentCrc;

    /// <summary>Reads and checks the magic and the version.</summary>
    public SnapshotReader(Stream stream, string source)
    {
        _stream = stream;
        _source = source;
        _origin = stream.CanSeek ? stream.Position : 0;
        Span<byte> preamble = stackalloc byte[SnapshotFormat.PreambleLength];
        var read = stream.ReadAtLeast(preamble, preamble.Length, throwOnEndOfStream: false);
        if (read == 0)
        {
            throw Error(0, "the snapshot is empty (zero length).");
        }

        if (read < SnapshotFormat.Magic.Length || !preamble[..SnapshotFormat.Magic.Length].SequenceEqual(SnapshotFormat.Magic))
        {
            throw Error(0, "not a RedisLite snapshot (the magic bytes 'RLSNAP' are missing).");
        }

        if (read < preamble.Length)
        {
            throw Error(read, "the snapshot is truncated inside its header.");
        }

        Version = BinaryPrimitives.ReadUInt32LittleEndian(preamble[SnapshotFormat.Magic.Length..]);
        if (Version > SnapshotFormat.Version)
        {
            throw Error(SnapshotFormat.Magic.Length, $"format version {Version} is newer than the versions this library reads (up to {SnapshotFormat.Version}); upgrade RedisLite to load it.");
        }

        if (Version == 0)
        {
            throw Error(SnapshotFormat.Magic.Length, "format version 0 does not exist.");
        }

        _contentCrc = SnapshotFormat.Crc(uint.MaxValue, preamble);
        _consumed = preamble.Length;
    }

    /// <summary>Gets the format version of the snapshot.</summary>
    public uint Version { get; }

    /// <summary>Gets the number of bytes read from the stream so far (whole chunks).</summary>
    public long Consumed => _consumed;

    /// <summary>Gets the stream offset of the next content byte.</summary>
    public long Offset => _origin + _chunkOffset + 4 + _position;

    public byte ReadByte()
    {
        if (_position == _length)
        {
            NextChunk();
        }

        return _chunk[4 + _position++];
    }

    public ulong ReadVarint()
    {
        var start = Offset;
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = ReadByte();
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                if (shift == 63 && b > 1)
                {
                    break;
                }

                return result;
            }
        }

        throw Error(start, "a variable-length number is longer than 64 bits.");
    }

    /// <summary>Reads a count or length and checks it against <paramref name="max"/>.</summary>
    public int ReadLength(long max, string what)
    {
        var start = Offset;
        var value = ReadVarint();
        if (value > (ulong)max)
        {
            throw Error(start, $"{what} {value} is larger than the limit {max}.");
        }

        return (int)value;
    }

    public long ReadInt64()
    {
        Span<byte> bytes = stackalloc byte[8];
        ReadRaw(bytes);
        return BinaryPrimitives.ReadInt64LittleEndian(bytes);
    }

    public double ReadDouble() => BitConverter.Int64BitsToDouble(ReadInt64());

    /// <summary>Reads a varint length and that many bytes into a new array.</summary>
    public byte[] ReadBytes(string what)
    {
        var bytes = GC.AllocateUninitializedArray<byte>(ReadLength(SnapshotFormat.MaxLength, what));
        ReadRaw(bytes);
        return bytes;
    }

    /// <summary>Fills <paramref name="destination"/>, across as many chunks as it spans.</summary>
    public void ReadRaw(Span<byte> destination)
    {
        while (!destination.IsEmpty)
        {
            if (_position == _length)
            {
                NextChunk();
            }

            var n = Math.Min(destination.Length, _length - _position);
            _chunk.AsSpan(4 + _position, n).CopyTo(destination);
            _position += n;
            destination = destination[n..];
        }
    }

    /// <summary>Skips <paramref name="count"/> content bytes.</summary>
    public void Skip(long count)
    {
        while (count > 0)
        {
            if (_position == _length)
            {
                NextChunk();
            }

            var n = (int)Math.Min(count, _length - _position);
            _position += n;
            count -= n;
        }
    }

    /// <summary>Reads the content CRC that ends the snapshot and checks it against everything read before it; then
    /// checks that it ended its chunk.</summary>
    public void ReadEnd()
    {
        Fold();
        var expected = ~_contentCrc;
        var at = Offset;
        Span<byte> bytes = stackalloc byte[4];
        ReadRaw(bytes);
        var stored = BinaryPrimitives.ReadUInt32LittleEndian(bytes);
        if (stored != expected)
        {
            throw Error(at, $"the whole-content checksum does not match (stored 0x{stored:X8}, computed 0x{expected:X8}).");
        }

        if (_position != _length)
        {
            throw Error(Offset, "unexpected bytes after the end marker.");
        }
    }

    /// <summary>Throws when the stream holds anything after the snapshot (for a snapshot file, which must end there).</summary>
    public void ExpectEndOfStream()
    {
        Span<byte> one = stackalloc byte[1];
        if (_stream.Read(one) != 0)
        {
            throw Error(_origin + _consumed, "unexpected data after the end of the snapshot.");
        }
    }

    /// <summary>Builds the exception for a problem at <paramref name="offset"/>.</summary>
    public SnapshotFormatException Error(long offset, string problem) => new(_source, offset, problem);

    [DoesNotReturn]
    public void Fail(long offset, string problem) => throw Error(offset, problem);

    private void Fold()
    {
        _contentCrc = SnapshotFormat.Crc(_contentCrc, _chunk.AsSpan(4 + _folded, _position - _folded));
        _folded = _position;
    }

    private void NextChunk()
    {
        Fold();
        var start = _origin + _consumed;
        var read = _stream.ReadAtLeast(_chunk.AsSpan(0, 4), 4, throwOnEndOfStream: false);
        if (read < 4)
        {
            throw Error(start + read, read == 0
                ? "unexpected end of the stream where a chunk should start (the snapshot is truncated)."
                : "unexpected end of the stream inside a chunk header (the snapshot is truncated).");
        }

        var length = BinaryPrimitives.ReadUInt32LittleEndian(_chunk);
        if (length is 0 or > SnapshotFormat.ChunkSize)
        {
            throw Error(start, $"chunk length {length} is outside 1..{SnapshotFormat.ChunkSize} (the snapshot is corrupted).");
        }

        var rest = (int)length + 4;
        read = _stream.ReadAtLeast(_chunk.AsSpan(4, rest), rest, throwOnEndOfStream: false);
        if (read < rest)
        {
            throw Error(start + 4 + read, $"unexpected end of the stream inside a chunk of {length} bytes (the snapshot is truncated).");
        }

        var stored = BinaryPrimitives.ReadUInt32LittleEndian(_chunk.AsSpan(4 + (int)length));
        var computed = SnapshotFormat.Crc(_chunk.AsSpan(0, 4 + (int)length));
        if (stored != computed)
        {
            throw Error(start, $"the checksum of the chunk of {length} bytes does not match (stored 0x{stored:X8}, computed 0x{computed:X8}); the snapshot is corrupted.");
        }

        _chunkOffset = _consumed;
        _consumed += 4 + rest;
        _length = (int)length;
        _position = 0;
        _folded = 0;
    }
}
