namespace RedisLite;

/// <summary>
/// An error reply from the store. <see cref="Exception.Message"/> is exactly the text Redis 7 replies with
/// (for example <c>ERR value is not an integer or out of range</c>), so code and tests can compare it with Redis.
/// </summary>
/// <remarks>A command that throws this exception has not changed any stored data.</remarks>
public class RedisException : Exception
{
    /// <summary>Creates an error with Redis's reply text.</summary>
    /// <param name="message">The full error text, starting with its code (<c>ERR</c>, <c>WRONGTYPE</c>, ...).</param>
    public RedisException(string message) : base(message)
    {
    }

    /// <summary>Creates an error with Redis's reply text and an inner exception.</summary>
    /// <param name="message">The full error text.</param>
    /// <param name="innerException">The cause.</param>
    public RedisException(string message, Exception? innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates an error with an empty message.</summary>
    public RedisException() : base("ERR")
    {
    }

    /// <summary>Gets the error code: the first word of the message (<c>ERR</c>, <c>WRONGTYPE</c>, ...).</summary>
    public string ErrorCode
    {
        get
        {
            var space = Message.IndexOf(' ', StringComparison.Ordinal);
            return space < 0 ? Message : Message[..space];
        }
    }
}

/// <summary>
/// The key holds a value of another type than the command works on (Redis's <c>WRONGTYPE</c> error).
/// The stored value is left unchanged.
/// </summary>
public sealed class RedisWrongTypeException : RedisException
{
    /// <summary>Creates the error with Redis's text.</summary>
    public RedisWrongTypeException() : base(ErrorMessages.WrongType)
    {
    }

    /// <summary>Creates the error with a custom text.</summary>
    /// <param name="message">The error text.</param>
    public RedisWrongTypeException(string message) : base(message)
    {
    }

    /// <summary>Creates the error with a custom text and an inner exception.</summary>
    /// <param name="message">The error text.</param>
    /// <param name="innerException">The cause.</param>
    public RedisWrongTypeException(string message, Exception? innerException) : base(message, innerException)
    {
    }
}
