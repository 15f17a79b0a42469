using System.Buffers.Text;

namespace RedisLite.Server.Commands;

/// <summary>
/// The arguments of the key-scanning commands (HSCAN, SSCAN, ZSCAN): the cursor and the MATCH/COUNT options, parsed
/// with Redis's rules and in Redis's order, and the reply's shape.
/// </summary>
/// <remarks>
/// Redis parses the cursor first, then looks the key up (a missing key replies an empty page and a wrong type fails),
/// and only then reads the options, failing at the first bad one. So an option error found while parsing is kept in
/// <see cref="Error"/> and thrown only once <see cref="Run"/> knows the key exists and has the right type.
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
    private static ScanArguments Parse(CommandContext c, int cursorIndex)
    {
        var cursor = KeyCommands.ParseCursor(c.Span(cursorIndex));
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

    /// <summary>
    /// Runs HSCAN/SSCAN/ZSCAN (key at 1, cursor at 2) with Redis's order of checks, and writes the reply: the next
    /// cursor and a flat page of <paramref name="repliesPerItem"/> replies per item.
    /// </summary>
    /// <typeparam name="T">What a page holds.</typeparam>
    /// <param name="c">The command.</param>
    /// <param name="length">Measures the key (0 if missing; a wrong type fails), for an option error.</param>
    /// <param name="scan">Reads one page from the store.</param>
    /// <param name="repliesPerItem">How many replies <paramref name="write"/> writes for one item.</param>
    /// <param name="write">Writes one item.</param>
    /// <exception cref="RedisException">The cursor or an option is bad, or the key holds another type.</exception>
    public static void Run<T>(CommandContext c, Func<DataStore, RedisKey, long> length,
        Func<DataStore, RedisKey, ScanArguments, ScanResult<T>> scan, int repliesPerItem, Action<Protocol.ReplyBuffer, T> write)
    {
        var arguments = Parse(c, 2);
        var key = c.Key(1);
        if (arguments.Error is not null)
        {
            // Only an existing key of the right type gets the option's error; a missing one, an empty page.
            if (length(c.Store, key) > 0)
            {
                throw arguments.Error;
            }

            WriteCursor(c, 0);
            c.Reply.ArrayHeader(0);
            return;
        }

        var page = scan(c.Store, key, arguments);
        WriteCursor(c, page.Cursor);
        c.Reply.ArrayHeader(page.Items.Count * repliesPerItem);
        foreach (var item in page.Items)
        {
            write(c.Reply, item);
        }
    }

    /// <summary>Writes the reply's head: a two-element array whose first element is the next cursor as a bulk string;
    /// the page (an array) comes after it.</summary>
    private static void WriteCursor(CommandContext c, ulong cursor)
    {
        Span<byte> digits = stackalloc byte[20];
        Utf8Formatter.TryFormat(cursor, digits, out var written);
        c.Reply.ArrayHeader(2);
        c.Reply.Bulk(digits[..written]);
    }
}
