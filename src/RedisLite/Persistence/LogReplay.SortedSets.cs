namespace RedisLite.Persistence;

internal static partial class LogReplay
{
    /// <summary>Applies one operation of the SortedSets family; false for a code it does not know.</summary>
    private static bool ApplySortedSets(LogOp op, DataStore db, ref LogOpReader reader)
    {
        switch (op)
        {
            case LogOp.SortedSetAdd:
            {
                var key = reader.ReadByteArray();
                var entries = new List<SortedSetEntry>();
                while (!reader.AtArgumentsEnd)
                {
                    var member = reader.ReadByteArray();
                    var score = reader.ReadDouble();
                    if (double.IsNaN(score))
                    {
                        reader.Fail("a sorted-set score is NaN");
                    }

                    entries.Add(new SortedSetEntry(member, score));
                }

                if (entries.Count == 0)
                {
                    reader.Fail("a sorted-set add has no member");
                }

                db.SortedSetAdd(key, [.. entries]);
                return true;
            }

            case LogOp.SortedSetRemove:
            {
                var key = reader.ReadByteArray();
                db.SortedSetRemove(key, ReadValueList(ref reader));
                return true;
            }

            case LogOp.SortedSetRemoveRange:
            {
                var key = reader.ReadByteArray();
                var start = reader.ReadInt64(0, int.MaxValue, "rank");
                db.SortedSetRemoveRangeByRank(key, start, reader.ReadInt64(start, int.MaxValue, "rank"));
                return true;
            }

            case LogOp.SortedSetRangeStore:
            {
                var source = reader.ReadByteArray();
                var destination = reader.ReadByteArray();
                var first = (int)reader.ReadInt64(0, int.MaxValue, "rank");
                var count = reader.ReadInt64(1, int.MaxValue, "count");
                var reverse = reader.ReadInt64(0, 1, "direction") == 1;
                var big = reader.ReadInt64(0, 1, "encoding flag") == 1;
                db.SortedSetRangeStoreRun(source, destination, first, count, reverse, big);
                return true;
            }

            case LogOp.SortedSetCombineStore:
            {
                var operation = (SetOperation)reader.ReadInt64(0, 2, "set operation");
                var aggregate = (Aggregate)reader.ReadInt64(0, 2, "aggregate");
                var destination = reader.ReadByteArray();
                var count = reader.ReadInt64(1, int.MaxValue, "key count");
                var keys = new List<RedisKey>();
                for (long i = 0; i < count; i++)
                {
                    keys.Add(reader.ReadByteArray());
                }

                double[]? weights = null;
                if (!reader.AtArgumentsEnd)
                {
                    weights = new double[keys.Count];
                    for (var i = 0; i < weights.Length; i++)
                    {
                        weights[i] = reader.ReadDouble();
                    }
                }

                db.SortedSetCombineAndStore(operation, destination, [.. keys], weights, aggregate);
                return true;
            }

            default:
                return false;
        }
    }
}
