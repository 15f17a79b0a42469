using System.Text;
using RedisLite.Tests.Infrastructure;
using static RedisLite.Tests.Hashes.HashTestData;

namespace RedisLite.Tests.Hashes;

public sealed class HashSetGetTests : IDisposable
{
    private readonly TestStore _t = new();

    private DataStore Store => _t.Store;

    public void Dispose() => _t.Dispose();

    [Fact]
    public void Hset_counts_only_added_fields_and_the_last_duplicate_wins()
    {
        Assert.Equal(2, Store.HashSet("hs:a", [new("f1", "1"), new("f2", "2")]));
        Assert.Equal(1, Store.HashSet("hs:a", [new("f1", "x"), new("f3", "3"), new("f3", "33")]));
        Assert.Equal(["f1=x", "f2=2", "f3=33"], Render(Store.HashGetAll("hs:a")));
        Assert.Equal(RedisType.Hash, Store.KeyType("hs:a"));
        Assert.Equal(3, Store.HashLength("hs:a"));
    }

    [Fact]
    public void Single_field_hset_and_hsetnx()
    {
        Assert.True(Store.HashSet("hs:one", "f", "1"));
        Assert.False(Store.HashSet("hs:one", "f", "2"));
        RedisAssert.Value("2", Store.HashGet("hs:one", "f"));
        Assert.False(Store.HashSet("hs:one", "f", "3", When.NotExists));
        RedisAssert.Value("2", Store.HashGet("hs:one", "f"));
        Assert.True(Store.HashSet("hs:one", "g", "4", When.NotExists));
        Assert.True(Store.HashSet("hs:nx", "g", "4", When.NotExists));
        RedisAssert.Value("4", Store.HashGet("hs:nx", "g"));
        Assert.Throws<ArgumentOutOfRangeException>(() => Store.HashSet("hs:one", "f", "5", When.Exists));
        RedisAssert.Value("2", Store.HashGet("hs:one", "f"));
    }

    [Fact]
    public void Small_hashes_keep_insertion_order_through_updates_and_deletes()
    {
        Store.HashSet("hs:order", [new("c", "1"), new("a", "2"), new("b", "3"), new("d", "4")]);
        Store.HashSet("hs:order", "a", "22");
        Store.HashDelete("hs:order", "b");
        Store.HashSet("hs:order", "e", "5");
        Store.HashSet("hs:order", "b", "33");
        Assert.Equal(["c=1", "a=22", "d=4", "e=5", "b=33"], Render(Store.HashGetAll("hs:order")));
        Assert.Equal(["c", "a", "d", "e", "b"], Store.HashKeys("hs:order").Select(v => v.ToString()));
        Assert.Equal(["1", "22", "4", "5", "33"], Store.HashValues("hs:order").Select(v => v.ToString()));
    }

    [Fact]
    public void Missing_keys_and_fields_read_as_nothing()
    {
        Store.HashSet("hs:m", "f", "v");
        Assert.True(Store.HashGet("hs:m", "nope").IsNull);
        Assert.True(Store.HashGet("hs:missing", "f").IsNull);
        Assert.Empty(Store.HashGetAll("hs:missing"));
        Assert.Empty(Store.HashKeys("hs:missing"));
        Assert.Empty(Store.HashValues("hs:missing"));
        Assert.Equal(0, Store.HashLength("hs:missing"));
        Assert.Equal(0, Store.HashStringLength("hs:missing", "f"));
        Assert.Equal(0, Store.HashStringLength("hs:m", "nope"));
        Assert.False(Store.HashExists("hs:missing", "f"));
        Assert.False(Store.HashExists("hs:m", "nope"));
        Assert.True(Store.HashExists("hs:m", "f"));
        Assert.False(Store.KeyExists("hs:missing"));
    }

    [Fact]
    public void Hmget_returns_one_value_per_field()
    {
        Store.HashSet("hs:mget", [new("a", "1"), new("b", "")]);
        var values = Store.HashGet("hs:mget", ["a", "x", "b", "a"]);
        Assert.Equal(["1", null, "", "1"], values.Select(v => v.ToString()));
        Assert.All(Store.HashGet("hs:none", ["a", "b"]), v => Assert.True(v.IsNull));
    }

    [Fact]
    public void Binary_fields_and_values_round_trip_and_hstrlen_counts_bytes()
    {
        byte[] field = [0x00, 0xFF, (byte)'f'];
        byte[] value = [0x00, 0x0D, 0x0A, 0xFE];
        Store.HashSet("hs:bin", field, value);
        Store.HashSet("hs:bin", "utf8", "h\u00e9");
        Assert.Equal(value, Store.HashGet("hs:bin", field).ToArray());
        Assert.Equal(4, Store.HashStringLength("hs:bin", field));
        Assert.Equal(3, Store.HashStringLength("hs:bin", "utf8"));
        Assert.True(Store.HashGet("hs:bin", new byte[] { 0x00, 0xFF }).IsNull);
        Store.HashSet("hs:num", 42, 1.5);
        RedisAssert.Value("1.5", Store.HashGet("hs:num", "42"));
    }

    [Fact]
    public void Every_command_rejects_a_key_of_another_type()
    {
        Store.StringSet("hs:str", "x");
        var e = ErrorMessages.WrongType;
        RedisAssert.Throws(e, () => Store.HashSet("hs:str", "f", "v"));
        RedisAssert.Throws(e, () => Store.HashSet("hs:str", "f", "v", When.NotExists));
        RedisAssert.Throws(e, () => Store.HashSet("hs:str", [new("f", "v")]));
        RedisAssert.Throws(e, () => Store.HashGet("hs:str", "f"));
        RedisAssert.Throws(e, () => Store.HashGet("hs:str", ["f"]));
        RedisAssert.Throws(e, () => Store.HashGetAll("hs:str"));
        RedisAssert.Throws(e, () => Store.HashDelete("hs:str", "f"));
        RedisAssert.Throws(e, () => Store.HashDelete("hs:str", ["f"]));
        RedisAssert.Throws(e, () => Store.HashExists("hs:str", "f"));
        RedisAssert.Throws(e, () => Store.HashLength("hs:str"));
        RedisAssert.Throws(e, () => Store.HashKeys("hs:str"));
        RedisAssert.Throws(e, () => Store.HashValues("hs:str"));
        RedisAssert.Throws(e, () => Store.HashStringLength("hs:str", "f"));
        RedisAssert.Throws(e, () => Store.HashIncrement("hs:str", "f", 1));
        RedisAssert.Throws(e, () => Store.HashIncrement("hs:str", "f", 1.5));
        RedisAssert.Throws(e, () => Store.HashRandomField("hs:str"));
        RedisAssert.Throws(e, () => Store.HashRandomFields("hs:str", 0));
        RedisAssert.Throws(e, () => Store.HashRandomFieldsWithValues("hs:str", -2));
        RedisAssert.Throws(e, () => Store.HashScan("hs:str", 0));
        RedisAssert.Value("x", Store.StringGet("hs:str"));
    }

    [Fact]
    public void Empty_arrays_are_redis_argument_errors_and_nulls_are_rejected()
    {
        RedisAssert.Throws(ErrorMessages.WrongArgumentCount("hset"), () => Store.HashSet("hs:args", []));
        RedisAssert.Throws(ErrorMessages.WrongArgumentCount("hmget"), () => Store.HashGet("hs:args", Array.Empty<RedisValue>()));
        RedisAssert.Throws(ErrorMessages.WrongArgumentCount("hdel"), () => Store.HashDelete("hs:args", Array.Empty<RedisValue>()));
        Assert.Throws<ArgumentNullException>(() => Store.HashSet("hs:args", (HashEntry[])null!));
        Assert.Throws<ArgumentNullException>(() => Store.HashGet("hs:args", (RedisValue[])null!));
        Assert.Throws<ArgumentException>(() => Store.HashSet("hs:args", RedisValue.Null, "v"));
        Assert.Throws<ArgumentException>(() => Store.HashSet("hs:args", "f", RedisValue.Null));
        Assert.Throws<ArgumentException>(() => Store.HashSet("hs:args", [new("f", "v"), new("g", RedisValue.Null)]));
        Assert.Throws<ArgumentException>(() => Store.HashGet(default, "f"));
        Assert.Throws<ArgumentException>(() => Store.HashDelete("hs:args", ["f", RedisValue.Null]));
        Assert.False(Store.KeyExists("hs:args"));
    }

    [Fact]
    public void Writes_keep_the_ttl()
    {
        Store.HashSet("hs:ttl", "f", "1");
        Store.KeyExpire("hs:ttl", TimeSpan.FromSeconds(100));
        Store.HashSet("hs:ttl", "g", "2");
        Store.HashSet("hs:ttl", [new("h", "3")]);
        Store.HashSet("hs:ttl", "i", "4", When.NotExists);
        Store.HashIncrement("hs:ttl", "n", 5);
        Store.HashIncrement("hs:ttl", "x", 1.5);
        Store.HashDelete("hs:ttl", "f");
        Assert.Equal(TimeSpan.FromSeconds(100), Store.KeyTimeToLive("hs:ttl"));
        _t.Advance(100_001);
        Assert.False(Store.KeyExists("hs:ttl"));
        Assert.Equal(0, Store.HashLength("hs:ttl"));
        Assert.True(Store.HashSet("hs:ttl", "f", "new"));
        Assert.Null(Store.KeyTimeToLive("hs:ttl"));
    }

    [Fact]
    public void Returned_values_do_not_change_when_the_hash_changes()
    {
        Store.HashSet("hs:view", [new("a", "one"), new("b", "two")]);
        var a = Store.HashGet("hs:view", "a");
        var all = Store.HashGetAll("hs:view");
        Store.HashSet("hs:view", "a", "ONE!");
        Store.HashDelete("hs:view", "b");
        Store.HashSet("hs:view", "c", "three");
        Store.HashSet("hs:view", Encoding.ASCII.GetString(new byte[100]), "big");
        Store.HashDelete("hs:view", "a");
        RedisAssert.Value("one", a);
        Assert.Equal(["a=one", "b=two"], Render(all));
    }

    [Fact]
    public void Copy_rename_and_move_carry_the_hash()
    {
        Store.HashSet("hs:src", [new("a", "1"), new("b", "2")]);
        Assert.True(Store.KeyCopy("hs:src", "hs:copy"));
        Store.HashSet("hs:copy", "a", "changed");
        Store.HashSet("hs:copy", "c", "3");
        Assert.Equal(["a=1", "b=2"], Render(Store.HashGetAll("hs:src")));
        Assert.Equal(["a=changed", "b=2", "c=3"], Render(Store.HashGetAll("hs:copy")));
        Assert.True(Store.KeyRename("hs:src", "hs:renamed"));
        Assert.Equal(["a=1", "b=2"], Render(Store.HashGetAll("hs:renamed")));
        Assert.True(Store.KeyMove("hs:renamed", 1));
        Assert.Equal(["a=1", "b=2"], Render(_t.Db(1).HashGetAll("hs:renamed")));
    }
}
