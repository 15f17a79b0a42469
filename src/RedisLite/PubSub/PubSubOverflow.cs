namespace RedisLite;

/// <summary>What a <see cref="Subscription"/> does when a message arrives and its buffer
/// (<see cref="RedisLiteOptions.PubSubBufferCapacity"/>) is full. Publishers never wait, whichever is chosen.</summary>
public enum PubSubOverflow
{
    /// <summary>The subscription is closed, as Redis closes a subscriber whose output buffer passes
    /// <c>client-output-buffer-limit pubsub</c>: its <see cref="Subscription.Completion"/> faults with
    /// <see cref="SubscriptionOverflowException"/>, and the message that did not fit counts as dropped. Messages
    /// already buffered can still be read. The default.</summary>
    Disconnect = 0,

    /// <summary>The oldest buffered message is discarded to make room; the subscription stays open.</summary>
    DropOldest = 1,

    /// <summary>The message that does not fit is discarded; the buffered ones are kept and the subscription stays open.</summary>
    DropNewest = 2,
}
