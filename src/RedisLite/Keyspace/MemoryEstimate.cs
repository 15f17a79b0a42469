using System.Runtime.CompilerServices;
using RedisLite.Collections;
using RedisLite.Internal;

namespace RedisLite.Keyspace;

/// <summary>
/// The store's estimate of the bytes each key costs, which <see cref="RedisLiteOptions.MaxMemory"/>, <c>MEMORY USAGE</c>
/// and <see cref="DataStore.UsedMemory"/> are measured in.
/// </summary>
/// <remarks>
/// <para>An estimate of what the .NET heap holds for a key on a 64-bit runtime, not a measurement: a key costs
/// <see cref="SlotBytes"/> (its 32-byte entry in the shard's entry array plus its 4-byte bucket link; the spare room
/// of a table that doubled is not counted) plus its value as allocated: a string is one array holding key and value
/// (<see cref="Bytes"/>: a 24-byte array header, the bytes, padded to 8); a collection is its object, its key array and
/// its structures at their allocated capacity (arrays, table slots, packed buffers) plus every element array it
/// references. Sorted-set tree nodes are counted from the element count at a B-tree's typical fill. Allocator
/// fragmentation, the GC's own overhead and transient garbage are not counted: the process may use more.</para>
/// <para>Collections keep their estimate up to date as they change (every structure reports its size in O(1)), and
/// each shard keeps the exact sum of its keys' estimates under its write lock, so the store-wide total is a sum of
/// a few per-shard counters.</para>
/// </remarks>
internal static class MemoryEstimate
{
    /// <summary>The cost of a key's slot in its shard: the 32-byte <see cref="Entry"/> plus a 4-byte bucket link.</summary>
    public const int SlotBytes = 36;

    /// <summary>An object's header and method-table pointer.</summary>
    public const int ObjectHeader = 16;

    /// <summary>An array's header, method-table pointer and length.</summary>
    public const int ArrayHeader = 24;

    /// <summary>The size of an object with <paramref name="fieldBytes"/> bytes of fields.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Object(int fieldBytes) => Align(ObjectHeader + fieldBytes);

    /// <summary>The size of a byte array of <paramref name="length"/> bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Bytes(int length) => Align(ArrayHeader + (long)length);

    /// <summary>The size of an array of <paramref name="length"/> elements of <paramref name="elementSize"/> bytes
    /// (8 for references); 0 for an empty array, which is shared.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Array(int length, int elementSize) => length == 0 ? 0 : Align(ArrayHeader + ((long)length * elementSize));

    /// <summary>The estimate of a stored value as it is now.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Of(object value) => FastCast.IsBytes(value, out var payload)
        ? Bytes(payload.Length)
        : ((CollectionValue)value).AllocatedBytes;

    /// <summary>The estimate of a stored value as its shard counts it (for collections, as of their last
    /// <see cref="Shard.Resync"/>): what removing it gives back.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Accounted(object value) => FastCast.IsBytes(value, out var payload)
        ? Bytes(payload.Length)
        : ((CollectionValue)value).AccountedBytes;

    /// <summary>The estimate of a value recomputed from scratch by walking every element (tests and checks: slow).</summary>
    public static long Measure(object value) => FastCast.IsBytes(value, out var payload)
        ? Bytes(payload.Length)
        : ((CollectionValue)value).MeasureBytes();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Align(long n) => (n + 7) & ~7L;
}
