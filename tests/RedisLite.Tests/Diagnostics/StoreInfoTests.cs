using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using RedisLite.Client;
using RedisLite.Diagnostics;
using RedisLite.Tests.Infrastructure;

namespace RedisLite.Tests.Diagnostics;

/// <summary>The in-process statistics (<see cref="DataStore.Info"/>) and their <c>RedisLite</c> meter.</summary>
public sealed class StoreInfoTests
{
    [Fact]
    public void Collection_reads_count_hits_and_misses_and_writes_only_commands()
    {
        using var store = new DataStore(new RedisLiteOptions { Metrics = false });
        store.SortedSetAdd("z", "m", 1);
        store.ListRightPush("l", ["a"]);
        var before = store.Info();

        store.SortedSetScore("z", "m");            // hit
        store.SortedSetScore("nz", "m");           // miss
        store.ListRange("l", 0, -1);               // hit
        store.HashGetAll("nh");                    // miss
        store.SortedSetAdd("z", "n", 2);           // write
        store.ListRightPush("l", ["b"]);           // write

        var after = store.Info();
        Assert.Equal(2, after.KeyspaceHits - before.KeyspaceHits);
        Assert.Equal(2, after.KeyspaceMisses - before.KeyspaceMisses);
        Assert.Equal(6 + 1, after.TotalCommandsProcessed - before.TotalCommandsProcessed);
    }

    [Fact]
    public void Expired_keys_are_counted_whether_read_or_swept()
    {
        var time = new FakeTimeProvider();
        using var store = new DataStore(new RedisLiteOptions { Metrics = false, ActiveExpiry = false }, time);
        store.StringSet("lazy", "v", TimeSpan.FromSeconds(1));
        store.StringSet("swept", "v", TimeSpan.FromSeconds(1));
        store.StringSet("kept", "v");
        Assert.Equal([new DatabaseInfo(0, 3, 2)], store.Info().Keyspace);

        time.Advance(TimeSpan.FromSeconds(2));
        var missesBefore = store.Info().KeyspaceMisses;
        Assert.True(store.StringGet("lazy").IsNull);
        Assert.Equal(1, store.Info().ExpiredKeys);
        Assert.Equal(missesBefore + 1, store.Info().KeyspaceMisses);

        store.RunActiveExpiryCycle();
        var info = store.Info();
        Assert.Equal(2, info.ExpiredKeys);
        Assert.Equal([new DatabaseInfo(0, 1, 0)], info.Keyspace);
    }

    [Fact]
    public void Evictions_and_memory_show_in_info()
    {
        using var store = new DataStore(new RedisLiteOptions { Metrics = false, MaxMemory = 100_000, MaxMemoryPolicy = MaxMemoryPolicy.AllKeysLru });
        for (var i = 0; i < 1_000; i++)
        {
            store.StringSet($"evict:{i}", new string('v', 500));
        }

        var info = store.Info();
        Assert.Equal(100_000, info.MaxMemory);
        Assert.Equal(store.UsedMemory, info.UsedMemory);
        Assert.InRange(info.UsedMemory, 1, 100_000 + 2_000);
        Assert.True(info.EvictedKeys > 0);
        Assert.Equal(store.EvictedKeys, info.EvictedKeys);
        Assert.Equal(1_000 - info.EvictedKeys, Assert.Single(info.Keyspace).Keys);
    }

    [Fact]
    public void Counters_are_exact_under_concurrent_callers()
    {
        using var store = new DataStore(new RedisLiteOptions { Metrics = false });
        store.StringSet("hot", "v");
        var before = store.Info();
        const int Threads = 4, Calls = 25_000;

        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, t =>
        {
            for (var i = 0; i < Calls; i++)
            {
                store.StringGet(i % 2 == 0 ? "hot" : "cold");
            }
        });

        var after = store.Info();
        Assert.Equal(Threads * Calls + 1, after.TotalCommandsProcessed - before.TotalCommandsProcessed);
        Assert.Equal(Threads * Calls / 2, after.KeyspaceHits - before.KeyspaceHits);
        Assert.Equal(Threads * Calls / 2, after.KeyspaceMisses - before.KeyspaceMisses);
    }

    [Fact]
    public void Counts_of_threads_that_ended_and_of_threads_switching_stores_are_kept()
    {
        using var first = new DataStore(new RedisLiteOptions { Metrics = false });
        using var second = new DataStore(new RedisLiteOptions { Metrics = false });
        var thread = new Thread(() =>
        {
            for (var i = 0; i < 1_000; i++)
            {
                first.StringGet("a");
                second.StringGet("b");
            }
        });
        thread.Start();
        thread.Join();

        Assert.Equal((1_000L, 1_000L), (first.Info().KeyspaceMisses, second.Info().KeyspaceMisses));
    }

    [Fact]
    public void Threads_that_ended_are_folded_into_the_totals_and_their_blocks_dropped()
    {
        using var store = new DataStore(new RedisLiteOptions { Metrics = false });
        for (var i = 0; i < 100; i++)
        {
            var thread = new Thread(() => store.StringGet("gone"));
            thread.Start();
            thread.Join();
        }

        Assert.Equal(100, store.Info().KeyspaceMisses);
        Assert.InRange(store.Core.Counters.BlockCount, 0, 2);
    }

    [Fact]
    public void Connected_subscribers_are_the_open_subscriptions()
    {
        using var store = new DataStore(new RedisLiteOptions { Metrics = false });
        Assert.Equal(0, store.Info().PubSubSubscribers);
        using (store.Subscribe("info:a"))
        using (store.PatternSubscribe("info:*"))
        {
            Assert.Equal(2, store.Info().PubSubSubscribers);
        }

        Assert.Equal(0, store.Info().PubSubSubscribers);
    }

    [Fact]
    public void Views_share_the_store_wide_counters()
    {
        using var store = new DataStore(new RedisLiteOptions { Metrics = false });
        store.GetDatabase(3).StringGet("x");
        store.GetDatabase(3).StringSet("x", "v");
        var info = store.GetDatabase(5).Info();
        Assert.Equal(1, info.KeyspaceMisses);
        Assert.Equal(2, info.TotalCommandsProcessed);
        Assert.Equal([new DatabaseInfo(3, 1, 0)], info.Keyspace);
    }

    [Fact]
    public void The_meter_publishes_the_same_numbers_as_info()
    {
        using var factory = new RecordingMeterFactory();
        using var store = new DataStore(new RedisLiteOptions(), TimeProvider.System, factory);
        var meter = Assert.Single(factory.Meters);
        Assert.Equal(RedisLiteMetrics.MeterName, meter.Name);

        store.StringSet("a", "1");
        store.StringGet("a");
        store.StringGet("b");
        store.GetDatabase(2).StringSet("c", "3", TimeSpan.FromHours(1));

        var values = Collect(meter);
        var info = store.Info();
        Assert.Equal(info.TotalCommandsProcessed, values[RedisLiteMetrics.Commands].Single().Value);
        Assert.Equal(1, values[RedisLiteMetrics.KeyspaceHits].Single().Value);
        Assert.Equal(1, values[RedisLiteMetrics.KeyspaceMisses].Single().Value);
        Assert.Equal(0, values[RedisLiteMetrics.ExpiredKeys].Single().Value);
        Assert.Equal(0, values[RedisLiteMetrics.BlockedClients].Single().Value);
        Assert.Equal([(1L, 0), (1L, 2)], values[RedisLiteMetrics.Keys].Select(static m => (m.Value, (int)m.Db!)).OrderBy(static x => x.Item2));
    }

    [Fact]
    public void Disposing_the_store_disposes_its_own_meter_and_metrics_can_be_turned_off()
    {
        var store = new DataStore();
        var meter = store.Meter!;
        Assert.Equal(RedisLiteMetrics.MeterName, meter.Name);
        var completed = 0;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter == meter)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
            MeasurementsCompleted = (_, _) => Interlocked.Increment(ref completed),
        };
        listener.Start();

        store.Dispose();
        Assert.Equal(11, completed);

        using var factory = new RecordingMeterFactory();
        using var off = new DataStore(new RedisLiteOptions { Metrics = false }, TimeProvider.System, factory);
        Assert.Null(off.Meter);
        Assert.Empty(factory.Meters);
    }

    [Fact]
    public void Dependency_injection_hands_the_hosts_meter_factory_to_the_store()
    {
        var factory = new RecordingMeterFactory();
        var services = new ServiceCollection();
        services.AddSingleton<IMeterFactory>(factory);
        services.AddRedisLite();
        using (var provider = services.BuildServiceProvider())
        {
            provider.GetRequiredService<IDataStore>().StringSet("k", "v");
            Assert.Equal(RedisLiteMetrics.MeterName, Assert.Single(factory.Meters).Name);
        }
    }

    [Fact]
    public void Info_text_from_a_server_is_parsed()
    {
        const string Text = "# Server\r\nredis_version:7.0.15\r\n\r\n# Clients\r\nblocked_clients:2\r\n# Memory\r\nused_memory:875432\r\nmaxmemory:0\r\n"
            + "# Stats\r\ntotal_commands_processed:120\r\nexpired_keys:3\r\nevicted_keys:4\r\nkeyspace_hits:5\r\nkeyspace_misses:6\r\n"
            + "pubsub_channels:7\r\npubsub_patterns:8\r\n\r\n# Keyspace\r\ndb10:keys=1,expires=0,avg_ttl=0\r\ndb0:keys=12,expires=3,avg_ttl=4411\r\n";
        var info = RemoteDataStore.ParseInfo(Text);
        Assert.Equal(120, info.TotalCommandsProcessed);
        Assert.Equal((5L, 6L, 3L, 4L), (info.KeyspaceHits, info.KeyspaceMisses, info.ExpiredKeys, info.EvictedKeys));
        Assert.Equal((875432L, 0L, 2L), (info.UsedMemory, info.MaxMemory, info.BlockedClients));
        Assert.Equal((7L, 8L), (info.PubSubChannels, info.PubSubPatterns));
        Assert.Null(info.PubSubSubscribers); // Redis 7.0 does not report pubsub_clients
        Assert.Equal(3, RemoteDataStore.ParseInfo("# Clients\r\npubsub_clients:3\r\n").PubSubSubscribers);
        Assert.Equal([new DatabaseInfo(0, 12, 3), new DatabaseInfo(10, 1, 0)], info.Keyspace);
        Assert.Null(info.ChangesSinceLastSave);

        var persistence = RemoteDataStore.ParseInfo("# Persistence\r\nloading:0\r\nrdb_changes_since_last_save:17\r\nrdb_bgsave_in_progress:1\r\n"
            + "rdb_last_save_time:1764600000\r\naof_enabled:1\r\naof_rewrite_in_progress:0\r\n");
        Assert.Equal(17, persistence.ChangesSinceLastSave);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1764600000), persistence.LastSaveTime);
        Assert.True(persistence.BackgroundSaveInProgress);
        Assert.True(persistence.AppendOnlyEnabled);
        Assert.False(persistence.AppendLogRewriteInProgress);
    }

    private static Dictionary<string, List<(long Value, object? Db)>> Collect(Meter meter)
    {
        var values = new Dictionary<string, List<(long, object?)>>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter == meter)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            object? db = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "db")
                {
                    db = tag.Value;
                }
            }

            lock (values)
            {
                if (!values.TryGetValue(instrument.Name, out var list))
                {
                    values[instrument.Name] = list = [];
                }

                list.Add((value, db));
            }
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return values;
    }

    /// <summary>An <see cref="IMeterFactory"/> that remembers the meters it made, so a test can listen to its store's
    /// meter only (other tests' stores publish meters with the same name at the same time).</summary>
    private sealed class RecordingMeterFactory : IMeterFactory
    {
        public List<Meter> Meters { get; } = [];

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(options);
            lock (Meters)
            {
                Meters.Add(meter);
            }

            return meter;
        }

        public void Dispose()
        {
            foreach (var meter in Meters)
            {
                meter.Dispose();
            }
        }
    }
}
