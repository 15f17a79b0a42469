using RedisLite.Tests.Infrastructure;

namespace RedisLite.Tests.Persistence;

/// <summary>Every list write, logged and replayed into a new store, gives the same lists; no-ops record nothing; blocked
/// pops and moves served by a later push are recorded after that push, so replay applies them in the same order.</summary>
public sealed class LogListReplayTests
{
    private static readonly TimeSpan Forever = TimeSpan.Zero;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    /// <summary>Runs <paramref name="write"/> with a log attached, replays the log, and compares the stores (and the
    /// number of records, when given). Async so that blocked callers can be awaited before the log is detached.</summary>
    private static async Task AssertReplaysAsync(Func<TestStore, Task> write, int expectedRecords = -1)
    {
        using var dir = new LogHarness.TempDirectory();
        using var t = new TestStore();
        var path = dir.File("log.rll");
        LogHarness.Attach(t.Store, path);
        await write(t);
        Assert.Equal(0, t.Store.BlockedCallCount);
        LogHarness.Detach(t.Store);
        using var restored = LogHarness.Replay(path, t.Clock, out var records);
        Assert.Equal(SnapshotDump.Of(t.Store), SnapshotDump.Of(restored));
        if (expectedRecords >= 0)
        {
            Assert.Equal(expectedRecords, records);
        }
    }

    private static Task AssertReplays(Action<TestStore> write, int expectedRecords = -1) =>
        AssertReplaysAsync(
            t =>
            {
                write(t);
                return Task.CompletedTask;
            },
            expectedRecords);

    [Fact]
    public Task Pushes_replay_in_order_with_binary_and_empty_elements()
    {
        return AssertReplays(t =>
        {
            var d = t.Store;
            d.ListLeftPush("log:l:p", "a");
            d.ListLeftPush("log:l:p", ["b", "c"]);
            d.ListRightPush("log:l:p", "d");
            d.ListRightPush("log:l:p", ["e", "f"]);
            d.ListLeftPush("log:l:p", "g", When.Exists);
            d.ListRightPush("log:l:p", ["h", "i"], When.Exists);
            d.ListRightPush(new byte[] { 0, 255 }, [new byte[] { 1, 0, 2 }, Array.Empty<byte>(), new byte[] { 255 }]);
            d.GetDatabase(3).ListRightPush("log:l:db3", ["x", "y"]);
        });
    }

    [Fact]
    public Task A_large_list_replays()
    {
        return AssertReplays(t =>
        {
            var values = Enumerable.Range(0, 50_000).Select(i => (RedisValue)("element-" + i)).ToArray();
            t.Store.ListRightPush("log:l:big", values);
            t.Store.ListLeftPush("log:l:big", new string('x', 100_000));
            t.Store.ListTrim("log:l:big", 10, -10);
        });
    }

    [Fact]
    public Task Pops_replay_with_and_without_count_and_delete_the_emptied_key()
    {
        return AssertReplays(t =>
        {
            var d = t.Store;
            d.ListRightPush("log:l:pop", ["a", "b", "c", "d", "e", "f"]);
            d.ListLeftPop("log:l:pop");
            d.ListRightPop("log:l:pop");
            d.ListLeftPop("log:l:pop", 2);
            d.ListRightPop("log:l:pop", 1);
            d.ListRightPush("log:l:gone", ["a", "b"]);
            d.ListLeftPop("log:l:gone", 10);
            d.ListRightPush("log:l:gone1", "a");
            d.ListRightPop("log:l:gone1");
        });
    }

    [Fact]
    public Task Set_insert_remove_and_trim_replay()
    {
        return AssertReplays(t =>
        {
            var d = t.Store;
            d.ListRightPush("log:l:e", ["a", "b", "a", "c", "a", "b", "a"]);
            d.ListSetByIndex("log:l:e", 1, "B");
            d.ListSetByIndex("log:l:e", -1, "Z");
            d.ListInsertBefore("log:l:e", "a", "before-a");
            d.ListInsertAfter("log:l:e", "c", "after-c");
            d.ListRemove("log:l:e", "a", 1);
            d.ListRemove("log:l:e", "a", -1);
            d.ListRightPush("log:l:e", ["b", "b", "b"]);
            d.ListRemove("log:l:e", "b", 0);
            d.ListTrim("log:l:e", 1, -2);
            d.ListTrim("log:l:e", -3, 100);

            d.ListRightPush("log:l:all", ["x", "x"]);
            d.ListRemove("log:l:all", "x", long.MinValue);
            d.ListRightPush("log:l:trimmed", ["x", "y"]);
            d.ListTrim("log:l:trimmed", 5, 10);
        });
    }

    [Fact]
    public Task Moves_replay_between_keys_sides_and_onto_the_same_key()
    {
        return AssertReplays(t =>
        {
            var d = t.Store;
            d.ListRightPush("log:l:src", ["a", "b", "c", "d"]);
            d.ListMove("log:l:src", "log:l:dst", ListSide.Left, ListSide.Right);
            d.ListMove("log:l:src", "log:l:dst", ListSide.Right, ListSide.Left);
            d.ListRightPopLeftPush("log:l:src", "log:l:dst");
            d.ListMove("log:l:dst", "log:l:dst", ListSide.Left, ListSide.Right);
            d.ListMove("log:l:src", "log:l:dst", ListSide.Left, ListSide.Left); // empties the source
        });
    }

    [Fact]
    public Task Multi_pop_replays_from_the_first_non_empty_key_as_one_record()
    {
        return AssertReplays(
            t =>
            {
                t.Store.ListRightPush("log:l:m2", ["a", "b", "c"]);
                t.Store.ListPop(["log:l:m1", "log:l:m2"], ListSide.Right, 2);
                t.Store.ListPop(["log:l:m1", "log:l:m2"], ListSide.Left, 5);
            },
            expectedRecords: 3);
    }

    [Fact]
    public Task Writes_that_change_nothing_record_nothing()
    {
        return AssertReplays(
            t =>
            {
                var d = t.Store;
                d.ListLeftPush("log:l:none", "x", When.Exists);
                d.ListRightPush("log:l:none", ["x", "y"], When.Exists);
                d.ListLeftPop("log:l:none");
                d.ListRightPop("log:l:none", 3);
                d.ListPop(["log:l:none", "log:l:none2"], ListSide.Left);
                d.ListMove("log:l:none", "log:l:dst", ListSide.Left, ListSide.Left);
                d.ListInsertAfter("log:l:none", "p", "v");
                d.ListRemove("log:l:none", "v");
                d.ListTrim("log:l:none", 0, 1);
            },
            expectedRecords: 0);
    }

    [Fact]
    public Task No_op_writes_on_an_existing_list_record_nothing()
    {
        return AssertReplays(
            t =>
            {
                var d = t.Store;
                d.ListRightPush("log:l:n", ["a", "b", "c"]);
                d.ListInsertBefore("log:l:n", "missing-pivot", "v");
                d.ListRemove("log:l:n", "missing");
                d.ListTrim("log:l:n", 0, -1);
                d.ListTrim("log:l:n", -100, 100);
                d.ListLeftPop("log:l:n", 0);
            },
            expectedRecords: 1);
    }

    [Fact]
    public Task A_push_onto_an_expired_list_replays_the_deletion_first_and_a_kept_ttl_survives()
    {
        return AssertReplays(t =>
        {
            var d = t.Store;
            d.ListRightPush("log:l:ttl", ["old1", "old2"]);
            d.KeyExpire("log:l:ttl", TimeSpan.FromSeconds(1));
            d.ListRightPush("log:l:kept", ["a", "b"]);
            d.KeyExpire("log:l:kept", TimeSpan.FromSeconds(60));
            t.Advance(2000);
            d.ListRightPush("log:l:ttl", "new");
            d.ListLeftPush("log:l:kept", "c");
            d.ListLeftPop("log:l:kept");
        });
    }

    [Fact]
    public Task A_list_transaction_is_one_record()
    {
        return AssertReplays(
            t => t.Store.RunAtomic(d =>
            {
                d.ListRightPush("log:l:tx", ["a", "b", "c"]);
                d.ListLeftPop("log:l:tx");
                d.ListMove("log:l:tx", "log:l:tx2", ListSide.Right, ListSide.Left);
                d.ListSetByIndex("log:l:tx", 0, "B");
            }),
            expectedRecords: 1);
    }

    [Fact]
    public Task Immediate_blocking_forms_replay_as_their_non_blocking_effect()
    {
        return AssertReplaysAsync(async t =>
        {
            var d = t.Store;
            d.ListRightPush("log:b:now", ["a", "b", "c", "d", "e", "f"]);
            await d.ListLeftPopBlockingAsync(["log:b:none", "log:b:now"], Forever);
            await d.ListRightPopBlockingAsync(["log:b:now"], Forever);
            await d.ListMoveBlockingAsync("log:b:now", "log:b:dst", ListSide.Left, ListSide.Left, Forever);
            await d.ListRightPopLeftPushBlockingAsync("log:b:now", "log:b:dst", Forever);
            await d.ListPopBlockingAsync(["log:b:none", "log:b:now"], ListSide.Right, Forever, 5);
        });
    }

    [Fact]
    public Task Blocked_pops_served_by_another_threads_push_replay_after_that_push()
    {
        // Each push serves the callers blocked on its key: its record comes first, then one per served pop. Were a pop
        // recorded before the push, replay would pop from a missing key and keep the pushed elements.
        return AssertReplaysAsync(
            async t =>
            {
                var d = t.Store;
                var left = d.ListLeftPopBlockingAsync(["log:b:k"], Forever);
                var right = d.ListRightPopBlockingAsync(["log:b:other", "log:b:k"], Forever);
                var multi = d.ListPopBlockingAsync(["log:b:k"], ListSide.Right, Forever, 2);
                Assert.Equal(3, d.BlockedCallCount);

                Assert.Equal(5, await Task.Run(() => d.ListRightPush("log:b:k", ["a", "b", "c", "d", "e"])));
                RedisAssert.Value("a", (await left.WaitAsync(Wait))!.Value.Value);
                RedisAssert.Value("e", (await right.WaitAsync(Wait))!.Value.Value);
                Assert.Equal(["d", "c"], (await multi.WaitAsync(Wait))!.Values.Select(v => v.ToString()));
                Assert.Equal(1, d.ListLength("log:b:k"));
            },
            expectedRecords: 4);
    }

    [Fact]
    public Task Blocked_pops_that_take_everything_leave_the_key_deleted_after_replay()
    {
        return AssertReplaysAsync(
            async t =>
            {
                var d = t.Store;
                var first = d.ListLeftPopBlockingAsync(["log:b:all"], Forever);
                var second = d.ListPopBlockingAsync(["log:b:all"], ListSide.Left, Forever, 10);
                await Task.Run(() => d.ListLeftPush("log:b:all", ["x", "y", "z"]));
                RedisAssert.Value("z", (await first.WaitAsync(Wait))!.Value.Value);
                Assert.Equal(["y", "x"], (await second.WaitAsync(Wait))!.Values.Select(v => v.ToString()));
                Assert.False(d.KeyExists("log:b:all"));
            },
            expectedRecords: 3);
    }

    [Fact]
    public Task A_blocked_move_chain_replays_push_then_each_move_then_the_last_pop()
    {
        return AssertReplaysAsync(
            async t =>
            {
                var d = t.Store;
                var move = d.ListMoveBlockingAsync("log:b:a", "log:b:b", ListSide.Left, ListSide.Right, Forever);
                var rpoplpush = d.ListRightPopLeftPushBlockingAsync("log:b:b", "log:b:c", Forever);
                var pop = d.ListLeftPopBlockingAsync(["log:b:c"], Forever);
                await Task.Run(() => d.ListRightPush("log:b:a", ["v", "w"]));
                RedisAssert.Value("v", await move.WaitAsync(Wait));
                RedisAssert.Value("v", await rpoplpush.WaitAsync(Wait));
                RedisAssert.Value("v", (await pop.WaitAsync(Wait))!.Value.Value);
                Assert.Equal(1, d.ListLength("log:b:a"));
                Assert.False(d.KeyExists("log:b:b"));
                Assert.False(d.KeyExists("log:b:c"));
            },
            expectedRecords: 4);
    }

    [Fact]
    public Task A_blocked_rotation_and_a_blocked_move_onto_a_wrong_type_replay()
    {
        return AssertReplaysAsync(async t =>
        {
            var d = t.Store;
            var rotate = d.ListMoveBlockingAsync("log:b:rot", "log:b:rot", ListSide.Left, ListSide.Right, Forever);
            d.ListRightPush("log:b:rot", ["a", "b"]);
            RedisAssert.Value("a", await rotate.WaitAsync(Wait));

            d.StringSet("log:b:str", "v");
            var wrong = d.ListMoveBlockingAsync("log:b:ws", "log:b:str", ListSide.Left, ListSide.Left, Forever);
            var next = d.ListLeftPopBlockingAsync(["log:b:ws"], Forever);
            d.ListRightPush("log:b:ws", ["e", "f"]);
            await Assert.ThrowsAsync<RedisWrongTypeException>(() => wrong.WaitAsync(Wait));
            RedisAssert.Value("e", (await next.WaitAsync(Wait))!.Value.Value);
        });
    }

    [Fact]
    public Task A_move_deferred_until_the_push_releases_its_locks_replays()
    {
        return AssertReplaysAsync(async t =>
        {
            var d = t.Store;
            var source = "log:b:df:src";
            var destination = ShardHolder.KeyInAnotherShard(d, source, "log:b:df:dst:");
            var move = d.ListMoveBlockingAsync(source, destination, ListSide.Left, ListSide.Left, Forever);
            var behind = d.ListLeftPopBlockingAsync([source], Forever);
            using (new ShardHolder(d, destination))
            {
                Assert.Equal(3, d.ListRightPush(source, ["a", "b", "c"]));
                Assert.False(move.IsCompleted);
            }

            RedisAssert.Value("a", await move.WaitAsync(Wait));
            RedisAssert.Value("b", (await behind.WaitAsync(Wait))!.Value.Value);
            Assert.Equal(["c"], d.ListRange(source).Select(v => v.ToString()));
        });
    }

    [Fact]
    public Task Concurrent_pushes_serving_blocked_pops_and_moves_replay_to_the_same_lists()
    {
        // Whatever the interleaving, each served pop or move is recorded inside the locks of the push that served it,
        // so the log's order is the order the lists changed in.
        return AssertReplaysAsync(async t =>
        {
            var d = t.Store;
            const int keys = 6;
            var waiters = new List<Task>();
            for (var i = 0; i < 30; i++)
            {
                var key = $"log:b:cc:{i % keys}";
                waiters.Add(i % 3 == 0
                    ? d.ListMoveBlockingAsync(key, $"log:b:cc:{(i + 1) % keys}", ListSide.Left, ListSide.Right, Forever)
                    : i % 3 == 1
                        ? d.ListLeftPopBlockingAsync([key, $"log:b:cc:{(i + 2) % keys}"], Forever)
                        : d.ListPopBlockingAsync([key], ListSide.Right, Forever, 2));
            }

            var pushers = Enumerable.Range(0, 4).Select(p => Task.Run(() =>
            {
                for (var n = 0; n < 60; n++)
                {
                    d.ListRightPush($"log:b:cc:{(p + n) % keys}", [$"{p}:{n}", $"{p}:{n}b"]);
                }
            }));
            await Task.WhenAll(pushers);
            await Task.WhenAll(waiters).WaitAsync(Wait);
        });
    }

    [Fact]
    public Task Waiters_served_inside_a_transaction_are_part_of_its_record()
    {
        return AssertReplaysAsync(
            async t =>
            {
                var d = t.Store;
                var pop = d.ListLeftPopBlockingAsync(["log:b:tx"], Forever);
                var move = d.ListMoveBlockingAsync("log:b:tx2", "log:b:txd", ListSide.Right, ListSide.Left, Forever);
                await Task.Run(() => d.RunAtomic(x =>
                {
                    x.ListRightPush("log:b:tx", ["a", "b"]);
                    x.ListRightPush("log:b:tx2", ["c", "d"]);
                    x.ListLeftPop("log:b:tx2");
                }));
                RedisAssert.Value("a", (await pop.WaitAsync(Wait))!.Value.Value);
                RedisAssert.Value("d", await move.WaitAsync(Wait));
            },
            expectedRecords: 1);
    }

    [Fact]
    public Task Rename_copy_and_move_onto_a_key_with_waiters_replay_the_served_pops()
    {
        return AssertReplaysAsync(async t =>
        {
            var d = t.Store;
            var renamed = d.ListLeftPopBlockingAsync(["log:b:rn:to"], Forever);
            d.ListRightPush("log:b:rn:from", ["a", "b", "c"]);
            d.KeyRename("log:b:rn:from", "log:b:rn:to");
            RedisAssert.Value("a", (await renamed.WaitAsync(Wait))!.Value.Value);

            var copied = d.ListRightPopBlockingAsync(["log:b:cp:to"], Forever);
            d.KeyCopy("log:b:rn:to", "log:b:cp:to");
            RedisAssert.Value("c", (await copied.WaitAsync(Wait))!.Value.Value);

            var db1 = (DataStore)t.Db(1);
            var moved = db1.ListLeftPopBlockingAsync(["log:b:rn:to"], Forever);
            d.KeyMove("log:b:rn:to", 1);
            RedisAssert.Value("b", (await moved.WaitAsync(Wait))!.Value.Value);
        });
    }

    [Fact]
    public Task Timed_out_and_cancelled_waiters_record_nothing()
    {
        return AssertReplaysAsync(
            async t =>
            {
                var d = t.Store;
                using var cts = new CancellationTokenSource();
                var cancelled = d.ListLeftPopBlockingAsync(["log:b:c"], Forever, cts.Token);
                var timed = d.ListMoveBlockingAsync("log:b:c", "log:b:cd", ListSide.Left, ListSide.Left, TimeSpan.FromSeconds(1));
                cts.Cancel();
                t.Advance(1000);
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(Wait));
                Assert.True((await timed.WaitAsync(Wait)).IsNull);
                d.ListRightPush("log:b:c", "kept");
            },
            expectedRecords: 1);
    }
}
