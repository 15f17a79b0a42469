using RedisLite.Collections;
using RedisLite.Internal;
using RedisLite.Keyspace;

namespace RedisLite.Persistence;

/// <summary>
/// A consistent point-in-time copy of a store's keys, taken in a short pause and serialized afterwards without locks.
/// </summary>
/// <remarks>
/// The capture holds every shard of every database (the store-wide exclusive section of transactions) only while it
/// copies each shard's dense entry array (a memory copy) and deep-copies the collections, which change in place;
/// string payloads are immutable, so the copied references are enough. Arrays are sized before the pause from the
/// current counts, so the pause allocates nothing unless the store grew meanwhile.
/// </remarks>
internal sealed class SnapshotCapture
{
    private SnapshotCapture(long now, int databaseCount, Entry[][] entries, int[] counts, TimeSpan pause)
    {
        Now = now;
        DatabaseCount = databaseCount;
        Entries = entries;
        Counts = counts;
        Pause = pause;
    }

    /// <summary>Gets the store's time at the capture, in Unix milliseconds (keys expired by then are left out).</summary>
    public long Now { get; }

    /// <summary>Gets the number of databases of the store.</summary>
    public int DatabaseCount { get; }

    /// <summary>Gets the captured entries per database (valid in <c>[0, Counts[db])</c>).</summary>
    public Entry[][] Entries { get; }

    /// <summary>Gets the number of captured entries per database.</summary>
    public int[] Counts { get; }

    /// <summary>Gets how long the store was held (writers and readers paused).</summary>
    public TimeSpan Pause { get; }

    /// <summary>Captures <paramref name="core"/>.</summary>
    /// <param name="core">The store.</param>
    /// <param name="atCapture">Run inside the pause, at the captured instant (a log rewrite switches the log's file
    /// there, so the capture and the new file's records meet exactly).</param>
    public static SnapshotCapture Take(StoreCore core, Action? atCapture = null)
    {
        var databases = core.Databases;

        // The previous save's arrays, if no other save holds them: allocating 32 bytes per key anew on every save puts
        // that much on the large object heap each time, and the full collections it triggers stall writers far longer
        // than the capture itself.
        var entries = Interlocked.Exchange(ref core.SnapshotBuffers, null) is { } cached && cached.Length == databases.Length
            ? cached
            : new Entry[databases.Length][];
        var counts = new int[databases.Length];
        for (var d = 0; d < databases.Length; d++)
        {
            long total = 0;
            foreach (var shard in databases[d].Shards)
            {
                total += shard.Count;
            }

            if (entries[d] is { } reused && reused.Length >= total && (total != 0 || reused.Length == 0))
            {
                continue;
            }

            entries[d] = total == 0 ? [] : new Entry[total + Math.Max(16, total / 8)];

            // Fresh memory from the OS is mapped on first write: touch every page now, not during the pause.
            var span = entries[d].AsSpan();
            for (var i = 0; i < span.Length; i += 64)
            {
                span[i].HashCode = 1;
            }
        }

        long now;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        core.EnterExclusive();
        try
        {
            now = core.NowMilliseconds();
            for (var d = 0; d < databases.Length; d++)
            {
                var shards = databases[d].Shards;
                var total = 0;
                foreach (var shard in shards)
                {
                    total += shard.Count;
                }

                if (total > entries[d].Length)
                {
                    entries[d] = new Entry[total];
                }

                var target = entries[d];
                var at = 0;
                foreach (var shard in shards)
                {
                    var count = shard.Count;
                    shard.CopyEntriesTo(target.AsSpan(at));

                    // Collections change in place: copy them now. Strings are immutable; shards without collections
                    // (counted by the shard) are not even looked through.
                    if (shard.CollectionCount != 0)
                    {
                        foreach (ref var entry in target.AsSpan(at, count))
                        {
                            if (!FastCast.IsBytes(entry.Value, out _))
                            {
                                var collection = (CollectionValue)entry.Value!;
                                entry.Value = collection.CopyTo(collection.Key);
                            }
                        }
                    }

                    at += count;
                }

                counts[d] = at;
            }

            atCapture?.Invoke();
        }
        finally
        {
            core.ExitExclusive();
        }

        var pause = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        return new SnapshotCapture(now, databases.Length, entries, counts, pause);
    }

    /// <summary>Hands the arrays back to <paramref name="core"/> for the next save, cleared so that they keep no value
    /// alive (a deleted key's value must be collectable). Call once the capture has been serialized.</summary>
    public void Release(StoreCore core)
    {
        for (var d = 0; d < Entries.Length; d++)
        {
            Array.Clear(Entries[d], 0, Counts[d]);
        }

        Volatile.Write(ref core.SnapshotBuffers, Entries);
    }
}
