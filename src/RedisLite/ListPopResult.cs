namespace RedisLite;

/// <summary>The reply of <c>LMPOP</c> and <c>BLMPOP</c>: the key the elements were popped from and the elements.</summary>
/// <param name="Key">The first key (in the order given) that held a non-empty list.</param>
/// <param name="Values">The popped elements, in the order they were popped (at most the requested count).</param>
public sealed record ListPopResult(RedisKey Key, RedisValue[] Values);
