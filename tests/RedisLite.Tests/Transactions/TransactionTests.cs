using RedisLite.Tests.Infrastructure;

namespace RedisLite.Tests.Transactions;

/// <summary>MULTI/EXEC/DISCARD/WATCH semantics of the in-process store, with a fake clock for the expiry rules.</summary>
public sealed class TransactionTests : IDisposable
{
    private readonly TestStore _t = new();

    private DataStore Store => _t.Store;

    public void Dispose() => _t.Dispose();

    [Fact]
    public void Execute_returns_each_reply_in_order()
    {
        Store.StringSet("n", 10);
        using var tx = Store.CreateTransaction();
        var incr = tx.Add(d => d.StringIncrement("n", 5));
        var set = tx.Add(d => d.StringSet("s", "v"));
        var get = tx.Add(d => d.StringGet("s"));
        var push = tx.Add(d => d.ListRightPush("l", ["a", "b"]));
        var flush = tx.Add(d => d.GetDatabase(3).FlushDatabase());
        Assert.Equal(5, tx.Count);
        Assert.Equal(TransactionResultStatus.Pending, incr.Status);
        Assert.Throws<InvalidOperationException>(() => incr.Value);

        Assert.True(tx.Execute());

        Assert.Equal(15, incr.Value);
        Assert.True(set.Value);
        RedisAssert.Value("v", get.Value);
        Assert.Equal(2, push.Value);
        flush.ThrowIfFailed();
        Assert.Equal(TransactionResultStatus.Completed, flush.Status);
        Assert.Throws<InvalidOperationException>(() => tx.Execute());
        Assert.Throws<InvalidOperationException>(() => tx.Add(d => d.StringGet("s")));
    }

    [Fact]
    public void A_command_failing_at_run_time_does_not_undo_the_others()
    {
        Store.StringSet("s", "abc");
        using var tx = Store.CreateTransaction();
        var incr = tx.Add(d => d.StringIncrement("s"));
        var set = tx.Add(d => d.StringSet("x", 1));
        var push = tx.Add(d => d.ListLeftPush("s", "a"));
        Assert.True(tx.Execute());

        RedisAssert.Throws(ErrorMessages.NotInteger, () => incr.Value);
        Assert.Equal(TransactionResultStatus.Failed, incr.Status);
        Assert.True(set.Value);
        Assert.IsType<RedisWrongTypeException>(push.Error);
        RedisAssert.Throws(ErrorMessages.WrongType, () => push.Value);
        RedisAssert.Value("1", Store.StringGet("x"));
        RedisAssert.Value("abc", Store.StringGet("s"));
    }

    [Fact]
    public void A_command_rejected_when_queued_discards_the_whole_transaction()
    {
        using var tx = Store.CreateTransaction();
        var set = tx.Add(d => d.StringSet("a", 1));
        var del = tx.Add(d => d.KeyDelete(Array.Empty<RedisKey>()));
        var incr = tx.Add(d => d.StringIncrement("b"));

        // Queue-time errors are known at once, as Redis's -ERR reply to the queued command.
        Assert.Equal(TransactionResultStatus.Failed, del.Status);
        RedisAssert.Throws(ErrorMessages.ExecAbort, () => tx.Execute());

        RedisAssert.Throws(ErrorMessages.WrongArgumentCount("del"), () => del.Value);
        RedisAssert.Throws(ErrorMessages.ExecAbort, () => set.Value);
        RedisAssert.Throws(ErrorMessages.ExecAbort, () => incr.Value);
        Assert.True(Store.StringGet("a").IsNull);
        Assert.True(Store.StringGet("b").IsNull);
        Assert.Equal(0, Store.DatabaseSize());
    }

    [Fact]
    public async Task Queue_time_checks_do_not_touch_the_store_and_runtime_errors_are_not_queue_time_errors()
    {
        Store.StringSet("s", "abc");
        using var tx = Store.CreateTransaction();
        var incr = tx.Add(d => d.StringIncrement("s"));
        var set = tx.Add(d => d.StringSet("new", "v"));
        var pop = tx.Add(d => d.ListLeftPopBlockingAsync(["nolist"], TimeSpan.Zero));

        // Checking a queued command must not run it on the real store.
        Assert.True(Store.StringGet("new").IsNull);
        Assert.Equal(TransactionResultStatus.Pending, incr.Status);
        Assert.True(tx.Execute());
        Assert.Equal(TransactionResultStatus.Failed, incr.Status);
        Assert.True(set.Value);

        // A blocking command inside a transaction answers at once, as on a timeout.
        Assert.True(pop.Value.IsCompletedSuccessfully);
        Assert.Null(await pop.Value);
        Assert.Equal(0, Store.BlockedCallCount);
    }

    [Fact]
    public void Add_rejects_null_delegates_and_dotnet_argument_errors_at_once()
    {
        using var tx = Store.CreateTransaction();
        Assert.Throws<ArgumentNullException>(() => tx.Add<long>(null!));
        Assert.Throws<ArgumentNullException>(() => tx.Add((Action<IDataStore>)null!));
        Assert.ThrowsAny<ArgumentException>(() => tx.Add(d => d.StringGet(default(RedisKey))));
        Assert.ThrowsAny<ArgumentException>(() => tx.Watch());
        Assert.ThrowsAny<ArgumentException>(() => tx.Watch(default(RedisKey)));
        Assert.Equal(0, tx.Count);
        Assert.True(tx.Execute());
    }

    [Fact]
    public void Discard_drops_the_queue_and_the_watches()
    {
        Store.StringSet("w", 1);
        using var tx = Store.CreateTransaction();
        tx.Watch("w");
        var set = tx.Add(d => d.StringSet("a", 1));
        tx.Discard();
        Assert.Equal(TransactionResultStatus.Discarded, set.Status);
        Assert.Throws<InvalidOperationException>(() => set.Value);
        Assert.True(Store.StringGet("a").IsNull);
        Assert.Throws<InvalidOperationException>(() => tx.Execute());
        Assert.Throws<InvalidOperationException>(() => tx.Discard());

        // The watch is gone: a second transaction watching the same key is unaffected by the first.
        using var second = Store.CreateTransaction();
        second.Watch("w");
        Store.StringSet("other", 1);
        Assert.True(second.Execute());
    }

    [Fact]
    public void Disposing_an_unexecuted_transaction_discards_it()
    {
        TransactionResult<bool> set;
        using (var tx = Store.CreateTransaction())
        {
            tx.Watch("k");
            set = tx.Add(d => d.StringSet("a", 1));
        }

        Assert.Equal(TransactionResultStatus.Discarded, set.Status);
        Assert.True(Store.StringGet("a").IsNull);
    }

    // ------------------------------------------------------------------ WATCH

    private bool WatchedExecute(RedisKey key, Action between, IDataStore? on = null)
    {
        on ??= Store;
        using var tx = on.CreateTransaction();
        tx.Watch(key);
        between();
        var set = tx.Add(d => d.StringSet("marker", 1));
        var committed = tx.Execute();
        Assert.Equal(committed ? TransactionResultStatus.Completed : TransactionResultStatus.Aborted, set.Status);
        Assert.Equal(committed, !on.StringGet("marker").IsNull);
        on.KeyDelete("marker");
        return committed;
    }

    [Fact]
    public void Watch_aborts_exec_when_the_key_is_written()
    {
        Store.StringSet("k", 1);
        Assert.False(WatchedExecute("k", () => Store.StringSet("k", 1)));
        Assert.False(WatchedExecute("k", () => Store.StringIncrement("k")));
        Assert.False(WatchedExecute("k", () => Store.KeyDelete("k")));
        Assert.True(WatchedExecute("k", () => Store.StringSet("other", 1)));
        Assert.True(WatchedExecute("k", () => { }));
    }

    [Fact]
    public void Aborted_transaction_runs_nothing_and_reports_aborted()
    {
        Store.StringSet("k", 1);
        using var tx = Store.CreateTransaction();
        tx.Watch("k");
        var incr = tx.Add(d => d.StringIncrement("counter"));
        Store.StringSet("k", 2);
        Assert.False(tx.Execute());
        Assert.Equal(TransactionResultStatus.Aborted, incr.Status);
        Assert.Throws<InvalidOperationException>(() => incr.Value);
        Assert.True(Store.StringGet("counter").IsNull);
    }

    [Fact]
    public void Watch_of_a_missing_key_aborts_when_it_is_created_but_not_on_no_ops()
    {
        Assert.False(WatchedExecute("m", () => Store.StringSet("m", 1)));
        Store.KeyDelete("m");
        Assert.True(WatchedExecute("m", () => Store.KeyDelete("m")));
        Assert.True(WatchedExecute("m", () => Store.ListLeftPop("m")));
        Assert.True(WatchedExecute("m", () => Store.KeyPersist("m")));
        Assert.False(WatchedExecute("m", () => Store.ListLeftPush("m", "x")));
    }

    [Fact]
    public void Watch_ignores_string_writes_that_change_nothing()
    {
        Store.StringSet("k", 1);
        Assert.True(WatchedExecute("k", () => Store.StringSet("k", 2, when: When.NotExists)));
        Assert.True(WatchedExecute("k", () => Store.KeyPersist("k")));
        Assert.True(WatchedExecute("k", () => Store.KeyRename("k", "k")));
        Assert.False(WatchedExecute("k", () => Store.KeyExpire("k", TimeSpan.FromHours(1))));
        Assert.False(WatchedExecute("k", () => Store.KeyPersist("k")));
    }

    [Fact]
    public void Watch_sees_collection_writes()
    {
        Store.ListRightPush("l", ["a"]);
        Assert.False(WatchedExecute("l", () => Store.ListRightPush("l", "b")));
        Assert.False(WatchedExecute("l", () => Store.ListLeftPop("l")));
        Assert.False(WatchedExecute("l", () => Store.ListLeftPop("l")));
        Assert.Equal(0, Store.ListLength("l"));
        Store.SetAdd("s", "x");
        Assert.False(WatchedExecute("s", () => Store.SetAdd("s", "y")));
        Store.SetAdd("src", "m");
        Assert.False(WatchedExecute("dst", () => Store.SetMove("src", "dst", "m")));
        Assert.False(WatchedExecute("src", () => Store.SetAdd("src", "n")));
    }

    [Fact]
    public void Reads_of_any_type_do_not_abort_watches()
    {
        Store.StringSet("s", "v");
        Store.ListRightPush("l", ["a", "b"]);
        Store.SetAdd("set", ["a", "b"]);
        Store.HashSet("h", "f", "v");
        Store.SortedSetAdd("z", "m", 1);
        Assert.True(WatchedExecute("s", () => Store.StringGet("s")));
        Assert.True(WatchedExecute("l", () =>
        {
            Store.ListRange("l");
            Store.ListLength("l");
            Store.ListGetByIndex("l", 0);
        }));
        Assert.True(WatchedExecute("set", () =>
        {
            Store.SetMembers("set");
            Store.SetContains("set", "a");
            Store.SetCombine(SetOperation.Intersect, ["set", "set"]);
        }));
        Assert.True(WatchedExecute("h", () =>
        {
            Store.HashGet("h", "f");
            Store.HashGetAll("h");
        }));
        Assert.True(WatchedExecute("z", () =>
        {
            Store.SortedSetScore("z", "m");
            Store.SortedSetRangeByRank("z");
            Store.SortedSetRank("z", "m");
        }));
    }

    [Fact]
    public void Watch_aborts_when_the_key_expires_after_watch_even_if_not_reclaimed()
    {
        Store.StringSet("k", "v", Expiration.InMilliseconds(100));
        Assert.False(WatchedExecute("k", () => _t.Advance(200)));
    }

    [Fact]
    public void Watch_aborts_when_the_active_cycle_reclaims_the_key()
    {
        Store.StringSet("k", "v", Expiration.InMilliseconds(100));
        Assert.False(WatchedExecute("k", () =>
        {
            _t.Advance(200);
            Assert.Equal(1, Store.RunActiveExpiryCycle());
        }));
    }

    [Fact]
    public void Watch_of_a_key_already_expired_is_not_aborted_by_its_expiry_or_reclaim()
    {
        Store.StringSet("a", "v", Expiration.InMilliseconds(50));
        Store.StringSet("b", "v", Expiration.InMilliseconds(50));
        Store.StringSet("c", "v", Expiration.InMilliseconds(50));
        Store.StringSet("d", "v", Expiration.InMilliseconds(50));
        _t.Advance(100);
        Assert.True(WatchedExecute("a", () => { }));
        Assert.True(WatchedExecute("b", () => Assert.True(Store.StringGet("b").IsNull)));
        Assert.True(WatchedExecute("d", () => Store.FlushDatabase()));
        Store.StringSet("d2", "v", Expiration.InMilliseconds(50));
        Assert.False(WatchedExecute("c", () => Store.StringSet("c", "new")));
    }

    [Fact]
    public void Watch_aborts_on_flush_only_if_the_key_existed()
    {
        Store.StringSet("k", 1);
        Assert.False(WatchedExecute("k", () => Store.FlushDatabase()));
        Assert.True(WatchedExecute("k", () => Store.FlushDatabase()));
        Store.StringSet("k", 1);
        Assert.False(WatchedExecute("k", () => _t.Db(5).FlushAllDatabases()));
        Store.StringSet("k", 1);
        Assert.True(WatchedExecute("k", () => _t.Db(1).FlushDatabase()));
    }

    [Fact]
    public void Watch_aborts_on_rename_copy_and_move()
    {
        Store.StringSet("src", 1);
        Assert.False(WatchedExecute("src", () => Store.KeyRename("src", "dst")));
        Assert.False(WatchedExecute("dst", () => Store.KeyRename("dst", "src")));
        Assert.False(WatchedExecute("copy", () => Store.KeyCopy("src", "copy")));
        Assert.False(WatchedExecute("src", () => Store.KeyMove("src", 2)));
        Assert.False(WatchedExecute("src", () => _t.Db(2).KeyMove("src", 0), on: Store));
        Assert.False(WatchedExecute("src", () => Store.KeyCopy("src", "src", 2), on: _t.Db(2)));
        Assert.True(WatchedExecute("src", () => Store.KeyCopy("src", "src", 2), on: _t.Db(2)));
    }

    [Fact]
    public void Watch_is_per_database()
    {
        Store.StringSet("k", 1);
        Assert.True(WatchedExecute("k", () => _t.Db(1).StringSet("k", 2)));
        Assert.False(WatchedExecute("k", () => _t.Db(1).StringSet("k", 3), on: _t.Db(1)));
    }

    [Fact]
    public void Unwatch_forgets_the_watched_keys()
    {
        Store.StringSet("k", 1);
        using var tx = Store.CreateTransaction();
        tx.Watch("k", "k");
        Store.StringSet("k", 2);
        tx.Unwatch();
        var set = tx.Add(d => d.StringSet("k", 3));
        Assert.True(tx.Execute());
        Assert.True(set.Value);
        RedisAssert.Value("3", Store.StringGet("k"));
    }

    [Fact]
    public void The_transactions_own_writes_do_not_abort_it_or_later_ones()
    {
        using (var tx = Store.CreateTransaction())
        {
            tx.Watch("own");
            tx.Add(d => d.StringSet("own", 1));
            Assert.True(tx.Execute());
        }

        using (var tx = Store.CreateTransaction())
        {
            tx.Add(d => d.StringSet("own", 2));
            Assert.True(tx.Execute());
        }

        RedisAssert.Value("2", Store.StringGet("own"));
    }

    [Fact]
    public void Watch_on_two_transactions_the_first_to_execute_wins()
    {
        Store.StringSet("k", 0);
        using var first = Store.CreateTransaction();
        using var second = Store.CreateTransaction();
        first.Watch("k");
        second.Watch("k");
        first.Add(d => d.StringIncrement("k"));
        second.Add(d => d.StringIncrement("k"));
        Assert.True(first.Execute());
        Assert.False(second.Execute());
        RedisAssert.Value("1", Store.StringGet("k"));
    }

    // ------------------------------------------------------------------ RunAtomic

    [Fact]
    public void RunAtomic_returns_the_bodys_result_and_sees_its_own_writes()
    {
        var result = Store.RunAtomic(d =>
        {
            d.StringSet("a", 1);
            d.SetAdd("s", ["x", "y"]);
            return d.StringIncrement("a") + d.SetLength("s") + d.StringGet(["a", "b"]).Length;
        });
        Assert.Equal(2 + 2 + 2, result);
    }

    [Fact]
    public async Task RunAtomic_does_not_roll_back_and_propagates_exceptions()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Store.RunAtomic(d =>
        {
            d.StringSet("applied", 1);
            throw new InvalidOperationException("boom");
        }));
        Assert.Equal("boom", ex.Message);
        RedisAssert.Value("1", Store.StringGet("applied"));
        RedisAssert.Throws(ErrorMessages.WrongType, () => Store.RunAtomic(d =>
        {
            d.StringSet("x", 1);
            d.ListLeftPush("applied", "a");
        }));
        RedisAssert.Value("1", Store.StringGet("x"));

        // The store is free again afterwards.
        Assert.True(await Task.Run(() => Store.StringSet("free", 1)).WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task RunAtomic_blocking_commands_answer_at_once_and_nesting_is_refused()
    {
        var pop = Store.RunAtomic(d => d.ListLeftPopBlockingAsync(["none"], TimeSpan.Zero));
        Assert.Null(await pop);
        Assert.Throws<InvalidOperationException>(() => Store.RunAtomic(d => Store.RunAtomic(_ => 1)));
        Assert.Throws<InvalidOperationException>(() => Store.RunAtomic(d =>
        {
            using var tx = d.CreateTransaction();
            tx.Add(x => x.StringSet("a", 1));
            return tx.Execute();
        }));
        Assert.Throws<ArgumentNullException>(() => Store.RunAtomic((Func<IDataStore, int>)null!));
        Assert.Throws<ArgumentNullException>(() => Store.RunAtomic((Action<IDataStore>)null!));
    }

    [Fact]
    public async Task A_push_inside_a_transaction_serves_a_client_blocked_outside()
    {
        var waiting = Store.ListLeftPopBlockingAsync(["q"], TimeSpan.Zero);
        Assert.False(waiting.IsCompleted);
        using var tx = Store.CreateTransaction();
        tx.Add(d => d.ListRightPush("q", ["a", "b"]));
        var rest = tx.Add(d => d.ListRange("q"));
        Assert.True(tx.Execute());
        var served = await waiting.WaitAsync(TimeSpan.FromSeconds(30));
        RedisAssert.Value("a", served!.Value.Value);

        // Served only after EXEC, as in Redis: inside the transaction the list still held both elements.
        Assert.Equal(["a", "b"], rest.Value.Select(v => v.ToString()));
        Assert.Equal(["b"], Store.ListRange("q").Select(v => v.ToString()));
    }
}
