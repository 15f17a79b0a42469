namespace RedisLite.Tests.Infrastructure;

public sealed class FakeTimeProviderTests
{
    private static readonly DateTimeOffset T0 = new(2030, 5, 6, 7, 8, 9, TimeSpan.Zero);

    [Fact]
    public void Time_moves_only_when_told()
    {
        var clock = new FakeTimeProvider(T0);
        Assert.Equal(T0, clock.GetUtcNow());
        Assert.Equal(T0, clock.Start);
        var ts = clock.GetTimestamp();
        clock.Advance(TimeSpan.FromMilliseconds(1500));
        Assert.Equal(T0.AddMilliseconds(1500), clock.GetUtcNow());
        Assert.Equal(TimeSpan.FromMilliseconds(1500), clock.GetElapsedTime(ts));
        clock.SetUtcNow(T0.AddHours(1));
        Assert.Equal(T0.AddHours(1), clock.GetUtcNow());
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.SetUtcNow(T0));
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.Advance(TimeSpan.FromTicks(-1)));
    }

    [Fact]
    public void One_shot_timer_fires_once_when_due()
    {
        var clock = new FakeTimeProvider(T0);
        var fired = new List<DateTimeOffset>();
        using var timer = clock.CreateTimer(_ => fired.Add(clock.GetUtcNow()), null, TimeSpan.FromSeconds(2), Timeout.InfiniteTimeSpan);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Empty(fired);
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal([T0.AddSeconds(2)], fired);
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Single(fired);
    }

    [Fact]
    public void Periodic_timer_fires_at_each_period_inside_one_advance()
    {
        var clock = new FakeTimeProvider(T0);
        var fired = new List<DateTimeOffset>();
        using var timer = clock.CreateTimer(_ => fired.Add(clock.GetUtcNow()), null, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100));
        clock.Advance(TimeSpan.FromMilliseconds(350));
        Assert.Equal([T0.AddMilliseconds(100), T0.AddMilliseconds(200), T0.AddMilliseconds(300)], fired);
        Assert.Equal(T0.AddMilliseconds(350), clock.GetUtcNow());
        clock.Advance(TimeSpan.FromMilliseconds(50));
        Assert.Equal(4, fired.Count);
    }

    [Fact]
    public void Timers_fire_in_due_order_and_change_and_dispose_work()
    {
        var clock = new FakeTimeProvider(T0);
        var log = new List<string>();
        var a = clock.CreateTimer(_ => log.Add("a"), null, TimeSpan.FromSeconds(3), Timeout.InfiniteTimeSpan);
        var b = clock.CreateTimer(_ => log.Add("b"), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        var c = clock.CreateTimer(_ => log.Add("c"), null, TimeSpan.FromSeconds(2), Timeout.InfiniteTimeSpan);
        Assert.Equal(3, clock.ActiveTimerCount);
        Assert.True(c.Change(TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan));
        b.Dispose();
        Assert.False(b.Change(TimeSpan.Zero, TimeSpan.Zero));
        Assert.Equal(2, clock.TimerCount);
        clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(["a", "c"], log);
        Assert.Equal(0, clock.ActiveTimerCount);
        a.Dispose();
        c.Dispose();
        Assert.Equal(0, clock.TimerCount);
    }

    [Fact]
    public void Zero_due_time_fires_on_the_next_advance_not_inside_create()
    {
        var clock = new FakeTimeProvider(T0);
        var fired = 0;
        using var timer = clock.CreateTimer(_ => fired++, null, TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        Assert.Equal(0, fired);
        clock.Advance(TimeSpan.Zero);
        Assert.Equal(1, fired);
    }

    [Fact]
    public void A_callback_may_dispose_its_timer_or_create_another()
    {
        var clock = new FakeTimeProvider(T0);
        var fired = 0;
        ITimer? self = null;
        self = clock.CreateTimer(_ =>
        {
            fired++;
            self!.Dispose();
            clock.CreateTimer(_ => fired += 100, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        }, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(101, fired);
    }

    [Fact]
    public void Concurrent_readers_and_advancers_are_safe()
    {
        var clock = new FakeTimeProvider(T0);
        var ticks = 0;
        using var timer = clock.CreateTimer(_ => Interlocked.Increment(ref ticks), null, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(1));
        Parallel.For(0, 4, i =>
        {
            for (var j = 0; j < 1000; j++)
            {
                if (i == 0)
                {
                    clock.Advance(TimeSpan.FromMilliseconds(1));
                }
                else
                {
                    Assert.True(clock.GetUtcNow() >= T0);
                    _ = clock.GetTimestamp();
                }
            }
        });
        Assert.Equal(T0.AddSeconds(1), clock.GetUtcNow());
        Assert.Equal(1000, ticks);
    }
}
