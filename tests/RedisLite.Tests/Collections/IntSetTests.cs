using FsCheck;
using FsCheck.Fluent;
using RedisLite.Collections;

namespace RedisLite.Tests.Collections;

/// <summary><see cref="IntSet"/>: sorted, distinct, and as narrow as its widest member allows.</summary>
public sealed class IntSetTests
{
    private static long[] Members(IntSet set) => Enumerable.Range(0, set.Count).Select(i => set[i]).ToArray();

    [Fact]
    public void Width_grows_with_the_widest_member_and_order_is_kept()
    {
        var set = new IntSet();
        Assert.True(set.Add(5));
        Assert.True(set.Add(-32768));
        Assert.True(set.Add(32767));
        Assert.False(set.Add(5));
        Assert.Equal(2, set.Width);

        Assert.True(set.Add(40_000));
        Assert.Equal(4, set.Width);
        Assert.True(set.Add(-40_000));
        Assert.True(set.Add(long.MinValue));
        Assert.Equal(8, set.Width);
        Assert.True(set.Add(long.MaxValue));

        Assert.Equal([long.MinValue, -40_000, -32768, 5, 32767, 40_000, long.MaxValue], Members(set));
        Assert.Equal(3, set.IndexOf(5));
        Assert.Equal(~4, set.IndexOf(6));
    }

    [Fact]
    public void A_wide_value_searched_in_a_narrow_set_is_absent_at_an_end()
    {
        var set = new IntSet();
        set.Add(1);
        set.Add(2);
        Assert.Equal(~0, set.IndexOf(-100_000));
        Assert.Equal(~2, set.IndexOf(100_000));
        Assert.Equal(~2, set.IndexOf(long.MaxValue));
        Assert.Equal(2, set.Width);

        set.Add(3_000_000_000);
        Assert.Equal(8, set.Width);
        Assert.Equal([1L, 2L, 3_000_000_000L], Members(set));
    }

    [Fact]
    public void A_clone_is_independent_and_removal_empties()
    {
        var set = new IntSet();
        set.Add(1);
        set.Add(70_000);
        var clone = set.Clone();
        clone.Add(2);
        set.RemoveAt(0);

        Assert.Equal([70_000L], Members(set));
        Assert.Equal([1L, 2L, 70_000L], Members(clone));
        set.RemoveAt(0);
        Assert.Equal(0, set.Count);
        Assert.True(set.Add(9));
    }

    [Fact]
    public void Random_adds_and_removes_agree_with_a_sorted_set()
    {
        var values = Gen.Frequency(
            (3, Gen.Choose(-50, 50).Select(i => (long)i)),
            (2, Gen.Choose(-100_000, 100_000).Select(i => (long)i * 30_000)),
            (1, Gen.Elements(long.MinValue, long.MaxValue, short.MinValue, short.MaxValue + 1L, int.MinValue - 1L, int.MaxValue)));
        var steps = Gen.Zip(Gen.Elements(true, true, false), values).ArrayOf();
        var property = Prop.ForAll(steps.ToArbitrary(), ops =>
        {
            var set = new IntSet();
            var model = new SortedSet<long>();
            foreach (var (add, value) in ops)
            {
                if (add)
                {
                    if (set.Add(value) != model.Add(value))
                    {
                        return false;
                    }
                }
                else
                {
                    var at = set.IndexOf(value);
                    if ((at >= 0) != model.Remove(value))
                    {
                        return false;
                    }

                    if (at >= 0)
                    {
                        set.RemoveAt(at);
                    }
                }
            }

            // Never narrower than the widest member needs (it may stay wider after removals, as Redis's does).
            var needed = model.Count == 0 ? 2 : model.Max(v => v is >= short.MinValue and <= short.MaxValue ? 2 : v is >= int.MinValue and <= int.MaxValue ? 4 : 8);
            return Members(set).SequenceEqual(model) && set.Width >= needed;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), property);
    }
}
