using System.Buffers;
using System.Runtime.CompilerServices;

namespace RedisLite.Resp;

/// <summary>
/// Parses RESP from a buffer: replies (any RESP2 or RESP3 value, for a client) with
/// <see cref="TryRead(ReadOnlySpan{byte}, RespReaderOptions, out RespValue, out int)"/>, and requests (multibulk or
/// inline commands, for a server) with
/// <see cref="TryReadCommand(ReadOnlySpan{byte}, RespReaderOptions, out byte[][], out int)"/>.
/// </summary>
/// <remarks>
/// <para>
/// Both methods are stateless: pass everything received and not yet consumed, starting at a frame boundary. They
/// return <see cref="OperationStatus.Done"/> with the number of bytes the frame took, or
/// <see cref="OperationStatus.NeedMoreData"/> (consuming nothing) when the buffer holds only the start of a frame; any
/// prefix of a valid frame gives <see cref="OperationStatus.NeedMoreData"/>. Malformed input throws
/// <see cref="RespProtocolException"/>; nothing else is thrown for any input.
/// </para>
/// <para>
/// Each call takes time proportional to the bytes it examines, at most the frame's size plus a bounded look-ahead.
/// A frame is first validated without allocating, and only then materialised, so a header that announces a huge
/// length or element count costs nothing until that much data has actually arrived.
/// </para>
/// </remarks>
public static class RespReader
{
    private const int Incomplete = -1;

    private const string InvalidBulkLength = "Protocol error: invalid bulk length";
    private const string InvalidMultibulkLength = "Protocol error: invalid multibulk length";
    private const string MissingBulkCrlf = "Protocol error: expected CRLF after bulk data";

    /// <summary>Reads one reply with <see cref="RespReaderOptions.Default"/> limits.</summary>
    /// <param name="buffer">Bytes received, starting at a frame boundary.</param>
    /// <param name="value">The value read, when the result is <see cref="OperationStatus.Done"/>; otherwise null.</param>
    /// <param name="consumed">The bytes the value took, when <see cref="OperationStatus.Done"/>; otherwise 0.</param>
    /// <returns><see cref="OperationStatus.Done"/> or <see cref="OperationStatus.NeedMoreData"/>.</returns>
    /// <exception cref="RespProtocolException">The buffer does not start with valid RESP.</exception>
    public static OperationStatus TryRead(ReadOnlySpan<byte> buffer, out RespValue? value, out int consumed)
        => TryRead(buffer, RespReaderOptions.Default, out value, out consumed);

    /// <summary>
    /// Reads one complete RESP2 or RESP3 value (any of the 15 types, nested aggregates included) from the start of
    /// <paramref name="buffer"/>. A RESP3 attribute frame (<c>|</c>) is not returned on its own: it is read together
    /// with the value that follows it and attached to that value as <see cref="RespValue.Attributes"/>.
    /// </summary>
    /// <param name="buffer">Bytes received, starting at a frame boundary.</param>
    /// <param name="options">The limits to enforce.</param>
    /// <param name="value">The value read, when the result is <see cref="OperationStatus.Done"/>; otherwise null.</param>
    /// <param name="consumed">The bytes the value took, when <see cref="OperationStatus.Done"/>; otherwise 0.</param>
    /// <returns>
    /// <see cref="OperationStatus.Done"/>, or <see cref="OperationStatus.NeedMoreData"/> when the buffer holds only
    /// part of a frame (including when it is empty).
    /// </returns>
    /// <exception cref="RespProtocolException">
    /// The buffer does not start with valid RESP: an unknown type byte, a length that is malformed, below -1 (or -1
    /// where no null exists) or over a limit, a payload not followed by CRLF, a line with a bare CR or LF, a
    /// malformed integer, double, boolean, null, big number or verbatim string, or nesting beyond
    /// <see cref="RespReaderOptions.MaxDepth"/>.
    /// </exception>
    public static OperationStatus TryRead(ReadOnlySpan<byte> buffer, RespReaderOptions options, out RespValue? value, out int consumed)
    {
        ArgumentNullException.ThrowIfNull(options);
        var parser = new ReplyParser(buffer, options);
        var end = parser.Skip(0, 0);
        if (end == Incomplete)
        {
            value = null;
            consumed = 0;
            return OperationStatus.NeedMoreData;
        }

        var position = 0;
        value = parser.Build(ref position);
        consumed = end;
        return OperationStatus.Done;
    }

    /// <summary>Reads one request with <see cref="RespReaderOptions.Default"/> limits.</summary>
    /// <param name="buffer">Bytes received, starting at a request boundary.</param>
    /// <param name="arguments">The command and its arguments when <see cref="OperationStatus.Done"/>; otherwise null.</param>
    /// <param name="consumed">The bytes the request took, when <see cref="OperationStatus.Done"/>; otherwise 0.</param>
    /// <returns><see cref="OperationStatus.Done"/> or <see cref="OperationStatus.NeedMoreData"/>.</returns>
    /// <exception cref="RespProtocolException">The request is malformed.</exception>
    public static OperationStatus TryReadCommand(ReadOnlySpan<byte> buffer, out byte[][]? arguments, out int consumed)
        => TryReadCommand(buffer, RespReaderOptions.Default, out arguments, out consumed);

    /// <summary>
    /// Reads one client request the way a Redis server does: a multibulk of bulk strings (<c>*2\r\n$3\r\nGET\r\n$1\r\nk\r\n</c>)
    /// when the buffer starts with <c>*</c>, otherwise an inline command, a line split into arguments on whitespace
    /// with <c>redis-cli</c>'s quoting rules.
    /// </summary>
    /// <remarks>
    /// <para>
    /// A multibulk count of zero or less (<c>*0</c>, <c>*-1</c>) and an empty or blank inline line are requests with
    /// no arguments, which Redis silently skips: the result is <see cref="OperationStatus.Done"/> with an empty
    /// <paramref name="arguments"/>. An inline line ends at LF, with an optional CR before it removed.
    /// </para>
    /// <para>
    /// Inline quoting: in double quotes, <c>\n \r \t \b \a</c> are control characters, <c>\xHH</c> is a byte and a
    /// backslash before any other character stands for that character; in single quotes only <c>\'</c> is an escape.
    /// A quote may start in the middle of an argument (<c>a"b c"</c> is <c>ab c</c>) but a closing quote must be
    /// followed by whitespace or the end of the line.
    /// </para>
    /// <para>
    /// Errors carry Redis 7's texts: <c>Protocol error: invalid multibulk length</c>, <c>invalid bulk length</c>,
    /// <c>expected '$', got 'x'</c>, <c>too big mbulk count string</c>, <c>too big bulk count string</c>,
    /// <c>too big inline request</c> and <c>unbalanced quotes in request</c>. Stricter than Redis, which skips two
    /// bytes after a payload or length line without looking at them, this reader demands CRLF there and otherwise
    /// throws (<c>Protocol error: expected CRLF after bulk data</c>, or the length error); and unlike Redis, whose C
    /// string handling stalls on a NUL byte in a length or inline line, it treats NUL as an ordinary byte.
    /// </para>
    /// </remarks>
    /// <param name="buffer">Bytes received, starting at a request boundary.</param>
    /// <param name="options">The limits to enforce.</param>
    /// <param name="arguments">The command and its arguments when <see cref="OperationStatus.Done"/>; otherwise null.</param>
    /// <param name="consumed">The bytes the request took, when <see cref="OperationStatus.Done"/>; otherwise 0.</param>
    /// <returns><see cref="OperationStatus.Done"/> or <see cref="OperationStatus.NeedMoreData"/>.</returns>
    /// <exception cref="RespProtocolException">The request is malformed or over a limit.</exception>
    public static OperationStatus TryReadCommand(ReadOnlySpan<byte> buffer, RespReaderOptions options, out byte[][]? arguments, out int consumed)
    {
        ArgumentNullException.ThrowIfNull(options);
        arguments = null;
        var ranges = Array.Empty<int>();
        var status = TryReadCommand(buffer, options, ref ranges, out var count, out var inline, out consumed);
        if (status != OperationStatus.Done)
        {
            return status;
        }

        if (inline is not null)
        {
            arguments = inline;
            return status;
        }

        // Everything is present and valid: copy the arguments out.
        var result = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            result[i] = ranges[(2 * i) + 1] == 0 ? [] : buffer.Slice(ranges[2 * i], ranges[(2 * i) + 1]).ToArray();
        }

        arguments = result;
        return status;
    }

    /// <summary>
    /// Reads one request like <see cref="TryReadCommand(ReadOnlySpan{byte}, RespReaderOptions, out byte[][], out int)"/>,
    /// but a multibulk request's arguments are not copied: <paramref name="ranges"/> receives each argument's start and
    /// length within <paramref name="buffer"/> (pairs), grown when too small. An inline request (rare: typed by hand)
    /// is returned copied in <paramref name="inlineArguments"/>. The server's hot path: a pipelined batch is parsed
    /// without allocating.
    /// </summary>
    /// <param name="buffer">Bytes received, starting at a request boundary.</param>
    /// <param name="options">The limits to enforce.</param>
    /// <param name="ranges">Receives start/length pairs for a multibulk request.</param>
    /// <param name="count">The number of arguments (for a multibulk request; 0 for an empty one).</param>
    /// <param name="inlineArguments">The arguments of an inline request, else null.</param>
    /// <param name="consumed">The bytes the request took, when <see cref="OperationStatus.Done"/>.</param>
    /// <returns><see cref="OperationStatus.Done"/> or <see cref="OperationStatus.NeedMoreData"/>.</returns>
    /// <exception cref="RespProtocolException">The request is malformed or over a limit.</exception>
    internal static OperationStatus TryReadCommand(
        ReadOnlySpan<byte> buffer, RespReaderOptions options, ref int[] ranges, out int count, out byte[][]? inlineArguments, out int consumed)
    {
        count = 0;
        inlineArguments = null;
        consumed = 0;
        if (buffer.IsEmpty)
        {
            return OperationStatus.NeedMoreData;
        }

        if (buffer[0] != (byte)'*')
        {
            var inlineEnd = ReadInline(buffer, options, out inlineArguments);
            if (inlineEnd == Incomplete)
            {
                inlineArguments = null;
                return OperationStatus.NeedMoreData;
            }

            consumed = inlineEnd;
            return OperationStatus.Done;
        }

        var lineEnd = FindRequestLine(buffer, 0, options.MaxInlineLength, "Protocol error: too big mbulk count string");
        if (lineEnd == Incomplete || lineEnd + 1 >= buffer.Length)
        {
            return OperationStatus.NeedMoreData;
        }

        if (buffer[lineEnd + 1] != (byte)'\n'
            || !RespNumbers.TryParseInt64(buffer[1..lineEnd], out var total)
            || total > int.MaxValue)
        {
            throw new RespProtocolException(InvalidMultibulkLength);
        }

        var position = lineEnd + 2;
        if (total <= 0)
        {
            consumed = position;
            return OperationStatus.Done;
        }

        if (total > options.MaxAggregateLength)
        {
            throw new RespProtocolException(InvalidMultibulkLength);
        }

        for (var i = 0; i < total; i++)
        {
            position = SkipRequestBulk(buffer, position, options, out var payloadStart, out var payloadLength);
            if (position == Incomplete)
            {
                return OperationStatus.NeedMoreData;
            }

            // Grown as arguments actually arrive: a huge count in a header alone must not allocate anything.
            if (ranges.Length < (2 * i) + 2)
            {
                Array.Resize(ref ranges, Math.Max(16, ranges.Length * 2));
            }

            ranges[2 * i] = payloadStart;
            ranges[(2 * i) + 1] = payloadLength;
        }

        count = (int)total;
        consumed = position;
        return OperationStatus.Done;
    }

    /// <summary>Validates one <c>$len\r\npayload\r\n</c> of a request; returns the position after it, or <see cref="Incomplete"/>.</summary>
    private static int SkipRequestBulk(ReadOnlySpan<byte> buffer, int position, RespReaderOptions options, out int payloadStart, out int payloadLength)
    {
        payloadStart = 0;
        payloadLength = 0;
        if (position >= buffer.Length)
        {
            return Incomplete;
        }

        // Like Redis: find the length line first, then insist that it is a bulk length.
        var lineEnd = FindRequestLine(buffer, position, options.MaxInlineLength, "Protocol error: too big bulk count string");
        if (lineEnd == Incomplete)
        {
            return Incomplete;
        }

        if (buffer[position] != (byte)'$')
        {
            throw new RespProtocolException($"Protocol error: expected '$', got '{Printable(buffer[position])}'");
        }

        if (lineEnd + 1 >= buffer.Length)
        {
            return Incomplete;
        }

        if (buffer[lineEnd + 1] != (byte)'\n'
            || !RespNumbers.TryParseInt64(buffer[(position + 1)..lineEnd], out var length)
            || length < 0
            || length > options.MaxBulkLength)
        {
            throw new RespProtocolException(InvalidBulkLength);
        }

        payloadStart = lineEnd + 2;
        payloadLength = (int)length;
        var payloadEnd = (long)payloadStart + payloadLength;
        if (payloadEnd + 2 > buffer.Length)
        {
            return Incomplete;
        }

        if (buffer[(int)payloadEnd] != (byte)'\r' || buffer[(int)payloadEnd + 1] != (byte)'\n')
        {
            throw new RespProtocolException(MissingBulkCrlf);
        }

        return (int)payloadEnd + 2;
    }

    /// <summary>
    /// Finds the CR ending a request's length line that starts at <paramref name="start"/>, looking no further than
    /// <paramref name="maxLength"/> bytes past it. Like Redis, a line still unterminated beyond that is an error.
    /// </summary>
    private static int FindRequestLine(ReadOnlySpan<byte> buffer, int start, int maxLength, string tooBigMessage)
    {
        var available = buffer.Length - start;
        var window = buffer.Slice(start, Math.Min(available, maxLength + 1));
        var cr = window.IndexOf((byte)'\r');
        if (cr >= 0)
        {
            return start + cr;
        }

        if (available > maxLength)
        {
            throw new RespProtocolException(tooBigMessage);
        }

        return Incomplete;
    }

    private static int ReadInline(ReadOnlySpan<byte> buffer, RespReaderOptions options, out byte[][]? arguments)
    {
        arguments = null;
        var maxLength = options.MaxInlineLength;
        var window = buffer[..Math.Min(buffer.Length, maxLength + 2)];
        var newline = window.IndexOf((byte)'\n');
        if (newline < 0)
        {
            // Redis gives up once more than the limit is buffered without a newline. The one exception here is a
            // line of exactly the limit whose CR has arrived but whose LF has not.
            if (buffer.Length > maxLength && !(buffer.Length == maxLength + 1 && buffer[maxLength] == (byte)'\r'))
            {
                throw new RespProtocolException("Protocol error: too big inline request");
            }

            return Incomplete;
        }

        var lineLength = newline > 0 && buffer[newline - 1] == (byte)'\r' ? newline - 1 : newline;
        if (lineLength > maxLength)
        {
            throw new RespProtocolException("Protocol error: too big inline request");
        }

        arguments = InlineSplitter.Split(buffer[..lineLength]);
        return newline + 1;
    }

    /// <summary>How Redis shows an unexpected byte in an error: as itself, except that CR and LF become spaces.</summary>
    private static char Printable(byte value) => value is (byte)'\r' or (byte)'\n' ? ' ' : (char)value;

    /// <summary>
    /// Parses replies. <see cref="Skip"/> validates a frame and finds its end without allocating; <see cref="Build"/>
    /// then materialises a frame that <see cref="Skip"/> accepted.
    /// </summary>
    private readonly ref struct ReplyParser
    {
        private readonly ReadOnlySpan<byte> _buffer;
        private readonly RespReaderOptions _options;

        public ReplyParser(ReadOnlySpan<byte> buffer, RespReaderOptions options)
        {
            _buffer = buffer;
            _options = options;
        }

        /// <summary>Validates the value (with any attributes before it) at <paramref name="position"/>; returns its end or <see cref="Incomplete"/>.</summary>
        /// <param name="position">Where the value starts.</param>
        /// <param name="depth">How many aggregates enclose it.</param>
        public int Skip(int position, int depth)
        {
            // Attributes precede the value they describe; a run of them is read in a loop, never by recursion.
            while (true)
            {
                if (position >= _buffer.Length)
                {
                    return Incomplete;
                }

                if (_buffer[position] != (byte)'|')
                {
                    break;
                }

                position = SkipAggregate(position, depth, pairs: true, allowNull: false);
                if (position == Incomplete)
                {
                    return Incomplete;
                }
            }

            switch (_buffer[position])
            {
                case (byte)'+':
                    return SkipLine(position, _options.MaxBulkLength, "Protocol error: invalid simple string");
                case (byte)'-':
                    return SkipLine(position, _options.MaxBulkLength, "Protocol error: invalid simple error");
                case (byte)':':
                    {
                        var lineEnd = FindLineEnd(position + 1, RespNumbers.MaxInt64Length, "Protocol error: invalid integer");
                        if (lineEnd == Incomplete)
                        {
                            return Incomplete;
                        }

                        if (!RespNumbers.TryParseInt64(_buffer[(position + 1)..lineEnd], out _))
                        {
                            throw new RespProtocolException("Protocol error: invalid integer");
                        }

                        return lineEnd + 2;
                    }

                case (byte)'$':
                case (byte)'!':
                case (byte)'=':
                    return SkipBlob(position);
                case (byte)'*':
                    return SkipAggregate(position, depth, pairs: false, allowNull: true);
                case (byte)'~':
                case (byte)'>':
                    return SkipAggregate(position, depth, pairs: false, allowNull: false);
                case (byte)'%':
                    return SkipAggregate(position, depth, pairs: true, allowNull: false);
                case (byte)'_':
                    return SkipLine(position, 0, "Protocol error: invalid null");
                case (byte)'#':
                    {
                        var lineEnd = FindLineEnd(position + 1, 1, "Protocol error: invalid boolean");
                        if (lineEnd == Incomplete)
                        {
                            return Incomplete;
                        }

                        if (lineEnd != position + 2 || _buffer[position + 1] is not ((byte)'t' or (byte)'f'))
                        {
                            throw new RespProtocolException("Protocol error: invalid boolean");
                        }

                        return lineEnd + 2;
                    }

                case (byte)',':
                    {
                        var lineEnd = FindLineEnd(position + 1, _options.MaxBulkLength, "Protocol error: invalid double");
                        if (lineEnd == Incomplete)
                        {
                            return Incomplete;
                        }

                        if (!RespNumbers.TryParseDouble(_buffer[(position + 1)..lineEnd], out _))
                        {
                            throw new RespProtocolException("Protocol error: invalid double");
                        }

                        return lineEnd + 2;
                    }

                case (byte)'(':
                    {
                        var lineEnd = FindLineEnd(position + 1, _options.MaxBulkLength, "Protocol error: invalid big number");
                        if (lineEnd == Incomplete)
                        {
                            return Incomplete;
                        }

                        if (!RespNumbers.IsBigNumber(_buffer[(position + 1)..lineEnd]))
                        {
                            throw new RespProtocolException("Protocol error: invalid big number");
                        }

                        return lineEnd + 2;
                    }

                default:
                    throw new RespProtocolException($"Protocol error: invalid type byte '{Printable(_buffer[position])}'");
            }
        }

        /// <summary>Materialises the value at <paramref name="position"/>, which <see cref="Skip"/> has accepted, and advances past it.</summary>
        public RespValue Build(ref int position)
        {
            if (_buffer[position] != (byte)'|')
            {
                return BuildCore(ref position);
            }

            var attributes = BuildAggregate(ref position, RespType.Attribute);
            if (_buffer[position] == (byte)'|')
            {
                // A run of attribute frames: gather all their pairs, then make one attribute value (linear, not a
                // copy per frame).
                var pairs = new List<RespValue>(attributes.ItemsSpan.ToArray());
                while (_buffer[position] == (byte)'|')
                {
                    pairs.AddRange(BuildAggregate(ref position, RespType.Attribute).ItemsSpan);
                }

                attributes = RespValue.CreateAggregate(RespType.Attribute, [.. pairs]);
            }

            return BuildCore(ref position).WithAttributesCore(attributes);
        }

        private RespValue BuildCore(ref int position)
        {
            var type = _buffer[position];
            switch (type)
            {
                case (byte)'+':
                case (byte)'-':
                case (byte)'(':
                    {
                        var lineEnd = _buffer[position..].IndexOf((byte)'\r') + position;
                        var value = RespValue.CreateLine(
                            type switch
                            {
                                (byte)'+' => RespType.SimpleString,
                                (byte)'-' => RespType.SimpleError,
                                _ => RespType.BigNumber,
                            },
                            _buffer[(position + 1)..lineEnd]);
                        position = lineEnd + 2;
                        return value;
                    }

                case (byte)':':
                    {
                        var lineEnd = _buffer[position..].IndexOf((byte)'\r') + position;
                        var integer = ParseValidated(_buffer[(position + 1)..lineEnd]);
                        position = lineEnd + 2;
                        return RespValue.FromInteger(integer);
                    }

                case (byte)',':
                    {
                        var lineEnd = _buffer[position..].IndexOf((byte)'\r') + position;
                        var number = RespNumbers.TryParseDouble(_buffer[(position + 1)..lineEnd], out var parsed) ? parsed : throw Unreachable();
                        position = lineEnd + 2;
                        return RespValue.CreateDouble(number);
                    }

                case (byte)'_':
                    position += 3;
                    return RespValue.Null;

                case (byte)'#':
                    var boolean = _buffer[position + 1] == (byte)'t';
                    position += 4;
                    return RespValue.FromBoolean(boolean);

                case (byte)'$':
                case (byte)'!':
                case (byte)'=':
                    {
                        var lineEnd = _buffer[position..].IndexOf((byte)'\r') + position;
                        var length = ParseValidated(_buffer[(position + 1)..lineEnd]);
                        var start = lineEnd + 2;
                        if (length < 0)
                        {
                            position = start;
                            return RespValue.NullBulk;
                        }

                        var payload = _buffer.Slice(start, (int)length);
                        position = start + (int)length + 2;
                        return type switch
                        {
                            (byte)'$' => RespValue.CreateBlob(RespType.BulkString, payload),
                            (byte)'!' => RespValue.CreateBlob(RespType.BulkError, payload),
                            _ => RespValue.CreateVerbatim(RespValue.InternFormat(payload[..3]), payload[4..]),
                        };
                    }

                case (byte)'*':
                    return BuildAggregate(ref position, RespType.Array);
                case (byte)'~':
                    return BuildAggregate(ref position, RespType.Set);
                case (byte)'>':
                    return BuildAggregate(ref position, RespType.Push);
                default:
                    return BuildAggregate(ref position, RespType.Map);
            }
        }

        private RespValue BuildAggregate(ref int position, RespType type)
        {
            var lineEnd = _buffer[position..].IndexOf((byte)'\r') + position;
            var count = ParseValidated(_buffer[(position + 1)..lineEnd]);
            position = lineEnd + 2;
            if (count < 0)
            {
                return RespValue.NullArray;
            }

            var pairs = type is RespType.Map or RespType.Attribute;
            var items = new RespValue[pairs ? count * 2 : count];
            for (var i = 0; i < items.Length; i++)
            {
                items[i] = Build(ref position);
            }

            return RespValue.CreateAggregate(type, items);
        }

        /// <summary>Parses an integer that <see cref="Skip"/> has already validated.</summary>
        private static long ParseValidated(ReadOnlySpan<byte> text)
            => RespNumbers.TryParseInt64(text, out var value) ? value : throw Unreachable();

        /// <summary>For a frame that changed between validating and building it, which cannot happen to a span.</summary>
        private static RespProtocolException Unreachable() => new("Protocol error: inconsistent frame");

        private int SkipLine(int position, int maxLength, string error)
        {
            var lineEnd = FindLineEnd(position + 1, maxLength, error);
            return lineEnd == Incomplete ? Incomplete : lineEnd + 2;
        }

        private int SkipBlob(int position)
        {
            var type = _buffer[position];
            var lineEnd = FindLineEnd(position + 1, RespNumbers.MaxInt64Length, InvalidBulkLength);
            if (lineEnd == Incomplete)
            {
                return Incomplete;
            }

            if (!RespNumbers.TryParseInt64(_buffer[(position + 1)..lineEnd], out var length))
            {
                throw new RespProtocolException(InvalidBulkLength);
            }

            var start = lineEnd + 2;
            if (length == -1 && type == (byte)'$')
            {
                return start;
            }

            if (length < 0 || length > _options.MaxBulkLength)
            {
                throw new RespProtocolException(InvalidBulkLength);
            }

            var end = (long)start + length;
            if (end + 2 > _buffer.Length)
            {
                return Incomplete;
            }

            if (_buffer[(int)end] != (byte)'\r' || _buffer[(int)end + 1] != (byte)'\n')
            {
                throw new RespProtocolException(MissingBulkCrlf);
            }

            if (type == (byte)'='
                && (length < 4
                    || _buffer[start + 3] != (byte)':'
                    || !RespValue.IsVerbatimFormatByte(_buffer[start])
                    || !RespValue.IsVerbatimFormatByte(_buffer[start + 1])
                    || !RespValue.IsVerbatimFormatByte(_buffer[start + 2])))
            {
                throw new RespProtocolException("Protocol error: invalid verbatim string");
            }

            return (int)end + 2;
        }

        private int SkipAggregate(int position, int depth, bool pairs, bool allowNull)
        {
            var lineEnd = FindLineEnd(position + 1, RespNumbers.MaxInt64Length, InvalidMultibulkLength);
            if (lineEnd == Incomplete)
            {
                return Incomplete;
            }

            if (!RespNumbers.TryParseInt64(_buffer[(position + 1)..lineEnd], out var count))
            {
                throw new RespProtocolException(InvalidMultibulkLength);
            }

            position = lineEnd + 2;
            if (count == -1 && allowNull)
            {
                return position;
            }

            if (count < 0 || count > _options.MaxAggregateLength)
            {
                throw new RespProtocolException(InvalidMultibulkLength);
            }

            if (depth >= _options.MaxDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
            {
                throw new RespProtocolException("Protocol error: too deeply nested reply");
            }

            var elements = pairs ? count * 2 : count;
            for (var i = 0L; i < elements; i++)
            {
                position = Skip(position, depth + 1);
                if (position == Incomplete)
                {
                    return Incomplete;
                }
            }

            return position;
        }

        /// <summary>
        /// Finds the CR of the CRLF ending a line whose content starts at <paramref name="start"/> and may be at most
        /// <paramref name="maxLength"/> bytes. Returns <see cref="Incomplete"/> if the line may still be completed;
        /// throws with <paramref name="error"/> if it is too long or holds a bare CR or LF.
        /// </summary>
        private int FindLineEnd(int start, int maxLength, string error)
        {
            var available = _buffer.Length - start;
            if (available <= 0)
            {
                return Incomplete;
            }

            var window = _buffer.Slice(start, (int)Math.Min(available, (long)maxLength + 1));
            var index = window.IndexOfAny((byte)'\r', (byte)'\n');
            if (index < 0)
            {
                if (available > maxLength)
                {
                    throw new RespProtocolException(error);
                }

                return Incomplete;
            }

            var cr = start + index;
            if (_buffer[cr] == (byte)'\n')
            {
                throw new RespProtocolException(error);
            }

            if (cr + 1 >= _buffer.Length)
            {
                return Incomplete;
            }

            if (_buffer[cr + 1] != (byte)'\n')
            {
                throw new RespProtocolException(error);
            }

            return cr;
        }
    }
}
