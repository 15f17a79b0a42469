namespace RedisLite;

public static partial class ErrorMessages
{
    /// <summary>LSET at an index outside the list.</summary>
    public const string IndexOutOfRange = "ERR index out of range";

    /// <summary>LPOS with RANK 0.</summary>
    public const string RankZero = "ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list";

    /// <summary>LPOS with a negative COUNT.</summary>
    public const string CountNegative = "ERR COUNT can't be negative";

    /// <summary>LPOS with a negative MAXLEN.</summary>
    public const string MaxLenNegative = "ERR MAXLEN can't be negative";

    /// <summary>A blocking command with a negative timeout.</summary>
    public const string TimeoutNegative = "ERR timeout is negative";
}
