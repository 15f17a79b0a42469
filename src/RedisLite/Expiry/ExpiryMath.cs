namespace RedisLite.Expiry;

/// <summary>Conversions between Redis's millisecond expiry times and .NET's time types.</summary>
/// <remarks>Redis accepts expiry times up to <see cref="long.MaxValue"/> milliseconds, far past what
/// <see cref="DateTimeOffset"/> (year 9999) and <see cref="TimeSpan"/> can hold; such times are reported as those
/// types' largest values rather than failing.</remarks>
internal static class ExpiryMath
{
    private static readonly long MaxUnixMilliseconds = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    /// <summary>The remaining time to live of a key expiring at <paramref name="expireAtUnixMilliseconds"/>, seen at <paramref name="nowUnixMilliseconds"/>.</summary>
    /// <param name="expireAtUnixMilliseconds">The expiry time in Unix milliseconds.</param>
    /// <param name="nowUnixMilliseconds">The current time in Unix milliseconds.</param>
    /// <returns>The TTL (never negative), clamped to <see cref="TimeSpan.MaxValue"/>.</returns>
    public static TimeSpan TimeToLive(long expireAtUnixMilliseconds, long nowUnixMilliseconds)
    {
        var remaining = Math.Max(0, expireAtUnixMilliseconds - nowUnixMilliseconds);
        return remaining >= (long)TimeSpan.MaxValue.TotalMilliseconds ? TimeSpan.MaxValue : TimeSpan.FromMilliseconds(remaining);
    }

    /// <summary>The moment for a Unix-millisecond time, clamped to <see cref="DateTimeOffset.MaxValue"/>.</summary>
    /// <param name="unixMilliseconds">The time in Unix milliseconds.</param>
    /// <returns>The moment.</returns>
    public static DateTimeOffset ToDateTimeOffset(long unixMilliseconds) =>
        unixMilliseconds >= MaxUnixMilliseconds ? DateTimeOffset.MaxValue : DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds);
}
