namespace RedisLite;

public static partial class ErrorMessages
{
    /// <summary>EXEC of a transaction in which a command was rejected when queued (wrong number of arguments).</summary>
    public const string ExecAbort = "EXECABORT Transaction discarded because of previous errors.";

    /// <summary>The start of the error Redis gives at queue time for a wrong number of arguments.</summary>
    internal const string WrongArgumentCountPrefix = "ERR wrong number of arguments";

    /// <summary>Tells whether <paramref name="message"/> is an error that Redis reports when a command is queued inside
    /// MULTI (so that EXEC then discards the whole transaction) rather than when it runs.</summary>
    /// <param name="message">An error reply.</param>
    /// <returns><see langword="true"/> for queue-time errors.</returns>
    internal static bool IsQueueTimeError(string message) =>
        message.StartsWith(WrongArgumentCountPrefix, StringComparison.Ordinal) ||
        message.StartsWith("OOM ", StringComparison.Ordinal);
}
