using System.Collections.Concurrent;
using System.Globalization;
using RedisLite.Client;
using RedisLite.Patterns;
using RedisLite.Tests.Conformance;

namespace RedisLite.Tests.Transactions;

/// <summary>Transactions over RESP under concurrency, against a real redis-server: WATCH retry loops on dedicated
/// connections, MULTI/EXEC batches on the shared pipelined connection, and the lock's WATCH-based release.</summary>
/// <param name="server">This class's server.</param>
public sealed class RemoteTransactionConcurrencyTests(RedisServerFixture server) : IClassFixture<RedisServerFixture>
{
    private static Task[] Run(int threads, Action<int> body) =>
        Enumerable.Range(0, threads).Select(i => Task.Factory.StartNew(() => body(i), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();

    [RedisFact]
    public async Task Watch_based_increments_over_resp_never_lose_an_update()
    {
        using var store = server.CreateStore(protocol: 2);
        store.StringSet("remote:counter", 0);
        await Task.WhenAll(Run(4, _ =>
        {
            for (var i = 0; i < 25; i++)
            {
                while (true)
                {
                    using var tx = store.CreateTransaction();
                    tx.Watch("remote:counter");
                    var current = (long)store.StringGet("remote:counter");
                    tx.Add(d => d.StringSet("remote:counter", current + 1));
                    if (tx.Execute())
                    {
                        break;
                    }
                }
            }
        }));

        Assert.Equal(100, (long)store.StringGet("remote:counter"));
    }

    [RedisFact]
    public async Task Batches_on_the_shared_connection_are_never_observed_half_applied()
    {
        using var store = server.CreateStore(protocol: 3);
        var keys = Enumerable.Range(0, 8).Select(i => (RedisKey)("remote:acct:" + i.ToString(CultureInfo.InvariantCulture))).ToArray();
        foreach (var key in keys)
        {
            store.StringSet(key, 100);
        }

        var failures = new ConcurrentQueue<long>();
        var done = 0;
        var writers = Run(3, w =>
        {
            var random = new Random(w);
            for (var i = 0; i < 100; i++)
            {
                var from = keys[random.Next(keys.Length)];
                var to = keys[random.Next(keys.Length)];
                using var tx = store.CreateTransaction();
                tx.Add(d => d.StringDecrement(from, 7));
                tx.Add(d => d.GetDatabase(1).StringIncrement("remote:moves"));
                tx.Add(d => d.StringIncrement(to, 7));
                Assert.True(tx.Execute());
            }

            Interlocked.Increment(ref done);
        });
        var reader = Run(1, _ =>
        {
            while (Volatile.Read(ref done) < 3)
            {
                var sum = store.StringGet(keys).Sum(v => (long)v);
                if (sum != 800)
                {
                    failures.Enqueue(sum);
                }

                // The batches' SELECTs must never leave the shared connection on another database.
                Assert.False(store.KeyExists("remote:moves"));
            }
        });

        await Task.WhenAll(writers.Concat(reader));
        Assert.Empty(failures);
        Assert.Equal(300, (long)store.GetDatabase(1).StringGet("remote:moves"));
    }

    [RedisFact]
    public async Task The_lock_over_resp_admits_one_holder_at_a_time()
    {
        using var store = server.CreateStore(protocol: 2);
        var gate = new DistributedLock(store, "remote:lock", TimeSpan.FromMinutes(1));
        var holders = 0;
        var violations = 0;
        await Task.WhenAll(Run(4, _ =>
        {
            for (var i = 0; i < 20; i++)
            {
                var token = DistributedLock.NewToken();
                while (!gate.TryAcquire(token))
                {
                    Thread.Yield();
                }

                if (Interlocked.Increment(ref holders) != 1)
                {
                    Interlocked.Increment(ref violations);
                }

                Interlocked.Decrement(ref holders);
                Assert.True(gate.Release(token));
            }
        }));

        Assert.Equal(0, violations);
        Assert.True(store.StringGet("remote:lock").IsNull);
    }
}
