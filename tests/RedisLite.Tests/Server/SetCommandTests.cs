using RedisLite.Resp;
using RedisLite.Tests.Conformance;

namespace RedisLite.Tests.Server;

/// <summary>
/// Set commands on RedisLite's server against redis-server in RESP2 and RESP3. Sets of integers (Redis's intset) list
/// their members sorted on both, so those replies are compared byte for byte; a set of strings is listed in hash-table
/// order, which differs, so SMEMBERS, SINTER, SUNION, SDIFF, SPOP with a count covering the set, SRANDMEMBER likewise
/// and SSCAN on such sets are compared as multisets (same reply type and length). Random replies are otherwise
/// diffed only where deterministic and checked by shape.
/// </summary>
/// <param name="servers">Both servers.</param>
public sealed class SetCommandTests(WireDiffFixture servers) : IClassFixture<WireDiffFixture>
{
    /// <summary>SADD, SREM, SCARD, SISMEMBER, SMISMEMBER and SMEMBERS on integer sets: counts, repeats, key deletion
    /// with the last member, arity and wrong types.</summary>
    /// <param name="protocol">2 or 3.</param>
    [RedisTheory]
    [InlineData(2)]
    [InlineData(3)]
    public void Sadd_srem_scard_sismember_smismember_smembers_match_redis(int protocol) => servers.AssertSameReplies(protocol,
        ["SADD", "s", "3", "1", "2", "1"],
        ["SADD", "s", "2", "5", "-7"],
        ["SMEMBERS", "s"],
        ["SCARD", "s"],
        ["SISMEMBER", "s", "5"],
        ["SISMEMBER", "s", "6"],
        ["SISMEMBER", "missing", "5"],
        ["SMISMEMBER", "s", "1", "6", "-7", "1"],
        ["SMISMEMBER", "missing", "1", "2"],
        ["SREM", "s", "1", "6", "1"],
        ["SREM", "missing", "1"],
        ["SMEMBERS", "s"],
        ["SREM", "s", "2", "3", "5", "-7"],
        ["SCARD", "s"],
        ["SMEMBERS", "s"],
        ["SMEMBERS", "missing"],
        ["SCARD", "missing"],
        ["SADD", "s", ""],
        ["SISMEMBER", "s", ""],
        ["SADD", "s"],
        ["SREM", "s"],
        ["SMEMBERS"],
        ["SMEMBERS", "s", "t"],
        ["SCARD"],
        ["SISMEMBER", "s"],
        ["SISMEMBER", "s", "a", "b"],
        ["SMISMEMBER", "s"],
        ["HSET", "h", "f", "v"],
        ["SADD", "h", "m"],
        ["SREM", "h", "m"],
        ["SMEMBERS", "h"],
        ["SCARD", "h"],
        ["SISMEMBER", "h", "m"],
        ["SMISMEMBER", "h", "m"],
        ["HGET", "h", "f"]);

    /// <summary>Sets of strings are listed in another order than Redis's, but hold the same members.</summary>
    /// <param name="protocol">2 or 3.</param>
    [RedisTheory]
    [InlineData(2)]
    [InlineData(3)]
    public void String_sets_match_redis_ignoring_order(int protocol) => servers.AssertSameRepliesUnordered(protocol,
        ["SADD", "s", "x", "y", "z", "1", "\u00e9"],
        ["SADD", "t", "y", "z", "w"],
        ["SADD", "u", "z", "q"],
        ["SMEMBERS", "s"],
        ["SINTER", "s", "t"],
        ["SINTER", "s", "t", "u"],
        ["SUNION", "s", "t", "u"],
        ["SUNION", "s", "missing"],
        ["SDIFF", "s", "t"],
        ["SDIFF", "s", "t", "u", "missing"],
        ["SRANDMEMBER", "s", "5"],
        ["SRANDMEMBER", "s", "100"],
        ["SSCAN", "s", "0"],
        ["SSCAN", "s", "0", "MATCH", "[xy]"],
        ["SADD", "big", .. Enumerable.Range(0, 600).Select(i => "m" + i)],
        ["SMEMBERS", "big"],
        ["SINTER", "big", "s"],
        ["SDIFF", "big", "s"],
        ["SPOP", "s", "5"],
        ["SCARD", "s"],
        ["SPOP", "t", "10"],
        ["SMEMBERS", "t"]);

    /// <summary>SINTER, SUNION, SDIFF and their STORE forms: integer results, missing keys, destination overwrite
    /// (any type, TTL dropped), empty results deleting the destination, and wrong types anywhere among the sources.</summary>
    /// <param name="protocol">2 or 3.</param>
    [RedisTheory]
    [InlineData(2)]
    [InlineData(3)]
    public void Set_algebra_and_store_forms_match_redis(int protocol) => servers.AssertSameReplies(protocol,
        ["SADD", "a", "1", "2", "3", "4"],
        ["SADD", "b", "3", "4", "5"],
        ["SADD", "c", "4", "6"],
        ["SINTER", "a", "b"],
        ["SINTER", "a", "b", "c"],
        ["SINTER", "a", "missing"],
        ["SINTER", "missing"],
        ["SUNION", "a", "b", "c"],
        ["SUNION", "missing", "c"],
        ["SDIFF", "a", "b"],
        ["SDIFF", "a", "b", "c"],
        ["SDIFF", "missing", "a"],
        ["SDIFF", "a", "missing"],
        ["SINTERSTORE", "d", "a", "b"],
        ["SMEMBERS", "d"],
        ["SUNIONSTORE", "d", "a", "c"],
        ["SMEMBERS", "d"],
        ["SDIFFSTORE", "d", "a", "b"],
        ["SMEMBERS", "d"],
        ["SDIFFSTORE", "a", "a", "c"],
        ["SMEMBERS", "a"],
        ["SINTERSTORE", "d", "a", "missing"],
        ["SCARD", "d"],
        ["HSET", "h", "f", "v"],
        ["SUNIONSTORE", "h", "b"],
        ["SMEMBERS", "h"],
        ["HSET", "h2", "f", "v"],
        ["SINTER", "a", "h2"],
        ["SINTER", "missing", "h2"],
        ["SUNION", "a", "h2"],
        ["SDIFF", "a", "h2"],
        ["SDIFF", "h2", "a"],
        ["SINTERSTORE", "d", "missing", "h2"],
        ["SUNIONSTORE", "d", "a", "h2"],
        ["SDIFFSTORE", "d", "h2"],
        ["SINTER"],
        ["SUNION"],
        ["SDIFF"],
        ["SINTERSTORE", "d"],
        ["SUNIONSTORE", "d"],
        ["SDIFFSTORE"]);

    /// <summary>SINTERCARD: counts, LIMIT (the last one wins), and each of its errors in Redis's order.</summary>
    /// <param name="protocol">2 or 3.</param>
    [RedisTheory]
    [InlineData(2)]
    [InlineData(3)]
    public void Sintercard_matches_redis(int protocol) => servers.AssertSameReplies(protocol,
        ["SADD", "a", "1", "2", "3", "4", "x"],
        ["SADD", "b", "2", "3", "4", "5", "x"],
        ["SINTERCARD", "1", "a"],
        ["SINTERCARD", "2", "a", "b"],
        ["SINTERCARD", "2", "a", "missing"],
        ["SINTERCARD", "2", "a", "b", "LIMIT", "2"],
        ["SINTERCARD", "2", "a", "b", "limit", "0"],
        ["SINTERCARD", "2", "a", "b", "LIMIT", "100"],
        ["SINTERCARD", "2", "a", "b", "LIMIT", "1", "LIMIT", "3"],
        ["SINTERCARD", "2", "a", "b", "LIMIT", "-1"],
        ["SINTERCARD", "2", "a", "b", "LIMIT", "abc"],
        ["SINTERCARD", "2", "a", "b", "LIMIT", "9223372036854775808"],
        ["SINTERCARD", "2", "a", "b", "LIMIT"],
        ["SINTERCARD", "2", "a", "b", "NOPE", "1"],
        ["SINTERCARD", "2", "a", "b", "LIMIT", "1", "NOPE"],
        ["SINTERCARD", "1", "a", "b"],
        ["SINTERCARD", "0", "a"],
        ["SINTERCARD", "-1", "a"],
        ["SINTERCARD", "abc", "a"],
        ["SINTERCARD", "9223372036854775808", "a"],
        ["SINTERCARD", "3", "a", "b"],
        ["SINTERCARD", "3", "a", "b", "LIMIT"],
        ["SINTERCARD", "1"],
        ["SINTERCARD"],
        ["HSET", "h", "f", "v"],
        ["SINTERCARD", "2", "a", "h"],
        ["SINTERCARD", "2", "missing", "h"],
        ["SINTERCARD", "1", "h", "LIMIT", "-1"]);

    /// <summary>SMOVE: moves, no-ops, the source's deletion, moving onto itself, and its type checks (a missing source
    /// answers 0 before the destination's type is looked at).</summary>
    /// <param name="protocol">2 or 3.</param>
    [RedisTheory]
    [InlineData(2)]
    [InlineData(3)]
    public void Smove_matches_redis(int protocol) => servers.AssertSameReplies(protocol,
        ["SADD", "src", "1", "2"],
        ["SMOVE", "src", "dst", "1"],
        ["SMOVE", "src", "dst", "1"],
        ["SMOVE", "src", "dst", "9"],
        ["SMEMBERS", "src"],
        ["SMEMBERS", "dst"],
        ["SMOVE", "src", "src", "2"],
        ["SMOVE", "src", "src", "9"],
        ["SMOVE", "src", "dst", "2"],
        ["SCARD", "src"],
        ["SMEMBERS", "dst"],
        ["SMOVE", "missing", "dst", "1"],
        ["HSET", "h", "f", "v"],
        ["SMOVE", "missing", "h", "1"],
        ["SMOVE", "dst", "h", "1"],
        ["SMOVE", "dst", "h", "9"],
        ["SMOVE", "h", "dst", "1"],
        ["SMOVE", "h", "h", "1"],
        ["SMEMBERS", "dst"],
        ["SMOVE", "dst", "x"],
        ["SMOVE", "dst", "x", "1", "2"]);

    /// <summary>SPOP and SRANDMEMBER where deterministic: missing keys (SPOP's count form answers an empty set),
    /// counts covering an integer set, zero, a one-member set, and every error in Redis's order.</summary>
    /// <param name="protocol">2 or 3.</param>
    [RedisTheory]
    [InlineData(2)]
    [InlineData(3)]
    public void Spop_srandmember_deterministic_replies_and_errors_match_redis(int protocol) => servers.AssertSameReplies(protocol,
        ["SPOP", "missing"],
        ["SPOP", "missing", "2"],
        ["SPOP", "missing", "0"],
        ["SRANDMEMBER", "missing"],
        ["SRANDMEMBER", "missing", "2"],
        ["SRANDMEMBER", "missing", "-2"],
        ["SRANDMEMBER", "missing", "0"],
        ["SADD", "s", "5", "1", "3"],
        ["SRANDMEMBER", "s", "3"],
        ["SRANDMEMBER", "s", "9223372036854775807"],
        ["SRANDMEMBER", "s", "0"],
        ["SPOP", "s", "0"],
        ["SCARD", "s"],
        ["SPOP", "s", "-1"],
        ["SPOP", "s", "abc"],
        ["SPOP", "s", "9223372036854775808"],
        ["SPOP", "s", "1", "2"],
        ["SPOP", "s", "abc", "2"],
        ["SRANDMEMBER", "s", "abc"],
        ["SRANDMEMBER", "s", "1.5"],
        ["SRANDMEMBER", "s", "-9223372036854775808"],
        ["SRANDMEMBER", "s", "9223372036854775808"],
        ["SRANDMEMBER", "s", "1", "2"],
        ["SRANDMEMBER", "s", "abc", "2"],
        ["SPOP", "s", "3"],
        ["SCARD", "s"],
        ["SADD", "s", "7", "8"],
        ["SPOP", "s", "9223372036854775807"],
        ["SADD", "one", "m"],
        ["SRANDMEMBER", "one"],
        ["SRANDMEMBER", "one", "-3"],
        ["SRANDMEMBER", "one", "1"],
        ["SPOP", "one"],
        ["SCARD", "one"],
        ["SADD", "one", "m"],
        ["SPOP", "one", "1"],
        ["SPOP"],
        ["SRANDMEMBER"],
        ["HSET", "h", "f", "v"],
        ["SPOP", "h"],
        ["SPOP", "h", "1"],
        ["SPOP", "h", "-1"],
        ["SRANDMEMBER", "h"],
        ["SRANDMEMBER", "h", "1"],
        ["SRANDMEMBER", "h", "abc"]);

    /// <summary>Count and numkeys arguments in forms Redis's string2ll refuses (sign, leading zeros, "-0"), each
    /// with its command's own error text.</summary>
    /// <param name="protocol">2 or 3.</param>
    [RedisTheory]
    [InlineData(2)]
    [InlineData(3)]
    public void Set_number_syntax_matches_redis(int protocol) => servers.AssertSameReplies(protocol,
        ["SADD", "s", "1", "2", "3"],
        ["SINTERCARD", "+1", "s"],
        ["SINTERCARD", "01", "s"],
        ["SINTERCARD", "1", "s", "LIMIT", "+1"],
        ["SINTERCARD", "1", "s", "LIMIT", "01"],
        ["SINTERCARD", "1", "s", "LIMIT", "-0"],
        ["SPOP", "s", "-0"],
        ["SPOP", "s", "+0"],
        ["SPOP", "s", "00"],
        ["SRANDMEMBER", "s", "+3"],
        ["SRANDMEMBER", "s", "-0"],
        ["SSCAN", "s", "0", "COUNT", "+5"],
        ["SADD", "s", "01", "-0", "+1", "007"],
        ["SISMEMBER", "s", "01"],
        ["SISMEMBER", "s", "1"],
        ["SCARD", "s"]);

    /// <summary>Integers that are not an intset's (non-canonical text, beyond 64 bits) make a hash-table set.</summary>
    /// <param name="protocol">2 or 3.</param>
    [RedisTheory]
    [InlineData(2)]
    [InlineData(3)]
    public void Non_canonical_integer_members_match_redis_ignoring_order(int protocol) => servers.AssertSameRepliesUnordered(protocol,
        ["SADD", "s", "1", "2", "3", "01", "-0", "+1", "007"],
        ["SMEMBERS", "s"],
        ["SADD", "i", "9223372036854775807", "-9223372036854775808", "9223372036854775808"],
        ["SMEMBERS", "i"],
        ["SREM", "i", "9223372036854775808"],
        ["SMEMBERS", "i"],
        ["SSCAN", "i", "0"],
        ["SINTER", "s", "i"],
        ["SUNION", "s", "i"]);

    /// <summary>SPOP and SRANDMEMBER's random replies, by shape: SPOP's count form is a set in RESP3, SRANDMEMBER's an
    /// array; positive counts give distinct members, negative ones exactly that many; SPOP removes what it returns.</summary>
    /// <param name="protocol">2 or 3.</param>
    [RedisTheory]
    [InlineData(2)]
    [InlineData(3)]
    public void Spop_srandmember_random_replies_have_redis_shape(int protocol)
    {
        using var wire = UnorderedWireDiff.Open(servers.Lite.Port, protocol);
        string[] members = ["a", "b", "c", "d", "e"];
        wire.Call(["SADD", "s", .. members]);

        var one = UnorderedWireDiff.Parse(wire.Call("SRANDMEMBER", "s"));
        Assert.Equal(RespType.BulkString, one.Type);
        Assert.Contains(one.GetString(), members);

        var distinct = UnorderedWireDiff.Parse(wire.Call("SRANDMEMBER", "s", "3"));
        Assert.Equal(RespType.Array, distinct.Type);
        Assert.Equal(3, distinct.Items.Select(i => i.GetString()).Distinct().Count());

        var repeats = UnorderedWireDiff.Parse(wire.Call("SRANDMEMBER", "s", "-12"));
        Assert.Equal(RespType.Array, repeats.Type);
        Assert.Equal(12, repeats.Items.Count);
        Assert.All(repeats.Items, i => Assert.Contains(i.GetString(), members));

        var popped = UnorderedWireDiff.Parse(wire.Call("SPOP", "s", "2"));
        Assert.Equal(protocol == 3 ? RespType.Set : RespType.Array, popped.Type);
        Assert.Equal(2, popped.Items.Select(i => i.GetString()).Distinct().Count());
        var single = UnorderedWireDiff.Parse(wire.Call("SPOP", "s"));
        Assert.Equal(RespType.BulkString, single.Type);
        var gone = popped.Items.Select(i => i.GetString()).Append(single.GetString()).ToArray();
        var left = UnorderedWireDiff.Parse(wire.Call("SMEMBERS", "s")).Items.Select(i => i.GetString()).ToArray();
        Assert.Equal(members.Order(), gone.Concat(left).Order());
    }

    /// <summary>SSCAN on an intset (returned whole with cursor 0), MATCH and COUNT, cursor syntax, and Redis's order of
    /// checks: cursor, then the key (missing: empty page; wrong type), then the options.</summary>
    /// <param name="protocol">2 or 3.</param>
    [RedisTheory]
    [InlineData(2)]
    [InlineData(3)]
    public void Sscan_matches_redis(int protocol) => servers.AssertSameReplies(protocol,
        ["SADD", "s", "10", "2", "300", "11", "-4"],
        ["SSCAN", "s", "0"],
        ["SSCAN", "s", "0", "MATCH", "1*"],
        ["SSCAN", "s", "0", "MATCH", "*", "COUNT", "1"],
        ["SSCAN", "s", "5"],
        ["SSCAN", "s", "-1"],
        ["SSCAN", "s", ""],
        ["SSCAN", "s", "18446744073709551616"],
        ["SSCAN", "s", "abc"],
        ["SSCAN", "s", "0", "COUNT", "0"],
        ["SSCAN", "s", "0", "COUNT", "abc"],
        ["SSCAN", "s", "0", "COUNT"],
        ["SSCAN", "s", "0", "MATCH", "x", "BAD"],
        ["SSCAN", "s", "0", "TYPE", "set"],
        ["SSCAN", "missing", "0"],
        ["SSCAN", "missing", "0", "COUNT", "abc"],
        ["SSCAN", "missing", "abc"],
        ["SSCAN", "s"],
        ["HSET", "h", "f", "v"],
        ["SSCAN", "h", "0"],
        ["SSCAN", "h", "0", "COUNT", "0"],
        ["SSCAN", "h", "x"]);

    /// <summary>SSCAN over a hash table, page by page with a small COUNT, sees every member Redis's sees.</summary>
    /// <param name="protocol">2 or 3.</param>
    [RedisTheory]
    [InlineData(2)]
    [InlineData(3)]
    public void Sscan_iteration_of_a_large_set_collects_the_same_members_as_redis(int protocol)
    {
        Assert.True(servers.Redis.IsAvailable, servers.Redis.UnavailableReason);
        string[] Collect(int port, params string[] options)
        {
            using var wire = UnorderedWireDiff.Open(port, protocol);
            wire.Call(["SADD", "big", .. Enumerable.Range(0, 700).Select(i => "m" + i)]);
            var (items, pages) = UnorderedWireDiff.ScanAll(wire, "SSCAN", "big", 1, options);
            Assert.True(pages > 1, "a hash table is scanned in several pages");
            return items;
        }

        Assert.Equal(Collect(servers.Redis.Port, "COUNT", "9"), Collect(servers.Lite.Port, "COUNT", "9"));
        Assert.Equal(Collect(servers.Redis.Port, "MATCH", "m1?", "COUNT", "50"), Collect(servers.Lite.Port, "MATCH", "m1?", "COUNT", "50"));
    }

    /// <summary>The multiset comparison ignores order only: members, types, lengths and field/value pairing count.</summary>
    [Fact]
    public void Unordered_comparison_ignores_order_only()
    {
        static string C(string raw, bool paired = false) => UnorderedWireDiff.Canonical(raw.Replace("|", "\r\n", StringComparison.Ordinal), paired);
        Assert.Equal(C("*2|$1|a|$1|b|"), C("*2|$1|b|$1|a|"));
        Assert.NotEqual(C("*2|$1|a|$1|b|"), C("*2|$1|a|$1|c|"));
        Assert.NotEqual(C("*2|$1|a|$1|b|"), C("~2|$1|a|$1|b|"));
        Assert.NotEqual(C("*2|$1|a|$1|a|"), C("*1|$1|a|"));
        Assert.Equal(C("*4|$1|a|$1|1|$1|b|$1|2|", paired: true), C("*4|$1|b|$1|2|$1|a|$1|1|", paired: true));
        Assert.NotEqual(C("*4|$1|a|$1|1|$1|b|$1|2|", paired: true), C("*4|$1|a|$1|2|$1|b|$1|1|", paired: true));
        Assert.NotEqual(C("%2|$1|a|$1|1|$1|b|$1|2|"), C("%2|$1|a|$1|2|$1|b|$1|1|"));
        Assert.Equal(C("*2|$1|0|*2|$1|x|$1|y|"), C("*2|$1|0|*2|$1|y|$1|x|"));
        Assert.NotEqual(C(":1|"), C(":2|"));
    }
}
