namespace RedisLite.Tests.Conformance;

/// <summary>
/// MEMORY USAGE and OBJECT FREQ / IDLETIME against every <see cref="IDataStore"/> with no memory limit and the default
/// <c>noeviction</c> policy: nil for missing keys, a positive size for existing ones, and Redis's exact error for
/// OBJECT FREQ when no LFU policy is selected. The sizes themselves differ (each reports its own estimate).
/// </summary>
public abstract class MemoryConformanceTests : ConformanceSuite
{
    [ConformanceFact]
    public void Memory_usage_is_nil_for_a_missing_key_and_positive_for_an_existing_one()
    {
        Assert.Null(Db.KeyMemoryUsage("missing"));
        Db.StringSet("s", "value");
        Db.ListRightPush("l", ["a", "b"]);
        Assert.True(Db.KeyMemoryUsage("s") > 0);
        Assert.True(Db.KeyMemoryUsage("l") > 0);
        Db.StringSet("big", new string('x', 10_000));
        Assert.True(Db.KeyMemoryUsage("big") > 10_000);
    }

    [ConformanceFact]
    public void Object_freq_needs_an_lfu_policy_but_answers_nil_for_a_missing_key()
    {
        Assert.Null(Db.KeyFrequency("missing"));
        Db.StringSet("k", "v");
        AssertError(ErrorMessages.LfuNotSelected, () => Db.KeyFrequency("k"));
        Assert.NotNull(Db.KeyIdleTime("k"));
    }
}

/// <summary>
/// Redis 7's behaviour over <c>maxmemory</c> with <c>noeviction</c> (a limit of one byte, which redis-server is over
/// from the start): writes that may add data fail with the exact OOM error, while reads, deletes and other commands
/// that cannot grow the data set keep working.
/// </summary>
public abstract class OutOfMemoryConformanceTests : ConformanceSuite
{
    [ConformanceFact]
    public void Writes_that_may_add_data_fail_with_the_exact_oom_error()
    {
        // An empty in-process store is within even a one-byte limit, so its first write may pass; none after it.
        try
        {
            Db.StringSet("seed", "v");
        }
        catch (RedisException ex)
        {
            Assert.Equal(ErrorMessages.OutOfMemory, ex.Message);
        }

        AssertError(ErrorMessages.OutOfMemory, () => Db.StringSet("a", "b"));
        AssertError(ErrorMessages.OutOfMemory, () => Db.StringIncrement("n"));
        AssertError(ErrorMessages.OutOfMemory, () => Db.StringAppend("a", "b"));
        AssertError(ErrorMessages.OutOfMemory, () => Db.ListRightPush("l", "x"));
        AssertError(ErrorMessages.OutOfMemory, () => Db.HashSet("h", "f", "v"));
        AssertError(ErrorMessages.OutOfMemory, () => Db.SetAdd("s", "m"));
        AssertError(ErrorMessages.OutOfMemory, () => Db.SortedSetAdd("z", "m", 1));
        AssertError(ErrorMessages.OutOfMemory, () => Db.SetCombineAndStore(SetOperation.Union, "dst", ["s"]));
    }

    [ConformanceFact]
    public void Reads_deletes_and_lookups_keep_working()
    {
        AssertNil(Db.StringGet("missing"));
        Assert.False(Db.KeyDelete("missing"));
        Assert.False(Db.KeyExpire("missing", OneHour));
        Assert.Null(Db.KeyMemoryUsage("missing"));
        Assert.Null(Db.KeyFrequency("missing"));
        AssertNil(Db.ListLeftPop("missing"));
    }

    [ConformanceFact]
    public void A_transaction_queued_out_of_memory_is_discarded()
    {
        using var tx = Db.CreateTransaction();
        try
        {
            Db.StringSet("seed", "v");
        }
        catch (RedisException)
        {
            // redis-server: already over the limit.
        }

        var get = tx.Add(d => d.StringGet("seed"));
        AssertError(ErrorMessages.ExecAbort, () => tx.Execute());
        Assert.Equal(TransactionResultStatus.Failed, get.Status);
    }
}

/// <summary>
/// OBJECT FREQ and OBJECT IDLETIME under an LFU policy (<c>allkeys-lfu</c>, no limit): a new key's counter is
/// <c>LFU_INIT_VAL</c> (5), its first access always increments it, an overwrite keeps and bumps it, OBJECT FREQ itself
/// does not count as an access, and OBJECT IDLETIME fails with Redis's text.
/// </summary>
public abstract class LfuConformanceTests : ConformanceSuite
{
    [ConformanceFact]
    public void A_new_key_starts_at_five_and_its_first_access_counts()
    {
        Assert.Null(Db.KeyFrequency("missing"));
        Db.StringSet("k", "v");
        Assert.Equal(5, Db.KeyFrequency("k"));
        Assert.Equal(5, Db.KeyFrequency("k"));
        AssertValue("v", Db.StringGet("k"));
        Assert.Equal(6, Db.KeyFrequency("k"));
    }

    [ConformanceFact]
    public void An_overwrite_keeps_the_counter_and_counts_as_an_access()
    {
        Db.StringSet("k", "v");
        Db.StringSet("k", "w");
        Assert.Equal(6, Db.KeyFrequency("k"));
    }

    [ConformanceFact]
    public void Object_idletime_is_not_tracked()
    {
        Assert.Null(Db.KeyIdleTime("missing"));
        Db.StringSet("k", "v");
        AssertError(ErrorMessages.LfuSelected, () => Db.KeyIdleTime("k"));
    }
}
