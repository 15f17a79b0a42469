using System.Buffers.Binary;
using System.Numerics;

namespace RedisLite.Persistence;

/// <summary>
/// What a byte written to disk before each record or section means. The numeric values are the format: they are
/// append-only (never renumber or reuse one), and a golden test pins them.
/// </summary>
internal enum SnapshotOpcode : byte
{
    /// <summary>A string key: its value bytes follow.</summary>
    String = 1,

    /// <summary>A hash key: a field count, then field/value pairs.</summary>
    Hash = 2,

    /// <summary>A list key: an element count, then the elements head to tail.</summary>
    List = 3,

    /// <summary>A set key: a member count, then the members.</summary>
    Set = 4,

    /// <summary>A sorted set key: a member count, then member/score pairs in ascending order.</summary>
    SortedSet = 5,

    /// <summary>Starts a database's section: its index and key count follow.</summary>
    Database = 0xFE,

    /// <summary>Ends the snapshot: record counts and the whole-content checksum follow.</summary>
    End = 0xFF,
}

/// <summary>
/// The snapshot format (version 1), in one place.
/// </summary>
/// <remarks>
/// <para><b>Layout.</b> The magic bytes <c>RLSNAP</c> and the format version (uint32, little-endian), then a sequence
/// of chunks. Each chunk is its payload length (uint32 LE, 1 to <see cref="ChunkSize"/>), the payload, and the
/// CRC32C of the length and payload (uint32 LE). The payloads concatenated form the content:</para>
/// <list type="bullet">
/// <item>header: creation time (int64 LE, Unix ms), the database count of the saving store (varint);</item>
/// <item>per non-empty database: <see cref="SnapshotOpcode.Database"/>, its index and key count (varints), then its
/// records, each: the type opcode, the key (varint length + bytes), the absolute expiry in Unix ms (varint, 0 for
/// none), then the value: string bytes (varint length + bytes); or an element count (varint) and the elements:
/// hash field and value, list elements head to tail, set members, sorted set member and score (IEEE 754 bits,
/// int64 LE) in ascending order;</item>
/// <item>the end: <see cref="SnapshotOpcode.End"/>, the total record count and one count per type (varints, in
/// opcode order), then the CRC32C of every byte before it (magic and version included, chunk framing excluded).</item>
/// </list>
/// <para>Nothing follows the last chunk, so a snapshot can be embedded in a larger stream (the append log's base).
/// Collections are written as their logical content, never their compact in-memory encodings.</para>
/// </remarks>
internal static class SnapshotFormat
{
    /// <summary>The format version this library writes; it reads this version and older ones.</summary>
    public const uint Version = 1;

    /// <summary>The largest chunk payload.</summary>
    public const int ChunkSize = 64 * 1024;

    /// <summary>The number of record types (opcodes 1 to this).</summary>
    public const int TypeCount = 5;

    /// <summary>The largest string, key or element length accepted (Redis's 512 MB).</summary>
    public const long MaxLength = DataStore.MaxStringLength;

    /// <summary>Gets the magic bytes that start every snapshot.</summary>
    public static ReadOnlySpan<byte> Magic => "RLSNAP"u8;

    /// <summary>The length of the magic bytes and the version.</summary>
    public const int PreambleLength = 10;

    /// <summary>Gets the type a record opcode stands for.</summary>
    public static RedisType TypeOf(SnapshotOpcode opcode) => opcode switch
    {
        SnapshotOpcode.String => RedisType.String,
        SnapshotOpcode.Hash => RedisType.Hash,
        SnapshotOpcode.List => RedisType.List,
        SnapshotOpcode.Set => RedisType.Set,
        _ => RedisType.SortedSet,
    };

    /// <summary>Gets the opcode of a stored type.</summary>
    public static SnapshotOpcode OpcodeOf(RedisType type) => type switch
    {
        RedisType.String => SnapshotOpcode.String,
        RedisType.Hash => SnapshotOpcode.Hash,
        RedisType.List => SnapshotOpcode.List,
        RedisType.Set => SnapshotOpcode.Set,
        RedisType.SortedSet => SnapshotOpcode.SortedSet,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not a stored type."),
    };

    /// <summary>Continues a CRC32C (Castagnoli) over <paramref name="data"/>; start from <see cref="uint.MaxValue"/>
    /// and invert the result, as the standard CRC32C does.</summary>
    public static uint Crc(uint crc, ReadOnlySpan<byte> data)
    {
        while (data.Length >= 8)
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[8..];
        }

        if (data.Length >= 4)
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt32LittleEndian(data));
            data = data[4..];
        }

        foreach (var b in data)
        {
            crc = BitOperations.Crc32C(crc, b);
        }

        return crc;
    }

    /// <summary>Returns the standard CRC32C of <paramref name="data"/>.</summary>
    public static uint Crc(ReadOnlySpan<byte> data) => ~Crc(uint.MaxValue, data);
}
