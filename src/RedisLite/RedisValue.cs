using System.Buffers.Text;
using System.Runtime.InteropServices;
using System.Text;
using RedisLite.Internal;

namespace RedisLite;

/// <summary>
/// A binary-safe Redis value: a byte string, or <see cref="Null"/> when a reply has no value (a missing key).
/// Converts implicitly from <see cref="string"/>, <see cref="byte"/> arrays, <see cref="ReadOnlyMemory{T}"/>,
/// <see cref="long"/>, <see cref="int"/>, <see cref="double"/> and <see cref="bool"/>, and explicitly back to them.
/// </summary>
/// <remarks>
/// <para>A value returned by the store is a read-only view: it exposes <see cref="ReadOnlySpan{T}"/> and
/// <see cref="ReadOnlyMemory{T}"/> only, and <see cref="ToArray"/> copies, so stored data cannot be changed through it.
/// Reading a stored value therefore allocates nothing.</para>
/// <para>Numbers are kept unformatted until the store needs their bytes, so <c>StringSet(key, 42)</c> allocates no
/// intermediate string. Integers are written as Redis writes them (<c>42</c>, <c>-7</c>); doubles in the shortest
/// form that round-trips, with <c>inf</c> and <c>-inf</c> for the infinities.</para>
/// <para>This type is an immutable struct and is safe to share between threads.</para>
/// </remarks>
public readonly struct RedisValue : IEquatable<RedisValue>
{
    // Representation: _obj is null (Null), a byte[] slice (_offset, _length), a string, or one of the two
    // markers below, in which case _offset/_length hold the 64 bits of a long or a double. Keeping numbers
    // unformatted makes the common StringSet(key, 1) path allocation-free up to the store's own copy.
    private static readonly object Int64Marker = new();
    private static readonly object DoubleMarker = new();

    private readonly object? _obj;
    private readonly int _offset;
    private readonly int _length;

    private RedisValue(object? obj, int offset, int length)
    {
        _obj = obj;
        _offset = offset;
        _length = length;
    }

    /// <summary>Wraps a slice of an array without copying. The store uses this for values it returns.</summary>
    internal RedisValue(byte[] array, int offset, int length) : this((object)array, offset, length)
    {
    }

    /// <summary>The null value: what Redis replies for a missing key.</summary>
    public static RedisValue Null => default;

    /// <summary>An empty (zero-length, non-null) value.</summary>
    public static RedisValue EmptyString { get; } = new(Array.Empty<byte>(), 0, 0);

    /// <summary>Gets whether this is <see cref="Null"/>.</summary>
    public bool IsNull => _obj is null;

    /// <summary>Gets whether this is <see cref="Null"/> or has no bytes.</summary>
    public bool IsNullOrEmpty => _obj is null || Length == 0;

    /// <summary>Gets the number of bytes in the value; 0 for <see cref="Null"/>.</summary>
    public int Length => _obj switch
    {
        null => 0,
        byte[] => _length,
        string s => Encoding.UTF8.GetByteCount(s),
        _ => FormatNumber(stackalloc byte[NumberBufferSize]).Length,
    };

    private const int NumberBufferSize = 32;

    private long Int64Bits => ((long)_offset << 32) | (uint)_length;

    /// <summary>Gets the bytes as a span when they are already bytes; otherwise formats them into <paramref name="scratch"/>
    /// if they fit, or into a new array.</summary>
    internal ReadOnlySpan<byte> GetBytes(Span<byte> scratch)
    {
        if (FastCast.IsBytes(_obj, out var array))
        {
            return new ReadOnlySpan<byte>(array, _offset, _length);
        }

        switch (_obj)
        {
            case null:
                return default;
            case string s:
                if (s.Length * 3 <= scratch.Length)
                {
                    return scratch[..Encoding.UTF8.GetBytes(s, scratch)];
                }

                return Encoding.UTF8.GetBytes(s);
            default:
                return scratch.Length >= NumberBufferSize ? FormatNumber(scratch) : FormatNumber(new byte[NumberBufferSize]);
        }
    }

    /// <summary>Copies the bytes into <paramref name="destination"/>, which must be at least <see cref="Length"/> long.</summary>
    internal int CopyTo(Span<byte> destination)
    {
        switch (_obj)
        {
            case null:
                return 0;
            case byte[] array:
                new ReadOnlySpan<byte>(array, _offset, _length).CopyTo(destination);
                return _length;
            case string s:
                return Encoding.UTF8.GetBytes(s, destination);
            default:
                var formatted = FormatNumber(stackalloc byte[NumberBufferSize]);
                formatted.CopyTo(destination);
                return formatted.Length;
        }
    }

    private Span<byte> FormatNumber(Span<byte> buffer)
    {
        if (ReferenceEquals(_obj, Int64Marker))
        {
            Utf8Formatter.TryFormat(Int64Bits, buffer, out var written);
            return buffer[..written];
        }

        var d = BitConverter.Int64BitsToDouble(Int64Bits);
        var n = NumberFormatting.FormatDouble(d, buffer);
        return buffer[..n];
    }

    /// <summary>Returns the bytes as a read-only span. Values built from a string or number are encoded first.</summary>
    /// <returns>The bytes; empty for <see cref="Null"/>.</returns>
    public ReadOnlySpan<byte> AsSpan() => _obj is byte[] array ? new ReadOnlySpan<byte>(array, _offset, _length) : ToArray();

    /// <summary>Returns the bytes as read-only memory. Values built from a string or number are encoded first.</summary>
    /// <returns>The bytes; empty for <see cref="Null"/>.</returns>
    public ReadOnlyMemory<byte> AsMemory() => _obj is byte[] array ? new ReadOnlyMemory<byte>(array, _offset, _length) : ToArray();

    /// <summary>Copies the bytes into a new array that the caller owns.</summary>
    /// <returns>A new array, or <see langword="null"/> for <see cref="Null"/>.</returns>
    public byte[]? ToArray()
    {
        switch (_obj)
        {
            case null:
                return null;
            case byte[] array:
                return new ReadOnlySpan<byte>(array, _offset, _length).ToArray();
            case string s:
                return Encoding.UTF8.GetBytes(s);
            default:
                return FormatNumber(stackalloc byte[NumberBufferSize]).ToArray();
        }
    }

    /// <summary>Decodes the value as UTF-8 (invalid sequences become U+FFFD).</summary>
    /// <returns>The text, or <see langword="null"/> for <see cref="Null"/>.</returns>
    public override string? ToString() => _obj switch
    {
        null => null,
        string s => s,
        byte[] array => Encoding.UTF8.GetString(array, _offset, _length),
        _ => Encoding.UTF8.GetString(FormatNumber(stackalloc byte[NumberBufferSize])),
    };

    /// <summary>Parses the value as a 64-bit integer with Redis's strict rules (no sign but '-', no spaces, no leading zeros).</summary>
    /// <param name="value">The parsed number.</param>
    /// <returns><see langword="true"/> if the value is an integer in range.</returns>
    public bool TryParse(out long value)
    {
        switch (_obj)
        {
            case null:
                value = 0;
                return false;
            case var o when ReferenceEquals(o, Int64Marker):
                value = Int64Bits;
                return true;
            default:
                return NumberParsing.TryParseInt64(GetBytes(stackalloc byte[64]), out value);
        }
    }

    /// <summary>Parses the value as a double the way Redis does (decimal or exponent form, <c>inf</c>, <c>-inf</c>; no NaN, no spaces).</summary>
    /// <param name="value">The parsed number.</param>
    /// <returns><see langword="true"/> if the value is a valid float.</returns>
    public bool TryParse(out double value)
    {
        switch (_obj)
        {
            case null:
                value = 0;
                return false;
            case var o when ReferenceEquals(o, Int64Marker):
                value = Int64Bits;
                return true;
            case var o when ReferenceEquals(o, DoubleMarker):
                value = BitConverter.Int64BitsToDouble(Int64Bits);
                return !double.IsNaN(value);
            default:
                return NumberParsing.TryParseDouble(GetBytes(stackalloc byte[64]), out value);
        }
    }

    /// <summary>Compares the bytes of two values; <see cref="Null"/> equals only <see cref="Null"/>.</summary>
    /// <param name="other">The value to compare with.</param>
    /// <returns><see langword="true"/> if both are null or both hold the same bytes.</returns>
    public bool Equals(RedisValue other)
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
    public override bool Equals(object? obj) => obj is RedisValue other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        if (_obj is null)
        {
            return 0;
        }

        var hash = new HashCode();
        hash.AddBytes(GetBytes(stackalloc byte[256]));
        return hash.ToHashCode();
    }

    /// <summary>Compares two values by their bytes.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> if they are equal.</returns>
    public static bool operator ==(RedisValue left, RedisValue right) => left.Equals(right);

    /// <summary>Compares two values by their bytes.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> if they differ.</returns>
    public static bool operator !=(RedisValue left, RedisValue right) => !left.Equals(right);

    /// <summary>Wraps a string; <see langword="null"/> becomes <see cref="Null"/>. Encoded as UTF-8 when stored.</summary>
    /// <param name="value">The text.</param>
    public static implicit operator RedisValue(string? value) => value is null ? default : new RedisValue(value, 0, 0);

    /// <summary>Wraps a byte array; <see langword="null"/> becomes <see cref="Null"/>. The store copies the bytes when it keeps them.</summary>
    /// <param name="value">The bytes.</param>
    public static implicit operator RedisValue(byte[]? value) => value is null ? default : new RedisValue(value, 0, value.Length);

    /// <summary>Wraps read-only memory (without copying when it is backed by an array).</summary>
    /// <param name="value">The bytes.</param>
    public static implicit operator RedisValue(ReadOnlyMemory<byte> value) =>
        MemoryMarshal.TryGetArray(value, out var segment)
            ? new RedisValue(segment.Array!, segment.Offset, segment.Count)
            : new RedisValue(value.ToArray(), 0, value.Length);

    /// <summary>Wraps an integer, written in decimal when stored.</summary>
    /// <param name="value">The number.</param>
    public static implicit operator RedisValue(long value) => new(Int64Marker, (int)(value >> 32), (int)value);

    /// <summary>Wraps an integer, written in decimal when stored.</summary>
    /// <param name="value">The number.</param>
    public static implicit operator RedisValue(int value) => (long)value;

    /// <summary>Wraps a boolean as <c>1</c> or <c>0</c>, as Redis clients do.</summary>
    /// <param name="value">The flag.</param>
    public static implicit operator RedisValue(bool value) => value ? 1L : 0L;

    /// <summary>Wraps a double, written in its shortest round-trip form (<c>inf</c>/<c>-inf</c> for infinities) when stored.</summary>
    /// <param name="value">The number.</param>
    public static implicit operator RedisValue(double value)
    {
        var bits = BitConverter.DoubleToInt64Bits(value);
        return new RedisValue(DoubleMarker, (int)(bits >> 32), (int)bits);
    }

    /// <summary>Decodes the value as UTF-8; <see cref="Null"/> becomes <see langword="null"/>.</summary>
    /// <param name="value">The value.</param>
    public static explicit operator string?(RedisValue value) => value.ToString();

    /// <summary>Copies the bytes into a new array; <see cref="Null"/> becomes <see langword="null"/>.</summary>
    /// <param name="value">The value.</param>
    public static explicit operator byte[]?(RedisValue value) => value.ToArray();

    /// <summary>Returns the bytes as read-only memory.</summary>
    /// <param name="value">The value.</param>
    public static implicit operator ReadOnlyMemory<byte>(RedisValue value) => value.AsMemory();

    /// <summary>Parses the value as an integer; <see cref="Null"/> becomes 0.</summary>
    /// <param name="value">The value.</param>
    /// <exception cref="InvalidCastException">The value is not an integer.</exception>
    public static explicit operator long(RedisValue value)
    {
        if (value.IsNull)
        {
            return 0;
        }

        return value.TryParse(out long result) ? result : throw new InvalidCastException($"Unable to cast the value '{value}' to System.Int64.");
    }

    /// <summary>Parses the value as an integer; <see cref="Null"/> becomes <see langword="null"/>.</summary>
    /// <param name="value">The value.</param>
    /// <exception cref="InvalidCastException">The value is not an integer.</exception>
    public static explicit operator long?(RedisValue value) => value.IsNull ? null : (long)value;

    /// <summary>Parses the value as a 32-bit integer; <see cref="Null"/> becomes 0.</summary>
    /// <param name="value">The value.</param>
    /// <exception cref="InvalidCastException">The value is not an integer in range.</exception>
    public static explicit operator int(RedisValue value)
    {
        var l = (long)value;
        return l is >= int.MinValue and <= int.MaxValue ? (int)l : throw new InvalidCastException($"The value {l} is out of range for System.Int32.");
    }

    /// <summary>Parses the value as a double; <see cref="Null"/> becomes 0.</summary>
    /// <param name="value">The value.</param>
    /// <exception cref="InvalidCastException">The value is not a valid float.</exception>
    public static explicit operator double(RedisValue value)
    {
        if (value.IsNull)
        {
            return 0;
        }

        return value.TryParse(out double result) ? result : throw new InvalidCastException($"Unable to cast the value '{value}' to System.Double.");
    }

    /// <summary>Parses the value as a double; <see cref="Null"/> becomes <see langword="null"/>.</summary>
    /// <param name="value">The value.</param>
    /// <exception cref="InvalidCastException">The value is not a valid float.</exception>
    public static explicit operator double?(RedisValue value) => value.IsNull ? null : (double)value;
}
