using RedisLite.Internal;

namespace RedisLite.Collections;

/// <summary>
/// ZUNION, ZINTER, ZDIFF (and their STORE forms) and ZINTERCARD over sorted sets and plain sets (members of a set score
/// 1), with Redis's arithmetic: a weighted score that is NaN (<c>inf * 0</c>) counts as 0 when it starts an aggregate,
/// a SUM that is NaN (<c>+inf + -inf</c>) is 0, and MIN/MAX keep the current value against a NaN. Inputs are visited
/// from the smallest to the largest (stable for ties, as glibc's qsort), which fixes the order scores are summed in.
/// </summary>
internal static class ZSetAlgebra
{
    /// <summary>Combines <paramref name="inputs"/> after validating the options in Redis's order.</summary>
    /// <param name="operation">The operation.</param>
    /// <param name="inputs">The inputs (a missing key is a default input).</param>
    /// <param name="weights">The weights, or null.</param>
    /// <param name="aggregate">The aggregate.</param>
    /// <param name="withScores">Whether the command ends with WITHSCORES (a word Redis may read as a weight).</param>
    /// <param name="members">The result's members as arrays, aligned with the result.</param>
    /// <returns>The result in ascending (score, member) order.</returns>
    public static List<SortedSetEntry> Combine(SetOperation operation, Input[] inputs, double[]? weights, Aggregate aggregate, bool withScores, out List<byte[]> members)
    {
        ValidateOptions(operation, inputs.Length, weights, aggregate, withScores);
        var sources = new (Input Input, double Weight)[inputs.Length];
        for (var i = 0; i < inputs.Length; i++)
        {
            sources[i] = (inputs[i], weights?[i] ?? 1.0);
        }

        var accumulated = new BytesTable<double>();
        switch (operation)
        {
            case SetOperation.Union:
                SortByLength(sources);
                foreach (var (input, weight) in sources)
                {
                    input.ForEach((member, score) =>
                    {
                        var value = Weigh(weight, score);
                        var hash = BytesTable<double>.Hash(member);
                        var index = accumulated.Find(member, hash);
                        if (index < 0)
                        {
                            accumulated.Add(hash, member, value);
                        }
                        else
                        {
                            Accumulate(ref accumulated.ValueAt(index), value, aggregate);
                        }
                    });
                }

                break;

            case SetOperation.Intersect:
                SortByLength(sources);
                if (sources[0].Input.Length > 0)
                {
                    sources[0].Input.ForEach((member, score) =>
                    {
                        var value = Weigh(sources[0].Weight, score);
                        for (var j = 1; j < sources.Length; j++)
                        {
                            if (!sources[j].Input.TryGetScore(member, out var other))
                            {
                                return;
                            }

                            Accumulate(ref value, other * sources[j].Weight, aggregate);
                        }

                        accumulated.Add(BytesTable<double>.Hash(member), member, value);
                    });
                }

                break;

            default:
                if (sources[0].Input.Length > 0)
                {
                    for (var j = 1; j < sources.Length; j++)
                    {
                        if (sources[j].Input.IsSameAs(sources[0].Input))
                        {
                            // Subtracting the set from itself: nothing is left.
                            members = [];
                            return [];
                        }
                    }

                    sources[0].Input.ForEach((member, score) =>
                    {
                        for (var j = 1; j < sources.Length; j++)
                        {
                            if (sources[j].Input.TryGetScore(member, out _))
                            {
                                return;
                            }
                        }

                        accumulated.Add(BytesTable<double>.Hash(member), member, score);
                    });
                }

                break;
        }

        return Sorted(accumulated, out members);
    }

    /// <summary>The size of the intersection, counting at most <paramref name="limit"/> (0: no limit).</summary>
    public static long IntersectionCount(Input[] inputs, long limit)
    {
        var sources = new (Input Input, double Weight)[inputs.Length];
        for (var i = 0; i < inputs.Length; i++)
        {
            sources[i] = (inputs[i], 1.0);
        }

        SortByLength(sources);
        if (sources[0].Input.Length == 0)
        {
            return 0;
        }

        long count = 0;
        var members = sources[0].Input.Members();
        foreach (var member in members)
        {
            var inAll = true;
            for (var j = 1; j < sources.Length && inAll; j++)
            {
                inAll = sources[j].Input.TryGetScore(member, out _);
            }

            if (inAll && ++count == limit)
            {
                break;
            }
        }

        return count;
    }

    private static void ValidateOptions(SetOperation operation, int keys, double[]? weights, Aggregate aggregate, bool withScores)
    {
        if (aggregate is < Aggregate.Sum or > Aggregate.Max)
        {
            throw new ArgumentOutOfRangeException(nameof(aggregate), aggregate, "Unknown aggregate.");
        }

        if (operation == SetOperation.Difference && (weights is not null || aggregate != Aggregate.Sum))
        {
            ThrowHelper.ThrowRedis(ErrorMessages.Syntax);
        }

        if (weights is null)
        {
            return;
        }

        // Redis takes WEIGHTS only when at least one word per key follows it, then reads exactly one float per key from
        // the words that follow, whatever they are (AGGREGATE, WITHSCORES...); a weight left over is an unknown option.
        var following = weights.Length + (aggregate == Aggregate.Sum ? 0 : 2) + (withScores ? 1 : 0);
        if (following < keys)
        {
            ThrowHelper.ThrowRedis(ErrorMessages.Syntax);
        }

        for (var i = 0; i < keys; i++)
        {
            if (i >= weights.Length || double.IsNaN(weights[i]))
            {
                ThrowHelper.ThrowRedis(ErrorMessages.WeightNotFloat);
            }
        }

        if (weights.Length > keys)
        {
            ThrowHelper.ThrowRedis(ErrorMessages.Syntax);
        }
    }

    private static double Weigh(double weight, double score)
    {
        var value = weight * score;
        return double.IsNaN(value) ? 0 : value;
    }

    private static void Accumulate(ref double target, double value, Aggregate aggregate)
    {
        switch (aggregate)
        {
            case Aggregate.Sum:
                target += value;
                if (double.IsNaN(target))
                {
                    target = 0;
                }

                break;
            case Aggregate.Min:
                target = value < target ? value : target;
                break;
            default:
                target = value > target ? value : target;
                break;
        }
    }

    private static void SortByLength((Input Input, double Weight)[] sources)
    {
        var sorted = sources.OrderBy(s => s.Input.Length).ToArray();
        sorted.CopyTo(sources, 0);
    }

    private static List<SortedSetEntry> Sorted(BytesTable<double> table, out List<byte[]> members)
    {
        var order = new int[table.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) => SortedSetTree.Compare(table.ValueAt(a), table.KeyAt(a), table.ValueAt(b), table.KeyAt(b)));
        var result = new List<SortedSetEntry>(order.Length);
        members = new List<byte[]>(order.Length);
        foreach (var i in order)
        {
            members.Add(table.KeyAt(i));
            result.Add(new SortedSetEntry(table.KeyAt(i), table.ValueAt(i)));
        }

        return result;
    }

    /// <summary>One input: a sorted set, a set, or nothing (a missing key).</summary>
    /// <param name="ZSet">The sorted set, if the key holds one.</param>
    /// <param name="Set">The set, if the key holds one.</param>
    internal readonly record struct Input(SortedSetValue? ZSet, IMemberSet? Set)
    {
        /// <summary>Gets the number of members.</summary>
        public int Length => ZSet?.Length ?? Set?.MemberCount ?? 0;

        /// <summary>Finds a member's score (1 in a set).</summary>
        public bool TryGetScore(ReadOnlySpan<byte> member, out double score)
        {
            if (ZSet is not null)
            {
                return ZSet.TryGetScore(member, out score);
            }

            score = 1;
            return Set is not null && Set.ContainsMember(member);
        }

        /// <summary>Whether both inputs are the same existing object (the same key given twice).</summary>
        public bool IsSameAs(Input other) => (ZSet is not null && ReferenceEquals(ZSet, other.ZSet)) || (Set is not null && ReferenceEquals(Set, other.Set));

        /// <summary>Calls <paramref name="visit"/> for every member in the input's own order.</summary>
        public void ForEach(Action<byte[], double> visit)
        {
            if (ZSet is not null)
            {
                for (var c = ZSet.At(0); c.IsValid; c.Move(false))
                {
                    visit(c.Member, c.Score);
                }
            }
            else if (Set is not null)
            {
                foreach (var member in Members())
                {
                    visit(member, 1);
                }
            }
        }

        /// <summary>The members, as a list.</summary>
        public List<byte[]> Members()
        {
            var members = new List<byte[]>(Length);
            if (ZSet is not null)
            {
                for (var c = ZSet.At(0); c.IsValid; c.Move(false))
                {
                    members.Add(c.Member);
                }
            }
            else
            {
                Set?.CopyMembersTo(members);
            }

            return members;
        }
    }
}
