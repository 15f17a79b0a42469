using RedisLite.Collections;

namespace RedisLite.Tests.Sets;

/// <summary>The intset and table encodings of <see cref="SetValue"/> and the conversion between them.</summary>
public sealed class SetEncodingTests
{
    private static SetValue NewSet() => new("enc"u8.ToArray());

    [Fact]
    public void Canonical_integers_stay_in_an_intset_up_to_the_limit()
    {
        var set = NewSet();
        for (var i = 0; i < SetValue.MaxIntsetEntries; i++)
        {
            Assert.True(set.Add(i * 3 - 700));
        }

        Assert.True(set.IsIntset);
        Assert.True(set.Add("1000000"));
        Assert.False(set.IsIntset);
        Assert.Equal(SetValue.MaxIntsetEntries + 1, set.Count);
        Assert.True(set.Contains(-700));
        Assert.True(set.Contains("-700"));
        Assert.True(set.Contains(1_000_000));
    }

    [Theory]
    [InlineData("01")]
    [InlineData("-0")]
    [InlineData("+1")]
    [InlineData(" 1")]
    [InlineData("1.0")]
    [InlineData("9223372036854775808")]
    [InlineData("abc")]
    [InlineData("")]
    public void A_member_that_is_not_a_canonical_integer_converts_to_a_table(string member)
    {
        var set = NewSet();
        set.Add(5);
        set.Add(-2);
        Assert.True(set.IsIntset);

        Assert.True(set.Add(member));
        Assert.False(set.IsIntset);
        Assert.True(set.Contains(member));
        Assert.True(set.Contains("5"));
        Assert.True(set.Contains("-2"));
        Assert.False(set.Contains("2"));
        Assert.Equal(3, set.Count);
    }

    [Fact]
    public void An_intset_lists_its_members_in_ascending_order_and_never_holds_duplicates()
    {
        var set = NewSet();
        foreach (var n in new long[] { 5, -1, long.MaxValue, 0, long.MinValue, 5, 3 })
        {
            set.Add(n);
        }

        Assert.Equal(["-9223372036854775808", "-1", "0", "3", "5", "9223372036854775807"], set.ToArray().Select(v => v.ToString()));
        Assert.True(set.Remove("0"));
        Assert.False(set.Remove("0"));
        Assert.False(set.Remove("x"));
        Assert.Equal(5, set.Count);
        Assert.True(set.IsIntset);
    }

    [Fact]
    public void A_table_does_not_go_back_to_an_intset_and_copies_are_independent()
    {
        var set = NewSet();
        set.Add("x");
        set.Add(1);
        set.Remove("x");
        Assert.False(set.IsIntset);

        var ints = NewSet();
        ints.Add(1);
        var intsCopy = (SetValue)ints.CopyTo("c"u8.ToArray());
        var tableCopy = (SetValue)set.CopyTo("d"u8.ToArray());
        intsCopy.Add(2);
        tableCopy.Add(2);
        Assert.Equal(1, ints.Count);
        Assert.Equal(1, set.Count);
        Assert.Equal(2, intsCopy.Count);
        Assert.Equal(2, tableCopy.Count);
        Assert.Equal(RedisType.Set, set.Type);
    }

    [Fact]
    public void Draining_an_intset_by_index_removes_every_member()
    {
        var set = NewSet();
        for (var i = 0; i < 300; i++)
        {
            set.Add(i);
        }

        var random = new Random(3);
        var removed = new HashSet<long>();
        while (set.Count > 0)
        {
            var index = random.Next((int)set.Count);
            Assert.True(removed.Add((long)set.ElementAt(index)));
            set.RemoveAt(index);
        }

        Assert.Equal(300, removed.Count);
        Assert.True(set.IsEmpty);
    }
}
