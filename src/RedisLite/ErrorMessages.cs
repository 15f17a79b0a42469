namespace RedisLite;

/// <summary>The error replies of Redis 7, word for word, in one place: this class, whose collection families keep
/// theirs in <c>ErrorMessages.{Family}.cs</c> files beside this one.</summary>
public static partial class ErrorMessages
{
    /// <summary>The key holds another type.</summary>
    public const string WrongType = "WRONGTYPE Operation against a key holding the wrong kind of value";

    /// <summary>A value or argument is not a 64-bit integer.</summary>
    public const string NotInteger = "ERR value is not an integer or out of range";

    /// <summary>INCR/INCRBY/DECRBY would overflow a 64-bit integer.</summary>
    public const string IncrementOverflow = "ERR increment or decrement would overflow";

    /// <summary>DECRBY with the smallest 64-bit integer, whose negation overflows.</summary>
    public const string DecrementOverflow = "ERR decrement would overflow";

    /// <summary>A value or argument is not a valid float.</summary>
    public const string NotFloat = "ERR value is not a valid float";

    /// <summary>INCRBYFLOAT would produce NaN or infinity.</summary>
    public const string IncrementNaNOrInfinity = "ERR increment would produce NaN or Infinity";

    /// <summary>Generic syntax error.</summary>
    public const string Syntax = "ERR syntax error";

    /// <summary>RENAME of a missing key.</summary>
    public const string NoSuchKey = "ERR no such key";

    /// <summary>COPY/MOVE onto itself.</summary>
    public const string SameObject = "ERR source and destination objects are the same";

    /// <summary>A database index outside the configured range.</summary>
    public const string DbIndexOutOfRange = "ERR DB index is out of range";

    /// <summary>SETRANGE with a negative offset.</summary>
    public const string OffsetOutOfRange = "ERR offset is out of range";

    /// <summary>A string would grow past 512 MB.</summary>
    public const string StringTooLong = "ERR string exceeds maximum allowed size (proto-max-bulk-len)";

    /// <summary>LCS on a key that holds a non-string.</summary>
    public const string LcsNotStrings = "ERR The specified keys must contain string values";

    /// <summary>LCS whose dynamic-programming table would exceed 512 MB.</summary>
    public const string LcsTooLarge = "ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len";

    /// <summary>An invalid cursor passed to SCAN.</summary>
    public const string InvalidCursor = "ERR invalid cursor";

    /// <summary>EXPIRE with NX and another condition.</summary>
    public const string ExpireNxAndOthers = "ERR NX and XX, GT or LT options at the same time are not compatible";

    /// <summary>EXPIRE with both GT and LT.</summary>
    public const string ExpireGtAndLt = "ERR GT and LT options at the same time are not compatible";

    /// <summary>A pop count that is negative (LPOP/RPOP, SPOP, ZPOPMIN/ZPOPMAX).</summary>
    public const string MustBePositive = "ERR value is out of range, must be positive";

    /// <summary>LMPOP/BLMPOP/ZMPOP/BZMPOP with no keys.</summary>
    public const string NumKeysNotPositive = "ERR numkeys should be greater than 0";

    /// <summary>LMPOP/BLMPOP/ZMPOP/BZMPOP with a COUNT that is not positive.</summary>
    public const string CountNotPositive = "ERR count should be greater than 0";

    /// <summary>HRANDFIELD/SRANDMEMBER/ZRANDMEMBER with a count whose magnitude does not fit (<c>long.MinValue</c>).</summary>
    public const string RandomCountOutOfRange = "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807";

    /// <summary>HRANDFIELD/ZRANDMEMBER WITHVALUES/WITHSCORES with a count whose reply would not fit.</summary>
    public const string ValueOutOfRange = "ERR value is out of range";

    /// <summary>SINTERCARD/ZINTERCARD with a negative LIMIT.</summary>
    public const string LimitNegative = "ERR LIMIT can't be negative";

    /// <summary>A command called with too few (or a wrong number of) arguments, for example MGET with no key.</summary>
    /// <param name="command">The command's name in lower case.</param>
    /// <returns>The error text.</returns>
    public static string WrongArgumentCount(string command) => $"ERR wrong number of arguments for '{command}' command";

    /// <summary>A TTL or timestamp that is not positive or overflows, for the named command (<c>set</c>, <c>expire</c>, ...).</summary>
    /// <param name="command">The command's name in lower case.</param>
    /// <returns>The error text.</returns>
    public static string InvalidExpireTime(string command) => $"ERR invalid expire time in '{command}' command";
}
