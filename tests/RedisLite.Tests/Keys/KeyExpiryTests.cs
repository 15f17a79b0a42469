using RedisLite.Tests.Infrastructure;

namespace RedisLite.Tests.Keys;

public sealed class KeyExpiryTests : IDisposable
{
    private readonly TestStore _t = new();

    private DataStore Store => _t.Store;

    public void Dispose() => _t.Dispose();

    private static TimeSpan Ms(long ms) => TimeSpan.FromMilliseconds(ms);

    [Fact]
    public void Expire_sets_ttl_on_existing_key_only()
    {
        Assert.False(Store.KeyExpire("exp:missing", TimeSpan.FromSeconds(10)));
        Assert.False(Store.KeyExists("exp:missing"));

        Store.StringSet("exp:k", "v");
        Assert.True(Store.KeyExpire("exp:k", TimeSpan.FromSeconds(10)));
        Assert.Equal(TimeSpan.FromSeconds(10), Store.KeyTimeToLive("exp:k"));
        Assert.Equal(_t.Clock.GetUtcNow().AddSeconds(10), Store.KeyExpireTime("exp:k"));
    }

    [Fact]
    public void Pexpire_has_millisecond_precision()
    {
        Store.StringSet("pexp:k", "v");
        Assert.True(Store.KeyExpire("pexp:k", Ms(1234)));
        Assert.Equal(Ms(1234), Store.KeyTimeToLive("pexp:k"));
        _t.Advance(234);
        Assert.Equal(Ms(1000), Store.KeyTimeToLive("pexp:k"));
    }

    [Fact]
    public void Key_is_visible_when_now_equals_expiry_and_gone_one_ms_later()
    {
        Store.StringSet("exp:boundary", "v");
        Store.KeyExpire("exp:boundary", Ms(100));
        var expireAt = Store.KeyExpireTime("exp:boundary");

        _t.Advance(99);
        Assert.Equal(Ms(1), Store.KeyTimeToLive("exp:boundary"));
        _t.Advance(1);
        Assert.Equal(expireAt, _t.Clock.GetUtcNow());
        Assert.True(Store.KeyExists("exp:boundary"));
        RedisAssert.Value("v", Store.StringGet("exp:boundary"));
        Assert.Equal(TimeSpan.Zero, Store.KeyTimeToLive("exp:boundary"));
        Assert.Equal(expireAt, Store.KeyExpireTime("exp:boundary"));

        _t.Advance(1);
        Assert.False(Store.KeyExists("exp:boundary"));
        Assert.True(Store.StringGet("exp:boundary").IsNull);
        Assert.Null(Store.KeyTimeToLive("exp:boundary"));
        Assert.Null(Store.KeyExpireTime("exp:boundary"));
        Assert.Equal(RedisType.None, Store.KeyType("exp:boundary"));
    }

    [Fact]
    public void Expired_key_is_invisible_to_every_command()
    {
        Store.StringSet("exp:invisible", "5", Ms(10));
        _t.Advance(11);
        Assert.False(Store.KeyExists("exp:invisible"));
        Assert.Equal(0, Store.StringLength("exp:invisible"));
        RedisAssert.Value("", Store.StringGetRange("exp:invisible", 0, -1));
        Assert.False(Store.KeyPersist("exp:invisible"));
        Assert.False(Store.KeyExpire("exp:invisible", TimeSpan.FromSeconds(1)));
        Assert.False(Store.KeyTouch("exp:invisible"));
        Assert.Null(Store.KeyIdleTime("exp:invisible"));
        Assert.DoesNotContain(Store.Keys(), k => k.ToString() == "exp:invisible");
        RedisAssert.Throws(ErrorMessages.NoSuchKey, () => Store.KeyRename("exp:invisible", "exp:invisible2"));
        Assert.False(Store.KeyCopy("exp:invisible", "exp:invisible2"));
        Assert.False(Store.KeyMove("exp:invisible", 1));
        Assert.Equal(1, Store.StringIncrement("exp:invisible"));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData(-100_000L)]
    public void Non_positive_ttl_deletes_the_key(long ms)
    {
        Store.StringSet("exp:nonpos", "v");
        Assert.True(Store.KeyExpire("exp:nonpos", Ms(ms)));
        Assert.False(Store.KeyExists("exp:nonpos"));
        Assert.Equal(0, Store.DatabaseSize());
        Assert.False(Store.KeyExpire("exp:nonpos", Ms(ms)));
    }

    [Fact]
    public void Expireat_in_the_past_or_now_deletes_the_key()
    {
        Store.StringSet("expat:past", "v");
        Assert.True(Store.KeyExpire("expat:past", _t.Clock.GetUtcNow().AddSeconds(-1)));
        Assert.False(Store.KeyExists("expat:past"));

        Store.StringSet("expat:epoch", "v");
        Assert.True(Store.KeyExpire("expat:epoch", DateTimeOffset.FromUnixTimeMilliseconds(1)));
        Assert.False(Store.KeyExists("expat:epoch"));

        // EXPIREAT with exactly the current time deletes (Redis: when <= now counts as already expired).
        Store.StringSet("expat:now", "v");
        Assert.True(Store.KeyExpire("expat:now", _t.Clock.GetUtcNow()));
        Assert.False(Store.KeyExists("expat:now"));
        Assert.Equal(0, Store.DatabaseSize());
    }

    [Fact]
    public void Expireat_sets_absolute_time()
    {
        Store.StringSet("expat:k", "v");
        var at = _t.Clock.GetUtcNow().AddMinutes(5);
        Assert.True(Store.KeyExpire("expat:k", at));
        Assert.Equal(at, Store.KeyExpireTime("expat:k"));
        Assert.Equal(TimeSpan.FromMinutes(5), Store.KeyTimeToLive("expat:k"));
        Assert.False(Store.KeyExpire("expat:missing", at));
    }

    [Fact]
    public void Expire_nx_only_without_ttl()
    {
        Store.StringSet("exp:nx", "v");
        Assert.True(Store.KeyExpire("exp:nx", Ms(5000), ExpireWhen.HasNoExpiry));
        Assert.False(Store.KeyExpire("exp:nx", Ms(9000), ExpireWhen.HasNoExpiry));
        Assert.Equal(Ms(5000), Store.KeyTimeToLive("exp:nx"));
        // NX with a negative TTL on a key that has one: condition fails, key stays.
        Assert.False(Store.KeyExpire("exp:nx", Ms(-1), ExpireWhen.HasNoExpiry));
        Assert.True(Store.KeyExists("exp:nx"));
    }

    [Fact]
    public void Expire_xx_only_with_ttl()
    {
        Store.StringSet("exp:xx", "v");
        Assert.False(Store.KeyExpire("exp:xx", Ms(5000), ExpireWhen.HasExpiry));
        Assert.Null(Store.KeyTimeToLive("exp:xx"));
        Store.KeyExpire("exp:xx", Ms(1000));
        Assert.True(Store.KeyExpire("exp:xx", Ms(3000), ExpireWhen.HasExpiry));
        Assert.Equal(Ms(3000), Store.KeyTimeToLive("exp:xx"));
        Assert.True(Store.KeyExpire("exp:xx", Ms(-1), ExpireWhen.HasExpiry));
        Assert.False(Store.KeyExists("exp:xx"));
    }

    [Fact]
    public void Expire_gt_treats_no_ttl_as_infinite()
    {
        Store.StringSet("exp:gt", "v");
        Assert.False(Store.KeyExpire("exp:gt", Ms(100_000), ExpireWhen.GreaterThanCurrentExpiry));
        Assert.Null(Store.KeyTimeToLive("exp:gt"));
        Assert.False(Store.KeyExpire("exp:gt", Ms(-1), ExpireWhen.GreaterThanCurrentExpiry));
        Assert.True(Store.KeyExists("exp:gt"));

        Store.KeyExpire("exp:gt", Ms(1000));
        Assert.False(Store.KeyExpire("exp:gt", Ms(500), ExpireWhen.GreaterThanCurrentExpiry));
        Assert.False(Store.KeyExpire("exp:gt", Ms(1000), ExpireWhen.GreaterThanCurrentExpiry)); // equal is not greater
        Assert.True(Store.KeyExpire("exp:gt", Ms(2000), ExpireWhen.GreaterThanCurrentExpiry));
        Assert.Equal(Ms(2000), Store.KeyTimeToLive("exp:gt"));
    }

    [Fact]
    public void Expire_lt_treats_no_ttl_as_infinite()
    {
        Store.StringSet("exp:lt", "v");
        Assert.True(Store.KeyExpire("exp:lt", Ms(100_000), ExpireWhen.LessThanCurrentExpiry));
        Assert.Equal(Ms(100_000), Store.KeyTimeToLive("exp:lt"));
        Assert.False(Store.KeyExpire("exp:lt", Ms(200_000), ExpireWhen.LessThanCurrentExpiry));
        Assert.False(Store.KeyExpire("exp:lt", Ms(100_000), ExpireWhen.LessThanCurrentExpiry)); // equal is not less
        Assert.True(Store.KeyExpire("exp:lt", Ms(50_000), ExpireWhen.LessThanCurrentExpiry));
        Assert.Equal(Ms(50_000), Store.KeyTimeToLive("exp:lt"));

        Store.StringSet("exp:lt:del", "v");
        Assert.True(Store.KeyExpire("exp:lt:del", Ms(-1), ExpireWhen.LessThanCurrentExpiry));
        Assert.False(Store.KeyExists("exp:lt:del"));
    }

    [Fact]
    public void Expire_xx_combined_with_gt_and_lt()
    {
        Store.StringSet("exp:xxgt", "v");
        Assert.False(Store.KeyExpire("exp:xxgt", Ms(10), ExpireWhen.HasExpiry | ExpireWhen.LessThanCurrentExpiry));
        Assert.Null(Store.KeyTimeToLive("exp:xxgt"));
        Store.KeyExpire("exp:xxgt", Ms(300));
        Assert.False(Store.KeyExpire("exp:xxgt", Ms(10), ExpireWhen.HasExpiry | ExpireWhen.GreaterThanCurrentExpiry));
        Assert.True(Store.KeyExpire("exp:xxgt", Ms(10), ExpireWhen.HasExpiry | ExpireWhen.LessThanCurrentExpiry));
        Assert.Equal(Ms(10), Store.KeyTimeToLive("exp:xxgt"));
        Assert.True(Store.KeyExpire("exp:xxgt", Ms(20), ExpireWhen.HasExpiry | ExpireWhen.GreaterThanCurrentExpiry));
        Assert.Equal(Ms(20), Store.KeyTimeToLive("exp:xxgt"));
    }

    [Fact]
    public void Expireat_conditions_compare_absolute_times()
    {
        Store.StringSet("expat:cond", "v");
        var now = _t.Clock.GetUtcNow();
        Assert.True(Store.KeyExpire("expat:cond", now.AddSeconds(10), ExpireWhen.HasNoExpiry));
        Assert.False(Store.KeyExpire("expat:cond", now.AddSeconds(5), ExpireWhen.GreaterThanCurrentExpiry));
        Assert.True(Store.KeyExpire("expat:cond", now.AddSeconds(5), ExpireWhen.LessThanCurrentExpiry));
        Assert.Equal(now.AddSeconds(5), Store.KeyExpireTime("expat:cond"));
    }

    [Theory]
    [InlineData(ExpireWhen.HasNoExpiry | ExpireWhen.HasExpiry, "ERR NX and XX, GT or LT options at the same time are not compatible")]
    [InlineData(ExpireWhen.HasNoExpiry | ExpireWhen.GreaterThanCurrentExpiry, "ERR NX and XX, GT or LT options at the same time are not compatible")]
    [InlineData(ExpireWhen.HasNoExpiry | ExpireWhen.LessThanCurrentExpiry, "ERR NX and XX, GT or LT options at the same time are not compatible")]
    [InlineData(ExpireWhen.HasNoExpiry | ExpireWhen.GreaterThanCurrentExpiry | ExpireWhen.LessThanCurrentExpiry, "ERR NX and XX, GT or LT options at the same time are not compatible")]
    [InlineData(ExpireWhen.GreaterThanCurrentExpiry | ExpireWhen.LessThanCurrentExpiry, "ERR GT and LT options at the same time are not compatible")]
    [InlineData(ExpireWhen.HasExpiry | ExpireWhen.GreaterThanCurrentExpiry | ExpireWhen.LessThanCurrentExpiry, "ERR GT and LT options at the same time are not compatible")]
    public void Incompatible_conditions_are_errors_that_change_nothing(ExpireWhen when, string message)
    {
        Store.StringSet("exp:incompat", "v", TimeSpan.FromSeconds(50));
        RedisAssert.Throws(message, () => Store.KeyExpire("exp:incompat", Ms(5), when));
        RedisAssert.Throws(message, () => Store.KeyExpire("exp:incompat", Ms(-5), when));
        RedisAssert.Throws(message, () => Store.KeyExpire("exp:incompat", _t.Clock.GetUtcNow().AddSeconds(1), when));
        // Also for a missing key: the options are checked first.
        RedisAssert.Throws(message, () => Store.KeyExpire("exp:incompat:missing", Ms(5), when));
        Assert.Equal(TimeSpan.FromSeconds(50), Store.KeyTimeToLive("exp:incompat"));
    }

    [Fact]
    public void Ttl_and_expiretime_of_missing_and_persistent_keys_are_null()
    {
        Assert.Null(Store.KeyTimeToLive("ttl:missing"));
        Assert.Null(Store.KeyExpireTime("ttl:missing"));
        Store.StringSet("ttl:persistent", "v");
        Assert.Null(Store.KeyTimeToLive("ttl:persistent"));
        Assert.Null(Store.KeyExpireTime("ttl:persistent"));
    }

    [Fact]
    public void Persist_removes_ttl()
    {
        Store.StringSet("persist:k", "v", TimeSpan.FromSeconds(1));
        Assert.True(Store.KeyPersist("persist:k"));
        Assert.False(Store.KeyPersist("persist:k"));
        Assert.Null(Store.KeyTimeToLive("persist:k"));
        _t.Advance(5000);
        RedisAssert.Value("v", Store.StringGet("persist:k"));
        Assert.False(Store.KeyPersist("persist:missing"));
    }

    [Fact]
    public void Overwriting_value_without_keepttl_clears_ttl_but_modifying_keeps_it()
    {
        Store.StringSet("exp:modify", "1", TimeSpan.FromSeconds(10));
        Store.StringAppend("exp:modify", "2");
        Store.StringSetRange("exp:modify", 0, "3");
        Store.StringIncrement("exp:modify");
        Assert.Equal(TimeSpan.FromSeconds(10), Store.KeyTimeToLive("exp:modify"));
        Store.StringGetSet("exp:modify", "x");
        Assert.Null(Store.KeyTimeToLive("exp:modify"));
    }

    [Fact]
    public void Idle_time_grows_and_is_reset_by_access()
    {
        Store.StringSet("idle:k", "v");
        Assert.Equal(0, Store.KeyIdleTime("idle:k")!.Value.TotalSeconds, 0.2);

        _t.Advance(10_000);
        Assert.Equal(10, Store.KeyIdleTime("idle:k")!.Value.TotalSeconds, 0.2);
        // Asking is not an access.
        _t.Advance(1_000);
        Assert.Equal(11, Store.KeyIdleTime("idle:k")!.Value.TotalSeconds, 0.2);

        Store.StringGet("idle:k");
        Assert.Equal(0, Store.KeyIdleTime("idle:k")!.Value.TotalSeconds, 0.2);

        _t.Advance(3_000);
        Assert.True(Store.KeyTouch("idle:k"));
        Assert.Equal(0, Store.KeyIdleTime("idle:k")!.Value.TotalSeconds, 0.2);

        _t.Advance(3_000);
        Store.StringSet("idle:k", "w");
        Assert.Equal(0, Store.KeyIdleTime("idle:k")!.Value.TotalSeconds, 0.2);

        _t.Advance(2_000);
        Store.StringLength("idle:k");
        Assert.Equal(0, Store.KeyIdleTime("idle:k")!.Value.TotalSeconds, 0.2);

        Assert.Null(Store.KeyIdleTime("idle:missing"));
    }

    [Fact]
    public void Exists_type_and_ttl_do_not_count_as_access()
    {
        // Redis looks these up without touching the key's access time.
        Store.StringSet("idle:notouch", "v");
        _t.Advance(5_000);
        Store.KeyExists("idle:notouch");
        Store.KeyExists(["idle:notouch", "idle:notouch"]);
        Store.KeyType("idle:notouch");
        Store.KeyExpireTime("idle:notouch");
        Store.KeyTimeToLive("idle:notouch");
        Assert.Equal(5, Store.KeyIdleTime("idle:notouch")!.Value.TotalSeconds, 0.2);
    }
}
