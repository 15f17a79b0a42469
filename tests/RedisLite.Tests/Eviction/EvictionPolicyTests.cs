using RedisLite.Tests.Infrastructure;

namespace RedisLite.Tests.Eviction;

/// <summary>
/// Each maxmemory policy evicts what Redis's would prefer: LRU and LFU (approximated by sampling into an eviction
/// pool) overwhelmingly the cold keys, random ones roughly uniformly, volatile-ttl the nearest expiries, volatile-*
/// never a key without a TTL; noeviction (and volatile-* with nothing volatile) rejects writes with Redis's exact OOM
/// error while reads and deletes keep working.
/// </summary>
public sealed class EvictionPolicyTests
{
    private const int KeyCount = 1000;
    private static readonly string Value = new('v', 100);

    private static TestStore Store(MaxMemoryPolicy policy, long maxMemory) =>
        new(o =>
        {
            o.MaxMemory = maxMemory;
            o.MaxMemoryPolicy = policy;
        });

    /// <summary>Fills keys k0..k999 to the limit, ages them, reads the even ones ("hot"), then writes 300 new keys,
    /// each of which evicts; returns how many hot and cold keys were evicted.</summary>
    private static (int Hot, int Cold) Run(MaxMemoryPolicy policy)
    {
        // Measure a key's cost on a store without a limit, then size the limit for exactly KeyCount keys.
        long perKey;
        using (var probe = Store(MaxMemoryPolicy.NoEviction, 0))
        {
            probe.Store.StringSet("k100", Value);
            perKey = probe.Store.UsedMemory;
        }

        using var t = Store(policy, perKey * KeyCount);
        for (var i = 0; i < KeyCount; i++)
        {
            t.Store.StringSet($"k{i}", Value);
        }

        Assert.Equal(0, t.Store.EvictedKeys);
        t.Advance(10_000);
        t.Store.KeyTouch("clock");
        for (var i = 0; i < KeyCount; i += 2)
        {
            Assert.False(t.Store.StringGet($"k{i}").IsNull);
        }

        t.Advance(10_000);
        t.Store.KeyTouch("clock");
        for (var i = 0; i < 300; i++)
        {
            t.Store.StringSet($"n{i}", Value);
        }

        Assert.True(t.Store.UsedMemory <= perKey * KeyCount + perKey);
        Assert.Empty(t.Store.VerifyMemoryAccounting());
        var hot = Enumerable.Range(0, KeyCount).Count(i => i % 2 == 0 && !t.Store.KeyExists($"k{i}"));
        var cold = Enumerable.Range(0, KeyCount).Count(i => i % 2 == 1 && !t.Store.KeyExists($"k{i}"));
        Assert.True(hot + cold + Enumerable.Range(0, 300).Count(i => !t.Store.KeyExists($"n{i}")) == t.Store.EvictedKeys);
        return (hot, cold);
    }

    [Theory]
    [InlineData(MaxMemoryPolicy.AllKeysLru)]
    [InlineData(MaxMemoryPolicy.AllKeysLfu)]
    public void Lru_and_lfu_evict_overwhelmingly_cold_keys(MaxMemoryPolicy policy)
    {
        var (hot, cold) = Run(policy);
        Assert.True(cold >= 150, $"cold {cold}, hot {hot}");
        Assert.True(hot <= (hot + cold) / 10, $"cold {cold}, hot {hot}");
    }

    [Fact]
    public void Allkeys_random_evicts_roughly_uniformly()
    {
        var (hot, cold) = Run(MaxMemoryPolicy.AllKeysRandom);
        Assert.True(hot + cold >= 200, $"cold {cold}, hot {hot}");
        Assert.InRange(hot, (hot + cold) * 35 / 100, (hot + cold) * 65 / 100);
    }

    [Theory]
    [InlineData(MaxMemoryPolicy.VolatileLru)]
    [InlineData(MaxMemoryPolicy.VolatileLfu)]
    [InlineData(MaxMemoryPolicy.VolatileRandom)]
    [InlineData(MaxMemoryPolicy.VolatileTtl)]
    public void Volatile_policies_leave_persistent_keys_and_fail_when_nothing_is_volatile(MaxMemoryPolicy policy)
    {
        using var t = Store(policy, 40_000);
        for (var i = 0; i < 100; i++)
        {
            t.Store.StringSet($"p{i}", Value);
            t.Store.StringSet($"v{i}", Value, Expiration.In(TimeSpan.FromHours(1 + i)));
        }

        // Over the limit now: further writes evict volatile keys only, until none is left.
        var written = 0;
        var error = Assert.Throws<RedisException>(() =>
        {
            for (; written < 1000; written++)
            {
                t.Store.StringSet($"x{written}", Value);
            }
        });
        Assert.Equal(ErrorMessages.OutOfMemory, error.Message);
        Assert.All(Enumerable.Range(0, 100), i => Assert.True(t.Store.KeyExists($"p{i}")));
        Assert.All(Enumerable.Range(0, 100), i => Assert.False(t.Store.KeyExists($"v{i}")));
        Assert.Equal(100, t.Store.EvictedKeys);
        Assert.Empty(t.Store.VerifyMemoryAccounting());
    }

    [Fact]
    public void Volatile_ttl_evicts_the_nearest_expiries_first()
    {
        long perKey;
        using (var probe = Store(MaxMemoryPolicy.NoEviction, 0))
        {
            probe.Store.StringSet("t100", Value, Expiration.In(TimeSpan.FromHours(1)));
            perKey = probe.Store.UsedMemory;
        }

        using var s = Store(MaxMemoryPolicy.VolatileTtl, perKey * KeyCount);
        for (var i = 0; i < KeyCount; i++)
        {
            s.Store.StringSet($"t{i}", Value, Expiration.In(TimeSpan.FromSeconds(1000 + i)));
        }

        for (var i = 0; i < 200; i++)
        {
            s.Store.StringSet($"n{i}", Value);
        }

        var evicted = Enumerable.Range(0, KeyCount).Where(i => !s.Store.KeyExists($"t{i}")).ToArray();
        Assert.InRange(evicted.Length, 190, 210);
        Assert.True(evicted.Average() < 250, $"average evicted TTL rank {evicted.Average()}");
        Assert.True(evicted.Count(i => i < 400) >= evicted.Length * 9 / 10);
    }

    [Fact]
    public void Noeviction_rejects_writes_with_the_exact_error_while_reads_and_deletes_work()
    {
        using var t = Store(MaxMemoryPolicy.NoEviction, 700);
        for (var i = 0; i < 5; i++)
        {
            t.Store.StringSet($"k{i}", Value);
        }

        Assert.True(t.Store.UsedMemory > 700);
        RedisAssert.Throws(ErrorMessages.OutOfMemory, () => t.Store.StringSet("k9", "x"));
        RedisAssert.Throws(ErrorMessages.OutOfMemory, () => t.Store.StringIncrement("n"));
        RedisAssert.Throws(ErrorMessages.OutOfMemory, () => t.Store.ListLeftPush("l", "x"));
        RedisAssert.Throws(ErrorMessages.OutOfMemory, () => t.Store.HashSet("h", "f", "v"));
        RedisAssert.Throws(ErrorMessages.OutOfMemory, () => t.Store.SetAdd("s", "m"));
        RedisAssert.Throws(ErrorMessages.OutOfMemory, () => t.Store.SortedSetAdd("z", "m", 1));
        RedisAssert.Throws(ErrorMessages.OutOfMemory, () => t.Store.KeyCopy("k0", "copy"));
        RedisAssert.Throws(ErrorMessages.OutOfMemory, () => t.Store.StringAppend("k0", "x"));
        RedisAssert.Value(Value, t.Store.StringGet("k0"));
        Assert.True(t.Store.KeyExpire("k1", TimeSpan.FromHours(1)));
        Assert.True(t.Store.KeyRename("k1", "renamed"));
        Assert.Equal(0, t.Store.EvictedKeys);

        // Deleting frees memory; once under the limit, writes work again.
        Assert.Equal(5, t.Store.KeyDelete(["k0", "renamed", "k2", "k3", "k4"]));
        Assert.True(t.Store.StringSet("k9", "x"));
    }

    [Fact]
    public void Eviction_aborts_a_transaction_watching_the_evicted_key()
    {
        // volatile-ttl with one volatile key makes the choice deterministic.
        using var t = Store(MaxMemoryPolicy.VolatileTtl, 2000);
        t.Store.StringSet("victim", "v", Expiration.In(TimeSpan.FromHours(1)));
        using var tx = t.Store.CreateTransaction();
        tx.Watch("victim");
        tx.Add(d => d.StringSet("victim", "mine"));
        t.Store.StringSet("big", new string('x', 1900));
        Assert.True(t.Store.UsedMemory > 2000);
        t.Store.StringSet("next", "x");

        Assert.False(t.Store.KeyExists("victim"));
        Assert.Equal(1, t.Store.EvictedKeys);
        t.Store.KeyDelete("big");
        Assert.False(tx.Execute());
        Assert.False(t.Store.KeyExists("victim"));
    }

    [Fact]
    public void Object_freq_and_idletime_follow_the_policy_kind()
    {
        using (var lru = Store(MaxMemoryPolicy.AllKeysLru, 0))
        {
            lru.Store.StringSet("k", "v");
            RedisAssert.Throws(ErrorMessages.LfuNotSelected, () => lru.Store.KeyFrequency("k"));
            Assert.NotNull(lru.Store.KeyIdleTime("k"));
        }

        using var lfu = Store(MaxMemoryPolicy.AllKeysLfu, 0);
        Assert.Null(lfu.Store.KeyFrequency("k"));
        lfu.Store.StringSet("k", "v");
        Assert.Equal(5, lfu.Store.KeyFrequency("k"));
        RedisAssert.Throws(ErrorMessages.LfuSelected, () => lfu.Store.KeyIdleTime("k"));

        // The first hit above LFU_INIT_VAL always counts; later ones ever more rarely.
        lfu.Store.StringGet("k");
        Assert.Equal(6, lfu.Store.KeyFrequency("k"));
        for (var i = 0; i < 1000; i++)
        {
            lfu.Store.StringGet("k");
        }

        var frequency = lfu.Store.KeyFrequency("k")!.Value;
        Assert.InRange(frequency, 8, 30);

        // Decay: one per lfu-decay-time (1 minute) without access.
        lfu.Advance(3 * 60_000);
        Assert.Equal(frequency - 3, lfu.Store.KeyFrequency("k"));
    }

    [Fact]
    public void Options_are_validated()
    {
        Assert.Throws<ArgumentException>(() => new DataStore(new RedisLiteOptions { MaxMemory = -1 }));
        Assert.Throws<ArgumentException>(() => new DataStore(new RedisLiteOptions { MaxMemorySamples = 0 }));
        Assert.Throws<ArgumentException>(() => new DataStore(new RedisLiteOptions { LfuLogFactor = 256 }));
        Assert.Throws<ArgumentException>(() => new DataStore(new RedisLiteOptions { LfuDecayTime = TimeSpan.FromSeconds(30) }));
        Assert.Throws<ArgumentException>(() => new DataStore(new RedisLiteOptions { MaxMemoryPolicy = (MaxMemoryPolicy)42 }));
    }

    [Fact]
    public void A_command_queued_while_out_of_memory_makes_exec_abort()
    {
        using var t = Store(MaxMemoryPolicy.NoEviction, 100);
        t.Store.StringSet("k", Value);
        using var tx = t.Store.CreateTransaction();
        var get = tx.Add(d => d.StringGet("k"));
        Assert.Equal(TransactionResultStatus.Failed, get.Status);
        RedisAssert.Throws(ErrorMessages.ExecAbort, () => tx.Execute());
    }

    [Fact]
    public void Exec_of_a_write_that_may_add_data_fails_when_out_of_memory_at_exec()
    {
        using var t = Store(MaxMemoryPolicy.NoEviction, 300);
        using var tx = t.Store.CreateTransaction();
        var set = tx.Add(d => d.StringSet("x", "1"));
        using var reads = t.Store.CreateTransaction();
        var get = reads.Add(d => d.StringGet("k"));
        var del = reads.Add(d => d.KeyDelete("k2"));
        t.Store.StringSet("k", Value);
        t.Store.StringSet("k2", Value);
        Assert.True(t.Store.UsedMemory > 300);
        RedisAssert.Throws(ErrorMessages.ExecAbortOutOfMemory, () => tx.Execute());
        Assert.Equal(TransactionResultStatus.Failed, set.Status);
        Assert.False(t.Store.KeyExists("x"));

        // A transaction of reads and deletes queued before still runs over the limit.
        Assert.True(reads.Execute());
        RedisAssert.Value(Value, get.Value);
        Assert.True(del.Value);
    }
}
