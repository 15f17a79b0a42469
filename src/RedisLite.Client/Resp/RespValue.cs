using System.Collections.ObjectModel;
using System.Globalization;
using System.Text;

namespace RedisLite.Resp;

/// <summary>
/// One RESP2 or RESP3 value: a reply read by <see cref="RespReader"/>, or a value built with the static factories for
/// <see cref="RespWriter.WriteValue(RespValue)"/> or for comparing against in tests. Immutable, with structural
/// equality, and a <see cref="ToString"/> in the style of <c>redis-cli</c>.
/// </summary>
/// <remarks>
/// Nulls: RESP3's <c>_</c> has <see cref="Type"/> <see cref="RespType.Null"/>; RESP2's null bulk string
/// (<c>$-1</c>) and null array (<c>*-1</c>) keep <see cref="RespType.BulkString"/> and <see cref="RespType.Array"/>.
/// All three have <see cref="IsNull"/> set, so <c>IsNull</c> is the one test a client needs.
/// </remarks>
public sealed class RespValue : IEquatable<RespValue>
{
    private static readonly ReadOnlyCollection<RespValue> NoItems = new([]);

    private readonly ReadOnlyMemory<byte> _bytes;
    private readonly long _integer;
    private readonly double _double;
    private readonly RespValue[] _items;
    private ReadOnlyCollection<RespValue>? _itemsView;

    private RespValue(
        RespType type,
        bool isNull = false,
        ReadOnlyMemory<byte> bytes = default,
        long integer = 0,
        double number = 0,
        RespValue[]? items = null,
        string? verbatimFormat = null,
        RespValue? attributes = null)
    {
        Type = type;
        IsNull = isNull;
        _bytes = bytes;
        _integer = integer;
        _double = number;
        _items = items ?? [];
        VerbatimFormat = verbatimFormat;
        Attributes = attributes;
    }

    /// <summary>RESP3's null (<c>_</c>).</summary>
    public static RespValue Null { get; } = new(RespType.Null, isNull: true);

    /// <summary>RESP2's null bulk string (<c>$-1</c>), what RESP2 <c>GET</c> returns for a missing key.</summary>
    public static RespValue NullBulk { get; } = new(RespType.BulkString, isNull: true);

    /// <summary>RESP2's null array (<c>*-1</c>), what RESP2 <c>BLPOP</c> returns on a timeout.</summary>
    public static RespValue NullArray { get; } = new(RespType.Array, isNull: true);

    internal static RespValue Ok { get; } = new(RespType.SimpleString, bytes: "OK"u8.ToArray());

    internal static RespValue Pong { get; } = new(RespType.SimpleString, bytes: "PONG"u8.ToArray());

    internal static RespValue EmptyBulk { get; } = new(RespType.BulkString, bytes: ReadOnlyMemory<byte>.Empty);

    internal static RespValue Zero { get; } = new(RespType.Integer, integer: 0);

    internal static RespValue One { get; } = new(RespType.Integer, integer: 1);

    internal static RespValue True { get; } = new(RespType.Boolean, integer: 1);

    internal static RespValue False { get; } = new(RespType.Boolean, integer: 0);

    /// <summary>The kind of value.</summary>
    public RespType Type { get; }

    /// <summary>
    /// Whether this is a null: RESP3 <c>_</c>, RESP2 <c>$-1</c> or RESP2 <c>*-1</c>.
    /// </summary>
    public bool IsNull { get; }

    /// <summary>Whether this is an error reply (<see cref="RespType.SimpleError"/> or <see cref="RespType.BulkError"/>).</summary>
    public bool IsError => Type is RespType.SimpleError or RespType.BulkError;

    /// <summary>
    /// Whether this is an aggregate (array, map, set, push or attribute), whose elements are in <see cref="Items"/>.
    /// </summary>
    public bool IsAggregate => Type is RespType.Array or RespType.Map or RespType.Set or RespType.Push or RespType.Attribute;

    /// <summary>
    /// The payload of a simple string, simple error, bulk string, bulk error, verbatim string (without its
    /// <c>fmt:</c> prefix; see <see cref="VerbatimFormat"/>) or big number (its decimal text). Empty for every other
    /// type and for nulls.
    /// </summary>
    public ReadOnlyMemory<byte> Bytes => _bytes;

    /// <summary>The three-character format of a verbatim string (<c>txt</c>, <c>mkd</c>); null for other types.</summary>
    public string? VerbatimFormat { get; }

    /// <summary>The value of an <see cref="RespType.Integer"/>.</summary>
    /// <exception cref="InvalidOperationException">The value is of another type (an error reply, for instance).</exception>
    public long Integer => Type == RespType.Integer ? _integer : throw WrongType(RespType.Integer);

    /// <summary>The value of a <see cref="RespType.Double"/>.</summary>
    /// <exception cref="InvalidOperationException">The value is of another type.</exception>
    public double Double => Type == RespType.Double ? _double : throw WrongType(RespType.Double);

    /// <summary>The value of a <see cref="RespType.Boolean"/>.</summary>
    /// <exception cref="InvalidOperationException">The value is of another type.</exception>
    public bool Boolean => Type == RespType.Boolean ? _integer != 0 : throw WrongType(RespType.Boolean);

    /// <summary>
    /// The elements of an array, set or push message; for a map or attribute, its keys and values flattened
    /// (key, value, key, value, ...). Empty for every other type and for the null array.
    /// </summary>
    public IReadOnlyList<RespValue> Items
    {
        get
        {
            if (_items.Length == 0)
            {
                return NoItems;
            }

            // Built on first use: most aggregates are walked by the library, never through this view.
            return _itemsView ??= new ReadOnlyCollection<RespValue>(_items);
        }
    }

    /// <summary>
    /// The RESP3 attributes (a value of type <see cref="RespType.Attribute"/>) that preceded this value on the wire,
    /// or null. <see cref="RespReader"/> attaches an attribute frame to the value that follows it, so reading a reply
    /// never surfaces attributes as a separate value; consecutive attribute frames are merged.
    /// </summary>
    public RespValue? Attributes { get; }

    /// <summary>A simple string (<c>+text</c>).</summary>
    /// <param name="text">The text; it must not contain CR or LF.</param>
    /// <exception cref="ArgumentException"><paramref name="text"/> contains CR or LF.</exception>
    public static RespValue SimpleString(string text) => new(RespType.SimpleString, bytes: LineBytes(text, nameof(text)));

    /// <summary>A simple error (<c>-ERR message</c>). The message conventionally starts with an upper-case error code.</summary>
    /// <param name="message">The error text; it must not contain CR or LF.</param>
    /// <exception cref="ArgumentException"><paramref name="message"/> contains CR or LF.</exception>
    public static RespValue Error(string message) => new(RespType.SimpleError, bytes: LineBytes(message, nameof(message)));

    /// <summary>A RESP3 bulk error (<c>!len</c>), which may contain any bytes.</summary>
    /// <param name="message">The error text.</param>
    public static RespValue BulkError(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new(RespType.BulkError, bytes: Encoding.UTF8.GetBytes(message));
    }

    /// <summary>An integer (<c>:42</c>).</summary>
    /// <param name="value">The value.</param>
    public static RespValue FromInteger(long value) => value switch
    {
        0 => Zero,
        1 => One,
        _ => new(RespType.Integer, integer: value),
    };

    /// <summary>A bulk string with a copy of the given bytes.</summary>
    /// <param name="value">The payload.</param>
    public static RespValue Bulk(ReadOnlyMemory<byte> value) => new(RespType.BulkString, bytes: value.ToArray());

    /// <summary>A bulk string holding the UTF-8 encoding of <paramref name="value"/>.</summary>
    /// <param name="value">The text.</param>
    public static RespValue Bulk(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(RespType.BulkString, bytes: Encoding.UTF8.GetBytes(value));
    }

    /// <summary>An array of the given values (copied).</summary>
    /// <param name="items">The elements.</param>
    public static RespValue Array(params ReadOnlySpan<RespValue> items) => new(RespType.Array, items: CopyItems(items));

    /// <summary>A RESP3 map.</summary>
    /// <param name="keysAndValues">Keys and values alternately: key, value, key, value, ...</param>
    /// <exception cref="ArgumentException">There is an odd number of items.</exception>
    public static RespValue Map(params ReadOnlySpan<RespValue> keysAndValues) => new(RespType.Map, items: CopyPairs(keysAndValues));

    /// <summary>A RESP3 set of the given values (copied; order is kept).</summary>
    /// <param name="items">The elements.</param>
    public static RespValue Set(params ReadOnlySpan<RespValue> items) => new(RespType.Set, items: CopyItems(items));

    /// <summary>A RESP3 push message, e.g. <c>Push(Bulk("message"), Bulk("channel"), Bulk("payload"))</c>.</summary>
    /// <param name="items">The elements; the first is conventionally the kind of message.</param>
    public static RespValue Push(params ReadOnlySpan<RespValue> items) => new(RespType.Push, items: CopyItems(items));

    /// <summary>
    /// A standalone RESP3 attribute value. To send attributes ahead of a reply, attach them with
    /// <see cref="WithAttributes(RespValue)"/> instead.
    /// </summary>
    /// <param name="keysAndValues">Keys and values alternately.</param>
    /// <exception cref="ArgumentException">There is an odd number of items.</exception>
    public static RespValue Attribute(params ReadOnlySpan<RespValue> keysAndValues) => new(RespType.Attribute, items: CopyPairs(keysAndValues));

    /// <summary>A RESP3 boolean (<c>#t</c> or <c>#f</c>).</summary>
    /// <param name="value">The value.</param>
    public static RespValue FromBoolean(bool value) => value ? True : False;

    /// <summary>A RESP3 double (<c>,1.5</c>); any value, including infinities and NaN.</summary>
    /// <param name="value">The value.</param>
    public static RespValue FromDouble(double value) => new(RespType.Double, number: value);

    /// <summary>A RESP3 big number.</summary>
    /// <param name="digits">Decimal digits with an optional leading '-' or '+'.</param>
    /// <exception cref="ArgumentException"><paramref name="digits"/> is not such a number.</exception>
    public static RespValue BigNumber(string digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
        var bytes = Encoding.UTF8.GetBytes(digits);
        if (!RespNumbers.IsBigNumber(bytes))
        {
            throw new ArgumentException("A big number is decimal digits with an optional sign.", nameof(digits));
        }

        return new(RespType.BigNumber, bytes: bytes);
    }

    /// <summary>A RESP3 verbatim string, e.g. <c>Verbatim("txt", "Some string")</c>.</summary>
    /// <param name="format">Exactly three printable ASCII characters other than ':' (<c>txt</c> for plain text, <c>mkd</c> for markdown).</param>
    /// <param name="text">The text, stored as UTF-8.</param>
    /// <exception cref="ArgumentException"><paramref name="format"/> is not three such characters.</exception>
    public static RespValue Verbatim(string format, string text)
    {
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(text);
        ValidateVerbatimFormat(format);
        return new(RespType.VerbatimString, bytes: Encoding.UTF8.GetBytes(text), verbatimFormat: InternFormat(format));
    }

    /// <summary>
    /// Returns a copy of this value preceded by the given attributes (replacing any it had), which
    /// <see cref="RespWriter.WriteValue(RespValue)"/> writes as an attribute frame before the value.
    /// </summary>
    /// <param name="attributes">A value of type <see cref="RespType.Attribute"/> or <see cref="RespType.Map"/>; null removes attributes.</param>
    /// <returns>The new value.</returns>
    /// <exception cref="ArgumentException"><paramref name="attributes"/> is neither an attribute nor a map.</exception>
    public RespValue WithAttributes(RespValue? attributes)
    {
        if (attributes is not null && attributes.Type != RespType.Attribute)
        {
            if (attributes.Type != RespType.Map)
            {
                throw new ArgumentException("Attributes must be an attribute or map value.", nameof(attributes));
            }

            attributes = new RespValue(RespType.Attribute, items: attributes._items);
        }

        return WithAttributesCore(attributes);
    }

    /// <summary>
    /// The payload as text: the UTF-8 decoding of <see cref="Bytes"/> for strings, errors, verbatim strings and big
    /// numbers; the decimal text of an integer or double (as RESP2 would carry it); <c>1</c> or <c>0</c> for a boolean
    /// (RESP2's equivalent); null for any null.
    /// </summary>
    /// <returns>The text, or null for a null.</returns>
    /// <exception cref="InvalidOperationException">The value is an aggregate.</exception>
    public string? GetString()
    {
        if (IsNull)
        {
            return null;
        }

        switch (Type)
        {
            case RespType.Integer:
                return _integer.ToString(CultureInfo.InvariantCulture);
            case RespType.Boolean:
                return _integer != 0 ? "1" : "0";
            case RespType.Double:
                Span<byte> text = stackalloc byte[RespNumbers.MaxNumberLength];
                return Encoding.ASCII.GetString(text[..RespNumbers.FormatDouble(_double, text)]);
            case RespType.Array or RespType.Map or RespType.Set or RespType.Push or RespType.Attribute:
                throw new InvalidOperationException($"A RESP {Type} has no string value: {this}");
            default:
                return Encoding.UTF8.GetString(_bytes.Span);
        }
    }

    /// <inheritdoc/>
    public bool Equals(RespValue? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null
            || Type != other.Type
            || IsNull != other.IsNull
            || _integer != other._integer
            || !_double.Equals(other._double)
            || !string.Equals(VerbatimFormat, other.VerbatimFormat, StringComparison.Ordinal)
            || !_bytes.Span.SequenceEqual(other._bytes.Span)
            || _items.Length != other._items.Length)
        {
            return false;
        }

        for (var i = 0; i < _items.Length; i++)
        {
            if (!_items[i].Equals(other._items[i]))
            {
                return false;
            }
        }

        return Attributes is null ? other.Attributes is null : Attributes.Equals(other.Attributes);
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as RespValue);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.Add(Type);
        hash.Add(IsNull);
        hash.Add(_integer);
        hash.Add(_double);
        hash.AddBytes(_bytes.Span);
        hash.Add(VerbatimFormat, StringComparer.Ordinal);
        hash.Add(_items.Length);
        foreach (var item in _items)
        {
            hash.Add(item.GetHashCode());
        }

        hash.Add(Attributes?.GetHashCode() ?? 0);
        return hash.ToHashCode();
    }

    /// <summary>
    /// A readable rendering in the style of <c>redis-cli</c>: <c>OK</c>, <c>"text"</c> (with C-style escapes),
    /// <c>(integer) 1</c>, <c>(nil)</c>, <c>(error) ERR ...</c>, <c>(double) 1.5</c>, <c>(true)</c>, and aggregates as
    /// numbered lines (<c>1) </c> for arrays, <c>1# key =&gt; value</c> for maps, <c>1~ </c> for sets,
    /// <c>1&gt; </c> for pushes, <c>1| </c> for attributes), nested ones indented.
    /// </summary>
    /// <returns>The rendering, one line per scalar.</returns>
    public override string ToString()
    {
        var builder = new StringBuilder();
        Format(builder, 0);
        return builder.ToString();
    }

    internal static RespValue CreateLine(RespType type, ReadOnlySpan<byte> payload)
    {
        if (type == RespType.SimpleString)
        {
            if (payload.SequenceEqual("OK"u8))
            {
                return Ok;
            }

            if (payload.SequenceEqual("PONG"u8))
            {
                return Pong;
            }
        }

        return new(type, bytes: payload.ToArray());
    }

    internal static RespValue CreateBlob(RespType type, ReadOnlySpan<byte> payload)
        => type == RespType.BulkString && payload.IsEmpty ? EmptyBulk : new(type, bytes: payload.ToArray());

    internal static RespValue CreateVerbatim(string format, ReadOnlySpan<byte> text)
        => new(RespType.VerbatimString, bytes: text.ToArray(), verbatimFormat: format);

    internal static RespValue CreateDouble(double value) => new(RespType.Double, number: value);

    /// <summary>An aggregate that takes ownership of <paramref name="items"/> (already validated by the reader).</summary>
    internal static RespValue CreateAggregate(RespType type, RespValue[] items) => new(type, items: items);

    internal static string InternFormat(string format) => format switch
    {
        "txt" => "txt",
        "mkd" => "mkd",
        _ => format,
    };

    internal static string InternFormat(ReadOnlySpan<byte> format)
    {
        if (format.SequenceEqual("txt"u8))
        {
            return "txt";
        }

        return format.SequenceEqual("mkd"u8) ? "mkd" : Encoding.ASCII.GetString(format);
    }

    /// <summary>Whether a verbatim string format byte is allowed: printable ASCII other than ':'.</summary>
    internal static bool IsVerbatimFormatByte(int c) => c is > 0x20 and < 0x7F and not ':';

    internal RespValue WithAttributesCore(RespValue? attributes)
        => new(Type, IsNull, _bytes, _integer, _double, _items, VerbatimFormat, attributes);

    /// <summary>The raw elements, for the writer: no copy, no wrapper.</summary>
    internal ReadOnlySpan<RespValue> ItemsSpan => _items;

    /// <summary>The boolean or integer payload without a type check, for the writer.</summary>
    internal long RawInteger => _integer;

    /// <summary>The double payload without a type check, for the writer.</summary>
    internal double RawDouble => _double;

    private static void ValidateVerbatimFormat(string format)
    {
        if (format.Length != 3 || !IsVerbatimFormatByte(format[0]) || !IsVerbatimFormatByte(format[1]) || !IsVerbatimFormatByte(format[2]))
        {
            throw new ArgumentException("A verbatim format is three printable ASCII characters other than ':'.", nameof(format));
        }
    }

    internal static void ValidateFormat(string format)
    {
        ArgumentNullException.ThrowIfNull(format);
        ValidateVerbatimFormat(format);
    }

    private static byte[] LineBytes(string text, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(text, parameterName);
        if (text.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new ArgumentException("Simple strings and simple errors cannot contain CR or LF.", parameterName);
        }

        return Encoding.UTF8.GetBytes(text);
    }

    private static RespValue[] CopyItems(ReadOnlySpan<RespValue> items)
    {
        foreach (var item in items)
        {
            ArgumentNullException.ThrowIfNull(item, nameof(items));
        }

        return items.ToArray();
    }

    private static RespValue[] CopyPairs(ReadOnlySpan<RespValue> keysAndValues)
    {
        if (keysAndValues.Length % 2 != 0)
        {
            throw new ArgumentException("Keys and values must come in pairs.", nameof(keysAndValues));
        }

        return CopyItems(keysAndValues);
    }

    private InvalidOperationException WrongType(RespType expected)
        => new($"Expected a RESP {expected} but the value is {(IsNull ? "null" : "a " + Type)}: {this}");

    private void Format(StringBuilder builder, int indent)
    {
        if (Attributes is not null)
        {
            Attributes.Format(builder, indent);
            builder.Append('\n').Append(' ', indent);
        }

        if (IsNull)
        {
            builder.Append("(nil)");
            return;
        }

        switch (Type)
        {
            case RespType.SimpleString:
                builder.Append(Encoding.UTF8.GetString(_bytes.Span));
                break;
            case RespType.SimpleError or RespType.BulkError:
                builder.Append("(error) ").Append(Encoding.UTF8.GetString(_bytes.Span));
                break;
            case RespType.Integer:
                builder.Append("(integer) ").Append(_integer.ToString(CultureInfo.InvariantCulture));
                break;
            case RespType.Boolean:
                builder.Append(_integer != 0 ? "(true)" : "(false)");
                break;
            case RespType.Double:
                builder.Append("(double) ").Append(GetString());
                break;
            case RespType.BigNumber:
                builder.Append("(big number) ").Append(Encoding.ASCII.GetString(_bytes.Span));
                break;
            case RespType.VerbatimString:
                builder.Append("(verbatim ").Append(VerbatimFormat).Append(") ");
                AppendQuoted(builder, _bytes.Span);
                break;
            case RespType.BulkString:
                AppendQuoted(builder, _bytes.Span);
                break;
            default:
                FormatAggregate(builder, indent);
                break;
        }
    }

    private void FormatAggregate(StringBuilder builder, int indent)
    {
        var pairs = Type is RespType.Map or RespType.Attribute;
        var count = pairs ? _items.Length / 2 : _items.Length;
        if (count == 0)
        {
            builder.Append(Type switch
            {
                RespType.Map => "(empty hash)",
                RespType.Set => "(empty set)",
                RespType.Push => "(empty push)",
                RespType.Attribute => "(empty attributes)",
                _ => "(empty array)",
            });
            return;
        }

        var marker = Type switch
        {
            RespType.Map => '#',
            RespType.Set => '~',
            RespType.Push => '>',
            RespType.Attribute => '|',
            _ => ')',
        };
        var width = count.ToString(CultureInfo.InvariantCulture).Length;
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                builder.Append('\n').Append(' ', indent);
            }

            var number = (i + 1).ToString(CultureInfo.InvariantCulture);
            builder.Append(' ', width - number.Length).Append(number).Append(marker).Append(' ');
            var childIndent = indent + width + 2;
            if (pairs)
            {
                _items[2 * i].Format(builder, childIndent);
                builder.Append(" => ");
                _items[(2 * i) + 1].Format(builder, childIndent);
            }
            else
            {
                _items[i].Format(builder, childIndent);
            }
        }
    }

    /// <summary>Appends <paramref name="bytes"/> quoted as redis-cli shows them: printable ASCII as is,
    /// <c>\\ \" \n \r \t \a \b</c>, anything else as <c>\xHH</c> (the check tool prints log arguments with it).</summary>
    internal static void AppendQuoted(StringBuilder builder, ReadOnlySpan<byte> bytes)
    {
        builder.Append('"');
        foreach (var b in bytes)
        {
            switch (b)
            {
                case (byte)'\\':
                    builder.Append("\\\\");
                    break;
                case (byte)'"':
                    builder.Append("\\\"");
                    break;
                case (byte)'\n':
                    builder.Append("\\n");
                    break;
                case (byte)'\r':
                    builder.Append("\\r");
                    break;
                case (byte)'\t':
                    builder.Append("\\t");
                    break;
                case 0x07:
                    builder.Append("\\a");
                    break;
                case 0x08:
                    builder.Append("\\b");
                    break;
                case >= 0x20 and < 0x7F:
                    builder.Append((char)b);
                    break;
                default:
                    builder.Append("\\x").Append(b.ToString("x2", CultureInfo.InvariantCulture));
                    break;
            }
        }

        builder.Append('"');
    }
}
