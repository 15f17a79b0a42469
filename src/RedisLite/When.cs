namespace RedisLite;

/// <summary>The condition under which a write happens (Redis's <c>NX</c> and <c>XX</c> options).</summary>
public enum When
{
    /// <summary>Always write.</summary>
    Always = 0,

    /// <summary>Write only if the key already exists (<c>XX</c>).</summary>
    Exists = 1,

    /// <summary>Write only if the key does not exist yet (<c>NX</c>).</summary>
    NotExists = 2,
}

/// <summary>
/// The conditions of <c>EXPIRE</c>-family commands. <see cref="HasExpiry"/> combines with
/// <see cref="GreaterThanCurrentExpiry"/> or <see cref="LessThanCurrentExpiry"/>; other combinations are rejected with
/// Redis's error. A key without a TTL counts as having an infinite one for <c>GT</c> and <c>LT</c>.
/// </summary>
[Flags]
public enum ExpireWhen
{
    /// <summary>Always set the expiry.</summary>
    Always = 0,

    /// <summary>Only if the key has no expiry (<c>NX</c>).</summary>
    HasNoExpiry = 1,

    /// <summary>Only if the key has an expiry (<c>XX</c>).</summary>
    HasExpiry = 2,

    /// <summary>Only if the new expiry is later than the current one (<c>GT</c>).</summary>
    GreaterThanCurrentExpiry = 4,

    /// <summary>Only if the new expiry is earlier than the current one (<c>LT</c>).</summary>
    LessThanCurrentExpiry = 8,
}

/// <summary>The type of the value a key holds, as Redis's <c>TYPE</c> names it.</summary>
public enum RedisType
{
    /// <summary>The key does not exist (<c>none</c>).</summary>
    None = 0,

    /// <summary>A string (<c>string</c>).</summary>
    String = 1,

    /// <summary>A list (<c>list</c>).</summary>
    List = 2,

    /// <summary>A set (<c>set</c>).</summary>
    Set = 3,

    /// <summary>A sorted set (<c>zset</c>).</summary>
    SortedSet = 4,

    /// <summary>A hash (<c>hash</c>).</summary>
    Hash = 5,

    /// <summary>A stream (<c>stream</c>).</summary>
    Stream = 6,
}
