using System.Text;
using RedisLite.Collections;

namespace RedisLite.Tests.SortedSets;

/// <summary>Plain sets as ZUNION/ZINTER/ZDIFF/ZINTERCARD inputs (their members score 1, as in Redis), through the
/// <see cref="IMemberSet"/> view the set family implements.</summary>
public sealed class SortedSetSetInputTests
{
    private sealed class FakeSet(params string[] members) : IMemberSet
    {
        private readonly List<byte[]> _members = members.Select(Encoding.UTF8.GetBytes).ToList();

        public int MemberCount => _members.Count;

        public bool ContainsMember(ReadOnlySpan<byte> member)
        {
            foreach (var m in _members)
            {
                if (m.AsSpan().SequenceEqual(member))
                {
                    return true;
                }
            }

            return false;
        }

        public void CopyMembersTo(List<byte[]> into) => into.AddRange(_members);
    }

    private static SortedSetValue ZSet(params (string Member, double Score)[] entries)
    {
        var z = new SortedSetValue([]);
        foreach (var (member, score) in entries)
        {
            z.Add(Encoding.UTF8.GetBytes(member), score, SortedSetWhen.Always, increment: false, out _);
        }

        return z;
    }

    private static (string, double)[] Run(SetOperation op, ZSetAlgebra.Input[] inputs, double[]? weights = null, Aggregate aggregate = Aggregate.Sum) =>
        ZSetAlgebra.Combine(op, inputs, weights, aggregate, withScores: true, out _).Select(e => ((string)e.Element!, e.Score)).ToArray();

    [Fact]
    public void Set_members_score_one_and_take_weights()
    {
        var z = new ZSetAlgebra.Input(ZSet(("a", 5), ("b", 2)), null);
        var s = new ZSetAlgebra.Input(null, new FakeSet("a", "c"));
        Assert.Equal([("c", 1.0), ("b", 2.0), ("a", 6.0)], Run(SetOperation.Union, [z, s]));
        Assert.Equal([("c", 3.0), ("b", 4.0), ("a", 13.0)], Run(SetOperation.Union, [z, s], [2, 3]));
        Assert.Equal([("a", 1.0)], Run(SetOperation.Intersect, [z, s], aggregate: Aggregate.Min));
        Assert.Equal([("b", 2.0)], Run(SetOperation.Difference, [z, s]));
        Assert.Equal([("c", 1.0)], Run(SetOperation.Difference, [s, z]));
        Assert.Equal(1, ZSetAlgebra.IntersectionCount([s, z], 0));
        Assert.Equal(0, ZSetAlgebra.IntersectionCount([s, default], 0));
    }
}
