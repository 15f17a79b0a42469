namespace RedisLite.Tests.Transactions;

/// <summary>The exclusive section holds only the databases that have a view (the others are unreachable), and a
/// database first reached inside a transaction or atomic delegate joins the section at once.</summary>
public sealed class ExclusiveSectionTests
{
    [Fact]
    public async Task A_database_first_reached_inside_an_atomic_delegate_is_isolated_until_it_ends()
    {
        using var store = new DataStore(new RedisLiteOptions { ActiveExpiry = false, Metrics = false });
        using var started = new ManualResetEventSlim();
        Task? other = null;

        store.RunAtomic(d =>
        {
            var seven = d.GetDatabase(7);            // first view of database 7: created inside the section
            seven.StringSet("k", "inside");
            other = Task.Run(() =>
            {
                started.Set();
                store.GetDatabase(7).StringSet("k", "outside");
            });
            started.Wait();

            // The other writer needs database 7 too; it must not get in before the delegate ends. (A wrong
            // implementation lets it through at once, and this wait ends early with its write visible.)
            Assert.False(other.Wait(TimeSpan.FromMilliseconds(200)), "another thread wrote to database 7 inside the section");
            Assert.Equal("inside", (string?)seven.StringGet("k"));
            return true;
        });

        await other!.WaitAsync(TimeSpan.FromSeconds(10));
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

        var writer = Task.Run(() => three.StringSet("x", "y"));
        await Task.WhenAny(writer, Task.Delay(TimeSpan.FromMilliseconds(200)));
        Assert.False(writer.IsCompleted, "a write to an active database ran inside the section");
        release.Set();

        await Task.WhenAll(atomic, writer).WaitAsync(TimeSpan.FromSeconds(10));
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
}
