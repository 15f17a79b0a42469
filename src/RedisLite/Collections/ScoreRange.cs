namespace RedisLite.Collections;

/// <summary>A score range of a sorted set (<c>ZRANGEBYSCORE</c>, <c>ZCOUNT</c>, <c>ZREMRANGEBYSCORE</c>); each end inclusive
/// or exclusive (Redis's <c>(</c> prefix).</summary>
/// <param name="Min">The lower end.</param>
/// <param name="Max">The upper end.</param>
/// <param name="MinExclusive">Whether <paramref name="Min"/> itself is excluded.</param>
/// <param name="MaxExclusive">Whether <paramref name="Max"/> itself is excluded.</param>
internal readonly record struct ScoreRange(double Min, double Max, bool MinExclusive, bool MaxExclusive)
{
    /// <summary>Whether <paramref name="score"/> is at or after the start.</summary>
    public bool GteMin(double score) => MinExclusive ? score > Min : score >= Min;

    /// <summary>Whether <paramref name="score"/> is at or before the end.</summary>
    public bool LteMax(double score) => MaxExclusive ? score < Max : score <= Max;
}
