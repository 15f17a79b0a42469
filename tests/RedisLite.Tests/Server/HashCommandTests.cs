using RedisLite.Resp;
using RedisLite.Tests.Conformance;

namespace RedisLite.Tests.Server;

/// <summary>
/// Hash commands on RedisLite's server against redis-server, byte for byte in RESP2 and RESP3. Small hashes (Redis's
/// listpack) list fields in insertion order on both, so their replies are compared exactly; a large hash's order is
/// its hash table's, so HGETALL/HKEYS/HVALS/HSCAN on one are compared as multisets; random replies (HRANDFIELD) are
/// diffed only where they are deterministic and otherwise checked by shape.
/// </summary>
/// <param name="servers">Both servers.</param>
public sealed class HashCommandTests(WireDiffFixture servers) : IClassFixture<WireDiffFixture>
{
    /// <summary>A command setting <paramref name="count"/> fields f0..fN-1 to v0..vN-1 (more than 512 make a hash table).</summary>
    private static string[] BigHash(string key, int count) =>
        ["HSET", key, .. Enumerable.Range(0, count).SelectMany(i => new[] { "f" + i, "v" + i })];

    /// <summary>HSET, HMSET, HSETNX, HGET and HMGET: counts, replies, odd arguments, arity and wrong types.</summary>
    /// <param name="protocol">2 or 3.</param>
    [RedisTheory]
    [InlineData(2)]
    [InlineData(3)]
    public void Hset_hmset_hsetnx_hget_hmget_match_redis(int protocol) => servers.AssertSameReplies(protocol,
        ["HSET", "h", "a", "1", "b", "2"],
        ["HSET", "h", "a", "x", "c", "3", "c", "33"],
        ["HSET", "h", "d", "4", "e"],
        ["HSET", "h", "d"],
        ["HSET", "h"],
        ["hset", "h", "", ""],
        ["HGET", "h", "a"],
        ["HGET", "h", "c"],
        ["HGET", "h", ""],
        ["HGET", "h", "nope"],
        ["HGET", "missing", "a"],
        ["HGET", "h"],
        ["HGET", "h", "a", "b"],
        ["HMSET", "h", "a", "y", "z", "26"],
        ["HMSET", "h", "a"],
        ["HMSET", "h", "a", "1", "b"],
        ["HMSET", "new", "k", "v"],
        ["HMGET", "h", "a", "nope", "z", "c"],
        ["HMGET", "missing", "a", "b"],
        ["HMGET", "h"],
        ["HSETNX", "h", "a", "2"],
        ["HSETNX", "h", "nx", "2"],
        ["HSETNX", "fresh", "f", "v"],
        ["HSETNX", "h", "a"],
        ["HGET", "h", "a"],
        ["HGET", "h", "nx"],
        ["HSET", "h", "\u00e9t\u00e9", "\u00fcber\r\nline"],
        ["HGET", "h", "\u00e9t\u00e9"],
        ["SADD", "s", "m"],
        ["HSET", "s", "a", "1"],
        ["HMSET", "s", "a", "1"],
        ["HSETNX", "s", "a", "1"],
        ["HGET", "s", "a"],
        ["HMGET", "s", "a"],
        ["HGETALL", "h"]);

    /// <summary>HGETALL (a map in RESP3), HKEYS, HVALS, HLEN, HEXISTS, HSTRLEN and HDEL on small hashes, in insertion order.</summary>
    /// <param name="protocol">2 or 3.</param>
    [RedisTheory]
    [InlineData(2)]
    [InlineData(3)]
    public void Hgetall_hkeys_hvals_hlen_hexists_hstrlen_hdel_match_redis(int protocol) => servers.AssertSameReplies(protocol,
        ["HSET", "h", "c", "1", "a", "22", "b", "333", "d", ""],
        ["HDEL", "h", "b"],
        ["HSET", "h", "e", "5", "b", "again"],
        ["HGETALL", "h"],
        ["HKEYS", "h"],
        ["HVALS", "h"],
        ["HLEN", "h"],
        ["HEXISTS", "h", "a"],
        ["HEXISTS", "h", "zz"],
        ["HEXISTS", "missing", "a"],
        ["HSTRLEN", "h", "b"],
        ["HSTRLEN", "h", "d"],
        ["HSTRLEN", "h", "zz"],
        ["HSTRLEN", "missing", "zz"],
        ["HGETALL", "missing"],
        ["HKEYS", "missing"],
        ["HVALS", "missing"],
        ["HLEN", "missing"],
        ["HDEL", "h", "zz", "a", "a", "c"],
        ["HDEL", "missing", "a"],
        ["HGETALL", "h"],
        ["HDEL", "h", "d", "e", "b"],
        ["HLEN", "h"],
        ["HGETALL", "h"],
        ["HSET", "h", "x", "1"],
        ["HGETALL", "h", "extra"],
        ["HKEYS"],
        ["HVALS", "h", "x"],
        ["HLEN"],
        ["HEXISTS", "h"],
        ["HSTRLEN", "h", "x", "y"],
        ["HDEL", "h"],
        ["SADD", "s", "m"],
        ["HGETALL", "s"],
        ["HKEYS", "s"],
        ["HVALS", "s"],
        ["HLEN", "s"],
        ["HEXISTS", "s", "m"],
        ["HSTRLEN", "s", "m"],
        ["HDEL", "s", "m"],
        ["SCARD", "s"]);

    /// <summary>Inside MULTI: a wrong arity is refused at once (and dooms EXEC), an unpaired HSET field is queued and
    /// fails only in EXEC's reply, as in Redis.</summary>
    /// <param name="protocol">2 or 3.</param>
    [RedisTheory]
    [InlineData(2)]
    [InlineData(3)]
    public void Hash_commands_inside_multi_match_redis(int protocol) => servers.AssertSameReplies(protocol,
        ["MULTI"],
        ["HSET", "h", "a", "1", "b"],
        ["HSET", "h", "a", "1"],
        ["HINCRBY", "h", "a", "x"],
        ["HGETALL", "h"],
        ["EXEC"],
        ["MULTI"],
        ["HSET", "h", "a"],
        ["HGET", "h", "a"],
        ["EXEC"],
        ["HGET", "h", "a"]);

    /// <summary>HINCRBY: creation, sums, overflow both ways, bad increments before the key's type, non-integer values.</summary>
    /// <param name="protocol">2 or 3.</param>
    [RedisTheory]
    [InlineData(2)]
    [InlineData(3)]
    public void Hincrby_matches_redis(int protocol) => servers.AssertSameReplies(protocol,
        ["HINCRBY", "h", "n", "5"],
        ["HINCRBY", "h", "n", "-12"],
        ["HINCRBY", "h", "n", "0"],
        ["HINCRBY", "h", "big", "9223372036854775807"],
        ["HINCRBY", "h", "big", "1"],
        ["HINCRBY", "h", "small", "-9223372036854775808"],
        ["HINCRBY", "h", "small", "-1"],
        ["HINCRBY", "h", "n", "9223372036854775808"],
        ["HINCRBY", "h", "n", "1.0"],
        ["HINCRBY", "h", "n", "+1"],
        ["HINCRBY", "h", "n", " 1"],
        ["HINCRBY", "h", "n", ""],
        ["HINCRBY", "h", "n", "abc"],
        ["HSET", "h", "s", "abc", "f", "1.5", "sp", " 7", "z", "007", "e", ""],
        ["HINCRBY", "h", "s", "1"],
        ["HINCRBY", "h", "f", "1"],
        ["HINCRBY", "h", "sp", "1"],
        ["HINCRBY", "h", "z", "1"],
        ["HINCRBY", "h", "e", "1"],
        ["HGETALL", "h"],
        ["HINCRBY", "h", "n"],
        ["HINCRBY", "h", "n", "1", "2"],
        ["SADD", "s", "m"],
        ["HINCRBY", "s", "n", "1"],
        ["HINCRBY", "s", "n", "abc"]);

    /// <summary>HINCRBYFLOAT: Redis's long-double sums and formatting, float syntaxes, NaN/infinity and type errors.</summary>
    /// <param name="protocol">2 or 3.</param>
    [RedisTheory]
    [InlineData(2)]
    [InlineData(3)]
    public void Hincrbyfloat_matches_redis(int protocol) => servers.AssertSameReplies(protocol,
        ["HINCRBYFLOAT", "h", "x", "1.5"],
        ["HINCRBYFLOAT", "h", "x", "0.1"],
        ["HINCRBYFLOAT", "h", "x", "-1.6"],
        ["HINCRBYFLOAT", "h", "x", "1e3"],
        ["HINCRBYFLOAT", "h", "x", "0x10"],
        ["HINCRBYFLOAT", "h", "x", "-.5"],
        ["HINCRBYFLOAT", "h", "x", "3"],
        ["HINCRBYFLOAT", "h", "y", "1e400"],
        ["HINCRBYFLOAT", "h", "y", "-1e400"],
        ["HINCRBYFLOAT", "h", "z", "1.7976931348623157e308"],
        ["HINCRBYFLOAT", "h", "z", "1.7976931348623157e308"],
        ["HINCRBYFLOAT", "h", "x", "inf"],
        ["HINCRBYFLOAT", "h", "x", "-Infinity"],
        ["HINCRBYFLOAT", "h", "x", "nan"],
        ["HINCRBYFLOAT", "h", "x", "abc"],
        ["HINCRBYFLOAT", "h", "x", ""],
        ["HINCRBYFLOAT", "h", "x", " 1"],
        ["HINCRBYFLOAT", "h", "x", "1 "],
        ["HINCRBYFLOAT", "h", "x", "1e"],
        ["HSET", "h", "s", "abc", "i", "10", "sp", " 2", "e", "", "inf", "inf"],
        ["HINCRBYFLOAT", "h", "s", "1"],
        ["HINCRBYFLOAT", "h", "i", "0.25"],
        ["HINCRBYFLOAT", "h", "sp", "1"],
        ["HINCRBYFLOAT", "h", "e", "1"],
        ["HINCRBYFLOAT", "h", "inf", "1"],
        ["HGET", "h", "x"],
        ["HGET", "h", "i"],
        ["HINCRBYFLOAT", "h", "x"],
        ["SADD", "s", "m"],
        ["HINCRBYFLOAT", "s", "n", "1"],
        ["HINCRBYFLOAT", "s", "n", "abc"]);

    /// <summary>Integer arguments and stored numbers in forms Redis's string2ll refuses (sign, leading zeros, "-0")
    /// or its float parser accepts (hex, exponents, padding zeros).</summary>
    /// <param name="protocol">2 or 3.</param>
    [RedisTheory]
    [InlineData(2)]
    [InlineData(3)]
    public void Hash_number_syntax_matches_redis(int protocol) => servers.AssertSameReplies(protocol,
        ["HSET", "h", "a", "1", "z", "05", "y", "-0", "w", "1.50", "v", "0x10", "u", "+3", "t", "1e2"],
        ["HRANDFIELD", "h", "+1"],
        ["HRANDFIELD", "h", "01", "WITHVALUES"],
        ["HSCAN", "h", "0", "COUNT", "+5"],
        ["HSCAN", "h", "0", "COUNT", "05"],
        ["HSCAN", "h", "0", "COUNT", "1.0"],
        ["HINCRBY", "h", "a", "+5"],
        ["HINCRBY", "h", "a", "05"],
        ["HINCRBY", "h", "a", "-0"],
        ["HINCRBY", "h", "z", "1"],
        ["HINCRBY", "h", "y", "1"],
        ["HINCRBYFLOAT", "h", "w", "0"],
        ["HINCRBYFLOAT", "h", "v", "1"],
        ["HINCRBYFLOAT", "h", "u", "1"],
        ["HINCRBY", "h", "u", "1"],
        ["HINCRBYFLOAT", "h", "t", "1"],
        ["HINCRBYFLOAT", "h", "t", "00.5e+1"],
        ["HGETALL", "h"]);

    /// <summary>HRANDFIELD where its reply is deterministic: missing keys, counts covering the whole hash, a one-field
    /// hash, zero, and every error in Redis's order (count, then syntax, then the WITHVALUES range).</summary>
    /// <param name="protocol">2 or 3.</param>
    [RedisTheory]
    [InlineData(2)]
    [InlineData(3)]
    public void Hrandfield_deterministic_replies_and_errors_match_redis(int protocol) => servers.AssertSameReplies(protocol,
        ["HRANDFIELD", "missing"],
        ["HRANDFIELD", "missing", "3"],
        ["HRANDFIELD", "missing", "-3"],
        ["HRANDFIELD", "missing", "3", "WITHVALUES"],
        ["HRANDFIELD", "missing", "0"],
        ["HSET", "h", "a", "1", "b", "2", "c", "3"],
        ["HRANDFIELD", "h", "3"],
        ["HRANDFIELD", "h", "100"],
        ["HRANDFIELD", "h", "3", "WITHVALUES"],
        ["HRANDFIELD", "h", "9223372036854775807"],
        ["HRANDFIELD", "h", "0"],
        ["HRANDFIELD", "h", "0", "withvalues"],
        ["HSET", "one", "f", "v"],
        ["HRANDFIELD", "one"],
        ["HRANDFIELD", "one", "1"],
        ["HRANDFIELD", "one", "-3"],
        ["HRANDFIELD", "one", "-2", "WITHVALUES"],
        ["HRANDFIELD", "h", "abc"],
        ["HRANDFIELD", "h", "abc", "WITHVALUES"],
        ["HRANDFIELD", "h", "1.5"],
        ["HRANDFIELD", "h", "-9223372036854775808"],
        ["HRANDFIELD", "h", "-9223372036854775808", "WITHVALUES"],
        ["HRANDFIELD", "h", "9223372036854775808"],
        ["HRANDFIELD", "h", "1", "NOPE"],
        ["HRANDFIELD", "h", "abc", "NOPE"],
        ["HRANDFIELD", "h", "1", "WITHVALUES", "x"],
        ["HRANDFIELD", "h", "9223372036854775807", "WITHVALUES"],
        ["HRANDFIELD", "h", "-4611686018427387904", "WITHVALUES"],
        ["HRANDFIELD", "h", "4611686018427387903", "WITHVALUES"],
        ["HRANDFIELD", "missing", "9223372036854775807", "WITHVALUES"],
        ["HRANDFIELD"],
        ["SADD", "s", "m"],
        ["HRANDFIELD", "s"],
        ["HRANDFIELD", "s", "1"],
        ["HRANDFIELD", "s", "abc"],
        ["HRANDFIELD", "s", "1", "WITHVALUES"]);

    /// <summary>HRANDFIELD's random replies, by shape: the right reply type and length, distinct fields for a
    /// positive count, fields with their own values, RESP3 nesting each pair.</summary>
    /// <param name="protocol">2 or 3.</param>
    [RedisTheory]
    [InlineData(2)]
    [InlineData(3)]
    public void Hrandfield_random_replies_have_redis_shape(int protocol)
    {
        using var wire = UnorderedWireDiff.Open(servers.Lite.Port, protocol);
        wire.Call("HSET", "h", "a", "1", "b", "2", "c", "3", "d", "4");
        string[] fields = ["a", "b", "c", "d"];

        var one = UnorderedWireDiff.Parse(wire.Call("HRANDFIELD", "h"));
        Assert.Equal(RespType.BulkString, one.Type);
        Assert.Contains(one.GetString(), fields);

        var distinct = UnorderedWireDiff.Parse(wire.Call("HRANDFIELD", "h", "3"));
        Assert.Equal(RespType.Array, distinct.Type);
        Assert.Equal(3, distinct.Items.Select(i => i.GetString()).Distinct().Count());
        Assert.All(distinct.Items, i => Assert.Contains(i.GetString(), fields));

        var repeats = UnorderedWireDiff.Parse(wire.Call("HRANDFIELD", "h", "-10"));
        Assert.Equal(10, repeats.Items.Count);
        Assert.All(repeats.Items, i => Assert.Contains(i.GetString(), fields));

        foreach (var count in new[] { "2", "-6" })
        {
            var reply = UnorderedWireDiff.Parse(wire.Call("HRANDFIELD", "h", count, "WITHVALUES"));
            Assert.Equal(RespType.Array, reply.Type);
            var n = Math.Abs(int.Parse(count, System.Globalization.CultureInfo.InvariantCulture));
            var pairs = new List<(string? Field, string? Value)>();
            if (protocol == 3)
            {
                Assert.Equal(n, reply.Items.Count);
                foreach (var pair in reply.Items)
                {
                    Assert.Equal(RespType.Array, pair.Type);
                    Assert.Equal(2, pair.Items.Count);
                    pairs.Add((pair.Items[0].GetString(), pair.Items[1].GetString()));
                }
            }
            else
            {
                Assert.Equal(2 * n, reply.Items.Count);
                for (var i = 0; i < reply.Items.Count; i += 2)
                {
                    pairs.Add((reply.Items[i].GetString(), reply.Items[i + 1].GetString()));
                }
            }

            Assert.All(pairs, p => Assert.Equal(((char)(p.Field![0] - 'a' + '1')).ToString(), p.Value));
        }
    }

    /// <summary>HSCAN on small hashes (returned whole with cursor 0), MATCH and COUNT, cursor syntax as strtoul reads
    /// it, and Redis's order of checks: cursor, then the key (missing: empty page; wrong type), then the options.</summary>
    /// <param name="protocol">2 or 3.</param>
    [RedisTheory]
    [InlineData(2)]
    [InlineData(3)]
    public void Hscan_matches_redis(int protocol) => servers.AssertSameReplies(protocol,
        ["HSET", "h", "alpha", "1", "beta", "2", "apple", "3", "b", "4"],
        ["HSCAN", "h", "0"],
        ["HSCAN", "h", "0", "MATCH", "a*"],
        ["HSCAN", "h", "0", "match", "*"],
        ["HSCAN", "h", "0", "MATCH", "zz*"],
        ["HSCAN", "h", "0", "COUNT", "1"],
        ["HSCAN", "h", "0", "COUNT", "2", "MATCH", "b*"],
        ["HSCAN", "h", "0", "MATCH", "x", "MATCH", "b?ta"],
        ["HSCAN", "h", "0", "COUNT", "9223372036854775807"],
        ["HSCAN", "h", "7"],
        ["HSCAN", "h", "-1"],
        ["HSCAN", "h", "+3"],
        ["HSCAN", "h", ""],
        ["HSCAN", "h", "18446744073709551615"],
        ["HSCAN", "h", "18446744073709551616"],
        ["HSCAN", "h", "-18446744073709551616"],
        ["HSCAN", "h", " 1"],
        ["HSCAN", "h", "1 "],
        ["HSCAN", "h", "-"],
        ["HSCAN", "h", "abc"],
        ["HSCAN", "h", "0x1"],
        ["HSCAN", "h", "0", "COUNT", "0"],
        ["HSCAN", "h", "0", "COUNT", "-1"],
        ["HSCAN", "h", "0", "COUNT", "abc"],
        ["HSCAN", "h", "0", "COUNT", "0", "COUNT", "abc"],
        ["HSCAN", "h", "0", "COUNT", "abc", "COUNT", "0"],
        ["HSCAN", "h", "0", "COUNT"],
        ["HSCAN", "h", "0", "MATCH"],
        ["HSCAN", "h", "0", "TYPE", "string"],
        ["HSCAN", "h", "0", "NOPE", "1"],
        ["HSCAN", "missing", "0"],
        ["HSCAN", "missing", "0", "COUNT", "abc"],
        ["HSCAN", "missing", "0", "COUNT", "0"],
        ["HSCAN", "missing", "0", "NOPE"],
        ["HSCAN", "missing", "abc"],
        ["HSCAN", "h"],
        ["SADD", "s", "m"],
        ["HSCAN", "s", "0"],
        ["HSCAN", "s", "0", "NOPE"],
        ["HSCAN", "s", "abc"]);

    /// <summary>A hash that outgrew the listpack (by size or by a long value): its listings hold the same entries as
    /// Redis's, in another order.</summary>
    /// <param name="protocol">2 or 3.</param>
    [RedisTheory]
    [InlineData(2)]
    [InlineData(3)]
    public void Large_hash_listings_match_redis_ignoring_order(int protocol) => servers.AssertSameRepliesUnordered(protocol,
        BigHash("big", 700),
        ["HLEN", "big"],
        ["HGETALL", "big"],
        ["HKEYS", "big"],
        ["HVALS", "big"],
        ["HRANDFIELD", "big", "1000"],
        ["HRANDFIELD", "big", "1000", "WITHVALUES"],
        ["HDEL", "big", "f0", "f1", "f699"],
        ["HGETALL", "big"],
        ["HSET", "long", "a", "1", "b", new string('x', 100)],
        ["HGETALL", "long"],
        ["HKEYS", "long"],
        ["HVALS", "long"],
        ["HSCAN", "long", "0", "COUNT", "1000"],
        ["HSCAN", "big", "0", "COUNT", "100000"]);

    /// <summary>HSCAN over a hash table, page by page with small COUNTs, sees every entry that Redis's sees.</summary>
    /// <param name="protocol">2 or 3.</param>
    [RedisTheory]
    [InlineData(2)]
    [InlineData(3)]
    public void Hscan_iteration_of_a_large_hash_collects_the_same_entries_as_redis(int protocol)
    {
        Assert.True(servers.Redis.IsAvailable, servers.Redis.UnavailableReason);
        string[] Collect(int port, params string[] options)
        {
            using var wire = UnorderedWireDiff.Open(port, protocol);
            wire.Call(BigHash("big", 700));
            var (items, pages) = UnorderedWireDiff.ScanAll(wire, "HSCAN", "big", 2, options);
            Assert.True(pages > 1, "a hash table is scanned in several pages");
            return items;
        }

        Assert.Equal(Collect(servers.Redis.Port, "COUNT", "7"), Collect(servers.Lite.Port, "COUNT", "7"));
        Assert.Equal(Collect(servers.Redis.Port, "MATCH", "f1*", "COUNT", "20"), Collect(servers.Lite.Port, "MATCH", "f1*", "COUNT", "20"));
    }
}
