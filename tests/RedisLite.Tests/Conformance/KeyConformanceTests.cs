namespace RedisLite.Tests.Conformance;

/// <summary>
/// Redis 7's key and database commands, as replies and exact error texts, checked against every <see cref="IDataStore"/>:
/// DEL, UNLINK, EXISTS, TYPE, PEXPIRE/PEXPIREAT (NX/XX/GT/LT), PERSIST, PTTL, PEXPIRETIME, RENAME, RENAMENX, COPY, MOVE,
/// KEYS, SCAN, RANDOMKEY, TOUCH, OBJECT IDLETIME, DBSIZE, FLUSHDB, FLUSHALL and SELECT (database views).
/// </summary>
public abstract class KeyConformanceTests : ConformanceSuite
{
    private static readonly string NxAndOthers = ErrorMessages.ExpireNxAndOthers;
    private static readonly string GtAndLt = ErrorMessages.ExpireGtAndLt;

    private static readonly RedisKey BinaryKey = new byte[] { 0x00, (byte)'b', 0xFF, 0x00 };

    // ------------------------------------------------------------------ DEL / UNLINK / EXISTS / TOUCH / TYPE

    [ConformanceFact]
    public void Expiry_beyond_year_9999_reads_as_the_largest_time()
    {
        Db.StringSet("far", "v", Expiration.AtUnixMilliseconds(long.MaxValue));

        Assert.Equal(TimeSpan.MaxValue, Db.KeyTimeToLive("far"));
        Assert.Equal(DateTimeOffset.MaxValue, Db.KeyExpireTime("far"));
    }

    [ConformanceFact]
    public void Del_reports_whether_the_key_existed()
    {
        Db.StringSet("k", "v");

        Assert.True(Db.KeyDelete("k"));
        Assert.False(Db.KeyDelete("k"));
        AssertMissing(Db, "k");
    }

    [ConformanceFact]
    public void Del_of_several_keys_counts_each_existing_key_once()
    {
        Db.StringSet("a", "1");
        Db.StringSet("b", "2");
        Db.StringSet(BinaryKey, "3");

        Assert.Equal(3, Db.KeyDelete(["a", "a", "missing", "b", BinaryKey, "b"]));
        Assert.Equal(0, Db.KeyDelete(["a", "b"]));
        Assert.Equal(0, Db.DatabaseSize());
    }

    [ConformanceFact]
    public void Unlink_deletes_like_del()
    {
        Db.StringSet("a", "1");
        Db.StringSet("b", "2");
        Db.StringSet("c", "3");

        Assert.True(Db.KeyUnlink("a"));
        Assert.False(Db.KeyUnlink("a"));
        Assert.Equal(2, Db.KeyUnlink(["b", "c", "c", "missing"]));
        Assert.Equal(0, Db.DatabaseSize());
    }

    [ConformanceFact]
    public void Exists_counts_a_key_named_twice_twice()
    {
        Db.StringSet("a", "1");
        Db.StringSet(BinaryKey, "2");

        Assert.True(Db.KeyExists("a"));
        Assert.False(Db.KeyExists("missing"));
        Assert.True(Db.KeyExists(BinaryKey));
        Assert.Equal(4, Db.KeyExists(["a", "a", "missing", BinaryKey, "a"]));
        Assert.Equal(0, Db.KeyExists(["missing"]));
    }

    [ConformanceFact]
    public void Touch_counts_existing_keys_like_exists()
    {
        Db.StringSet("a", "1");

        Assert.True(Db.KeyTouch("a"));
        Assert.False(Db.KeyTouch("missing"));
        Assert.Equal(2, Db.KeyTouch(["a", "missing", "a"]));
    }

    [ConformanceFact]
    public void Multi_key_commands_with_no_key_are_argument_errors()
    {
        AssertError(ErrorMessages.WrongArgumentCount("del"), () => Db.KeyDelete(Array.Empty<RedisKey>()));
        AssertError(ErrorMessages.WrongArgumentCount("unlink"), () => Db.KeyUnlink(Array.Empty<RedisKey>()));
        AssertError(ErrorMessages.WrongArgumentCount("exists"), () => Db.KeyExists(Array.Empty<RedisKey>()));
        AssertError(ErrorMessages.WrongArgumentCount("touch"), () => Db.KeyTouch(Array.Empty<RedisKey>()));
    }

    [ConformanceFact]
    public void Type_names_strings_and_missing_keys()
    {
        Db.StringSet("s", "v");
        Db.StringSet("empty", "");

        Assert.Equal(RedisType.String, Db.KeyType("s"));
        Assert.Equal(RedisType.String, Db.KeyType("empty"));
        Assert.Equal(RedisType.None, Db.KeyType("missing"));
    }

    [ConformanceFact]
    public void Idle_time_is_small_for_a_fresh_key_and_null_for_a_missing_one()
    {
        Db.StringSet("k", "v");

        var idle = Db.KeyIdleTime("k");

        Assert.NotNull(idle);
        Assert.InRange(idle.Value, TimeSpan.Zero, TimeSpan.FromSeconds(10));
        Assert.Null(Db.KeyIdleTime("missing"));
    }

    // ------------------------------------------------------------------ PEXPIRE / PEXPIREAT / PERSIST / PTTL / PEXPIRETIME

    [ConformanceFact]
    public void Ttl_queries_of_missing_and_persistent_keys_are_null()
    {
        Db.StringSet("k", "v");

        Assert.Null(Db.KeyTimeToLive("missing"));
        Assert.Null(Db.KeyExpireTime("missing"));
        AssertPersistent(Db, "k");
    }

    [ConformanceFact]
    public void Expire_sets_a_relative_ttl()
    {
        Db.StringSet("k", "v");

        Assert.True(Db.KeyExpire("k", OneHour));

        AssertTtl(Db, "k", TimeSpan.FromMilliseconds(3_590_000), TimeSpan.FromMilliseconds(3_600_000));
        var at = Db.KeyExpireTime("k");
        Assert.NotNull(at);
        Assert.InRange(at.Value, DateTimeOffset.UtcNow.AddMinutes(50), DateTimeOffset.UtcNow.AddMinutes(70));
    }

    [ConformanceFact]
    public void Expireat_sets_the_exact_moment()
    {
        Db.StringSet("k", "v");
        Db.StringSet("max", "v");

        Assert.True(Db.KeyExpire("k", FarFuture));
        Assert.True(Db.KeyExpire("max", DateTimeOffset.MaxValue));

        Assert.Equal(FarFuture, Db.KeyExpireTime("k"));
        Assert.Equal(DateTimeOffset.MaxValue.ToUnixTimeMilliseconds(), Db.KeyExpireTime("max")!.Value.ToUnixTimeMilliseconds());
        Assert.InRange(Db.KeyTimeToLive("k")!.Value, TimeSpan.FromDays(365 * 70), TimeSpan.FromDays(365 * 80));
    }

    [ConformanceFact]
    public void Expire_of_a_missing_key_is_false()
    {
        Assert.False(Db.KeyExpire("missing", OneHour));
        Assert.False(Db.KeyExpire("missing", FarFuture));
        Assert.False(Db.KeyExpire("missing", TimeSpan.Zero));
        AssertMissing(Db, "missing");
    }

    [ConformanceFact]
    public void Expire_with_a_ttl_that_is_not_positive_deletes_the_key()
    {
        Db.StringSet("zero", "v");
        Db.StringSet("negative", "v", OneHour);
        Db.StringSet("past", "v");

        Assert.True(Db.KeyExpire("zero", TimeSpan.Zero));
        Assert.True(Db.KeyExpire("negative", TimeSpan.FromHours(-1)));
        Assert.True(Db.KeyExpire("past", DateTimeOffset.FromUnixTimeMilliseconds(1_000)));

        AssertMissing(Db, "zero");
        AssertMissing(Db, "negative");
        AssertMissing(Db, "past");
        Assert.Equal(0, Db.DatabaseSize());
    }

    [ConformanceFact]
    public void Expire_nx_applies_only_to_a_key_without_ttl()
    {
        Db.StringSet("none", "v");
        Db.StringSet("ttl", "v", Expiration.At(FarFuture));

        Assert.True(Db.KeyExpire("none", OneHour, ExpireWhen.HasNoExpiry));
        Assert.False(Db.KeyExpire("ttl", OneHour, ExpireWhen.HasNoExpiry));

        AssertTtl(Db, "none", TimeSpan.FromMilliseconds(3_590_000), OneHour);
        Assert.Equal(FarFuture, Db.KeyExpireTime("ttl"));
    }

    [ConformanceFact]
    public void Expire_xx_applies_only_to_a_key_with_a_ttl()
    {
        Db.StringSet("none", "v");
        Db.StringSet("ttl", "v", Expiration.At(FarFuture));

        Assert.False(Db.KeyExpire("none", OneHour, ExpireWhen.HasExpiry));
        Assert.True(Db.KeyExpire("ttl", OneHour, ExpireWhen.HasExpiry));

        AssertPersistent(Db, "none");
        AssertTtl(Db, "ttl", TimeSpan.FromMilliseconds(3_590_000), OneHour);
    }

    [ConformanceFact]
    public void Expire_gt_treats_no_ttl_as_infinite()
    {
        Db.StringSet("none", "v");
        Db.StringSet("ttl", "v", OneHour);

        Assert.False(Db.KeyExpire("none", FarFuture, ExpireWhen.GreaterThanCurrentExpiry));
        Assert.False(Db.KeyExpire("ttl", TimeSpan.FromMinutes(30), ExpireWhen.GreaterThanCurrentExpiry));
        Assert.True(Db.KeyExpire("ttl", FarFuture, ExpireWhen.GreaterThanCurrentExpiry));
        Assert.False(Db.KeyExpire("ttl", FarFuture, ExpireWhen.GreaterThanCurrentExpiry));

        AssertPersistent(Db, "none");
        Assert.Equal(FarFuture, Db.KeyExpireTime("ttl"));
    }

    [ConformanceFact]
    public void Expire_lt_applies_to_no_ttl_and_to_a_later_ttl()
    {
        Db.StringSet("none", "v");
        Db.StringSet("ttl", "v", Expiration.At(FarFuture));

        Assert.True(Db.KeyExpire("none", FarFuture, ExpireWhen.LessThanCurrentExpiry));
        Assert.False(Db.KeyExpire("ttl", FarFuture, ExpireWhen.LessThanCurrentExpiry));
        Assert.False(Db.KeyExpire("ttl", FarFuture.AddDays(1), ExpireWhen.LessThanCurrentExpiry));
        Assert.True(Db.KeyExpire("ttl", OneHour, ExpireWhen.LessThanCurrentExpiry));

        Assert.Equal(FarFuture, Db.KeyExpireTime("none"));
        AssertTtl(Db, "ttl", TimeSpan.FromMilliseconds(3_590_000), OneHour);
    }

    [ConformanceFact]
    public void Expire_xx_gt_and_xx_lt_combine()
    {
        Db.StringSet("none", "v");
        Db.StringSet("ttl", "v", Expiration.At(FarFuture));

        Assert.False(Db.KeyExpire("none", OneHour, ExpireWhen.HasExpiry | ExpireWhen.LessThanCurrentExpiry));
        Assert.False(Db.KeyExpire("ttl", FarFuture.AddDays(-1), ExpireWhen.HasExpiry | ExpireWhen.GreaterThanCurrentExpiry));
        Assert.True(Db.KeyExpire("ttl", FarFuture.AddDays(1), ExpireWhen.HasExpiry | ExpireWhen.GreaterThanCurrentExpiry));
        Assert.True(Db.KeyExpire("ttl", FarFuture, ExpireWhen.HasExpiry | ExpireWhen.LessThanCurrentExpiry));

        AssertPersistent(Db, "none");
        Assert.Equal(FarFuture, Db.KeyExpireTime("ttl"));
    }

    [ConformanceFact]
    public void Expire_conditions_are_checked_before_a_past_time_deletes()
    {
        Db.StringSet("none", "v");
        Db.StringSet("ttl", "v", Expiration.At(FarFuture));

        Assert.False(Db.KeyExpire("none", TimeSpan.FromSeconds(-1), ExpireWhen.GreaterThanCurrentExpiry));
        Assert.False(Db.KeyExpire("ttl", TimeSpan.FromSeconds(-1), ExpireWhen.HasNoExpiry));
        Assert.True(Db.KeyExpire("ttl", TimeSpan.Zero, ExpireWhen.LessThanCurrentExpiry));

        AssertPersistent(Db, "none");
        AssertMissing(Db, "ttl");
    }

    [ConformanceTheory]
    [InlineData(ExpireWhen.HasNoExpiry | ExpireWhen.HasExpiry, true)]
    [InlineData(ExpireWhen.HasNoExpiry | ExpireWhen.GreaterThanCurrentExpiry, true)]
    [InlineData(ExpireWhen.HasNoExpiry | ExpireWhen.LessThanCurrentExpiry, true)]
    [InlineData(ExpireWhen.HasNoExpiry | ExpireWhen.GreaterThanCurrentExpiry | ExpireWhen.LessThanCurrentExpiry, true)]
    [InlineData(ExpireWhen.HasNoExpiry | ExpireWhen.HasExpiry | ExpireWhen.GreaterThanCurrentExpiry | ExpireWhen.LessThanCurrentExpiry, true)]
    [InlineData(ExpireWhen.GreaterThanCurrentExpiry | ExpireWhen.LessThanCurrentExpiry, false)]
    [InlineData(ExpireWhen.HasExpiry | ExpireWhen.GreaterThanCurrentExpiry | ExpireWhen.LessThanCurrentExpiry, false)]
    public void Incompatible_expire_conditions_are_errors_even_for_a_missing_key(ExpireWhen when, bool nxError)
    {
        var message = nxError ? NxAndOthers : GtAndLt;
        Db.StringSet("k", "v");

        AssertError(message, () => Db.KeyExpire("k", OneHour, when));
        AssertError(message, () => Db.KeyExpire("k", FarFuture, when));
        AssertError(message, () => Db.KeyExpire("k", TimeSpan.Zero, when));
        AssertError(message, () => Db.KeyExpire("missing", OneHour, when));

        AssertPersistent(Db, "k");
    }

    [ConformanceFact]
    public void Persist_removes_a_ttl()
    {
        Db.StringSet("ttl", "v", OneHour);
        Db.StringSet("none", "v");

        Assert.True(Db.KeyPersist("ttl"));
        Assert.False(Db.KeyPersist("ttl"));
        Assert.False(Db.KeyPersist("none"));
        Assert.False(Db.KeyPersist("missing"));

        AssertPersistent(Db, "ttl");
        AssertValue("v", Db.StringGet("ttl"));
    }

    // ------------------------------------------------------------------ RENAME / RENAMENX

    [ConformanceFact]
    public void Rename_moves_the_value_and_the_ttl()
    {
        Db.StringSet("a", "v", Expiration.At(FarFuture));

        Assert.True(Db.KeyRename("a", BinaryKey));

        AssertMissing(Db, "a");
        AssertValue("v", Db.StringGet(BinaryKey));
        Assert.Equal(FarFuture, Db.KeyExpireTime(BinaryKey));
    }

    [ConformanceFact]
    public void Rename_replaces_the_target_including_its_ttl()
    {
        Db.StringSet("a", "new");
        Db.StringSet("b", "old", Expiration.At(FarFuture));

        Assert.True(Db.KeyRename("a", "b"));

        AssertValue("new", Db.StringGet("b"));
        AssertPersistent(Db, "b");
        Assert.Equal(1, Db.DatabaseSize());
    }

    [ConformanceFact]
    public void Rename_of_a_missing_key_is_an_error()
    {
        Db.StringSet("b", "v");

        AssertError(ErrorMessages.NoSuchKey, () => Db.KeyRename("missing", "b"));
        AssertError(ErrorMessages.NoSuchKey, () => Db.KeyRename("missing", "b", When.NotExists));
        AssertError(ErrorMessages.NoSuchKey, () => Db.KeyRename("missing", "missing"));
        AssertError(ErrorMessages.NoSuchKey, () => Db.KeyRename("missing", "missing", When.NotExists));

        AssertValue("v", Db.StringGet("b"));
    }

    [ConformanceFact]
    public void Rename_onto_itself_succeeds_and_renamenx_onto_itself_does_not()
    {
        Db.StringSet("k", "v", Expiration.At(FarFuture));

        Assert.True(Db.KeyRename("k", "k"));
        Assert.False(Db.KeyRename("k", "k", When.NotExists));

        AssertValue("v", Db.StringGet("k"));
        Assert.Equal(FarFuture, Db.KeyExpireTime("k"));
    }

    [ConformanceFact]
    public void Renamenx_does_not_replace_an_existing_target()
    {
        Db.StringSet("a", "1");
        Db.StringSet("b", "2");

        Assert.False(Db.KeyRename("a", "b", When.NotExists));
        Assert.True(Db.KeyRename("a", "c", When.NotExists));

        AssertMissing(Db, "a");
        AssertValue("2", Db.StringGet("b"));
        AssertValue("1", Db.StringGet("c"));
    }

    [ConformanceFact]
    public void Rename_with_when_exists_is_rejected()
    {
        Db.StringSet("a", "1");
        Assert.Throws<ArgumentOutOfRangeException>(() => Db.KeyRename("a", "b", When.Exists));
        AssertValue("1", Db.StringGet("a"));
    }

    // ------------------------------------------------------------------ COPY / MOVE

    [ConformanceFact]
    public void Copy_duplicates_the_value_and_the_ttl()
    {
        Db.StringSet("src", "v", Expiration.At(FarFuture));

        Assert.True(Db.KeyCopy("src", "dst"));
        Db.StringAppend("dst", "!");

        AssertValue("v", Db.StringGet("src"));
        AssertValue("v!", Db.StringGet("dst"));
        Assert.Equal(FarFuture, Db.KeyExpireTime("dst"));
    }

    [ConformanceFact]
    public void Copy_replaces_only_with_replace()
    {
        Db.StringSet("src", "new");
        Db.StringSet("dst", "old", Expiration.At(FarFuture));

        Assert.False(Db.KeyCopy("src", "dst"));
        AssertValue("old", Db.StringGet("dst"));

        Assert.True(Db.KeyCopy("src", "dst", replace: true));
        AssertValue("new", Db.StringGet("dst"));
        AssertPersistent(Db, "dst");
    }

    [ConformanceFact]
    public void Copy_of_a_missing_key_is_false()
    {
        Db.StringSet("dst", "old");

        Assert.False(Db.KeyCopy("missing", "dst"));
        Assert.False(Db.KeyCopy("missing", "dst", replace: true));
        Assert.False(Db.KeyCopy("missing", "other", 1));

        AssertValue("old", Db.StringGet("dst"));
    }

    [ConformanceFact]
    public void Copy_onto_itself_is_an_error_in_the_same_database()
    {
        Db.StringSet("k", "v");

        AssertError(ErrorMessages.SameObject, () => Db.KeyCopy("k", "k"));
        AssertError(ErrorMessages.SameObject, () => Db.KeyCopy("k", "k", 0));
        AssertError(ErrorMessages.SameObject, () => Db.KeyCopy("k", "k", replace: true));
        AssertError(ErrorMessages.SameObject, () => Db.KeyCopy("missing", "missing"));
        AssertError(ErrorMessages.SameObject, () => Db1.KeyCopy("k", "k", 1));
    }

    [ConformanceFact]
    public void Copy_to_another_database()
    {
        Db.StringSet("k", "v0", Expiration.At(FarFuture));
        Db1.StringSet("taken", "old");

        Assert.True(Db.KeyCopy("k", "k", 1));
        Assert.False(Db.KeyCopy("k", "taken", 1));
        Assert.True(Db.KeyCopy("k", "taken", 1, replace: true));
        Assert.True(Db1.KeyCopy("k", "back", 0));

        AssertValue("v0", Db1.StringGet("k"));
        Assert.Equal(FarFuture, Db1.KeyExpireTime("k"));
        AssertValue("v0", Db1.StringGet("taken"));
        AssertValue("v0", Db.StringGet("back"));
        Assert.Equal(2, Db.DatabaseSize());
        Assert.Equal(2, Db1.DatabaseSize());
    }

    [ConformanceFact]
    public void Copy_to_a_database_out_of_range_is_an_error()
    {
        Db.StringSet("k", "v");

        AssertError(ErrorMessages.DbIndexOutOfRange, () => Db.KeyCopy("k", "x", 16));
        AssertError(ErrorMessages.DbIndexOutOfRange, () => Db.KeyCopy("k", "x", -2));
        AssertError(ErrorMessages.DbIndexOutOfRange, () => Db.KeyCopy("missing", "missing", 16));
        AssertMissing(Db, "x");
    }

    [ConformanceFact]
    public void Move_carries_the_value_and_ttl_to_another_database()
    {
        Db.StringSet("k", "v", Expiration.At(FarFuture));

        Assert.True(Db.KeyMove("k", 1));

        AssertMissing(Db, "k");
        AssertValue("v", Db1.StringGet("k"));
        Assert.Equal(FarFuture, Db1.KeyExpireTime("k"));

        Assert.True(Db1.KeyMove("k", 15));
        AssertValue("v", Db.GetDatabase(15).StringGet("k"));
    }

    [ConformanceFact]
    public void Move_does_not_replace_an_existing_key()
    {
        Db.StringSet("k", "here");
        Db1.StringSet("k", "there");

        Assert.False(Db.KeyMove("k", 1));
        Assert.False(Db.KeyMove("missing", 1));

        AssertValue("here", Db.StringGet("k"));
        AssertValue("there", Db1.StringGet("k"));
        AssertMissing(Db1, "missing");
    }

    [ConformanceFact]
    public void Move_to_the_same_or_an_invalid_database_is_an_error()
    {
        Db.StringSet("k", "v");

        AssertError(ErrorMessages.SameObject, () => Db.KeyMove("k", 0));
        AssertError(ErrorMessages.SameObject, () => Db.KeyMove("missing", 0));
        AssertError(ErrorMessages.SameObject, () => Db1.KeyMove("k", 1));
        AssertError(ErrorMessages.DbIndexOutOfRange, () => Db.KeyMove("k", 16));
        AssertError(ErrorMessages.DbIndexOutOfRange, () => Db.KeyMove("k", -1));
        AssertError(ErrorMessages.DbIndexOutOfRange, () => Db.KeyMove("missing", 16));

        AssertValue("v", Db.StringGet("k"));
    }

    // ------------------------------------------------------------------ KEYS / SCAN

    private static readonly string[] PatternKeys =
        ["k0", "k1", "k2", "key", "k*", "hello", "hallo", "hxllo", "h-llo", "a[b", "a\\b", "", "k?x"];

    private void SetPatternKeys()
    {
        foreach (var key in PatternKeys)
        {
            Db.StringSet(key, "v");
        }

        Db.StringSet(BinaryKey, "v");
    }

    [ConformanceTheory]
    [InlineData("k*", new[] { "k0", "k1", "k2", "key", "k*", "k?x" })]
    [InlineData("*1", new[] { "k1" })]
    [InlineData("k?", new[] { "k0", "k1", "k2", "k*" })]
    [InlineData("k[01]", new[] { "k0", "k1" })]
    [InlineData("k[^0]", new[] { "k1", "k2", "k*" })]
    [InlineData("k[0-1]", new[] { "k0", "k1" })]
    [InlineData("k[1-0]", new[] { "k0", "k1" })]
    [InlineData("k\\1", new[] { "k1" })]
    [InlineData("k\\*", new[] { "k*" })]
    [InlineData("k?\\x", new[] { "k?x" })]
    [InlineData("k\\?x", new[] { "k?x" })]
    [InlineData("h[ae]llo", new[] { "hello", "hallo" })]
    [InlineData("h[^e]llo", new[] { "hallo", "hxllo", "h-llo" })]
    [InlineData("h[a-]llo", new string[0])]
    [InlineData("h[-a]llo", new[] { "hallo", "h-llo" })]
    [InlineData("h?llo", new[] { "hello", "hallo", "hxllo", "h-llo" })]
    [InlineData("h*o", new[] { "hello", "hallo", "hxllo", "h-llo" })]
    [InlineData("a[[]b", new[] { "a[b" })]
    [InlineData("a\\[b", new[] { "a[b" })]
    [InlineData("a[\\]b", new string[0])]
    [InlineData("a[", new string[0])]
    [InlineData("a[b", new string[0])]
    [InlineData("k[0", new[] { "k0" })]
    [InlineData("k[!0]", new[] { "k0" })]
    [InlineData("k[\\^]", new string[0])]
    [InlineData("[", new string[0])]
    [InlineData("\\", new string[0])]
    [InlineData("?", new string[0])]
    [InlineData("*[", new string[0])]
    [InlineData("", new[] { "" })]
    [InlineData("nomatch", new string[0])]
    public void Keys_matches_glob_patterns_like_redis(string pattern, string[] expected)
    {
        SetPatternKeys();

        Assert.Equal(Set(expected), KeySet(Db.Keys(pattern)));
        Assert.Equal(Set(expected), KeySet(ScanAll(Db, pattern, 3, null)));
    }

    [ConformanceFact]
    public void Keys_star_returns_every_key_including_the_empty_and_binary_ones()
    {
        SetPatternKeys();
        var all = KeySet([.. PatternKeys.Select(k => (RedisKey)k), BinaryKey]);

        Assert.Equal(all, KeySet(Db.Keys()));
        Assert.Equal(all, KeySet(Db.Keys("*")));
        Assert.Equal(all, KeySet(ScanAll(Db, RedisValue.Null, 10, null)));
        Assert.Equal(PatternKeys.Length + 1, Db.DatabaseSize());
    }

    [ConformanceFact]
    public void Patterns_other_than_a_lone_star_do_not_match_the_empty_key()
    {
        SetPatternKeys();
        var nonEmpty = KeySet([.. PatternKeys.Where(k => k.Length > 0).Select(k => (RedisKey)k), BinaryKey]);

        Assert.Equal(nonEmpty, KeySet(Db.Keys("**")));
        Assert.Equal(nonEmpty, KeySet(Db.Keys("*?*")));
    }

    [ConformanceFact]
    public void Keys_patterns_match_binary_keys_byte_by_byte()
    {
        SetPatternKeys();

        Assert.Equal(KeySet([BinaryKey]), KeySet(Db.Keys(new byte[] { 0x00, (byte)'*' })));
        Assert.Equal(KeySet([BinaryKey]), KeySet(Db.Keys("?b??")));
        Assert.Equal(KeySet([BinaryKey]), KeySet(Db.Keys(new byte[] { (byte)'*', 0xFF, 0x00 })));
    }

    [ConformanceFact]
    public void Keys_of_an_empty_database_is_empty()
    {
        Assert.Empty(Db.Keys());
        Assert.Empty(Db.Keys("k*"));
    }

    [ConformanceTheory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(10)]
    [InlineData(1000)]
    public void Scan_visits_every_key_whatever_the_count(int count)
    {
        var keys = Enumerable.Range(0, 150).Select(i => $"key:{i}").ToArray();
        foreach (var key in keys)
        {
            Db.StringSet(key, "v");
        }

        Assert.Equal(Set(keys), KeySet(ScanAll(Db, RedisValue.Null, count, null)));
        Assert.Equal(Set([.. keys.Where(k => k.StartsWith("key:1", StringComparison.Ordinal))]), KeySet(ScanAll(Db, "key:1*", count, null)));
    }

    [ConformanceFact]
    public void Scan_type_filters_by_type()
    {
        SetPatternKeys();

        Assert.Equal(KeySet(Db.Keys()), KeySet(ScanAll(Db, RedisValue.Null, 5, RedisType.String)));
        Assert.Empty(ScanAll(Db, RedisValue.Null, 5, RedisType.List));
        Assert.Empty(ScanAll(Db, RedisValue.Null, 5, RedisType.Hash));
        Assert.Equal(Set("k0", "k1", "k2"), KeySet(ScanAll(Db, "k[0-9]", 5, RedisType.String)));
    }

    [ConformanceFact]
    public void Scan_of_an_empty_database_ends_at_once()
    {
        var page = Db.KeyScan(0);

        Assert.Equal(0UL, page.Cursor);
        Assert.Empty(page.Keys);
    }

    [ConformanceFact]
    public void Scan_with_a_count_below_one_is_a_syntax_error()
    {
        Db.StringSet("k", "v");

        AssertError(ErrorMessages.Syntax, () => Db.KeyScan(0, count: 0));
        AssertError(ErrorMessages.Syntax, () => Db.KeyScan(0, count: -1));
    }

    [ConformanceFact]
    public void Scan_does_not_return_keys_of_another_database()
    {
        Db.StringSet("zero", "v");
        Db1.StringSet("one", "v");

        Assert.Equal(Set("zero"), KeySet(ScanAll(Db, RedisValue.Null, 10, null)));
        Assert.Equal(Set("one"), KeySet(ScanAll(Db1, RedisValue.Null, 10, null)));
        Assert.Equal(Set("one"), KeySet(Db1.Keys()));
    }

    private static List<RedisKey> ScanAll(IDataStore db, RedisValue pattern, int count, RedisType? type)
    {
        var keys = new List<RedisKey>();
        ulong cursor = 0;
        for (var pages = 0; pages < 100_000; pages++)
        {
            var page = db.KeyScan(cursor, pattern, count, type);
            keys.AddRange(page.Keys);
            cursor = page.Cursor;
            if (cursor == 0)
            {
                return keys;
            }
        }

        Assert.Fail("SCAN did not finish within 100000 pages");
        return keys;
    }

    // ------------------------------------------------------------------ RANDOMKEY / DBSIZE / FLUSHDB / FLUSHALL / SELECT

    [ConformanceFact]
    public void Randomkey_of_an_empty_database_is_null()
    {
        Db1.StringSet("elsewhere", "v");
        Assert.True(Db.KeyRandom().IsNull);
    }

    [ConformanceFact]
    public void Randomkey_returns_an_existing_key()
    {
        Db.StringSet(BinaryKey, "v");
        Assert.Equal(KeySet([BinaryKey]), KeySet([Db.KeyRandom()]));

        SetPatternKeys();
        var all = KeySet(Db.Keys());
        for (var i = 0; i < 20; i++)
        {
            var key = Db.KeyRandom();
            Assert.False(key.IsNull);
            Assert.Contains(KeySet([key])[0], all);
        }
    }

    [ConformanceFact]
    public void Dbsize_counts_the_keys_of_one_database()
    {
        Assert.Equal(0, Db.DatabaseSize());

        Db.StringSet("a", "1");
        Db.StringSet("b", "2", OneHour);
        Db1.StringSet("c", "3");

        Assert.Equal(2, Db.DatabaseSize());
        Assert.Equal(1, Db1.DatabaseSize());

        Db.KeyDelete("a");
        Assert.Equal(1, Db.DatabaseSize());
    }

    [ConformanceFact]
    public void Flushdb_empties_only_its_own_database()
    {
        Db.StringSet("k", "zero");
        Db1.StringSet("k", "one");
        Db.GetDatabase(15).StringSet("k", "fifteen");

        Db1.FlushDatabase();

        AssertValue("zero", Db.StringGet("k"));
        AssertMissing(Db1, "k");
        AssertValue("fifteen", Db.GetDatabase(15).StringGet("k"));
        Assert.Equal(0, Db1.DatabaseSize());
        Assert.Equal(1, Db.DatabaseSize());
    }

    [ConformanceFact]
    public void Flushall_empties_every_database()
    {
        Db.StringSet("k", "zero");
        Db1.StringSet("k", "one", OneHour);
        Db.GetDatabase(15).StringSet("k", "fifteen");

        Db1.FlushAllDatabases();

        Assert.Equal(0, Db.DatabaseSize());
        Assert.Equal(0, Db1.DatabaseSize());
        Assert.Equal(0, Db.GetDatabase(15).DatabaseSize());
    }

    [ConformanceFact]
    public void Databases_hold_separate_values_under_the_same_key()
    {
        Db.StringSet("k", "zero");
        Db1.StringSet("k", "one", Expiration.At(FarFuture));

        AssertValue("zero", Db.StringGet("k"));
        AssertValue("one", Db1.StringGet("k"));
        AssertPersistent(Db, "k");
        Assert.Equal(FarFuture, Db1.KeyExpireTime("k"));

        Db.KeyDelete("k");
        AssertValue("one", Db1.StringGet("k"));
    }

    [ConformanceFact]
    public void Database_views_are_numbered_and_bounded()
    {
        Assert.Equal(0, Db.Database);
        Assert.Equal(16, Db.DatabaseCount);
        Assert.Equal(1, Db1.Database);
        Assert.Equal(15, Db.GetDatabase(15).Database);
        Assert.Equal(0, Db1.GetDatabase(0).Database);

        AssertError(ErrorMessages.DbIndexOutOfRange, () => Db.GetDatabase(16));
        AssertError(ErrorMessages.DbIndexOutOfRange, () => Db.GetDatabase(-1));
    }
}
