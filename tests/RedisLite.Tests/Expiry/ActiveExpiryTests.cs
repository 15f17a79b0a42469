using System.Globalization;
using RedisLite.Tests.Infrastructure;

namespace RedisLite.Tests.Expiry;

public sealed class ActiveExpiryTests
{
    private static string S(int i) => i.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public void Without_active_expiry_untouched_keys_stay_counted()
    {
        using var t = new TestStore(o => o.ActiveExpiry = false);
        for (var i = 0; i < 100; i++)
        {
            t.Store.StringSet("ae:off:" + S(i), i, TimeSpan.FromSeconds(1));
        }

        t.Advance(60_000);
        // Nobody touched them and nothing sweeps: DBSIZE still counts them, but they are not visible.
        Assert.Equal(100, t.Store.DatabaseSize());
        Assert.Empty(t.Store.Keys());
    }

    [Fact]
    public void Active_expiry_creates_one_timer_with_the_configured_period()
    {
        using var t = new TestStore(o =>
        {
            o.ActiveExpiry = true;
            o.ActiveExpiryInterval = TimeSpan.FromMilliseconds(250);
        });
        Assert.Equal(1, t.Clock.TimerCount);
        Assert.Equal(TimeSpan.FromMilliseconds(250), t.Clock.TimerPeriods[0]);
        t.Store.Dispose();
        Assert.Equal(0, t.Clock.TimerCount);
    }

    [Fact]
    public void RunActiveExpiryCycle_reclaims_expired_keys_nobody_touches()
    {
        using var t = new TestStore(o => o.ActiveExpiry = false);
        var store = t.Store;
        for (var i = 0; i < 200; i++)
        {
            store.StringSet("ae:cycle:ttl:" + S(i), i, TimeSpan.FromSeconds(1));
        }

        for (var i = 0; i < 50; i++)
        {
            store.StringSet("ae:cycle:later:" + S(i), i, TimeSpan.FromSeconds(100));
            store.StringSet("ae:cycle:forever:" + S(i), i);
        }

        for (var i = 0; i < 30; i++)
        {
            t.Db(3).StringSet("ae:cycle:db3:" + S(i), i, TimeSpan.FromSeconds(1));
        }

        // Nothing has expired yet: a cycle reclaims nothing.
        Assert.Equal(0, store.RunActiveExpiryCycle());
        Assert.Equal(300, store.DatabaseSize());

        t.Advance(1_000);
        Assert.Equal(0, store.RunActiveExpiryCycle()); // now == expiry: still alive
        Assert.Equal(300, store.DatabaseSize());

        t.Advance(1);
        var reclaimed = 0;
        for (var cycles = 0; cycles < 1_000 && (store.DatabaseSize() > 100 || t.Db(3).DatabaseSize() > 0); cycles++)
        {
            reclaimed += store.RunActiveExpiryCycle();
        }

        Assert.Equal(100, store.DatabaseSize());
        Assert.Equal(0, t.Db(3).DatabaseSize());
        Assert.Equal(230, reclaimed);
        Assert.Equal(0, store.RunActiveExpiryCycle());

        // Keys that did not expire are untouched.
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(TimeSpan.FromMilliseconds(100_000 - 1_001), store.KeyTimeToLive("ae:cycle:later:" + S(i)));
            Assert.True(store.KeyExists("ae:cycle:forever:" + S(i)));
        }
    }

    [Fact]
    public void Timer_reclaims_expired_keys_as_time_advances()
    {
        using var t = new TestStore(o =>
        {
            o.ActiveExpiry = true;
            o.ActiveExpiryInterval = TimeSpan.FromMilliseconds(100);
        });
        var store = t.Store;
        for (var i = 0; i < 100; i++)
        {
            store.StringSet("ae:timer:" + S(i), i, TimeSpan.FromSeconds(1));
        }

        store.StringSet("ae:timer:keep", "k");
        t.Db(1).StringSet("ae:timer:db1", "x", TimeSpan.FromMilliseconds(500));

        t.Advance(900); // the timer fires nine times; nothing in db 0 is due yet
        Assert.Equal(101, store.DatabaseSize());

        for (var step = 0; step < 600 && (store.DatabaseSize() > 1 || t.Db(1).DatabaseSize() > 0); step++)
        {
            t.Advance(100);
        }

        Assert.Equal(1, store.DatabaseSize());
        Assert.Equal(0, t.Db(1).DatabaseSize());
        RedisAssert.Value("k", store.StringGet("ae:timer:keep"));
    }

    [Fact]
    public void Timer_keeps_running_after_reclaiming()
    {
        using var t = new TestStore(o =>
        {
            o.ActiveExpiry = true;
            o.ActiveExpiryInterval = TimeSpan.FromMilliseconds(10);
        });
        for (var round = 0; round < 5; round++)
        {
            for (var i = 0; i < 20; i++)
            {
                t.Store.StringSet("ae:rounds:" + S(round) + ":" + S(i), i, TimeSpan.FromMilliseconds(50));
            }

            for (var step = 0; step < 200 && t.Store.DatabaseSize() > 0; step++)
            {
                t.Advance(10);
            }

            Assert.Equal(0, t.Store.DatabaseSize());
        }
    }
}
