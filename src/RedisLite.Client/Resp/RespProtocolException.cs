namespace RedisLite.Resp;

/// <summary>
/// Thrown when bytes read from a connection are not valid RESP: an unknown type byte, a malformed or out-of-range
/// length, a missing line terminator, nesting beyond the configured depth and so on. The connection cannot be resynced
/// after one: close it. A server replies with <c>-ERR </c> followed by the <see cref="Exception.Message"/> (which, like
/// Redis's own, starts with <c>Protocol error: </c>) before closing; the message never contains CR or LF.
/// </summary>
public sealed class RespProtocolException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public RespProtocolException()
        : base("Protocol error")
    {
    }

    /// <summary>Creates the exception with the given message, e.g. <c>Protocol error: invalid bulk length</c>.</summary>
    /// <param name="message">What is wrong with the input.</param>
    public RespProtocolException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the given message and the exception that caused it.</summary>
    /// <param name="message">What is wrong with the input.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public RespProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
