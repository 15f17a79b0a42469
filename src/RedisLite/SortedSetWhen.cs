namespace RedisLite;

/// <summary>The conditions of <c>ZADD</c>: <c>XX</c>, <c>NX</c>, <c>GT</c> and <c>LT</c>. Combinations Redis rejects
/// (<c>XX</c> with <c>NX</c>; <c>NX</c> with <c>GT</c> or <c>LT</c>; <c>GT</c> with <c>LT</c>) fail with Redis's error.</summary>
[Flags]
public enum SortedSetWhen
{
    /// <summary>Add new members and update existing ones.</summary>
    Always = 0,

    /// <summary>Only update members that already exist; never add (<c>XX</c>).</summary>
    Exists = 1,

    /// <summary>Only add new members; never update (<c>NX</c>).</summary>
    NotExists = 2,

    /// <summary>Only update an existing member when its new score is greater; new members are still added (<c>GT</c>).</summary>
    GreaterThan = 4,

    /// <summary>Only update an existing member when its new score is less; new members are still added (<c>LT</c>).</summary>
    LessThan = 8,
}
