using RedisLite.Persistence;
using RedisLite.Tests.Infrastructure;

namespace RedisLite.Tests.Persistence;

public sealed class SnapshotRoundTripTests
{
    private static void AssertRoundTrip(TestStore t)
    {
        var before = SnapshotDump.Of(t.Store);
        var bytes = SnapshotDump.Save(t.Store);
        using var restored = SnapshotDump.Load(bytes, t.Clock);
        Assert.Equal(before, SnapshotDump.Of(restored));
        Assert.Empty(restored.VerifyMemoryAccounting());
        Assert.Equal(t.Store.UsedMemory, restored.UsedMemory);
    }

    [Fact]
    public void Databases_that_gain_keys_by_a_load_are_reachable_by_later_transactions()
    {
        using var t = new TestStore();
        t.Db(5).StringSet("k", "v", TimeSpan.FromHours(1));
        using var restored = SnapshotDump.Load(SnapshotDump.Save(t.Store), t.Clock);

        // No view of database 5 exists in the restored store, yet it holds keys: the load must have made it part of
        // every later exclusive section (a transaction or a save must hold it while the expiry cycle may touch it).
        Assert.True(restored.Core.Databases[5].Activated);
        Assert.False(restored.Core.Databases[6].Activated);
        Assert.Equal("v", (string?)restored.RunAtomic(d => d.GetDatabase(5).StringGet("k")));
    }

    [Fact]
    public void Saves_reuse_their_capture_arrays_without_keeping_values_alive()
    {
        using var t = new TestStore();
        for (var i = 0; i < 1_000; i++)
        {
            t.Store.StringSet($"reuse:{i}", i);
        }

        t.Store.HashSet("reuse:h", "f", "v");
        var first = SnapshotDump.Save(t.Store);
        var buffers = t.Store.Core.SnapshotBuffers;
        Assert.NotNull(buffers);
        Assert.All(buffers, static entries => Assert.All(entries, static e => Assert.Null(e.Value)));

        t.Store.KeyDelete("reuse:7");
        t.Store.StringSet("reuse:new", "x");
        var second = SnapshotDump.Save(t.Store);
        Assert.Same(buffers, t.Store.Core.SnapshotBuffers);

        using var restored = SnapshotDump.Load(second, t.Clock);
        Assert.Equal(SnapshotDump.Of(t.Store), SnapshotDump.Of(restored));
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Empty_store_round_trips()
    {
        using var t = new TestStore();
        var bytes = SnapshotDump.Save(t.Store);
        var info = DataStore.ReadSnapshotInfo(new MemoryStream(bytes));
        Assert.Equal(0, info.Keys);
        Assert.Empty(info.KeysPerDatabase);
        AssertRoundTrip(t);
    }

    [Fact]
    public void Strings_binary_empty_and_large_round_trip()
    {
        using var t = new TestStore();
        var db = t.Store;
        db.StringSet("s:plain", "hello");
        db.StringSet("s:empty", "");
        db.StringSet(new byte[] { 0, 1, 0, 255 }, new byte[] { 0, 0, 0 });
        db.StringSet(Array.Empty<byte>(), "empty key");
        db.StringSet("s:int", 12345);
        db.StringIncrement("s:counter", 42);
        var big = new byte[5 * 1024 * 1024 + 17];
        new Random(1).NextBytes(big);
        db.StringSet("s:big", big);
        db.StringSet(new string('k', 300), "long key");
        AssertRoundTrip(t);
    }

    [Fact]
    public void Collections_small_and_large_round_trip()
    {
        using var t = new TestStore();
        var db = t.Store;
        db.HashSet("h:small", [new HashEntry("a", "1"), new HashEntry("b", "")]);
        db.HashSet("h:large", Enumerable.Range(0, 1000).Select(i => new HashEntry($"f{i}", $"v{i}")).ToArray());
        db.HashSet("h:longvalue", "f", new string('x', 100));
        db.HashSet("h:binary", new byte[] { 0, 0 }, new byte[] { 0 });
        db.ListRightPush("l:small", ["a", "b", "", "c"]);
        db.ListRightPush("l:large", Enumerable.Range(0, 5000).Select(i => (RedisValue)$"e{i}").ToArray());
        db.ListLeftPush("l:large", "head");
        db.SetAdd("set:ints", [1, 2, 3, -5, long.MaxValue]);
        db.SetAdd("set:bigints", Enumerable.Range(0, 2000).Select(i => (RedisValue)i).ToArray());
        db.SetAdd("set:small", ["x", "y"]);
        db.SetAdd("set:large", Enumerable.Range(0, 1000).Select(i => (RedisValue)$"m{i}").ToArray());
        db.SortedSetAdd("z:small", [new SortedSetEntry("a", 1), new SortedSetEntry("b", -0.5), new SortedSetEntry("c", double.PositiveInfinity)]);
        db.SortedSetAdd("z:large", Enumerable.Range(0, 1000).Select(i => new SortedSetEntry($"m{i}", i % 7)).ToArray());
        db.SortedSetAdd("z:negzero", "m", -0.0);
        var info = DataStore.ReadSnapshotInfo(new MemoryStream(SnapshotDump.Save(t.Store)));
        Assert.Equal(4, info.KeysPerType[RedisType.Hash]);
        Assert.Equal(2, info.KeysPerType[RedisType.List]);
        Assert.Equal(4, info.KeysPerType[RedisType.Set]);
        Assert.Equal(3, info.KeysPerType[RedisType.SortedSet]);
        AssertRoundTrip(t);
    }

    [Fact]
    public void Ttls_are_absolute_and_several_databases_round_trip()
    {
        using var t = new TestStore();
        t.Store.StringSet("a", "1", Expiration.In(TimeSpan.FromSeconds(10)));
        t.Db(3).HashSet("h", "f", "v");
        t.Db(3).KeyExpire("h", TimeSpan.FromHours(1));
        t.Db(15).SetAdd("s", "m");
        var bytes = SnapshotDump.Save(t.Store);
        var info = DataStore.ReadSnapshotInfo(new MemoryStream(bytes));
        Assert.Equal(new Dictionary<int, long> { [0] = 1, [3] = 1, [15] = 1 }, info.KeysPerDatabase);
        Assert.Equal(t.NowMs, info.Created.ToUnixTimeMilliseconds());
        t.Advance(5000);
        using var restored = SnapshotDump.Load(bytes, t.Clock);
        Assert.Equal(SnapshotDump.Of(t.Store), SnapshotDump.Of(restored));
        Assert.Equal(5000, (long)restored.KeyTimeToLive("a")!.Value.TotalMilliseconds);
    }

    [Fact]
    public void Keys_expired_at_save_are_skipped_and_keys_expired_at_load_are_not_loaded()
    {
        using var t = new TestStore();
        t.Store.StringSet("gone", "1", Expiration.InMilliseconds(100));
        t.Store.StringSet("soon", "1", Expiration.InMilliseconds(1000));
        t.Store.ListRightPush("soonlist", ["a", "b"]);
        t.Store.KeyExpire("soonlist", TimeSpan.FromMilliseconds(1000));
        t.Store.StringSet("kept", "1");
        t.Advance(101);
        var bytes = SnapshotDump.Save(t.Store);
        Assert.Equal(3, DataStore.ReadSnapshotInfo(new MemoryStream(bytes)).Keys);
        t.Advance(1000);
        using var restored = SnapshotDump.Load(bytes, t.Clock);
        Assert.Equal(1, restored.DatabaseSize());
        Assert.True(restored.KeyExists("kept"));
        Assert.Empty(restored.VerifyMemoryAccounting());
    }

    [Fact]
    public void Loading_into_a_store_with_keys_is_refused()
    {
        using var t = new TestStore();
        t.Store.StringSet("a", "1");
        var bytes = SnapshotDump.Save(t.Store);
        var error = Assert.Throws<InvalidOperationException>(() => t.Store.LoadSnapshot(new MemoryStream(bytes)));
        Assert.Contains("empty store", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_store_with_too_few_databases_is_refused_and_left_empty()
    {
        using var t = new TestStore();
        t.Store.StringSet("a", "1");
        t.Db(5).StringSet("b", "1");
        var bytes = SnapshotDump.Save(t.Store);
        using var small = new DataStore(new RedisLiteOptions { Databases = 2, ActiveExpiry = false }, t.Clock);
        Assert.Throws<InvalidOperationException>(() => small.LoadSnapshot(new MemoryStream(bytes)));
        Assert.Equal(0, small.DatabaseSize());
        Assert.Empty(small.VerifyMemoryAccounting());
    }

    [Fact]
    public void Snapshot_embedded_in_a_stream_leaves_the_rest_unread()
    {
        using var t = new TestStore();
        t.Store.StringSet("a", "1");
        var stream = new MemoryStream();
        stream.Write([1, 2, 3]);
        t.Store.SaveSnapshot(stream);
        var end = stream.Position;
        stream.Write([9, 9]);
        stream.Position = 3;
        using var restored = new DataStore(new RedisLiteOptions { ActiveExpiry = false }, t.Clock);
        var info = restored.LoadSnapshot(stream);
        Assert.Equal(end, stream.Position);
        Assert.Equal(end - 3, info.Length);
        Assert.Equal(1, restored.DatabaseSize());
    }

    [Fact]
    public void Memory_accounting_is_exact_after_loading_many_keys()
    {
        using var t = new TestStore();
        for (var i = 0; i < 20_000; i++)
        {
            t.Store.StringSet($"k{i}", i);
        }

        for (var i = 0; i < 300; i++)
        {
            t.Store.HashSet($"h{i}", Enumerable.Range(0, i % 20 + 1).Select(j => new HashEntry($"f{j}", j)).ToArray());
            t.Store.SortedSetAdd($"z{i}", Enumerable.Range(0, i + 1).Select(j => new SortedSetEntry($"m{j}", j)).ToArray());
        }

        AssertRoundTrip(t);
    }
}
