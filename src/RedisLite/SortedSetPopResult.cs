namespace RedisLite;

/// <summary>The result of a <c>ZMPOP</c>: the key the members were popped from and the members, in pop order.</summary>
/// <param name="Key">The first key (in argument order) that held a non-empty sorted set.</param>
/// <param name="Entries">The popped members with their scores.</param>
public sealed record SortedSetPopResult(RedisKey Key, SortedSetEntry[] Entries);
