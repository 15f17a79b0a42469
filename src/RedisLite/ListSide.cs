namespace RedisLite;

/// <summary>An end of a list: Redis's <c>LEFT</c> (head) and <c>RIGHT</c> (tail) arguments of LMOVE, LMPOP, BLMOVE, BLMPOP.</summary>
public enum ListSide
{
    /// <summary>The head (<c>LEFT</c>): where LPUSH adds and LPOP removes.</summary>
    Left = 0,

    /// <summary>The tail (<c>RIGHT</c>): where RPUSH adds and RPOP removes.</summary>
    Right = 1,
}
