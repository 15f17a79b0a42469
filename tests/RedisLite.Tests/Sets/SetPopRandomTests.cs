using RedisLite.Tests.Infrastructure;

namespace RedisLite.Tests.Sets;

/// <summary>SPOP and SRANDMEMBER, with and without a count, on both encodings.</summary>
public sealed class SetPopRandomTests : IDisposable
{
    private readonly TestStore _t = new();

    private DataStore Store => _t.Store;

    public void Dispose() => _t.Dispose();

    public static TheoryData<string> Shapes => new() { "ints", "strings", "big" };

    private string[] Fill(string key, string shape)
    {
        var members = shape switch
        {
            "ints" => Enumerable.Range(0, 20).Select(i => (i * 7).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
            "strings" => Enumerable.Range(0, 20).Select(i => "m" + i).ToArray(),
            _ => Enumerable.Range(0, 1000).Select(i => "m" + i).ToArray(),
        };
        Store.SetAdd(key, members.Select(m => (RedisValue)m).ToArray());
        return members;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Pop_one_removes_what_it_returns_until_the_key_is_gone(string shape)
    {
        var key = "pop1:" + shape;
        var members = Fill(key, shape);
        var popped = new List<RedisValue>();
        for (var i = 0; i < members.Length; i++)
        {
            var member = Store.SetPop(key);
            Assert.False(Store.SetContains(key, member));
            popped.Add(member);
        }

        SetAssert.Members(members, popped);
        Assert.False(Store.KeyExists(key));
        Assert.True(Store.SetPop(key).IsNull);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Pop_with_count_returns_distinct_members_and_all_of_them_when_asked_for_more(string shape)
    {
        var key = "popn:" + shape;
        var members = Fill(key, shape);

        Assert.Empty(Store.SetPop(key, 0));
        var first = Store.SetPop(key, 5);
        Assert.Equal(5, first.Distinct().Count());
        Assert.Equal(members.Length - 5, Store.SetLength(key));
        Assert.All(first, m => Assert.False(Store.SetContains(key, m)));

        var rest = Store.SetPop(key, long.MaxValue);
        SetAssert.Members(members, first.Concat(rest));
        Assert.False(Store.KeyExists(key));
        Assert.Empty(Store.SetPop(key, 3));
    }

    [Fact]
    public void Pop_with_a_negative_count_errs_before_the_key_is_looked_at()
    {
        Store.StringSet("popneg:s", "v");
        RedisAssert.Throws(ErrorMessages.MustBePositive, () => Store.SetPop("popneg:s", -1));
        RedisAssert.Throws(ErrorMessages.MustBePositive, () => Store.SetPop("popneg:missing", long.MinValue));
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Random_members_follow_the_sign_of_the_count(string shape)
    {
        var key = "rand:" + shape;
        var members = Fill(key, shape);

        Assert.Contains(Store.SetRandomMember(key).ToString(), members);
        Assert.Empty(Store.SetRandomMembers(key, 0));

        var distinct = Store.SetRandomMembers(key, 7);
        Assert.Equal(7, distinct.Length);
        Assert.Equal(7, distinct.Distinct().Count());
        Assert.All(distinct, m => Assert.Contains(m.ToString(), members));

        SetAssert.Members(members, Store.SetRandomMembers(key, members.Length + 5));

        var repeated = Store.SetRandomMembers(key, -(members.Length * 3));
        Assert.Equal(members.Length * 3, repeated.Length);
        Assert.All(repeated, m => Assert.Contains(m.ToString(), members));
        Assert.True(repeated.Distinct().Count() < repeated.Length);

        Assert.Equal(members.Length, Store.SetLength(key));
    }

    [Fact]
    public void Random_members_of_a_missing_key_and_the_count_limits()
    {
        Assert.True(Store.SetRandomMember("randm:a").IsNull);
        Assert.Empty(Store.SetRandomMembers("randm:a", -5));
        RedisAssert.Throws(ErrorMessages.RandomCountOutOfRange, () => Store.SetRandomMembers("randm:a", long.MinValue));
        Store.SetAdd("randm:b", "x");
        Assert.Equal(["x", "x", "x"], Store.SetRandomMembers("randm:b", -3).Select(v => v.ToString()));
        Assert.Throws<ArgumentOutOfRangeException>(() => Store.SetRandomMembers("randm:b", -long.MaxValue));
    }

    [Theory]
    [InlineData("ints")]
    [InlineData("strings")]
    public void Picks_are_roughly_uniform(string shape)
    {
        var key = "uni:" + shape;
        var members = Fill(key, shape);
        var counts = members.ToDictionary(m => m, _ => 0, StringComparer.Ordinal);
        const int Draws = 20_000;
        foreach (var m in Store.SetRandomMembers(key, -Draws))
        {
            counts[m.ToString()!]++;
        }

        // 1000 expected per member; a fair die stays well within +-30% at this sample size.
        Assert.All(counts.Values, c => Assert.InRange(c, 700, 1300));

        var popCounts = members.ToDictionary(m => m, _ => 0, StringComparer.Ordinal);
        for (var i = 0; i < 4000; i++)
        {
            var copy = key + ":copy";
            Store.KeyCopy(key, copy, replace: true);
            popCounts[Store.SetPop(copy).ToString()!]++;
        }

        Assert.All(popCounts.Values, c => Assert.InRange(c, 100, 300));
    }
}
