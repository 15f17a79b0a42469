using RedisLite.Tests.Infrastructure;

namespace RedisLite.Tests.Strings;

public sealed class StringGetTests : IDisposable
{
    private readonly TestStore _t = new();

    private DataStore Store => _t.Store;

    public void Dispose() => _t.Dispose();

    [Fact]
    public void Get_missing_key_returns_null()
    {
        var value = Store.StringGet("get:missing");
        Assert.True(value.IsNull);
        Assert.True(value.IsNullOrEmpty);
        Assert.Null(value.ToString());
    }

    [Fact]
    public void Get_distinguishes_empty_from_missing()
    {
        Store.StringSet("get:empty", "");
        var value = Store.StringGet("get:empty");
        Assert.False(value.IsNull);
        Assert.True(value.IsNullOrEmpty);
        Assert.Equal("", value.ToString());
    }

    [Fact]
    public void Get_does_not_return_an_expired_value()
    {
        Store.StringSet("get:expiring", "v", Expiration.InMilliseconds(50));
        _t.Advance(50);
        RedisAssert.Value("v", Store.StringGet("get:expiring"));
        _t.Advance(1);
        Assert.True(Store.StringGet("get:expiring").IsNull);
    }

    [Fact]
    public void Mget_returns_one_value_per_key_in_order()
    {
        Store.StringSet("mget:a", "1");
        Store.StringSet("mget:c", "3");
        var values = Store.StringGet(["mget:a", "mget:b", "mget:c", "mget:a"]);
        Assert.Equal(4, values.Length);
        RedisAssert.Value("1", values[0]);
        Assert.True(values[1].IsNull);
        RedisAssert.Value("3", values[2]);
        RedisAssert.Value("1", values[3]);
    }

    [Fact]
    public void Mget_hides_expired_keys()
    {
        Store.StringSet("mget:exp", "x", Expiration.InMilliseconds(10));
        Store.StringSet("mget:keep", "y");
        _t.Advance(11);
        var values = Store.StringGet(["mget:exp", "mget:keep"]);
        Assert.True(values[0].IsNull);
        RedisAssert.Value("y", values[1]);
    }

    [Fact]
    public void Getset_returns_old_value_sets_new_and_removes_ttl()
    {
        Assert.True(Store.StringGetSet("getset:k", "first").IsNull);
        RedisAssert.Value("first", Store.StringGet("getset:k"));

        Store.KeyExpire("getset:k", TimeSpan.FromSeconds(100));
        RedisAssert.Value("first", Store.StringGetSet("getset:k", "second"));
        RedisAssert.Value("second", Store.StringGet("getset:k"));
        Assert.Null(Store.KeyTimeToLive("getset:k"));
    }

    [Fact]
    public void Getdel_returns_value_and_deletes()
    {
        Store.StringSet("getdel:k", "v", TimeSpan.FromSeconds(5));
        RedisAssert.Value("v", Store.StringGetDelete("getdel:k"));
        Assert.False(Store.KeyExists("getdel:k"));
        Assert.True(Store.StringGetDelete("getdel:k").IsNull);
        Assert.Equal(0, Store.DatabaseSize());
    }

    [Fact]
    public void Getex_without_option_leaves_ttl()
    {
        Store.StringSet("getex:none", "v", TimeSpan.FromSeconds(100));
        RedisAssert.Value("v", Store.StringGetSetExpiry("getex:none", Expiration.None));
        Assert.Equal(TimeSpan.FromSeconds(100), Store.KeyTimeToLive("getex:none"));

        Store.StringSet("getex:none:nottl", "v");
        RedisAssert.Value("v", Store.StringGetSetExpiry("getex:none:nottl", Expiration.None));
        Assert.Null(Store.KeyTimeToLive("getex:none:nottl"));
    }

    [Fact]
    public void Getex_persist_removes_ttl()
    {
        Store.StringSet("getex:persist", "v", TimeSpan.FromSeconds(100));
        RedisAssert.Value("v", Store.StringGetSetExpiry("getex:persist", Expiration.Persist));
        Assert.Null(Store.KeyTimeToLive("getex:persist"));
        _t.Advance(200_000);
        RedisAssert.Value("v", Store.StringGet("getex:persist"));
    }

    [Fact]
    public void Getex_sets_relative_and_absolute_expiry()
    {
        Store.StringSet("getex:px", "v");
        RedisAssert.Value("v", Store.StringGetSetExpiry("getex:px", Expiration.InMilliseconds(700)));
        Assert.Equal(TimeSpan.FromMilliseconds(700), Store.KeyTimeToLive("getex:px"));

        var at = _t.Clock.GetUtcNow().AddSeconds(42);
        RedisAssert.Value("v", Store.StringGetSetExpiry("getex:px", at));
        Assert.Equal(at, Store.KeyExpireTime("getex:px"));

        _t.Advance(42_000);
        Assert.True(Store.KeyExists("getex:px"));
        _t.Advance(1);
        Assert.False(Store.KeyExists("getex:px"));
    }

    [Fact]
    public void Getex_with_time_in_the_past_returns_value_then_deletes()
    {
        Store.StringSet("getex:past", "v");
        RedisAssert.Value("v", Store.StringGetSetExpiry("getex:past", Expiration.AtUnixMilliseconds(1)));
        Assert.False(Store.KeyExists("getex:past"));
        Assert.Equal(0, Store.DatabaseSize());
    }

    [Fact]
    public void Getex_with_absolute_time_equal_to_now_deletes()
    {
        // Redis treats an absolute time <= now as already expired (unlike a key whose stored expiry equals now).
        Store.StringSet("getex:now", "v");
        RedisAssert.Value("v", Store.StringGetSetExpiry("getex:now", _t.Clock.GetUtcNow()));
        Assert.False(Store.KeyExists("getex:now"));
    }

    [Fact]
    public void Getex_on_missing_key_returns_null_and_creates_nothing()
    {
        Assert.True(Store.StringGetSetExpiry("getex:missing", TimeSpan.FromSeconds(1)).IsNull);
        Assert.True(Store.StringGetSetExpiry("getex:missing", Expiration.Persist).IsNull);
        Assert.False(Store.KeyExists("getex:missing"));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData(long.MaxValue)]
    public void Getex_with_invalid_relative_expiry_is_rejected(long ttl)
    {
        Store.StringSet("getex:invalid", "v", TimeSpan.FromSeconds(9));
        RedisAssert.Throws("ERR invalid expire time in 'getex' command",
            () => Store.StringGetSetExpiry("getex:invalid", Expiration.InMilliseconds(ttl)));
        Assert.Equal(TimeSpan.FromSeconds(9), Store.KeyTimeToLive("getex:invalid"));
    }

    [Fact]
    public void Getex_with_non_positive_absolute_time_is_rejected()
    {
        Store.StringSet("getex:invalid:abs", "v");
        RedisAssert.Throws(ErrorMessages.InvalidExpireTime("getex"),
            () => Store.StringGetSetExpiry("getex:invalid:abs", Expiration.AtUnixMilliseconds(0)));
        Assert.True(Store.KeyExists("getex:invalid:abs"));
    }

    [Fact]
    public void Getex_invalid_expiry_on_missing_key_replies_null()
    {
        // Redis 7.0 looks the key up before validating the time: GETEX missing PX 0 replies (nil).
        Assert.True(Store.StringGetSetExpiry("getex:invalid:missing", Expiration.InMilliseconds(0)).IsNull);
        Assert.False(Store.KeyExists("getex:invalid:missing"));
    }

    [Fact]
    public void Getex_keepttl_is_a_syntax_error()
    {
        Store.StringSet("getex:keepttl", "v");
        RedisAssert.Throws("ERR syntax error", () => Store.StringGetSetExpiry("getex:keepttl", Expiration.KeepTtl));
        RedisAssert.Throws("ERR syntax error", () => Store.StringGetSetExpiry("getex:keepttl:missing", Expiration.KeepTtl));
    }
}
