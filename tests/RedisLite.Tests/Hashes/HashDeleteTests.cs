using RedisLite.Tests.Infrastructure;
using static RedisLite.Tests.Hashes.HashTestData;

namespace RedisLite.Tests.Hashes;

public sealed class HashDeleteTests : IDisposable
{
    private readonly TestStore _t = new();

    private DataStore Store => _t.Store;

    public void Dispose() => _t.Dispose();

    [Fact]
    public void Hdel_counts_removed_fields_once_each()
    {
        Store.HashSet("hd:a", Entries(4));
        Assert.Equal(2, Store.HashDelete("hd:a", ["f0", "nope", "f2", "f0"]));
        Assert.Equal(["f1=v1", "f3=v3"], Render(Store.HashGetAll("hd:a")));
        Assert.False(Store.HashDelete("hd:a", "f0"));
        Assert.True(Store.HashDelete("hd:a", "f1"));
        Assert.Equal(0, Store.HashDelete("hd:missing", ["f"]));
        Assert.False(Store.HashDelete("hd:missing", "f"));
        Assert.False(Store.KeyExists("hd:missing"));
    }

    [Fact]
    public void Removing_the_last_field_deletes_the_key_in_both_encodings()
    {
        Store.HashSet("hd:small", Entries(3));
        Store.KeyExpire("hd:small", TimeSpan.FromSeconds(50));
        Assert.Equal(3, Store.HashDelete("hd:small", ["f0", "f1", "f2"]));
        Assert.False(Store.KeyExists("hd:small"));
        Assert.Equal(RedisType.None, Store.KeyType("hd:small"));

        Store.HashSet("hd:big", Entries(600));
        Assert.False(IsCompact(Store, "hd:big"));
        for (var i = 0; i < 599; i++)
        {
            Assert.True(Store.HashDelete("hd:big", $"f{i}"));
        }

        Assert.Equal(1, Store.HashLength("hd:big"));
        Assert.True(Store.HashDelete("hd:big", "f599"));
        Assert.False(Store.KeyExists("hd:big"));
        Assert.Equal(0, Store.DatabaseSize());
    }

    [Fact]
    public void A_failed_write_on_a_new_key_leaves_no_empty_hash()
    {
        RedisAssert.Throws(ErrorMessages.HashIncrementNaNOrInfinity, () => Store.HashIncrement("hd:new", "f", double.PositiveInfinity));
        RedisAssert.Throws(ErrorMessages.NotFloat, () => Store.HashIncrement("hd:new", "f", double.NaN));
        Assert.Throws<ArgumentException>(() => Store.HashSet("hd:new", [new("f", "v"), new("g", RedisValue.Null)]));
        Assert.False(Store.KeyExists("hd:new"));
        Assert.Equal(0, Store.DatabaseSize());
    }
}
