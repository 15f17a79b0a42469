namespace RedisLite;

/// <summary>A field of a hash and its value, as <c>HSET</c> takes them and <c>HGETALL</c>, <c>HRANDFIELD ... WITHVALUES</c>
/// and <c>HSCAN</c> return them.</summary>
/// <param name="Name">The field's name.</param>
/// <param name="Value">The field's value.</param>
public readonly record struct HashEntry(RedisValue Name, RedisValue Value);
