using RedisLite.Blocking;
using RedisLite.Tests.Infrastructure;

namespace RedisLite.Tests.Lists;

/// <summary>The generic registry the list and sorted-set blocking commands share: FIFO per key, per type, claims.</summary>
public sealed class BlockingRegistryTests
{
    private static readonly byte[] KeyA = "a"u8.ToArray();
    private static readonly byte[] KeyB = "b"u8.ToArray();

    private static BlockedCall<int> Call(BlockingRegistry registry, RedisType type, params byte[][] keys) =>
        new(registry, keys, type, null, static (_, _) => ServeOutcome.Skipped);

    [Fact]
    public void Waiters_are_listed_per_key_in_order_and_per_type()
    {
        var registry = new BlockingRegistry();
        Assert.True(registry.IsEmpty);
        var first = Call(registry, RedisType.List, KeyA, KeyB);
        var zset = Call(registry, RedisType.SortedSet, KeyA);
        var second = Call(registry, RedisType.List, KeyA, KeyA);
        registry.Add(first);
        registry.Add(zset);
        registry.Add(second);
        Assert.Equal(3, registry.Count);
        Assert.Equal([first, second], registry.Waiting("a"u8.ToArray(), RedisType.List)!);
        Assert.Equal([zset], registry.Waiting(KeyA, RedisType.SortedSet)!);
        Assert.Equal([first], registry.Waiting(KeyB, RedisType.List)!);
        Assert.Null(registry.Waiting(KeyB, RedisType.SortedSet));
    }

    [Fact]
    public void A_claim_removes_the_call_from_every_key_once()
    {
        var registry = new BlockingRegistry();
        var call = Call(registry, RedisType.List, KeyA, KeyB);
        registry.Add(call);
        Assert.True(call.TryClaim());
        Assert.False(call.TryClaim());
        Assert.False(call.IsWaiting);
        Assert.True(registry.IsEmpty);
        Assert.Null(registry.Waiting(KeyA, RedisType.List));
        Assert.Null(registry.Waiting(KeyB, RedisType.List));
        registry.Remove(call);
        Assert.Equal(0, registry.Count);
    }

    [Fact]
    public void A_call_claimed_before_registration_is_never_registered()
    {
        var registry = new BlockingRegistry();
        var call = Call(registry, RedisType.List, KeyA);
        Assert.True(call.TryClaim());
        registry.Add(call);
        Assert.True(registry.IsEmpty);
    }

    [Fact]
    public async Task Arm_times_out_on_the_given_clock_with_the_default_result()
    {
        var clock = new FakeTimeProvider();
        var registry = new BlockingRegistry();
        var call = Call(registry, RedisType.List, KeyA);
        registry.Add(call);
        call.Arm(clock, TimeSpan.FromSeconds(1), CancellationToken.None);
        Assert.Equal(1, clock.ActiveTimerCount);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, await call.Task);
        Assert.True(registry.IsEmpty);
        Assert.Equal(0, clock.ActiveTimerCount);
    }

    [Fact]
    public async Task A_timeout_longer_than_a_timer_can_hold_is_re_armed_until_it_runs_out()
    {
        var clock = new FakeTimeProvider();
        var registry = new BlockingRegistry();
        var call = Call(registry, RedisType.List, KeyA);
        registry.Add(call);
        call.Arm(clock, TimeSpan.FromDays(120), CancellationToken.None);
        clock.Advance(TimeSpan.FromDays(119));
        Assert.False(call.Task.IsCompleted);
        clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await call.Task);
        Assert.True(registry.IsEmpty);
    }

    [Fact]
    public async Task A_served_call_releases_its_timer()
    {
        var clock = new FakeTimeProvider();
        var registry = new BlockingRegistry();
        var call = Call(registry, RedisType.List, KeyA);
        registry.Add(call);
        call.Arm(clock, TimeSpan.FromSeconds(5), CancellationToken.None);
        Assert.True(call.TryClaim());
        call.Complete(7);
        Assert.Equal(7, await call.Task);
        Assert.Equal(0, clock.ActiveTimerCount);
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(7, await call.Task);
    }
}
