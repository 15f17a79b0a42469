using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RedisLite.Keyspace;

/// <summary>A fast seeded 32-bit hash of key bytes.</summary>
/// <remarks>
/// <para>A lookup cannot start until its hash is known, so what matters is latency, not throughput. Keys of up to 16
/// bytes (most Redis keys) are read as two possibly overlapping 8-byte words and mixed with two 64x64→128-bit
/// multiplies (the "folded multiply" that wyhash and similar hashes use), about ten cycles in all; longer keys take
/// one multiply per 16 bytes.</para>
/// <para>The seed is random per store, so key names chosen by an attacker cannot be precomputed to collide.</para>
/// </remarks>
internal static class KeyHasher
{
    private const ulong K0 = 0xA0761D6478BD642F;
    private const ulong K1 = 0xE7037ED1A0B428DB;
    private const ulong K2 = 0x8EBC6AF09C88C6E3;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Hash(ReadOnlySpan<byte> key, ulong seed)
    {
        ref var p = ref MemoryMarshal.GetReference(key);
        var length = key.Length;
        ulong a, b;
        if (length <= 16)
        {
            if (length >= 8)
            {
                a = Unsafe.ReadUnaligned<ulong>(ref p);
                b = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref p, length - 8));
            }
            else if (length >= 4)
            {
                a = Unsafe.ReadUnaligned<uint>(ref p);
                b = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref p, length - 4));
            }
            else if (length > 0)
            {
                a = ((ulong)p << 16) | ((ulong)Unsafe.Add(ref p, length >> 1) << 8) | Unsafe.Add(ref p, length - 1);
                b = 0;
            }
            else
            {
                a = b = 0;
            }
        }
        else
        {
            (a, b, seed) = Long(ref p, length, seed);
        }

        var h = Mix(a ^ K0, b ^ seed);
        return (int)Mix(h ^ K1, (ulong)length ^ K2);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (ulong A, ulong B, ulong Seed) Long(ref byte p, int length, ulong seed)
    {
        var offset = 0;
        for (; length - offset > 16; offset += 16)
        {
            seed = Mix(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref p, offset)) ^ K1, Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref p, offset + 8)) ^ seed);
        }

        return (Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref p, length - 16)), Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref p, length - 8)), seed);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix(ulong x, ulong y)
    {
        var high = Math.BigMul(x, y, out var low);
        return high ^ low;
    }
}
