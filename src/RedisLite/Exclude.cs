namespace RedisLite;

/// <summary>Which ends of a score or lexicographical range are exclusive (Redis's <c>(</c> prefix).</summary>
[Flags]
public enum Exclude
{
    /// <summary>Both ends are inclusive.</summary>
    None = 0,

    /// <summary>The lower end (<c>min</c>) is exclusive.</summary>
    Start = 1,

    /// <summary>The upper end (<c>max</c>) is exclusive.</summary>
    Stop = 2,

    /// <summary>Both ends are exclusive.</summary>
    Both = Start | Stop,
}
