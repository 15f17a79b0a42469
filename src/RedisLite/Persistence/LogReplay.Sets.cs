namespace RedisLite.Persistence;

internal static partial class LogReplay
{
    /// <summary>Applies one operation of the Sets family; false for a code it does not know.</summary>
    private static bool ApplySets(LogOp op, DataStore db, ref LogOpReader reader)
    {
        switch (op)
        {
            case LogOp.SetAdd:
            {
                var key = reader.ReadByteArray();
                db.SetAdd(key, ReadValueList(ref reader));
                return true;
            }

            case LogOp.SetRemove:
            {
                var key = reader.ReadByteArray();
                db.SetRemove(key, ReadValueList(ref reader));
                return true;
            }

            case LogOp.SetMove:
            {
                var source = reader.ReadByteArray();
                var destination = reader.ReadByteArray();
                db.SetMove(source, destination, reader.ReadByteArray());
                return true;
            }

            case LogOp.SetCombineStore:
            {
                var operation = (SetOperation)reader.ReadInt64((long)SetOperation.Union, (long)SetOperation.Difference, "set operation");
                var destination = reader.ReadByteArray();
                var sources = new List<RedisKey>();
                do
                {
                    sources.Add(reader.ReadByteArray());
                }
                while (!reader.AtArgumentsEnd);

                db.SetCombineAndStore(operation, destination, [.. sources]);
                return true;
            }

            default:
                return false;
        }
    }
}
