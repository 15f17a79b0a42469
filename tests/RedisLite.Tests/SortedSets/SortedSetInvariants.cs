using RedisLite.Collections;

namespace RedisLite.Tests.SortedSets;

/// <summary>Checks the internal structure of sorted sets: the B+ tree's order, element counts, separators, leaf depth
/// and leaf links, table/tree agreement, and the compact encoding's order and limits.</summary>
internal static class SortedSetInvariants
{
    /// <summary>Throws when <paramref name="zset"/> is inconsistent.</summary>
    public static void Check(SortedSetValue zset)
    {
        if (zset.IsCompact)
        {
            Ensure(zset.Length <= SortedSetValue.MaxCompactEntries, "compact set over its entry limit");
            var previous = default(SortedSetEntry?);
            for (var c = zset.At(0); c.IsValid; c.Move(false))
            {
                Ensure(c.Member.Length <= SortedSetValue.MaxCompactValue, "compact member over the value limit");
                Ensure(!(c.Score == 0 && double.IsNegative(c.Score)), "compact set kept -0");
                if (previous is { } p)
                {
                    Ensure(SortedSetTree.Compare(p.Score, p.Element.AsSpan(), c.Score, c.Member) < 0, "compact set out of order");
                }

                previous = c.Entry;
            }

            return;
        }

        var tree = zset.Tree!;
        Check(tree);
        var table = zset.Table!;
        Ensure(table.Count == tree.Count, $"table has {table.Count} members, tree {tree.Count}");
        for (var i = 0; i < table.Count; i++)
        {
            var rank = tree.Rank(table.ValueAt(i), table.KeyAt(i));
            Ensure(rank >= 0, "table member not found in the tree");
            var at = tree.At(rank);
            Ensure(ReferenceEquals(at.Member, table.KeyAt(i)) && at.Score.Equals(table.ValueAt(i)), "rank does not lead back to the member");
        }
    }

    /// <summary>Throws when <paramref name="tree"/> is inconsistent: order, counts, separators, leaf depth and links.</summary>
    public static void Check(SortedSetTree tree)
    {
        var leaves = new List<SortedSetTree.Leaf>();
        var depth = -1;
        Walk(tree.Root, 0, ref depth, leaves, null, null, isRoot: true);
        var total = 0;
        SortedSetTree.Leaf? previous = null;
        double? lastScore = null;
        byte[]? lastMember = null;
        foreach (var leaf in leaves)
        {
            Ensure(leaf.Previous == previous, "leaf back link wrong");
            if (previous is not null)
            {
                Ensure(previous.Next == leaf, "leaf forward link wrong");
            }

            for (var i = 0; i < leaf.Count; i++)
            {
                Ensure(!double.IsNaN(leaf.Scores[i]), "NaN score");
                if (lastMember is not null)
                {
                    Ensure(SortedSetTree.Compare(lastScore!.Value, lastMember, leaf.Scores[i], leaf.Members[i]) < 0, $"out of order at rank {total + i}");
                }

                lastScore = leaf.Scores[i];
                lastMember = leaf.Members[i];
            }

            total += leaf.Count;
            previous = leaf;
        }

        Ensure(previous is null || previous.Next is null, "last leaf has a next link");
        Ensure(total == tree.Count, $"count {tree.Count} but {total} elements");
        for (var i = 0; i < tree.Count; i += Math.Max(1, tree.Count / 50))
        {
            var at = tree.At(i);
            Ensure(tree.Rank(at.Score, at.Member) == i, $"rank of the element at {i} is wrong");
        }
    }

    private static void Walk(SortedSetTree.Node node, int level, ref int leafDepth, List<SortedSetTree.Leaf> leaves, (double, byte[])? lower, (double, byte[])? upper, bool isRoot)
    {
        Ensure(isRoot || node.Count > 0, "empty non-root node");
        Ensure(node.Count <= SortedSetTree.Capacity, "node over capacity");
        if (node is SortedSetTree.Leaf leaf)
        {
            if (leafDepth < 0)
            {
                leafDepth = level;
            }

            Ensure(leafDepth == level, "leaves at different depths");
            for (var i = 0; i < leaf.Count; i++)
            {
                if (lower is { } lo)
                {
                    Ensure(SortedSetTree.Compare(lo.Item1, lo.Item2, leaf.Scores[i], leaf.Members[i]) <= 0, "element below its separator");
                }

                if (upper is { } hi)
                {
                    Ensure(SortedSetTree.Compare(leaf.Scores[i], leaf.Members[i], hi.Item1, hi.Item2) < 0, "element not below the next separator");
                }
            }

            leaves.Add(leaf);
            return;
        }

        var inner = (SortedSetTree.Inner)node;
        var sum = 0;
        for (var i = 0; i < inner.Count; i++)
        {
            Ensure(inner.Sizes[i] == inner.Children[i].Size, $"child size {inner.Sizes[i]} but the child holds {inner.Children[i].Size}");
            sum += inner.Sizes[i];
            var childLower = (inner.KeyScores[i], inner.KeyMembers[i]);
            (double, byte[])? childUpper = i + 1 < inner.Count ? (inner.KeyScores[i + 1], inner.KeyMembers[i + 1]) : upper;
            Walk(inner.Children[i], level + 1, ref leafDepth, leaves, childLower, childUpper, isRoot: false);
        }

        Ensure(sum == inner.Total, "inner total wrong");
    }

    private static void Ensure(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException("Sorted set invariant broken: " + message);
        }
    }
}
