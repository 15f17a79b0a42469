using System.Text;
using RedisLite.Tests.Infrastructure;

namespace RedisLite.Tests.Values;

public sealed class RedisKeyTests : IDisposable
{
    private readonly TestStore _t = new();

    private DataStore Store => _t.Store;

    public void Dispose() => _t.Dispose();

    [Fact]
    public void Null_key()
    {
        RedisKey key = default;
        Assert.True(key.IsNull);
        Assert.Equal(0, key.Length);
        Assert.Null(key.ToString());
        Assert.Null(key.ToArray());
        Assert.Null((string?)key);
        Assert.Null((byte[]?)key);
        Assert.True(((RedisKey)(string?)null).IsNull);
        Assert.True(((RedisKey)(byte[]?)null).IsNull);
        Assert.Equal(default(RedisKey), (RedisKey)(string?)null);
        Assert.NotEqual(default(RedisKey), (RedisKey)"");
        Assert.False(((RedisKey)"").IsNull);
        Assert.Equal(0, ((RedisKey)"").Length);
        Assert.True(((RedisKey)RedisValue.Null).IsNull);
    }

    [Fact]
    public void Conversions_round_trip()
    {
        RedisKey s = "clé:✓";
        Assert.Equal("clé:✓", (string?)s);
        Assert.Equal(Encoding.UTF8.GetByteCount("clé:✓"), s.Length);
        Assert.Equal(Encoding.UTF8.GetBytes("clé:✓"), s.ToArray());
        Assert.Equal(Encoding.UTF8.GetBytes("clé:✓"), s.AsMemory().ToArray());

        RedisKey b = new byte[] { 1, 2, 3 };
        Assert.Equal(new byte[] { 1, 2, 3 }, (byte[]?)b);
        Assert.Equal(3, b.Length);

        RedisKey m = new ReadOnlyMemory<byte>("--key--"u8.ToArray(), 2, 3);
        Assert.Equal("key", m.ToString());
        Assert.Equal("key"u8.ToArray(), m.AsMemory().ToArray());

        RedisKey fromValue = (RedisKey)(RedisValue)"value-as-key";
        Assert.Equal("value-as-key", fromValue.ToString());
        Assert.Equal("42", ((RedisKey)(RedisValue)42).ToString());
    }

    [Fact]
    public void Equality_and_hash_are_by_bytes()
    {
        RedisKey a = "same";
        RedisKey b = "same"u8.ToArray();
        RedisKey c = new ReadOnlyMemory<byte>("xsamex"u8.ToArray(), 1, 4);
        Assert.Equal(a, b);
        Assert.Equal(a, c);
        Assert.True(b == c);
        Assert.False(a != b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal(a.GetHashCode(), c.GetHashCode());
        Assert.True(a.Equals((object)c));
        Assert.NotEqual(a, (RedisKey)"Same");
        Assert.NotEqual(a, (RedisKey)"sam");

        var set = new HashSet<RedisKey> { a, b, c, "other" };
        Assert.Equal(2, set.Count);
    }

    [Fact]
    public void Long_non_ascii_keys_compare_by_bytes()
    {
        var text = new string('é', 300);
        RedisKey a = text;
        RedisKey b = Encoding.UTF8.GetBytes(text);
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal(600, a.Length);
    }

    [Fact]
    public void ToArray_returns_a_copy()
    {
        var source = "key"u8.ToArray();
        RedisKey key = source;
        var copy = key.ToArray()!;
        copy[0] = (byte)'X';
        Assert.Equal("key", key.ToString());
        Assert.NotSame(source, key.ToArray());
    }

    [Fact]
    public void Mutating_the_key_array_after_set_does_not_rename_the_stored_key()
    {
        var keyBytes = "key:alias"u8.ToArray();
        Store.StringSet(keyBytes, "v");
        keyBytes[0] = (byte)'X';
        RedisAssert.Value("v", Store.StringGet("key:alias"));
        Assert.False(Store.KeyExists("Xey:alias"));
        Assert.Equal(new[] { "key:alias" }, Store.Keys().Select(k => k.ToString()));

        var renameTarget = "key:target"u8.ToArray();
        Store.KeyRename("key:alias", renameTarget);
        renameTarget[0] = (byte)'X';
        Assert.True(Store.KeyExists("key:target"));
        Assert.Equal(new[] { "key:target" }, Store.Keys().Select(k => k.ToString()));

        var msetKey = "key:mset"u8.ToArray();
        Store.StringSet([new KeyValuePair<RedisKey, RedisValue>(msetKey, "1")]);
        msetKey[0] = (byte)'X';
        Assert.True(Store.KeyExists("key:mset"));

        var incrKey = "key:incr"u8.ToArray();
        Store.StringIncrement(incrKey);
        incrKey[0] = (byte)'X';
        Assert.True(Store.KeyExists("key:incr"));

        var copyKey = "key:copy"u8.ToArray();
        Store.KeyCopy("key:target", copyKey, destinationDatabase: 1);
        copyKey[0] = (byte)'X';
        Assert.True(_t.Db(1).KeyExists("key:copy"));
    }

    [Fact]
    public void Keys_returned_by_the_store_are_safe_to_copy_and_mutate()
    {
        Store.StringSet("key:returned", "v");
        var returned = Store.Keys()[0];
        var bytes = returned.ToArray()!;
        bytes[0] = (byte)'X';
        Assert.Equal("key:returned", returned.ToString());
        Assert.True(Store.KeyExists("key:returned"));
        var scanned = Store.KeyScan(0).Keys[0];
        scanned.ToArray()![0] = (byte)'Y';
        Assert.Equal("key:returned", Store.KeyRandom().ToString());
        Assert.True(Store.KeyExists(scanned));
    }

    [Fact]
    public void Returned_keys_stay_valid_after_the_key_is_deleted_or_renamed()
    {
        Store.StringSet("key:old", "v");
        var returned = Store.Keys()[0];
        Store.KeyRename("key:old", "key:new");
        Store.StringSet("key:filler", "f");
        Assert.Equal("key:old", returned.ToString());
        Assert.False(Store.KeyExists(returned));
    }
}
