namespace RedisLite;

/// <summary>How the bounds of a <c>ZRANGE</c>/<c>ZRANGESTORE</c> are read.</summary>
public enum SortedSetOrder
{
    /// <summary>The bounds are 0-based ranks, negative counting from the end (the default).</summary>
    ByRank = 0,

    /// <summary>The bounds are scores (<c>BYSCORE</c>).</summary>
    ByScore = 1,

    /// <summary>The bounds are members compared byte by byte (<c>BYLEX</c>); meaningful when all scores are equal.</summary>
    ByLex = 2,
}
