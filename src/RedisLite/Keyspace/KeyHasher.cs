using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace RedisLite.Keyspace;

/// <summary>A fast seeded 32-bit hash of key bytes.</summary>
/// <remarks>
/// The seed is random per store, so an attacker who controls key names cannot precompute colliding keys for every
/// process. The mix is a multiply-rotate over 8-byte words with a 64-bit finalizer: much cheaper than a cryptographic
/// hash on short keys, which is the common case for Redis keys.
/// </remarks>
internal static class KeyHasher
{
    private const ulong K0 = 0x9E3779B97F4A7C15;
    private const ulong K1 = 0xC2B2AE3D27D4EB4F;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Hash(ReadOnlySpan<byte> key, ulong seed)
    {
        var h = seed ^ ((ulong)key.Length * K0);
        while (key.Length >= 8)
        {
            h = BitOperations.RotateLeft((h ^ BinaryPrimitives.ReadUInt64LittleEndian(key)) * K1, 31) * K0;
            key = key[8..];
        }

        if (key.Length > 0)
        {
            ulong tail = 0;
            for (var i = key.Length - 1; i >= 0; i--)
            {
                tail = (tail << 8) | key[i];
            }

            h = BitOperations.RotateLeft((h ^ tail) * K1, 31) * K0;
        }

        // fmix64 from MurmurHash3's finalizer (a well-known avalanche step).
        h ^= h >> 33;
        h *= 0xFF51AFD7ED558CCD;
        h ^= h >> 33;
        h *= 0xC4CEB9FE1A85EC53;
        h ^= h >> 33;
        return (int)h;
    }
}
