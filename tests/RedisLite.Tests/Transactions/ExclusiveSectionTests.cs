namespace RedisLite.Tests.Transactions;

/// <summary>The exclusive section holds only the databases that have a view (the others are unreachable), and a
/// database first reached inside a transaction or atomic delegate joins the section at once.</summary>
public sealed class ExclusiveSectionTests
{
    [Fact]
    public void A_database_first_reached_inside_an_atomic_delegate_is_isolated_until_it_ends()
    {
        using var store = new DataStore(new RedisLiteOptions { ActiveExpiry = false, Metrics = false });
        Thread? other = null;

        store.RunAtomic(d =>
        {
            var seven = d.GetDatabase(7);            // first view of database 7: created inside the section
            seven.StringSet("k", "inside");
            other = StartThread(() => store.GetDatabase(7).StringSet("k", "outside"));

            // The other writer needs database 7 too: it must block, not finish, before the delegate ends.
            AssertBlocked(other, "another thread wrote to database 7 inside the section");
            Assert.Equal("inside", (string?)seven.StringGet("k"));
            return true;
        });

        Assert.True(other!.Join(TimeSpan.FromSeconds(10)));
        Assert.Equal("outside", (string?)store.GetDatabase(7).StringGet("k"));
    }

    [Fact]
    public async Task Writers_of_an_active_database_wait_for_a_transaction_and_others_are_unaffected()
    {
        using var store = new DataStore(new RedisLiteOptions { ActiveExpiry = false, Metrics = false });
        var three = store.GetDatabase(3);
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();

        var atomic = Task.Run(() => store.RunAtomic(d =>
        {
            d.StringSet("a", "1");
            entered.Set();
            release.Wait();
            return d.StringSet("b", "2");
        }));
        entered.Wait();

        var writer = StartThread(() => three.StringSet("x", "y"));
        AssertBlocked(writer, "a write to an active database ran inside the section");
        release.Set();

        await atomic.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(writer.Join(TimeSpan.FromSeconds(10)));
        Assert.Equal("y", (string?)three.StringGet("x"));
        Assert.Equal(["1", "2"], store.StringGet(["a", "b"]).Select(static v => (string?)v));
    }

    [Fact]
    public async Task Transactions_spanning_databases_created_on_the_fly_commit_and_release_every_shard()
    {
        using var store = new DataStore(new RedisLiteOptions { ActiveExpiry = false, Metrics = false });
        for (var round = 0; round < 3; round++)
        {
            using var tx = store.CreateTransaction();
            var database = 10 + round;
            tx.Add(d => d.GetDatabase(database).StringSet("k", round));
            tx.Add(d => d.GetDatabase(database).KeyMove("k", 0));
            Assert.True(tx.Execute());
            Assert.Equal(round, (long)store.StringGet("k"));
            store.KeyDelete("k");
        }

        // Every shard was released: writes from another thread to each database go through at once.
        await Task.Run(() =>
        {
            for (var d = 0; d < store.DatabaseCount; d++)
            {
                store.GetDatabase(d).StringSet("after", d);
            }
        }).WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_write_to_another_store_inside_an_atomic_delegate_serves_that_stores_blocked_callers_at_once()
    {
        using var x = new DataStore(new RedisLiteOptions { ActiveExpiry = false, Metrics = false });
        using var y = new DataStore(new RedisLiteOptions { ActiveExpiry = false, Metrics = false });
        var pop = y.ListLeftPopBlockingAsync(["q"], TimeSpan.FromSeconds(30));
        Assert.True(SpinWait.SpinUntil(() => y.Info().BlockedClients == 1, TimeSpan.FromSeconds(10)));

        x.RunAtomic(d =>
        {
            // Y has no transaction running: its push is an ordinary write, served inside Y's own write scope (deferring
            // it to X's exit would serve Y's waiter without Y's locks).
            y.ListLeftPush("q", "v");
            Assert.True(pop.Wait(TimeSpan.FromSeconds(10)), "Y's blocked caller waited for X's delegate to end");
            return y.ListLength("q");
        });

        Assert.Equal("v", (string?)(await pop)!.Value.Value);
        Assert.Equal(0, y.ListLength("q"));
    }

    private static Thread StartThread(Action body)
    {
        var thread = new Thread(() => body()) { IsBackground = true };
        thread.Start();
        return thread;
    }

    /// <summary>Waits (event-driven, no fixed delay) until <paramref name="thread"/> either finishes or blocks on a
    /// lock, and asserts that it blocked: a thread let through would finish instead.</summary>
    private static void AssertBlocked(Thread thread, string message)
    {
        Assert.True(
            SpinWait.SpinUntil(() => !thread.IsAlive || (thread.ThreadState & ThreadState.WaitSleepJoin) != 0, TimeSpan.FromSeconds(10)),
            "the thread neither finished nor blocked");
        Assert.True(thread.IsAlive, message);
    }
}
