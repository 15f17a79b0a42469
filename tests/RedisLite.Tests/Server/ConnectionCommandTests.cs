using RedisLite.Tests.Conformance;

namespace RedisLite.Tests.Server;

/// <summary>Connection commands on RedisLite's server, reply for reply against redis-server.</summary>
/// <param name="servers">Both servers.</param>
public sealed class ConnectionCommandTests(WireDiffFixture servers) : IClassFixture<WireDiffFixture>
{
    /// <summary>PING, ECHO, SELECT and unknown commands answer as Redis does, in both protocols.</summary>
    /// <param name="protocol">2 or 3.</param>
    [RedisTheory]
    [InlineData(2)]
    [InlineData(3)]
    public void Basic_connection_commands_match_redis(int protocol) => servers.AssertSameReplies(protocol,
        ["PING"],
        ["PING", "hello"],
        ["PING", "a", "b"],
        ["ping"],
        ["ECHO", "x y"],
        ["ECHO"],
        ["SELECT", "1"],
        ["SELECT", "16"],
        ["SELECT", "-1"],
        ["SELECT", "abc"],
        ["SELECT", "0"],
        ["NOSUCHCOMMAND", "a", "b"],
        ["NOSUCHCOMMAND"],
        ["MULTI"],
        ["PING"],
        ["NOSUCHCOMMAND"],
        ["EXEC"],
        ["EXEC"],
        ["DISCARD"],
        ["MULTI"],
        ["MULTI"],
        ["ECHO", "in"],
        ["DISCARD"],
        ["WATCH", "k"],
        ["MULTI"],
        ["WATCH", "k"],
        ["ECHO", "x"],
        ["EXEC"],
        ["UNWATCH"],
        ["PUBSUB", "NUMPAT"],
        ["PUBSUB", "NOPE"],
        ["PUBSUB"],
        ["PUBLISH", "ch", "m"],
        ["DBSIZE"],
        ["FLUSHDB", "ASYNC"],
        ["FLUSHDB", "NOPE"],
        ["FLUSHALL", "SYNC"]);
}
