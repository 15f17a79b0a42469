using RedisLite.Collections;

namespace RedisLite.Tests.SortedSets;

/// <summary>Checks the internal structure of sorted sets: skip-list order, backward links, spans, levels and length,
/// table/list agreement, and the compact encoding's order and limits.</summary>
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
                    Ensure(SortedSetSkipList.Compare(p.Score, p.Element.AsSpan(), c.Score, c.Member) < 0, "compact set out of order");
                }

                previous = c.Entry;
            }

            return;
        }

        var list = zset.SkipList!;
        Check(list);
        var table = zset.Table!;
        Ensure(table.Count == list.Length, $"table has {table.Count} members, list {list.Length}");
        for (var i = 0; i < table.Count; i++)
        {
            var node = table.ValueAt(i);
            Ensure(ReferenceEquals(node.Member, table.KeyAt(i)), "table key is not the node's member");
            Ensure(list.GetRank(node.Score, node.Member) > 0, "table node not found in the list");
            Ensure(ReferenceEquals(list.GetByRank(list.GetRank(node.Score, node.Member)), node), "rank does not lead back to the node");
        }
    }

    /// <summary>Throws when <paramref name="list"/> is inconsistent.</summary>
    public static void Check(SortedSetSkipList list)
    {
        var ranks = new Dictionary<SortedSetSkipList.Node, int>(ReferenceEqualityComparer.Instance) { [list.Header] = 0 };
        var rank = 0;
        SortedSetSkipList.Node? previous = null;
        var maxLevel = 1;
        for (var node = list.First; node is not null; node = node.Next)
        {
            rank++;
            ranks[node] = rank;
            Ensure(!double.IsNaN(node.Score), "NaN score");
            Ensure(node.Backward == previous, $"backward link wrong at rank {rank}");
            Ensure(node.Levels.Length is >= 1 and <= SortedSetSkipList.MaxLevel, "node level out of range");
            if (previous is not null)
            {
                Ensure(SortedSetSkipList.Compare(previous.Score, previous.Member, node.Score, node.Member) < 0, $"out of order at rank {rank}");
            }

            maxLevel = Math.Max(maxLevel, node.Levels.Length);
            previous = node;
        }

        Ensure(rank == list.Length, $"length {list.Length} but {rank} nodes");
        Ensure(list.Last == previous, "tail is not the last node");
        Ensure(list.Level == maxLevel, $"level {list.Level} but the highest node has {maxLevel}");
        for (var level = 0; level < list.Level; level++)
        {
            // Every link at this level skips exactly the nodes between its ends, and reaches every node that high.
            var x = list.Header;
            while (true)
            {
                var link = x.Levels[level];
                if (link.Forward is null)
                {
                    Ensure(link.Span == list.Length - ranks[x], $"span to the end wrong at level {level}");
                    break;
                }

                Ensure(link.Forward.Levels.Length > level, $"link at level {level} reaches a lower node");
                Ensure(link.Span == ranks[link.Forward] - ranks[x], $"span wrong at level {level}, rank {ranks[x]}");
                x = link.Forward;
            }
        }

        var counted = 0;
        for (var node = list.First; node is not null; node = node.Next)
        {
            counted += node.Levels.Length > 0 ? 1 : 0;
        }

        Ensure(counted == list.Length, "level-0 walk lost nodes");
    }

    private static void Ensure(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException("Sorted set invariant broken: " + message);
        }
    }
}
