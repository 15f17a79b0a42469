using RedisLite.Tests.Conformance;

namespace RedisLite.Tests.Server;

/// <summary>String commands on RedisLite's server, reply for reply against redis-server, in RESP2 and RESP3.</summary>
/// <param name="servers">Both servers.</param>
public sealed class StringCommandTests(WireDiffFixture servers) : IClassFixture<WireDiffFixture>
{
    /// <summary>SET with every option, their conflicts and Redis 7.0's errors, GET and NX/XX outcomes.</summary>
    /// <param name="protocol">2 or 3.</param>
    [RedisTheory]
    [InlineData(2)]
    [InlineData(3)]
    public void Set_and_its_options_match_redis(int protocol) => servers.AssertSameReplies(protocol, TypedKeys.Seed,
        ["get", "k"],
        ["set", "k", "v"],
        ["get", "k"],
        ["set", "k", "v", "ex", "10", "px", "10"],
        ["set", "k", "v", "nx", "xx"],
        ["set", "k", "v", "xx", "nx"],
        ["set", "k", "v", "ex", "abc"],
        ["set", "k", "v", "ex", "0"],
        ["set", "k", "v", "ex", "-1"],
        ["set", "k", "v", "ex", "9223372036854775807"],
        ["set", "k", "v", "px", "9223372036854775807"],
        ["set", "k", "v", "exat", "9223372036854775807"],
        ["set", "k", "v", "pxat", "9223372036854775807"],
        ["get", "k"],
        ["set", "k", "v", "ex"],
        ["set", "k", "v", "keepttl", "ex", "10"],
        ["set", "k", "v", "get", "get"],
        ["set", "k", "v", "foo"],
        ["set", "k", "v", "ex", "10", "ex", "10"],
        ["set", "k", "v", "nx", "nx"],
        ["set", "k", "v", "keepttl", "keepttl"],
        ["set", "k", "v", "ex", "1.5"],
        ["set", "k", "v", "exat", "0"],
        ["set", "k", "v", "pxat", "-5"],
        ["set", "k", "v", "ex", "922337203685477"],
        ["ttl", "k"],
        ["set", "k", "v", "ex", "9223372036854776"],
        ["set", "k", "v", "exat", "9223372036854776"],
        ["set", "k", "v", "exat", "9223372036854775"],
        ["pexpiretime", "k"],
        ["set", "k", "v", "ex", "abc", "nx", "xx"],
        ["set", "k", "v", "ex", "10", "keepttl"],
        ["set", "k", "v", "px", "10", "exat", "10"],
        ["set", "k", "v", "exat", "10", "pxat", "10"],
        ["set", "k", "v", "pxat", "10", "ex", "10"],
        ["set", "k", "v", "persist"],
        ["set", "k", "v", "EX", "100", "GET"],
        ["ttl", "k"],
        ["set", "list", "v", "get"],
        ["set", "list", "v", "nx", "get"],
        ["set", "list", "v", "xx"],
        ["type", "list"],
        ["set", "k", "old"],
        ["set", "k", "v", "nx", "get"],
        ["get", "k"],
        ["set", "k", "v", "xx", "get", "ex", "100"],
        ["ttl", "k"],
        ["set", "k", "v", "xx"],
        ["set", "nk", "v", "xx"],
        ["set", "nk", "v", "xx", "get"],
        ["exists", "nk"],
        ["set", "nk", "v", "nx"],
        ["set", "k", "v", "nx"],
        ["set", "k2", "v", "pxat", "1"],
        ["get", "k2"],
        ["exists", "k2"],
        ["set", "k", "v", "keepttl"],
        ["ttl", "k"],
        ["set", "k", "v2", "px", "100000", "keepttl"],
        ["set", "k", "v3", "exat", "4000000000"],
        ["pexpiretime", "k"],
        ["set", "k", "v4", "pxat", "4000000000123"],
        ["pexpiretime", "k"],
        ["set", "k", "v5"],
        ["ttl", "k"],
        ["set", "k", "", "get"],
        ["get", "k"],
        ["set", "k", "v", "nx", "get", "ex", "0"],
        ["set", "list", "v"],
        ["type", "list"]);

    /// <summary>SETEX/PSETEX's time errors (named after the command) and GETEX's options, lookup-before-time order and expiries.</summary>
    /// <param name="protocol">2 or 3.</param>
    [RedisTheory]
    [InlineData(2)]
    [InlineData(3)]
    public void Setex_psetex_and_getex_match_redis(int protocol) => servers.AssertSameReplies(protocol, TypedKeys.Seed,
        ["setex", "k", "0", "v"],
        ["setex", "k", "abc", "v"],
        ["setex", "k", "-5", "v"],
        ["setex", "k", "1.5", "v"],
        ["psetex", "k", "0", "v"],
        ["psetex", "k", "-1", "v"],
        ["psetex", "k", "abc", "v"],
        ["setex", "k", "9223372036854775", "v"],
        ["setex", "k", "9223372036854776", "v"],
        ["psetex", "k", "9223372036854775807", "v"],
        ["exists", "k"],
        ["setex", "k", "100", "v"],
        ["ttl", "k"],
        ["get", "k"],
        ["psetex", "k", "100000", "v2"],
        ["ttl", "k"],
        ["get", "k"],
        ["setex", "list", "100", "v"],
        ["type", "list"],
        ["getex", "k", "ex", "0"],
        ["getex", "nokey", "ex", "0"],
        ["getex", "nokey", "ex", "abc"],
        ["getex", "k", "ex", "abc"],
        ["getex", "list", "ex", "abc"],
        ["getex", "k", "persist", "ex", "10"],
        ["getex", "k", "ex", "10", "persist"],
        ["getex", "k", "ex", "10", "px", "10"],
        ["getex", "k", "exat", "10", "pxat", "10"],
        ["getex", "k", "ex"],
        ["getex", "k", "foo"],
        ["getex", "set"],
        ["getex", "set", "ex", "10"],
        ["getex", "set", "ex", "0"],
        ["getex", "k", "ex", "10", "ex", "20"],
        ["ttl", "k"],
        ["getex", "k", "persist"],
        ["ttl", "k"],
        ["getex", "k", "persist", "persist"],
        ["getex", "nokey", "persist"],
        ["getex", "k", "px", "5000000"],
        ["ttl", "k"],
        ["getex", "k", "exat", "9999999999"],
        ["expiretime", "k"],
        ["getex", "k", "pxat", "99999999999999"],
        ["pexpiretime", "k"],
        ["getex", "k", "ex", "9223372036854776"],
        ["getex", "k", "exat", "9223372036854776"],
        ["getex", "k", "px", "9223372036854775807"],
        ["getex", "k", "ex", "-1"],
        ["getex", "k", "pxat", "0"],
        ["pexpiretime", "k"],
        ["getex", "k"],
        ["getex", "K"],
        ["getex", "k", "exat", "1"],
        ["exists", "k"],
        ["getex", "k", "keepttl"],
        ["getex", "nokey", "foo"],
        ["getex", "k", "nx"],
        ["getex", "k", "xx"],
        ["getex", "k", "get"]);

    /// <summary>SETNX, GETSET, GETDEL, MSET, MSETNX and MGET, including odd argument counts and keys of other types.</summary>
    /// <param name="protocol">2 or 3.</param>
    [RedisTheory]
    [InlineData(2)]
    [InlineData(3)]
    public void Setnx_getset_getdel_mset_and_mget_match_redis(int protocol) => servers.AssertSameReplies(protocol, TypedKeys.Seed,
        ["setnx", "a", "1"],
        ["setnx", "a", "2"],
        ["get", "a"],
        ["setnx", "list", "1"],
        ["setex", "a", "100", "x"],
        ["setnx", "a", "3"],
        ["ttl", "a"],
        ["getset", "a", "3"],
        ["ttl", "a"],
        ["getset", "list", "3"],
        ["getset", "nokey2", "x"],
        ["get", "nokey2"],
        ["getdel", "a"],
        ["getdel", "a"],
        ["getdel", "list"],
        ["exists", "list"],
        ["mset", "a"],
        ["mset", "a", "1", "b"],
        ["msetnx", "a", "1", "b"],
        ["msetnx", "a", "1", "b", "2"],
        ["msetnx", "a", "1", "c", "2"],
        ["mget", "a", "b", "c", "list"],
        ["mget", "nokey"],
        ["mset", "a", "1", "b", "2", "a", "3"],
        ["mget", "a", "b"],
        ["setex", "a", "100", "x"],
        ["mset", "a", "1"],
        ["ttl", "a"],
        ["msetnx", "list", "1", "zz", "2"],
        ["exists", "zz"],
        ["mset", "list", "1"],
        ["type", "list"],
        ["msetnx", "n1", "1", "n1", "2"],
        ["get", "n1"]);

    /// <summary>INCR, INCRBY, DECR, DECRBY and INCRBYFLOAT: overflow, bad numbers, TTL kept, float formatting.</summary>
    /// <param name="protocol">2 or 3.</param>
    [RedisTheory]
    [InlineData(2)]
    [InlineData(3)]
    public void Counters_match_redis(int protocol) => servers.AssertSameReplies(protocol, TypedKeys.Seed,
        ["incr", "c"],
        ["incrby", "c", "abc"],
        ["incrby", "c", "9223372036854775808"],
        ["decrby", "c", "-9223372036854775808"],
        ["decrby", "nokey", "-9223372036854775808"],
        ["set", "c", "9223372036854775807"],
        ["incr", "c"],
        ["decrby", "c", "-1"],
        ["set", "c", "-9223372036854775808"],
        ["decr", "c"],
        ["set", "c", " 1"],
        ["incr", "c"],
        ["incrbyfloat", "c", "1"],
        ["set", "f", "1.5"],
        ["incrbyfloat", "f", "abc"],
        ["incrbyfloat", "f", "inf"],
        ["incrbyfloat", "f", "1e308"],
        ["incrbyfloat", "f", "0x10"],
        ["incrbyfloat", "nf", "3.0e3"],
        ["incrbyfloat", "nf2", "0.1"],
        ["incrbyfloat", "nf2", "0.2"],
        ["incrbyfloat", "nf2", "-0.30000000000000004"],
        ["incrbyfloat", "nf3", "1.0000000000000001"],
        ["incrbyfloat", "nf3", " 1"],
        ["incrbyfloat", "nf3", ""],
        ["set", "e", ""],
        ["incrbyfloat", "e", "1"],
        ["incr", "e"],
        ["set", "sp", "1 "],
        ["incrbyfloat", "sp", "1"],
        ["incrby", "c2", "-5"],
        ["decrby", "c2", "5"],
        ["decr", "c2"],
        ["set", "t", "5"],
        ["expire", "t", "100"],
        ["incr", "t"],
        ["ttl", "t"],
        ["incrbyfloat", "t", "1.5"],
        ["ttl", "t"],
        ["incrbyfloat", "t", "-6.5"],
        ["incrby", "t", "-9223372036854775807"],
        ["decrby", "t", "9223372036854775807"],
        ["incr", "list"],
        ["incrby", "list", "1"],
        ["decr", "list"],
        ["decrby", "list", "1"],
        ["incrbyfloat", "list", "1"],
        ["incrby", "list", "abc"],
        ["incrbyfloat", "list", "abc"],
        ["set", "big", "1e5"],
        ["incrbyfloat", "big", "1"],
        ["incr", "big"],
        ["set", "h", "5.0e3"],
        ["incrbyfloat", "h", "2"],
        ["incrbyfloat", "h", "1.1"],
        ["incrbyfloat", "h2", "1e-5"],
        ["incrbyfloat", "h3", "-0"],
        ["incrbyfloat", "h3", "1.23456789012345678"],
        ["incrbyfloat", "h4", "-1e300"],
        ["incrbyfloat", "h4", "1e-300"]);

    /// <summary>GETRANGE, SUBSTR, SETRANGE, APPEND and STRLEN, with negative and huge offsets.</summary>
    /// <param name="protocol">2 or 3.</param>
    [RedisTheory]
    [InlineData(2)]
    [InlineData(3)]
    public void Ranges_append_and_strlen_match_redis(int protocol) => servers.AssertSameReplies(protocol, TypedKeys.Seed,
        ["getrange", "f", "a", "1"],
        ["getrange", "nokey", "0", "-1"],
        ["getrange", "f", "0", "9223372036854775808"],
        ["set", "s", "Hello World"],
        ["getrange", "s", "0", "4"],
        ["getrange", "s", "-5", "-1"],
        ["getrange", "s", "-1", "-5"],
        ["getrange", "s", "5", "2"],
        ["getrange", "s", "0", "100"],
        ["getrange", "s", "-100", "2"],
        ["substr", "s", "0", "-1"],
        ["substr", "s", "3", "3"],
        ["getrange", "e", "0", "-1"],
        ["setrange", "s", "-1", "x"],
        ["setrange", "s", "abc", "x"],
        ["setrange", "s", "6", "Redis"],
        ["get", "s"],
        ["setrange", "s", "20", "X"],
        ["get", "s"],
        ["setrange", "nk", "0", ""],
        ["exists", "nk"],
        ["setrange", "nk2", "3", "ab"],
        ["get", "nk2"],
        ["setrange", "s", "2", ""],
        ["strlen", "nokey"],
        ["strlen", "s"],
        ["append", "k2", "abc"],
        ["append", "k2", "def"],
        ["get", "k2"],
        ["append", "9", "1"],
        ["mget", "9"],
        ["getrange", "list", "0", "-1"],
        ["getrange", "list", "a", "b"],
        ["substr", "list", "0", "1"],
        ["setrange", "list", "0", "x"],
        ["setrange", "list", "0", ""],
        ["setrange", "list", "-1", "x"],
        ["append", "list", "x"],
        ["strlen", "list"],
        ["set", "r", "abc"],
        ["expire", "r", "100"],
        ["setrange", "r", "1", "X"],
        ["ttl", "r"],
        ["append", "r", "Y"],
        ["ttl", "r"],
        ["get", "r"],
        ["getrange", "r", "9223372036854775807", "-9223372036854775808"],
        ["getrange", "r", "-9223372036854775808", "9223372036854775807"],
        ["setrange", "r", "9223372036854775807", "x"]);

    /// <summary>LCS and its LEN, IDX, MINMATCHLEN and WITHMATCHLEN options (map reply in RESP3), errors and their order.</summary>
    /// <param name="protocol">2 or 3.</param>
    [RedisTheory]
    [InlineData(2)]
    [InlineData(3)]
    public void Lcs_matches_redis(int protocol) => servers.AssertSameReplies(protocol, TypedKeys.Seed,
        ["set", "lcs1", "ohmytext"],
        ["set", "lcs2", "mynewtext"],
        ["lcs", "lcs1", "lcs2"],
        ["lcs", "lcs1", "lcs2", "len"],
        ["lcs", "lcs1", "lcs2", "idx"],
        ["lcs", "lcs1", "lcs2", "idx", "minmatchlen", "4"],
        ["lcs", "lcs1", "lcs2", "idx", "withmatchlen"],
        ["lcs", "lcs1", "lcs2", "idx", "minmatchlen", "2", "withmatchlen"],
        ["lcs", "lcs1", "lcs2", "idx", "minmatchlen", "-5", "withmatchlen"],
        ["lcs", "lcs1", "lcs2", "idx", "len"],
        ["lcs", "lcs1", "lcs2", "len", "idx"],
        ["lcs", "lcs1", "lcs2", "foo"],
        ["lcs", "lcs1", "lcs2", "minmatchlen"],
        ["lcs", "lcs1", "lcs2", "minmatchlen", "abc"],
        ["lcs", "lcs1", "lcs2", "len", "withmatchlen"],
        ["lcs", "lcs1", "lcs2", "withmatchlen"],
        ["lcs", "lcs1", "nokey"],
        ["lcs", "nokey", "nokey2", "idx"],
        ["lcs", "nokey", "nokey2", "len"],
        ["lcs", "lcs1", "lcs1", "idx", "withmatchlen"],
        ["lcs", "a", "b", "c"],
        ["lcs", "list", "lcs1"],
        ["lcs", "lcs1", "list"],
        ["lcs", "list", "lcs1", "foo"],
        ["lcs", "lcs1", "hash", "idx", "len"],
        ["lcs", "lcs1", "lcs2", "minmatchlen", "1.5"],
        ["lcs", "lcs1", "lcs2", "IDX", "MINMATCHLEN", "9223372036854775807"],
        ["lcs", "lcs1", "lcs2", "LEN", "MINMATCHLEN", "3", "WITHMATCHLEN"],
        ["lcs", "lcs1", "nokey", "idx", "withmatchlen"],
        ["set", "x1", "ABCBDAB"],
        ["set", "x2", "BDCABA"],
        ["lcs", "x1", "x2"],
        ["lcs", "x1", "x2", "idx", "withmatchlen"],
        ["lcs", "x2", "x1", "idx", "withmatchlen"]);

    /// <summary>Every string command with too few or too many arguments.</summary>
    /// <param name="protocol">2 or 3.</param>
    [RedisTheory]
    [InlineData(2)]
    [InlineData(3)]
    public void Wrong_arity_matches_redis(int protocol) => servers.AssertSameReplies(protocol, TypedKeys.Seed,
        ["get"],
        ["get", "a", "b"],
        ["set", "k"],
        ["setnx", "k"],
        ["setnx", "k", "v", "x"],
        ["setex", "k", "1"],
        ["setex", "k", "1", "v", "x"],
        ["psetex", "k", "1"],
        ["mset"],
        ["msetnx"],
        ["mget"],
        ["getset", "k"],
        ["getset", "k", "v", "x"],
        ["getdel"],
        ["getdel", "a", "b"],
        ["getex"],
        ["incr"],
        ["incr", "a", "b"],
        ["incrby", "k"],
        ["incrby", "k", "1", "2"],
        ["decr"],
        ["decrby", "k"],
        ["incrbyfloat", "k"],
        ["append", "k"],
        ["strlen"],
        ["strlen", "a", "b"],
        ["getrange", "k", "0"],
        ["substr", "k", "0"],
        ["setrange", "k", "0"],
        ["lcs", "k"],
        ["GET", "k"],
        ["Set", "k", "v"]);

    /// <summary>Numbers as Redis's strict parsers read them (signs, leading zeros, spaces, hex, exponents, inf/nan) in every string and key command, and empty or spaced keys.</summary>
    /// <param name="protocol">2 or 3.</param>
    [RedisTheory]
    [InlineData(2)]
    [InlineData(3)]
    public void Odd_numbers_and_keys_match_redis(int protocol) => servers.AssertSameReplies(protocol, TypedKeys.Seed,
        ["set", "", ""],
        ["get", ""],
        ["strlen", ""],
        ["exists", ""],
        ["set", "a b", "c d"],
        ["get", "a b"],
        ["incrby", "c", "+1"],
        ["incrby", "c", "01"],
        ["incrby", "c", "-0"],
        ["incrby", "c", " 1"],
        ["incrby", "c", "1 "],
        ["incrby", "c", ""],
        ["incrby", "c", "0x10"],
        ["set", "n", "010"],
        ["incr", "n"],
        ["set", "n", "-0"],
        ["incr", "n"],
        ["set", "n", "+5"],
        ["incr", "n"],
        ["set", "n", "00"],
        ["decr", "n"],
        ["set", "n", "1e3"],
        ["incr", "n"],
        ["expire", "c", "+10"],
        ["expire", "c", "010"],
        ["ttl", "c"],
        ["expire", "c", ""],
        ["setrange", "c", "+1", "x"],
        ["setrange", "c", "", "x"],
        ["getrange", "c", "-0", "+1"],
        ["scan", "0", "count", "+5", "match", "c"],
        ["scan", "00", "match", "n"],
        ["scan", "0x0"],
        ["setex", "k", "+10", "v"],
        ["setex", "k", "010", "v"],
        ["set", "k", "v", "ex", "+10"],
        ["set", "k", "v", "ex", "010"],
        ["ttl", "k"],
        ["set", "k", "v", "px", "1e3"],
        ["incrbyfloat", "f", " 1"],
        ["incrbyfloat", "f", "1 "],
        ["incrbyfloat", "f", "1e"],
        ["incrbyfloat", "f", ".5"],
        ["incrbyfloat", "f", "5."],
        ["incrbyfloat", "f", "-.5"],
        ["incrbyfloat", "f", "+1"],
        ["incrbyfloat", "f", "1_0"],
        ["incrbyfloat", "f", "nan"],
        ["incrbyfloat", "f", "infinity"],
        ["incrbyfloat", "f", "-inf"],
        ["incrbyfloat", "f", "1e400"],
        ["incrbyfloat", "f", "1e-400"],
        ["incrbyfloat", "f", "0x1p3"],
        ["set", "f", "1e400"],
        ["incrbyfloat", "f", "1"],
        ["set", "f", "1.5 "],
        ["incrbyfloat", "f", "1"],
        ["set", "f", "3.0000000000000000000001"],
        ["incrbyfloat", "f", "0"],
        ["set", "f", "1.79769313486231570e+308"],
        ["incrbyfloat", "f", "1e308"],
        ["copy", "c", "c2", "db", "+1"],
        ["move", "c", "+1"],
        ["move", "c", "01"],
        ["lcs", "c", "c2", "minmatchlen", "+1", "idx"]);

    /// <summary>String and key commands queued in MULTI (errors at EXEC), on keys of other types (RENAME/COPY/MOVE over them), and OBJECT ENCODING of stored strings.</summary>
    /// <param name="protocol">2 or 3.</param>
    [RedisTheory]
    [InlineData(2)]
    [InlineData(3)]
    public void Transactions_other_types_and_encodings_match_redis(int protocol) => servers.AssertSameReplies(protocol, TypedKeys.Seed,
        ["multi"],
        ["set", "k", "v", "ex", "100"],
        ["get", "k"],
        ["incr", "k"],
        ["expire", "k", "10", "gt"],
        ["ttl", "k"],
        ["exec"],
        ["multi"],
        ["set", "k", "v", "ex", "0"],
        ["exec"],
        ["multi"],
        ["set", "k", "v", "ex", "abc"],
        ["get", "k"],
        ["exec"],
        ["get", "k"],
        ["set", "k", "v"],
        ["rename", "k", "list"],
        ["type", "list"],
        ["renamenx", "hash", "list"],
        ["copy", "list", "set", "replace"],
        ["type", "set"],
        ["lrange", "set", "0", "-1"],
        ["object", "encoding", "set"],
        ["set", "num", "123"],
        ["object", "encoding", "num"],
        ["append", "num", "4"],
        ["get", "num"],
        ["setrange", "num", "0", "9"],
        ["incrbyfloat", "num", "1"],
        ["set", "s1", "abc"],
        ["object", "encoding", "s1"],
        ["set", "long", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"],
        ["object", "encoding", "long"],
        ["incr", "newc"],
        ["object", "encoding", "newc"],
        ["set", "neg", "-5"],
        ["object", "encoding", "neg"],
        ["set", "big", "12345678901234567890"],
        ["object", "encoding", "big"],
        ["getex", "k", "exat", "1"],
        ["exists", "k"],
        ["set", "k", "v"],
        ["object", "freq", "k"],
        ["move", "list", "1"],
        ["select", "1"],
        ["type", "list"],
        ["lpush", "list", "x"],
        ["select", "0"],
        ["lcs", "list", "hash"],
        ["lcs", "k", "list", "len"],
        ["getrange", "hash", "0", "1"],
        ["mget", "list", "hash", "k"]);

    /// <summary>Commands that read their key count keyspace hits and misses as Redis's do, writes that only look their
    /// key up do not (GETEX, GETDEL, GETSET, SET ... GET and COPY read theirs).</summary>
    [RedisFact]
    public void Keyspace_hits_and_misses_are_counted_as_redis_counts_them()
    {
        string[][] setup = [["SET", "k", "v"], ["SET", "c", "1"]];
        string[][] commands =
        [
            ["GET", "k"], ["GET", "x"], ["MGET", "k", "x"], ["GETEX", "k"], ["GETEX", "x"], ["GETSET", "k", "v"],
            ["GETDEL", "x"], ["SET", "k", "v", "GET"], ["SET", "y", "v", "GET"], ["COPY", "c", "d"], ["COPY", "x", "d"],
            ["STRLEN", "k"], ["GETRANGE", "x", "0", "1"], ["LCS", "k", "c"], ["TYPE", "k"], ["TTL", "x"], ["EXISTS", "k", "x"],
            ["APPEND", "k", "x"], ["INCR", "c"], ["SETNX", "k", "v"], ["RENAME", "c", "c2"], ["EXPIRE", "k", "100"],
            ["PERSIST", "k"], ["MOVE", "k", "1"], ["TOUCH", "c2", "x"],
        ];
        var expected = Stats(servers.Redis.Port, setup, commands);
        Assert.Contains("keyspace_hits:", expected, StringComparison.Ordinal);
        Assert.Equal(expected, Stats(servers.Lite.Port, setup, commands));
    }

    private static string Stats(int port, string[][] setup, string[][] commands)
    {
        using var wire = new RawWire(port);
        wire.Call("FLUSHALL");
        foreach (var command in setup)
        {
            wire.Call(command);
        }

        wire.Call("CONFIG", "RESETSTAT");
        foreach (var command in commands)
        {
            wire.Call(command);
        }

        var info = wire.Call("INFO", "stats");
        return string.Join(' ', info.Split("\r\n").Where(line => line.StartsWith("keyspace_", StringComparison.Ordinal)));
    }
}

/// <summary>Keys of every non-string type (<c>list</c>, <c>set</c>, <c>hash</c>, <c>zset</c>) for wire-diff tests, written
/// through the store API on both servers.</summary>
internal static class TypedKeys
{
    /// <summary>Creates the keys.</summary>
    /// <param name="db">Database 0 of a server.</param>
    public static void Seed(IDataStore db)
    {
        db.ListRightPush("list", ["a", "b"]);
        db.SetAdd("set", "a");
        db.HashSet("hash", "f", "v");
        db.SortedSetAdd("zset", "a", 1);
    }
}
