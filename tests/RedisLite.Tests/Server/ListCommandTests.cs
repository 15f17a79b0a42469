using RedisLite.Tests.Conformance;

namespace RedisLite.Tests.Server;

/// <summary>List commands on RedisLite's server, reply for reply against redis-server, in RESP2 and RESP3.</summary>
/// <param name="servers">Both servers.</param>
public sealed class ListCommandTests(WireDiffFixture servers) : IClassFixture<WireDiffFixture>
{
    /// <summary>Every diff starts with "s", a string, for the WRONGTYPE cases.</summary>
    private static void Seed(IDataStore db) => db.StringSet("s", "v");

    /// <summary>LPUSH, RPUSH, LPUSHX, RPUSHX, LLEN and LRANGE: results, missing keys, wrong types, arity, bad indexes.</summary>
    /// <param name="protocol">2 or 3.</param>
    [RedisTheory]
    [InlineData(2)]
    [InlineData(3)]
    public void Push_length_and_range_match_redis(int protocol) => servers.AssertSameReplies(protocol, Seed,
        ["LPUSH", "l", "a", "b", "c"],
        ["RPUSH", "l", "d", "e"],
        ["rpush", "l", "7"],
        ["LRANGE", "l", "0", "-1"],
        ["LRANGE", "l", "1", "2"],
        ["LRANGE", "l", "-2", "-1"],
        ["LRANGE", "l", "-100", "100"],
        ["LRANGE", "l", "4", "2"],
        ["LRANGE", "l", "10", "20"],
        ["LRANGE", "l", "-9223372036854775808", "9223372036854775807"],
        ["LRANGE", "l", "a", "1"],
        ["LRANGE", "l", "0", "1.5"],
        ["LRANGE", "l", "0", "9223372036854775808"],
        ["LRANGE", "nokey", "0", "-1"],
        ["LRANGE", "nokey", "x", "-1"],
        ["LRANGE", "l", "0"],
        ["LLEN", "l"],
        ["LLEN", "nokey"],
        ["LLEN"],
        ["LLEN", "l", "x"],
        ["LPUSHX", "nokey", "a"],
        ["RPUSHX", "nokey", "a", "b"],
        ["LLEN", "nokey"],
        ["LPUSHX", "l", "x1", "x2"],
        ["RPUSHX", "l", "y1"],
        ["LRANGE", "l", "0", "-1"],
        ["LPUSH", "l"],
        ["RPUSH"],
        ["LPUSHX", "l"],
        ["RPUSHX", "l"],
        ["LPUSH", "s", "a"],
        ["RPUSH", "s", "a"],
        ["LPUSHX", "s", "a"],
        ["RPUSHX", "s", "a"],
        ["LLEN", "s"],
        ["LRANGE", "s", "0", "-1"],
        ["LRANGE", "s", "x", "-1"],
        ["RPUSH", "bin", "", "\u00e9\u00e8", "a b\r\nc"],
        ["LRANGE", "bin", "0", "-1"]);

    /// <summary>LPOP and RPOP with and without a count: nil versus null array versus empty array, errors' order.</summary>
    /// <param name="protocol">2 or 3.</param>
    [RedisTheory]
    [InlineData(2)]
    [InlineData(3)]
    public void Pop_matches_redis(int protocol) => servers.AssertSameReplies(protocol, Seed,
        ["LPOP", "nokey"],
        ["RPOP", "nokey"],
        ["LPOP", "nokey", "1"],
        ["RPOP", "nokey", "0"],
        ["LPOP", "nokey", "-1"],
        ["LPOP", "nokey", "x"],
        ["RPUSH", "l", "a", "b", "c", "d", "e", "f"],
        ["LPOP", "l"],
        ["RPOP", "l"],
        ["LPOP", "l", "0"],
        ["RPOP", "l", "0"],
        ["LPOP", "l", "2"],
        ["RPOP", "l", "1"],
        ["RPOP", "l", "100"],
        ["LLEN", "l"],
        ["RPUSH", "l", "a"],
        ["LPOP", "l", "-1"],
        ["LPOP", "l", "1.0"],
        ["LPOP", "l", "9223372036854775807"],
        ["LPOP", "l", "9223372036854775808"],
        ["LPOP", "l", "1", "2"],
        ["RPOP", "l", "1", "2"],
        ["LPOP"],
        ["RPOP"],
        ["LPOP", "s"],
        ["RPOP", "s", "1"],
        ["LPOP", "s", "0"],
        ["LPOP", "s", "-1"],
        ["LPOP", "s", "x"]);

    /// <summary>LINDEX and LSET: the key is looked up before the index is parsed.</summary>
    /// <param name="protocol">2 or 3.</param>
    [RedisTheory]
    [InlineData(2)]
    [InlineData(3)]
    public void Index_and_set_match_redis(int protocol) => servers.AssertSameReplies(protocol, Seed,
        ["RPUSH", "l", "a", "b", "c"],
        ["LINDEX", "l", "0"],
        ["LINDEX", "l", "-1"],
        ["LINDEX", "l", "-3"],
        ["LINDEX", "l", "3"],
        ["LINDEX", "l", "-4"],
        ["LINDEX", "l", "9223372036854775807"],
        ["LINDEX", "l", "x"],
        ["LINDEX", "nokey", "0"],
        ["LINDEX", "nokey", "x"],
        ["LINDEX", "l"],
        ["LSET", "l", "0", "A"],
        ["LSET", "l", "-1", "C"],
        ["LSET", "l", "3", "X"],
        ["LSET", "l", "-4", "X"],
        ["LSET", "l", "x", "X"],
        ["LSET", "l", "1.5", "X"],
        ["LRANGE", "l", "0", "-1"],
        ["LSET", "nokey", "0", "X"],
        ["LSET", "nokey", "x", "X"],
        ["LSET", "l", "0"],
        ["LINDEX", "s", "0"],
        ["LINDEX", "s", "x"],
        ["LSET", "s", "0", "X"],
        ["LSET", "s", "x", "X"]);

    /// <summary>LINSERT, LREM and LTRIM: results, the syntax check before the lookup, numbers before the lookup.</summary>
    /// <param name="protocol">2 or 3.</param>
    [RedisTheory]
    [InlineData(2)]
    [InlineData(3)]
    public void Insert_remove_and_trim_match_redis(int protocol) => servers.AssertSameReplies(protocol, Seed,
        ["RPUSH", "l", "a", "b", "a", "c", "a"],
        ["LINSERT", "l", "BEFORE", "b", "x"],
        ["LINSERT", "l", "after", "c", "y"],
        ["LINSERT", "l", "AFTER", "a", "z"],
        ["LINSERT", "l", "BEFORE", "nope", "w"],
        ["LINSERT", "l", "MIDDLE", "a", "w"],
        ["LINSERT", "nokey", "BEFORE", "a", "w"],
        ["LINSERT", "nokey", "MIDDLE", "a", "w"],
        ["LINSERT", "l", "BEFORE", "a"],
        ["LRANGE", "l", "0", "-1"],
        ["LREM", "l", "1", "a"],
        ["LREM", "l", "-1", "a"],
        ["LREM", "l", "0", "nope"],
        ["LRANGE", "l", "0", "-1"],
        ["RPUSH", "r", "a", "a", "b", "a"],
        ["LREM", "r", "0", "a"],
        ["LREM", "r", "-5", "b"],
        ["LLEN", "r"],
        ["LREM", "nokey", "0", "a"],
        ["LREM", "l", "x", "a"],
        ["LREM", "nokey", "x", "a"],
        ["LREM", "l", "1"],
        ["LTRIM", "l", "1", "-2"],
        ["LRANGE", "l", "0", "-1"],
        ["LTRIM", "l", "-100", "100"],
        ["LTRIM", "l", "x", "1"],
        ["LTRIM", "nokey", "x", "1"],
        ["LTRIM", "nokey", "0", "1"],
        ["LTRIM", "l", "0"],
        ["LTRIM", "l", "5", "1"],
        ["LLEN", "l"],
        ["LINSERT", "s", "BEFORE", "a", "b"],
        ["LINSERT", "s", "NOPE", "a", "b"],
        ["LREM", "s", "0", "a"],
        ["LREM", "s", "x", "a"],
        ["LTRIM", "s", "0", "1"],
        ["LTRIM", "s", "x", "1"]);

    /// <summary>LPOS with RANK, COUNT and MAXLEN: every option, their errors and their precedence.</summary>
    /// <param name="protocol">2 or 3.</param>
    [RedisTheory]
    [InlineData(2)]
    [InlineData(3)]
    public void Position_matches_redis(int protocol) => servers.AssertSameReplies(protocol, Seed,
        ["RPUSH", "l", "a", "b", "c", "1", "2", "3", "c", "c"],
        ["LPOS", "l", "c"],
        ["LPOS", "l", "nope"],
        ["LPOS", "l", "c", "RANK", "2"],
        ["LPOS", "l", "c", "RANK", "-1"],
        ["LPOS", "l", "c", "RANK", "-3"],
        ["LPOS", "l", "c", "RANK", "4"],
        ["LPOS", "l", "c", "RANK", "-4"],
        ["LPOS", "l", "c", "COUNT", "0"],
        ["LPOS", "l", "c", "COUNT", "2"],
        ["LPOS", "l", "c", "COUNT", "2", "RANK", "-1"],
        ["LPOS", "l", "c", "rank", "2", "count", "0"],
        ["LPOS", "l", "c", "COUNT", "0", "MAXLEN", "3"],
        ["LPOS", "l", "c", "MAXLEN", "2"],
        ["LPOS", "l", "c", "MAXLEN", "3"],
        ["LPOS", "l", "c", "RANK", "-1", "MAXLEN", "1"],
        ["LPOS", "l", "c", "RANK", "-1", "MAXLEN", "2", "COUNT", "0"],
        ["LPOS", "l", "nope", "COUNT", "5"],
        ["LPOS", "l", "c", "RANK", "1", "RANK", "2"],
        ["LPOS", "l", "c", "COUNT", "1", "COUNT", "3"],
        ["LPOS", "l", "c", "RANK", "0"],
        ["LPOS", "l", "c", "RANK", "x"],
        ["LPOS", "l", "c", "RANK", "9223372036854775807"],
        ["LPOS", "l", "c", "RANK", "-9223372036854775807"],
        ["LPOS", "l", "c", "RANK", "-9223372036854775808"],
        ["LPOS", "l", "c", "RANK", "-9223372036854775808", "COUNT", "0"],
        ["LPOS", "l", "c", "COUNT", "-1"],
        ["LPOS", "l", "c", "COUNT", "x"],
        ["LPOS", "l", "c", "MAXLEN", "-1"],
        ["LPOS", "l", "c", "MAXLEN", "x"],
        ["LPOS", "l", "c", "RANK"],
        ["LPOS", "l", "c", "COUNT"],
        ["LPOS", "l", "c", "NOPE", "1"],
        ["LPOS", "l", "c", "RANK", "0", "NOPE"],
        ["LPOS", "l", "c", "NOPE", "RANK", "0"],
        ["LPOS", "nokey", "c"],
        ["LPOS", "nokey", "c", "COUNT", "0"],
        ["LPOS", "nokey", "c", "RANK", "0"],
        ["LPOS", "l"],
        ["LPOS", "s", "c"],
        ["LPOS", "s", "c", "COUNT", "1"],
        ["LPOS", "s", "c", "RANK", "0"]);

    /// <summary>LMOVE and RPOPLPUSH: every direction, rotation, missing source, wrong types on either side.</summary>
    /// <param name="protocol">2 or 3.</param>
    [RedisTheory]
    [InlineData(2)]
    [InlineData(3)]
    public void Move_matches_redis(int protocol) => servers.AssertSameReplies(protocol, Seed,
        ["RPUSH", "src", "a", "b", "c", "d"],
        ["LMOVE", "src", "dst", "LEFT", "RIGHT"],
        ["LMOVE", "src", "dst", "right", "left"],
        ["LMOVE", "src", "dst", "LEFT", "LEFT"],
        ["LMOVE", "dst", "dst", "RIGHT", "LEFT"],
        ["LMOVE", "dst", "dst", "LEFT", "RIGHT"],
        ["LRANGE", "dst", "0", "-1"],
        ["RPOPLPUSH", "src", "dst"],
        ["LLEN", "src"],
        ["LRANGE", "dst", "0", "-1"],
        ["RPOPLPUSH", "dst", "dst"],
        ["LRANGE", "dst", "0", "-1"],
        ["LMOVE", "nokey", "dst", "LEFT", "LEFT"],
        ["RPOPLPUSH", "nokey", "dst"],
        ["LMOVE", "src", "dst", "UP", "LEFT"],
        ["LMOVE", "src", "dst", "LEFT", "DOWN"],
        ["LMOVE", "src", "dst", "LEFT"],
        ["RPOPLPUSH", "src"],
        ["LMOVE", "s", "dst", "LEFT", "LEFT"],
        ["LMOVE", "dst", "s", "LEFT", "LEFT"],
        ["LMOVE", "nokey", "s", "LEFT", "LEFT"],
        ["RPOPLPUSH", "s", "dst"],
        ["RPOPLPUSH", "dst", "s"],
        ["RPOPLPUSH", "nokey", "s"],
        ["LRANGE", "dst", "0", "-1"]);

    /// <summary>LMPOP: numkeys, the side, COUNT, the first non-empty key, errors in Redis's order.</summary>
    /// <param name="protocol">2 or 3.</param>
    [RedisTheory]
    [InlineData(2)]
    [InlineData(3)]
    public void Multi_pop_matches_redis(int protocol) => servers.AssertSameReplies(protocol, Seed,
        ["RPUSH", "b", "1", "2", "3"],
        ["RPUSH", "c", "x"],
        ["LMPOP", "1", "nokey", "LEFT"],
        ["LMPOP", "3", "a", "b", "c", "LEFT"],
        ["LMPOP", "3", "a", "b", "c", "right", "COUNT", "1"],
        ["LMPOP", "2", "a", "b", "LEFT", "count", "10"],
        ["LLEN", "b"],
        ["LMPOP", "2", "b", "c", "RIGHT", "COUNT", "5"],
        ["LMPOP", "2", "b", "c", "RIGHT"],
        ["RPUSH", "b", "1"],
        ["LMPOP", "0", "b", "LEFT"],
        ["LMPOP", "-1", "b", "LEFT"],
        ["LMPOP", "x", "b", "LEFT"],
        ["LMPOP", "2", "b", "LEFT"],
        ["LMPOP", "3", "b", "LEFT"],
        ["LMPOP", "1000", "b", "LEFT"],
        ["LMPOP", "1", "b", "MIDDLE"],
        ["LMPOP", "1", "b", "LEFT", "COUNT"],
        ["LMPOP", "1", "b", "LEFT", "COUNT", "0"],
        ["LMPOP", "1", "b", "LEFT", "COUNT", "-1"],
        ["LMPOP", "1", "b", "LEFT", "COUNT", "x"],
        ["LMPOP", "1", "b", "LEFT", "COUNT", "1", "COUNT", "1"],
        ["LMPOP", "1", "b", "LEFT", "NOPE"],
        ["LMPOP", "1", "b", "MIDDLE", "COUNT", "0"],
        ["LMPOP", "0", "b", "MIDDLE"],
        ["LMPOP", "1", "b"],
        ["LMPOP", "2", "s", "b", "LEFT"],
        ["LMPOP", "2", "b", "s", "LEFT"],
        ["LMPOP", "2", "nokey", "s", "LEFT"],
        ["LRANGE", "b", "0", "-1"]);

    /// <summary>The blocking commands when data is there at once, and when they time out on short timeouts; timeout
    /// parsing and errors, in Redis's order.</summary>
    /// <param name="protocol">2 or 3.</param>
    [RedisTheory]
    [InlineData(2)]
    [InlineData(3)]
    public void Blocking_commands_that_need_not_wait_match_redis(int protocol) => servers.AssertSameReplies(protocol, Seed,
        ["RPUSH", "b", "1", "2", "3", "4", "5", "6"],
        ["BLPOP", "a", "b", "0"],
        ["BRPOP", "a", "b", "0.5"],
        ["BLMOVE", "b", "d", "LEFT", "RIGHT", "0"],
        ["BRPOPLPUSH", "b", "d", "1"],
        ["BLMPOP", "0", "2", "a", "b", "LEFT"],
        ["BLMPOP", "1", "2", "a", "b", "RIGHT", "COUNT", "10"],
        ["LLEN", "b"],
        ["LRANGE", "d", "0", "-1"],
        ["BLPOP", "a", "0.01"],
        ["BRPOP", "a", "b", "0.01"],
        ["BLMOVE", "a", "d", "LEFT", "LEFT", "0.01"],
        ["BRPOPLPUSH", "a", "d", "0.01"],
        ["BLMPOP", "0.01", "1", "a", "LEFT"],
        ["BLMPOP", "0.01", "2", "a", "b", "LEFT", "COUNT", "3"],
        ["BLPOP", "a", "0.0001"],
        ["BLPOP", "a", "1e-3"],
        ["BLPOP", "a", "0x0.1p-5"],
        ["BLPOP", "a", "-1"],
        ["BLPOP", "a", "-0.01"],
        ["BLPOP", "a", "x"],
        ["BLPOP", "a", "nan"],
        ["BLPOP", "a", " 1"],
        ["BLPOP", "a", "inf"],
        ["BLPOP", "a", "-inf"],
        ["BLPOP", "a", "1e300"],
        ["BLPOP", "a", "9223372036854776"],
        ["BLPOP", "a", "1e400"],
        ["BLPOP", "a", "-1e400"],
        ["BLPOP", "a", "1e-400"],
        ["BLPOP", "a", "0x1p-20"],
        ["BLPOP", "a", ".5e-3"],
        ["BLPOP", "a", "1e"],
        ["BLPOP", "a", "0.01e"],
        ["BRPOP", "a", "x"],
        ["BLPOP", "a"],
        ["BRPOP"],
        ["BLMOVE", "a", "d", "LEFT", "UP", "x"],
        ["BLMOVE", "a", "d", "UP", "LEFT", "0"],
        ["BLMOVE", "a", "d", "LEFT", "LEFT", "x"],
        ["BLMOVE", "a", "d", "LEFT", "LEFT", "-1"],
        ["BLMOVE", "a", "d", "LEFT", "LEFT"],
        ["BRPOPLPUSH", "a", "d", "x"],
        ["BRPOPLPUSH", "a", "d", "-1"],
        ["BRPOPLPUSH", "a", "d"],
        ["BLMPOP", "x", "1", "a", "LEFT", "COUNT", "0"],
        ["BLMPOP", "x", "1", "a", "UP"],
        ["BLMPOP", "x", "0", "a", "LEFT"],
        ["BLMPOP", "x", "1", "a", "LEFT"],
        ["BLMPOP", "-1", "1", "a", "LEFT"],
        ["BLMPOP", "0", "2", "a", "LEFT"],
        ["BLMPOP", "0", "1", "a", "LEFT", "COUNT", "1", "NOPE"],
        ["BLMPOP", "0", "1", "a"],
        ["BLPOP", "s", "0"],
        ["BLPOP", "a", "s", "0"],
        ["BRPOP", "s", "0.01"],
        ["BLMOVE", "s", "d", "LEFT", "LEFT", "0"],
        ["BLMOVE", "d", "s", "LEFT", "LEFT", "0"],
        ["BRPOPLPUSH", "s", "d", "0"],
        ["BRPOPLPUSH", "d", "s", "0"],
        ["BLMPOP", "0", "2", "a", "s", "LEFT"],
        ["LRANGE", "d", "0", "-1"]);

    /// <summary>Inside MULTI the blocking commands answer at once, as on a timeout: a null array for the pops, a null
    /// bulk for BLMOVE and BRPOPLPUSH (unlike their timeout); and data pushed earlier in the transaction is served.</summary>
    /// <param name="protocol">2 or 3.</param>
    [RedisTheory]
    [InlineData(2)]
    [InlineData(3)]
    public void Blocking_commands_inside_multi_match_redis(int protocol) => servers.AssertSameReplies(protocol, Seed,
        ["MULTI"],
        ["BLPOP", "a", "0"],
        ["BRPOP", "a", "b", "0"],
        ["BLMOVE", "a", "d", "LEFT", "LEFT", "0"],
        ["BRPOPLPUSH", "a", "d", "0"],
        ["BLMPOP", "0", "1", "a", "LEFT", "COUNT", "2"],
        ["RPUSH", "a", "1", "2", "3", "4"],
        ["BLPOP", "a", "0"],
        ["BRPOP", "a", "b", "0"],
        ["BLMOVE", "a", "d", "LEFT", "LEFT", "0"],
        ["BLMPOP", "0", "1", "a", "LEFT", "COUNT", "2"],
        ["BRPOPLPUSH", "a", "d", "0"],
        ["BLPOP", "a", "x"],
        ["EXEC"],
        ["MULTI"],
        ["BLPOP", "a"],
        ["BLPOP", "a", "0"],
        ["EXEC"],
        ["LRANGE", "d", "0", "-1"]);
}
