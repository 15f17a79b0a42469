using System.Text;
using RedisLite.Internal;
using RedisLite.Server.Protocol;

namespace RedisLite.Server.Commands;

/// <summary>
/// What a command handler sees: its arguments (with Redis's parsing rules and error texts), the connection's session
/// and current database, and the reply buffer. One per connection, reset for each command, so running a command
/// allocates nothing here.
/// </summary>
/// <remarks>Not thread-safe: used only by its connection's loop.</remarks>
internal sealed class CommandContext
{
    // The arguments are slices of the connection's input buffer (no copy per request); _copies holds them copied
    // once something needs them beyond the command (Args, a queued MULTI command, a blocked command).
    private byte[] _source = [];
    private int[] _ranges = new int[64];
    private int _count;
    private byte[][]? _copies;

    internal CommandContext(ClientConnection client, ReplyBuffer reply)
    {
        Client = client;
        Reply = reply;
    }

    /// <summary>Gets the connection the command came from (its session state: database, name, protocol, ...).</summary>
    public ClientConnection Client { get; }

    /// <summary>Gets the server.</summary>
    public RedisLiteServer Server => Client.Server;

    /// <summary>Gets the store view of the client's selected database.</summary>
    public DataStore Store => Client.Database;

    /// <summary>Gets where the reply goes.</summary>
    public ReplyBuffer Reply { get; }

    /// <summary>Gets the command being run (for a subcommand, its own definition).</summary>
    public CommandDefinition Command { get; private set; } = null!;

    /// <summary>Gets the arguments, the command's name first, as arrays of their own (copied on first use: prefer
    /// <see cref="Span"/>, <see cref="Key"/> and <see cref="Value"/>, which do not copy).</summary>
    public byte[][] Args => _copies ??= Copy();

    /// <summary>Gets the number of arguments including the name.</summary>
    public int Count => _count;

    /// <summary>Gets whether the command runs inside EXEC, where blocking commands answer at once.</summary>
    public bool InExec { get; internal set; }

    /// <summary>Gets the reply of a command that blocked, to write once its task completes; null if it did not block.</summary>
    internal Func<Task>? PendingBlock { get; private set; }

    /// <summary>Points the context at a request parsed in place: argument i is <paramref name="source"/>[ranges[2i]..]
    /// of length ranges[2i+1]. The ranges are copied; the source must stay unchanged while the command runs.</summary>
    internal void SetRequest(byte[] source, int[] ranges, int count)
    {
        _source = source;
        if (_ranges.Length < count * 2)
        {
            _ranges = new int[count * 2];
        }

        Array.Copy(ranges, _ranges, count * 2);
        _count = count;
        _copies = null;
        PendingBlock = null;
    }

    /// <summary>Points the context at arguments that are arrays of their own (inline requests, queued commands).</summary>
    internal void SetRequest(byte[][] args)
    {
        _copies = args;
        _count = args.Length;
        _source = [];
        PendingBlock = null;
    }

    /// <summary>Sets the command about to run.</summary>
    internal void SetCommand(CommandDefinition command) => Command = command;

    /// <summary>Copies the arguments so that they outlive the input buffer (a command queued inside MULTI).</summary>
    internal byte[][] DetachArguments() => _copies ??= Copy();

    /// <summary>Argument <paramref name="index"/> as a key (no copy: the store copies what it keeps).</summary>
    public RedisKey Key(int index) => _copies is { } copies ? copies[index] : new RedisKey(_source, _ranges[2 * index], _ranges[(2 * index) + 1]);

    /// <summary>Argument <paramref name="index"/> as a value (no copy: the store copies what it keeps).</summary>
    public RedisValue Value(int index) => _copies is { } copies ? copies[index] : new RedisValue(_source, _ranges[2 * index], _ranges[(2 * index) + 1]);

    /// <summary>Argument <paramref name="index"/>'s bytes.</summary>
    public ReadOnlySpan<byte> Span(int index) => _copies is { } copies
        ? copies[index]
        : new ReadOnlySpan<byte>(_source, _ranges[2 * index], _ranges[(2 * index) + 1]);

    /// <summary>Argument <paramref name="index"/> as text (UTF-8).</summary>
    public string Text(int index) => Encoding.UTF8.GetString(Span(index));

    private byte[][] Copy()
    {
        var copies = new byte[_count][];
        for (var i = 0; i < _count; i++)
        {
            copies[i] = Span(i).ToArray();
        }

        return copies;
    }

    /// <summary>Arguments from <paramref name="start"/> up to (not including) <paramref name="end"/> (default: all the
    /// rest), every <paramref name="step"/>th, as keys.</summary>
    public RedisKey[] Keys(int start, int end = -1, int step = 1)
    {
        if (end < 0)
        {
            end = _count;
        }

        var keys = new RedisKey[(end - start + step - 1) / step];
        for (int i = start, k = 0; i < end; i += step, k++)
        {
            keys[k] = Key(i);
        }

        return keys;
    }

    /// <summary>Arguments from <paramref name="start"/> up to (not including) <paramref name="end"/> (default: all the
    /// rest) as values.</summary>
    public RedisValue[] Values(int start, int end = -1)
    {
        if (end < 0)
        {
            end = _count;
        }

        var values = new RedisValue[end - start];
        for (var i = start; i < end; i++)
        {
            values[i - start] = Value(i);
        }

        return values;
    }

    /// <summary>Whether argument <paramref name="index"/> is <paramref name="token"/>, ignoring ASCII case.</summary>
    /// <param name="index">The argument.</param>
    /// <param name="token">The option name, upper case (for example <c>"NX"u8</c>).</param>
    public bool Is(int index, ReadOnlySpan<byte> token) => Ascii.EqualsIgnoreCase(Span(index), token);

    /// <summary>Argument <paramref name="index"/> as a 64-bit integer, strictly as Redis parses one.</summary>
    /// <exception cref="RedisException"><c>ERR value is not an integer or out of range</c>.</exception>
    public long Long(int index) => NumberParsing.TryParseInt64(Span(index), out var value)
        ? value
        : throw new RedisException(ErrorMessages.NotInteger);

    /// <summary>Argument <paramref name="index"/> as an integer in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    /// <exception cref="RedisException"><paramref name="error"/>, or <c>ERR value is not an integer or out of range</c>.</exception>
    public long Long(int index, long min, long max, string? error = null)
    {
        if (!NumberParsing.TryParseInt64(Span(index), out var value))
        {
            throw new RedisException(ErrorMessages.NotInteger);
        }

        return value >= min && value <= max ? value : throw new RedisException(error ?? ErrorMessages.NotInteger);
    }

    /// <summary>Argument <paramref name="index"/> as a double, as Redis parses a float argument.</summary>
    /// <exception cref="RedisException"><paramref name="error"/>, by default <c>ERR value is not a valid float</c>.</exception>
    public double Double(int index, string? error = null) => NumberParsing.TryParseDouble(Span(index), out var value)
        ? value
        : throw new RedisException(error ?? ErrorMessages.NotFloat);

    /// <summary>Argument <paramref name="index"/> as a timeout in seconds (BLPOP and friends), as Redis 7.0 reads one:
    /// a float rounded up to whole milliseconds; 0 (or anything that rounds up to it, such as -0.0001) waits forever
    /// and comes back as <see cref="TimeSpan.Zero"/>, what the store's blocking calls take for "forever".</summary>
    /// <exception cref="RedisException">Redis's timeout errors.</exception>
    public TimeSpan Timeout(int index)
    {
        if (!NumberParsing.TryParseDouble(Span(index), out var seconds) && !TryParseBeyondDouble(Span(index), out seconds))
        {
            throw new RedisException("ERR timeout is not a float or out of range");
        }

        // Redis converts ceil(seconds * 1000) to a long long: an infinite or too large value comes out of that
        // conversion as LLONG_MIN, so it is "negative" too.
        var milliseconds = Math.Ceiling(seconds * 1000);
        if (!(milliseconds >= 0 && milliseconds < 9223372036854775808.0))
        {
            throw new RedisException("ERR timeout is negative");
        }

        // Beyond what a TimeSpan holds (tens of thousands of years) it might as well be forever; the store's timer
        // takes TimeSpan.MaxValue.
        return milliseconds == 0 ? TimeSpan.Zero
            : milliseconds > 9e14 ? TimeSpan.MaxValue
            : TimeSpan.FromMilliseconds(milliseconds);
    }

    /// <summary>Redis reads a timeout as a long double, so a decimal too large or too small for a double is still a
    /// number: it comes back as an infinity, or as the smallest double of its sign (which rounds to 1 ms, or to 0).</summary>
    private static bool TryParseBeyondDouble(ReadOnlySpan<byte> text, out double value)
    {
        if (!NumberParsing.TryScanFloat(text, out var syntax) || syntax.Kind != FloatSyntaxKind.Decimal || !syntax.HasNonZeroDigit
            || !double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out value))
        {
            value = 0;
            return false;
        }

        if (value == 0)
        {
            value = syntax.Negative ? -double.Epsilon : double.Epsilon;
        }

        return true;
    }

    /// <summary>The command's name as Redis quotes it in errors (lower case; <c>container|sub</c> for a subcommand).</summary>
    public string Name => Command.Name;

    /// <summary>
    /// Finishes the command later: when <paramref name="task"/> completes, <paramref name="write"/> writes its reply. A
    /// task that has already completed (data was there, or the command runs inside EXEC) is written at once. While it
    /// waits, the connection reads nothing else, as a blocked Redis client; if the client disconnects, the connection's
    /// token (<see cref="ClientConnection.Aborted"/>) cancels it.
    /// </summary>
    public void Block<T>(Task<T> task, Action<CommandContext, T> write)
    {
        if (task.IsCompleted)
        {
            write(this, task.GetAwaiter().GetResult());
            return;
        }

        // The reply may quote arguments after the input buffer has moved on: give them arrays of their own.
        DetachArguments();
        PendingBlock = async () =>
        {
            var result = await task.ConfigureAwait(false);
            write(this, result);
        };
    }

    /// <summary>Throws Redis's syntax error.</summary>
    public static RedisException SyntaxError() => new(ErrorMessages.Syntax);
}
