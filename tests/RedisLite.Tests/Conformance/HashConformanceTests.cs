using System.Globalization;

namespace RedisLite.Tests.Conformance;

/// <summary>
/// Redis 7's hash commands, as replies and exact error texts, checked against every <see cref="IDataStore"/>:
/// HSET, HSETNX, HGET, HMGET, HGETALL, HDEL, HEXISTS, HLEN, HKEYS, HVALS, HSTRLEN, HINCRBY, HINCRBYFLOAT, HRANDFIELD,
/// HSCAN. Small hashes list their fields in insertion order on both (Redis's listpack), so their order is asserted.
/// </summary>
public abstract class HashConformanceTests : ConformanceSuite
{
    private static readonly byte[] Binary = [0x00, 0x01, 0xFF, 0x00, (byte)'x', 0x0D, 0x0A];

    private static HashEntry[] Entries(int n, string prefix = "f") =>
        Enumerable.Range(0, n).Select(i => new HashEntry($"{prefix}{i}", $"v{i}")).ToArray();

    private static string[] Render(IEnumerable<HashEntry> entries) => entries.Select(e => $"{e.Name}={e.Value}").ToArray();

    private static string[] Sorted(IEnumerable<HashEntry> entries) => Render(entries).Order(StringComparer.Ordinal).ToArray();

    // ------------------------------------------------------------------ HSET / HGET

    [ConformanceFact]
    public void Hset_counts_added_fields_and_hget_reads_them()
    {
        Assert.Equal(2, Db.HashSet("h", [new("a", "1"), new("b", "2")]));
        Assert.Equal(1, Db.HashSet("h", [new("a", "x"), new("c", "3"), new("c", "33")]));
        AssertValue("x", Db.HashGet("h", "a"));
        AssertValue("33", Db.HashGet("h", "c"));
        AssertNil(Db.HashGet("h", "nope"));
        AssertNil(Db.HashGet("missing", "a"));
        Assert.Equal(RedisType.Hash, Db.KeyType("h"));
        Assert.True(Db.HashSet("h", "d", "4"));
        Assert.False(Db.HashSet("h", "d", "5"));
        Assert.Equal(4, Db.HashLength("h"));
        Assert.Equal(0, Db.HashLength("missing"));
    }

    [ConformanceFact]
    public void Hsetnx_sets_only_missing_fields()
    {
        Assert.True(Db.HashSet("nx", "f", "1", When.NotExists));
        Assert.False(Db.HashSet("nx", "f", "2", When.NotExists));
        AssertValue("1", Db.HashGet("nx", "f"));
        Assert.Throws<ArgumentOutOfRangeException>(() => Db.HashSet("nx", "f", "3", When.Exists));
        AssertValue("1", Db.HashGet("nx", "f"));
    }

    [ConformanceFact]
    public void Binary_and_empty_fields_and_values_round_trip()
    {
        Db.HashSet("bin", Binary, Binary);
        Db.HashSet("bin", "", "");
        AssertBytes(Binary, Db.HashGet("bin", Binary));
        AssertValue("", Db.HashGet("bin", ""));
        Assert.Equal(Binary.Length, Db.HashStringLength("bin", Binary));
        Assert.Equal(0, Db.HashStringLength("bin", ""));
        Assert.Equal(0, Db.HashStringLength("bin", "nope"));
        Assert.Equal(0, Db.HashStringLength("missing", "nope"));
        Db.HashSet("bin", 42, 1.5);
        AssertValue("1.5", Db.HashGet("bin", "42"));
    }

    [ConformanceFact]
    public void Small_hashes_list_fields_in_insertion_order()
    {
        Db.HashSet("order", [new("c", "1"), new("a", "2"), new("b", "3"), new("d", "4")]);
        Db.HashSet("order", "a", "22");
        Db.HashDelete("order", "b");
        Db.HashSet("order", "e", "5");
        Db.HashSet("order", "b", "33");
        Assert.Equal(["c=1", "a=22", "d=4", "e=5", "b=33"], Render(Db.HashGetAll("order")));
        Assert.Equal(["c", "a", "d", "e", "b"], Db.HashKeys("order").Select(v => v.ToString()));
        Assert.Equal(["1", "22", "4", "5", "33"], Db.HashValues("order").Select(v => v.ToString()));
        Assert.Empty(Db.HashGetAll("missing"));
        Assert.Empty(Db.HashKeys("missing"));
        Assert.Empty(Db.HashValues("missing"));
    }

    [ConformanceFact]
    public void Large_hashes_hold_every_field()
    {
        Db.HashSet("large", Entries(1000));
        Db.HashSet("large", "long", new string('z', 100));
        Assert.Equal(1001, Db.HashLength("large"));
        Assert.Equal(Sorted(Entries(1000).Append(new HashEntry("long", new string('z', 100)))), Sorted(Db.HashGetAll("large")));
        AssertValue("v999", Db.HashGet("large", "f999"));
    }

    [ConformanceFact]
    public void Hmget_returns_a_value_or_nil_per_field()
    {
        Db.HashSet("m", [new("a", "1"), new("b", "2")]);
        Assert.Equal(["1", null, "2", "1"], Db.HashGet("m", ["a", "x", "b", "a"]).Select(v => v.ToString()));
        Assert.All(Db.HashGet("missing", ["a", "b"]), v => AssertNil(v));
    }

    // ------------------------------------------------------------------ HDEL / HEXISTS

    [ConformanceFact]
    public void Hdel_removes_fields_and_the_key_with_the_last_one()
    {
        Db.HashSet("d", Entries(3));
        Assert.Equal(2, Db.HashDelete("d", ["f0", "nope", "f1", "f0"]));
        Assert.True(Db.HashExists("d", "f2"));
        Assert.False(Db.HashExists("d", "f0"));
        Assert.False(Db.HashExists("missing", "f0"));
        Assert.False(Db.HashDelete("d", "f0"));
        Assert.True(Db.HashDelete("d", "f2"));
        AssertMissing(Db, "d");
        Assert.Equal(0, Db.HashDelete("d", ["f2"]));
        Assert.Equal(0, Db.DatabaseSize());
    }

    [ConformanceFact]
    public void Writes_keep_the_ttl_and_a_new_hash_has_none()
    {
        Db.HashSet("ttl", "f", "1");
        AssertPersistent(Db, "ttl");
        Db.KeyExpire("ttl", OneHour);
        Db.HashSet("ttl", "g", "2");
        Db.HashSet("ttl", "h", "3", When.NotExists);
        Db.HashIncrement("ttl", "n", 5);
        Db.HashIncrement("ttl", "x", 0.5);
        Db.HashDelete("ttl", "f");
        AssertTtl(Db, "ttl", OneHour - TimeSpan.FromMinutes(1), OneHour);
    }

    // ------------------------------------------------------------------ HINCRBY / HINCRBYFLOAT

    [ConformanceFact]
    public void Hincrby_adds_and_reports_redis_errors()
    {
        Assert.Equal(5, Db.HashIncrement("i", "n", 5));
        Assert.Equal(-2, Db.HashIncrement("i", "n", -7));
        Assert.Equal(-1, Db.HashIncrement("i", "n"));
        AssertValue("-1", Db.HashGet("i", "n"));
        Db.HashSet("i", [new("text", "abc"), new("float", "1.5"), new("spaced", " 1"), new("max", long.MaxValue), new("min", long.MinValue)]);
        AssertError(ErrorMessages.HashValueNotInteger, () => Db.HashIncrement("i", "text", 1));
        AssertError(ErrorMessages.HashValueNotInteger, () => Db.HashIncrement("i", "float", 1));
        AssertError(ErrorMessages.HashValueNotInteger, () => Db.HashIncrement("i", "spaced", 1));
        AssertError(ErrorMessages.IncrementOverflow, () => Db.HashIncrement("i", "max", 1));
        AssertError(ErrorMessages.IncrementOverflow, () => Db.HashIncrement("i", "min", -1));
        Assert.Equal(-1, Db.HashIncrement("i", "min", long.MaxValue));
        AssertValue("9223372036854775807", Db.HashGet("i", "max"));
    }

    [ConformanceFact]
    public void Hincrbyfloat_stores_what_redis_stores()
    {
        Assert.Equal(10.5, Db.HashIncrement("fl", "x", 10.5));
        Assert.Equal(10.6, Db.HashIncrement("fl", "x", 0.1));
        AssertValue("10.6", Db.HashGet("fl", "x"));
        Db.HashSet("fl", [new("e", "5.0e3"), new("big", "1.7976931348623157e308"), new("int", "3")]);
        Assert.Equal(5200, Db.HashIncrement("fl", "e", 200.0));
        AssertValue("5200", Db.HashGet("fl", "e"));
        Db.HashIncrement("fl", "big", 1e308);
        var big = Db.HashGet("fl", "big").ToString()!;
        Assert.Equal(309, big.Length);
        Assert.StartsWith("27976931348623157", big, StringComparison.Ordinal);
        Assert.Equal(-0.25, Db.HashIncrement("fl", "int", -3.25));
        Assert.Equal(1e100, Db.HashIncrement("fl", "huge", 1e100), 1e85);
        Assert.Equal(100, Db.HashStringLength("fl", "huge"));
    }

    [ConformanceFact]
    public void Hincrbyfloat_errors_and_their_order()
    {
        Db.HashSet("fe", [new("word", "abc"), new("inf", "inf"), new("n", "1")]);
        AssertError(ErrorMessages.HashValueNotFloat, () => Db.HashIncrement("fe", "word", 1.0));
        AssertError(ErrorMessages.IncrementNaNOrInfinity, () => Db.HashIncrement("fe", "inf", 1.0));
        AssertError(ErrorMessages.HashIncrementNaNOrInfinity, () => Db.HashIncrement("fe", "n", double.PositiveInfinity));
        AssertError(ErrorMessages.NotFloat, () => Db.HashIncrement("fe", "n", double.NaN));
        AssertValue("1", Db.HashGet("fe", "n"));

        // The increment is checked before the key: no key is created, and a wrong type is reported after it.
        AssertError(ErrorMessages.HashIncrementNaNOrInfinity, () => Db.HashIncrement("fresh", "f", double.NegativeInfinity));
        AssertMissing(Db, "fresh");
        Db.StringSet("s", "1");
        AssertError(ErrorMessages.HashIncrementNaNOrInfinity, () => Db.HashIncrement("s", "f", double.PositiveInfinity));
        AssertError(ErrorMessages.WrongType, () => Db.HashIncrement("s", "f", 1.0));
    }

    // ------------------------------------------------------------------ HRANDFIELD

    [ConformanceFact]
    public void Hrandfield_counts_follow_redis()
    {
        Db.HashSet("r", Entries(5));
        var one = Db.HashRandomField("r");
        Assert.True(Db.HashExists("r", one));
        AssertNil(Db.HashRandomField("missing"));
        Assert.Equal(3, Db.HashRandomFields("r", 3).Distinct().Count());
        Assert.Equal(Sorted(Entries(5)), Sorted(Db.HashRandomFieldsWithValues("r", 5)));
        Assert.Equal(Sorted(Entries(5)), Sorted(Db.HashRandomFieldsWithValues("r", long.MaxValue / 2)));
        Assert.Equal(5, Db.HashRandomFields("r", long.MaxValue).Length);
        var repeated = Db.HashRandomFieldsWithValues("r", -20);
        Assert.Equal(20, repeated.Length);
        Assert.All(repeated, e => Assert.Equal(Db.HashGet("r", e.Name), e.Value));
        Assert.Empty(Db.HashRandomFields("r", 0));
        Assert.Empty(Db.HashRandomFields("missing", 3));
        Assert.Empty(Db.HashRandomFieldsWithValues("missing", -3));

        Db.HashSet("rbig", Entries(1000));
        var picks = Db.HashRandomFieldsWithValues("rbig", 100);
        Assert.Equal(100, picks.Select(e => e.Name).Distinct().Count());
        Assert.All(picks, e => Assert.Equal("v" + e.Name.ToString()![1..], e.Value.ToString()));
        Assert.Equal(700, Db.HashRandomFields("rbig", 700).Distinct().Count());
    }

    [ConformanceFact]
    public void Hrandfield_range_errors_come_before_the_key()
    {
        Db.StringSet("s", "x");
        foreach (var key in new RedisKey[] { "s", "missing" })
        {
            AssertError(ErrorMessages.RandomCountOutOfRange, () => Db.HashRandomFields(key, long.MinValue));
            AssertError(ErrorMessages.RandomCountOutOfRange, () => Db.HashRandomFieldsWithValues(key, long.MinValue));
            AssertError(ErrorMessages.ValueOutOfRange, () => Db.HashRandomFieldsWithValues(key, (long.MaxValue / 2) + 1));
            AssertError(ErrorMessages.ValueOutOfRange, () => Db.HashRandomFieldsWithValues(key, -(long.MaxValue / 2) - 1));
        }

        AssertError(ErrorMessages.WrongType, () => Db.HashRandomFields("s", 0));
        AssertError(ErrorMessages.WrongType, () => Db.HashRandomField("s"));
    }

    // ------------------------------------------------------------------ HSCAN

    [ConformanceFact]
    public void Hscan_returns_a_small_hash_whole_with_cursor_zero()
    {
        Db.HashSet("sc", Entries(512));
        var page = Db.HashScan("sc", 0, count: 1);
        Assert.Equal(0UL, page.Cursor);
        Assert.Equal(Render(Entries(512)), Render(page.Items));
        var matched = Db.HashScan("sc", 0, "f1?", 1);
        Assert.Equal(0UL, matched.Cursor);
        Assert.Equal(Enumerable.Range(10, 10).Select(i => $"f{i}=v{i}"), Render(matched.Items));
    }

    [ConformanceFact]
    public void Hscan_of_a_large_hash_covers_every_field()
    {
        Db.HashSet("scl", Entries(1500));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var matched = new HashSet<string>(StringComparer.Ordinal);
        ulong cursor = 0;
        var pages = 0;
        do
        {
            var page = Db.HashScan("scl", cursor, count: 20);
            seen.UnionWith(Render(page.Items));
            cursor = page.Cursor;
            pages++;
        }
        while (cursor != 0);

        do
        {
            var page = Db.HashScan("scl", cursor, "f14*", 50);
            matched.UnionWith(Render(page.Items));
            cursor = page.Cursor;
        }
        while (cursor != 0);

        Assert.Equal(Sorted(Entries(1500)), seen.Order(StringComparer.Ordinal));
        Assert.True(pages > 10, $"only {pages} pages");
        var expected = Enumerable.Range(0, 1500).Select(i => i.ToString(CultureInfo.InvariantCulture)).Where(s => s.StartsWith("14", StringComparison.Ordinal)).Select(s => $"f{s}=v{s}");
        Assert.Equal(expected.Order(StringComparer.Ordinal), matched.Order(StringComparer.Ordinal));
    }

    [ConformanceFact]
    public void Hscan_checks_the_key_before_the_count()
    {
        var missing = Db.HashScan("missing", 7, count: 0);
        Assert.Equal(0UL, missing.Cursor);
        Assert.Empty(missing.Items);
        Db.StringSet("s", "x");
        AssertError(ErrorMessages.WrongType, () => Db.HashScan("s", 0, count: 0));
        Db.HashSet("h", "f", "v");
        AssertError(ErrorMessages.Syntax, () => Db.HashScan("h", 0, count: 0));
    }

    // ------------------------------------------------------------------ errors shared by every command

    [ConformanceFact]
    public void Every_command_rejects_another_type()
    {
        Db.StringSet("s", "x");
        var e = ErrorMessages.WrongType;
        AssertError(e, () => Db.HashSet("s", "f", "v"));
        AssertError(e, () => Db.HashSet("s", "f", "v", When.NotExists));
        AssertError(e, () => Db.HashSet("s", [new("f", "v")]));
        AssertError(e, () => Db.HashGet("s", "f"));
        AssertError(e, () => Db.HashGet("s", ["f"]));
        AssertError(e, () => Db.HashGetAll("s"));
        AssertError(e, () => Db.HashDelete("s", "f"));
        AssertError(e, () => Db.HashDelete("s", ["f"]));
        AssertError(e, () => Db.HashExists("s", "f"));
        AssertError(e, () => Db.HashLength("s"));
        AssertError(e, () => Db.HashKeys("s"));
        AssertError(e, () => Db.HashValues("s"));
        AssertError(e, () => Db.HashStringLength("s", "f"));
        AssertError(e, () => Db.HashIncrement("s", "f", 1));
        AssertError(e, () => Db.HashRandomFieldsWithValues("s", 2));
        AssertValue("x", Db.StringGet("s"));
    }

    [ConformanceFact]
    public void Empty_field_lists_are_argument_errors()
    {
        AssertError(ErrorMessages.WrongArgumentCount("hset"), () => Db.HashSet("h", []));
        AssertError(ErrorMessages.WrongArgumentCount("hmget"), () => Db.HashGet("h", Array.Empty<RedisValue>()));
        AssertError(ErrorMessages.WrongArgumentCount("hdel"), () => Db.HashDelete("h", Array.Empty<RedisValue>()));
        AssertMissing(Db, "h");
    }

    [ConformanceFact]
    public void Hashes_are_per_database_and_survive_copy_and_rename()
    {
        Db.HashSet("src", [new("a", "1"), new("b", "2")]);
        Assert.True(Db.KeyCopy("src", "dst", 1));
        Db1.HashSet("dst", "a", "changed");
        Assert.Equal(["a=1", "b=2"], Render(Db.HashGetAll("src")));
        Assert.Equal(["a=changed", "b=2"], Render(Db1.HashGetAll("dst")));
        Assert.True(Db.KeyRename("src", "renamed"));
        Assert.Equal(["a=1", "b=2"], Render(Db.HashGetAll("renamed")));
    }
}
