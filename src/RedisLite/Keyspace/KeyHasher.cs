using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RedisLite.Keyspace;

/// <summary>A fast seeded 32-bit hash of key bytes.</summary>
/// <remarks>
/// <para>A lookup cannot start until its hash is known, so latency matters more than throughput. Whole 8-byte words
/// are mixed with a multiply-rotate-multiply step; the last 1 to 7 bytes are read with (possibly overlapping) word
/// loads rather than a byte loop; a 64-bit avalanche finalizer spreads every input bit over the result, whose low
/// bits pick a bucket and high bits a shard.</para>
/// <para>The seed is random per store, so key names chosen by an attacker cannot be precomputed to collide.</para>
/// </remarks>
internal static class KeyHasher
{
    private const ulong K0 = 0x9E3779B97F4A7C15;
    private const ulong K1 = 0xC2B2AE3D27D4EB4F;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Hash(ReadOnlySpan<byte> key, ulong seed)
    {
        ref var p = ref MemoryMarshal.GetReference(key);
        var length = key.Length;
        var h = seed ^ ((ulong)length * K0);
        var offset = 0;
        for (; length - offset >= 8; offset += 8)
        {
            h = Round(h, Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref p, offset)));
        }

        var rest = length - offset;
        if (rest > 0)
        {
            ulong tail;
            if (length >= 8)
            {
                // Re-read the last eight bytes; the overlap with the previous word is harmless.
                tail = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref p, length - 8));
            }
            else if (rest >= 4)
            {
                tail = ((ulong)Unsafe.ReadUnaligned<uint>(ref p) << 32) | Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref p, rest - 4));
            }
            else
            {
                tail = ((ulong)p << 16) | ((ulong)Unsafe.Add(ref p, rest >> 1) << 8) | Unsafe.Add(ref p, rest - 1);
            }

            h = Round(h, tail);
        }

        // fmix64, the finalizer of MurmurHash3 (a well-known avalanche step).
        h ^= h >> 33;
        h *= 0xFF51AFD7ED558CCD;
        h ^= h >> 33;
        h *= 0xC4CEB9FE1A85EC53;
        h ^= h >> 33;
        return (int)h;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Round(ulong h, ulong word) => BitOperations.RotateLeft((h ^ word) * K1, 31) * K0;
}
