using System.Runtime.CompilerServices;

namespace RedisLite.Keyspace;

/// <summary>
/// Layout of a stored string: one array holding <c>[key length (varint)][key bytes][value bytes]</c>.
/// </summary>
/// <remarks>
/// Keeping key and value in a single array costs one object header per key instead of two, which is most of what
/// keeps RedisLite's bytes-per-key at or below Redis's own. A payload is never modified after it is published
/// (every write builds a new one), so readers and returned <see cref="RedisValue"/>s can share it without copying.
/// </remarks>
internal static class StringPayload
{
    public static int HeaderSize(int keyLength) => keyLength < 0x80 ? 1 : keyLength < 0x4000 ? 2 : keyLength < 0x200000 ? 3 : keyLength < 0x10000000 ? 4 : 5;

    /// <summary>Allocates a payload for <paramref name="key"/> with room for <paramref name="valueLength"/> value bytes.</summary>
    public static byte[] Allocate(ReadOnlySpan<byte> key, int valueLength, out int valueOffset)
    {
        var header = HeaderSize(key.Length);
        valueOffset = header + key.Length;
        var payload = GC.AllocateUninitializedArray<byte>(valueOffset + valueLength);
        var n = (uint)key.Length;
        var i = 0;
        while (n >= 0x80)
        {
            payload[i++] = (byte)(n | 0x80);
            n >>= 7;
        }

        payload[i] = (byte)n;
        key.CopyTo(payload.AsSpan(header));
        return payload;
    }

    /// <summary>Builds a payload for a key and a value.</summary>
    public static byte[] Create(ReadOnlySpan<byte> key, in RedisValue value)
    {
        var payload = Allocate(key, value.Length, out var offset);
        value.CopyTo(payload.AsSpan(offset));
        return payload;
    }

    /// <summary>Builds a payload for a key and raw value bytes.</summary>
    public static byte[] Create(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        var payload = Allocate(key, value.Length, out var offset);
        value.CopyTo(payload.AsSpan(offset));
        return payload;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int KeyLength(byte[] payload, out int keyOffset)
    {
        int b = payload[0];
        if (b < 0x80)
        {
            keyOffset = 1;
            return b;
        }

        return KeyLengthSlow(payload, out keyOffset);
    }

    private static int KeyLengthSlow(byte[] payload, out int keyOffset)
    {
        var result = 0;
        var shift = 0;
        var i = 0;
        byte b;
        do
        {
            b = payload[i++];
            result |= (b & 0x7F) << shift;
            shift += 7;
        }
        while (b >= 0x80);
        keyOffset = i;
        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ReadOnlySpan<byte> Key(byte[] payload)
    {
        var length = KeyLength(payload, out var offset);
        return new ReadOnlySpan<byte>(payload, offset, length);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ValueOffset(byte[] payload)
    {
        var length = KeyLength(payload, out var offset);
        return offset + length;
    }

    public static ReadOnlySpan<byte> ValueSpan(byte[] payload)
    {
        var offset = ValueOffset(payload);
        return new ReadOnlySpan<byte>(payload, offset, payload.Length - offset);
    }

    /// <summary>The value as a read-only view sharing the payload.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static RedisValue Value(byte[] payload)
    {
        var offset = ValueOffset(payload);
        return new RedisValue(payload, offset, payload.Length - offset);
    }

    /// <summary>The key as a read-only view sharing the payload.</summary>
    public static RedisKey KeyView(byte[] payload)
    {
        var length = KeyLength(payload, out var offset);
        return new RedisKey(payload, offset, length);
    }
}
