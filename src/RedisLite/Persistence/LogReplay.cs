namespace RedisLite.Persistence;

/// <summary>
/// Applies append-log records to a store (startup recovery). Each operation is applied through the store's own
/// commands, which reproduce the original effect because every logged operation is deterministic given the state the
/// log has rebuilt so far (absolute expiry times, chosen members, computed results). One file per family applies that
/// family's operations.
/// </summary>
internal static partial class LogReplay
{
    /// <summary>Applies every operation of one record.</summary>
    /// <param name="store">The store being recovered (database 0's view; other databases are reached through it).</param>
    /// <param name="payload">The record's payload.</param>
    /// <param name="source">The log file, for messages.</param>
    /// <param name="recordOffset">The record's offset in the file, for messages.</param>
    /// <exception cref="AppendLogFormatException">The record holds an operation this library does not know, or
    /// malformed arguments.</exception>
    public static void Apply(DataStore store, ReadOnlySpan<byte> payload, string source, long recordOffset)
    {
        var reader = new LogOpReader(payload, source, recordOffset);
        while (!reader.AtEnd)
        {
            var op = reader.ReadOp(out var database);
            if ((uint)database >= (uint)store.DatabaseCount)
            {
                reader.Fail($"database {database} does not exist in this store ({store.DatabaseCount} databases); configure at least {database + 1}");
            }

            var db = (DataStore)store.GetDatabase(database);
            var known = (byte)op switch
            {
                < 20 => ApplyKeys(op, db, ref reader),
                < 30 => ApplyHashes(op, db, ref reader),
                < 40 => ApplyLists(op, db, ref reader),
                < 50 => ApplySets(op, db, ref reader),
                < 70 => ApplySortedSets(op, db, ref reader),
                _ => false,
            };

            if (!known)
            {
                reader.Fail($"unknown operation {(byte)op}");
            }

            reader.ReadEnd();
        }
    }

    /// <summary>Reads an absolute expiry argument as the store's <see cref="Expiration"/> (0: none).</summary>
    private static Expiration ReadExpiry(ref LogOpReader reader)
    {
        var at = reader.ReadInt64(0, long.MaxValue, "expiry time");
        return at == 0 ? Expiration.None : Expiration.AtUnixMilliseconds(at);
    }

    /// <summary>Reads the remaining arguments of an operation (at least one) as values.</summary>
    private static RedisValue[] ReadValueList(ref LogOpReader reader)
    {
        var values = new List<RedisValue>();
        do
        {
            values.Add(reader.ReadByteArray());
        }
        while (!reader.AtArgumentsEnd);

        return [.. values];
    }

    private static bool ApplyKeys(LogOp op, DataStore db, ref LogOpReader reader)
    {
        switch (op)
        {
            case LogOp.Set:
            {
                var key = reader.ReadByteArray();
                var value = reader.ReadByteArray();
                db.StringSet(key, value, ReadExpiry(ref reader));
                return true;
            }

            case LogOp.Delete:
                db.KeyDelete(reader.ReadByteArray());
                return true;
            case LogOp.ExpireAt:
            {
                var key = reader.ReadByteArray();
                var at = reader.ReadInt64(1, long.MaxValue, "expiry time");
                db.KeyExpireAt(key, at);
                return true;
            }

            case LogOp.Persist:
                db.KeyPersist(reader.ReadByteArray());
                return true;
            case LogOp.Rename:
            {
                var source = reader.ReadByteArray();
                db.KeyRename(source, reader.ReadByteArray());
                return true;
            }

            case LogOp.Copy:
            {
                var source = reader.ReadByteArray();
                var targetDb = (int)reader.ReadInt64(0, db.DatabaseCount - 1, "database");
                var target = reader.ReadByteArray();
                var replace = reader.ReadInt64(0, 1, "replace flag") == 1;
                db.KeyCopy(source, target, targetDb, replace);
                return true;
            }

            case LogOp.Move:
            {
                var key = reader.ReadByteArray();
                db.KeyMove(key, (int)reader.ReadInt64(0, db.DatabaseCount - 1, "database"));
                return true;
            }

            case LogOp.FlushDatabase:
                db.FlushDatabase();
                return true;
            case LogOp.FlushAll:
                db.FlushAllDatabases();
                return true;
            case LogOp.Append:
            {
                var key = reader.ReadByteArray();
                db.StringAppend(key, reader.ReadByteArray());
                return true;
            }

            case LogOp.SetRange:
            {
                var key = reader.ReadByteArray();
                var offset = reader.ReadInt64(0, DataStore.MaxStringLength, "offset");
                db.StringSetRange(key, offset, reader.ReadByteArray());
                return true;
            }

            default:
                return false;
        }
    }
}
