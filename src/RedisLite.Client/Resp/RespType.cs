namespace RedisLite.Resp;

/// <summary>
/// The kind of a RESP value. RESP2 has the first five; RESP3 adds the rest. Each member's comment gives the byte that
/// starts the value on the wire.
/// </summary>
public enum RespType
{
    /// <summary>A simple (status) string, <c>+OK\r\n</c>.</summary>
    SimpleString = 1,

    /// <summary>A simple error, <c>-ERR message\r\n</c>.</summary>
    SimpleError = 2,

    /// <summary>A signed 64-bit integer, <c>:42\r\n</c>.</summary>
    Integer = 3,

    /// <summary>A binary-safe bulk string, <c>$5\r\nhello\r\n</c>; RESP2's null is <c>$-1\r\n</c>.</summary>
    BulkString = 4,

    /// <summary>An array of values, <c>*2\r\n...</c>; RESP2's null array is <c>*-1\r\n</c>.</summary>
    Array = 5,

    /// <summary>RESP3's null, <c>_\r\n</c>.</summary>
    Null = 6,

    /// <summary>A RESP3 boolean, <c>#t\r\n</c> or <c>#f\r\n</c>.</summary>
    Boolean = 7,

    /// <summary>A RESP3 double, <c>,1.5\r\n</c> (also <c>inf</c>, <c>-inf</c> and <c>nan</c>).</summary>
    Double = 8,

    /// <summary>A RESP3 integer of any size, sent as decimal text: <c>(12345678901234567890\r\n</c>.</summary>
    BigNumber = 9,

    /// <summary>A RESP3 binary-safe error, <c>!21\r\nSYNTAX invalid syntax\r\n</c>.</summary>
    BulkError = 10,

    /// <summary>A RESP3 bulk string with a three-character format, <c>=15\r\ntxt:Some string\r\n</c>.</summary>
    VerbatimString = 11,

    /// <summary>A RESP3 map: a count of pairs, then each key followed by its value, <c>%1\r\n...</c>.</summary>
    Map = 12,

    /// <summary>A RESP3 set (an unordered collection of distinct values), <c>~2\r\n...</c>.</summary>
    Set = 13,

    /// <summary>A RESP3 out-of-band push message (pub/sub, client-side caching invalidation), <c>&gt;3\r\n...</c>.</summary>
    Push = 14,

    /// <summary>RESP3 attributes: a map of metadata about the reply that follows it, <c>|1\r\n...</c>.</summary>
    Attribute = 15,
}
