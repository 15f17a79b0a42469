namespace RedisLite.Internal;

/// <summary>
/// Redis's SCAN cursor over a power-of-two bucket array: the bucket index is incremented from its high bit down, so
/// buckets already visited stay visited when the table doubles or halves between calls. That is what guarantees that
/// every element present for the whole scan is returned at least once.
/// </summary>
internal static class ReverseBinaryCursor
{
    /// <summary>The cursor after the bucket <c>cursor &amp; mask</c>, or 0 once the table has been covered.</summary>
    /// <param name="cursor">The current cursor.</param>
    /// <param name="mask">The bucket count minus one.</param>
    /// <returns>The next cursor.</returns>
    public static ulong Next(ulong cursor, ulong mask)
    {
        cursor |= ~mask;
        cursor = ReverseBits(cursor);
        cursor++;
        return ReverseBits(cursor);
    }

    private static ulong ReverseBits(ulong v)
    {
        v = ((v >> 1) & 0x5555555555555555UL) | ((v & 0x5555555555555555UL) << 1);
        v = ((v >> 2) & 0x3333333333333333UL) | ((v & 0x3333333333333333UL) << 2);
        v = ((v >> 4) & 0x0F0F0F0F0F0F0F0FUL) | ((v & 0x0F0F0F0F0F0F0F0FUL) << 4);
        return System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(v);
    }
}
