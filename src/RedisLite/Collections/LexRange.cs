namespace RedisLite.Collections;

/// <summary>
/// A lexicographical range of sorted-set members (<c>ZRANGEBYLEX</c>, <c>ZLEXCOUNT</c>, <c>ZREMRANGEBYLEX</c>): each end is
/// a member bound, inclusive (<c>[</c>) or exclusive (<c>(</c>), or unbounded (<c>-</c> for the start, <c>+</c> for
/// the end). Members compare as memcmp with a shorter prefix first, as Redis's sdscmplex.
/// </summary>
/// <param name="Min">The lower bound, or null for <c>-</c>.</param>
/// <param name="Max">The upper bound, or null for <c>+</c>.</param>
/// <param name="MinExclusive">Whether <paramref name="Min"/> is exclusive (ignored when it is null).</param>
/// <param name="MaxExclusive">Whether <paramref name="Max"/> is exclusive (ignored when it is null).</param>
internal readonly record struct LexRange(byte[]? Min, byte[]? Max, bool MinExclusive, bool MaxExclusive)
{
    /// <summary>Gets a value indicating whether no member can be in the range (min above max, or equal with an exclusive end).</summary>
    public bool IsEmpty
    {
        get
        {
            if (Min is null || Max is null)
            {
                return false;
            }

            var cmp = Min.AsSpan().SequenceCompareTo(Max);
            return cmp > 0 || (cmp == 0 && (MinExclusive || MaxExclusive));
        }
    }

    /// <summary>Whether <paramref name="member"/> is at or after the start.</summary>
    public bool GteMin(ReadOnlySpan<byte> member)
    {
        if (Min is null)
        {
            return true;
        }

        var cmp = member.SequenceCompareTo(Min);
        return MinExclusive ? cmp > 0 : cmp >= 0;
    }

    /// <summary>Whether <paramref name="member"/> is at or before the end.</summary>
    public bool LteMax(ReadOnlySpan<byte> member)
    {
        if (Max is null)
        {
            return true;
        }

        var cmp = member.SequenceCompareTo(Max);
        return MaxExclusive ? cmp < 0 : cmp <= 0;
    }
}
