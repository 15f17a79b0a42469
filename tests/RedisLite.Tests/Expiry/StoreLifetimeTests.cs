using System.Runtime.CompilerServices;

namespace RedisLite.Tests.Expiry;

/// <summary>The background tick must not keep a store alive: a running timer is a GC root.</summary>
public sealed class StoreLifetimeTests
{
    [Fact]
    public void A_store_nobody_disposed_is_still_collected()
    {
        var weak = CreateAndDrop();
        for (var i = 0; i < 5 && weak.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.False(weak.IsAlive, "an undisposed DataStore's data was kept alive (its expiry timer roots it)");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference CreateAndDrop()
    {
        var store = new DataStore(new RedisLiteOptions { ActiveExpiry = true }, TimeProvider.System);
        store.StringSet("lifetime:key", "value", TimeSpan.FromMinutes(1));

        // The keyspace, not just the facade: it is what the timer could root.
        var core = typeof(DataStore).GetField("_core", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(store)!;
        return new WeakReference(core);
    }
}
