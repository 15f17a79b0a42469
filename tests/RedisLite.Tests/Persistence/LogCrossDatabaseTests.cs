using RedisLite.Tests.Infrastructure;
using static RedisLite.Tests.Persistence.LogRoundTripTests;

namespace RedisLite.Tests.Persistence;

/// <summary>MOVE and COPY to another database find an expired key at the destination and delete it there: the log must
/// record that deletion in the destination's database, not the source's (replaying it in the source deleted the key
/// being moved).</summary>
public sealed class LogCrossDatabaseTests
{
    [Fact]
    public void Move_over_an_expired_key_in_the_target_database_replays()
    {
        AssertReplays(t =>
        {
            var d = t.Store;
            d.StringSet("k", "old", Expiration.In(TimeSpan.FromMilliseconds(10)));
            Assert.True(d.KeyMove("k", 1));
            t.Advance(100);
            d.StringSet("k", "new");
            Assert.True(d.KeyMove("k", 1));
        });
    }

    [Fact]
    public void Copy_over_an_expired_key_in_the_target_database_replays()
    {
        AssertReplays(t =>
        {
            var d = t.Store;
            d.GetDatabase(1).StringSet("k", "old", Expiration.In(TimeSpan.FromMilliseconds(10)));
            t.Advance(100);
            d.StringSet("k", "new");
            Assert.True(d.KeyCopy("k", "k", 1));
        });
    }
}
