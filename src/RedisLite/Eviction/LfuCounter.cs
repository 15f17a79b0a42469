namespace RedisLite.Eviction;

/// <summary>
/// Redis's LFU access counter, packed into an entry's access stamp when the store runs an LFU policy: the high 16
/// bits of the low 24 are the time of the last decrement in minutes (wrapping at 65,536), the low 8 bits a
/// logarithmic counter that new keys start at 5 (<c>LFU_INIT_VAL</c>).
/// </summary>
/// <remarks>
/// <para>On each access the counter first decays by one per <see cref="RedisLiteOptions.LfuDecayTime"/> elapsed
/// since its last decrement, then grows by one with probability <c>1 / ((counter - 5) * lfu-log-factor + 1)</c>, so it
/// saturates at 255 only after about a million hits with the default factor of 10. Times come from the store's access
/// clock (tenths of a second), so tests drive them with a fake time provider.</para>
/// </remarks>
internal sealed class LfuCounter(int logFactor, int decayMinutes)
{
    /// <summary>The counter of a new key (Redis's <c>LFU_INIT_VAL</c>).</summary>
    public const int InitialValue = 5;

    /// <summary>The access clock ticks per minute (it counts tenths of a second).</summary>
    private const int ClockPerMinute = 600;

    /// <summary>The stamp of a key created at access clock <paramref name="clock"/>.</summary>
    /// <param name="clock">The store's access clock.</param>
    /// <returns>The stamp.</returns>
    public static int New(int clock) => (Minutes(clock) << 8) | InitialValue;

    /// <summary>The stamp after one access at <paramref name="clock"/> (Redis's <c>updateLFU</c>).</summary>
    /// <param name="stamp">The stamp before.</param>
    /// <param name="clock">The store's access clock.</param>
    /// <returns>The stamp after.</returns>
    public int Touch(int stamp, int clock)
    {
        var counter = Decayed(stamp, clock);
        if (counter < 255)
        {
            var baseValue = Math.Max(0, counter - InitialValue);
            var p = 1.0 / ((baseValue * (double)logFactor) + 1);
            if (Random.Shared.NextDouble() < p)
            {
                counter++;
            }
        }

        return (Minutes(clock) << 8) | counter;
    }

    /// <summary>The counter as of <paramref name="clock"/>, decayed by the periods elapsed since its last decrement
    /// (Redis's <c>LFUDecrAndReturn</c>, what <c>OBJECT FREQ</c> reports); the stamp itself is left as it is.</summary>
    /// <param name="stamp">The stamp.</param>
    /// <param name="clock">The store's access clock.</param>
    /// <returns>The counter, 0 to 255.</returns>
    public int Decayed(int stamp, int clock)
    {
        var counter = stamp & 0xFF;
        if (decayMinutes == 0)
        {
            return counter;
        }

        var last = (stamp >> 8) & 0xFFFF;
        var now = Minutes(clock);
        var elapsed = now >= last ? now - last : 65535 - last + now;
        var periods = elapsed / decayMinutes;
        return periods >= counter ? 0 : counter - periods;
    }

    private static int Minutes(int clock) => (clock / ClockPerMinute) & 0xFFFF;
}
