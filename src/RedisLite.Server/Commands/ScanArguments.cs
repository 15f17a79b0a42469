using System.Buffers.Text;

namespace RedisLite.Server.Commands;

/// <summary>
/// The arguments of the key-scanning commands (HSCAN, SSCAN, ZSCAN): the cursor and the MATCH/COUNT options, parsed
/// with Redis's rules and in Redis's order, and the reply's shape.
/// </summary>
/// <remarks>
/// Redis parses the cursor first, then looks the key up (a missing key replies an empty page and a wrong type fails),
/// and only then reads the options, failing at the first bad one. So an option error found here is kept in
/// <see cref="Error"/> and thrown only once the caller knows the key exists and has the right type.
/// </remarks>
internal readonly struct ScanArguments
{
    private ScanArguments(ulong cursor, RedisValue pattern, int count, RedisException? error)
    {
        Cursor = cursor;
        Pattern = pattern;
        Count = count;
        Error = error;
    }

    /// <summary>Gets the cursor.</summary>
    public ulong Cursor { get; }

    /// <summary>Gets the MATCH pattern, or <see cref="RedisValue.Null"/>.</summary>
    public RedisValue Pattern { get; }

    /// <summary>Gets the COUNT hint: at least 1 (Redis's long, clamped to an int, which changes nothing observable).</summary>
    public int Count { get; }

    /// <summary>Gets the first bad option's error, to throw if the key exists; null when the options are valid.</summary>
    public RedisException? Error { get; }

    /// <summary>Parses the cursor at <paramref name="cursorIndex"/> (failing at once when it is invalid) and the options
    /// after it (keeping their first error).</summary>
    /// <exception cref="RedisException"><c>ERR invalid cursor</c>.</exception>
    public static ScanArguments Parse(CommandContext c, int cursorIndex)
    {
        var cursor = ParseCursor(c.Span(cursorIndex));
        RedisValue pattern = default;
        var count = 10;
        for (var i = cursorIndex + 1; i < c.Count; i += 2)
        {
            var hasValue = i + 1 < c.Count;
            if (hasValue && c.Is(i, "COUNT"u8))
            {
                if (!Internal.NumberParsing.TryParseInt64(c.Span(i + 1), out var value))
                {
                    return new ScanArguments(cursor, pattern, count, new RedisException(ErrorMessages.NotInteger));
                }

                if (value < 1)
                {
                    return new ScanArguments(cursor, pattern, count, CommandContext.SyntaxError());
                }

                count = (int)Math.Min(value, int.MaxValue);
            }
            else if (hasValue && c.Is(i, "MATCH"u8))
            {
                pattern = c.Value(i + 1);
            }
            else
            {
                return new ScanArguments(cursor, pattern, count, CommandContext.SyntaxError());
            }
        }

        return new ScanArguments(cursor, pattern, count, null);
    }

    /// <summary>Reads a cursor as C's <c>strtoul</c> does for Redis: an optional sign (a minus wraps around, so -1 is
    /// the largest cursor), decimal digits, nothing else; no leading space; an empty argument is cursor 0.</summary>
    /// <exception cref="RedisException"><c>ERR invalid cursor</c>.</exception>
    public static ulong ParseCursor(ReadOnlySpan<byte> text)
    {
        if (text.IsEmpty)
        {
            return 0;
        }

        var negative = text[0] == (byte)'-';
        var digits = text[0] is (byte)'-' or (byte)'+' ? text[1..] : text;
        if (digits.IsEmpty)
        {
            throw new RedisException(ErrorMessages.InvalidCursor);
        }

        ulong value = 0;
        foreach (var b in digits)
        {
            var digit = (uint)(b - '0');
            if (digit > 9 || value > (ulong.MaxValue - digit) / 10)
            {
                throw new RedisException(ErrorMessages.InvalidCursor);
            }

            value = (value * 10) + digit;
        }

        return negative ? unchecked(0 - value) : value;
    }

    /// <summary>Answers a scan whose options are bad: the error if the key exists (<paramref name="length"/> &gt; 0;
    /// a wrong type has already failed while measuring it), else Redis's empty page.</summary>
    /// <exception cref="RedisException"><paramref name="error"/>, when the key exists.</exception>
    public static void FailUnlessMissing(CommandContext c, RedisException error, long length)
    {
        if (length > 0)
        {
            throw error;
        }

        WriteCursor(c, 0);
        c.Reply.ArrayHeader(0);
    }

    /// <summary>Writes the reply's head: a two-element array whose first element is the next cursor as a bulk string;
    /// the caller writes the page (an array) after it.</summary>
    public static void WriteCursor(CommandContext c, ulong cursor)
    {
        Span<byte> digits = stackalloc byte[20];
        Utf8Formatter.TryFormat(cursor, digits, out var written);
        c.Reply.ArrayHeader(2);
        c.Reply.Bulk(digits[..written]);
    }
}
