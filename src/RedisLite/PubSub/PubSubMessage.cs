namespace RedisLite;

/// <summary>A message received by a <see cref="Subscription"/> (Redis's <c>message</c>, <c>pmessage</c> and <c>smessage</c> pushes).</summary>
/// <param name="Channel">The channel the message was published to.</param>
/// <param name="Pattern">The pattern that matched <paramref name="Channel"/> (a <c>pmessage</c>); a null key
/// (<see cref="RedisKey.IsNull"/>) when the message came through a channel subscription.</param>
/// <param name="Message">The published payload.</param>
/// <param name="IsShard">Whether it was published with <c>SPUBLISH</c> to a shard channel (an <c>smessage</c>).</param>
public sealed record PubSubMessage(RedisKey Channel, RedisKey Pattern, RedisValue Message, bool IsShard = false)
{
    /// <summary>Gets whether the message came through a pattern subscription (<c>PSUBSCRIBE</c>).</summary>
    public bool IsPatternMatch => !Pattern.IsNull;

    /// <inheritdoc/>
    public override string ToString() => IsPatternMatch ? $"{Pattern} -> {Channel}: {Message}" : $"{Channel}: {Message}";
}
