namespace RedisLite.Persistence;

internal static partial class LogReplay
{
    /// <summary>Applies one operation of the Hashes family; false for a code it does not know.</summary>
    private static bool ApplyHashes(LogOp op, DataStore db, ref LogOpReader reader)
    {
        switch (op)
        {
            case LogOp.HashSet:
            {
                var key = reader.ReadByteArray();
                var entries = new List<HashEntry>();
                do
                {
                    var field = reader.ReadByteArray();
                    entries.Add(new HashEntry(field, reader.ReadByteArray()));
                }
                while (!reader.AtArgumentsEnd);

                db.HashSet(key, [.. entries]);
                return true;
            }

            case LogOp.HashDelete:
            {
                var key = reader.ReadByteArray();
                db.HashDelete(key, ReadValueList(ref reader));
                return true;
            }

            default:
                return false;
        }
    }
}
