namespace RedisLite;

public static partial class ErrorMessages
{
    /// <summary>Redis's reply to writes once the append log could not be written or flushed to disk.</summary>
    /// <param name="reason">What failed (the operating system's message).</param>
    /// <returns>The error text.</returns>
    public static string AppendLogFailed(string reason) => "MISCONF Errors writing to the AOF file: " + reason;
}
