namespace RedisLite;

/// <summary>A <see cref="Subscription"/> was closed because its buffer was full under <see cref="PubSubOverflow.Disconnect"/>
/// (the counterpart of Redis closing a pub/sub client that reads too slowly).</summary>
public sealed class SubscriptionOverflowException : Exception
{
    /// <summary>Creates the error with the default message.</summary>
    public SubscriptionOverflowException()
        : base("The subscription was closed: its buffer was full (the subscriber did not keep up with the publishers).")
    {
    }

    /// <summary>Creates the error with a message.</summary>
    /// <param name="message">The message.</param>
    public SubscriptionOverflowException(string message) : base(message)
    {
    }

    /// <summary>Creates the error with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public SubscriptionOverflowException(string message, Exception? innerException) : base(message, innerException)
    {
    }
}
