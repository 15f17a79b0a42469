using RedisLite.Tests.Infrastructure;

namespace RedisLite.Tests.Keys;

public sealed class KeyDeleteExistsTests : IDisposable
{
    private readonly TestStore _t = new();

    private DataStore Store => _t.Store;

    public void Dispose() => _t.Dispose();

    [Fact]
    public void Del_single()
    {
        Store.StringSet("del:a", "1");
        Assert.True(Store.KeyDelete("del:a"));
        Assert.False(Store.KeyDelete("del:a"));
        Assert.False(Store.KeyExists("del:a"));
        Assert.True(Store.StringGet("del:a").IsNull);
    }

    [Fact]
    public void Del_multiple_counts_each_existing_key_once()
    {
        Store.StringSet("del:m:a", "1");
        Store.StringSet("del:m:b", "2");
        Assert.Equal(2, Store.KeyDelete(["del:m:a", "del:m:b", "del:m:c", "del:m:a", "del:m:b"]));
        Assert.Equal(0, Store.KeyExists(["del:m:a", "del:m:b"]));
        Assert.Equal(0, Store.KeyDelete(["del:m:a"]));
    }

    [Fact]
    public void Del_of_an_expired_key_counts_nothing()
    {
        Store.StringSet("del:expired", "v", Expiration.InMilliseconds(10));
        _t.Advance(11);
        Assert.False(Store.KeyDelete("del:expired"));
        Assert.Equal(0, Store.KeyDelete(["del:expired"]));
    }

    [Fact]
    public void Unlink_behaves_like_del()
    {
        Store.StringSet("unlink:a", "1");
        Store.StringSet("unlink:b", "2");
        Store.StringSet("unlink:c", "3");
        Assert.True(Store.KeyUnlink("unlink:a"));
        Assert.False(Store.KeyUnlink("unlink:a"));
        Assert.Equal(2, Store.KeyUnlink(["unlink:a", "unlink:b", "unlink:c", "unlink:c"]));
        Assert.Equal(0, Store.DatabaseSize());
    }

    [Fact]
    public void Exists_counts_duplicates()
    {
        Store.StringSet("exists:a", "1");
        Assert.True(Store.KeyExists("exists:a"));
        Assert.False(Store.KeyExists("exists:nope"));
        Assert.Equal(3, Store.KeyExists(["exists:a", "exists:a", "exists:nope", "exists:a"]));
        Assert.Equal(0, Store.KeyExists(["exists:nope", "exists:nope"]));
    }

    [Fact]
    public void Exists_sees_empty_strings()
    {
        Store.StringSet("exists:empty", "");
        Assert.True(Store.KeyExists("exists:empty"));
    }

    [Fact]
    public void Type_of_string_and_missing()
    {
        Store.StringSet("type:s", "x");
        Assert.Equal(RedisType.String, Store.KeyType("type:s"));
        Assert.Equal(RedisType.None, Store.KeyType("type:missing"));
        Store.StringSet("type:exp", "x", Expiration.InMilliseconds(1));
        _t.Advance(2);
        Assert.Equal(RedisType.None, Store.KeyType("type:exp"));
    }

    [Fact]
    public void Touch_counts_existing_keys_with_duplicates()
    {
        Store.StringSet("touch:a", "1");
        Store.StringSet("touch:b", "2");
        Assert.True(Store.KeyTouch("touch:a"));
        Assert.False(Store.KeyTouch("touch:none"));
        Assert.Equal(3, Store.KeyTouch(["touch:a", "touch:a", "touch:b", "touch:none"]));
    }

    [Fact]
    public void Touch_does_not_change_value_or_ttl()
    {
        Store.StringSet("touch:ttl", "v", TimeSpan.FromSeconds(3));
        Store.KeyTouch("touch:ttl");
        RedisAssert.Value("v", Store.StringGet("touch:ttl"));
        Assert.Equal(TimeSpan.FromSeconds(3), Store.KeyTimeToLive("touch:ttl"));
    }

    [Fact]
    public void Binary_and_string_keys_with_the_same_bytes_are_the_same_key()
    {
        Store.StringSet("bin:key", "v");
        Assert.True(Store.KeyExists("bin:key"u8.ToArray()));
        Assert.True(Store.KeyExists(new ReadOnlyMemory<byte>("xxbin:keyxx"u8.ToArray(), 2, 7)));
        Assert.True(Store.KeyDelete("bin:key"u8.ToArray()));
        Assert.False(Store.KeyExists("bin:key"));

        byte[] raw = [0, 1, 2, 255];
        Store.StringSet(raw, "binary");
        RedisAssert.Value("binary", Store.StringGet(new byte[] { 0, 1, 2, 255 }));
        Assert.Equal(RedisType.String, Store.KeyType(raw));
    }

    [Fact]
    public void Empty_key_is_a_valid_key()
    {
        Store.StringSet("", "empty-key");
        Assert.True(Store.KeyExists(""));
        RedisAssert.Value("empty-key", Store.StringGet(Array.Empty<byte>()));
        Assert.True(Store.KeyDelete(""));
    }

    [Fact]
    public void Long_keys_work()
    {
        var key = new string('k', 10_000);
        Store.StringSet(key, "v");
        Assert.True(Store.KeyExists(key));
        Assert.Single(Store.Keys(), k => k.ToString() == key);
        Assert.True(Store.KeyDelete(key));
    }

    [Fact]
    public void Null_keys_are_rejected()
    {
        Assert.ThrowsAny<ArgumentException>(() => Store.StringGet(default(RedisKey)));
        Assert.ThrowsAny<ArgumentException>(() => Store.StringSet((string?)null, "v"));
        Assert.ThrowsAny<ArgumentException>(() => Store.KeyDelete((byte[]?)null));
        Assert.ThrowsAny<ArgumentException>(() => Store.KeyExists(["ok", default]));
        Assert.Equal(0, Store.DatabaseSize());
    }
}
