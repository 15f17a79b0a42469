using System.Buffers.Binary;

namespace RedisLite.Persistence;

/// <summary>The type tag before each argument of a logged operation. Append-only values, pinned by a golden test.</summary>
internal enum LogArgTag : byte
{
    /// <summary>Ends the operation's arguments.</summary>
    End = 0,

    /// <summary>A byte string: varint length, then the bytes.</summary>
    Bytes = 1,

    /// <summary>A signed integer, zigzag varint.</summary>
    Int64 = 2,

    /// <summary>A double: its IEEE 754 bits, int64 little-endian.</summary>
    Double = 3,
}

/// <summary>
/// The append-log file format (version 1), in one place.
/// </summary>
/// <remarks>
/// <para><b>Layout.</b> The magic bytes <c>RLLOG</c> and the format version (uint32 LE), then records. A record is its
/// payload length (uint32 LE), the length's bitwise complement (uint32 LE, so a damaged length is told from a torn
/// tail), the CRC32C of the payload (uint32 LE), and the payload. A record is the unit of atomicity: a command, or a
/// whole transaction, is one record, so replay never applies half of one.</para>
/// <para><b>Payload.</b> One or more operations, each: the <see cref="LogOp"/> byte, the database index (varint), then
/// its arguments, each a <see cref="LogArgTag"/> and its value, closed by <see cref="LogArgTag.End"/>. The tags let a
/// tool print any record without knowing the operation, and let replay check every argument's type.</para>
/// <para><b>Damage.</b> A record cut short by the end of the last file (a crash mid-write) is a torn tail: recovery
/// drops it and carries on. Anything else (a checksum or complement that does not match, a bad tag, a short file
/// that is not the last) is corruption.</para>
/// </remarks>
internal static class LogFormat
{
    /// <summary>The format version this library writes; it reads this version and older ones.</summary>
    public const uint Version = 1;

    /// <summary>Gets the magic bytes that start every log file.</summary>
    public static ReadOnlySpan<byte> Magic => "RLLOG"u8;

    /// <summary>The length of the magic bytes and the version.</summary>
    public const int PreambleLength = 9;

    /// <summary>The bytes before each record's payload.</summary>
    public const int RecordHeaderLength = 12;

    /// <summary>The largest record payload accepted (a transaction of many large values may come close).</summary>
    public const int MaxRecordLength = int.MaxValue - 64;

    /// <summary>Writes the preamble to <paramref name="destination"/> (at least <see cref="PreambleLength"/> bytes).</summary>
    public static void WritePreamble(Span<byte> destination, uint version = Version)
    {
        Magic.CopyTo(destination);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[Magic.Length..], version);
    }

    /// <summary>Fills a record's header for its payload, which follows it in <paramref name="record"/>.</summary>
    public static void WriteRecordHeader(Span<byte> record)
    {
        var payload = record[RecordHeaderLength..];
        BinaryPrimitives.WriteUInt32LittleEndian(record, (uint)payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(record[4..], ~(uint)payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(record[8..], SnapshotFormat.Crc(payload));
    }

    /// <summary>Writes an unsigned varint; returns the bytes written (at most 10).</summary>
    public static int WriteVarint(Span<byte> destination, ulong value)
    {
        var i = 0;
        while (value >= 0x80)
        {
            destination[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        destination[i++] = (byte)value;
        return i;
    }

    /// <summary>Zigzag-encodes a signed integer, so small negative numbers stay short.</summary>
    public static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));

    /// <summary>Reverses <see cref="ZigZag"/>.</summary>
    public static long UnZigZag(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);
}
