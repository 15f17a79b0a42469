using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RedisLite.Diagnostics;

/// <summary>
/// The store-wide counters that every operation bumps (commands, keyspace hits and misses). Each thread counts in a
/// block of its own with plain increments: no atomic instruction and no shared cache line on the hot path (an
/// interlocked add costs about as much as a whole GET's hash probe). Reads sum the blocks plus what threads that have
/// ended counted; a thread is the only writer of its block and 64-bit reads are atomic in 64-bit processes, so
/// totals are exact once the writers' increments are visible.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The ThreadLocal must outlive Dispose of the store; see _blocks.")]
internal sealed class StoreCounters
{
    // The last store this thread counted for, and its block there: one comparison on the hot path. A thread that
    // alternates between stores falls back to the ThreadLocal, which is slower but still exact.
    [ThreadStatic]
    private static StoreCounters? t_owner;

    [ThreadStatic]
    private static Block? t_block;

    // Not disposed with the store: a store stays usable after Dispose (which only stops background work), and the
    // finalizer of an unreachable ThreadLocal frees its slots.
    private readonly ThreadLocal<Block> _blocks;
    private readonly List<Block> _all = [];
    private long _retiredCommands;
    private long _retiredHits;
    private long _retiredMisses;
    private int _retireAt = 64;

    public StoreCounters() => _blocks = new ThreadLocal<Block>(Register);

    /// <summary>Counts one command (an operation on the store).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Command() => Local().Commands++;

    /// <summary>Counts one command that read a key: a hit if it existed, else a miss (Redis's keyspace_hits/misses).</summary>
    /// <param name="hit">Whether the key existed.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void CommandWithLookup(bool hit)
    {
        var block = Local();
        block.Commands++;
        if (hit)
        {
            block.Hits++;
        }
        else
        {
            block.Misses++;
        }
    }

    /// <summary>Counts key lookups without a command (the keys of a multi-key read such as MGET).</summary>
    /// <param name="hits">The keys found.</param>
    /// <param name="misses">The keys not found.</param>
    public void Lookups(long hits, long misses)
    {
        var block = Local();
        block.Hits += hits;
        block.Misses += misses;
    }

    /// <summary>Gets the number of live threads' blocks (tests).</summary>
    internal int BlockCount
    {
        get
        {
            lock (_all)
            {
                return _all.Count;
            }
        }
    }

    /// <summary>Sums every block, folding the blocks of threads that have ended into the retired totals first.</summary>
    public (long Commands, long Hits, long Misses) Totals()
    {
        lock (_all)
        {
            Retire();
            var (commands, hits, misses) = (_retiredCommands, _retiredHits, _retiredMisses);
            foreach (var block in _all)
            {
                commands += Volatile.Read(ref block.Commands);
                hits += Volatile.Read(ref block.Hits);
                misses += Volatile.Read(ref block.Misses);
            }

            return (commands, hits, misses);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Block Local() => ReferenceEquals(t_owner, this) ? t_block! : LocalSlow();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private Block LocalSlow()
    {
        var block = _blocks.Value!;
        t_owner = this;
        t_block = block;
        return block;
    }

    private Block Register()
    {
        var block = new Block { Owner = Thread.CurrentThread };
        lock (_all)
        {
            // Threads come and go (the thread pool retires idle ones): without folding, the list would grow forever.
            if (_all.Count >= _retireAt)
            {
                Retire();
                _retireAt = Math.Max(64, _all.Count * 2);
            }

            _all.Add(block);
        }

        return block;
    }

    /// <summary>Moves the counts of threads that have ended into the retired totals and drops their blocks (an ended
    /// thread writes no more, and its writes are visible once it is seen ended). Caller holds <c>_all</c>.</summary>
    private void Retire()
    {
        for (var i = _all.Count - 1; i >= 0; i--)
        {
            var block = _all[i];
            if (block.Owner is { IsAlive: false })
            {
                _retiredCommands += block.Commands;
                _retiredHits += block.Hits;
                _retiredMisses += block.Misses;
                _all[i] = _all[^1];
                _all.RemoveAt(_all.Count - 1);
            }
        }
    }

    // Padded on both sides so that two threads' blocks, allocated next to each other, never share a cache line.
    [StructLayout(LayoutKind.Sequential)]
    private sealed class Block
    {
#pragma warning disable CS0169, IDE0051 // padding only
        private readonly long _p0, _p1, _p2, _p3, _p4, _p5, _p6, _p7;
#pragma warning restore CS0169, IDE0051
        public Thread? Owner;
        public long Commands;
        public long Hits;
        public long Misses;
#pragma warning disable CS0169, IDE0051
        private readonly long _q0, _q1, _q2, _q3, _q4, _q5, _q6, _q7;
#pragma warning restore CS0169, IDE0051
    }
}
