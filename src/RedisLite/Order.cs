namespace RedisLite;

/// <summary>The direction of a sorted-set range, rank or pop.</summary>
public enum Order
{
    /// <summary>Lowest score first (<c>ZRANGE</c>, <c>ZRANK</c>, <c>ZPOPMIN</c>, <c>MIN</c>).</summary>
    Ascending = 0,

    /// <summary>Highest score first (<c>REV</c>, <c>ZREVRANK</c>, <c>ZPOPMAX</c>, <c>MAX</c>).</summary>
    Descending = 1,
}
