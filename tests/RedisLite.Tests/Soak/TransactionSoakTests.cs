using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace RedisLite.Tests.Soak;

/// <summary>
/// Transactions, WATCH retry loops, atomic delegates, blocking pops and the active expiry cycle all at once, on the real
/// clock: transfers keep a total constant and push a receipt that blocked consumers take; WATCH loops increment a
/// counter; short-lived keys expire under watches. At the end the total is intact, every receipt was consumed exactly
/// once or is still queued, no increment was lost, and nobody is left blocked.
/// </summary>
[Trait("Category", "Soak")]
public sealed class TransactionSoakTests
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Transactions_watches_and_blocking_pops_keep_every_invariant()
    {
        using var store = new DataStore(new RedisLiteOptions { ActiveExpiryInterval = TimeSpan.FromMilliseconds(5) }, TimeProvider.System);
        var accounts = Enumerable.Range(0, 12).Select(i => (RedisKey)("soak:acct:" + i.ToString(CultureInfo.InvariantCulture))).ToArray();
        foreach (var account in accounts)
        {
            store.StringSet(account, 1000);
        }

        var failures = new ConcurrentQueue<string>();
        var consumed = new ConcurrentDictionary<string, int>();
        long transfers = 0, increments = 0;
        var clock = Stopwatch.StartNew();
        bool Running() => clock.Elapsed < Duration;

        Task Loop(Action<Random> body, int seed) => Task.Factory.StartNew(
            () =>
            {
                var random = new Random(seed);
                try
                {
                    while (Running())
                    {
                        body(random);
                    }
                }
                catch (Exception ex)
                {
                    failures.Enqueue(ex.ToString());
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

        var tasks = new List<Task>
        {
            Loop(random => Transfer(store, accounts, random, ref transfers), 1),
            Loop(random => Transfer(store, accounts, random, ref transfers), 2),
            Loop(_ =>
            {
                while (true)
                {
                    using var tx = store.CreateTransaction();
                    tx.Watch("soak:counter", "soak:volatile");
                    var current = (long)store.StringGet("soak:counter");
                    tx.Add(d => d.StringSet("soak:counter", current + 1));
                    if (tx.Execute())
                    {
                        Interlocked.Increment(ref increments);
                        return;
                    }
                }
            }, 3),
            Loop(random => store.StringSet("soak:volatile", random.Next(), Expiration.InMilliseconds(random.Next(1, 5))), 4),
            Loop(_ =>
            {
                var total = store.RunAtomic(d => accounts.Sum(a => (long)d.StringGet(a)));
                if (total != 12_000)
                {
                    failures.Enqueue($"RunAtomic saw a total of {total}");
                }
            }, 5),
        };

        var consumers = Enumerable.Range(0, 3).Select(async c =>
        {
            while (Running())
            {
                var popped = await store.ListLeftPopBlockingAsync(["soak:receipts"], TimeSpan.FromMilliseconds(20));
                if (popped is { } item && consumed.AddOrUpdate(item.Value.ToString()!, 1, (_, n) => n + 1) != 1)
                {
                    failures.Enqueue($"receipt {item.Value} was consumed twice");
                }
            }
        }).ToList();

        await Task.WhenAll(tasks.Concat(consumers));

        Assert.Empty(failures);
        Assert.Equal(12_000, accounts.Sum(a => (long)store.StringGet(a)));
        var remaining = store.ListRange("soak:receipts").Select(v => v.ToString()!).ToList();
        Assert.Equal(transfers, consumed.Count + remaining.Count);
        Assert.Empty(remaining.Intersect(consumed.Keys));
        Assert.Equal(increments, (long)store.StringGet("soak:counter"));
        Assert.Equal(0, store.BlockedCallCount);
        Assert.True(transfers > 0 && increments > 0);
    }

    private static void Transfer(DataStore store, RedisKey[] accounts, Random random, ref long transfers)
    {
        var from = accounts[random.Next(accounts.Length)];
        var to = accounts[random.Next(accounts.Length)];
        var amount = random.Next(1, 20);
        var receipt = Guid.NewGuid().ToString("N");
        using var tx = store.CreateTransaction();
        tx.Add(d => d.StringDecrement(from, amount));
        tx.Add(d => d.StringIncrement(to, amount));
        tx.Add(d => d.ListRightPush("soak:receipts", receipt));
        tx.Add(d => d.ListLeftPopBlockingAsync(["soak:empty"], TimeSpan.Zero));
        if (!tx.Execute())
        {
            throw new InvalidOperationException("a transaction without WATCH was aborted");
        }

        Interlocked.Increment(ref transfers);
    }
}
