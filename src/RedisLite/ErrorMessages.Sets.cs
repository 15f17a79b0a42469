namespace RedisLite;

public static partial class ErrorMessages
{
    /// <summary>SPOP with a negative count (Redis's reply for any count outside 0..LONG_MAX).</summary>
    public const string SetPopCountOutOfRange = "ERR value is out of range, must be positive";

    /// <summary>SRANDMEMBER with the one count whose magnitude does not fit a signed 64-bit integer.</summary>
    public const string SetRandomCountOutOfRange = "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807";

    /// <summary>SINTERCARD with a negative LIMIT.</summary>
    public const string SetIntersectionLimitNegative = "ERR LIMIT can't be negative";
}
