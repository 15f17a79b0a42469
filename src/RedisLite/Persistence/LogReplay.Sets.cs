namespace RedisLite.Persistence;

internal static partial class LogReplay
{
    /// <summary>Applies one operation of the Sets family; false for a code it does not know.</summary>
    private static bool ApplySets(LogOp op, DataStore db, ref LogOpReader reader)
    {
        switch (op)
        {
            default:
                return false;
        }
    }
}
