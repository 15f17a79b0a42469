using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using RedisLite.Internal;

namespace RedisLite;

/// <summary>
/// A binary-safe Redis key. Converts implicitly from <see cref="string"/> (UTF-8), <see cref="byte"/> arrays and
/// <see cref="ReadOnlyMemory{T}"/>, and explicitly back to them.
/// </summary>
/// <remarks>
/// A key built from a string is encoded to UTF-8 only where the store needs its bytes, on the stack for short keys,
/// so looking up a string key allocates nothing. Two keys are equal when their bytes are equal, whatever they were
/// built from. This type is an immutable struct and is safe to share between threads.
/// </remarks>
public readonly struct RedisKey : IEquatable<RedisKey>
{
    // _obj is null (no key), a string, or a byte[] slice (_offset, _length).
    private readonly object? _obj;
    private readonly int _offset;
    private readonly int _length;

    private RedisKey(object? obj, int offset, int length)
    {
        _obj = obj;
        _offset = offset;
        _length = length;
    }

    /// <summary>Wraps a slice of an array without copying. The store uses this for keys it returns.</summary>
    internal RedisKey(byte[] array, int offset, int length) : this((object)array, offset, length)
    {
    }

    /// <summary>Gets whether this key was built from <see langword="null"/> (or is <see langword="default"/>).</summary>
    public bool IsNull => _obj is null;

    /// <summary>Gets the number of bytes in the key.</summary>
    public int Length => _obj switch
    {
        null => 0,
        string s => Encoding.UTF8.GetByteCount(s),
        _ => _length,
    };

    /// <summary>Gets the key's bytes: directly when it holds bytes; otherwise encoded into <paramref name="scratch"/>
    /// when that is large enough, or into a new array.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ReadOnlySpan<byte> GetBytes(Span<byte> scratch)
    {
        if (FastCast.IsBytes(_obj, out var array))
        {
            return new ReadOnlySpan<byte>(array, _offset, _length);
        }

        // Most keys are ASCII: a vectorized narrow is several times cheaper than a full UTF-8 encode.
        if (_obj is string s && s.Length <= scratch.Length && Ascii.FromUtf16(s, scratch, out var written) == OperationStatus.Done)
        {
            return scratch[..written];
        }

        return GetBytesSlow(scratch);
    }

    // Out of line: its UTF-8 machinery would otherwise bloat the frame of every lookup.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private ReadOnlySpan<byte> GetBytesSlow(Span<byte> scratch)
    {
        if (_obj is not string s)
        {
            return default;
        }

        // UTF-8 needs at most 3 bytes per UTF-16 char; check cheaply before asking for the exact count.
        if (s.Length * 3 <= scratch.Length || Encoding.UTF8.GetByteCount(s) <= scratch.Length)
        {
            return scratch[..Encoding.UTF8.GetBytes(s, scratch)];
        }

        return Encoding.UTF8.GetBytes(s);
    }

    /// <summary>Returns the key's bytes as read-only memory (encoding a string key first).</summary>
    /// <returns>The bytes.</returns>
    public ReadOnlyMemory<byte> AsMemory() => _obj is byte[] array ? new ReadOnlyMemory<byte>(array, _offset, _length) : ToArray() ?? ReadOnlyMemory<byte>.Empty;

    /// <summary>Copies the key's bytes into a new array that the caller owns.</summary>
    /// <returns>The bytes, or <see langword="null"/> for a null key.</returns>
    public byte[]? ToArray() => _obj switch
    {
        null => null,
        string s => Encoding.UTF8.GetBytes(s),
        byte[] array => new ReadOnlySpan<byte>(array, _offset, _length).ToArray(),
        _ => null,
    };

    /// <summary>Decodes the key as UTF-8 (invalid sequences become U+FFFD).</summary>
    /// <returns>The text, or <see langword="null"/> for a null key.</returns>
    public override string? ToString() => _obj switch
    {
        null => null,
        string s => s,
        byte[] array => Encoding.UTF8.GetString(array, _offset, _length),
        _ => null,
    };

    /// <summary>Compares the bytes of two keys.</summary>
    /// <param name="other">The key to compare with.</param>
    /// <returns><see langword="true"/> if both are null or both hold the same bytes.</returns>
    public bool Equals(RedisKey other)
    {
        if (_obj is null || other._obj is null)
        {
            return _obj is null && other._obj is null;
        }

        if (_obj is string a && other._obj is string b)
        {
            return string.Equals(a, b, StringComparison.Ordinal);
        }

        return GetBytes(stackalloc byte[256]).SequenceEqual(other.GetBytes(stackalloc byte[256]));
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is RedisKey other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(GetBytes(stackalloc byte[256]));
        return hash.ToHashCode();
    }

    /// <summary>Compares two keys by their bytes.</summary>
    /// <param name="left">The first key.</param>
    /// <param name="right">The second key.</param>
    /// <returns><see langword="true"/> if they are equal.</returns>
    public static bool operator ==(RedisKey left, RedisKey right) => left.Equals(right);

    /// <summary>Compares two keys by their bytes.</summary>
    /// <param name="left">The first key.</param>
    /// <param name="right">The second key.</param>
    /// <returns><see langword="true"/> if they differ.</returns>
    public static bool operator !=(RedisKey left, RedisKey right) => !left.Equals(right);

    /// <summary>Wraps a string key (UTF-8).</summary>
    /// <param name="key">The key text.</param>
    public static implicit operator RedisKey(string? key) => new(key, 0, 0);

    /// <summary>Wraps a byte-array key. The store copies the bytes when it keeps them.</summary>
    /// <param name="key">The key bytes.</param>
    public static implicit operator RedisKey(byte[]? key) => key is null ? default : new RedisKey(key, 0, key.Length);

    /// <summary>Wraps a key held in read-only memory (without copying when it is backed by an array).</summary>
    /// <param name="key">The key bytes.</param>
    public static implicit operator RedisKey(ReadOnlyMemory<byte> key) =>
        MemoryMarshal.TryGetArray(key, out var segment)
            ? new RedisKey(segment.Array!, segment.Offset, segment.Count)
            : new RedisKey(key.ToArray(), 0, key.Length);

    /// <summary>Decodes the key as UTF-8.</summary>
    /// <param name="key">The key.</param>
    public static explicit operator string?(RedisKey key) => key.ToString();

    /// <summary>Copies the key's bytes into a new array.</summary>
    /// <param name="key">The key.</param>
    public static explicit operator byte[]?(RedisKey key) => key.ToArray();

    /// <summary>Converts a value (for example a key name read from another key) to a key.</summary>
    /// <param name="value">The value.</param>
    public static explicit operator RedisKey(RedisValue value) => value.IsNull ? default : (RedisKey)value.AsMemory();
}
