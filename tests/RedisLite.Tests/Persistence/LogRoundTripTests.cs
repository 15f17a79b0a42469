using RedisLite.Tests.Infrastructure;

namespace RedisLite.Tests.Persistence;

/// <summary>Writes of each kind, logged and replayed into a new store, give the same keys, values and absolute expiry times.</summary>
public sealed class LogRoundTripTests
{
    internal static void AssertReplays(Action<TestStore> write, int expectedRecords = -1)
    {
        using var dir = new LogHarness.TempDirectory();
        using var t = new TestStore();
        var path = dir.File("log.rll");
        LogHarness.Attach(t.Store, path);
        write(t);
        LogHarness.Detach(t.Store);
        using var restored = LogHarness.Replay(path, t.Clock, out var records);
        Assert.Equal(SnapshotDump.Of(t.Store), SnapshotDump.Of(restored));
        if (expectedRecords >= 0)
        {
            Assert.Equal(expectedRecords, records);
        }
    }

    [Fact]
    public void Strings_replay_with_values_and_absolute_expiry()
    {
        AssertReplays(t =>
        {
            var d = t.Store;
            d.StringSet("log:s:plain", "v");
            d.StringSet("log:s:ttl", "v", Expiration.In(TimeSpan.FromSeconds(30)));
            d.StringSet("log:s:keep", "v", Expiration.In(TimeSpan.FromSeconds(40)));
            t.Advance(1000);
            d.StringSet("log:s:keep", "w", Expiration.KeepTtl);
            d.StringSet("log:s:nx", "first", when: When.NotExists);
            d.StringSet("log:s:nx", "second", when: When.NotExists);
            d.StringSet([new("log:s:m1", "1"), new("log:s:m2", "2")]);
            d.StringIncrement("log:s:n", 41);
            d.StringIncrement("log:s:n");
            d.StringIncrement("log:s:f", 1.5);
            d.StringAppend("log:s:a", "x");
            d.StringAppend("log:s:a", "yz");
            d.StringSetRange("log:s:r", 5, "abc");
            d.StringGetDelete("log:s:m1");
            d.StringGetSetExpiry("log:s:plain", Expiration.In(TimeSpan.FromSeconds(9)));
            d.StringGetSetExpiry("log:s:ttl", Expiration.Persist);
            d.StringSet(new byte[] { 0, 255, 10 }, new byte[] { 1, 0, 2 });
            d.StringSet("log:s:big", new string('x', 200_000));
        });
    }

    [Fact]
    public void Key_operations_replay()
    {
        AssertReplays(t =>
        {
            var d = t.Store;
            d.StringSet("log:k:a", "1");
            d.StringSet("log:k:b", "2");
            d.StringSet("log:k:c", "3");
            d.KeyDelete(["log:k:a", "log:k:missing"]);
            d.KeyExpire("log:k:b", TimeSpan.FromSeconds(100));
            d.KeyPersist("log:k:b");
            d.KeyExpire("log:k:c", DateTimeOffset.FromUnixTimeMilliseconds(t.NowMs + 5000));
            d.KeyRename("log:k:b", "log:k:b2");
            d.KeyCopy("log:k:b2", "log:k:copy");
            d.KeyCopy("log:k:b2", "log:k:copy3", 3);
            d.KeyMove("log:k:copy", 2);
            d.StringSet("log:k:gone", "x");
            d.KeyExpire("log:k:gone", DateTimeOffset.FromUnixTimeMilliseconds(t.NowMs - 1));
            d.GetDatabase(5).StringSet("log:k:db5", "5");
            d.GetDatabase(6).StringSet("log:k:db6", "6");
            d.GetDatabase(6).FlushDatabase();
        });
    }

    [Fact]
    public void Flush_all_replays()
    {
        AssertReplays(t =>
        {
            t.Store.StringSet("log:f:a", "1");
            t.Store.GetDatabase(3).StringSet("log:f:b", "1");
            t.Store.FlushAllDatabases();
            t.Store.StringSet("log:f:c", "after");
        });
    }

    [Fact]
    public void A_multi_key_command_is_one_record()
    {
        AssertReplays(t => t.Store.StringSet([new("log:g:1", "1"), new("log:g:2", "2"), new("log:g:3", "3")]), expectedRecords: 1);
    }

    [Fact]
    public void A_transaction_is_one_record()
    {
        AssertReplays(
            t => t.Store.RunAtomic(d =>
            {
                d.StringSet("log:t:1", "1");
                d.StringIncrement("log:t:2");
                d.KeyDelete("log:t:1");
            }),
            expectedRecords: 1);
    }

    [Fact]
    public void Records_larger_than_and_straddling_the_log_buffers_chunks_replay()
    {
        AssertReplays(t =>
        {
            var d = t.Store;
            var big = new byte[3 * 1024 * 1024 + 17];
            new Random(7).NextBytes(big);
            for (var i = 0; i < 30_000; i++)
            {
                d.StringSet($"log:c:{i}", new string((char)('a' + (i % 26)), i % 97));
                if (i % 10_000 == 5_000)
                {
                    d.StringSet($"log:c:big{i}", big);
                }
            }
        });
    }

    [Fact]
    public void A_log_that_cannot_write_refuses_further_writes_with_MISCONF()
    {
        using var dir = new LogHarness.TempDirectory();
        using var t = new TestStore();
        var file = new FileStream(dir.File("log.rll"), FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 0);
        using var log = new RedisLite.Persistence.AppendLog(file, RedisLite.Persistence.AppendFsyncPolicy.No) { Failed = t.Store.Core.RefuseWrites };
        t.Store.Core.Log = log;
        file.Dispose(); // the disk goes away under the log
        t.Store.StringSet("log:f:1", "1");
        var flush = Assert.Throws<RedisException>(log.Flush);
        Assert.StartsWith("MISCONF Errors writing to the AOF file: ", flush.Message, StringComparison.Ordinal);

        var write = Assert.Throws<RedisException>(() => t.Store.StringSet("log:f:2", "2"));
        Assert.StartsWith("MISCONF", write.Message, StringComparison.Ordinal);
        Assert.Equal("1", t.Store.StringGet("log:f:1")); // reads still work
        t.Store.Core.Log = null;
    }
}
