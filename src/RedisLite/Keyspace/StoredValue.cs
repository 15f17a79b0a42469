using System.Diagnostics;
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
    public static ReadOnlySpan<byte> KeyOf(object value) => value is byte[] payload
        ? StringPayload.Key(payload)
        : throw new UnreachableException($"Unknown stored value type {value.GetType()}.");

    public static RedisKey KeyViewOf(object value) => value is byte[] payload
        ? StringPayload.KeyView(payload)
        : throw new UnreachableException($"Unknown stored value type {value.GetType()}.");

    public static RedisType TypeOf(object value) => value is byte[] ? RedisType.String : throw new UnreachableException($"Unknown stored value type {value.GetType()}.");

    /// <summary>Returns the same value stored under another key (for RENAME and COPY). Stored values are immutable,
    /// so the result never shares mutable state with the original.</summary>
    public static object WithKey(object value, ReadOnlySpan<byte> newKey) => value is byte[] payload
        ? StringPayload.Create(newKey, StringPayload.ValueSpan(payload))
        : throw new UnreachableException($"Unknown stored value type {value.GetType()}.");

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool KeyEquals(object value, ReadOnlySpan<byte> key)
    {
        if (FastCast.IsBytes(value, out var payload))
        {
            var length = StringPayload.KeyLength(payload, out var offset);
            return length == key.Length && new ReadOnlySpan<byte>(payload, offset, length).SequenceEqual(key);
        }

        return KeyOf(value).SequenceEqual(key);
    }
}
