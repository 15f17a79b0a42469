using System.Collections.Concurrent;
using System.Globalization;
using RedisLite.Patterns;
using RedisLite.Tests.Infrastructure;

namespace RedisLite.Tests.Transactions;

/// <summary>Transactions, WATCH, RunAtomic and the lock and rate-limiter patterns under many threads. Each test runs a
/// fixed amount of work (no timing), and checks an exact outcome.</summary>
public sealed class TransactionConcurrencyTests : IDisposable
{
    private const int Threads = 8;

    private readonly TestStore _t = new();

    private DataStore Store => _t.Store;

    public void Dispose() => _t.Dispose();

    private static Task[] Run(int threads, Action<int> body) =>
        Enumerable.Range(0, threads).Select(i => Task.Factory.StartNew(() => body(i), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();

    [Fact]
    public async Task Watch_based_increments_never_lose_an_update()
    {
        const int PerThread = 300;
        Store.StringSet("counter", 0);
        long retries = 0;
        await Task.WhenAll(Run(Threads, _ =>
        {
            for (var i = 0; i < PerThread; i++)
            {
                while (true)
                {
                    using var tx = Store.CreateTransaction();
                    tx.Watch("counter");
                    var current = (long)Store.StringGet("counter");
                    var set = tx.Add(d => d.StringSet("counter", current + 1));
                    if (tx.Execute())
                    {
                        Assert.True(set.Value);
                        break;
                    }

                    Interlocked.Increment(ref retries);
                }
            }
        }));

        Assert.Equal(Threads * PerThread, (long)Store.StringGet("counter"));
    }

    [Fact]
    public async Task Batches_are_never_observed_half_applied()
    {
        // Transfers between accounts spread over the shards keep the total constant; readers check it with MGET,
        // with transactions of their own and inside RunAtomic, while the writers run.
        const int Accounts = 16;
        const long Initial = 1000;
        var keys = Enumerable.Range(0, Accounts).Select(i => (RedisKey)("acct:" + i.ToString(CultureInfo.InvariantCulture))).ToArray();
        foreach (var key in keys)
        {
            Store.StringSet(key, Initial);
        }

        var failures = new ConcurrentQueue<string>();
        var writersDone = 0;
        var writers = Run(4, w =>
        {
            var random = new Random(w);
            for (var i = 0; i < 400; i++)
            {
                var from = keys[random.Next(Accounts)];
                var to = keys[random.Next(Accounts)];
                var amount = random.Next(1, 50);
                using var tx = Store.CreateTransaction();
                tx.Add(d => d.StringDecrement(from, amount));
                tx.Add(d => d.StringIncrement(to, amount));
                tx.Add(d => d.ListRightPush("log", amount));
                tx.Add(d => d.StringIncrement("transfers"));
                Assert.True(tx.Execute());
            }

            Interlocked.Increment(ref writersDone);
        });

        var readers = Run(3, r =>
        {
            while (Volatile.Read(ref writersDone) < 4)
            {
                long sum;
                long logged, transfers;
                switch (r)
                {
                    case 0:
                        sum = Store.StringGet(keys).Sum(v => (long)v);
                        break;
                    case 1:
                    {
                        using var tx = Store.CreateTransaction();
                        var values = tx.Add(d => d.StringGet(keys));
                        Assert.True(tx.Execute());
                        sum = values.Value.Sum(v => (long)v);
                        break;
                    }

                    default:
                        (sum, logged, transfers) = Store.RunAtomic(d => (
                            keys.Sum(k => (long)d.StringGet(k)),
                            d.ListLength("log"),
                            (long)d.StringGet("transfers")));
                        if (logged != transfers)
                        {
                            failures.Enqueue($"log has {logged} entries but {transfers} transfers were counted");
                        }

                        break;
                }

                if (sum != Accounts * Initial)
                {
                    failures.Enqueue($"reader {r} saw a total of {sum}");
                }
            }
        });

        await Task.WhenAll(writers.Concat(readers));
        Assert.Empty(failures);
        Assert.Equal(Accounts * Initial, Store.StringGet(keys).Sum(v => (long)v));
        Assert.Equal(1600, Store.ListLength("log"));
    }

    [Fact]
    public async Task The_lock_admits_one_holder_at_a_time()
    {
        var gate = new DistributedLock(Store, "lock", TimeSpan.FromHours(1));
        var holders = 0;
        var unprotected = 0L;
        var violations = 0;
        await Task.WhenAll(Run(Threads, _ =>
        {
            for (var i = 0; i < 200; i++)
            {
                var token = DistributedLock.NewToken();
                var spins = new SpinWait();
                while (!gate.TryAcquire(token))
                {
                    spins.SpinOnce();
                }

                if (Interlocked.Increment(ref holders) != 1)
                {
                    Interlocked.Increment(ref violations);
                }

                // A read-modify-write that loses updates unless the lock excludes the other holders.
                var seen = Volatile.Read(ref unprotected);
                Thread.Yield();
                Volatile.Write(ref unprotected, seen + 1);
                Interlocked.Decrement(ref holders);
                Assert.False(gate.Release(DistributedLock.NewToken()));
                Assert.True(gate.Release(token));
            }
        }));

        Assert.Equal(0, violations);
        Assert.Equal(Threads * 200, unprotected);
        Assert.True(Store.StringGet("lock").IsNull);
    }

    [Fact]
    public void The_lock_cannot_be_released_or_extended_by_a_holder_whose_lease_ran_out()
    {
        var gate = new DistributedLock(Store, "lock", TimeSpan.FromSeconds(10));
        var first = DistributedLock.NewToken();
        var second = DistributedLock.NewToken();
        Assert.True(gate.TryAcquire(first));
        Assert.False(gate.TryAcquire(second));
        Assert.True(gate.TryExtend(first));
        _t.Advance(10_001);
        Assert.True(gate.TryAcquire(second));
        Assert.False(gate.TryExtend(first));
        Assert.False(gate.Release(first));
        Assert.Equal(second, Store.StringGet("lock"));
        Assert.True(gate.Release(second));
        Assert.Throws<ArgumentException>(() => gate.TryAcquire(RedisValue.Null));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DistributedLock(Store, "x", TimeSpan.Zero));
    }

    [Fact]
    public async Task The_rate_limiter_grants_exactly_the_limit_per_window()
    {
        var limiter = new FixedWindowRateLimiter(Store, 100, TimeSpan.FromSeconds(1));
        var granted = 0;
        await Task.WhenAll(Run(Threads, _ =>
        {
            for (var i = 0; i < 50; i++)
            {
                if (limiter.TryAcquire("client:1"))
                {
                    Interlocked.Increment(ref granted);
                }
            }
        }));

        Assert.Equal(100, granted);
        Assert.Equal(Threads * 50, (long)Store.StringGet("client:1"));
        Assert.Equal(TimeSpan.FromSeconds(1), Store.KeyTimeToLive("client:1"));

        // The window ends with the key; the next one grants the limit again.
        _t.Advance(1001);
        Assert.True(limiter.TryAcquire("client:1"));
        Assert.Equal(1, (long)Store.StringGet("client:1"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FixedWindowRateLimiter(Store, 0, TimeSpan.FromSeconds(1)));
    }
}
