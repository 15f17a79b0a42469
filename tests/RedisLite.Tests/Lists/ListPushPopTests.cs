using RedisLite.Tests.Infrastructure;

namespace RedisLite.Tests.Lists;

public sealed class ListPushPopTests : IDisposable
{
    private readonly TestStore _t = new();

    private DataStore Store => _t.Store;

    public void Dispose() => _t.Dispose();

    private string[] Range(RedisKey key) => Store.ListRange(key).Select(v => v.ToString()!).ToArray();

    [Fact]
    public void Left_push_of_many_puts_the_last_first_and_right_push_keeps_order()
    {
        Assert.Equal(3, Store.ListLeftPush("pp:l", ["a", "b", "c"]));
        Assert.Equal(["c", "b", "a"], Range("pp:l"));
        Assert.Equal(5, Store.ListRightPush("pp:l", ["d", "e"]));
        Assert.Equal(["c", "b", "a", "d", "e"], Range("pp:l"));
        Assert.Equal(6, Store.ListLeftPush("pp:l", "z"));
        Assert.Equal(7, Store.ListRightPush("pp:l", 42));
        Assert.Equal(["z", "c", "b", "a", "d", "e", "42"], Range("pp:l"));
        Assert.Equal(RedisType.List, Store.KeyType("pp:l"));
    }

    [Fact]
    public void Pushx_only_pushes_onto_an_existing_list()
    {
        Assert.Equal(0, Store.ListLeftPush("pp:x", "a", When.Exists));
        Assert.Equal(0, Store.ListRightPush("pp:x", ["a", "b"], When.Exists));
        Assert.False(Store.KeyExists("pp:x"));
        Store.ListRightPush("pp:x", "a");
        Assert.Equal(2, Store.ListLeftPush("pp:x", "b", When.Exists));
        Assert.Equal(4, Store.ListRightPush("pp:x", ["c", "d"], When.Exists));
        Assert.Equal(["b", "a", "c", "d"], Range("pp:x"));
        Assert.Throws<ArgumentOutOfRangeException>(() => Store.ListLeftPush("pp:x", "a", When.NotExists));
    }

    [Fact]
    public void Push_rejects_null_and_empty_input()
    {
        Assert.Throws<ArgumentException>(() => Store.ListLeftPush("pp:n", RedisValue.Null));
        Assert.Throws<ArgumentException>(() => Store.ListRightPush("pp:n", ["a", RedisValue.Null]));
        Assert.Throws<ArgumentNullException>(() => Store.ListRightPush("pp:n", (RedisValue[])null!));
        RedisAssert.Throws(ErrorMessages.WrongArgumentCount("lpush"), () => Store.ListLeftPush("pp:n", []));
        RedisAssert.Throws(ErrorMessages.WrongArgumentCount("rpushx"), () => Store.ListRightPush("pp:n", [], When.Exists));
        Assert.Throws<ArgumentException>(() => Store.ListLeftPush(default, "a"));
        Assert.False(Store.KeyExists("pp:n"));
    }

    [Fact]
    public void Pops_return_elements_from_each_end_and_delete_the_emptied_key()
    {
        Store.ListRightPush("pp:p", ["a", "b", "c"]);
        RedisAssert.Value("a", Store.ListLeftPop("pp:p"));
        RedisAssert.Value("c", Store.ListRightPop("pp:p"));
        RedisAssert.Value("b", Store.ListLeftPop("pp:p"));
        Assert.False(Store.KeyExists("pp:p"));
        Assert.True(Store.ListLeftPop("pp:p").IsNull);
        Assert.True(Store.ListRightPop("pp:p").IsNull);
    }

    [Fact]
    public void Pop_with_count_follows_redis()
    {
        Store.ListRightPush("pp:c", ["a", "b", "c", "d"]);
        Assert.Equal(["a", "b"], Store.ListLeftPop("pp:c", 2)!.Select(v => v.ToString()));
        Assert.Empty(Store.ListLeftPop("pp:c", 0)!);
        Assert.Equal(["d", "c"], Store.ListRightPop("pp:c", 10)!.Select(v => v.ToString()));
        Assert.False(Store.KeyExists("pp:c"));
        Assert.Null(Store.ListLeftPop("pp:c", 1));
        Assert.Null(Store.ListRightPop("pp:c", 0));
        RedisAssert.Throws(ErrorMessages.MustBePositive, () => Store.ListLeftPop("pp:c", -1));
        RedisAssert.Throws(ErrorMessages.MustBePositive, () => Store.ListRightPop("pp:c", long.MinValue));
    }

    [Fact]
    public void Wrong_type_is_reported_by_every_command_and_nothing_changes()
    {
        Store.StringSet("pp:s", "v");
        RedisAssert.Throws(ErrorMessages.WrongType, () => Store.ListLeftPush("pp:s", "a"));
        RedisAssert.Throws(ErrorMessages.WrongType, () => Store.ListRightPush("pp:s", "a", When.Exists));
        RedisAssert.Throws(ErrorMessages.WrongType, () => Store.ListLeftPop("pp:s"));
        RedisAssert.Throws(ErrorMessages.WrongType, () => Store.ListRightPop("pp:s", 0));
        RedisAssert.Throws(ErrorMessages.WrongType, () => Store.ListRange("pp:s"));
        RedisAssert.Throws(ErrorMessages.WrongType, () => Store.ListLength("pp:s"));
        RedisAssert.Throws(ErrorMessages.WrongType, () => Store.ListGetByIndex("pp:s", 0));
        RedisAssert.Throws(ErrorMessages.WrongType, () => Store.ListSetByIndex("pp:s", 0, "x"));
        RedisAssert.Throws(ErrorMessages.WrongType, () => Store.ListInsertBefore("pp:s", "a", "b"));
        RedisAssert.Throws(ErrorMessages.WrongType, () => Store.ListRemove("pp:s", "a"));
        RedisAssert.Throws(ErrorMessages.WrongType, () => Store.ListTrim("pp:s", 0, 1));
        RedisAssert.Throws(ErrorMessages.WrongType, () => Store.ListPosition("pp:s", "a"));
        RedisAssert.Throws(ErrorMessages.WrongType, () => Store.ListPositions("pp:s", "a", 0));
        RedisAssert.Value("v", Store.StringGet("pp:s"));
    }

    [Fact]
    public void Modifications_keep_the_ttl()
    {
        Store.ListRightPush("pp:t", ["a", "b", "c"]);
        Store.KeyExpire("pp:t", TimeSpan.FromSeconds(100));
        Store.ListLeftPush("pp:t", "z");
        Store.ListRightPop("pp:t");
        Store.ListSetByIndex("pp:t", 0, "y");
        Store.ListInsertAfter("pp:t", "y", "x");
        Store.ListRemove("pp:t", "x");
        Store.ListTrim("pp:t", 0, 5);
        Assert.Equal(TimeSpan.FromSeconds(100), Store.KeyTimeToLive("pp:t"));
        _t.Advance(100_001);
        Assert.Equal(0, Store.ListLength("pp:t"));
        Assert.Equal(1, Store.ListRightPush("pp:t", "fresh"));
        Assert.Null(Store.KeyTimeToLive("pp:t"));
    }

    [Fact]
    public void Elements_are_binary_safe_and_copied_on_push()
    {
        var bytes = new byte[] { 0, 1, 255, 13, 10 };
        Store.ListRightPush("pp:b", bytes);
        bytes[0] = 99;
        Assert.Equal(new byte[] { 0, 1, 255, 13, 10 }, Store.ListGetByIndex("pp:b", 0).ToArray());
        Store.ListRightPush("pp:b", "");
        Assert.Equal(0, Store.ListRightPop("pp:b").Length);
    }

    [Fact]
    public void Lists_live_in_their_own_database()
    {
        var db1 = _t.Db(1);
        db1.ListRightPush("pp:db", "one");
        Assert.Equal(0, Store.ListLength("pp:db"));
        Assert.Equal(1, db1.ListLength("pp:db"));
    }
}
