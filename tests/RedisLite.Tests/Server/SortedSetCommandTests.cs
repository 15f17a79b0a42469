using System.Text;
using RedisLite.Tests.Conformance;

namespace RedisLite.Tests.Server;

/// <summary>Sorted-set commands on RedisLite's server, reply for reply against redis-server, in RESP2 and RESP3.</summary>
/// <param name="servers">Both servers.</param>
public sealed class SortedSetCommandTests(WireDiffFixture servers) : IClassFixture<WireDiffFixture>
{
    /// <summary>ZADD with every option and conflict, ZINCRBY, ZSCORE/ZMSCORE (double replies), ZCARD, ZCOUNT's score
    /// ranges (exclusive bounds, infinities, strtod's leniency), ZREM and ZRANK/ZREVRANK.</summary>
    /// <param name="protocol">2 or 3.</param>
    [RedisTheory]
    [InlineData(2)]
    [InlineData(3)]
    public void Adds_scores_counts_and_ranks_match_redis(int protocol) => servers.AssertSameReplies(protocol,
        ["ZADD", "z", "1", "a", "2", "b", "3", "c"],
        ["ZADD", "z", "NX", "5", "a", "4", "d"],
        ["ZADD", "z", "XX", "10", "a", "11", "e"],
        ["ZADD", "z", "XX", "CH", "10", "a", "12", "b"],
        ["ZADD", "z", "GT", "CH", "1", "a", "20", "c"],
        ["ZADD", "z", "LT", "CH", "100", "a", "0", "c"],
        ["ZADD", "z", "XX", "GT", "INCR", "5", "a"],
        ["ZADD", "z", "XX", "LT", "INCR", "5", "a"],
        ["ZADD", "z", "NX", "INCR", "5", "a"],
        ["ZADD", "z", "NX", "INCR", "5", "newm"],
        ["ZADD", "z", "XX", "INCR", "5", "nope"],
        ["ZADD", "nokey", "XX", "INCR", "5", "nope"],
        ["ZADD", "nokey", "XX", "5", "nope"],
        ["ZADD", "z", "NX", "XX", "1", "a"],
        ["ZADD", "z", "GT", "LT", "1", "a"],
        ["ZADD", "z", "NX", "GT", "1", "a"],
        ["ZADD", "z", "NX", "LT", "1", "a"],
        ["ZADD", "z", "INCR", "1", "a", "2", "b"],
        ["ZADD", "z", "1", "a", "2"],
        ["ZADD", "z", "NX", "XX"],
        ["ZADD", "z", "NX"],
        ["ZADD", "z", "nan", "a"],
        ["ZADD", "z", "abc", "a"],
        ["ZADD", "z", "1x", "a"],
        ["ZADD", "z", " 1", "a"],
        ["ZADD", "z", "", "a"],
        ["ZADD", "z", "1e400", "a"],
        ["ZADD", "z", "inf", "a"],
        ["ZADD", "z", "-inf", "b"],
        ["ZADD", "z", "INCR", "-inf", "b"],
        ["ZADD", "z", "INCR", "+inf", "a"],
        ["ZADD", "z", "INCR", "-inf", "a"],
        ["ZADD", "z", "INCR", "1", "a", "2", "b"],
        ["ZADD", "z", "nx", "ch", "gt", "1", "a"],
        ["ZADD", "z", "ch", "incr", "1", "q"],
        ["ZADD", "z", "0.1", "x", "1e-5", "y", "-0", "zero", "1.5e10", "w", "123456789012345678", "v"],
        ["ZRANGE", "z", "0", "-1", "WITHSCORES"],
        ["ZSCORE", "z", "x"],
        ["ZSCORE", "z", "y"],
        ["ZSCORE", "z", "zero"],
        ["ZSCORE", "z", "w"],
        ["ZSCORE", "z", "v"],
        ["ZSCORE", "z", "missing"],
        ["ZSCORE", "nokey", "a"],
        ["ZMSCORE", "z", "x", "y", "missing"],
        ["ZMSCORE", "nokey", "a", "b"],
        ["ZINCRBY", "z", "1.5", "x"],
        ["ZINCRBY", "z", "1", "newone"],
        ["ZINCRBY", "z", "nx", "newone"],
        ["ZINCRBY", "z", "incr", "newone"],
        ["ZINCRBY", "z", "abc", "newone"],
        ["ZINCRBY", "z", "inf", "a"],
        ["ZINCRBY", "z", "-inf", "a"],
        ["ZINCRBY", "nokey2", "-3", "m"],
        ["ZCARD", "z"],
        ["ZCARD", "nokey"],
        ["ZCOUNT", "z", "-inf", "+inf"],
        ["ZCOUNT", "z", "(1", "3"],
        ["ZCOUNT", "z", "1", "(3"],
        ["ZCOUNT", "z", "(1", "(1"],
        ["ZCOUNT", "z", "3", "1"],
        ["ZCOUNT", "z", "a", "1"],
        ["ZCOUNT", "z", "1", "nan"],
        ["ZCOUNT", "z", "", "1"],
        ["ZCOUNT", "z", " 1", "5"],
        ["ZCOUNT", "z", "0x10", "inf"],
        ["ZCOUNT", "z", "(", "1"],
        ["ZCOUNT", "z", "(", "("],
        ["ZCOUNT", "nokey", "0", "1"],
        ["ZREM", "z", "a", "b", "nope"],
        ["ZREM", "nokey", "a"],
        ["ZRANK", "z", "x"],
        ["ZREVRANK", "z", "x"],
        ["ZRANK", "z", "nope"],
        ["ZRANK", "nokey", "a"],
        ["ZCARD", "nokey2"],
        ["ZADD", "z"],
        ["ZINCRBY", "z", "1"],
        ["ZSCORE", "z"],
        ["ZMSCORE", "z"],
        ["ZCARD"],
        ["ZCOUNT", "z", "1"],
        ["ZREM", "z"],
        ["ZRANK", "z", "a", "WITHSCORE"],
        ["ZREVRANK", "z"]);

    /// <summary>ZRANGE's unified syntax (ranks, BYSCORE, BYLEX, REV, LIMIT, WITHSCORES and their conflicts), the older
    /// range commands, ZRANGESTORE, ZLEXCOUNT and the ZREMRANGEBY* commands.</summary>
    /// <param name="protocol">2 or 3.</param>
    [RedisTheory]
    [InlineData(2)]
    [InlineData(3)]
    public void Ranges_match_redis(int protocol) => servers.AssertSameReplies(protocol,
        ["ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d", "5", "e"],
        ["ZADD", "l", "0", "a", "0", "b", "0", "c", "0", "d", "0", "e", "0", "f", "0", "ff", "0", "g"],
        ["ZRANGE", "z", "0", "-1"],
        ["ZRANGE", "z", "1", "2", "WITHSCORES"],
        ["ZRANGE", "z", "-2", "-1", "REV", "WITHSCORES"],
        ["ZRANGE", "z", "0", "-1", "REV"],
        ["ZRANGE", "z", "5", "10"],
        ["ZRANGE", "z", "a", "1"],
        ["ZRANGE", "z", "0", "b"],
        ["ZRANGE", "z", "0", "-1", "LIMIT", "0", "1"],
        ["ZRANGE", "z", "0", "-1", "LIMIT", "0", "-1"],
        ["ZRANGE", "z", "0", "-1", "LIMIT", "5", "-1"],
        ["ZRANGE", "z", "0", "-1", "LIMIT", "0"],
        ["ZRANGE", "z", "0", "-1", "LIMIT", "x", "y"],
        ["ZRANGE", "z", "0", "-1", "BYSCORE"],
        ["ZRANGE", "z", "(1", "4", "BYSCORE", "WITHSCORES"],
        ["ZRANGE", "z", "4", "(1", "BYSCORE", "REV", "WITHSCORES"],
        ["ZRANGE", "z", "1", "4", "BYSCORE", "LIMIT", "1", "2"],
        ["ZRANGE", "z", "1", "4", "BYSCORE", "LIMIT", "-1", "2"],
        ["ZRANGE", "z", "1", "4", "BYSCORE", "LIMIT", "1", "-5"],
        ["ZRANGE", "z", "1", "4", "BYSCORE", "LIMIT", "1", "0"],
        ["ZRANGE", "z", "x", "4", "BYSCORE"],
        ["ZRANGE", "z", "x", "4", "BYSCORE", "LIMIT", "a", "b"],
        ["ZRANGE", "z", "1", "4", "BYSCORE", "BYLEX"],
        ["ZRANGE", "z", "1", "4", "BYSCORE", "REV", "REV"],
        ["ZRANGE", "z", "1", "4", "FOO"],
        ["ZRANGE", "l", "-", "+", "BYLEX"],
        ["ZRANGE", "l", "[b", "(f", "BYLEX"],
        ["ZRANGE", "l", "(f", "[b", "BYLEX", "REV"],
        ["ZRANGE", "l", "+", "-", "BYLEX", "REV"],
        ["ZRANGE", "l", "+", "-", "BYLEX"],
        ["ZRANGE", "l", "-", "-", "BYLEX"],
        ["ZRANGE", "l", "+", "+", "BYLEX"],
        ["ZRANGE", "l", "-", "+", "BYLEX", "LIMIT", "2", "3"],
        ["ZRANGE", "l", "-", "+", "BYLEX", "REV", "LIMIT", "2", "3"],
        ["ZRANGE", "l", "-", "+", "BYLEX", "WITHSCORES"],
        ["ZRANGE", "l", "a", "+", "BYLEX"],
        ["ZRANGE", "l", "-", "+x", "BYLEX"],
        ["ZRANGE", "l", "", "+", "BYLEX"],
        ["ZRANGE", "l", "[", "+", "BYLEX"],
        ["ZRANGE", "l", "(", "(", "BYLEX"],
        ["ZRANGE", "l", "[f", "[f", "BYLEX"],
        ["ZRANGE", "l", "(f", "[f", "BYLEX"],
        ["ZRANGE", "nokey", "0", "-1"],
        ["ZRANGE", "nokey", "0", "-1", "WITHSCORES"],
        ["ZRANGE", "nokey", "-", "+", "BYLEX"],
        ["ZRANGEBYSCORE", "z", "-inf", "+inf"],
        ["ZRANGEBYSCORE", "z", "-inf", "+inf", "WITHSCORES"],
        ["ZRANGEBYSCORE", "z", "-inf", "+inf", "WITHSCORES", "LIMIT", "1", "2"],
        ["ZRANGEBYSCORE", "z", "-inf", "+inf", "LIMIT", "1"],
        ["ZRANGEBYSCORE", "z", "-inf", "+inf", "REV"],
        ["ZRANGEBYSCORE", "z", "-inf", "+inf", "BYSCORE"],
        ["ZRANGEBYSCORE", "z", "x", "+inf"],
        ["ZREVRANGEBYSCORE", "z", "+inf", "-inf"],
        ["ZREVRANGEBYSCORE", "z", "(4", "(1", "WITHSCORES"],
        ["ZREVRANGEBYSCORE", "z", "4", "1", "LIMIT", "1", "1"],
        ["ZREVRANGEBYSCORE", "z", "1", "4"],
        ["ZRANGEBYLEX", "l", "-", "+"],
        ["ZRANGEBYLEX", "l", "[c", "+", "LIMIT", "1", "2"],
        ["ZRANGEBYLEX", "l", "[c", "+", "WITHSCORES"],
        ["ZRANGEBYLEX", "l", "c", "+"],
        ["ZREVRANGEBYLEX", "l", "+", "-"],
        ["ZREVRANGEBYLEX", "l", "(f", "[b"],
        ["ZREVRANGEBYLEX", "l", "[b", "(f"],
        ["ZREVRANGE", "z", "0", "-1"],
        ["ZREVRANGE", "z", "0", "1", "WITHSCORES"],
        ["ZREVRANGE", "z", "0", "-1", "BYSCORE"],
        ["ZREVRANGE", "z", "0", "-1", "REV"],
        ["ZREVRANGE", "z", "0", "-1", "LIMIT", "0", "1"],
        ["ZRANGESTORE", "d", "z", "0", "-1"],
        ["ZRANGE", "d", "0", "-1", "WITHSCORES"],
        ["ZRANGESTORE", "d", "z", "1", "3", "REV"],
        ["ZRANGE", "d", "0", "-1", "WITHSCORES"],
        ["ZRANGESTORE", "d", "z", "(1", "4", "BYSCORE", "LIMIT", "1", "2"],
        ["ZRANGE", "d", "0", "-1", "WITHSCORES"],
        ["ZRANGESTORE", "d", "z", "4", "(1", "BYSCORE", "REV", "LIMIT", "0", "2"],
        ["ZRANGE", "d", "0", "-1", "WITHSCORES"],
        ["ZRANGESTORE", "d", "l", "[b", "(f", "BYLEX"],
        ["ZRANGE", "d", "0", "-1", "WITHSCORES"],
        ["ZRANGESTORE", "d", "l", "+", "-", "BYLEX"],
        ["ZRANGESTORE", "d", "z", "0", "-1", "WITHSCORES"],
        ["ZRANGESTORE", "d", "z", "0", "-1", "LIMIT", "0", "1"],
        ["ZRANGESTORE", "d", "z", "a", "b", "BYSCORE"],
        ["ZRANGESTORE", "d", "z", "a", "b", "BYLEX"],
        ["ZRANGESTORE", "d", "z", "a", "b"],
        ["ZRANGESTORE", "d", "nokey", "0", "-1"],
        ["ZRANGESTORE", "d", "z", "0", "-1"],
        ["ZRANGESTORE", "d", "nokey", "0", "-1"],
        ["ZCARD", "d"],
        ["ZLEXCOUNT", "l", "-", "+"],
        ["ZLEXCOUNT", "l", "[b", "(f"],
        ["ZLEXCOUNT", "l", "+", "-"],
        ["ZLEXCOUNT", "l", "a", "b"],
        ["ZLEXCOUNT", "nokey", "-", "+"],
        ["ZREMRANGEBYLEX", "l", "[f", "(g"],
        ["ZRANGE", "l", "0", "-1"],
        ["ZREMRANGEBYLEX", "l", "a", "b"],
        ["ZREMRANGEBYLEX", "l", "+", "-"],
        ["ZREMRANGEBYLEX", "nokey", "-", "+"],
        ["ZREMRANGEBYSCORE", "z", "(4", "+inf"],
        ["ZREMRANGEBYSCORE", "z", "x", "1"],
        ["ZREMRANGEBYSCORE", "nokey", "1", "2"],
        ["ZRANGE", "z", "0", "-1", "WITHSCORES"],
        ["ZREMRANGEBYRANK", "z", "0", "0"],
        ["ZREMRANGEBYRANK", "z", "x", "0"],
        ["ZREMRANGEBYRANK", "z", "0", "x"],
        ["ZREMRANGEBYRANK", "z", "-1", "-1"],
        ["ZREMRANGEBYRANK", "nokey", "0", "-1"],
        ["ZRANGE", "z", "0", "-1", "WITHSCORES"],
        ["ZREMRANGEBYRANK", "z", "0", "-1"],
        ["ZRANGE", "z", "0"],
        ["ZRANGESTORE", "d", "z", "0"],
        ["ZREMRANGEBYRANK", "z", "0"],
        ["ZREMRANGEBYSCORE", "z", "0", "1", "2"],
        ["ZREMRANGEBYLEX", "z", "-"],
        ["ZLEXCOUNT", "z", "-", "+", "x"]);

    /// <summary>ZUNION/ZINTER/ZDIFF (WEIGHTS, AGGREGATE, WITHSCORES), their STORE forms, ZINTERCARD, ZPOPMIN/ZPOPMAX
    /// with and without a count, and ZMPOP.</summary>
    /// <param name="protocol">2 or 3.</param>
    [RedisTheory]
    [InlineData(2)]
    [InlineData(3)]
    public void Combinations_and_pops_match_redis(int protocol) => servers.AssertSameReplies(protocol,
        ["ZADD", "a", "1", "x", "2", "y", "3", "z"],
        ["ZADD", "b", "10", "y", "20", "z", "30", "w"],
        ["ZADD", "c", "0.5", "z"],
        ["ZUNION", "2", "a", "b"],
        ["ZUNION", "2", "a", "b", "WITHSCORES"],
        ["ZUNION", "2", "a", "b", "WEIGHTS", "2", "0.5", "WITHSCORES"],
        ["ZUNION", "2", "a", "b", "WEIGHTS", "2", "WITHSCORES"],
        ["ZUNION", "2", "a", "b", "AGGREGATE", "MIN", "WITHSCORES"],
        ["ZUNION", "2", "a", "b", "AGGREGATE", "max", "WITHSCORES"],
        ["ZUNION", "2", "a", "b", "AGGREGATE", "sum", "WEIGHTS", "1", "-1", "WITHSCORES"],
        ["ZUNION", "2", "a", "b", "AGGREGATE", "foo"],
        ["ZUNION", "2", "a", "b", "AGGREGATE"],
        ["ZUNION", "2", "a", "b", "WEIGHTS", "x", "1"],
        ["ZUNION", "2", "a", "b", "WEIGHTS", "1", "nan"],
        ["ZUNION", "2", "a", "b", "WEIGHTS", "inf", "0", "WITHSCORES"],
        ["ZUNION", "2", "a", "b", "FOO"],
        ["ZUNION", "0", "a"],
        ["ZUNION", "-1", "a"],
        ["ZUNION", "x", "a"],
        ["ZUNION", "3", "a", "b"],
        ["ZUNION", "1", "nokey"],
        ["ZUNION", "1", "nokey", "WITHSCORES"],
        ["ZUNION", "2", "a", "nokey", "WITHSCORES"],
        ["ZINTER", "2", "a", "b", "WITHSCORES"],
        ["ZINTER", "3", "a", "b", "c", "WITHSCORES"],
        ["ZINTER", "3", "a", "b", "c", "WEIGHTS", "1", "1", "1", "AGGREGATE", "MAX", "WITHSCORES"],
        ["ZINTER", "2", "a", "nokey"],
        ["ZINTER", "0", "a"],
        ["ZDIFF", "2", "a", "b"],
        ["ZDIFF", "2", "a", "b", "WITHSCORES"],
        ["ZDIFF", "2", "a", "c", "WITHSCORES"],
        ["ZDIFF", "2", "a", "b", "WEIGHTS", "1", "1"],
        ["ZDIFF", "2", "a", "b", "AGGREGATE", "MIN"],
        ["ZDIFF", "1", "nokey"],
        ["ZDIFF", "0", "a"],
        ["ZUNIONSTORE", "d", "2", "a", "b"],
        ["ZRANGE", "d", "0", "-1", "WITHSCORES"],
        ["ZUNIONSTORE", "d", "2", "a", "b", "WITHSCORES"],
        ["ZUNIONSTORE", "d", "2", "a", "b", "WEIGHTS", "1", "2", "AGGREGATE", "MAX"],
        ["ZRANGE", "d", "0", "-1", "WITHSCORES"],
        ["ZINTERSTORE", "d", "2", "a", "b"],
        ["ZRANGE", "d", "0", "-1", "WITHSCORES"],
        ["ZINTERSTORE", "d", "2", "a", "nokey"],
        ["ZCARD", "d"],
        ["ZDIFFSTORE", "d", "2", "a", "b"],
        ["ZRANGE", "d", "0", "-1", "WITHSCORES"],
        ["ZDIFFSTORE", "d", "2", "a", "b", "WEIGHTS", "1", "1"],
        ["ZDIFFSTORE", "d", "0", "a"],
        ["ZUNIONSTORE", "d", "0", "a"],
        ["ZINTERSTORE", "d", "x", "a"],
        ["ZINTERSTORE", "d", "5", "a"],
        ["ZINTERCARD", "2", "a", "b"],
        ["ZINTERCARD", "3", "a", "b", "c"],
        ["ZINTERCARD", "2", "a", "b", "LIMIT", "1"],
        ["ZINTERCARD", "2", "a", "b", "LIMIT", "0"],
        ["ZINTERCARD", "2", "a", "b", "LIMIT", "-1"],
        ["ZINTERCARD", "2", "a", "b", "LIMIT", "x"],
        ["ZINTERCARD", "2", "a", "b", "LIMIT"],
        ["ZINTERCARD", "2", "a", "b", "FOO", "1"],
        ["ZINTERCARD", "2", "a", "b", "WITHSCORES"],
        ["ZINTERCARD", "0", "a"],
        ["ZINTERCARD", "3", "a", "b"],
        ["ZINTERCARD", "1", "nokey"],
        ["ZPOPMIN", "a"],
        ["ZPOPMAX", "a"],
        ["ZPOPMIN", "b", "2"],
        ["ZPOPMAX", "b", "5"],
        ["ZPOPMIN", "b", "0"],
        ["ZPOPMIN", "nokey"],
        ["ZPOPMIN", "nokey", "3"],
        ["ZPOPMIN", "a", "-1"],
        ["ZPOPMIN", "a", "x"],
        ["ZPOPMIN", "a", "1", "2"],
        ["ZADD", "m1", "1", "a", "2", "b", "3", "c"],
        ["ZADD", "m2", "5", "x"],
        ["ZMPOP", "2", "nokey", "m1", "MIN"],
        ["ZMPOP", "2", "nokey", "m1", "MAX", "COUNT", "5"],
        ["ZMPOP", "2", "m1", "m2", "min", "count", "1"],
        ["ZMPOP", "1", "nokey", "MIN"],
        ["ZMPOP", "0", "m2", "MIN"],
        ["ZMPOP", "x", "m2", "MIN"],
        ["ZMPOP", "1", "m2", "FOO"],
        ["ZMPOP", "1", "m2"],
        ["ZMPOP", "2", "m2", "MIN"],
        ["ZMPOP", "1", "m2", "MIN", "COUNT", "0"],
        ["ZMPOP", "1", "m2", "MIN", "COUNT", "x"],
        ["ZMPOP", "1", "m2", "MIN", "COUNT", "1", "COUNT", "1"],
        ["ZMPOP", "1", "m2", "MIN", "COUNT"],
        ["ZMPOP", "1", "m2", "MIN", "FOO"],
        ["ZMPOP", "1", "m2", "MAX", "COUNT", "9"],
        ["ZUNION", "1"],
        ["ZUNIONSTORE", "d", "1"],
        ["ZINTERCARD", "1"],
        ["ZPOPMIN"],
        ["ZMPOP", "1", "z"]);

    /// <summary>ZRANDMEMBER where its reply is deterministic (missing keys, one member, the whole set, errors), ZSCAN on
    /// small sets (cursor forms, MATCH, COUNT, option errors only for an existing key), and the blocking pops when data
    /// is there, when they time out, and inside MULTI.</summary>
    /// <param name="protocol">2 or 3.</param>
    [RedisTheory]
    [InlineData(2)]
    [InlineData(3)]
    public void Random_members_scans_and_blocking_pops_match_redis(int protocol) => servers.AssertSameReplies(protocol,
        ["ZADD", "z", "1", "a", "2", "b", "3", "c"],
        ["ZADD", "one", "5", "x"],
        ["ZRANDMEMBER", "nokey"],
        ["ZRANDMEMBER", "nokey", "3"],
        ["ZRANDMEMBER", "nokey", "3", "WITHSCORES"],
        ["ZRANDMEMBER", "one"],
        ["ZRANDMEMBER", "one", "1"],
        ["ZRANDMEMBER", "one", "1", "WITHSCORES"],
        ["ZRANDMEMBER", "one", "-3", "WITHSCORES"],
        ["ZRANDMEMBER", "one", "-2"],
        ["ZRANDMEMBER", "z", "0"],
        ["ZRANDMEMBER", "z", "0", "WITHSCORES"],
        ["ZRANDMEMBER", "z", "x"],
        ["ZRANDMEMBER", "z", "1", "foo"],
        ["ZRANDMEMBER", "z", "1", "WITHSCORES", "foo"],
        ["ZRANDMEMBER", "z", "-9223372036854775808"],
        ["ZRANDMEMBER", "z", "-9223372036854775808", "foo"],
        ["ZRANDMEMBER", "z", "9223372036854775807", "WITHSCORES"],
        ["ZRANDMEMBER", "z", "4611686018427387904", "WITHSCORES"],
        ["ZRANDMEMBER", "z", "4611686018427387903", "WITHSCORES"],
        ["ZRANDMEMBER", "z", "9223372036854775808"],
        ["ZSCAN", "z", "0"],
        ["ZSCAN", "z", "0", "MATCH", "a*"],
        ["ZSCAN", "z", "0", "MATCH", "[bc]", "COUNT", "100"],
        ["ZSCAN", "z", "0", "COUNT", "0"],
        ["ZSCAN", "z", "0", "COUNT", "x"],
        ["ZSCAN", "z", "0", "COUNT"],
        ["ZSCAN", "z", "0", "TYPE", "zset"],
        ["ZSCAN", "z", "0", "FOO", "bar"],
        ["ZSCAN", "z", "x"],
        ["ZSCAN", "z", "-1"],
        ["ZSCAN", "z", ""],
        ["ZSCAN", "z", "+5"],
        ["ZSCAN", "z", " 5"],
        ["ZSCAN", "z", "18446744073709551615"],
        ["ZSCAN", "z", "18446744073709551616"],
        ["ZSCAN", "z", "-18446744073709551615"],
        ["ZSCAN", "z", "+"],
        ["ZSCAN", "nokey", "0"],
        ["ZSCAN", "nokey", "0", "COUNT", "x"],
        ["ZSCAN", "nokey", "x"],
        ["ZSCAN", "nokey", "0", "FOO"],
        ["BZPOPMIN", "z", "0"],
        ["BZPOPMAX", "z", "one", "0"],
        ["BZPOPMIN", "nokey", "one", "0.01"],
        ["BZPOPMIN", "nokey", "0.01"],
        ["BZPOPMAX", "nokey", "0.01"],
        ["BZPOPMIN", "z", "x"],
        ["BZPOPMIN", "z", "-1"],
        ["BZMPOP", "0.01", "1", "nokey", "MIN"],
        ["BZMPOP", "0", "2", "nokey", "z", "MIN", "COUNT", "10"],
        ["BZMPOP", "x", "1", "nokey", "MIN"],
        ["BZMPOP", "-1", "1", "nokey", "MIN"],
        ["BZMPOP", "x", "0", "nokey", "MIN"],
        ["BZMPOP", "x", "1", "nokey", "MIN", "COUNT", "0"],
        ["BZMPOP", "0", "1", "nokey", "FOO"],
        ["BZMPOP", "0.01", "1", "nokey", "MAX"],
        ["MULTI"],
        ["BZPOPMIN", "nokey", "0"],
        ["BZMPOP", "0", "1", "nokey", "MIN"],
        ["ZADD", "q", "1", "a"],
        ["BZPOPMIN", "q", "0"],
        ["EXEC"],
        ["ZRANDMEMBER"],
        ["ZSCAN", "z"],
        ["BZPOPMIN", "z"],
        ["BZMPOP", "0", "1", "z"]);

    /// <summary>Scores at the edges of doubles (%.17g replies, -0, subnormals, overflow to inf, hexadecimal and other
    /// strtod forms), lower-case options, repeated options, and ZSCAN's patterns.</summary>
    /// <param name="protocol">2 or 3.</param>
    [RedisTheory]
    [InlineData(2)]
    [InlineData(3)]
    public void Number_forms_and_option_spellings_match_redis(int protocol) => servers.AssertSameReplies(protocol,
        ["zadd", "z", "nx", "ch", "1", "a", "2", "b", "3", "c", "1.5", "with space"],
        ["zrange", "z", "0", "-1", "withscores"],
        ["zrange", "z", "0", "-1", "rev", "withscores"],
        ["zrangebyscore", "z", "-inf", "+inf", "withscores", "limit", "1", "100"],
        ["zrangebyscore", "z", "-inf", "+inf", "limit", "100", "1"],
        ["zrevrangebyscore", "z", "+inf", "-inf", "withscores", "limit", "0", "2"],
        ["zrange", "z", "(1", "+inf", "byscore", "limit", "0", "1", "withscores", "rev"],
        ["zrange", "z", "+inf", "(1", "byscore", "limit", "0", "1", "withscores", "rev"],
        ["ZADD", "z", "1e308", "big", "-1e308", "small", "5e-324", "tiny", "0.30000000000000004", "sum"],
        ["ZRANGE", "z", "0", "-1", "WITHSCORES"],
        ["ZSCORE", "z", "tiny"],
        ["ZINCRBY", "z", "1e308", "big"],
        ["ZINCRBY", "z", "1e308", "big"],
        ["ZSCORE", "z", "big"],
        ["ZADD", "z", "-0.0", "nz"],
        ["ZSCORE", "z", "nz"],
        ["ZINCRBY", "z", "-0.0", "nz2"],
        ["ZSCORE", "z", "nz2"],
        ["ZADD", "z", "1", "a", "1", "a", "2", "a"],
        ["ZSCORE", "z", "a"],
        ["ZADD", "z", "CH", "1", "a", "1", "a", "3", "a"],
        ["ZADD", "z", "0x1p3", "hex"],
        ["ZSCORE", "z", "hex"],
        ["ZADD", "z", "1.", "dot"],
        ["ZADD", "z", ".5", "dot2"],
        ["ZADD", "z", "1e5", "e"],
        ["ZADD", "z", "+1", "plus"],
        ["ZADD", "z", "1e", "ebad"],
        ["ZSCAN", "z", "0", "MATCH", "*a*"],
        ["ZSCAN", "z", "0", "match", "with*", "count", "1"],
        ["ZRANGE", "z", "[a", "[b", "BYLEX"],
        ["ZLEXCOUNT", "z", "[", "+"],
        ["ZLEXCOUNT", "z", "(", "+"],
        ["ZMSCORE", "z", "a", "nope", "hex"],
        ["ZPOPMIN", "z", "3"],
        ["ZPOPMAX", "z", "1"],
        ["ZINTERCARD", "1", "z", "LIMIT", "2", "LIMIT", "3"],
        ["ZINTERCARD", "1", "z", "LIMIT", "2", "LIMIT", "x"],
        ["ZUNION", "1", "z", "WEIGHTS", "1", "WEIGHTS", "2", "WITHSCORES"],
        ["ZUNION", "1", "z", "AGGREGATE", "MIN", "AGGREGATE", "MAX", "WITHSCORES"],
        ["ZUNION", "1", "z", "WITHSCORES", "AGGREGATE"],
        ["ZUNION", "1", "z", "WEIGHTS"]);

    /// <summary>Large sorted sets (past the compact encoding's limit): ranges, scores, the whole set from ZRANDMEMBER
    /// (highest rank first), stores and pops.</summary>
    /// <param name="protocol">2 or 3.</param>
    [RedisTheory]
    [InlineData(2)]
    [InlineData(3)]
    public void Large_sorted_sets_match_redis(int protocol)
    {
        var add = new List<string> { "ZADD", "big" };
        for (var i = 0; i < 300; i++)
        {
            add.Add((i * 0.7).ToString("R", System.Globalization.CultureInfo.InvariantCulture));
            add.Add("m" + (i % 37) + "-" + i);
        }

        servers.AssertSameReplies(protocol,
            [.. add],
            ["ZCARD", "big"],
            ["ZRANGE", "big", "100", "120", "WITHSCORES"],
            ["ZRANGE", "big", "(10", "20.3", "BYSCORE", "LIMIT", "2", "5", "WITHSCORES"],
            ["ZRANGE", "big", "[m1", "(m2", "BYLEX", "LIMIT", "0", "10"],
            ["ZRANDMEMBER", "big", "1000", "WITHSCORES"],
            ["ZRANDMEMBER", "big", "300"],
            ["ZRANK", "big", "m5-5"],
            ["ZREVRANK", "big", "m5-5"],
            ["ZSCORE", "big", "m10-10"],
            ["ZRANGESTORE", "dst", "big", "0", "150"],
            ["ZRANGE", "dst", "140", "-1", "WITHSCORES"],
            ["ZUNIONSTORE", "u", "2", "big", "dst", "WEIGHTS", "1", "2"],
            ["ZRANGE", "u", "0", "10", "WITHSCORES"],
            ["ZPOPMAX", "big", "3"],
            ["ZPOPMIN", "big", "3"],
            ["ZREMRANGEBYSCORE", "big", "50", "100"],
            ["ZREMRANGEBYRANK", "big", "10", "20"],
            ["ZCOUNT", "big", "-inf", "+inf"]);
    }

    /// <summary>Keys of other types: WRONGTYPE where Redis checks the type (and after the parse errors it reports
    /// first), sets as inputs of ZUNION/ZINTER/ZDIFF/ZINTERCARD, and destinations of another type being replaced.</summary>
    /// <param name="protocol">2 or 3.</param>
    [RedisTheory]
    [InlineData(2)]
    [InlineData(3)]
    public void Other_types_match_redis(int protocol) => AssertSameRepliesWithForeignKeys(protocol,
        ["ZADD", "z", "1", "a", "2", "b", "3", "x"],
        ["ZADD", "str", "1", "a"],
        ["ZADD", "str", "x", "a"],
        ["ZADD", "str", "NX", "XX", "1", "a"],
        ["ZINCRBY", "str", "1", "a"],
        ["ZREM", "str", "a"],
        ["ZSCORE", "str", "a"],
        ["ZMSCORE", "str", "a"],
        ["ZCARD", "str"],
        ["ZCOUNT", "str", "0", "1"],
        ["ZCOUNT", "str", "x", "1"],
        ["ZLEXCOUNT", "str", "-", "+"],
        ["ZLEXCOUNT", "str", "x", "+"],
        ["ZRANK", "str", "a"],
        ["ZREVRANK", "str", "a"],
        ["ZRANGE", "str", "0", "-1"],
        ["ZRANGE", "str", "x", "-1"],
        ["ZRANGE", "str", "+", "-", "BYLEX"],
        ["ZRANGE", "str", "(1", "(1", "BYSCORE"],
        ["ZRANGEBYSCORE", "str", "0", "1"],
        ["ZREVRANGEBYLEX", "str", "+", "-"],
        ["ZREVRANGE", "str", "0", "1"],
        ["ZRANGESTORE", "d", "str", "0", "-1"],
        ["ZRANGESTORE", "str", "z", "0", "1"],
        ["ZRANGE", "str", "0", "-1", "WITHSCORES"],
        ["SET", "str", "v"],
        ["ZREMRANGEBYRANK", "str", "0", "1"],
        ["ZREMRANGEBYSCORE", "str", "0", "1"],
        ["ZREMRANGEBYLEX", "str", "-", "+"],
        ["ZUNION", "2", "z", "set", "WITHSCORES"],
        ["ZUNION", "2", "z", "set", "WEIGHTS", "2", "3", "WITHSCORES"],
        ["ZINTER", "2", "z", "set", "WITHSCORES"],
        ["ZDIFF", "2", "set", "z", "WITHSCORES"],
        ["ZINTERCARD", "2", "z", "set"],
        ["ZUNION", "2", "z", "str"],
        ["ZUNION", "2", "z", "str", "WEIGHTS", "x", "1"],
        ["ZUNION", "2", "z", "str", "FOO"],
        ["ZUNION", "2", "z", "set", "FOO"],
        ["ZINTER", "2", "str", "set", "AGGREGATE", "nope"],
        ["ZDIFF", "2", "z", "str", "WEIGHTS", "1", "1"],
        ["ZUNIONSTORE", "str", "2", "z", "set"],
        ["ZRANGE", "str", "0", "-1", "WITHSCORES"],
        ["SET", "str", "v"],
        ["ZUNIONSTORE", "d", "1", "str"],
        ["ZINTERSTORE", "d", "2", "z", "str"],
        ["ZDIFFSTORE", "d", "1", "str"],
        ["ZINTERCARD", "1", "str"],
        ["ZINTERCARD", "1", "str", "LIMIT", "x"],
        ["ZINTERCARD", "2", "z", "set", "LIMIT", "x"],
        ["ZPOPMIN", "str"],
        ["ZPOPMAX", "str", "0"],
        ["ZPOPMAX", "str", "x"],
        ["ZMPOP", "2", "nokey", "str", "MIN"],
        ["ZMPOP", "2", "str", "z", "MIN"],
        ["ZMPOP", "2", "z", "str", "MIN"],
        ["BZPOPMIN", "nokey", "str", "0"],
        ["BZPOPMAX", "str", "x"],
        ["BZMPOP", "0", "2", "nokey", "str", "MAX"],
        ["ZRANDMEMBER", "str"],
        ["ZRANDMEMBER", "str", "2"],
        ["ZRANDMEMBER", "str", "x"],
        ["ZSCAN", "str", "0"],
        ["ZSCAN", "str", "x"],
        ["ZSCAN", "str", "0", "COUNT", "x"]);

    /// <summary>BZPOPMIN, BZPOPMAX and BZMPOP that block, then are served by another connection's ZADD.</summary>
    /// <param name="protocol">2 or 3.</param>
    /// <returns>A task.</returns>
    [RedisTheory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Blocked_pops_are_served_as_redis_serves_them(int protocol)
    {
        string[][] blocking =
        [
            ["BZPOPMIN", "k1", "k2", "10"],
            ["BZPOPMAX", "k1", "k2", "0"],
            ["BZMPOP", "10", "2", "k1", "k2", "MIN", "COUNT", "5"],
            ["BZMPOP", "0", "1", "k2", "MAX"],
        ];
        foreach (var command in blocking)
        {
            var expected = await BlockAndServeAsync(servers.Redis.Port, protocol, command, () => RedisBlockedClients());
            var actual = await BlockAndServeAsync(servers.Lite.Port, protocol, command, () => servers.Lite.Server.BlockedClients);
            Assert.Equal(WireDiffFixture.Show(expected), WireDiffFixture.Show(actual));
        }
    }

    private int RedisBlockedClients()
    {
        using var wire = new RawWire(servers.Redis.Port);
        var info = wire.Call("INFO", "clients");
        var line = info.Split("\r\n").First(l => l.StartsWith("blocked_clients:", StringComparison.Ordinal));
        return int.Parse(line["blocked_clients:".Length..], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Sends <paramref name="command"/> on one connection, waits until the server counts it as blocked, fills
    /// k2 from another connection, and returns the blocked command's reply followed by what remains in k2.</summary>
    private static async Task<string> BlockAndServeAsync(int port, int protocol, string[] command, Func<int> blockedClients)
    {
        using var blocked = new RawWire(port);
        using var other = new RawWire(port);
        if (protocol == 3)
        {
            blocked.Call("HELLO", "3");
            other.Call("HELLO", "3");
        }

        other.Call("FLUSHALL");
        blocked.Send([.. command.Select(a => Encoding.UTF8.GetBytes(a))]);
        Assert.True(SpinWait.SpinUntil(() => blockedClients() != 0, TimeSpan.FromSeconds(10)), "The command never blocked.");

        var added = other.Call("ZADD", "k2", "1", "a", "2", "b", "3", "c");
        var reply = await Task.Run(blocked.ReadReply).WaitAsync(TimeSpan.FromSeconds(10));
        return added + reply + other.Call("ZRANGE", "k2", "0", "-1", "WITHSCORES");
    }

    /// <summary>Like <see cref="WireDiffFixture.AssertSameReplies"/>, with a string at <c>str</c> and a set at <c>set</c>
    /// (members a, x, y) made first on both servers; on RedisLite's through its store, so that this family's tests do
    /// not depend on the string and set commands.</summary>
    private void AssertSameRepliesWithForeignKeys(int protocol, params string[][] commands)
    {
        using var expected = new RawWire(servers.Redis.Port);
        using var actual = new RawWire(servers.Lite.Port);
        foreach (var wire in new[] { expected, actual })
        {
            if (protocol == 3)
            {
                wire.Call("HELLO", "3");
            }

            wire.Call("FLUSHALL");
        }

        expected.Call("SET", "str", "v");
        expected.Call("SADD", "set", "a", "x", "y");
        servers.Lite.Store.StringSet("str", "v");
        servers.Lite.Store.SetAdd("set", ["a", "x", "y"]);
        var differences = new StringBuilder();
        foreach (var command in commands)
        {
            if (command[0] == "SET")
            {
                // Restores the string between commands that replaced it.
                expected.Call(command);
                servers.Lite.Store.StringSet(command[1], command[2]);
                continue;
            }

            var want = expected.Call(command);
            var got = actual.Call(command);
            if (want != got)
            {
                differences.Append("RESP").Append(protocol).Append(' ').AppendJoin(' ', command).AppendLine()
                    .Append("  redis-server: ").AppendLine(WireDiffFixture.Show(want))
                    .Append("  redislite:    ").AppendLine(WireDiffFixture.Show(got));
            }
        }

        Assert.True(differences.Length == 0, "Replies differ:\n" + differences);
    }
}
