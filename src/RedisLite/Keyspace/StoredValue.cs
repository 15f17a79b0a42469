using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using RedisLite.Collections;
using RedisLite.Internal;

namespace RedisLite.Keyspace;

/// <summary>
/// What an entry's value object can be: a string (a <see cref="StringPayload"/> array that also holds the key) or a
/// <see cref="CollectionValue"/> (which carries its key). This is the one place that tells them apart by type.
/// </summary>
internal static class StoredValue
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ReadOnlySpan<byte> KeyOf(object value) => FastCast.IsBytes(value, out var payload)
        ? StringPayload.Key(payload)
        : CollectionOf(value).Key;

    public static RedisKey KeyViewOf(object value) => FastCast.IsBytes(value, out var payload)
        ? StringPayload.KeyView(payload)
        : (RedisKey)CollectionOf(value).Key;

    public static RedisType TypeOf(object value) => FastCast.IsBytes(value, out _) ? RedisType.String : CollectionOf(value).Type;

    /// <summary>Returns the value to store under another key when the original is removed in the same write scope
    /// (RENAME, MOVE): a new payload for strings, the same object re-keyed for collections.</summary>
    public static object MovedTo(object value, ReadOnlySpan<byte> newKey) => FastCast.IsBytes(value, out var payload)
        ? StringPayload.Create(newKey, StringPayload.ValueSpan(payload))
        : CollectionOf(value).MoveTo(newKey.ToArray());

    /// <summary>Returns a copy of the value under another key (COPY) that shares no mutable state with the original.</summary>
    public static object CopiedTo(object value, ReadOnlySpan<byte> newKey) => FastCast.IsBytes(value, out var payload)
        ? StringPayload.Create(newKey, StringPayload.ValueSpan(payload))
        : CollectionOf(value).CopyTo(newKey.ToArray());

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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static CollectionValue CollectionOf(object value) => value as CollectionValue ?? Unknown<CollectionValue>(value);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static T Unknown<T>(object value) => throw new UnreachableException($"Unknown stored value type {value.GetType()}.");
}
