using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RedisLite.Diagnostics;

/// <summary>
/// The store-wide counters that every operation bumps (commands, keyspace hits and misses). They are striped by
/// processor: each stripe sits on its own cache line, so threads on different cores never contend for one counter
/// line (a single shared counter would turn every GET into a cross-core cache-line transfer). Reads sum the stripes;
/// increments are atomic, so totals are exact.
/// </summary>
internal sealed class StoreCounters
{
    private readonly Stripe[] _stripes;
    private readonly int _mask;

    public StoreCounters()
    {
        var count = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Clamp(Environment.ProcessorCount, 1, 256));
        _stripes = new Stripe[count];
        _mask = count - 1;
    }

    /// <summary>Counts one command (an operation on the store).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Command() => Interlocked.Increment(ref Local().Commands);

    /// <summary>Counts one command that read a key: a hit if it existed, else a miss (Redis's keyspace_hits/misses).</summary>
    /// <param name="hit">Whether the key existed.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void CommandWithLookup(bool hit)
    {
        ref var stripe = ref Local();
        Interlocked.Increment(ref stripe.Commands);
        Interlocked.Increment(ref hit ? ref stripe.Hits : ref stripe.Misses);
    }

    /// <summary>Counts key lookups without a command (the extra keys of a multi-key read such as MGET).</summary>
    /// <param name="hits">The keys found.</param>
    /// <param name="misses">The keys not found.</param>
    public void Lookups(long hits, long misses)
    {
        ref var stripe = ref Local();
        if (hits != 0)
        {
            Interlocked.Add(ref stripe.Hits, hits);
        }

        if (misses != 0)
        {
            Interlocked.Add(ref stripe.Misses, misses);
        }
    }

    /// <summary>Gets the commands counted so far.</summary>
    public long Commands => Sum(static (in Stripe s) => Volatile.Read(in s.Commands));

    /// <summary>Gets the key lookups that found their key.</summary>
    public long Hits => Sum(static (in Stripe s) => Volatile.Read(in s.Hits));

    /// <summary>Gets the key lookups that did not find their key.</summary>
    public long Misses => Sum(static (in Stripe s) => Volatile.Read(in s.Misses));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref Stripe Local() =>
        ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_stripes), Thread.GetCurrentProcessorId() & _mask);

    private delegate long Field(in Stripe stripe);

    private long Sum(Field field)
    {
        long total = 0;
        foreach (ref readonly var stripe in _stripes.AsSpan())
        {
            total += field(in stripe);
        }

        return total;
    }

    // 64 bytes apart on both sides: the leading padding keeps a stripe off the array header's and the previous
    // stripe's line, whatever the array's alignment.
    [StructLayout(LayoutKind.Explicit, Size = 128)]
    private struct Stripe
    {
        [FieldOffset(64)]
        public long Commands;

        [FieldOffset(72)]
        public long Hits;

        [FieldOffset(80)]
        public long Misses;
    }
}
