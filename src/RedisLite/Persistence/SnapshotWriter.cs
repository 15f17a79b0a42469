using System.Buffers.Binary;

namespace RedisLite.Persistence;

/// <summary>
/// Writes snapshot content to a stream as checksummed chunks (see <see cref="SnapshotFormat"/>): primitives go into a
/// chunk-sized buffer that is framed and written when full, so a record costs no allocation.
/// </summary>
internal sealed class SnapshotWriter
{
    private const int FrameOverhead = 8;

    private readonly Stream _stream;

    // The chunk being built: [length placeholder (4)][payload][room for the CRC (4)].
    private readonly byte[] _chunk = new byte[SnapshotFormat.ChunkSize + FrameOverhead];
    private int _length;
    private int _folded;
    private uint _contentCrc;

    /// <summary>Starts a snapshot on <paramref name="stream"/>: writes the magic and the version.</summary>
    public SnapshotWriter(Stream stream, uint version = SnapshotFormat.Version)
    {
        _stream = stream;
        Span<byte> preamble = stackalloc byte[SnapshotFormat.PreambleLength];
        SnapshotFormat.Magic.CopyTo(preamble);
        BinaryPrimitives.WriteUInt32LittleEndian(preamble[SnapshotFormat.Magic.Length..], version);
        stream.Write(preamble);
        _contentCrc = SnapshotFormat.Crc(uint.MaxValue, preamble);
    }

    private Span<byte> Payload => _chunk.AsSpan(4, SnapshotFormat.ChunkSize);

    public void WriteByte(byte value)
    {
        if (_length == SnapshotFormat.ChunkSize)
        {
            FlushChunk();
        }

        _chunk[4 + _length++] = value;
    }

    public void WriteVarint(ulong value)
    {
        if (SnapshotFormat.ChunkSize - _length < 10)
        {
            FlushChunk();
        }

        var payload = Payload;
        while (value >= 0x80)
        {
            payload[_length++] = (byte)(value | 0x80);
            value >>= 7;
        }

        payload[_length++] = (byte)value;
    }

    public void WriteInt64(long value)
    {
        if (SnapshotFormat.ChunkSize - _length < 8)
        {
            FlushChunk();
        }

        BinaryPrimitives.WriteInt64LittleEndian(Payload[_length..], value);
        _length += 8;
    }

    public void WriteDouble(double value) => WriteInt64(BitConverter.DoubleToInt64Bits(value));

    /// <summary>Writes a varint length and the bytes.</summary>
    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        WriteVarint((ulong)bytes.Length);
        WriteRaw(bytes);
    }

    /// <summary>Writes bytes as they are, across as many chunks as they need.</summary>
    public void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            if (_length == SnapshotFormat.ChunkSize)
            {
                FlushChunk();
            }

            var n = Math.Min(bytes.Length, SnapshotFormat.ChunkSize - _length);
            bytes[..n].CopyTo(Payload[_length..]);
            _length += n;
            bytes = bytes[n..];
        }
    }

    /// <summary>Writes the CRC of all content so far (preamble included), then frames and writes the last chunk.</summary>
    public void Finish()
    {
        Fold();
        WriteRawUInt32(~_contentCrc);
        FlushChunk();
        _stream.Flush();
    }

    private void WriteRawUInt32(uint value)
    {
        if (SnapshotFormat.ChunkSize - _length < 4)
        {
            FlushChunk();
        }

        BinaryPrimitives.WriteUInt32LittleEndian(Payload[_length..], value);
        _length += 4;
    }

    private void Fold()
    {
        _contentCrc = SnapshotFormat.Crc(_contentCrc, _chunk.AsSpan(4 + _folded, _length - _folded));
        _folded = _length;
    }

    private void FlushChunk()
    {
        if (_length == 0)
        {
            return;
        }

        Fold();
        BinaryPrimitives.WriteUInt32LittleEndian(_chunk, (uint)_length);
        var crc = SnapshotFormat.Crc(_chunk.AsSpan(0, 4 + _length));
        BinaryPrimitives.WriteUInt32LittleEndian(_chunk.AsSpan(4 + _length), crc);
        _stream.Write(_chunk, 0, _length + FrameOverhead);
        _length = 0;
        _folded = 0;
    }
}
