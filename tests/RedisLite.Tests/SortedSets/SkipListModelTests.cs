using System.Text;
using FsCheck;
using FsCheck.Fluent;
using RedisLite.Collections;

namespace RedisLite.Tests.SortedSets;

/// <summary>
/// Model-based tests of the skip list and of both sorted-set encodings against a sorted reference: random inserts,
/// score updates (in place and moving), removals and rank-range removals; after every step the ranks, elements by rank,
/// score bounds and the structure's invariants must agree with the reference.
/// </summary>
public sealed class SkipListModelTests
{
    private static readonly double[] Scores = [-1.5, 0, 1, 2, 2.5, 10, double.PositiveInfinity, double.NegativeInfinity];

    private static Gen<Op> OpGen(int members) =>
        from kind in Gen.Frequency((5, Gen.Constant(0)), (3, Gen.Constant(1)), (1, Gen.Constant(2)))
        from member in Gen.Choose(0, members - 1)
        from score in Gen.Elements(Scores)
        from a in Gen.Choose(-5, 40)
        from b in Gen.Choose(-5, 40)
        select new Op(kind, "m" + member, score, a, b);

    [Fact]
    public void Skip_list_matches_a_sorted_reference()
    {
        var property = Prop.ForAll(Gen.ListOf(OpGen(30), 0).Select(l => l.ToArray()).ToArbitrary(), ops =>
        {
            var list = new SortedSetSkipList();
            var nodes = new Dictionary<string, SortedSetSkipList.Node>(StringComparer.Ordinal);
            var model = new SortedDictionary<(double Score, string Member), bool>(Comparer<(double, string)>.Create(CompareEntries));
            foreach (var op in ops)
            {
                switch (op.Kind)
                {
                    case 0 when nodes.TryGetValue(op.Member, out var node):
                        model.Remove((node.Score, op.Member));
                        list.UpdateScore(node, op.Score);
                        model[(op.Score, op.Member)] = true;
                        break;
                    case 0:
                        nodes[op.Member] = list.Insert(op.Score, Encoding.UTF8.GetBytes(op.Member));
                        model[(op.Score, op.Member)] = true;
                        break;
                    case 1 when nodes.TryGetValue(op.Member, out var node):
                        Assert.Same(node, list.Delete(node.Score, node.Member));
                        nodes.Remove(op.Member);
                        model.Remove((node.Score, op.Member));
                        break;
                    case 1:
                        Assert.Null(list.Delete(op.Score, Encoding.UTF8.GetBytes(op.Member)));
                        break;
                    default:
                        var start = Math.Max(1, op.A);
                        var end = op.B;
                        var expected = model.Keys.Skip(start - 1).Take(Math.Max(0, end - start + 1)).ToList();
                        var removed = new List<string>();
                        Assert.Equal(expected.Count, list.DeleteRangeByRank(start, end, n => removed.Add(Encoding.UTF8.GetString(n.Member))));
                        Assert.Equal(expected.Select(e => e.Member), removed);
                        foreach (var e in expected)
                        {
                            model.Remove(e);
                            nodes.Remove(e.Member);
                        }

                        break;
                }

                SortedSetInvariants.Check(list);
            }

            var sorted = model.Keys.ToList();
            Assert.Equal(sorted.Count, list.Length);
            for (var i = 0; i < sorted.Count; i++)
            {
                var bytes = Encoding.UTF8.GetBytes(sorted[i].Member);
                Assert.Equal(i + 1, list.GetRank(sorted[i].Score, bytes));
                var node = list.GetByRank(i + 1)!;
                Assert.Equal(sorted[i].Member, Encoding.UTF8.GetString(node.Member));
                Assert.Equal(sorted[i].Score, node.Score);
            }

            Assert.Null(list.GetByRank(0));
            Assert.Null(list.GetByRank(sorted.Count + 1));
            foreach (var score in Scores)
            {
                Assert.Equal(sorted.Count(e => e.Score < score), list.CountBelow(score, orEqual: false));
                Assert.Equal(sorted.Count(e => e.Score <= score), list.CountBelow(score, orEqual: true));
            }
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), property);
    }

    [Fact]
    public void Sorted_set_value_matches_the_reference_in_both_encodings_and_across_conversion()
    {
        // 200 possible members: sequences cross the 128-entry limit, so the compact encoding converts mid-sequence.
        var property = Prop.ForAll(Gen.ListOf(OpGen(200), 0).Select(l => l.ToArray()).ToArbitrary(), ops =>
        {
            var zset = new SortedSetValue([]);
            var model = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var op in ops)
            {
                var bytes = Encoding.UTF8.GetBytes(op.Member);
                switch (op.Kind)
                {
                    case 0:
                        var result = zset.Add(bytes, op.Score, SortedSetWhen.Always, increment: false, out _);
                        var existed = model.TryGetValue(op.Member, out var old);
                        Assert.Equal(!existed ? SortedSetAddResult.Added : old == op.Score ? SortedSetAddResult.Unchanged : SortedSetAddResult.Updated, result);
                        model[op.Member] = op.Score;
                        break;
                    case 1:
                        Assert.Equal(model.Remove(op.Member), zset.Remove(bytes));
                        break;
                    default:
                        var sortedNow = Sort(model);
                        var stop = Math.Min(op.B, sortedNow.Count - 1);
                        var start = Math.Max(0, op.A);
                        var removed = zset.RemoveRange(start, stop);
                        Assert.Equal(Math.Max(0, stop - start + 1), removed);
                        for (var i = start; i <= stop; i++)
                        {
                            model.Remove(sortedNow[i].Member);
                        }

                        break;
                }

                SortedSetInvariants.Check(zset);
            }

            var sorted = Sort(model);
            Assert.Equal(sorted.Count, zset.Length);
            var rank = 0;
            for (var c = zset.At(0); c.IsValid; c.Move(false), rank++)
            {
                Assert.Equal(sorted[rank].Member, Encoding.UTF8.GetString(c.Member));
                Assert.Equal(sorted[rank].Score, c.Score);
                Assert.Equal(rank, zset.Rank(c.Member));
                Assert.True(zset.TryGetScore(c.Member, out var score));
                Assert.Equal(sorted[rank].Score, score);
            }

            Assert.Equal(sorted.Count, rank);
            Assert.Equal(-1, zset.Rank("absent"u8));
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), property);
    }

    [Fact]
    public void A_large_list_keeps_logarithmic_levels()
    {
        var list = new SortedSetSkipList();
        for (var i = 0; i < 100_000; i++)
        {
            list.Insert(i, Encoding.ASCII.GetBytes(i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)));
        }

        SortedSetInvariants.Check(list);

        // log4(100000) is about 8.3: a level far above that would mean the level generator is broken.
        Assert.InRange(list.Level, 6, 16);
        Assert.Equal(50_000.0, list.GetByRank(50_001)!.Score);
        Assert.Equal(12_345, list.CountBelow(12_345, orEqual: false));
    }

    private static List<(double Score, string Member)> Sort(Dictionary<string, double> model)
    {
        var list = model.Select(kv => (kv.Value, kv.Key)).ToList();
        list.Sort(CompareEntries);
        return list;
    }

    private static int CompareEntries((double Score, string Member) x, (double Score, string Member) y)
        => SortedSetSkipList.Compare(x.Score, Encoding.UTF8.GetBytes(x.Member), y.Score, Encoding.UTF8.GetBytes(y.Member));

    /// <summary>One step: 0 add/update, 1 remove, 2 remove a rank range [A, B].</summary>
    public sealed record Op(int Kind, string Member, double Score, int A, int B)
    {
        /// <inheritdoc/>
        public override string ToString() => Kind switch
        {
            0 => $"ADD {Member} {Score}",
            1 => $"REM {Member}",
            _ => $"REMRANGE {A} {B}",
        };
    }
}
