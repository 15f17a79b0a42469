namespace RedisLite.Tests.Conformance;

/// <summary>
/// Redis 7's set commands, as replies and exact error texts, checked against every <see cref="IDataStore"/>:
/// SADD, SREM, SMEMBERS, SISMEMBER, SMISMEMBER, SCARD, SPOP, SRANDMEMBER, SMOVE, SUNION/SINTER/SDIFF and their STORE
/// forms, SINTERCARD and SSCAN.
/// </summary>
public abstract class SetConformanceTests : ConformanceSuite
{
    private static readonly byte[] Binary = [0x00, 0x01, 0xFF, 0x00, (byte)'x', 0x0D, 0x0A];

    private static string[] Members(IEnumerable<RedisValue> values) =>
        values.Select(v => Show(v.ToArray()!)).Order(StringComparer.Ordinal).ToArray();

    private static string[] Texts(params string[] values) => values.Order(StringComparer.Ordinal).ToArray();

    // ------------------------------------------------------------------ SADD / SREM / SMEMBERS / SCARD

    [ConformanceFact]
    public void Add_and_remove_count_members_and_the_key_goes_with_the_last_one()
    {
        Assert.True(Db.SetAdd("s", "a"));
        Assert.False(Db.SetAdd("s", "a"));
        Assert.Equal(3, Db.SetAdd("s", ["b", "c", "b", "a", "d"]));
        Assert.Equal(4, Db.SetLength("s"));
        Assert.Equal(Texts("a", "b", "c", "d"), Members(Db.SetMembers("s")));
        Assert.Equal(RedisType.Set, Db.KeyType("s"));

        Assert.True(Db.SetRemove("s", "a"));
        Assert.False(Db.SetRemove("s", "a"));
        Assert.Equal(2, Db.SetRemove("s", ["b", "c", "zz"]));
        Assert.Equal(1, Db.SetRemove("s", ["d", "d"]));
        AssertMissing(Db, "s");
        Assert.Equal(0, Db.SetRemove("s", ["d"]));
    }

    [ConformanceFact]
    public void Members_are_binary_safe_and_integers_keep_their_text()
    {
        Db.SetAdd("s", [Binary, "", 7, "007", "-0", "9223372036854775807", "9223372036854775808", 1.5]);

        Assert.Equal(8, Db.SetLength("s"));
        Assert.True(Db.SetContains("s", Binary));
        Assert.True(Db.SetContains("s", ""));
        Assert.True(Db.SetContains("s", "7"));
        Assert.False(Db.SetContains("s", "0"));
        Assert.True(Db.SetContains("s", "-0"));
        Assert.True(Db.SetContains("s", "007"));
        Assert.True(Db.SetContains("s", long.MaxValue));
        Assert.Equal(
            Texts(Show(Binary), "", "7", "007", "-0", "9223372036854775807", "9223372036854775808", "1.5"),
            Members(Db.SetMembers("s")));
    }

    [ConformanceFact]
    public void An_all_integer_set_becomes_a_general_set_and_keeps_its_members()
    {
        var ints = Enumerable.Range(0, 600).Select(i => (RedisValue)(i - 300)).ToArray();
        Assert.Equal(600, Db.SetAdd("ints", ints));
        Assert.True(Db.SetContains("ints", -300));
        Assert.True(Db.SetAdd("mixed", [1, 2, 3]) == 3 && Db.SetAdd("mixed", "x"));
        Assert.Equal(Texts("1", "2", "3", "x"), Members(Db.SetMembers("mixed")));
        Assert.Equal(600, Db.SetLength("ints"));
    }

    [ConformanceFact]
    public void Membership_and_multi_membership()
    {
        Db.SetAdd("s", ["a", "1"]);
        Assert.True(Db.SetContains("s", "a"));
        Assert.False(Db.SetContains("s", "b"));
        Assert.Equal([true, false, true, false], Db.SetContains("s", ["a", "b", 1, "01"]));
        Assert.Equal([false, false], Db.SetContains("missing", ["a", "b"]));
        Assert.False(Db.SetContains("missing", "a"));
        Assert.Empty(Db.SetMembers("missing"));
        Assert.Equal(0, Db.SetLength("missing"));
    }

    [ConformanceFact]
    public void Wrong_type_is_reported_by_every_command()
    {
        Db.StringSet("str", "v");
        Db.SetAdd("set", "x");
        AssertError(ErrorMessages.WrongType, () => Db.SetAdd("str", "x"));
        AssertError(ErrorMessages.WrongType, () => Db.SetRemove("str", ["x"]));
        AssertError(ErrorMessages.WrongType, () => Db.SetMembers("str"));
        AssertError(ErrorMessages.WrongType, () => Db.SetContains("str", "x"));
        AssertError(ErrorMessages.WrongType, () => Db.SetContains("str", ["x"]));
        AssertError(ErrorMessages.WrongType, () => Db.SetLength("str"));
        AssertError(ErrorMessages.WrongType, () => Db.SetPop("str"));
        AssertError(ErrorMessages.WrongType, () => Db.SetPop("str", 0));
        AssertError(ErrorMessages.WrongType, () => Db.SetRandomMember("str"));
        AssertError(ErrorMessages.WrongType, () => Db.SetRandomMembers("str", 0));
        AssertError(ErrorMessages.WrongType, () => Db.SetScan("str", 0, count: 0));
        AssertError(ErrorMessages.WrongType, () => Db.SetCombine(SetOperation.Intersect, ["missing", "str"]));
        AssertError(ErrorMessages.WrongType, () => Db.SetCombine(SetOperation.Union, ["set", "str"]));
        AssertError(ErrorMessages.WrongType, () => Db.SetCombine(SetOperation.Difference, ["missing", "str"]));
        AssertError(ErrorMessages.WrongType, () => Db.SetCombineAndStore(SetOperation.Intersect, "dest", ["missing", "str"]));
        AssertError(ErrorMessages.WrongType, () => Db.SetIntersectionLength(["missing", "str"]));
        AssertError(ErrorMessages.WrongType, () => Db.StringGet("set"));
        AssertMissing(Db, "dest");
    }

    [ConformanceFact]
    public void Empty_argument_lists_are_argument_count_errors()
    {
        AssertError(ErrorMessages.WrongArgumentCount("sadd"), () => Db.SetAdd("s", []));
        AssertError(ErrorMessages.WrongArgumentCount("srem"), () => Db.SetRemove("s", []));
        AssertError(ErrorMessages.WrongArgumentCount("smismember"), () => Db.SetContains("s", Array.Empty<RedisValue>()));
        AssertError(ErrorMessages.WrongArgumentCount("sunion"), () => Db.SetCombine(SetOperation.Union, []));
        AssertError(ErrorMessages.WrongArgumentCount("sinterstore"), () => Db.SetCombineAndStore(SetOperation.Intersect, "d", []));
        AssertError(ErrorMessages.WrongArgumentCount("sintercard"), () => Db.SetIntersectionLength([]));
        AssertError(ErrorMessages.WrongArgumentCount("sintercard"), () => Db.SetIntersectionLength([], 5));
    }

    [ConformanceFact]
    public void A_ttl_survives_changes_and_the_key_can_expire()
    {
        Db.SetAdd("s", ["a", "b", "c"]);
        Assert.True(Db.KeyExpire("s", OneHour));
        Db.SetAdd("s", "d");
        Db.SetRemove("s", "a");
        Assert.True(Db.SetMove("s", "other", "b"));
        Db.SetPop("s");
        AssertTtl(Db, "s", OneHour - TimeSpan.FromMinutes(1), OneHour);
        AssertPersistent(Db, "other");

        Assert.True(Db.KeyExpire("other", TimeSpan.FromMilliseconds(-1)));
        AssertMissing(Db, "other");
    }

    // ------------------------------------------------------------------ SPOP / SRANDMEMBER

    [ConformanceFact]
    public void Pop_returns_members_until_the_set_is_gone()
    {
        Db.SetAdd("s", ["a", "b", "c"]);
        var popped = new List<RedisValue> { Db.SetPop("s") };
        popped.AddRange(Db.SetPop("s", 1));
        Assert.Equal(1, Db.SetLength("s"));
        popped.AddRange(Db.SetPop("s", 10));
        Assert.Equal(Texts("a", "b", "c"), Members(popped));
        AssertMissing(Db, "s");
        AssertNil(Db.SetPop("s"));
        Assert.Empty(Db.SetPop("s", 5));
        Assert.Empty(Db.SetPop("s", 0));
    }

    [ConformanceFact]
    public void Pop_count_zero_is_empty_and_negative_errs_before_the_key_is_read()
    {
        Db.SetAdd("s", ["a", "b"]);
        Db.StringSet("str", "v");
        Assert.Empty(Db.SetPop("s", 0));
        Assert.Equal(2, Db.SetLength("s"));
        AssertError(ErrorMessages.MustBePositive, () => Db.SetPop("s", -1));
        AssertError(ErrorMessages.MustBePositive, () => Db.SetPop("str", -1));
        AssertError(ErrorMessages.MustBePositive, () => Db.SetPop("missing", -5));
    }

    [ConformanceFact]
    public void Random_members_with_positive_and_negative_counts()
    {
        Db.SetAdd("s", ["a", "b", "c", "d", "e"]);
        var all = Texts("a", "b", "c", "d", "e");

        Assert.Contains(Show(Db.SetRandomMember("s").ToArray()!), all);
        Assert.Empty(Db.SetRandomMembers("s", 0));
        var three = Members(Db.SetRandomMembers("s", 3));
        Assert.Equal(3, three.Distinct().Count());
        Assert.Subset(all.ToHashSet(), three.ToHashSet());
        Assert.Equal(all, Members(Db.SetRandomMembers("s", 5)));
        Assert.Equal(all, Members(Db.SetRandomMembers("s", 100)));
        var repeats = Members(Db.SetRandomMembers("s", -12));
        Assert.Equal(12, repeats.Length);
        Assert.Subset(all.ToHashSet(), repeats.ToHashSet());
        Assert.Equal(5, Db.SetLength("s"));

        AssertNil(Db.SetRandomMember("missing"));
        Assert.Empty(Db.SetRandomMembers("missing", -3));
        AssertError(ErrorMessages.RandomCountOutOfRange, () => Db.SetRandomMembers("s", long.MinValue));
    }

    // ------------------------------------------------------------------ SMOVE

    [ConformanceFact]
    public void Move_follows_redis_order_of_checks()
    {
        Db.SetAdd("src", ["a", "b"]);
        Db.StringSet("str", "v");

        Assert.False(Db.SetMove("missing", "str", "a"));
        AssertError(ErrorMessages.WrongType, () => Db.SetMove("src", "str", "zz"));
        AssertError(ErrorMessages.WrongType, () => Db.SetMove("str", "src", "a"));
        AssertError(ErrorMessages.WrongType, () => Db.SetMove("str", "str", "a"));
        Assert.True(Db.SetMove("src", "src", "a"));
        Assert.False(Db.SetMove("src", "src", "zz"));
        Assert.False(Db.SetMove("src", "dst", "zz"));
        AssertMissing(Db, "dst");

        Assert.True(Db.SetMove("src", "dst", "a"));
        Assert.True(Db.SetMove("src", "dst", "b"));
        AssertMissing(Db, "src");
        Assert.Equal(Texts("a", "b"), Members(Db.SetMembers("dst")));
    }

    // ------------------------------------------------------------------ SUNION / SINTER / SDIFF

    [ConformanceFact]
    public void Combining_sets_and_missing_keys()
    {
        Db.SetAdd("a", ["1", "2", "3", "x"]);
        Db.SetAdd("b", ["2", "3", "4"]);
        Db.SetAdd("c", ["3", "x", "y"]);

        Assert.Equal(Texts("1", "2", "3", "4", "x", "y"), Members(Db.SetCombine(SetOperation.Union, ["a", "b", "c"])));
        Assert.Equal(Texts("3"), Members(Db.SetCombine(SetOperation.Intersect, ["a", "b", "c"])));
        Assert.Equal(Texts("1"), Members(Db.SetCombine(SetOperation.Difference, ["a", "b", "c"])));
        Assert.Empty(Db.SetCombine(SetOperation.Intersect, ["a", "missing"]));
        Assert.Equal(Texts("1", "2", "3", "x"), Members(Db.SetCombine(SetOperation.Union, ["missing", "a"])));
        Assert.Empty(Db.SetCombine(SetOperation.Difference, ["missing", "a"]));
        Assert.Equal(Texts("1", "2", "3", "x"), Members(Db.SetCombine(SetOperation.Difference, ["a", "missing"])));
        Assert.Empty(Db.SetCombine(SetOperation.Union, ["missing"]));
    }

    [ConformanceFact]
    public void Store_forms_replace_the_destination_drop_its_ttl_and_delete_it_when_empty()
    {
        Db.SetAdd("a", ["1", "2", "x"]);
        Db.SetAdd("b", ["2", "3"]);
        Db.StringSet("dest", "old", Expiration.In(OneHour));

        Assert.Equal(4, Db.SetCombineAndStore(SetOperation.Union, "dest", ["a", "b"]));
        AssertPersistent(Db, "dest");
        Assert.Equal(Texts("1", "2", "3", "x"), Members(Db.SetMembers("dest")));

        Db.KeyExpire("dest", OneHour);
        Assert.Equal(1, Db.SetCombineAndStore(SetOperation.Intersect, "dest", ["a", "b"]));
        AssertPersistent(Db, "dest");
        Assert.Equal(Texts("2"), Members(Db.SetMembers("dest")));

        Assert.Equal(2, Db.SetCombineAndStore(SetOperation.Difference, "dest", ["a", "b"]));
        Assert.Equal(Texts("1", "x"), Members(Db.SetMembers("dest")));

        Assert.Equal(0, Db.SetCombineAndStore(SetOperation.Intersect, "dest", ["a", "missing"]));
        AssertMissing(Db, "dest");
        Db.SetAdd("dest", "q");
        Assert.Equal(0, Db.SetCombineAndStore(SetOperation.Difference, "dest", ["b", "b"]));
        AssertMissing(Db, "dest");

        Assert.Equal(2, Db.SetCombineAndStore(SetOperation.Difference, "a", ["a", "b"]));
        Assert.Equal(Texts("1", "x"), Members(Db.SetMembers("a")));
    }

    [ConformanceFact]
    public void Intersection_cardinality_with_a_limit()
    {
        Db.SetAdd("a", Enumerable.Range(0, 30).Select(i => (RedisValue)("m" + i)).ToArray());
        Db.SetAdd("b", Enumerable.Range(10, 30).Select(i => (RedisValue)("m" + i)).ToArray());
        Db.StringSet("str", "v");

        Assert.Equal(20, Db.SetIntersectionLength(["a", "b"]));
        Assert.Equal(5, Db.SetIntersectionLength(["a", "b"], 5));
        Assert.Equal(20, Db.SetIntersectionLength(["a", "b"], 500));
        Assert.Equal(30, Db.SetIntersectionLength(["a"]));
        Assert.Equal(0, Db.SetIntersectionLength(["a", "missing"]));
        AssertError(ErrorMessages.LimitNegative, () => Db.SetIntersectionLength(["a"], -1));
        AssertError(ErrorMessages.LimitNegative, () => Db.SetIntersectionLength(["str"], -1));
    }

    // ------------------------------------------------------------------ SSCAN

    [ConformanceFact]
    public void Scan_of_a_small_integer_set_is_one_page()
    {
        Db.SetAdd("ints", [5, 1, 3, 10]);
        var page = Db.SetScan("ints", 0, count: 1);
        Assert.Equal(0UL, page.Cursor);
        Assert.Equal(Texts("1", "10", "3", "5"), Members(page.Items));
        Assert.Equal(Texts("1", "10"), Members(Db.SetScan("ints", 0, "1*").Items));
        Assert.Equal(0UL, Db.SetScan("ints", 12345).Cursor);
    }

    [ConformanceFact]
    public void Scan_of_a_large_set_covers_every_member_and_match_filters()
    {
        var members = Enumerable.Range(0, 700).Select(i => "m" + i).ToArray();
        Db.SetAdd("big", members.Select(m => (RedisValue)m).ToArray());

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var matched = new HashSet<string>(StringComparer.Ordinal);
        ulong cursor = 0;
        var pages = 0;
        do
        {
            var page = Db.SetScan("big", cursor, count: 20);
            seen.UnionWith(page.Items.Select(v => v.ToString()!));
            cursor = page.Cursor;
            pages++;
        }
        while (cursor != 0);

        do
        {
            var page = Db.SetScan("big", cursor, "m1?", 50);
            matched.UnionWith(page.Items.Select(v => v.ToString()!));
            cursor = page.Cursor;
        }
        while (cursor != 0);

        Assert.True(pages > 1);
        Assert.Equal(members.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
        Assert.Equal(Enumerable.Range(10, 10).Select(i => "m" + i).Order(StringComparer.Ordinal), matched.Order(StringComparer.Ordinal));
    }

    [ConformanceFact]
    public void Scan_checks_the_key_before_the_count()
    {
        Db.SetAdd("s", "x");
        var missing = Db.SetScan("missing", 0, count: 0);
        Assert.Equal(0UL, missing.Cursor);
        Assert.Empty(missing.Items);
        AssertError(ErrorMessages.Syntax, () => Db.SetScan("s", 0, count: 0));
    }
}
