using RedisLite.Tests.Infrastructure;

namespace RedisLite.Tests.Persistence;

/// <summary>A snapshot taken while writers run is a point-in-time view: writes that are atomic together (MSET, atomic
/// delegates changing a list and a string) are either all in it or all out of it.</summary>
public sealed class SnapshotConsistencyTests
{
    [Fact]
    public async Task Saves_during_concurrent_atomic_writes_see_each_write_whole()
    {
        using var t = new TestStore();
        t.Store.StringSet([new("pair:a", 0), new("pair:b", 0)]);
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(() =>
        {
            for (var i = 1; !stop.IsCancellationRequested; i++)
            {
                t.Store.StringSet([new("pair:a", i), new("pair:b", i)]);
                t.Store.RunAtomic(db =>
                {
                    db.ListRightPush("log", i);
                    return db.StringSet("log:count", db.ListLength("log"));
                });
                if (i % 500 == 0)
                {
                    t.Store.KeyDelete(["log", "log:count"]);
                }
            }
        });

        try
        {
            for (var n = 0; n < 20; n++)
            {
                using var restored = SnapshotDump.Load(SnapshotDump.Save(t.Store), t.Clock);
                Assert.Equal(restored.StringGet("pair:a"), restored.StringGet("pair:b"));
                var count = restored.StringGet("log:count");
                Assert.Equal(count.IsNull ? 0 : (long)count, restored.ListLength("log"));
            }
        }
        finally
        {
            stop.Cancel();
            await writer;
        }
    }
}
