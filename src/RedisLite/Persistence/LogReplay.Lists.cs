namespace RedisLite.Persistence;

internal static partial class LogReplay
{
    /// <summary>Applies one operation of the Lists family; false for a code it does not know.</summary>
    private static bool ApplyLists(LogOp op, DataStore db, ref LogOpReader reader)
    {
        switch (op)
        {
            case LogOp.ListPush:
            {
                var key = reader.ReadByteArray();
                var side = ReadSide(ref reader);
                var elements = new List<RedisValue>();
                do
                {
                    elements.Add(reader.ReadByteArray());
                }
                while (!reader.AtArgumentsEnd);

                if (side == ListSide.Left)
                {
                    db.ListLeftPush(key, elements.ToArray());
                }
                else
                {
                    db.ListRightPush(key, elements.ToArray());
                }

                return true;
            }

            case LogOp.ListPop:
            {
                var key = reader.ReadByteArray();
                var side = ReadSide(ref reader);
                var count = reader.ReadInt64(1, int.MaxValue, "count");
                _ = side == ListSide.Left ? db.ListLeftPop(key, count) : db.ListRightPop(key, count);
                return true;
            }

            case LogOp.ListSet:
            {
                var key = reader.ReadByteArray();
                var index = reader.ReadInt64(0, int.MaxValue, "index");
                db.ListSetByIndex(key, index, reader.ReadByteArray());
                return true;
            }

            case LogOp.ListInsert:
            {
                var key = reader.ReadByteArray();
                var after = reader.ReadInt64(0, 1, "insert position") == 1;
                var pivot = reader.ReadByteArray();
                var element = reader.ReadByteArray();
                _ = after ? db.ListInsertAfter(key, pivot, element) : db.ListInsertBefore(key, pivot, element);
                return true;
            }

            case LogOp.ListRemove:
            {
                var key = reader.ReadByteArray();
                var count = reader.ReadInt64();
                db.ListRemove(key, reader.ReadByteArray(), count);
                return true;
            }

            case LogOp.ListTrim:
            {
                var key = reader.ReadByteArray();
                var first = reader.ReadInt64(0, int.MaxValue, "first index");
                db.ListTrim(key, first, reader.ReadInt64(first, int.MaxValue, "last index"));
                return true;
            }

            case LogOp.ListMove:
            {
                var source = reader.ReadByteArray();
                var destination = reader.ReadByteArray();
                var from = ReadSide(ref reader);
                db.ListMove(source, destination, from, ReadSide(ref reader));
                return true;
            }

            default:
                return false;
        }
    }

    /// <summary>Reads a list side argument (0 left, 1 right).</summary>
    private static ListSide ReadSide(ref LogOpReader reader) => (ListSide)reader.ReadInt64(0, 1, "list side");
}
