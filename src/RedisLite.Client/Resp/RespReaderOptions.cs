namespace RedisLite.Resp;

/// <summary>
/// Limits that <see cref="RespReader"/> enforces on what it accepts, so that a misbehaving or hostile peer cannot make
/// it do unbounded work or allocate unbounded memory. Input beyond a limit throws <see cref="RespProtocolException"/>.
/// Instances are immutable once built (the properties are init-only); <see cref="Default"/> can be shared freely.
/// </summary>
/// <remarks>
/// The reader never allocates for a value until every byte of it has arrived, so an announced length or element count
/// costs nothing by itself: memory is always proportional to bytes actually received. The limits therefore bound the
/// size of a single value that will be accepted, not what a header may claim.
/// </remarks>
public sealed class RespReaderOptions
{
    /// <summary>The largest <see cref="MaxDepth"/> that can be configured.</summary>
    public const int MaxDepthLimit = 512;

    private readonly int _maxBulkLength = 512 * 1024 * 1024;
    private readonly int _maxAggregateLength = int.MaxValue;
    private readonly int _maxDepth = 64;
    private readonly int _maxInlineLength = 64 * 1024;

    /// <summary>The default limits: those of a stock Redis 7 server.</summary>
    public static RespReaderOptions Default { get; } = new();

    /// <summary>
    /// The longest bulk string (also bulk error and verbatim string) accepted, in bytes, and the longest simple string,
    /// simple error, double or big number line. Default 512 MiB, Redis's <c>proto-max-bulk-len</c> default; at most
    /// <see cref="Array.MaxLength"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or above <see cref="Array.MaxLength"/>.</exception>
    public int MaxBulkLength
    {
        get => _maxBulkLength;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, Array.MaxLength);
            _maxBulkLength = value;
        }
    }

    /// <summary>
    /// The most elements an array, set or push message (or the most entries a map or attribute) may announce, and the
    /// most arguments a multibulk request may announce. Default <see cref="int.MaxValue"/>, which is what Redis 7
    /// accepts for a request's argument count (Redis 6 and older stopped at 1,048,576) and what a client needs for
    /// replies such as <c>LRANGE</c> on a long list. That is safe because nothing is allocated for an aggregate
    /// before all of its elements have arrived; lower it to bound the work spent on a single request.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int MaxAggregateLength
    {
        get => _maxAggregateLength;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _maxAggregateLength = value;
        }
    }

    /// <summary>
    /// How deeply aggregates may nest: 1 allows a flat array, 2 an array of arrays, and so on (attributes count as a
    /// level). Default 64, far deeper than any Redis reply; at most <see cref="MaxDepthLimit"/>, which keeps the
    /// reader's recursion well inside a thread's stack.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1 or above <see cref="MaxDepthLimit"/>.</exception>
    public int MaxDepth
    {
        get => _maxDepth;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, MaxDepthLimit);
            _maxDepth = value;
        }
    }

    /// <summary>
    /// The longest inline command line accepted by <see cref="RespReader.TryReadCommand(ReadOnlySpan{byte}, RespReaderOptions, out byte[][], out int)"/>,
    /// in bytes excluding its line terminator, and how far it looks for the end of a multibulk or bulk length line.
    /// Default 64 KiB, Redis's <c>PROTO_INLINE_MAX_SIZE</c>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1 or above <see cref="Array.MaxLength"/> - 2.</exception>
    public int MaxInlineLength
    {
        get => _maxInlineLength;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, Array.MaxLength - 2);
            _maxInlineLength = value;
        }
    }
}
