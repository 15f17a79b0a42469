namespace RedisLite.Tests.Conformance;

/// <summary>
/// INFO's statistics checked against every <see cref="IDataStore"/>: which commands count a keyspace hit or miss
/// (reading lookups, one per key) and which count none (writes), the command counter (INFO's own call shows in the
/// next INFO), the keyspace section, and blocked callers.
/// </summary>
public abstract class InfoConformanceTests : ConformanceSuite
{
    [ConformanceFact]
    public void Reading_commands_count_a_hit_or_miss_per_key_and_writes_count_none()
    {
        Db.StringSet("a", "1");
        Db.SetAdd("s", "x");
        var before = Db.Info();

        Db.StringGet("a");                                 // hit
        Db.StringGet("b");                                 // miss
        Db.KeyExists(["a", "b"]);                          // hit, miss
        Db.KeyType("a");                                   // hit
        Db.KeyTimeToLive("b");                             // miss
        Db.StringGet(["a", "b", "c"]);                     // hit, miss, miss
        Db.HashGet("h", "f");                              // miss
        Db.SetMembers("s");                                // hit
        Db.SetCombine(SetOperation.Intersect, ["s", "q"]); // hit, miss
        Db.StringIncrement("n");                           // writes: no lookups counted
        Db.ListLeftPop("l");
        Db.StringAppend("a", "x");
        Db.KeyDelete("a");

        var after = Db.Info();
        Assert.Equal(6, after.KeyspaceHits - before.KeyspaceHits);
        Assert.Equal(7, after.KeyspaceMisses - before.KeyspaceMisses);
        Assert.Equal(13 + 1, after.TotalCommandsProcessed - before.TotalCommandsProcessed);
    }

    [ConformanceFact]
    public void Keyspace_lists_the_databases_that_hold_keys_with_their_ttl_counts()
    {
        Assert.Empty(Db.Info().Keyspace);

        Db.StringSet("k1", "v");
        Db.StringSet("k2", "v", OneHour);
        Db.HashSet("h", "f", "v");
        Db.KeyExpire("h", OneHour);
        Db1.SetAdd("x", "m");

        Assert.Equal([new DatabaseInfo(0, 3, 2), new DatabaseInfo(1, 1, 0)], Db.Info().Keyspace);

        Db.KeyPersist("k2");
        Db1.KeyDelete("x");
        Assert.Equal([new DatabaseInfo(0, 3, 1)], Db.Info().Keyspace);
    }

    [ConformanceFact]
    public async Task Blocked_callers_are_counted_until_served()
    {
        Assert.Equal(0, Db.Info().BlockedClients);
        var pop = Db.ListLeftPopBlockingAsync(["info:queue"], LongWait);

        Assert.True(SpinWait.SpinUntil(() => Db.Info().BlockedClients == 1, LongWait), "the caller never blocked");
        Db.ListRightPush("info:queue", "job");

        Assert.Equal("job", (string?)(await pop)!.Value.Value);
        Assert.True(SpinWait.SpinUntil(() => Db.Info().BlockedClients == 0, LongWait), "the caller stayed blocked");
    }

    [ConformanceFact]
    public void Used_memory_grows_with_the_data_and_no_limit_is_zero()
    {
        var before = Db.Info();
        Db.StringSet("big", new string('x', 100_000));
        var after = Db.Info();

        Assert.Equal(0, after.MaxMemory);
        // Redis also counts the client's query buffer that carried the value, so only a lower bound and a loose upper bound hold for both.
        Assert.InRange(after.UsedMemory - before.UsedMemory, 100_000, 400_000);
    }

    [ConformanceFact]
    public void Pub_sub_channels_and_patterns_are_counted_while_subscribed()
    {
        var before = Db.Info();
        using (Db.Subscribe(["info:news", "info:sport"], ["info:*"]))
        {
            Assert.True(
                SpinWait.SpinUntil(() => Db.Info() is { PubSubChannels: var c, PubSubPatterns: var p } && c == before.PubSubChannels + 2 && p == before.PubSubPatterns + 1, LongWait),
                "the subscription was not counted");
        }

        Assert.True(
            SpinWait.SpinUntil(() => Db.Info() is { PubSubChannels: var c, PubSubPatterns: var p } && c == before.PubSubChannels && p == before.PubSubPatterns, LongWait),
            "the ended subscription is still counted");
    }
}
