using RedisLite.Tests.Infrastructure;

namespace RedisLite.Tests.Lists;

/// <summary>BLPOP, BRPOP, BLMOVE, BRPOPLPUSH and BLMPOP on the in-process store: immediate replies, FIFO service, exact
/// wake counts, multi-key waiters, chains, timeouts on the fake clock, and cancellation (also racing with pushes).</summary>
public sealed class ListBlockingTests : IDisposable
{
    private static readonly TimeSpan Forever = TimeSpan.Zero;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private readonly TestStore _t = new();

    private DataStore Store => _t.Store;

    public void Dispose() => _t.Dispose();

    private string[] Range(RedisKey key) => Store.ListRange(key).Select(v => v.ToString()!).ToArray();

    [Fact]
    public async Task A_non_empty_key_is_served_at_once_without_blocking()
    {
        Store.ListRightPush("bl:now", ["a", "b"]);
        var task = Store.ListLeftPopBlockingAsync(["bl:none", "bl:now"], Forever);
        Assert.True(task.IsCompletedSuccessfully);
        var (key, value) = (await task)!.Value;
        Assert.Equal("bl:now", key.ToString());
        RedisAssert.Value("a", value);
        RedisAssert.Value("b", (await Store.ListRightPopBlockingAsync(["bl:now"], Forever))!.Value.Value);
        Assert.False(Store.KeyExists("bl:now"));
        Assert.Equal(0, Store.BlockedCallCount);
    }

    [Fact]
    public async Task Immediate_forms_of_move_and_multi_pop()
    {
        Store.ListRightPush("bl:ms", ["a", "b", "c"]);
        RedisAssert.Value("c", await Store.ListRightPopLeftPushBlockingAsync("bl:ms", "bl:md", Forever));
        RedisAssert.Value("a", await Store.ListMoveBlockingAsync("bl:ms", "bl:md", ListSide.Left, ListSide.Right, Forever));
        Assert.Equal(["c", "a"], Range("bl:md"));
        var popped = await Store.ListPopBlockingAsync(["bl:x", "bl:md"], ListSide.Right, Forever, 5);
        Assert.Equal("bl:md", popped!.Key.ToString());
        Assert.Equal(["a", "c"], popped.Values.Select(v => v.ToString()));
    }

    [Fact]
    public async Task Errors_come_back_as_redis_errors()
    {
        var negative = await Assert.ThrowsAsync<RedisException>(() => Store.ListLeftPopBlockingAsync(["bl:e"], TimeSpan.FromSeconds(-1)));
        Assert.Equal(ErrorMessages.TimeoutNegative, negative.Message);
        Store.StringSet("bl:str", "v");
        var wrong = await Assert.ThrowsAsync<RedisWrongTypeException>(() => Store.ListLeftPopBlockingAsync(["bl:none", "bl:str"], Forever));
        Assert.Equal(ErrorMessages.WrongType, wrong.Message);
        await Assert.ThrowsAsync<RedisWrongTypeException>(() => Store.ListMoveBlockingAsync("bl:str", "bl:d", ListSide.Left, ListSide.Left, Forever));
        Assert.Equal(ErrorMessages.NumKeysNotPositive, (await Assert.ThrowsAsync<RedisException>(() => Store.ListPopBlockingAsync([], ListSide.Left, Forever))).Message);
        Assert.Equal(ErrorMessages.CountNotPositive, (await Assert.ThrowsAsync<RedisException>(() => Store.ListPopBlockingAsync(["k"], ListSide.Left, Forever, 0))).Message);
        Assert.Equal(0, Store.BlockedCallCount);
    }

    [Fact]
    public async Task Waiters_are_served_in_the_order_they_blocked_and_a_push_wakes_exactly_as_many_as_it_can_serve()
    {
        var first = Store.ListLeftPopBlockingAsync(["bl:fifo"], Forever);
        var second = Store.ListRightPopBlockingAsync(["bl:fifo"], Forever);
        var third = Store.ListLeftPopBlockingAsync(["bl:fifo"], Forever);
        Assert.Equal(3, Store.BlockedCallCount);

        Assert.Equal(2, Store.ListRightPush("bl:fifo", ["a", "b"]));
        RedisAssert.Value("a", (await first)!.Value.Value);
        RedisAssert.Value("b", (await second)!.Value.Value);
        Assert.False(third.IsCompleted);
        Assert.False(Store.KeyExists("bl:fifo"));

        Store.ListRightPush("bl:fifo", ["c", "d"]);
        RedisAssert.Value("c", (await third)!.Value.Value);
        Assert.Equal(["d"], Range("bl:fifo"));
        Assert.Equal(0, Store.BlockedCallCount);
    }

    [Fact]
    public async Task A_waiter_on_several_keys_is_served_once_by_the_first_key_that_becomes_ready()
    {
        var both = Store.ListLeftPopBlockingAsync(["bl:k1", "bl:k2"], Forever);
        var onlyK2 = Store.ListLeftPopBlockingAsync(["bl:k2"], Forever);
        Store.ListRightPush("bl:k2", "x");
        var (key, value) = (await both)!.Value;
        Assert.Equal("bl:k2", key.ToString());
        RedisAssert.Value("x", value);
        Assert.False(onlyK2.IsCompleted);

        Store.ListRightPush("bl:k1", "y");
        Assert.Equal(["y"], Range("bl:k1"));
        Store.ListRightPush("bl:k2", "z");
        RedisAssert.Value("z", (await onlyK2)!.Value.Value);
        Assert.Equal(0, Store.BlockedCallCount);
    }

    [Fact]
    public async Task Multi_pop_waiter_takes_up_to_its_count()
    {
        var task = Store.ListPopBlockingAsync(["bl:mp1", "bl:mp2"], ListSide.Right, Forever, 2);
        Store.ListRightPush("bl:mp2", ["a", "b", "c"]);
        var result = await task;
        Assert.Equal("bl:mp2", result!.Key.ToString());
        Assert.Equal(["c", "b"], result.Values.Select(v => v.ToString()));
        Assert.Equal(["a"], Range("bl:mp2"));
    }

    [Fact]
    public async Task Timeout_returns_null_on_the_fake_clock_and_leaves_nothing_registered()
    {
        var pop = Store.ListLeftPopBlockingAsync(["bl:t"], TimeSpan.FromSeconds(2));
        var move = Store.ListMoveBlockingAsync("bl:t", "bl:td", ListSide.Left, ListSide.Left, TimeSpan.FromSeconds(3));
        var mpop = Store.ListPopBlockingAsync(["bl:t"], ListSide.Left, TimeSpan.FromMilliseconds(0.001));
        _t.Advance(1);
        Assert.Null(await mpop);
        _t.Advance(1_998);
        Assert.False(pop.IsCompleted);
        _t.Advance(1);
        Assert.Null(await pop);
        Assert.False(move.IsCompleted);
        _t.Advance(1_000);
        Assert.True((await move).IsNull);
        Assert.Equal(0, Store.BlockedCallCount);

        Store.ListRightPush("bl:t", "kept");
        Assert.Equal(["kept"], Range("bl:t"));
    }

    [Fact]
    public async Task Zero_timeout_waits_forever()
    {
        var pop = Store.ListLeftPopBlockingAsync(["bl:forever"], Forever);
        _t.Advance(10_000_000);
        Assert.False(pop.IsCompleted);
        Store.ListLeftPush("bl:forever", "late");
        RedisAssert.Value("late", (await pop)!.Value.Value);
    }

    [Fact]
    public async Task Cancellation_ends_the_wait_and_the_next_waiter_gets_the_element()
    {
        using var cts = new CancellationTokenSource();
        var cancelled = Store.ListLeftPopBlockingAsync(["bl:c"], Forever, cts.Token);
        var next = Store.ListLeftPopBlockingAsync(["bl:c"], Forever);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Store.ListRightPush("bl:c", "e");
        RedisAssert.Value("e", (await next)!.Value.Value);
        Assert.False(Store.KeyExists("bl:c"));

        using var already = new CancellationTokenSource();
        already.Cancel();
        Store.ListRightPush("bl:c", "stays");
        Assert.True(Store.ListLeftPopBlockingAsync(["bl:c"], Forever, already.Token).IsCanceled);
        Assert.Equal(["stays"], Range("bl:c"));
        Assert.Equal(0, Store.BlockedCallCount);
    }

    [Fact]
    public async Task Cancellation_racing_with_pushes_never_loses_or_duplicates_an_element()
    {
        for (var round = 0; round < 200; round++)
        {
            var key = $"bl:race:{round}";
            using var cts = new CancellationTokenSource();
            var waiter = Store.ListLeftPopBlockingAsync([key], Forever, cts.Token);
            var push = Task.Run(() => Store.ListRightPush(key, "only"));
            var cancel = Task.Run(cts.Cancel);
            await Task.WhenAll(push, cancel);

            var delivered = 0;
            try
            {
                var result = await waiter;
                RedisAssert.Value("only", result!.Value.Value);
                delivered = 1;
            }
            catch (OperationCanceledException)
            {
            }

            Assert.Equal(1, delivered + Store.ListLength(key));
        }

        Assert.Equal(0, Store.BlockedCallCount);
    }

    [Fact]
    public async Task Timeout_racing_with_a_push_never_loses_the_element()
    {
        for (var round = 0; round < 100; round++)
        {
            var key = $"bl:trace:{round}";
            var waiter = Store.ListLeftPopBlockingAsync([key], TimeSpan.FromMilliseconds(5));
            var push = Task.Run(() => Store.ListRightPush(key, "only"));
            var tick = Task.Run(() => _t.Advance(5));
            await Task.WhenAll(push, tick);
            var result = await waiter;
            Assert.Equal(1, (result is null ? 0 : 1) + Store.ListLength(key));
        }
    }

    [Fact]
    public async Task Blocked_move_pushes_to_the_destination_and_chains_to_its_waiters()
    {
        var move = Store.ListMoveBlockingAsync("bl:ch:a", "bl:ch:b", ListSide.Left, ListSide.Right, Forever);
        var popB = Store.ListLeftPopBlockingAsync(["bl:ch:b"], Forever);
        Store.ListRightPush("bl:ch:a", "v");
        RedisAssert.Value("v", await move);
        var (key, value) = (await popB)!.Value;
        Assert.Equal("bl:ch:b", key.ToString());
        RedisAssert.Value("v", value);
        Assert.False(Store.KeyExists("bl:ch:a"));
        Assert.False(Store.KeyExists("bl:ch:b"));
    }

    [Fact]
    public async Task Blocked_moves_over_many_keys_deliver_every_element_to_the_end_of_the_chain()
    {
        // Keys spread over shards, so some hops find the destination's shard in the wrong lock order and are deferred.
        const int hops = 30;
        var moves = new List<Task<RedisValue>>();
        for (var i = 0; i < hops; i++)
        {
            moves.Add(Store.ListRightPopLeftPushBlockingAsync($"bl:hop:{i}", $"bl:hop:{i + 1}", Forever));
        }

        var end = Store.ListLeftPopBlockingAsync([$"bl:hop:{hops}"], Forever);
        Store.ListRightPush("bl:hop:0", "token");
        foreach (var move in moves)
        {
            RedisAssert.Value("token", await move.WaitAsync(Wait));
        }

        RedisAssert.Value("token", (await end.WaitAsync(Wait))!.Value.Value);
        for (var i = 0; i <= hops; i++)
        {
            Assert.False(Store.KeyExists($"bl:hop:{i}"));
        }
    }

    [Fact]
    public async Task A_move_whose_destination_shard_is_busy_is_served_after_the_push_releases_its_locks()
    {
        // Find a destination in another shard than the source.
        var source = "bl:df:src";
        var destination = ShardHolder.KeyInAnotherShard(Store, source, "bl:df:dst:");
        var move = Store.ListMoveBlockingAsync(source, destination, ListSide.Left, ListSide.Left, Forever);
        var behind = Store.ListLeftPopBlockingAsync([source], Forever);

        using (new ShardHolder(Store, destination))
        {
            // The push cannot lock the destination's shard: the move (and the waiter behind it, to keep FIFO) wait.
            Assert.Equal(2, Store.ListRightPush(source, ["a", "b"]));
            Assert.False(move.IsCompleted);
            Assert.False(behind.IsCompleted);
        }

        RedisAssert.Value("a", await move.WaitAsync(Wait));
        RedisAssert.Value("b", (await behind.WaitAsync(Wait))!.Value.Value);
        Assert.Equal(["a"], Range(destination));
        Assert.False(Store.KeyExists(source));
    }

    [Fact]
    public async Task Blocked_move_onto_a_wrong_type_destination_fails_and_keeps_the_element()
    {
        Store.StringSet("bl:wt:d", "v");
        var move = Store.ListMoveBlockingAsync("bl:wt:s", "bl:wt:d", ListSide.Left, ListSide.Left, Forever);
        var pop = Store.ListLeftPopBlockingAsync(["bl:wt:s"], Forever);
        Store.ListRightPush("bl:wt:s", "e");
        await Assert.ThrowsAsync<RedisWrongTypeException>(() => move);
        RedisAssert.Value("e", (await pop)!.Value.Value);
    }

    [Fact]
    public async Task Blocked_rotation_on_the_same_key()
    {
        var rotate = Store.ListMoveBlockingAsync("bl:rot", "bl:rot", ListSide.Left, ListSide.Right, Forever);
        Store.ListRightPush("bl:rot", ["a", "b"]);
        RedisAssert.Value("a", await rotate);
        Assert.Equal(["b", "a"], Range("bl:rot"));
    }

    [Fact]
    public async Task Rename_copy_and_move_serve_waiters_on_the_new_key()
    {
        var renamed = Store.ListLeftPopBlockingAsync(["bl:rn:to"], Forever);
        Store.ListRightPush("bl:rn:from", ["a", "b"]);
        Store.KeyRename("bl:rn:from", "bl:rn:to");
        RedisAssert.Value("a", (await renamed)!.Value.Value);
        Assert.Equal(["b"], Range("bl:rn:to"));

        var copied = Store.ListLeftPopBlockingAsync(["bl:cp:to"], Forever);
        Store.KeyCopy("bl:rn:to", "bl:cp:to");
        RedisAssert.Value("b", (await copied)!.Value.Value);
        Assert.False(Store.KeyExists("bl:cp:to"));
        Assert.Equal(["b"], Range("bl:rn:to"));

        var db1 = (DataStore)_t.Db(1);
        var moved = db1.ListLeftPopBlockingAsync(["bl:rn:to"], Forever);
        Store.KeyMove("bl:rn:to", 1);
        RedisAssert.Value("b", (await moved)!.Value.Value);
        Assert.False(db1.KeyExists("bl:rn:to"));
    }

    [Fact]
    public async Task Waiters_are_per_database()
    {
        var db1 = _t.Db(1);
        var onDb1 = db1.ListLeftPopBlockingAsync(["bl:db"], Forever);
        Store.ListRightPush("bl:db", "db0");
        Assert.False(onDb1.IsCompleted);
        db1.ListRightPush("bl:db", "db1");
        RedisAssert.Value("db1", (await onDb1)!.Value.Value);
        Assert.Equal(["db0"], Range("bl:db"));
    }

    [Fact]
    public async Task A_string_at_the_key_does_not_wake_list_waiters()
    {
        var pop = Store.ListLeftPopBlockingAsync(["bl:sv"], Forever);
        Store.StringSet("bl:sv", "x");
        Assert.False(pop.IsCompleted);
        Store.KeyDelete("bl:sv");
        Store.ListRightPush("bl:sv", "y");
        RedisAssert.Value("y", (await pop)!.Value.Value);
    }
}
