namespace RedisLite.Client;

/// <summary>The connection to the Redis server failed, was lost, or a reply did not arrive in time.
/// Whether a command that fails this way was applied by the server is unknown.</summary>
public sealed class RedisConnectionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RedisConnectionException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What happened.</param>
    public RedisConnectionException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public RedisConnectionException(string message, Exception? innerException) : base(message, innerException)
    {
    }
}
