namespace RedisLite.Keyspace;

/// <summary>The names Redis gives the types (TYPE's reply, SCAN's TYPE option), both ways, for the client and the
/// server.</summary>
internal static class RedisTypeNames
{
    /// <summary>The name TYPE replies for <paramref name="type"/> (<c>none</c> for a missing key).</summary>
    public static string Name(RedisType type) => type switch
    {
        RedisType.String => "string",
        RedisType.List => "list",
        RedisType.Set => "set",
        RedisType.SortedSet => "zset",
        RedisType.Hash => "hash",
        RedisType.Stream => "stream",
        _ => "none",
    };

    /// <summary>The type named <paramref name="name"/> (exactly as Redis writes it), or null for any other name.</summary>
    public static RedisType? Parse(string? name) => name switch
    {
        "string" => RedisType.String,
        "list" => RedisType.List,
        "set" => RedisType.Set,
        "zset" => RedisType.SortedSet,
        "hash" => RedisType.Hash,
        "stream" => RedisType.Stream,
        _ => null,
    };
}
