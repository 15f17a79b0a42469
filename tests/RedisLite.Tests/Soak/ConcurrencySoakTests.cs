using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace RedisLite.Tests.Soak;

/// <summary>
/// Several threads hammer one store with a mix of commands for a few seconds, checking atomicity as they go and
/// invariants at the end. Uses the real clock (and a fast active expiry cycle) but never sleeps.
/// </summary>
[Trait("Category", "Soak")]
public sealed class ConcurrencySoakTests(ITestOutputHelper output)
{
    private const int ThreadCount = 4;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(5);

    private static readonly RedisKey[] Counters = Enumerable.Range(0, 8).Select(i => (RedisKey)("soak:counter:" + i.ToString(CultureInfo.InvariantCulture))).ToArray();
    private static readonly RedisKey[] Group = Enumerable.Range(0, 5).Select(i => (RedisKey)("soak:group:" + i.ToString(CultureInfo.InvariantCulture))).ToArray();
    private static readonly RedisKey RenameA = "soak:rename:a";
    private static readonly RedisKey RenameB = "soak:rename:b";
    private static readonly RedisKey Mover = "soak:mover";
    private const string Payload = "the-renamed-payload";

    [Fact]
    public void Concurrent_mixed_workload_keeps_every_invariant()
    {
        using var store = new DataStore(
            new RedisLiteOptions { ActiveExpiry = true, ActiveExpiryInterval = TimeSpan.FromMilliseconds(5) },
            TimeProvider.System);
        var db1 = store.GetDatabase(1);

        store.StringSet(Group.Select(k => new KeyValuePair<RedisKey, RedisValue>(k, "initial")).ToArray());
        store.StringSet(Counters.Select(k => new KeyValuePair<RedisKey, RedisValue>(k, 0)).ToArray());
        store.StringSet(RenameA, Payload);
        store.StringSet(Mover, "mover");

        var incremented = new long[ThreadCount];
        var operations = new long[ThreadCount];
        long tornGroups = 0, renameAnomalies = 0, mgetChecks = 0, renames = 0, moves = 0, fullScans = 0;
        var failures = new ConcurrentQueue<string>();
        using var ready = new Barrier(ThreadCount);
        var clock = Stopwatch.StartNew();

        void Worker(int id)
        {
            var random = new Random(1000 + id);
            var seq = 0L;
            ready.SignalAndWait();
            while (clock.Elapsed < Duration && failures.IsEmpty)
            {
                operations[id]++;
                var op = random.Next(100);
                try
                {
                    if (op < 25)
                    {
                        // INCR / INCRBY / DECRBY on shared counters; the net sum is tallied per thread.
                        var key = Counters[random.Next(Counters.Length)];
                        switch (random.Next(3))
                        {
                            case 0: store.StringIncrement(key); incremented[id] += 1; break;
                            case 1: var by = random.Next(1, 5); store.StringIncrement(key, by); incremented[id] += by; break;
                            default: store.StringDecrement(key, 2); incremented[id] -= 2; break;
                        }
                    }
                    else if (op < 37)
                    {
                        // MSET the whole group to one value per call.
                        var value = (RedisValue)$"{id}:{seq++}";
                        store.StringSet(Group.Select(k => new KeyValuePair<RedisKey, RedisValue>(k, value)).ToArray());
                    }
                    else if (op < 52)
                    {
                        // MGET must never see a half-applied MSET.
                        var values = store.StringGet(Group);
                        Interlocked.Increment(ref mgetChecks);
                        if (values.Any(v => v.IsNull || v != values[0]))
                        {
                            Interlocked.Increment(ref tornGroups);
                            failures.Enqueue("torn MSET group: " + string.Join(", ", values.Select(v => v.ToString() ?? "(nil)")));
                        }
                    }
                    else if (op < 62)
                    {
                        // RENAME back and forth; a concurrent rename may have moved it first.
                        try
                        {
                            store.KeyRename(RenameA, RenameB);
                        }
                        catch (RedisException ex) when (ex.Message == ErrorMessages.NoSuchKey)
                        {
                            try
                            {
                                store.KeyRename(RenameB, RenameA);
                            }
                            catch (RedisException ex2) when (ex2.Message == ErrorMessages.NoSuchKey)
                            {
                                // Both names looked missing to this thread at different instants: fine, others are renaming.
                            }
                        }

                        Interlocked.Increment(ref renames);
                    }
                    else if (op < 74)
                    {
                        // Readers of the renamed key: exactly one name holds it at any instant.
                        var pair = store.StringGet([RenameA, RenameB]);
                        var present = pair.Count(v => !v.IsNull);
                        var exists = store.KeyExists([RenameA, RenameB]);
                        var single = random.Next(2) == 0 ? store.StringGet(RenameA) : store.StringGet(RenameB);
                        if (present != 1 || pair.Any(v => !v.IsNull && v != Payload) || exists != 1 || (!single.IsNull && single != Payload))
                        {
                            Interlocked.Increment(ref renameAnomalies);
                            failures.Enqueue($"rename anomaly: MGET saw {present} names, EXISTS counted {exists}");
                        }
                    }
                    else if (op < 79)
                    {
                        // MOVE one shared key between db 0 and db 1.
                        if (random.Next(2) == 0)
                        {
                            store.KeyMove(Mover, 1);
                        }
                        else
                        {
                            db1.KeyMove(Mover, 0);
                        }

                        Interlocked.Increment(ref moves);
                    }
                    else if (op < 98)
                    {
                        // Short-lived keys of this thread: SET with TTL, EXPIRE, PERSIST, DEL, GET, APPEND, COPY.
                        var key = (RedisKey)$"soak:tmp:{id}:{random.Next(64)}";
                        switch (random.Next(8))
                        {
                            case 0: store.StringSet(key, seq++, TimeSpan.FromMilliseconds(random.Next(1, 20))); break;
                            case 1: store.KeyExpire(key, TimeSpan.FromMilliseconds(random.Next(-5, 20))); break;
                            case 2: store.KeyPersist(key); break;
                            case 3: store.KeyDelete(key); break;
                            case 4: _ = store.StringGet(key); break;
                            case 5: store.StringAppend(key, "x"); break;
                            case 6: store.KeyCopy(key, $"soak:tmp:{id}:copy", destinationDatabase: random.Next(-1, 2), replace: true); break;
                            default: store.KeyDelete([key, (RedisKey)$"soak:tmp:{id}:{random.Next(64)}", (RedisKey)$"soak:tmp:{id}:copy"]); break;
                        }
                    }
                    else
                    {
                        // A full SCAN while everything churns: the counters and the group exist throughout.
                        var seen = new HashSet<RedisKey>();
                        ulong cursor = 0;
                        do
                        {
                            var page = store.KeyScan(cursor, count: 20);
                            seen.UnionWith(page.Keys);
                            cursor = page.Cursor;
                        }
                        while (cursor != 0);

                        Interlocked.Increment(ref fullScans);
                        var missing = Counters.Concat(Group).Where(k => !seen.Contains(k) && store.KeyExists(k)).ToList();
                        if (missing.Count > 0)
                        {
                            failures.Enqueue("SCAN missed stable keys: " + string.Join(", ", missing));
                        }
                    }
                }
                catch (Exception ex)
                {
                    failures.Enqueue($"thread {id}, op {op}: {ex.GetType().Name}: {ex.Message}");
                }
            }
        }

        var threads = Enumerable.Range(0, ThreadCount).Select(id => new Thread(() => Worker(id)) { IsBackground = true, Name = "soak-" + id.ToString(CultureInfo.InvariantCulture) }).ToArray();
        foreach (var t in threads)
        {
            t.Start();
        }

        foreach (var t in threads)
        {
            Assert.True(t.Join(Duration + TimeSpan.FromSeconds(60)), $"{t.Name} did not finish: deadlock or livelock?");
        }

        output.WriteLine($"operations per thread: {string.Join(", ", operations)}; MGET checks {mgetChecks}, renames {renames}, moves {moves}, full scans {fullScans}; net increments {incremented.Sum()}");
        Assert.True(failures.IsEmpty, string.Join("\n", failures.Take(20)));
        Assert.Equal(0, Interlocked.Read(ref tornGroups));
        Assert.Equal(0, Interlocked.Read(ref renameAnomalies));

        // Counters: the stored total equals the sum of the successful increments.
        var total = store.StringGet(Counters).Sum(v => (long)v);
        Assert.Equal(incremented.Sum(), total);

        // The group is consistent and the renamed key exists under exactly one name.
        var group = store.StringGet(Group);
        Assert.All(group, v => Assert.Equal(group[0], v));
        Assert.Equal(1, store.KeyExists([RenameA, RenameB]));
        var renamed = store.StringGet([RenameA, RenameB]).Single(v => !v.IsNull);
        Assert.Equal(Payload, renamed.ToString());
        Assert.Equal(1, (store.KeyExists(Mover) ? 1 : 0) + (db1.KeyExists(Mover) ? 1 : 0));

        // The work really happened, concurrently, in every thread.
        Assert.All(operations, n => Assert.True(n > 1000, $"a thread ran only {n} operations"));
        Assert.True(mgetChecks > 100 && renames > 100 && moves > 10 && fullScans > 0,
            $"too little work: mget {mgetChecks}, renames {renames}, moves {moves}, scans {fullScans}");
    }
}
