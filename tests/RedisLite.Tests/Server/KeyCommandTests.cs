using RedisLite.Tests.Conformance;

namespace RedisLite.Tests.Server;

/// <summary>Generic key commands on RedisLite's server, reply for reply against redis-server, in RESP2 and RESP3.</summary>
/// <param name="servers">Both servers.</param>
public sealed class KeyCommandTests(WireDiffFixture servers) : IClassFixture<WireDiffFixture>
{
    /// <summary>DEL, UNLINK, EXISTS (repeated keys count twice), TYPE of every type, TOUCH.</summary>
    /// <param name="protocol">2 or 3.</param>
    [RedisTheory]
    [InlineData(2)]
    [InlineData(3)]
    public void Del_exists_type_and_touch_match_redis(int protocol) => servers.AssertSameReplies(protocol, TypedKeys.Seed,
        ["set", "k", "v"],
        ["del", "k", "nokey", "k"],
        ["set", "a", "1"],
        ["set", "b", "2"],
        ["del", "a", "b", "c"],
        ["unlink", "a"],
        ["set", "a", "1"],
        ["unlink", "a", "a", "b"],
        ["exists", "a"],
        ["set", "a", "1"],
        ["type", "a"],
        ["type", "nokey"],
        ["type", "list"],
        ["type", "set"],
        ["type", "hash"],
        ["type", "zset"],
        ["exists", "list", "set", "hash", "zset", "nokey"],
        ["del", "list", "set"],
        ["exists", "list", "set", "hash"],
        ["unlink", "hash", "zset", "nokey"],
        ["exists", "hash", "zset"],
        ["touch", "nokey"],
        ["set", "k", "1"],
        ["touch", "k", "nokey", "k"]);

    /// <summary>EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT with NX/XX/GT/LT, their errors and order, overflow limits, times in the past deleting the key, PERSIST, TTL/PTTL/EXPIRETIME/PEXPIRETIME (rounded seconds, -1, -2).</summary>
    /// <param name="protocol">2 or 3.</param>
    [RedisTheory]
    [InlineData(2)]
    [InlineData(3)]
    public void Expire_family_and_ttls_match_redis(int protocol) => servers.AssertSameReplies(protocol, TypedKeys.Seed,
        ["exists", "a", "a", "nokey"],
        ["type", "a"],
        ["type", "nokey"],
        ["expire", "a", "abc", "foo"],
        ["expire", "a", "10", "foo"],
        ["expire", "a", "10", "nx", "xx"],
        ["expire", "a", "10", "gt", "lt"],
        ["expire", "a", "10", "xx", "nx"],
        ["expire", "a", "abc", "nx", "xx"],
        ["expire", "nokey", "10", "gt", "lt"],
        ["expire", "nokey", "abc"],
        ["expire", "a", "10", "nx", "nx"],
        ["ttl", "a"],
        ["expire", "a", "9223372036854775"],
        ["expire", "a", "9223372036854776"],
        ["expire", "a", "-9223372036854776"],
        ["pexpire", "a", "9223372036854775807"],
        ["expireat", "a", "9223372036854775"],
        ["pexpiretime", "a"],
        ["expiretime", "a"],
        ["pexpireat", "a", "9223372036854775807"],
        ["pexpiretime", "a"],
        ["expiretime", "a"],
        ["pexpireat", "a", "1000000000500"],
        ["expiretime", "a"],
        ["pexpiretime", "a"],
        ["set", "a", "1"],
        ["pexpireat", "a", "4000000000499"],
        ["expiretime", "a"],
        ["pexpireat", "a", "4000000000500", "gt"],
        ["expiretime", "a"],
        ["expire", "a", "100", "gt"],
        ["expire", "a", "100", "lt"],
        ["ttl", "a"],
        ["expire", "a", "200", "xx", "gt"],
        ["ttl", "a"],
        ["persist", "a"],
        ["persist", "a"],
        ["persist", "nokey"],
        ["expire", "a", "100", "gt"],
        ["expire", "a", "100", "lt"],
        ["ttl", "a"],
        ["expire", "a", "10", "nx"],
        ["expire", "a", "-1", "xx"],
        ["exists", "a"],
        ["set", "a", "1"],
        ["expireat", "a", "0"],
        ["exists", "a"],
        ["set", "a", "1"],
        ["expireat", "a", "-9223372036854775808"],
        ["pexpireat", "a", "-1"],
        ["exists", "a"],
        ["pexpireat", "nokey", "-1"],
        ["set", "a", "1"],
        ["pexpire", "a", "-9223372036854775808"],
        ["exists", "a"],
        ["set", "a", "v", "px", "1500000"],
        ["ttl", "a"],
        ["set", "a", "v"],
        ["ttl", "a"],
        ["pttl", "a"],
        ["expiretime", "a"],
        ["pexpiretime", "a"],
        ["ttl", "nokey"],
        ["pttl", "nokey"],
        ["expiretime", "nokey"],
        ["pexpiretime", "nokey"],
        ["expire", "a", "100", "xx"],
        ["expire", "a", "100", "nx"],
        ["ttl", "a"],
        ["pexpire", "a", "100000", "xx"],
        ["ttl", "a"],
        ["expireat", "a", "4000000000"],
        ["expiretime", "a"],
        ["expireat", "a", "3000000000", "gt"],
        ["expireat", "a", "3000000000", "lt"],
        ["expiretime", "a"],
        ["pexpireat", "a", "3000000000000", "nx"],
        ["expire", "list", "100"],
        ["ttl", "list"],
        ["pexpireat", "hash", "4000000000000"],
        ["pexpiretime", "hash"],
        ["persist", "hash"],
        ["pexpiretime", "hash"],
        ["expire", "zset", "-1"],
        ["type", "zset"]);

    /// <summary>RENAME, RENAMENX, COPY (DB, REPLACE, option errors and their order), MOVE (index parsing, same database, other databases).</summary>
    /// <param name="protocol">2 or 3.</param>
    [RedisTheory]
    [InlineData(2)]
    [InlineData(3)]
    public void Rename_copy_and_move_match_redis(int protocol) => servers.AssertSameReplies(protocol, TypedKeys.Seed,
        ["set", "k", "v", "ex", "100"],
        ["rename", "nokey", "x"],
        ["rename", "k", "k"],
        ["renamenx", "k", "k"],
        ["renamenx", "nokey", "k"],
        ["rename", "k", "k2"],
        ["ttl", "k2"],
        ["exists", "k"],
        ["set", "k", "other"],
        ["renamenx", "k2", "k"],
        ["rename", "k2", "k"],
        ["get", "k"],
        ["ttl", "k"],
        ["renamenx", "k", "k3"],
        ["get", "k3"],
        ["copy", "k3", "k3"],
        ["copy", "nokey", "k"],
        ["copy", "k3", "k4", "db", "abc"],
        ["copy", "k3", "k4", "db", "16"],
        ["copy", "k3", "k4", "db", "-1"],
        ["copy", "k3", "k4", "db", "9223372036854775808"],
        ["copy", "k3", "k4", "foo"],
        ["copy", "k3", "k4", "db"],
        ["copy", "k3", "k4", "replace", "replace"],
        ["copy", "k3", "k4"],
        ["copy", "k3", "k4", "replace"],
        ["copy", "nokey", "nokey"],
        ["copy", "nokey", "nokey", "db", "1"],
        ["copy", "k3", "k3", "db", "0"],
        ["copy", "k3", "k5", "db", "0"],
        ["copy", "k3", "k3", "db", "1"],
        ["copy", "k3", "k3", "db", "1"],
        ["copy", "k3", "k3", "db", "1", "replace"],
        ["move", "k3", "0"],
        ["move", "k3", "abc"],
        ["move", "k3", "16"],
        ["move", "k3", "4294967296"],
        ["move", "nokey", "0"],
        ["move", "nokey", "1"],
        ["move", "nokey", "16"],
        ["move", "nokey", "-1"],
        ["move", "k3", "1"],
        ["move", "k4", "1"],
        ["exists", "k3", "k4"],
        ["select", "1"],
        ["get", "k3"],
        ["ttl", "k3"],
        ["move", "k3", "0"],
        ["select", "0"],
        ["rename", "list", "list2"],
        ["type", "list2"],
        ["renamenx", "hash", "list2"],
        ["copy", "list2", "l3"],
        ["type", "l3"],
        ["copy", "hash", "list2"],
        ["copy", "hash", "list2", "replace"],
        ["type", "list2"],
        ["move", "set", "1"],
        ["select", "1"],
        ["type", "set"],
        ["select", "0"],
        ["rename", "nokey", "nokey"]);

    /// <summary>KEYS patterns, SCAN's cursor parsing, MATCH/COUNT/TYPE and their errors, RANDOMKEY on empty and one-key databases.</summary>
    /// <param name="protocol">2 or 3.</param>
    [RedisTheory]
    [InlineData(2)]
    [InlineData(3)]
    public void Keys_scan_and_randomkey_match_redis(int protocol) => servers.AssertSameReplies(protocol, TypedKeys.Seed,
        ["set", "k3", "v"],
        ["keys", "nomatch*"],
        ["keys", "k?"],
        ["keys", "k[3-5]"],
        ["keys", "k[^3]"],
        ["keys", "a", "b"],
        ["scan", "0", "count", "0"],
        ["scan", "0", "count", "abc"],
        ["scan", "abc"],
        ["scan", "0", "foo"],
        ["scan", "0", "type", "foo"],
        ["scan", "0", "match"],
        ["scan", "18446744073709551616"],
        ["scan", " 0"],
        ["scan", "0", "type", "string", "count", "1000"],
        ["scan", "0", "match", "k*", "count", "1000", "type", "STRING"],
        ["scan", "0", "match", "nomatch", "count", "1000"],
        ["scan", "0", "count", "abc", "foo"],
        ["scan", "0", "count", "0", "foo"],
        ["scan", "0", "match", "x", "count"],
        ["scan", "0", "type", "list", "count", "100"],
        ["scan", "0", "type", "hash", "count", "100"],
        ["scan", "0", "type", "zset", "count", "100"],
        ["scan", "0", "type", "set", "count", "100"],
        ["scan", "0", "type", "String", "count", "100"],
        ["scan", "0", "match", "li*", "count", "100"],
        ["keys", "list"],
        ["keys", "l?st"],
        ["keys", "[a-z]ist"],
        ["keys", "*is?"],
        ["keys", "\\list"],
        ["keys", "l\\ist"],
        ["scan", "-0", "match", "k3"],
        ["scan", "+0", "match", "k3"],
        ["scan", "0", "count", "9223372036854775807", "match", "k3"],
        ["scan", "0", "count", "-1"],
        ["flushall"],
        ["randomkey"],
        ["scan", "0"],
        ["scan", ""],
        ["keys", "*"],
        ["set", "only", "1"],
        ["randomkey"],
        ["keys", "*"],
        ["scan", "0"],
        ["scan", "0", "match", "o*", "type", "string", "count", "5"]);

    /// <summary>Every key command with too few or too many arguments.</summary>
    /// <param name="protocol">2 or 3.</param>
    [RedisTheory]
    [InlineData(2)]
    [InlineData(3)]
    public void Wrong_arity_matches_redis(int protocol) => servers.AssertSameReplies(protocol, TypedKeys.Seed,
        ["del"],
        ["unlink"],
        ["exists"],
        ["type"],
        ["type", "a", "b"],
        ["expire", "k"],
        ["pexpire", "k"],
        ["expireat", "k"],
        ["pexpireat", "k"],
        ["persist"],
        ["persist", "a", "b"],
        ["ttl"],
        ["ttl", "a", "b"],
        ["pttl"],
        ["expiretime"],
        ["pexpiretime", "a", "b"],
        ["rename", "a"],
        ["rename", "a", "b", "c"],
        ["renamenx", "a"],
        ["copy", "a"],
        ["move", "a"],
        ["move", "a", "1", "2"],
        ["keys"],
        ["scan"],
        ["randomkey", "x"],
        ["touch"]);
    /// <summary>A full SCAN iteration (small COUNT, with MATCH and TYPE) and KEYS return the same keys as
    /// redis-server's, whatever the order and the cursors.</summary>
    /// <param name="protocol">2 or 3.</param>
    [RedisTheory]
    [InlineData(2)]
    [InlineData(3)]
    public void Full_scans_and_keys_return_the_keys_redis_returns(int protocol)
    {
        using var redis = servers.Redis.CreateStore(protocol);
        using var lite = servers.Lite.CreateStore(protocol);
        foreach (var db in new IDataStore[] { redis, lite })
        {
            db.FlushAllDatabases();
            for (var i = 0; i < 300; i++)
            {
                db.StringSet($"key:{i}", "v");
            }

            for (var i = 0; i < 40; i++)
            {
                db.ListRightPush($"list:{i}", "a");
            }
        }

        Assert.Equal(FullScan(redis, default, null), FullScan(lite, default, null));
        Assert.Equal(FullScan(redis, "key:1*", null), FullScan(lite, "key:1*", null));
        Assert.Equal(FullScan(redis, default, RedisType.List), FullScan(lite, default, RedisType.List));
        Assert.Equal(FullScan(redis, "*:2?", RedisType.String), FullScan(lite, "*:2?", RedisType.String));
        Assert.Equal(340, FullScan(lite, default, null).Count);
        Assert.Equal(Sorted(redis.Keys("*:1?")), Sorted(lite.Keys("*:1?")));
        Assert.Equal(Sorted(redis.Keys()), Sorted(lite.Keys()));
    }

    private static List<string> FullScan(IDataStore db, RedisValue pattern, RedisType? type)
    {
        var keys = new HashSet<string>();
        ulong cursor = 0;
        do
        {
            var page = db.KeyScan(cursor, pattern, 7, type);
            keys.UnionWith(page.Keys.Select(k => k.ToString()!));
            cursor = page.Cursor;
        }
        while (cursor != 0);

        return Sorted(keys.Select(k => (RedisKey)k));
    }

    private static List<string> Sorted(IEnumerable<RedisKey> keys) => keys.Select(k => k.ToString()!).Order(StringComparer.Ordinal).ToList();
}
