namespace RedisLite;

/// <summary>How several sets or sorted sets combine (<c>SUNION</c>/<c>SINTER</c>/<c>SDIFF</c>, <c>ZUNION</c>/<c>ZINTER</c>/<c>ZDIFF</c>).</summary>
public enum SetOperation
{
    /// <summary>Every element of any input (<c>SUNION</c>, <c>ZUNION</c>).</summary>
    Union = 0,

    /// <summary>The elements of every input (<c>SINTER</c>, <c>ZINTER</c>).</summary>
    Intersect = 1,

    /// <summary>The elements of the first input that are in no other (<c>SDIFF</c>, <c>ZDIFF</c>).</summary>
    Difference = 2,
}
