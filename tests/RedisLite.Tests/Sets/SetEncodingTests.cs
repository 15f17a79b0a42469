using FsCheck;
using FsCheck.Fluent;
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

        Assert.Equal(SetValue.SetEncoding.Intset, set.Encoding);
        Assert.True(set.Add("1000000"));
        Assert.Equal(SetValue.SetEncoding.Hashtable, set.Encoding);
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
    public void A_member_that_is_not_a_canonical_integer_packs_a_small_intset(string member)
    {
        var set = NewSet();
        set.Add(5);
        set.Add(-2);
        Assert.Equal(SetValue.SetEncoding.Intset, set.Encoding);

        Assert.True(set.Add(member));
        Assert.Equal(SetValue.SetEncoding.Listpack, set.Encoding);
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
        Assert.Equal(SetValue.SetEncoding.Intset, set.Encoding);
    }

    [Fact]
    public void Encodings_never_go_back_and_copies_are_independent()
    {
        var packed = NewSet();
        packed.Add("x");
        packed.Add(1);
        packed.Remove("x");
        Assert.Equal(SetValue.SetEncoding.Listpack, packed.Encoding);

        var table = NewSet();
        table.Add(new string('x', 65));
        table.Remove(new string('x', 65));
        table.Add(1);
        Assert.Equal(SetValue.SetEncoding.Hashtable, table.Encoding);

        var ints = NewSet();
        ints.Add(1);
        foreach (var set in new[] { ints, packed, table })
        {
            var copy = (SetValue)set.CopyTo("c"u8.ToArray());
            Assert.Equal(set.Encoding, copy.Encoding);
            copy.Add(2);
            copy.Remove(1);
            Assert.True(set.Contains(1));
            Assert.False(set.Contains(2));
            Assert.Equal(1, set.Count);
            Assert.Equal(1, copy.Count);
        }

        Assert.Equal(RedisType.Set, table.Type);
    }

    [Fact]
    public void A_packed_set_converts_past_its_limit_or_for_a_member_over_64_bytes()
    {
        var many = NewSet();
        for (var i = 0; i < PackedSet.MaxEntries; i++)
        {
            Assert.True(many.Add("m" + i));
        }

        Assert.Equal(SetValue.SetEncoding.Listpack, many.Encoding);
        Assert.False(many.Add("m5"));
        Assert.True(many.Add("new"));
        Assert.Equal(SetValue.SetEncoding.Hashtable, many.Encoding);
        Assert.All(Enumerable.Range(0, PackedSet.MaxEntries), i => Assert.True(many.Contains("m" + i)));
        Assert.True(many.Contains("new"));

        var wide = NewSet();
        wide.Add("a");
        wide.Add(new string('y', 64));
        Assert.Equal(SetValue.SetEncoding.Listpack, wide.Encoding);
        wide.Add(new string('z', 65));
        Assert.Equal(SetValue.SetEncoding.Hashtable, wide.Encoding);
        Assert.Equal(3, wide.Count);
        Assert.True(wide.Contains(new string('y', 64)));

        var bigInts = NewSet();
        for (var i = 0; i < PackedSet.MaxEntries; i++)
        {
            bigInts.Add(i);
        }

        bigInts.Add("s");
        Assert.Equal(SetValue.SetEncoding.Hashtable, bigInts.Encoding);
        Assert.True(bigInts.Contains("31"));
        Assert.Equal(PackedSet.MaxEntries + 1, bigInts.Count);
    }

    [Fact]
    public void A_packed_set_reads_and_removes_by_index_and_scans_whole()
    {
        var set = NewSet();
        string[] members = ["a", "", "bb", "10", "ccc"];
        foreach (var m in members)
        {
            set.Add(m);
        }

        Assert.Equal(SetValue.SetEncoding.Listpack, set.Encoding);
        Assert.Equal(members, set.ToArray().Select(v => v.ToString()));
        Assert.Equal("bb", set.ElementAt(2).ToString());
        set.RemoveAt(2);
        Assert.Equal(["a", "", "10", "ccc"], set.ToArray().Select(v => v.ToString()));
        Assert.True(set.Contains(10));

        var found = new List<RedisValue>();
        Assert.Equal(0UL, set.Scan(77, "?*"u8.ToArray(), 1, found));
        Assert.Equal(["a", "10", "ccc"], found.Select(v => v.ToString()));

        while (set.Count > 0)
        {
            set.RemoveAt(0);
        }

        Assert.True(set.IsEmpty);
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

    [Fact]
    public void Random_changes_across_every_encoding_agree_with_a_hash_set()
    {
        // Small integers keep sets in the intset, short strings move them to the packed form, and long strings or
        // many members to the table; removals by value and by index are mixed in.
        var member = Gen.Frequency(
            (4, Gen.Choose(-40, 600).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))),
            (2, Gen.Choose(0, 50).Select(i => "s" + i)),
            (1, Gen.Choose(0, 5).Select(i => new string('w', 60 + i))));
        var steps = Gen.Zip(Gen.Choose(0, 9), member).ArrayOf();
        var property = Prop.ForAll(steps.ToArbitrary(), ops =>
        {
            var set = NewSet();
            var model = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (op, m) in ops)
            {
                if (op < 6)
                {
                    if (set.Add(m) != model.Add(m))
                    {
                        return false;
                    }
                }
                else if (op < 8)
                {
                    if (set.Remove(m) != model.Remove(m))
                    {
                        return false;
                    }
                }
                else if (set.Count > 0)
                {
                    var index = m.Length % (int)set.Count;
                    model.Remove(set.ElementAt(index).ToString()!);
                    set.RemoveAt(index);
                }

                if (set.Count != model.Count || !set.Contains(m) == model.Contains(m))
                {
                    return false;
                }
            }

            var members = set.ToArray().Select(v => v.ToString()!).ToList();
            return members.Count == model.Count && model.SetEquals(members);
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(400).WithEndSize(400), property);
    }
}
