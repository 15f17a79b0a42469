namespace RedisLite;

/// <summary>A member of a sorted set with its score, as <c>ZRANGE ... WITHSCORES</c>, <c>ZPOPMIN</c> and <c>ZSCAN</c> return them.</summary>
/// <param name="Element">The member (binary-safe).</param>
/// <param name="Score">The score: any double except NaN; <c>-0</c> is kept where Redis keeps it.</param>
public readonly record struct SortedSetEntry(RedisValue Element, double Score);
