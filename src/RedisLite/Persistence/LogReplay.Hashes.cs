namespace RedisLite.Persistence;

internal static partial class LogReplay
{
    /// <summary>Applies one operation of the Hashes family; false for a code it does not know.</summary>
    private static bool ApplyHashes(LogOp op, DataStore db, ref LogOpReader reader)
    {
        switch (op)
        {
            default:
                return false;
        }
    }
}
