using System.Text;

namespace RedisLite.Tests.Infrastructure;

/// <summary>Holds the lock of one key's shard on another thread until disposed, so that a command needing that shard
/// from inside another key's write scope must defer (BLMOVE's destination).</summary>
internal sealed class ShardHolder : IDisposable
{
    private readonly ManualResetEventSlim _release = new();
    private readonly Thread _thread;

    /// <summary>Starts holding the shard of <paramref name="key"/>; returns once it is held.</summary>
    public ShardHolder(DataStore store, string key)
    {
        using var held = new ManualResetEventSlim();
        var root = store.ShardLockFor(Encoding.UTF8.GetBytes(key));
        _thread = new Thread(() =>
        {
            root.Enter();
            held.Set();
            _release.Wait();
            root.Exit();
        });
        _thread.Start();
        held.Wait();
    }

    /// <summary>A key named <paramref name="prefix"/> plus a number whose shard differs from <paramref name="other"/>'s.</summary>
    public static string KeyInAnotherShard(DataStore store, string other, string prefix) =>
        Enumerable.Range(0, 1000).Select(i => prefix + i)
            .First(k => store.ShardLockFor(Encoding.UTF8.GetBytes(k)) != store.ShardLockFor(Encoding.UTF8.GetBytes(other)));

    /// <summary>Releases the shard and waits for the holding thread to end.</summary>
    public void Dispose()
    {
        _release.Set();
        _thread.Join();
        _release.Dispose();
    }
}
