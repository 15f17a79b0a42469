namespace RedisLite;

/// <summary>How <c>ZUNION</c> and <c>ZINTER</c> combine the (weighted) scores of a member found in several inputs.</summary>
public enum Aggregate
{
    /// <summary>Add them; <c>+inf</c> plus <c>-inf</c> counts as 0, as in Redis (<c>AGGREGATE SUM</c>, the default).</summary>
    Sum = 0,

    /// <summary>Keep the smallest (<c>AGGREGATE MIN</c>).</summary>
    Min = 1,

    /// <summary>Keep the largest (<c>AGGREGATE MAX</c>).</summary>
    Max = 2,
}
