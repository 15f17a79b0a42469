using RedisLite.Tests.Infrastructure;

namespace RedisLite.Tests.Sets;

/// <summary>SMOVE: atomic, with Redis's order of checks.</summary>
public sealed class SetMoveTests : IDisposable
{
    private readonly TestStore _t = new();

    private DataStore Store => _t.Store;

    public void Dispose() => _t.Dispose();

    [Fact]
    public void Move_transfers_a_member_creates_the_destination_and_deletes_an_empty_source()
    {
        Store.SetAdd("mv:a", ["x", "1"]);

        Assert.True(Store.SetMove("mv:a", "mv:b", "x"));
        Assert.False(Store.SetMove("mv:a", "mv:b", "x"));
        SetAssert.Members(["1"], Store.SetMembers("mv:a"));
        SetAssert.Members(["x"], Store.SetMembers("mv:b"));

        Assert.True(Store.SetMove("mv:a", "mv:b", 1));
        Assert.False(Store.KeyExists("mv:a"));
        SetAssert.Members(["1", "x"], Store.SetMembers("mv:b"));
    }

    [Fact]
    public void A_member_already_in_the_destination_still_leaves_the_source()
    {
        Store.SetAdd("mvd:a", ["x", "y"]);
        Store.SetAdd("mvd:b", ["x"]);

        Assert.True(Store.SetMove("mvd:a", "mvd:b", "x"));
        SetAssert.Members(["y"], Store.SetMembers("mvd:a"));
        SetAssert.Members(["x"], Store.SetMembers("mvd:b"));
    }

    [Fact]
    public void A_missing_source_replies_false_before_any_type_check()
    {
        Store.StringSet("mvt:str", "v");
        Store.SetAdd("mvt:set", "x");

        Assert.False(Store.SetMove("mvt:missing", "mvt:str", "x"));
        RedisAssert.Throws(ErrorMessages.WrongType, () => Store.SetMove("mvt:str", "mvt:set", "x"));
        RedisAssert.Throws(ErrorMessages.WrongType, () => Store.SetMove("mvt:str", "mvt:missing", "x"));
        RedisAssert.Throws(ErrorMessages.WrongType, () => Store.SetMove("mvt:set", "mvt:str", "x"));
        RedisAssert.Throws(ErrorMessages.WrongType, () => Store.SetMove("mvt:set", "mvt:str", "not-a-member"));
        RedisAssert.Throws(ErrorMessages.WrongType, () => Store.SetMove("mvt:str", "mvt:str", "x"));
        SetAssert.Members(["x"], Store.SetMembers("mvt:set"));
        Assert.False(Store.KeyExists("mvt:missing"));
    }

    [Fact]
    public void Moving_within_one_key_only_tests_membership()
    {
        Store.SetAdd("mvs:a", ["x"]);
        Assert.True(Store.SetMove("mvs:a", "mvs:a", "x"));
        Assert.False(Store.SetMove("mvs:a", "mvs:a", "y"));
        SetAssert.Members(["x"], Store.SetMembers("mvs:a"));
    }

    [Fact]
    public void Ttls_stay_with_their_keys()
    {
        Store.SetAdd("mvttl:a", ["x", "y"]);
        Store.SetAdd("mvttl:b", ["z"]);
        Store.KeyExpire("mvttl:a", TimeSpan.FromSeconds(50));
        Store.KeyExpire("mvttl:b", TimeSpan.FromSeconds(60));

        Assert.True(Store.SetMove("mvttl:a", "mvttl:b", "x"));
        Assert.Equal(TimeSpan.FromSeconds(50), Store.KeyTimeToLive("mvttl:a"));
        Assert.Equal(TimeSpan.FromSeconds(60), Store.KeyTimeToLive("mvttl:b"));

        Assert.True(Store.SetMove("mvttl:a", "mvttl:c", "y"));
        Assert.Null(Store.KeyTimeToLive("mvttl:c"));
    }

    [Fact]
    public void Concurrent_moves_never_lose_or_duplicate_members()
    {
        var members = Enumerable.Range(0, 200).Select(i => (RedisValue)("m" + i)).ToArray();
        Store.SetAdd("mvc:a", members);
        RedisKey[] keys = ["mvc:a", "mvc:b", "mvc:c"];
        Parallel.For(0, 4, worker =>
        {
            var random = new Random(worker);
            for (var i = 0; i < 5000; i++)
            {
                Store.SetMove(keys[random.Next(3)], keys[random.Next(3)], members[random.Next(members.Length)]);
            }
        });

        var all = keys.SelectMany(k => Store.SetMembers(k)).ToList();
        SetAssert.Members(members.Select(m => m.ToString()!), all);
    }
}
