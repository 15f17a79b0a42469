using RedisLite.Tests.Infrastructure;

namespace RedisLite.Tests.Strings;

public sealed class StringSetTests : IDisposable
{
    private readonly TestStore _t = new();

    private DataStore Store => _t.Store;

    public void Dispose() => _t.Dispose();

    [Fact]
    public void Set_then_get_returns_value_and_replaces_previous()
    {
        Assert.True(Store.StringSet("set:plain", "one"));
        RedisAssert.Value("one", Store.StringGet("set:plain"));
        Assert.True(Store.StringSet("set:plain", "two"));
        RedisAssert.Value("two", Store.StringGet("set:plain"));
    }

    [Fact]
    public void Set_accepts_empty_and_binary_values()
    {
        Assert.True(Store.StringSet("set:empty", RedisValue.EmptyString));
        var empty = Store.StringGet("set:empty");
        Assert.False(empty.IsNull);
        Assert.Equal(0, empty.Length);
        Assert.True(Store.KeyExists("set:empty"));

        byte[] binary = [0, 255, 13, 10, 0, 1];
        Store.StringSet("set:binary", binary);
        Assert.Equal(binary, Store.StringGet("set:binary").ToArray());
    }

    [Fact]
    public void Set_stores_numbers_in_redis_format()
    {
        Store.StringSet("set:num:int", 42);
        Store.StringSet("set:num:long", long.MinValue);
        Store.StringSet("set:num:neg", -7L);
        Store.StringSet("set:num:double", 3.25);
        Store.StringSet("set:num:bool", true);
        RedisAssert.Value("42", Store.StringGet("set:num:int"));
        RedisAssert.Value("-9223372036854775808", Store.StringGet("set:num:long"));
        RedisAssert.Value("-7", Store.StringGet("set:num:neg"));
        RedisAssert.Value("3.25", Store.StringGet("set:num:double"));
        RedisAssert.Value("1", Store.StringGet("set:num:bool"));
        Assert.Equal(2, Store.StringLength("set:num:int"));
    }

    [Fact]
    public void Set_nx_only_writes_missing_keys()
    {
        Assert.True(Store.StringSet("set:nx", "first", when: When.NotExists));
        Assert.False(Store.StringSet("set:nx", "second", when: When.NotExists));
        RedisAssert.Value("first", Store.StringGet("set:nx"));
    }

    [Fact]
    public void Set_xx_only_writes_existing_keys()
    {
        Assert.False(Store.StringSet("set:xx", "first", when: When.Exists));
        Assert.False(Store.KeyExists("set:xx"));
        Store.StringSet("set:xx", "base");
        Assert.True(Store.StringSet("set:xx", "second", when: When.Exists));
        RedisAssert.Value("second", Store.StringGet("set:xx"));
    }

    [Fact]
    public void Set_nx_treats_an_expired_key_as_missing()
    {
        Store.StringSet("set:nx:expired", "old", Expiration.InMilliseconds(100));
        _t.Advance(101);
        Assert.True(Store.StringSet("set:nx:expired", "new", when: When.NotExists));
        RedisAssert.Value("new", Store.StringGet("set:nx:expired"));
        Assert.Null(Store.KeyTimeToLive("set:nx:expired"));
    }

    [Fact]
    public void Set_get_returns_previous_value()
    {
        Assert.True(Store.StringSetAndGet("set:get", "v1").IsNull);
        RedisAssert.Value("v1", Store.StringGet("set:get"));
        RedisAssert.Value("v1", Store.StringSetAndGet("set:get", "v2"));
        RedisAssert.Value("v2", Store.StringGet("set:get"));
    }

    [Fact]
    public void Set_nx_get_returns_old_value_without_writing()
    {
        // Redis 7: SET k v NX GET on an existing key replies the old value and does not write.
        Store.StringSet("set:nxget", "1");
        RedisAssert.Value("1", Store.StringSetAndGet("set:nxget", "2", when: When.NotExists));
        RedisAssert.Value("1", Store.StringGet("set:nxget"));

        Assert.True(Store.StringSetAndGet("set:nxget:missing", "x", when: When.NotExists).IsNull);
        RedisAssert.Value("x", Store.StringGet("set:nxget:missing"));
    }

    [Fact]
    public void Set_xx_get_on_missing_key_returns_null_and_writes_nothing()
    {
        Assert.True(Store.StringSetAndGet("set:xxget", "2", when: When.Exists).IsNull);
        Assert.False(Store.KeyExists("set:xxget"));

        Store.StringSet("set:xxget", "1");
        RedisAssert.Value("1", Store.StringSetAndGet("set:xxget", "3", when: When.Exists));
        RedisAssert.Value("3", Store.StringGet("set:xxget"));
    }

    [Fact]
    public void Set_ex_and_px_set_a_relative_ttl()
    {
        Store.StringSet("set:ex", "v", TimeSpan.FromSeconds(10)); // SET EX 10
        Assert.Equal(TimeSpan.FromSeconds(10), Store.KeyTimeToLive("set:ex"));

        Store.StringSet("set:px", "v", Expiration.InMilliseconds(1500)); // SET PX 1500
        Assert.Equal(TimeSpan.FromMilliseconds(1500), Store.KeyTimeToLive("set:px"));
        Assert.Equal(_t.Clock.GetUtcNow().AddMilliseconds(1500), Store.KeyExpireTime("set:px"));

        _t.Advance(1500);
        RedisAssert.Value("v", Store.StringGet("set:px"));
        Assert.Equal(TimeSpan.Zero, Store.KeyTimeToLive("set:px"));
        _t.Advance(1);
        Assert.True(Store.StringGet("set:px").IsNull);
        Assert.False(Store.KeyExists("set:px"));
    }

    [Fact]
    public void Set_exat_and_pxat_set_an_absolute_expiry()
    {
        var at = _t.Clock.GetUtcNow().AddSeconds(30);
        Store.StringSet("set:exat", "v", at); // SET EXAT
        Assert.Equal(at, Store.KeyExpireTime("set:exat"));
        Assert.Equal(TimeSpan.FromSeconds(30), Store.KeyTimeToLive("set:exat"));

        Store.StringSet("set:pxat", "v", Expiration.AtUnixMilliseconds(_t.NowMs + 2345)); // SET PXAT
        Assert.Equal(TimeSpan.FromMilliseconds(2345), Store.KeyTimeToLive("set:pxat"));
    }

    [Fact]
    public void Set_with_absolute_time_in_the_past_is_accepted_but_key_is_not_visible()
    {
        // SET k v PXAT 1 replies OK, and the key is already expired.
        Assert.True(Store.StringSet("set:pxat:past", "v", Expiration.AtUnixMilliseconds(1)));

        // Like Redis 7.0, the already-expired key is stored (DBSIZE counts it) but no read can see it.
        Assert.Equal(1, Store.DatabaseSize());
        Assert.False(Store.KeyExists("set:pxat:past"));
        Assert.True(Store.StringGet("set:pxat:past").IsNull);
        Assert.Equal(0, Store.DatabaseSize());
    }

    [Fact]
    public void Plain_set_removes_an_existing_ttl()
    {
        Store.StringSet("set:removes-ttl", "v", TimeSpan.FromSeconds(100));
        Store.StringSet("set:removes-ttl", "w");
        Assert.Null(Store.KeyTimeToLive("set:removes-ttl"));
        Assert.Null(Store.KeyExpireTime("set:removes-ttl"));
        Assert.True(Store.KeyExists("set:removes-ttl"));
    }

    [Fact]
    public void Set_keepttl_keeps_the_existing_ttl()
    {
        Store.StringSet("set:keepttl", "v", TimeSpan.FromSeconds(100));
        _t.Advance(10_000);
        Store.StringSet("set:keepttl", "w", Expiration.KeepTtl);
        RedisAssert.Value("w", Store.StringGet("set:keepttl"));
        Assert.Equal(TimeSpan.FromSeconds(90), Store.KeyTimeToLive("set:keepttl"));

        // On a key without a TTL (or a missing key) KEEPTTL leaves it without one.
        Store.StringSet("set:keepttl:none", "v", Expiration.KeepTtl);
        Assert.Null(Store.KeyTimeToLive("set:keepttl:none"));
        Assert.True(Store.KeyExists("set:keepttl:none"));
    }

    [Fact]
    public void Set_keepttl_with_get_returns_old_and_keeps_ttl()
    {
        Store.StringSet("set:keepttl:get", "3", TimeSpan.FromSeconds(5));
        RedisAssert.Value("3", Store.StringSetAndGet("set:keepttl:get", "4", Expiration.KeepTtl));
        Assert.Equal(TimeSpan.FromSeconds(5), Store.KeyTimeToLive("set:keepttl:get"));
    }

    [Fact]
    public void Set_keepttl_on_an_expired_key_does_not_resurrect_the_old_ttl()
    {
        Store.StringSet("set:keepttl:expired", "v", Expiration.InMilliseconds(10));
        _t.Advance(11);
        Store.StringSet("set:keepttl:expired", "w", Expiration.KeepTtl);
        RedisAssert.Value("w", Store.StringGet("set:keepttl:expired"));
        Assert.Null(Store.KeyTimeToLive("set:keepttl:expired"));
    }

    [Fact]
    public void Setnx_equivalent()
    {
        // SETNX k v -> StringSet(k, v, when: NotExists)
        Assert.True(Store.StringSet("setnx:k", "a", Expiration.None, When.NotExists));
        Assert.False(Store.StringSet("setnx:k", "b", Expiration.None, When.NotExists));
        RedisAssert.Value("a", Store.StringGet("setnx:k"));
    }

    [Fact]
    public void Setex_and_psetex_equivalents()
    {
        Assert.True(Store.StringSet("setex:k", "a", TimeSpan.FromSeconds(60)));
        Assert.Equal(TimeSpan.FromSeconds(60), Store.KeyTimeToLive("setex:k"));
        Assert.True(Store.StringSet("psetex:k", "a", Expiration.InMilliseconds(250)));
        Assert.Equal(TimeSpan.FromMilliseconds(250), Store.KeyTimeToLive("psetex:k"));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData(long.MinValue)]
    [InlineData(long.MaxValue)] // now + ttl overflows
    [InlineData(long.MaxValue - 1000)]
    public void Set_with_invalid_relative_ttl_is_rejected(long ttl)
    {
        const string key = "set:invalid:relative";
        Store.StringSet(key, "orig");
        RedisAssert.Throws(ErrorMessages.InvalidExpireTime("set"), () => Store.StringSet(key, "new", Expiration.InMilliseconds(ttl)));
        RedisAssert.Throws(ErrorMessages.InvalidExpireTime("set"), () => Store.StringSetAndGet(key, "new", Expiration.InMilliseconds(ttl)));
        Assert.Equal("ERR invalid expire time in 'set' command", ErrorMessages.InvalidExpireTime("set"));
        RedisAssert.Value("orig", Store.StringGet(key));
        Assert.Null(Store.KeyTimeToLive(key));
    }

    [Fact]
    public void Set_with_zero_timespan_is_rejected()
    {
        RedisAssert.Throws("ERR invalid expire time in 'set' command", () => Store.StringSet("set:invalid:zero", "v", TimeSpan.Zero));
        RedisAssert.Throws("ERR invalid expire time in 'set' command", () => Store.StringSet("set:invalid:neg", "v", TimeSpan.FromSeconds(-1)));
        Assert.False(Store.KeyExists("set:invalid:zero"));
        Assert.False(Store.KeyExists("set:invalid:neg"));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-5L)]
    public void Set_with_non_positive_absolute_time_is_rejected(long unixMs)
    {
        RedisAssert.Throws("ERR invalid expire time in 'set' command",
            () => Store.StringSet("set:invalid:abs", "v", Expiration.AtUnixMilliseconds(unixMs)));
        Assert.False(Store.KeyExists("set:invalid:abs"));
    }

    [Fact]
    public void Invalid_expire_is_reported_even_when_nx_would_skip_the_write()
    {
        // Redis validates the options before looking at the key.
        Store.StringSet("set:invalid:nx", "v");
        RedisAssert.Throws("ERR invalid expire time in 'set' command",
            () => Store.StringSet("set:invalid:nx", "w", Expiration.InMilliseconds(0), When.NotExists));
        RedisAssert.Throws("ERR invalid expire time in 'set' command",
            () => Store.StringSet("set:invalid:xx", "w", Expiration.InMilliseconds(-1), When.Exists));
    }

    [Fact]
    public void Set_with_persist_option_is_a_syntax_error()
    {
        RedisAssert.Throws(ErrorMessages.Syntax, () => Store.StringSet("set:persist", "v", Expiration.Persist));
        RedisAssert.Throws("ERR syntax error", () => Store.StringSetAndGet("set:persist", "v", Expiration.Persist));
        Assert.False(Store.KeyExists("set:persist"));
    }

    [Fact]
    public void Set_null_value_is_rejected()
    {
        Assert.ThrowsAny<ArgumentException>(() => Store.StringSet("set:nullvalue", RedisValue.Null));
        Assert.False(Store.KeyExists("set:nullvalue"));
    }

    [Fact]
    public void Mset_sets_all_and_removes_ttls()
    {
        Store.StringSet("mset:a", "old", TimeSpan.FromSeconds(10));
        Assert.True(Store.StringSet(
        [
            new KeyValuePair<RedisKey, RedisValue>("mset:a", "1"),
            new KeyValuePair<RedisKey, RedisValue>("mset:b", "2"),
            new KeyValuePair<RedisKey, RedisValue>("mset:a", "3"), // last one wins
        ]));
        RedisAssert.Value("3", Store.StringGet("mset:a"));
        RedisAssert.Value("2", Store.StringGet("mset:b"));
        Assert.Null(Store.KeyTimeToLive("mset:a"));
    }

    [Fact]
    public void Msetnx_sets_nothing_if_any_key_exists()
    {
        Store.StringSet("msetnx:b", "existing");
        Assert.False(Store.StringSet(
        [
            new KeyValuePair<RedisKey, RedisValue>("msetnx:a", "1"),
            new KeyValuePair<RedisKey, RedisValue>("msetnx:b", "2"),
        ], When.NotExists));
        Assert.False(Store.KeyExists("msetnx:a"));
        RedisAssert.Value("existing", Store.StringGet("msetnx:b"));

        Assert.True(Store.StringSet(
        [
            new KeyValuePair<RedisKey, RedisValue>("msetnx:a", "1"),
            new KeyValuePair<RedisKey, RedisValue>("msetnx:c", "3"),
        ], When.NotExists));
        RedisAssert.Value("1", Store.StringGet("msetnx:a"));
        RedisAssert.Value("3", Store.StringGet("msetnx:c"));
    }

    [Fact]
    public void Msetnx_ignores_expired_keys()
    {
        Store.StringSet("msetnx:exp", "old", Expiration.InMilliseconds(5));
        _t.Advance(6);
        Assert.True(Store.StringSet([new KeyValuePair<RedisKey, RedisValue>("msetnx:exp", "new")], When.NotExists));
        RedisAssert.Value("new", Store.StringGet("msetnx:exp"));
    }

    [Fact]
    public void Mset_with_when_exists_is_not_a_redis_command()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            Store.StringSet([new KeyValuePair<RedisKey, RedisValue>("mset:xx", "1")], When.Exists));
        Assert.False(Store.KeyExists("mset:xx"));
    }
}
