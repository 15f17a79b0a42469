using System.Collections.Concurrent;
using RedisLite.Tests.Infrastructure;

namespace RedisLite.Tests.SortedSets;

/// <summary>BZPOPMIN, BZPOPMAX and BZMPOP on the in-process store: immediate replies, FIFO service, exact wake counts,
/// every sorted-set write that fills a key waking its waiters, timeouts on the fake clock, and cancellation racing with
/// writes.</summary>
public sealed class SortedSetBlockingTests : IDisposable
{
    private static readonly TimeSpan Forever = TimeSpan.Zero;

    private readonly TestStore _t = new();

    private DataStore Store => _t.Store;

    public void Dispose() => _t.Dispose();

    private static SortedSetEntry E(string member, double score) => new(member, score);

    private static (string, double) Pair(SortedSetEntry entry) => ((string)entry.Element!, entry.Score);

    private static (string, double) Pair((RedisKey Key, SortedSetEntry Entry)? popped) => Pair(popped!.Value.Entry);

    [Fact]
    public async Task A_non_empty_key_is_served_at_once_without_blocking()
    {
        Store.SortedSetAdd("bz:now", [E("a", 1), E("b", 2), E("c", 3)]);
        var min = Store.SortedSetPopBlockingAsync(["bz:none", "bz:now"], Order.Ascending, Forever);
        Assert.True(min.IsCompletedSuccessfully);
        Assert.Equal("bz:now", (await min)!.Value.Key.ToString());
        Assert.Equal(("a", 1), Pair(await min));
        Assert.Equal(("c", 3), Pair(await Store.SortedSetPopBlockingAsync(["bz:now"], Order.Descending, Forever)));
        var rest = await Store.SortedSetPopBlockingAsync(["bz:now"], 5, Order.Ascending, Forever);
        Assert.Equal([("b", 2.0)], rest!.Entries.Select(Pair));
        Assert.False(Store.KeyExists("bz:now"));
        Assert.Equal(0, Store.BlockedCallCount);
    }

    [Fact]
    public async Task Errors_come_back_as_redis_errors_and_register_nothing()
    {
        var negative = await Assert.ThrowsAsync<RedisException>(() => Store.SortedSetPopBlockingAsync(["bz:e"], Order.Ascending, TimeSpan.FromSeconds(-1)));
        Assert.Equal(ErrorMessages.TimeoutNegative, negative.Message);
        Store.ListRightPush("bz:list", "v");
        await Assert.ThrowsAsync<RedisWrongTypeException>(() => Store.SortedSetPopBlockingAsync(["bz:none", "bz:list"], Order.Ascending, Forever));
        await Assert.ThrowsAsync<RedisWrongTypeException>(() => Store.SortedSetPopBlockingAsync(["bz:list"], 2, Order.Descending, Forever));
        Assert.Equal(ErrorMessages.WrongArgumentCount("bzpopmin"), (await Assert.ThrowsAsync<RedisException>(() => Store.SortedSetPopBlockingAsync([], Order.Ascending, Forever))).Message);
        Assert.Equal(ErrorMessages.NumKeysNotPositive, (await Assert.ThrowsAsync<RedisException>(() => Store.SortedSetPopBlockingAsync([], 1, Order.Ascending, Forever))).Message);
        Assert.Equal(ErrorMessages.CountNotPositive, (await Assert.ThrowsAsync<RedisException>(() => Store.SortedSetPopBlockingAsync(["bz:e"], -1, Order.Ascending, Forever))).Message);
        Assert.Equal(0, Store.BlockedCallCount);
        Assert.Equal(["v"], Store.ListRange("bz:list").Select(v => v.ToString()));
    }

    [Fact]
    public async Task Waiters_are_served_in_the_order_they_blocked_and_an_add_wakes_exactly_as_many_as_it_can_serve()
    {
        var first = Store.SortedSetPopBlockingAsync(["bz:fifo"], Order.Ascending, Forever);
        var second = Store.SortedSetPopBlockingAsync(["bz:fifo"], Order.Descending, Forever);
        var third = Store.SortedSetPopBlockingAsync(["bz:fifo"], Order.Ascending, Forever);
        Assert.Equal(3, Store.BlockedCallCount);

        // ZADD replies with what it added; the waiters then take the members before any other command can see them.
        Assert.Equal(3, Store.SortedSetAdd("bz:fifo", [E("a", 1), E("b", 2), E("c", 3)]));
        Assert.Equal(("a", 1), Pair(await first));
        Assert.Equal(("c", 3), Pair(await second));
        Assert.Equal(("b", 2), Pair(await third));
        Assert.False(Store.KeyExists("bz:fifo"));

        var fourth = Store.SortedSetPopBlockingAsync(["bz:fifo"], Order.Ascending, Forever);
        var fifth = Store.SortedSetPopBlockingAsync(["bz:fifo"], Order.Ascending, Forever);
        Store.SortedSetAdd("bz:fifo", "only", 7);
        Assert.Equal(("only", 7), Pair(await fourth));
        Assert.False(fifth.IsCompleted);
        Assert.Equal(1, Store.BlockedCallCount);
        Store.SortedSetAdd("bz:fifo", [E("x", 1), E("y", 2)]);
        Assert.Equal(("x", 1), Pair(await fifth));
        Assert.Equal(1, Store.SortedSetLength("bz:fifo"));
    }

    [Fact]
    public async Task A_waiter_on_several_keys_is_served_once_by_the_first_key_filled()
    {
        var waiter = Store.SortedSetPopBlockingAsync(["bz:k1", "bz:k2"], 2, Order.Descending, Forever);
        Store.SortedSetAdd("bz:k2", [E("a", 1), E("b", 2), E("c", 3)]);
        var result = await waiter;
        Assert.Equal("bz:k2", result!.Key.ToString());
        Assert.Equal([("c", 3.0), ("b", 2.0)], result.Entries.Select(Pair));
        Store.SortedSetAdd("bz:k1", "z", 9);
        Assert.Equal(1, Store.SortedSetLength("bz:k1"));
        Assert.Equal(0, Store.BlockedCallCount);
    }

    [Fact]
    public async Task Every_write_that_fills_a_sorted_set_wakes_its_waiters()
    {
        Store.SortedSetAdd("bz:src", [E("a", 1), E("b", 2)]);

        var byIncrement = Store.SortedSetPopBlockingAsync(["bz:incr"], Order.Ascending, Forever);
        Store.SortedSetIncrement("bz:incr", "i", 2.5);
        Assert.Equal(("i", 2.5), Pair(await byIncrement));

        var byUnionStore = Store.SortedSetPopBlockingAsync(["bz:union"], Order.Descending, Forever);
        Store.SortedSetCombineAndStore(SetOperation.Union, "bz:union", ["bz:src"]);
        Assert.Equal(("b", 2), Pair(await byUnionStore));

        var byRangeStore = Store.SortedSetPopBlockingAsync(["bz:range"], Order.Ascending, Forever);
        Store.SortedSetRangeAndStore("bz:src", "bz:range", 0, 0);
        Assert.Equal(("a", 1), Pair(await byRangeStore));

        var byRename = Store.SortedSetPopBlockingAsync(["bz:renamed"], Order.Ascending, Forever);
        Store.KeyRename("bz:union", "bz:renamed");
        Assert.Equal(("a", 1), Pair(await byRename));

        var byCopy = Store.SortedSetPopBlockingAsync(["bz:copy"], Order.Descending, Forever);
        Store.KeyCopy("bz:src", "bz:copy");
        Assert.Equal(("b", 2), Pair(await byCopy));
        Assert.Equal(2, Store.SortedSetLength("bz:src"));
    }

    [Fact]
    public async Task Other_types_at_the_key_do_not_wake_sorted_set_waiters()
    {
        var zpop = Store.SortedSetPopBlockingAsync(["bz:mixed"], Order.Ascending, Forever);
        var lpop = Store.ListLeftPopBlockingAsync(["bz:mixed"], Forever);
        Store.StringSet("bz:mixed", "x");
        Store.KeyDelete("bz:mixed");
        Store.ListRightPush("bz:mixed", "l");
        Assert.Equal("l", (await lpop)!.Value.Value.ToString());
        Assert.False(zpop.IsCompleted);
        Store.SortedSetAdd("bz:mixed", "z", 1);
        Assert.Equal(("z", 1), Pair(await zpop));
    }

    [Fact]
    public async Task Timeout_returns_null_on_the_fake_clock_and_leaves_nothing_registered()
    {
        var pop = Store.SortedSetPopBlockingAsync(["bz:t"], Order.Ascending, TimeSpan.FromSeconds(2));
        var mpop = Store.SortedSetPopBlockingAsync(["bz:t"], 3, Order.Descending, TimeSpan.FromMilliseconds(0.001));
        _t.Advance(1);
        Assert.Null(await mpop);
        _t.Advance(1_998);
        Assert.False(pop.IsCompleted);
        _t.Advance(1);
        Assert.Null(await pop);
        Assert.Equal(0, Store.BlockedCallCount);

        Store.SortedSetAdd("bz:t", "kept", 1);
        Assert.Equal(1, Store.SortedSetLength("bz:t"));
    }

    [Fact]
    public async Task Zero_timeout_waits_forever()
    {
        var pop = Store.SortedSetPopBlockingAsync(["bz:forever"], 1, Order.Ascending, Forever);
        _t.Advance(10_000_000);
        Assert.False(pop.IsCompleted);
        Store.SortedSetAdd("bz:forever", "late", 0);
        Assert.Equal([("late", 0.0)], (await pop)!.Entries.Select(Pair));
    }

    [Fact]
    public async Task Cancellation_ends_the_wait_and_the_next_waiter_gets_the_member()
    {
        using var cts = new CancellationTokenSource();
        var cancelled = Store.SortedSetPopBlockingAsync(["bz:c"], Order.Ascending, Forever, cts.Token);
        var next = Store.SortedSetPopBlockingAsync(["bz:c"], Order.Ascending, Forever);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Store.SortedSetAdd("bz:c", "m", 1);
        Assert.Equal(("m", 1), Pair(await next));

        using var already = new CancellationTokenSource();
        await already.CancelAsync();
        Store.SortedSetAdd("bz:c", "stays", 1);
        Assert.True(Store.SortedSetPopBlockingAsync(["bz:c"], 1, Order.Ascending, Forever, already.Token).IsCanceled);
        Assert.Equal(1, Store.SortedSetLength("bz:c"));
        Assert.Equal(0, Store.BlockedCallCount);
    }

    [Fact]
    public async Task Cancellation_and_timeout_racing_with_adds_never_lose_or_duplicate_a_member()
    {
        for (var round = 0; round < 200; round++)
        {
            var key = $"bz:race:{round}";
            using var cts = new CancellationTokenSource();
            var waiter = round % 2 == 0
                ? Store.SortedSetPopBlockingAsync([key], Order.Ascending, Forever, cts.Token)
                : Store.SortedSetPopBlockingAsync([key], Order.Ascending, TimeSpan.FromMilliseconds(5));
            var add = Task.Run(() => Store.SortedSetAdd(key, "only", 1));
            var end = Task.Run(() =>
            {
                cts.Cancel();
                _t.Advance(5);
            });
            await Task.WhenAll(add, end);

            var delivered = 0;
            try
            {
                var result = await waiter;
                if (result is not null)
                {
                    Assert.Equal(("only", 1), Pair(result));
                    delivered = 1;
                }
            }
            catch (OperationCanceledException)
            {
            }

            Assert.Equal(1, delivered + Store.SortedSetLength(key));
        }

        Assert.Equal(0, Store.BlockedCallCount);
    }

    [Fact]
    [Trait("Category", "Soak")]
    public async Task Concurrent_adders_and_blocking_poppers_account_for_every_member_exactly_once()
    {
        const int Producers = 4;
        const int PerProducer = 2_000;
        RedisKey[] keys = ["bz:soak:0", "bz:soak:1", "bz:soak:2"];
        var received = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();

        var consumers = Enumerable.Range(0, 4).Select(c => Task.Run(async () =>
        {
            var turn = 0;
            while (true)
            {
                // Some waits are cancelled at once: a cancelled wait must never swallow a member.
                using var flaky = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
                if (++turn % 7 == 0)
                {
                    flaky.Cancel();
                }

                try
                {
                    if (c % 2 == 0)
                    {
                        var one = await Store.SortedSetPopBlockingAsync(keys, c == 0 ? Order.Ascending : Order.Descending, Forever, flaky.Token);
                        received.Add((string)one!.Value.Entry.Element!);
                    }
                    else
                    {
                        var many = await Store.SortedSetPopBlockingAsync(keys, 3, Order.Ascending, Forever, flaky.Token);
                        foreach (var entry in many!.Entries)
                        {
                            received.Add((string)entry.Element!);
                        }
                    }
                }
                catch (OperationCanceledException) when (!stop.IsCancellationRequested)
                {
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        })).ToArray();

        var producers = Enumerable.Range(0, Producers).Select(p => Task.Run(() =>
        {
            for (var i = 0; i < PerProducer; i++)
            {
                Store.SortedSetAdd(keys[i % keys.Length], $"p{p}:{i}", i);
            }
        })).ToArray();
        await Task.WhenAll(producers);

        // Wait until every member is either received or still stored (bounded, so a lost member fails instead of
        // hanging), then stop the consumers and count.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (received.Count + keys.Sum(k => Store.SortedSetLength(k)) < Producers * PerProducer && DateTime.UtcNow < deadline)
        {
            await Task.Delay(1);
        }

        await stop.CancelAsync();
        await Task.WhenAll(consumers).WaitAsync(TimeSpan.FromSeconds(30));
        var left = keys.SelectMany(k => Store.SortedSetRangeByRank(k)).Select(v => (string)v!);
        var all = received.Concat(left).ToList();
        Assert.Equal(Producers * PerProducer, all.Count);
        Assert.Equal(Producers * PerProducer, all.Distinct().Count());
        Assert.Equal(0, Store.BlockedCallCount);
    }
}
