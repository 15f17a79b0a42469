using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using RedisLite.Client;
using RedisLite.Tests.Conformance;
using RedisLite.Tests.Infrastructure;

namespace RedisLite.Tests.Client;

/// <summary>
/// The client's own behaviour against a real <c>redis-server</c>: pipelining and thread safety, database views,
/// reconnecting, error mapping, RESP3 and dependency injection. (What each command returns is covered by the
/// conformance suites.) The tests of this class share one server and run one after another, each on a flushed server.
/// </summary>
/// <param name="server">This class's server.</param>
public sealed class RemoteDataStoreTests(RedisServerFixture server) : IClassFixture<RedisServerFixture>
{
    private RemoteDataStore Connect(int protocol = 2)
    {
        var store = server.CreateStore(protocol);
        store.FlushAllDatabases();
        return store;
    }

    private static string Text(RedisValue value) => value.ToString() ?? "(nil)";

    // ------------------------------------------------------------------ pipelining and thread safety

    [RedisFact]
    public void Concurrent_increments_on_one_store_are_all_applied_and_each_caller_gets_its_own_reply()
    {
        using var store = Connect();
        const int Tasks = 8;
        const int PerTask = 2_000;
        var replies = new ConcurrentBag<long>();
        var tasks = Enumerable.Range(0, Tasks).Select(_ => Bounded.Start(() =>
        {
            for (var i = 0; i < PerTask; i++)
            {
                replies.Add(store.StringIncrement("counter"));
            }
        })).ToArray();

        Bounded.WaitAll(tasks);

        Assert.Equal(Tasks * PerTask, (long)store.StringGet("counter"));

        // INCR's replies are 1..16000, each exactly once: no reply was lost, duplicated or handed to another caller.
        var sorted = replies.Order().ToArray();
        Assert.Equal(Enumerable.Range(1, Tasks * PerTask).Select(i => (long)i), sorted);
    }

    [RedisFact]
    public void Interleaved_commands_from_many_threads_each_get_their_own_reply()
    {
        using var store = Connect();
        const int Threads = 8;
        const int Rounds = 250;
        var tasks = Enumerable.Range(0, Threads).Select(t => Bounded.Start(() =>
        {
            for (var i = 0; i < Rounds; i++)
            {
                var own = $"t{t}:i{i}";
                Assert.True(store.StringSet($"key:{t}", own));
                Assert.Equal(own, Text(store.StringGet($"key:{t}")));

                Assert.True(store.StringSet(
                [
                    new KeyValuePair<RedisKey, RedisValue>($"m:{t}:a", own + ":a"),
                    new KeyValuePair<RedisKey, RedisValue>($"m:{t}:b", own + ":b"),
                    new KeyValuePair<RedisKey, RedisValue>($"m:{t}:c", own + ":c"),
                ]));
                var values = store.StringGet([$"m:{t}:a", $"m:{t}:missing", $"m:{t}:b", $"m:{t}:c"]);
                Assert.Equal(4, values.Length);
                Assert.Equal(own + ":a", Text(values[0]));
                Assert.True(values[1].IsNull);
                Assert.Equal(own + ":b", Text(values[2]));
                Assert.Equal(own + ":c", Text(values[3]));

                Assert.Equal(own.Length + 2, store.StringLength($"m:{t}:a"));
            }
        })).ToArray();

        Bounded.WaitAll(tasks);
        Assert.Equal(Threads * 4, store.DatabaseSize());
    }

    [RedisFact]
    public void Large_values_cross_many_reads_and_arrive_whole()
    {
        using var store = Connect();

        // Larger than the reader's 64 KiB buffer, so replies arrive in pieces and the buffer grows.
        var big = new byte[3 * 1024 * 1024 + 17];
        for (var i = 0; i < big.Length; i++)
        {
            big[i] = (byte)(i * 31 % 251);
        }

        Bounded.Run(() =>
        {
            Assert.True(store.StringSet("big", big));
            Assert.True(store.StringSet("small", "after"));
            var values = store.StringGet(["big", "small", "big"]);
            Assert.Equal(big, values[0].ToArray());
            Assert.Equal("after", Text(values[1]));
            Assert.Equal(big, values[2].ToArray());
            Assert.Equal(big.Length, store.StringLength("big"));
        });
    }

    // ------------------------------------------------------------------ database views

    [RedisFact]
    public void A_database_view_writes_where_only_views_of_that_database_see()
    {
        using var store = Connect();
        var three = store.GetDatabase(3);
        var threeAgain = store.GetDatabase(3);
        Assert.Equal(3, three.Database);
        Assert.Equal(0, store.Database);
        Assert.Equal(16, store.DatabaseCount);
        Assert.Equal(16, three.DatabaseCount);

        Assert.True(three.StringSet("k", "in three"));
        Assert.True(store.StringGet("k").IsNull);
        Assert.False(store.KeyExists("k"));
        Assert.Equal(0, store.DatabaseSize());
        RedisAssert.Value("in three", threeAgain.StringGet("k"));
        Assert.Equal(1, threeAgain.DatabaseSize());

        Assert.True(store.StringSet("k", "in zero"));
        RedisAssert.Value("in three", three.StringGet("k"));
        RedisAssert.Value("in zero", store.StringGet("k"));

        // A view of a view is just another view of the same connection.
        var zeroFromThree = three.GetDatabase(0);
        RedisAssert.Value("in zero", zeroFromThree.StringGet("k"));

        // FLUSHDB on the view empties only its database.
        three.FlushDatabase();
        Assert.Equal(0, three.DatabaseSize());
        RedisAssert.Value("in zero", store.StringGet("k"));
    }

    [RedisFact]
    public void Views_used_alternately_from_several_threads_never_mix_databases()
    {
        using var store = Connect();
        const int Databases = 6;
        const int Threads = 6;
        const int Rounds = 300;
        var views = Enumerable.Range(1, Databases).Select(store.GetDatabase).ToArray();
        foreach (var view in views)
        {
            view.StringSet("whoami", view.Database);
        }

        var tasks = Enumerable.Range(0, Threads).Select(t => Bounded.Start(() =>
        {
            for (var i = 0; i < Rounds; i++)
            {
                // Each call goes to another database than the previous one, on this thread and across threads.
                var view = views[(t + i) % Databases];
                Assert.Equal(view.Database, (int)view.StringGet("whoami"));
                view.StringIncrement("hits");
                store.StringIncrement("zero-hits");
            }
        })).ToArray();

        Bounded.WaitAll(tasks);

        // Each database got exactly the increments aimed at it.
        foreach (var view in views)
        {
            Assert.Equal(Threads * Rounds / Databases, (long)view.StringGet("hits"));
            Assert.Equal(2, view.DatabaseSize());
        }

        Assert.Equal(Threads * Rounds, (long)store.StringGet("zero-hits"));
        Assert.Equal(1, store.DatabaseSize());
    }

    [RedisFact]
    public void GetDatabase_outside_the_servers_range_throws_the_Redis_error()
    {
        using var store = Connect();
        RedisAssert.Throws("ERR DB index is out of range", () => store.GetDatabase(16));
        RedisAssert.Throws("ERR DB index is out of range", () => store.GetDatabase(-1));
        RedisAssert.Throws("ERR DB index is out of range", () => store.GetDatabase(3).GetDatabase(16));
        var last = store.GetDatabase(15);
        Assert.True(last.StringSet("k", "v"));
        RedisAssert.Value("v", last.StringGet("k"));
    }

    // ------------------------------------------------------------------ reconnecting

    [RedisFact]
    public void After_the_server_kills_the_connection_the_next_commands_reconnect_with_data_intact()
    {
        using var store = Connect();
        Assert.True(store.StringSet("zero", "also intact"));
        var view = store.GetDatabase(13);
        Assert.True(view.StringSet("survivor", "intact"));

        using var admin = new RawRedisConnection(server.Port);
        var id = Assert.Single(admin.ClientIdsOnDatabase(13));
        Assert.Equal(1, admin.Call("CLIENT", "KILL", "ID", id).Integer);

        // The first command may still find the old connection (and fail) or find it already gone (and reconnect).
        var first = Bounded.Capture(() => view.StringGet("survivor"));
        if (first is not null)
        {
            Assert.IsType<RedisConnectionException>(first);
        }

        RedisAssert.Value("intact", Bounded.Run(() => view.StringGet("survivor")));
        RedisAssert.Value("also intact", Bounded.Run(() => store.StringGet("zero")));
        Assert.False(store.KeyExists("survivor"));

        // A new connection, selected onto database 13 again.
        _ = view.KeyExists("survivor");
        var newId = Assert.Single(admin.ClientIdsOnDatabase(13));
        Assert.NotEqual(id, newId);
    }

    [RedisFact]
    public void Commands_in_flight_when_the_connection_drops_fail_with_RedisConnectionException_and_later_ones_succeed()
    {
        using var store = Connect();
        var view = store.GetDatabase(12);
        view.StringSet("n", 0);
        using var admin = new RawRedisConnection(server.Port);
        var id = Assert.Single(admin.ClientIdsOnDatabase(12));

        const int Threads = 4;
        const int PerThread = 1_500;
        var succeeded = 0;
        var failed = 0;
        var other = new ConcurrentQueue<Exception>();
        using var running = new CountdownEvent(Threads);
        var tasks = Enumerable.Range(0, Threads).Select(_ => Bounded.Start(() =>
        {
            for (var i = 0; i < PerThread; i++)
            {
                if (i == 100)
                {
                    running.Signal();
                }

                try
                {
                    view.StringIncrement("n");
                    Interlocked.Increment(ref succeeded);
                }
                catch (RedisConnectionException)
                {
                    Interlocked.Increment(ref failed);
                }
                catch (Exception ex)
                {
                    other.Enqueue(ex);
                }
            }
        })).ToArray();

        Assert.True(running.Wait(Bounded.DefaultLimit), "the callers did not get going");
        Assert.Equal(1, admin.Call("CLIENT", "KILL", "ID", id).Integer);
        Bounded.WaitAll(tasks);

        Assert.Empty(other);
        Assert.Equal(Threads * PerThread, succeeded + failed);

        // Every success was applied; a failed command may or may not have been.
        var n = (long)Bounded.Run(() => view.StringGet("n"));
        Assert.InRange(n, succeeded, succeeded + failed);
        Assert.Equal(n + 1, Bounded.Run(() => view.StringIncrement("n")));
    }

    // ------------------------------------------------------------------ errors

    [RedisFact]
    public void A_server_error_throws_RedisException_with_its_text_and_leaves_the_connection_usable()
    {
        using var store = Connect();
        store.StringSet("text", "abc");
        var error = RedisAssert.Throws("ERR value is not an integer or out of range", () => store.StringIncrement("text"));
        Assert.IsType<RedisException>(error);
        Assert.Equal("ERR", error.ErrorCode);

        // Same connection, still in step: the next replies are the right ones.
        Assert.Equal(1, store.StringIncrement("number"));
        RedisAssert.Value("abc", store.StringGet("text"));
    }

    [RedisFact]
    public void A_disposed_store_refuses_commands_and_disposing_a_view_does_nothing()
    {
        var store = Connect();
        var view = store.GetDatabase(2);
        view.StringSet("k", "v");
        ((IDisposable)view).Dispose();
        RedisAssert.Value("v", view.StringGet("k"));
        store.StringSet("k0", "v0");

        store.Dispose();
        Assert.Throws<ObjectDisposedException>(() => store.StringGet("k0"));
        Assert.Throws<ObjectDisposedException>(() => view.StringGet("k"));
        store.Dispose();
    }

    // ------------------------------------------------------------------ RESP3

    [RedisFact]
    public void Resp3_reads_every_reply_shape_the_string_and_key_commands_use()
    {
        using var store = Connect(protocol: 3);
        Assert.Equal(16, store.DatabaseCount);

        // Bulk, null, integer, double-as-bulk and array replies.
        Assert.True(store.StringSet("a", "1"));
        Assert.False(store.StringSet("a", "x", when: When.NotExists));
        RedisAssert.Value("1", store.StringGet("a"));
        Assert.True(store.StringGet("missing").IsNull);
        Assert.Equal(5, store.StringIncrement("a", 4));
        Assert.Equal(6.5, store.StringIncrement("a", 1.5));
        Assert.True(store.StringSet([new("b", "2"), new("c", "3")]));
        var values = store.StringGet(["a", "missing", "b", "c"]);
        Assert.Equal(new[] { "6.5", "(nil)", "2", "3" }, values.Select(Text));
        RedisAssert.Value("2", store.StringSetAndGet("b", "two"));
        Assert.True(store.StringSetAndGet("new", "v").IsNull);

        // KEYS and SCAN (a cursor and a nested array).
        Assert.Equal(new[] { "a", "b", "c", "new" }, store.Keys().Select(k => k.ToString()).Order(StringComparer.Ordinal));
        Assert.Equal(new[] { "b" }, store.Keys("b*").Select(k => k.ToString()));
        var scanned = new List<string>();
        ulong cursor = 0;
        do
        {
            var page = store.KeyScan(cursor, count: 2);
            scanned.AddRange(page.Keys.Select(k => k.ToString()!));
            cursor = page.Cursor;
        }
        while (cursor != 0);
        Assert.Equal(new[] { "a", "b", "c", "new" }, scanned.Distinct().Order(StringComparer.Ordinal));

        // TTL replies, including the negative "no expiry" and "no key" ones.
        Assert.Null(store.KeyTimeToLive("a"));
        Assert.Null(store.KeyTimeToLive("missing"));
        Assert.True(store.KeyExpire("a", TimeSpan.FromSeconds(100)));
        var ttl = store.KeyTimeToLive("a");
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(100));
        Assert.Equal(RedisType.String, store.KeyType("a"));
        Assert.Equal(RedisType.None, store.KeyType("missing"));

        // Errors and views over RESP3.
        RedisAssert.Throws("ERR value is not an integer or out of range", () => store.StringIncrement("b"));
        var five = store.GetDatabase(5);
        Assert.True(five.StringSet("a", "five"));
        RedisAssert.Value("five", five.StringGet("a"));
        Assert.Equal(4, store.DatabaseSize());
    }

    [RedisFact]
    public void Resp3_store_is_thread_safe_too()
    {
        using var store = Connect(protocol: 3);
        var tasks = Enumerable.Range(0, 4).Select(t => Bounded.Start(() =>
        {
            var view = store.GetDatabase(t + 1);
            for (var i = 0; i < 500; i++)
            {
                Assert.Equal(i + 1, view.StringIncrement("n"));
                var values = store.StringGet([$"none:{t}", $"none:{t}:{i}"]);
                Assert.True(values.All(v => v.IsNull));
            }
        })).ToArray();
        Bounded.WaitAll(tasks);
    }

    // ------------------------------------------------------------------ dependency injection

    [RedisFact]
    public void UseRedisServer_resolves_a_working_RemoteDataStore_that_the_container_disposes()
    {
        Connect().Dispose();
        var services = new ServiceCollection();
        services.AddRedisLite().UseRedisServer(o => { o.Port = server.Port; });
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        string id;
        IDataStore store;
        using var admin = new RawRedisConnection(server.Port);
        try
        {
            store = provider.GetRequiredService<IDataStore>();
            var remote = Assert.IsType<RemoteDataStore>(store);
            Assert.Same(remote, provider.GetRequiredService<RemoteDataStore>());
            Assert.Same(store, provider.GetRequiredService<IDataStore>());

            var ten = store.GetDatabase(10);
            Assert.True(ten.StringSet("di", "remote"));
            RedisAssert.Value("remote", ten.StringGet("di"));

            // The data is on the real server.
            Assert.Equal("OK", admin.Call("SELECT", "10").GetString());
            Assert.Equal("remote", admin.Call("GET", "di").GetString());
            id = Assert.Single(admin.ClientIdsOnDatabase(10));
        }
        finally
        {
            provider.Dispose();
        }

        Assert.Throws<ObjectDisposedException>(() => store.StringGet("di"));

        // The server sees the connection go (it notices the close asynchronously: poll, bounded).
        var clock = Stopwatch.StartNew();
        while (admin.OtherClients().Any(c => c["id"] == id))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"client {id} is still connected after the container was disposed");
        }
    }
}
