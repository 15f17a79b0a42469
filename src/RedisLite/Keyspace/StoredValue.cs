using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using RedisLite.Internal;

namespace RedisLite.Keyspace;

/// <summary>
/// What an entry's value object can be. Today only strings exist (a <see cref="StringPayload"/> array); the
/// collection families add their own types here, each carrying its key.
/// </summary>
internal static class StoredValue
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ReadOnlySpan<byte> KeyOf(object value) => FastCast.IsBytes(value, out var payload)
        ? StringPayload.Key(payload)
        : Unknown<byte[]>(value);

    public static RedisKey KeyViewOf(object value) => FastCast.IsBytes(value, out var payload)
        ? StringPayload.KeyView(payload)
        : Unknown<RedisKey>(value);

    public static RedisType TypeOf(object value) => FastCast.IsBytes(value, out _) ? RedisType.String : Unknown<RedisType>(value);

    /// <summary>Returns the same value stored under another key (for RENAME and COPY). Stored values are immutable,
    /// so the result never shares mutable state with the original.</summary>
    public static object WithKey(object value, ReadOnlySpan<byte> newKey) => FastCast.IsBytes(value, out var payload)
        ? StringPayload.Create(newKey, StringPayload.ValueSpan(payload))
        : Unknown<object>(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool KeyEquals(object value, ReadOnlySpan<byte> key)
    {
        if (FastCast.IsBytes(value, out var payload))
        {
            int length = payload[0];
            return length < 0x80
                ? length == key.Length && new ReadOnlySpan<byte>(payload, 1, length).SequenceEqual(key)
                : StringPayload.Key(payload).SequenceEqual(key);
        }

        return KeyEqualsSlow(value, key);
    }

    // Out of line so the string fast path above stays small enough to inline into every lookup.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool KeyEqualsSlow(object value, ReadOnlySpan<byte> key) => KeyOf(value).SequenceEqual(key);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static T Unknown<T>(object value) => throw new UnreachableException($"Unknown stored value type {value.GetType()}.");
}
