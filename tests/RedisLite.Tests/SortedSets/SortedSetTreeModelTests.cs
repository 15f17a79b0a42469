using System.Text;
using FsCheck;
using FsCheck.Fluent;
using RedisLite.Collections;

namespace RedisLite.Tests.SortedSets;

/// <summary>
/// Model-based tests of the order-statistic B+ tree and of both sorted-set encodings against a sorted reference: random
/// inserts (single and in blocks, to build deep trees), score updates, removals and rank-range removals; after every step
/// the structure's invariants hold, and at the end ranks, elements by rank (both directions) and score bounds agree.
/// </summary>
public sealed class SortedSetTreeModelTests
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
    public void Tree_matches_a_sorted_reference()
    {
        // Kind 3 inserts a block of 150 members at once, so sequences build trees several levels deep and then shrink them.
        var ops = Gen.Frequency((20, OpGen(30)), (1, from start in Gen.Choose(0, 5000) from score in Gen.Elements(Scores) select new Op(3, "b", score, start, 0)));
        var property = Prop.ForAll(Gen.ListOf(ops).Select(l => l.ToArray()).ToArbitrary(), sequence =>
        {
            var tree = new SortedSetTree();
            var scores = new Dictionary<string, double>(StringComparer.Ordinal);
            var model = new SortedDictionary<(double Score, string Member), bool>(Comparer<(double, string)>.Create(CompareEntries));
            foreach (var op in sequence)
            {
                switch (op.Kind)
                {
                    case 0 when scores.TryGetValue(op.Member, out var old):
                        model.Remove((old, op.Member));
                        tree.UpdateScore(old, Encoding.UTF8.GetBytes(op.Member), op.Score);
                        model[(op.Score, op.Member)] = true;
                        scores[op.Member] = op.Score;
                        break;
                    case 0:
                        tree.Insert(op.Score, Encoding.UTF8.GetBytes(op.Member));
                        model[(op.Score, op.Member)] = true;
                        scores[op.Member] = op.Score;
                        break;
                    case 1 when scores.TryGetValue(op.Member, out var old):
                        Assert.True(tree.Delete(old, Encoding.UTF8.GetBytes(op.Member)));
                        scores.Remove(op.Member);
                        model.Remove((old, op.Member));
                        break;
                    case 1:
                        Assert.False(tree.Delete(op.Score, Encoding.UTF8.GetBytes(op.Member)));
                        break;
                    case 2:
                        var start = Math.Max(0, op.A);
                        var count = Math.Max(0, Math.Min(op.B * 10, model.Count - start));
                        var expected = model.Keys.Skip(start).Take(count).ToList();
                        var removed = new List<string>();
                        tree.RemoveRange(start, count, m => removed.Add(Encoding.UTF8.GetString(m)));
                        Assert.Equal(expected.Select(e => e.Member), removed);
                        foreach (var e in expected)
                        {
                            model.Remove(e);
                            scores.Remove(e.Member);
                        }

                        break;
                    default:
                        for (var i = 0; i < 150; i++)
                        {
                            var member = "b" + (op.A + i).ToString(System.Globalization.CultureInfo.InvariantCulture);
                            if (!scores.ContainsKey(member))
                            {
                                tree.Insert(op.Score + (i % 3), Encoding.UTF8.GetBytes(member));
                                model[(op.Score + (i % 3), member)] = true;
                                scores[member] = op.Score + (i % 3);
                            }
                        }

                        break;
                }

                SortedSetInvariants.Check(tree);
            }

            var sorted = model.Keys.ToList();
            Assert.Equal(sorted.Count, tree.Count);
            var rank = 0;
            for (var at = tree.At(0); at.IsValid; at.Move(false), rank++)
            {
                Assert.Equal(sorted[rank].Member, Encoding.UTF8.GetString(at.Member));
                Assert.Equal(sorted[rank].Score, at.Score);
                Assert.Equal(rank, tree.Rank(at.Score, at.Member));
            }

            Assert.Equal(sorted.Count, rank);
            rank = sorted.Count - 1;
            for (var at = tree.At(sorted.Count - 1); at.IsValid; at.Move(true), rank--)
            {
                Assert.Equal(sorted[rank].Member, Encoding.UTF8.GetString(at.Member));
            }

            Assert.Equal(-1, rank);
            Assert.False(tree.At(-1).IsValid);
            Assert.False(tree.At(sorted.Count).IsValid);
            foreach (var score in Scores.Concat([3.5, -100]))
            {
                Assert.Equal(sorted.Count(e => e.Score < score), tree.CountBelow(score, orEqual: false));
                Assert.Equal(sorted.Count(e => e.Score <= score), tree.CountBelow(score, orEqual: true));
            }
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), property);
    }

    [Fact]
    public void Sorted_set_value_matches_the_reference_in_both_encodings_and_across_conversion()
    {
        // 200 possible members: sequences cross the 128-entry limit, so the compact encoding converts mid-sequence.
        var property = Prop.ForAll(Gen.ListOf(OpGen(200)).Select(l => l.ToArray()).ToArbitrary(), ops =>
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
                Assert.Equal(rank, zset.Rank(c.Member, out var rankScore));
                Assert.Equal(sorted[rank].Score, rankScore);
                Assert.True(zset.TryGetScore(c.Member, out var score));
                Assert.Equal(sorted[rank].Score, score);
            }

            Assert.Equal(sorted.Count, rank);
            Assert.Equal(-1, zset.Rank("absent"u8, out _));
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), property);
    }

    [Fact]
    public void Score_updates_at_leaf_edges_keep_separators_valid()
    {
        // Members 0..999 with scores 10*i: every leaf edge gets nudged both ways, in place or by a move.
        var tree = new SortedSetTree();
        var scores = new double[1000];
        var members = new byte[1000][];
        for (var i = 0; i < 1000; i++)
        {
            members[i] = Encoding.ASCII.GetBytes(i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture));
            scores[i] = 10 * i;
            tree.Insert(scores[i], members[i]);
        }

        var random = new Random(11);
        for (var step = 0; step < 5000; step++)
        {
            var i = random.Next(1000);
            var delta = random.Next(4) switch { 0 => -1, 1 => 1, 2 => -15, _ => 15 };
            tree.UpdateScore(scores[i], members[i], scores[i] + delta);
            scores[i] += delta;
            if (step % 250 == 0)
            {
                SortedSetInvariants.Check(tree);
            }
        }

        SortedSetInvariants.Check(tree);
        for (var i = 0; i < 1000; i++)
        {
            var rank = tree.Rank(scores[i], members[i]);
            Assert.True(rank >= 0);
            Assert.Equal(scores[i], tree.At(rank).Score);
        }
    }

    [Fact]
    public void A_large_tree_stays_shallow_and_drains_to_a_single_leaf()
    {
        var tree = new SortedSetTree();
        var random = new Random(3);
        var members = Enumerable.Range(0, 100_000).Select(i => (Score: (double)random.Next(1000), Member: Encoding.ASCII.GetBytes(i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)))).ToList();
        foreach (var (score, member) in members)
        {
            tree.Insert(score, member);
        }

        SortedSetInvariants.Check(tree);
        var depth = 0;
        for (var node = tree.Root; node is SortedSetTree.Inner inner; node = inner.Children[0])
        {
            depth++;
        }

        // 100,000 elements in nodes of 32 to 64 slots: 3 or 4 levels.
        Assert.InRange(depth, 2, 4);
        Assert.Equal(members.Count(m => m.Score < 500), tree.CountBelow(500, orEqual: false));

        foreach (var (score, member) in members.Take(99_990))
        {
            Assert.True(tree.Delete(score, member));
        }

        SortedSetInvariants.Check(tree);
        Assert.Equal(10, tree.Count);
        Assert.IsType<SortedSetTree.Leaf>(tree.Root);
    }

    private static List<(double Score, string Member)> Sort(Dictionary<string, double> model)
    {
        var list = model.Select(kv => (kv.Value, kv.Key)).ToList();
        list.Sort(CompareEntries);
        return list;
    }

    private static int CompareEntries((double Score, string Member) x, (double Score, string Member) y)
        => SortedSetTree.Compare(x.Score, Encoding.UTF8.GetBytes(x.Member), y.Score, Encoding.UTF8.GetBytes(y.Member));

    /// <summary>One step: 0 add/update, 1 remove, 2 remove a rank range, 3 add a block of members.</summary>
    public sealed record Op(int Kind, string Member, double Score, int A, int B)
    {
        /// <inheritdoc/>
        public override string ToString() => Kind switch
        {
            0 => $"ADD {Member} {Score}",
            1 => $"REM {Member}",
            2 => $"REMRANGE {A} {B * 10}",
            _ => $"ADDBLOCK {A} {Score}",
        };
    }
}
