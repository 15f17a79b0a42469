using RedisLite.Persistence;
using RedisLite.Tests.Infrastructure;

namespace RedisLite.Tests.Persistence;

/// <summary>Every sorted-set write, logged and replayed into a new store, gives the same members with the same score
/// bits (-0, infinities, encodings that keep or drop a -0 sign), including the blocking pops served by another
/// command's write; no-op writes record nothing, and each command is one record.</summary>
public sealed class LogSortedSetReplayTests
{
    private static readonly TimeSpan Forever = TimeSpan.Zero;

    private static SortedSetEntry E(RedisValue member, double score) => new(member, score);

    /// <summary>Runs <paramref name="write"/> with a log attached, replays the log into a new store, checks both stores
    /// are equal, and returns the logged records as <see cref="LogRecords"/> text.</summary>
    private static List<string> Replays(Action<TestStore> write) =>
        ReplaysAsync(t =>
        {
            write(t);
            return Task.CompletedTask;
        }).GetAwaiter().GetResult();

    /// <summary>As <see cref="Replays"/>, for writes that await blocked calls.</summary>
    private static async Task<List<string>> ReplaysAsync(Func<TestStore, Task> write)
    {
        using var dir = new LogHarness.TempDirectory();
        using var t = new TestStore();
        var path = dir.File("log.rll");
        LogHarness.Attach(t.Store, path);
        await write(t);
        LogHarness.Detach(t.Store);
        using var restored = LogHarness.Replay(path, t.Clock, out var count);
        Assert.Equal(SnapshotDump.Of(t.Store), SnapshotDump.Of(restored));
        var records = LogRecords.Read(path);
        Assert.Equal(count, records.Count);
        return records;
    }

    /// <summary>The operation codes, one record per line.</summary>
    private static string Codes(List<string> records) =>
        string.Join("\n", records.Select(r => string.Join(" ", r.Split(" | ").Select(op => op.Split(' ')[0]))));

    /// <summary>A double as <see cref="LogRecords"/> prints it.</summary>
    private static string R(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Zadd_with_every_flag_records_only_what_it_changed()
    {
        var records = Replays(t =>
        {
            var d = t.Store;
            Assert.Equal(3, d.SortedSetAdd("z", [E("a", 1), E("b", 2), E("c", 3)]));
            Assert.Equal(1, d.SortedSetAdd("z", [E("a", 5), E("d", 4)], SortedSetWhen.NotExists));
            Assert.Equal(0, d.SortedSetAdd("z", [E("a", 6), E("x", 4)], SortedSetWhen.Exists));
            Assert.Equal(1, d.SortedSetAdd("z", [E("b", 1), E("c", 9)], SortedSetWhen.GreaterThan, returnChanged: true));
            Assert.Equal(1, d.SortedSetAdd("z", [E("b", 0), E("c", 10), E("e", 7)], SortedSetWhen.LessThan));
            Assert.Equal(2, d.SortedSetAdd("z", [E("a", 6), E("a", 7), E("f", 1), E("f", 1)], SortedSetWhen.Always, returnChanged: true));
            Assert.True(d.SortedSetAdd("z", "g", 8, SortedSetWhen.NotExists));
            Assert.False(d.SortedSetAdd("z", "g", 9, SortedSetWhen.NotExists));
            Assert.True(d.SortedSetAdd("z", "g", 10, SortedSetWhen.Exists | SortedSetWhen.GreaterThan, returnChanged: true));

            // No-ops: nothing recorded.
            d.SortedSetAdd("z", [E("a", 7), E("b", 0)]);
            d.SortedSetAdd("z", "g", 3, SortedSetWhen.GreaterThan);
            d.SortedSetAdd("missing", "m", 1, SortedSetWhen.Exists);
            d.SortedSetAdd("missing", [E("m", 1)], SortedSetWhen.Exists);
        });

        Assert.Equal(8, records.Count);
        Assert.All(records, r => Assert.StartsWith("SortedSetAdd 0 z ", r, StringComparison.Ordinal));

        // ZADD GT with b skipped and c raised records c alone.
        Assert.Equal("SortedSetAdd 0 z a 6", records[2]);
        Assert.Equal("SortedSetAdd 0 z c 9", records[3]);
        Assert.Equal("SortedSetAdd 0 z b 0 e 7", records[4]);
        Assert.Equal("SortedSetAdd 0 z a 7 f 1", records[5]);
    }

    [Fact]
    public void Increments_record_the_resulting_score()
    {
        var records = Replays(t =>
        {
            var d = t.Store;
            Assert.Equal(0.1, d.SortedSetIncrement("z", "m", 0.1));
            Assert.Equal(0.1 + 0.2, d.SortedSetIncrement("z", "m", 0.2));
            Assert.Equal(double.PositiveInfinity, d.SortedSetIncrement("z", "inf", double.PositiveInfinity));
            RedisAssert.Throws(ErrorMessages.ScoreNaN, () => d.SortedSetIncrement("z", "inf", double.NegativeInfinity));
            Assert.Null(d.SortedSetIncrement("z", "m", 5, SortedSetWhen.NotExists));
            Assert.Null(d.SortedSetIncrement("z", "m", -5, SortedSetWhen.GreaterThan));
            Assert.Equal(0.1 + 0.2 + 1, d.SortedSetIncrement("z", "m", 1, SortedSetWhen.GreaterThan | SortedSetWhen.Exists));
            Assert.Null(d.SortedSetIncrement("z", "new", 1, SortedSetWhen.Exists));
            Assert.Equal(2.5, d.SortedSetIncrement("z", "new", 2.5, SortedSetWhen.NotExists));
            d.SortedSetIncrement("z", "m", 0); // unchanged: nothing recorded
        });

        Assert.Equal(5, records.Count);
        Assert.Equal($"SortedSetAdd 0 z m {R(0.1 + 0.2)}", records[1]);
        Assert.Equal($"SortedSetAdd 0 z m {R(0.1 + 0.2 + 1)}", records[3]);
    }

    [Fact]
    public void Signed_zeros_and_infinities_keep_their_bits_in_both_encodings()
    {
        Replays(t =>
        {
            var d = t.Store;

            // Compact: a -0 is stored as 0; an update from 0 to -0 changes nothing.
            d.SortedSetAdd("small", [E("neg0", -0.0), E("ninf", double.NegativeInfinity), E("pinf", double.PositiveInfinity), E("zero", 0.0)]);
            d.SortedSetAdd("small", "zero", -0.0);
            d.SortedSetIncrement("small", "inc", -0.0);

            // Big: the sign is kept.
            d.SortedSetAdd("big", Enumerable.Range(0, 200).Select(i => E("m" + i, i % 3 == 0 ? -0.0 : i % 3 == 1 ? double.NegativeInfinity : double.PositiveInfinity)).ToArray());
            d.SortedSetAdd("big", "late", -0.0);
            d.SortedSetIncrement("big", "late2", -0.0);
            d.SortedSetAdd("big", "m1", 5);
            d.SortedSetAdd("big", "m1", -0.0);

            // Compact until a long member converts it: members added before keep 0, after keep -0.
            d.SortedSetAdd("grow", [E("a", -0.0), E(new string('L', 100), 1), E("b", -0.0)]);
        });
    }

    [Fact]
    public void Removals_record_the_members_removed_and_an_emptied_set_is_gone_after_replay()
    {
        var records = Replays(t =>
        {
            var d = t.Store;
            d.SortedSetAdd("z", [E("a", 1), E("b", 2), E("c", 3), E("d", 4)]);
            Assert.True(d.SortedSetRemove("z", "a"));
            Assert.False(d.SortedSetRemove("z", "a"));
            Assert.Equal(2, d.SortedSetRemove("z", ["b", "x", "c", "b"]));
            Assert.Equal(0, d.SortedSetRemove("z", ["x", "y"]));
            Assert.Equal(0, d.SortedSetRemove("none", ["x"]));
            Assert.Equal(1, d.SortedSetRemove("z", ["d", "e"]));
            Assert.False(d.KeyExists("z"));
        });

        Assert.Equal("SortedSetAdd\nSortedSetRemove\nSortedSetRemove\nSortedSetRemove", Codes(records));
        Assert.Equal("SortedSetRemove 0 z b c", records[2]);
        Assert.Equal("SortedSetRemove 0 z d", records[3]);
    }

    [Fact]
    public void Range_removals_record_the_ranks_removed()
    {
        var records = Replays(t =>
        {
            var d = t.Store;
            d.SortedSetAdd("z", Enumerable.Range(0, 20).Select(i => E("m" + (char)('a' + i), i)).ToArray());
            Assert.Equal(2, d.SortedSetRemoveRangeByRank("z", -2, -1));
            Assert.Equal(0, d.SortedSetRemoveRangeByRank("z", 30, 40));
            Assert.Equal(3, d.SortedSetRemoveRangeByScore("z", 2, 5, Exclude.Start));
            Assert.Equal(0, d.SortedSetRemoveRangeByScore("z", 100, double.PositiveInfinity));
            Assert.Equal(2, d.SortedSetRemoveRangeByValue("z", "mk", "mm", Exclude.Stop));
            Assert.Equal(0, d.SortedSetRemoveRangeByValue("none", "a", "b"));

            d.SortedSetAdd("same", [E("c", 0), E("a", 0), E("b", 0)]);
            Assert.Equal(3, d.SortedSetRemoveRangeByValue("same", default, default));
            Assert.False(d.KeyExists("same"));
            d.SortedSetAdd("inf", [E("a", double.NegativeInfinity), E("b", -0.0), E("c", double.PositiveInfinity)]);
            Assert.Equal(2, d.SortedSetRemoveRangeByScore("inf", double.NegativeInfinity, 0));
        });

        Assert.Equal("SortedSetRemoveRange 0 z 18 19", records[1]);
        Assert.Equal("SortedSetRemoveRange 0 z 3 5", records[2]);
        Assert.Equal("SortedSetRemoveRange 0 z 7 8", records[3]);
    }

    [Fact]
    public void Pops_and_multi_key_pops_record_the_ranks_they_took()
    {
        var records = Replays(t =>
        {
            var d = t.Store;
            d.SortedSetAdd("z", Enumerable.Range(0, 10).Select(i => E("m" + i, i)).ToArray());
            Assert.Equal("m0", (string?)d.SortedSetPop("z")!.Value.Element);
            Assert.Equal("m9", (string?)d.SortedSetPop("z", Order.Descending)!.Value.Element);
            Assert.Equal(3, d.SortedSetPop("z", 3, Order.Descending).Length);
            Assert.Empty(d.SortedSetPop("z", 0L));
            Assert.Null(d.SortedSetPop("none"));
            Assert.Equal("z", d.SortedSetPop(["none", "z"], 2)!.Key.ToString());
            Assert.Null(d.SortedSetPop(["none", "none2"], 2));
            Assert.Equal(3, d.SortedSetPop(["z"], 100, Order.Descending)!.Entries.Length);
            Assert.False(d.KeyExists("z"));
        });

        Assert.Equal("SortedSetAdd\nSortedSetRemoveRange\nSortedSetRemoveRange\nSortedSetRemoveRange\nSortedSetRemoveRange\nSortedSetRemoveRange", Codes(records));
        Assert.Equal("SortedSetRemoveRange 0 z 0 0", records[1]);
        Assert.Equal("SortedSetRemoveRange 0 z 8 8", records[2]);
        Assert.Equal("SortedSetRemoveRange 0 z 5 7", records[3]);
        Assert.Equal("SortedSetRemoveRange 0 z 0 1", records[4]);
        Assert.Equal("SortedSetRemoveRange 0 z 0 2", records[5]);
    }

    [Fact]
    public void Range_store_replays_every_form_as_a_run_of_the_source()
    {
        var records = Replays(t =>
        {
            var d = t.Store;
            d.SortedSetAdd("src", Enumerable.Range(0, 20).Select(i => E("m" + (char)('a' + i), i / 2)).ToArray());
            Assert.Equal(5, d.SortedSetRangeAndStore("src", "r1", 2, 6));
            Assert.Equal(3, d.SortedSetRangeAndStore("src", "r2", 0, 2, order: Order.Descending));
            Assert.Equal(6, d.SortedSetRangeAndStore("src", "r3", 3, 6, SortedSetOrder.ByScore, Exclude.Stop));
            Assert.Equal(2, d.SortedSetRangeAndStore("src", "r4", 2, 8, SortedSetOrder.ByScore, order: Order.Descending, skip: 3, take: 2));
            Assert.Equal(3, d.SortedSetRangeAndStore("src", "r5", "mc", "mz", SortedSetOrder.ByLex, Exclude.Start, Order.Ascending, skip: 1, take: 3));
            Assert.Equal(2, d.SortedSetRangeAndStore("src", "r6", "md", "mk", SortedSetOrder.ByLex, order: Order.Descending, take: 2));

            // Replacing another type, emptying the destination, storing onto the source itself.
            d.StringSet("r7", "string");
            Assert.Equal(1, d.SortedSetRangeAndStore("src", "r7", 0, 0));
            Assert.Equal(0, d.SortedSetRangeAndStore("src", "r1", 50, 60));
            Assert.Equal(0, d.SortedSetRangeAndStore("src", "never", 50, 60));
            Assert.Equal(0, d.SortedSetRangeAndStore("none", "r2", 0, -1));
            Assert.Equal(4, d.SortedSetRangeAndStore("src", "src", 1, 4));
            Assert.False(d.KeyExists("r1"));
        });

        Assert.Equal("SortedSetRangeStore 0 src r1 2 5 0 0", records[1]);
        Assert.Equal("SortedSetRangeStore 0 src r2 19 3 1 0", records[2]);
        Assert.Equal("SortedSetRangeStore 0 src r7 0 1 0 0", records[8]);
        Assert.Equal("Delete 0 r1", records[9]);
        Assert.Equal("Delete 0 r2", records[10]);
        Assert.Equal(12, records.Count);
    }

    [Fact]
    public void Range_store_of_a_big_source_keeps_the_signs_the_walk_order_gives()
    {
        Replays(t =>
        {
            var d = t.Store;

            // The source is big, so it keeps -0 signs; what the destination keeps depends on which members it held
            // while compact, which depends on the direction and the form (a rank range over 128 starts big).
            d.SortedSetAdd("src", Enumerable.Range(0, 300).Select(i => E("m" + i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture), i % 2 == 0 ? -0.0 : 0.0)).ToArray());
            d.SortedSetRangeAndStore("src", "rank", 0, 199);
            d.SortedSetRangeAndStore("src", "rank-rev", 0, 199, order: Order.Descending);
            d.SortedSetRangeAndStore("src", "score", 0, 0, SortedSetOrder.ByScore, skip: 10, take: 200);
            d.SortedSetRangeAndStore("src", "score-rev", 0, 0, SortedSetOrder.ByScore, order: Order.Descending, take: 250);
            d.SortedSetRangeAndStore("src", "lex", "m050", "m290", SortedSetOrder.ByLex, take: -1);
            d.SortedSetRangeAndStore("src", "lex-rev", "m050", "m290", SortedSetOrder.ByLex, order: Order.Descending);
            d.SortedSetRangeAndStore("src", "small", 0, 9);
        });
    }

    [Fact]
    public void Combine_stores_replay_with_weights_and_aggregates()
    {
        var records = Replays(t =>
        {
            var d = t.Store;
            d.SortedSetAdd("a", [E("x", 1), E("y", 2), E("z", double.PositiveInfinity), E("w", -0.0)]);
            d.SortedSetAdd("b", [E("x", 0.1), E("y", double.NegativeInfinity), E("v", 3)]);
            Assert.Equal(5, d.SortedSetCombineAndStore(SetOperation.Union, "u", ["a", "b"]));
            Assert.Equal(5, d.SortedSetCombineAndStore(SetOperation.Union, "uw", ["a", "b", "none"], [0.2, double.PositiveInfinity, 1], Aggregate.Max));
            Assert.Equal(2, d.SortedSetCombineAndStore(SetOperation.Intersect, "i", ["a", "b"], [-1, 0], Aggregate.Min));
            Assert.Equal(2, d.SortedSetCombineAndStore(SetOperation.Difference, "df", ["a", "b"]));
            Assert.Equal(5, d.SortedSetCombineAndStore(SetOperation.Union, "a", ["a", "b", "u"], [1, 1, 0.5]));

            // An empty result deletes the destination (logged as DEL); with no destination it records nothing.
            Assert.Equal(0, d.SortedSetCombineAndStore(SetOperation.Intersect, "u", ["a", "none"]));
            Assert.Equal(0, d.SortedSetCombineAndStore(SetOperation.Difference, "nothing", ["none"]));
            Assert.False(d.KeyExists("u"));

            // Large inputs: the command is recorded, not its result.
            d.SortedSetAdd("big1", Enumerable.Range(0, 3000).Select(i => E("m" + i, i * 0.1)).ToArray());
            d.SortedSetAdd("big2", Enumerable.Range(1500, 3000).Select(i => E("m" + i, -i)).ToArray());
            Assert.Equal(4500, d.SortedSetCombineAndStore(SetOperation.Union, "bigu", ["big1", "big2"], [3, 0.7]));
        });

        Assert.Equal("SortedSetCombineStore 0 0 0 u 2 a b", records[2]);
        Assert.Equal($"SortedSetCombineStore 0 0 2 uw 3 a b none 0.2 {R(double.PositiveInfinity)} 1", records[3]);
        Assert.Equal("SortedSetCombineStore 0 1 1 i 2 a b -1 0", records[4]);
        Assert.Equal("SortedSetCombineStore 0 2 0 df 2 a b", records[5]);
        Assert.Equal("Delete 0 u", records[7]);
        Assert.Equal(11, records.Count);
    }

    [Fact]
    public void Binary_members_and_large_sets_replay()
    {
        Replays(t =>
        {
            var d = t.Store;
            byte[] nul = [0], high = [0xFF, 0xFE, 0], empty = [];
            d.SortedSetAdd(new byte[] { 0, 1, 0xFF }, [E(nul, 1), E(high, 2), E(empty, 3), E(new byte[100], 4)]);
            d.SortedSetIncrement(new byte[] { 0, 1, 0xFF }, high, 1.5);
            d.SortedSetRemove(new byte[] { 0, 1, 0xFF }, nul);

            var many = Enumerable.Range(0, 20_000).Select(i => E(BitConverter.GetBytes(i * 7919), i % 1000 - 500.5)).ToArray();
            d.SortedSetAdd("large", many);
            d.SortedSetRemoveRangeByRank("large", 100, 5_099);
            d.SortedSetRemoveRangeByScore("large", -100, 100);
            d.SortedSetPop("large", 1_000, Order.Descending);
            d.SortedSetRemove("large", many.Take(3_000).Select(e => e.Element).ToArray());
            d.SortedSetRangeAndStore("large", "large-copy", 0, -1);
        });
    }

    [Fact]
    public async Task A_blocked_pop_served_at_once_records_its_pop()
    {
        var records = await ReplaysAsync(async t =>
        {
            var d = t.Store;
            d.SortedSetAdd("bz", [E("a", 1), E("b", 2), E("c", 3), E("d", 4)]);
            Assert.Equal("a", (string?)(await d.SortedSetPopBlockingAsync(["none", "bz"], Order.Ascending, Forever))!.Value.Entry.Element);
            Assert.Equal("d", (string?)(await d.SortedSetPopBlockingAsync(["bz"], Order.Descending, Forever))!.Value.Entry.Element);
            Assert.Equal(2, (await d.SortedSetPopBlockingAsync(["none", "bz"], 5, Order.Descending, Forever))!.Entries.Length);
            Assert.False(d.KeyExists("bz"));
        });

        Assert.Equal("SortedSetAdd\nSortedSetRemoveRange\nSortedSetRemoveRange\nSortedSetRemoveRange", Codes(records));
        Assert.Equal("SortedSetRemoveRange 0 bz 0 1", records[3]);
    }

    [Fact]
    public async Task A_pop_served_by_another_threads_add_is_recorded_after_that_add()
    {
        var records = await ReplaysAsync(async t =>
        {
            var d = t.Store;
            var min = d.SortedSetPopBlockingAsync(["bz1", "bz2"], Order.Ascending, Forever);
            var max = d.SortedSetPopBlockingAsync(["bz2"], Order.Descending, Forever);
            var many = d.SortedSetPopBlockingAsync(["bz2"], 2, Order.Ascending, Forever);
            Assert.Equal(3, d.BlockedCallCount);

            // The add runs on another thread; the waiters are served inside its write scope, in the order they blocked.
            await Task.Run(() => d.SortedSetAdd("bz2", [E("a", 1), E("b", 2), E("c", 3), E("d", 4), E("e", 5)]));
            Assert.Equal("a", (string?)(await min)!.Value.Entry.Element);
            Assert.Equal("e", (string?)(await max)!.Value.Entry.Element);
            Assert.Equal(["b", "c"], (await many)!.Entries.Select(e => (string?)e.Element));
            Assert.Equal(1, d.SortedSetLength("bz2"));
        });

        Assert.Equal("SortedSetAdd\nSortedSetRemoveRange\nSortedSetRemoveRange\nSortedSetRemoveRange", Codes(records));
        Assert.Equal("SortedSetRemoveRange 0 bz2 0 0", records[1]);
        Assert.Equal("SortedSetRemoveRange 0 bz2 3 3", records[2]);
        Assert.Equal("SortedSetRemoveRange 0 bz2 0 1", records[3]);
    }

    [Fact]
    public async Task Concurrent_adds_pops_and_served_waiters_replay_to_the_same_store()
    {
        await ReplaysAsync(async t =>
        {
            var d = t.Store;
            var waiters = new System.Collections.Concurrent.ConcurrentBag<Task>();
            var workers = Enumerable.Range(0, 4).Select(w => Task.Run(() =>
            {
                var random = new Random(w);
                for (var i = 0; i < 400; i++)
                {
                    var key = "c" + random.Next(3);
                    switch (random.Next(6))
                    {
                        case 0:
                            waiters.Add(d.SortedSetPopBlockingAsync([key, "c" + random.Next(3)], (Order)random.Next(2), Forever));
                            break;
                        case 1:
                            waiters.Add(d.SortedSetPopBlockingAsync([key], random.Next(1, 4), (Order)random.Next(2), Forever));
                            break;
                        case 2:
                            d.SortedSetIncrement(key, "m" + random.Next(20), random.NextDouble() - 0.5);
                            break;
                        case 3:
                            d.SortedSetPop(key, random.Next(3), (Order)random.Next(2));
                            break;
                        default:
                            d.SortedSetAdd(key, Enumerable.Range(0, random.Next(1, 6)).Select(_ => E("m" + random.Next(40), random.Next(-3, 4) * 0.5)).ToArray());
                            break;
                    }
                }
            })).ToArray();
            await Task.WhenAll(workers);

            // Fill the keys until every waiter is served (each serve takes at least one member).
            var filler = 0;
            while (d.BlockedCallCount != 0)
            {
                d.SortedSetAdd("c" + (filler % 3), Enumerable.Range(0, 50).Select(i => E("f" + filler + "-" + i, i)).ToArray());
                filler++;
            }

            await Task.WhenAll(waiters);
        });
    }

    [Fact]
    public async Task Pops_served_by_every_filling_write_replay_and_a_taken_set_is_gone()
    {
        var records = await ReplaysAsync(async t =>
        {
            var d = t.Store;
            d.SortedSetAdd("src", [E("a", 1), E("b", -0.0)]);

            var byIncrement = d.SortedSetPopBlockingAsync(["incr"], Order.Ascending, Forever);
            d.SortedSetIncrement("incr", "i", 2.5);
            Assert.True(byIncrement.IsCompletedSuccessfully);
            Assert.False(d.KeyExists("incr"));

            var byUnion = d.SortedSetPopBlockingAsync(["union"], 1, Order.Descending, Forever);
            d.SortedSetCombineAndStore(SetOperation.Union, "union", ["src"]);
            var byRange = d.SortedSetPopBlockingAsync(["range"], Order.Ascending, Forever);
            d.SortedSetRangeAndStore("src", "range", 0, -1);
            var byRename = d.SortedSetPopBlockingAsync(["renamed"], Order.Ascending, Forever);
            d.KeyRename("union", "renamed");
            var byCopy = d.SortedSetPopBlockingAsync(["copy"], 5, Order.Descending, Forever);
            d.KeyCopy("src", "copy");
            var byMove = d.GetDatabase(2).SortedSetPopBlockingAsync(["src"], Order.Descending, Forever);
            d.KeyMove("src", 2);
            foreach (var task in new Task[] { byUnion, byRange, byRename, byCopy, byMove })
            {
                Assert.True(task.IsCompletedSuccessfully);
            }

            // Timed out and cancelled waiters take nothing.
            var timedOut = d.SortedSetPopBlockingAsync(["late"], Order.Ascending, TimeSpan.FromSeconds(1));
            using var cancel = new CancellationTokenSource();
            var cancelled = d.SortedSetPopBlockingAsync(["late"], Order.Ascending, Forever, cancel.Token);
            t.Advance(1_000);
            await cancel.CancelAsync();
            Assert.Null(await timedOut);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
            d.SortedSetAdd("late", "kept", 1);
        });

        Assert.Equal("SortedSetAdd 0 incr i 2.5\nSortedSetRemoveRange 0 incr 0 0", string.Join("\n", records[1..3]));
        Assert.Equal("SortedSetCombineStore 0 0 0 union 1 src\nSortedSetRemoveRange 0 union 1 1", string.Join("\n", records[3..5]));
        Assert.Equal("Move 0 src 2\nSortedSetRemoveRange 2 src 1 1\nSortedSetAdd 0 late kept 1", string.Join("\n", records[^3..]));
    }

    [Fact]
    public async Task A_transaction_that_fills_a_waited_key_is_one_record_with_the_served_pop_last()
    {
        var records = await ReplaysAsync(async t =>
        {
            var d = t.Store;
            var waiter = d.SortedSetPopBlockingAsync(["tx"], Order.Descending, Forever);
            Task<(RedisKey Key, SortedSetEntry Entry)?>? inside = null;
            d.RunAtomic(x =>
            {
                x.SortedSetAdd("tx", [E("a", 1), E("b", 2)]);
                x.SortedSetIncrement("tx", "a", 5);
                x.SortedSetRemove("tx", "b");
                x.SortedSetAdd("tx", "c", -1);

                // Blocking pops inside a transaction answer at once.
                inside = x.SortedSetPopBlockingAsync(["empty"], Order.Ascending, Forever);
            });
            Assert.True(inside!.IsCompletedSuccessfully);
            Assert.Null(await inside);
            Assert.Equal("a", (string?)(await waiter)!.Value.Entry.Element);
        });

        Assert.Equal("SortedSetAdd 0 tx a 1 b 2 | SortedSetAdd 0 tx a 6 | SortedSetRemove 0 tx b | SortedSetAdd 0 tx c -1 | SortedSetRemoveRange 0 tx 1 1", Assert.Single(records));
    }

    [Fact]
    public void An_expired_sorted_set_is_deleted_before_the_write_that_finds_it()
    {
        var records = Replays(t =>
        {
            var d = t.Store;
            d.SortedSetAdd("exp", [E("old", 1), E("older", 2)]);
            d.KeyExpire("exp", TimeSpan.FromSeconds(1));
            t.Advance(2_000);
            d.SortedSetAdd("exp", "new", 3);
            d.SortedSetAdd("exp2", "x", 1);
            d.KeyExpire("exp2", TimeSpan.FromSeconds(1));
            t.Advance(2_000);
            d.SortedSetRangeAndStore("exp", "exp2", 0, -1);
        });

        Assert.Equal("Delete 0 exp", records[2]);
        Assert.Equal("SortedSetAdd 0 exp new 3", records[3]);
    }

    [Fact]
    public void Replay_rejects_malformed_sorted_set_operations()
    {
        using var dir = new LogHarness.TempDirectory();
        using var t = new TestStore();
        var path = dir.File("log.rll");
        var log = LogHarness.Attach(t.Store, path);
        using (var e = log.Begin(LogOp.SortedSetAdd, 0))
        {
            e.Bytes("k"u8);
        }

        LogHarness.Detach(t.Store);
        Assert.Throws<AppendLogFormatException>(() => LogHarness.Replay(path, t.Clock, out _).Dispose());
    }
}
