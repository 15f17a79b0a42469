using RedisLite.Patterns;

namespace RedisLite.Tests.Conformance;

/// <summary>
/// Redis 7's transactions checked against every <see cref="IDataStore"/>: MULTI/EXEC replies of every shape, runtime
/// errors that leave the other commands applied, EXECABORT after a queue-time error, DISCARD, WATCH aborted by a write
/// from elsewhere (another connection, for redis-server) or by FLUSHDB, and not by no-ops, UNWATCH, blocking commands
/// inside MULTI, and the lock and rate-limiter patterns built on them.
/// </summary>
public abstract class TransactionConformanceTests : ConformanceSuite
{
    [ConformanceFact]
    public void Exec_returns_each_reply_typed_as_outside_a_transaction()
    {
        Db.StringSet("n", 41);
        using var tx = Db.CreateTransaction();
        var incr = tx.Add(d => d.StringIncrement("n"));
        var set = tx.Add(d => d.StringSet("s", "v", OneHour));
        var get = tx.Add(d => d.StringGet("s"));
        var missing = tx.Add(d => d.StringGet("missing"));
        var push = tx.Add(d => d.ListRightPush("l", ["a", "b", "c"]));
        var range = tx.Add(d => d.ListRange("l", 0, -1));
        var hset = tx.Add(d => d.HashSet("h", [new HashEntry("f", "1"), new HashEntry("g", "2")]));
        var hgetall = tx.Add(d => d.HashGetAll("h"));
        var zadd = tx.Add(d => d.SortedSetAdd("z", "m", 1.5));
        var zscore = tx.Add(d => d.SortedSetScore("z", "m"));
        var sadd = tx.Add(d => d.SetAdd("set", ["x", "y"]));
        var members = tx.Add(d => d.SetMembers("set"));
        var ttl = tx.Add(d => d.KeyTimeToLive("s"));
        var exists = tx.Add(d => d.KeyExists("l"));
        var flushOther = tx.Add(d => d.GetDatabase(1).FlushDatabase());
        var setOther = tx.Add(d => d.GetDatabase(1).StringSet("n", "db1"));
        var back = tx.Add(d => d.StringGet("n"));

        Assert.True(tx.Execute());

        Assert.Equal(42, incr.Value);
        Assert.True(set.Value);
        AssertValue("v", get.Value);
        AssertNil(missing.Value);
        Assert.Equal(3, push.Value);
        Assert.Equal(["a", "b", "c"], range.Value.Select(v => v.ToString()));
        Assert.Equal(2, hset.Value);
        Assert.Equal(["f=1", "g=2"], hgetall.Value.Select(e => $"{e.Name}={e.Value}").Order());
        Assert.True(zadd.Value);
        Assert.Equal(1.5, zscore.Value);
        Assert.Equal(2, sadd.Value);
        Assert.Equal(["x", "y"], members.Value.Select(v => v.ToString()).Order());
        Assert.InRange(ttl.Value!.Value, OneHour - TimeSpan.FromMinutes(1), OneHour);
        Assert.True(exists.Value);
        flushOther.ThrowIfFailed();
        Assert.True(setOther.Value);
        AssertValue("42", back.Value);
        AssertValue("db1", Db1.StringGet("n"));
    }

    [ConformanceFact]
    public void A_runtime_error_leaves_the_other_commands_applied()
    {
        Db.StringSet("s", "abc");
        using var tx = Db.CreateTransaction();
        var incr = tx.Add(d => d.StringIncrement("s"));
        var set = tx.Add(d => d.StringSet("x", 1));
        var push = tx.Add(d => d.ListLeftPush("s", "a"));
        var after = tx.Add(d => d.StringIncrement("x", 10));
        Assert.True(tx.Execute());

        AssertError(ErrorMessages.NotInteger, () => incr.Value);
        Assert.True(set.Value);
        Assert.IsType<RedisWrongTypeException>(Assert.ThrowsAny<RedisException>(() => push.Value));
        AssertError(ErrorMessages.WrongType, () => push.Value);
        Assert.Equal(TransactionResultStatus.Failed, push.Status);
        Assert.Equal(11, after.Value);
        AssertValue("abc", Db.StringGet("s"));
    }

    [ConformanceFact]
    public void A_queue_time_error_aborts_the_whole_transaction()
    {
        using var tx = Db.CreateTransaction();
        var set = tx.Add(d => d.StringSet("a", 1));
        var del = tx.Add(d => d.KeyDelete(Array.Empty<RedisKey>()));
        var incr = tx.Add(d => d.StringIncrement("b"));
        AssertError(ErrorMessages.ExecAbort, () => tx.Execute());

        AssertError(ErrorMessages.WrongArgumentCount("del"), () => del.Value);
        AssertError(ErrorMessages.ExecAbort, () => set.Value);
        AssertError(ErrorMessages.ExecAbort, () => incr.Value);
        Assert.Equal(0, Db.DatabaseSize());
        Assert.Throws<InvalidOperationException>(() => tx.Execute());
    }

    [ConformanceFact]
    public void Discard_runs_nothing()
    {
        Db.StringSet("w", 1);
        using var tx = Db.CreateTransaction();
        tx.Watch("w");
        var set = tx.Add(d => d.StringSet("a", 1));
        tx.Discard();
        Assert.Equal(TransactionResultStatus.Discarded, set.Status);
        Assert.Throws<InvalidOperationException>(() => set.Value);
        AssertNil(Db.StringGet("a"));
        Assert.Throws<InvalidOperationException>(() => tx.Add(d => d.StringSet("a", 1)));
    }

    [ConformanceFact]
    public void An_empty_transaction_executes()
    {
        using var tx = Db.CreateTransaction();
        Assert.True(tx.Execute());
    }

    [ConformanceFact]
    public void Watch_aborts_when_a_watched_key_is_written_elsewhere()
    {
        Db.StringSet("k", 1);
        using var tx = Db.CreateTransaction();
        tx.Watch("k", "other");
        var incr = tx.Add(d => d.StringIncrement("counter"));
        Db.StringSet("k", 1);
        Assert.False(tx.Execute());
        Assert.Equal(TransactionResultStatus.Aborted, incr.Status);
        Assert.Throws<InvalidOperationException>(() => incr.Value);
        AssertNil(Db.StringGet("counter"));
    }

    [ConformanceFact]
    public void Watch_of_a_missing_key_aborts_when_it_is_created()
    {
        using var tx = Db.CreateTransaction();
        tx.Watch("m");
        tx.Add(d => d.StringSet("marker", 1));
        Db.ListLeftPush("m", "x");
        Assert.False(tx.Execute());
        AssertNil(Db.StringGet("marker"));
    }

    [ConformanceFact]
    public void Watch_holds_when_nothing_changed_or_only_no_ops_ran()
    {
        Db.StringSet("k", 1);
        using var tx = Db.CreateTransaction();
        tx.Watch("k", "missing");
        Db.StringSet("k", 2, when: When.NotExists);
        Db.KeyDelete("missing");
        Db.KeyPersist("k");
        Db.StringGet("k");
        Db1.StringSet("k", 5);
        var incr = tx.Add(d => d.StringIncrement("k"));
        Assert.True(tx.Execute());
        Assert.Equal(2, incr.Value);
    }

    [ConformanceFact]
    public void Unwatch_forgets_the_watched_keys()
    {
        Db.StringSet("k", 1);
        using var tx = Db.CreateTransaction();
        tx.Watch("k");
        Db.StringSet("k", 2);
        tx.Unwatch();
        var incr = tx.Add(d => d.StringIncrement("k"));
        Assert.True(tx.Execute());
        Assert.Equal(3, incr.Value);
    }

    [ConformanceFact]
    public void Flushdb_aborts_watches_of_existing_keys_only()
    {
        Db.StringSet("k", 1);
        using (var tx = Db.CreateTransaction())
        {
            tx.Watch("k");
            Db.FlushDatabase();
            tx.Add(d => d.StringSet("marker", 1));
            Assert.False(tx.Execute());
        }

        using (var tx = Db.CreateTransaction())
        {
            tx.Watch("k");
            Db.FlushDatabase();
            tx.Add(d => d.StringSet("marker", 1));
            Assert.True(tx.Execute());
        }

        AssertValue("1", Db.StringGet("marker"));
    }

    [ConformanceFact]
    public void Watch_aborts_on_rename_onto_the_watched_key()
    {
        Db.StringSet("src", 1);
        using var tx = Db.CreateTransaction();
        tx.Watch("dst");
        Db.KeyRename("src", "dst");
        tx.Add(d => d.StringSet("marker", 1));
        Assert.False(tx.Execute());
    }

    [ConformanceFact]
    public async Task Blocking_commands_inside_a_transaction_reply_at_once_as_on_timeout()
    {
        using var tx = Db.CreateTransaction();
        var pop = tx.Add(d => d.ListLeftPopBlockingAsync(["nolist"], TimeSpan.Zero));
        var push = tx.Add(d => d.ListRightPush("full", "a"));
        var popFull = tx.Add(d => d.ListRightPopBlockingAsync(["full"], TimeSpan.Zero));
        Assert.True(tx.Execute());
        Assert.Null(await pop.Value);
        Assert.Equal(1, push.Value);
        var popped = await popFull.Value;
        AssertValue("a", popped!.Value.Value);
    }

    [ConformanceFact]
    public void Lock_release_and_extend_need_the_holders_token()
    {
        var gate = new DistributedLock(Db, "lock", OneHour);
        var mine = DistributedLock.NewToken();
        var theirs = DistributedLock.NewToken();
        Assert.True(gate.TryAcquire(mine));
        Assert.False(gate.TryAcquire(theirs));
        Assert.False(gate.Release(theirs));
        Assert.False(gate.TryExtend(theirs));
        Assert.True(gate.TryExtend(mine));
        Assert.True(gate.Release(mine));
        AssertNil(Db.StringGet("lock"));
        Assert.False(gate.Release(mine));
        Assert.True(gate.TryAcquire(theirs));
    }

    [ConformanceFact]
    public void Rate_limiter_counts_attempts_in_a_window_with_a_ttl()
    {
        var limiter = new FixedWindowRateLimiter(Db, 3, OneHour);
        Assert.Equal([true, true, true, false, false], Enumerable.Range(0, 5).Select(_ => limiter.TryAcquire("rl")));
        Assert.Equal(5, (long)Db.StringGet("rl"));
        Assert.InRange(Db.KeyTimeToLive("rl")!.Value, OneHour - TimeSpan.FromMinutes(1), OneHour);
        Db.StringSet("rl", "not a number");
        AssertError(ErrorMessages.NotInteger, () => limiter.TryAcquire("rl"));
    }
}
