using RedisLite.Tests.Infrastructure;

namespace RedisLite.Tests.Sets;

/// <summary>SADD, SREM, SISMEMBER, SMISMEMBER, SCARD and SMEMBERS.</summary>
public sealed class SetMembershipTests : IDisposable
{
    private readonly TestStore _t = new();

    private DataStore Store => _t.Store;

    public void Dispose() => _t.Dispose();

    [Fact]
    public void Add_counts_only_new_members_and_creates_the_key()
    {
        Assert.True(Store.SetAdd("add:a", "x"));
        Assert.False(Store.SetAdd("add:a", "x"));
        Assert.Equal(2, Store.SetAdd("add:a", ["y", "z", "y", "x"]));
        Assert.Equal(3, Store.SetLength("add:a"));
        Assert.Equal(RedisType.Set, Store.KeyType("add:a"));
        SetAssert.Members(["x", "y", "z"], Store.SetMembers("add:a"));
    }

    [Fact]
    public void Members_are_binary_safe_and_numbers_match_their_text()
    {
        byte[] binary = [0, 0xFF, (byte)'a', 0];
        Store.SetAdd("bin:a", [binary, "", 42, "42", 1.5, "-0", "007"]);

        Assert.Equal(6, Store.SetLength("bin:a"));
        Assert.True(Store.SetContains("bin:a", binary));
        Assert.True(Store.SetContains("bin:a", ""));
        Assert.True(Store.SetContains("bin:a", "42"));
        Assert.True(Store.SetContains("bin:a", 42));
        Assert.True(Store.SetContains("bin:a", "1.5"));
        Assert.True(Store.SetContains("bin:a", "-0"));
        Assert.False(Store.SetContains("bin:a", "0"));
        Assert.False(Store.SetContains("bin:a", "7"));
    }

    [Fact]
    public void Integer_members_keep_their_exact_text()
    {
        Store.SetAdd("int:a", ["10", "-3", "0", "9223372036854775807", "-9223372036854775808"]);

        Assert.False(Store.SetContains("int:a", "010"));
        Assert.False(Store.SetContains("int:a", "+10"));
        Assert.False(Store.SetContains("int:a", "-0"));
        Assert.True(Store.SetContains("int:a", long.MinValue));
        SetAssert.Members(["-3", "-9223372036854775808", "0", "10", "9223372036854775807"], Store.SetMembers("int:a"));
    }

    [Fact]
    public void Remove_counts_removed_members_and_deletes_the_key_when_empty()
    {
        Store.SetAdd("rem:a", ["a", "b", "c"]);

        Assert.False(Store.SetRemove("rem:a", "zz"));
        Assert.True(Store.SetRemove("rem:a", "a"));
        Assert.Equal(1, Store.SetRemove("rem:a", ["b", "b", "q"]));
        Assert.True(Store.KeyExists("rem:a"));
        Assert.Equal(1, Store.SetRemove("rem:a", ["c", "d"]));
        Assert.False(Store.KeyExists("rem:a"));
        Assert.False(Store.SetRemove("rem:a", "c"));
        Assert.Equal(0, Store.SetRemove("rem:missing", ["c"]));
    }

    [Fact]
    public void Reads_of_a_missing_key_are_empty()
    {
        Assert.Empty(Store.SetMembers("miss:a"));
        Assert.Equal(0, Store.SetLength("miss:a"));
        Assert.False(Store.SetContains("miss:a", "x"));
        Assert.Equal([false, false], Store.SetContains("miss:a", ["x", "y"]));
        Assert.False(Store.KeyExists("miss:a"));
    }

    [Fact]
    public void Multi_membership_answers_in_order()
    {
        Store.SetAdd("mis:a", ["a", "1", "c"]);
        Assert.Equal([true, false, true, true, false], Store.SetContains("mis:a", ["a", "b", "c", 1, "01"]));
    }

    [Fact]
    public void Every_command_rejects_a_key_of_another_type_and_changes_nothing()
    {
        Store.StringSet("wt:s", "v");

        RedisAssert.Throws(ErrorMessages.WrongType, () => Store.SetAdd("wt:s", "x"));
        RedisAssert.Throws(ErrorMessages.WrongType, () => Store.SetAdd("wt:s", ["x"]));
        RedisAssert.Throws(ErrorMessages.WrongType, () => Store.SetRemove("wt:s", "x"));
        RedisAssert.Throws(ErrorMessages.WrongType, () => Store.SetRemove("wt:s", ["x"]));
        RedisAssert.Throws(ErrorMessages.WrongType, () => Store.SetMembers("wt:s"));
        RedisAssert.Throws(ErrorMessages.WrongType, () => Store.SetContains("wt:s", "x"));
        RedisAssert.Throws(ErrorMessages.WrongType, () => Store.SetContains("wt:s", ["x"]));
        RedisAssert.Throws(ErrorMessages.WrongType, () => Store.SetLength("wt:s"));
        RedisAssert.Throws(ErrorMessages.WrongType, () => Store.SetPop("wt:s"));
        RedisAssert.Throws(ErrorMessages.WrongType, () => Store.SetPop("wt:s", 0));
        RedisAssert.Throws(ErrorMessages.WrongType, () => Store.SetRandomMember("wt:s"));
        RedisAssert.Throws(ErrorMessages.WrongType, () => Store.SetRandomMembers("wt:s", 0));
        RedisAssert.Throws(ErrorMessages.WrongType, () => Store.SetScan("wt:s", 0, count: 0));
        Assert.Equal(typeof(RedisWrongTypeException), Assert.ThrowsAny<RedisException>(() => Store.SetAdd("wt:s", "x")).GetType());
        RedisAssert.Value("v", Store.StringGet("wt:s"));
    }

    [Fact]
    public void Empty_arrays_and_null_arguments_are_rejected()
    {
        RedisAssert.Throws(ErrorMessages.WrongArgumentCount("sadd"), () => Store.SetAdd("arg:a", []));
        RedisAssert.Throws(ErrorMessages.WrongArgumentCount("srem"), () => Store.SetRemove("arg:a", []));
        RedisAssert.Throws(ErrorMessages.WrongArgumentCount("smismember"), () => Store.SetContains("arg:a", Array.Empty<RedisValue>()));
        Assert.Throws<ArgumentNullException>(() => Store.SetAdd("arg:a", (RedisValue[])null!));
        Assert.Throws<ArgumentException>(() => Store.SetAdd("arg:a", RedisValue.Null));
        Assert.Throws<ArgumentException>(() => Store.SetAdd("arg:a", ["x", RedisValue.Null]));
        Assert.Throws<ArgumentException>(() => Store.SetAdd(default, "x"));
        Assert.False(Store.KeyExists("arg:a"));
    }

    [Fact]
    public void A_ttl_is_kept_when_the_set_changes_and_the_set_expires_with_it()
    {
        Store.SetAdd("ttl:a", ["a", "b"]);
        Assert.True(Store.KeyExpire("ttl:a", TimeSpan.FromSeconds(10)));

        Store.SetAdd("ttl:a", "c");
        Store.SetRemove("ttl:a", "a");
        Store.SetPop("ttl:a", 1);
        Assert.Equal(TimeSpan.FromSeconds(10), Store.KeyTimeToLive("ttl:a"));

        _t.Advance(10_001);
        Assert.Equal(0, Store.SetLength("ttl:a"));
        Assert.True(Store.SetAdd("ttl:a", "new"));
        Assert.Null(Store.KeyTimeToLive("ttl:a"));
    }

    [Fact]
    public void Copy_is_independent_and_rename_keeps_the_set()
    {
        Store.SetAdd("cp:a", ["1", "2", "x"]);
        Assert.True(Store.KeyCopy("cp:a", "cp:b"));
        Store.SetAdd("cp:b", "y");
        Store.SetRemove("cp:a", "1");

        SetAssert.Members(["2", "x"], Store.SetMembers("cp:a"));
        SetAssert.Members(["1", "2", "x", "y"], Store.SetMembers("cp:b"));

        Assert.True(Store.KeyRename("cp:b", "cp:c"));
        SetAssert.Members(["1", "2", "x", "y"], Store.SetMembers("cp:c"));
        Assert.Equal(RedisType.Set, Store.KeyType("cp:c"));
    }
}
