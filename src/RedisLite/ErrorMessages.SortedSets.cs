namespace RedisLite;

public static partial class ErrorMessages
{
    /// <summary>ZADD with both XX and NX.</summary>
    public const string ZAddXxAndNx = "ERR XX and NX options at the same time are not compatible";

    /// <summary>ZADD with GT and LT, or either with NX.</summary>
    public const string ZAddGtLtNx = "ERR GT, LT, and/or NX options at the same time are not compatible";

    /// <summary>ZADD INCR with more than one score/member pair.</summary>
    public const string ZAddIncrSinglePair = "ERR INCR option supports a single increment-element pair";

    /// <summary>An increment (ZINCRBY, ZADD INCR) whose result is NaN (<c>+inf</c> plus <c>-inf</c>).</summary>
    public const string ScoreNaN = "ERR resulting score is not a number (NaN)";

    /// <summary>A score range bound that is not a float (or is NaN).</summary>
    public const string MinMaxNotFloat = "ERR min or max is not a float";

    /// <summary>A lex range bound that does not start with <c>[</c>, <c>(</c>, or is not exactly <c>-</c> or <c>+</c>.</summary>
    public const string MinMaxNotLexItem = "ERR min or max not valid string range item";

    /// <summary>ZRANGE/ZRANGESTORE with LIMIT on a rank range.</summary>
    public const string LimitNeedsByScoreOrByLex = "ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX";

    /// <summary>ZRANGE BYLEX with WITHSCORES.</summary>
    public const string WithScoresNotWithByLex = "ERR syntax error, WITHSCORES not supported in combination with BYLEX";

    /// <summary>A WEIGHTS value that is not a float (or is NaN).</summary>
    public const string WeightNotFloat = "ERR weight value is not a float";

    /// <summary>ZUNION/ZINTER/ZDIFF(STORE)/ZINTERCARD with no input key.</summary>
    /// <param name="command">The command's name in lower case.</param>
    /// <returns>The error text.</returns>
    public static string ZAtLeastOneInputKey(string command) => $"ERR at least 1 input key is needed for '{command}' command";
}
