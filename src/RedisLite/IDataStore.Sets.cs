namespace RedisLite;

public partial interface IDataStore
{
    /// <summary>Adds a member to the set at <paramref name="key"/>, creating the set if needed (<c>SADD</c>). A TTL on the key is kept.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The member; must not be <see cref="RedisValue.Null"/>.</param>
    /// <returns><see langword="true"/> if the member was added; <see langword="false"/> if it was already there.</returns>
    /// <exception cref="RedisWrongTypeException">The key holds a non-set.</exception>
    bool SetAdd(RedisKey key, RedisValue value);

    /// <summary>Adds members to the set at <paramref name="key"/>, creating the set if needed (<c>SADD</c>). A TTL on the key is kept.</summary>
    /// <param name="key">The key.</param>
    /// <param name="values">The members; none may be <see cref="RedisValue.Null"/>. A member named twice counts once.</param>
    /// <returns>The number of members that were not already in the set.</returns>
    /// <exception cref="RedisWrongTypeException">The key holds a non-set.</exception>
    /// <exception cref="RedisException"><c>ERR wrong number of arguments for 'sadd' command</c> when the array is empty, as Redis replies.</exception>
    long SetAdd(RedisKey key, RedisValue[] values);

    /// <summary>Removes a member from the set at <paramref name="key"/> (<c>SREM</c>). The key is deleted when the set becomes empty.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The member; must not be <see cref="RedisValue.Null"/>.</param>
    /// <returns><see langword="true"/> if the member was removed; <see langword="false"/> if it (or the key) did not exist.</returns>
    /// <exception cref="RedisWrongTypeException">The key holds a non-set.</exception>
    bool SetRemove(RedisKey key, RedisValue value);

    /// <summary>Removes members from the set at <paramref name="key"/> (<c>SREM</c>). The key is deleted when the set becomes empty.</summary>
    /// <param name="key">The key.</param>
    /// <param name="values">The members; none may be <see cref="RedisValue.Null"/>.</param>
    /// <returns>The number of members removed.</returns>
    /// <exception cref="RedisWrongTypeException">The key holds a non-set.</exception>
    /// <exception cref="RedisException"><c>ERR wrong number of arguments for 'srem' command</c> when the array is empty.</exception>
    long SetRemove(RedisKey key, RedisValue[] values);

    /// <summary>Gets every member of the set at <paramref name="key"/> (<c>SMEMBERS</c>), in no particular order.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The members; empty if the key does not exist.</returns>
    /// <exception cref="RedisWrongTypeException">The key holds a non-set.</exception>
    RedisValue[] SetMembers(RedisKey key);

    /// <summary>Tells whether <paramref name="value"/> is a member of the set at <paramref name="key"/> (<c>SISMEMBER</c>).</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The member; must not be <see cref="RedisValue.Null"/>.</param>
    /// <returns><see langword="true"/> if it is a member; <see langword="false"/> if not or if the key does not exist.</returns>
    /// <exception cref="RedisWrongTypeException">The key holds a non-set.</exception>
    bool SetContains(RedisKey key, RedisValue value);

    /// <summary>Tells, for each value, whether it is a member of the set at <paramref name="key"/> (<c>SMISMEMBER</c>).</summary>
    /// <param name="key">The key.</param>
    /// <param name="values">The members to test; none may be <see cref="RedisValue.Null"/>.</param>
    /// <returns>One flag per value, in order; all <see langword="false"/> if the key does not exist.</returns>
    /// <exception cref="RedisWrongTypeException">The key holds a non-set.</exception>
    /// <exception cref="RedisException"><c>ERR wrong number of arguments for 'smismember' command</c> when the array is empty.</exception>
    bool[] SetContains(RedisKey key, RedisValue[] values);

    /// <summary>Counts the members of the set at <paramref name="key"/> (<c>SCARD</c>).</summary>
    /// <param name="key">The key.</param>
    /// <returns>The number of members; 0 if the key does not exist.</returns>
    /// <exception cref="RedisWrongTypeException">The key holds a non-set.</exception>
    long SetLength(RedisKey key);

    /// <summary>Removes and returns a uniformly random member of the set at <paramref name="key"/> (<c>SPOP</c>). The key is
    /// deleted when the set becomes empty; otherwise its TTL is kept.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The member, or <see cref="RedisValue.Null"/> if the key does not exist.</returns>
    /// <exception cref="RedisWrongTypeException">The key holds a non-set.</exception>
    RedisValue SetPop(RedisKey key);

    /// <summary>Removes and returns up to <paramref name="count"/> distinct random members of the set at <paramref name="key"/>
    /// (<c>SPOP key count</c>). Asking for at least as many members as the set has returns them all and deletes the key.</summary>
    /// <param name="key">The key.</param>
    /// <param name="count">How many members to pop; 0 returns none.</param>
    /// <returns>The members, in no particular order; empty if the key does not exist.</returns>
    /// <exception cref="RedisException"><c>ERR value is out of range, must be positive</c> for a negative count (checked before the key).</exception>
    /// <exception cref="RedisWrongTypeException">The key holds a non-set.</exception>
    RedisValue[] SetPop(RedisKey key, long count);

    /// <summary>Returns a uniformly random member of the set at <paramref name="key"/> without removing it (<c>SRANDMEMBER</c>).</summary>
    /// <param name="key">The key.</param>
    /// <returns>The member, or <see cref="RedisValue.Null"/> if the key does not exist.</returns>
    /// <exception cref="RedisWrongTypeException">The key holds a non-set.</exception>
    RedisValue SetRandomMember(RedisKey key);

    /// <summary>Returns random members of the set at <paramref name="key"/> without removing them (<c>SRANDMEMBER key count</c>):
    /// for a positive count, up to <paramref name="count"/> distinct members (all of them if the set is no larger); for a
    /// negative count, exactly -<paramref name="count"/> members picked independently, so repeats are possible.</summary>
    /// <param name="key">The key.</param>
    /// <param name="count">The count; 0 returns none.</param>
    /// <returns>The members, in no particular order; empty if the key does not exist.</returns>
    /// <exception cref="RedisException"><c>ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807</c>
    /// for <see cref="long.MinValue"/> (checked before the key).</exception>
    /// <exception cref="RedisWrongTypeException">The key holds a non-set.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A negative count asks for more members than an array can hold (Redis would
    /// try to stream them).</exception>
    RedisValue[] SetRandomMembers(RedisKey key, long count);

    /// <summary>Moves <paramref name="value"/> from the set at <paramref name="source"/> to the set at <paramref name="destination"/>,
    /// atomically (<c>SMOVE</c>). The destination is created if needed; the source is deleted if it becomes empty.</summary>
    /// <param name="source">The source key.</param>
    /// <param name="destination">The destination key; may equal <paramref name="source"/>, which only tests membership.</param>
    /// <param name="value">The member; must not be <see cref="RedisValue.Null"/>.</param>
    /// <returns><see langword="true"/> if the member was in the source (and is now in the destination); <see langword="false"/> if
    /// the source does not exist or does not hold it.</returns>
    /// <exception cref="RedisWrongTypeException">The source holds a non-set, or the source exists and the destination holds a
    /// non-set. As in Redis, a missing source replies <see langword="false"/> before the destination's type is looked at.</exception>
    bool SetMove(RedisKey source, RedisKey destination, RedisValue value);

    /// <summary>Combines the sets at <paramref name="keys"/> (<c>SUNION</c>, <c>SINTER</c>, <c>SDIFF</c>). A missing key is an
    /// empty set, so any missing key makes an intersection empty.</summary>
    /// <param name="operation">Union, intersection, or the difference of the first set and all the others.</param>
    /// <param name="keys">The keys, at least one.</param>
    /// <returns>The members of the result, in no particular order.</returns>
    /// <exception cref="RedisWrongTypeException">Any key holds a non-set (even when another is missing).</exception>
    /// <exception cref="RedisException"><c>ERR wrong number of arguments for 'sunion' command</c> (or 'sinter', 'sdiff') when the array is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="operation"/> is not a defined value.</exception>
    RedisValue[] SetCombine(SetOperation operation, RedisKey[] keys);

    /// <summary>Combines the sets at <paramref name="keys"/> like <see cref="SetCombine"/> and stores the result at
    /// <paramref name="destination"/> (<c>SUNIONSTORE</c>, <c>SINTERSTORE</c>, <c>SDIFFSTORE</c>), replacing whatever it held
    /// and dropping its TTL; an empty result deletes the destination. Atomic as a whole.</summary>
    /// <param name="operation">Union, intersection or difference.</param>
    /// <param name="destination">The key to store the result at; may also be one of the sources.</param>
    /// <param name="keys">The source keys, at least one.</param>
    /// <returns>The number of members in the result.</returns>
    /// <exception cref="RedisWrongTypeException">Any source holds a non-set (the destination may hold any type).</exception>
    /// <exception cref="RedisException"><c>ERR wrong number of arguments for 'sunionstore' command</c> (or 'sinterstore', 'sdiffstore') when the array is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="operation"/> is not a defined value.</exception>
    long SetCombineAndStore(SetOperation operation, RedisKey destination, RedisKey[] keys);

    /// <summary>Counts the members of the intersection of the sets at <paramref name="keys"/> (<c>SINTERCARD</c>), stopping at
    /// <paramref name="limit"/> when it is positive.</summary>
    /// <param name="keys">The keys, at least one; a missing key is an empty set.</param>
    /// <param name="limit">The count at which to stop (<c>LIMIT</c>); 0 for no limit.</param>
    /// <returns>The size of the intersection, or <paramref name="limit"/> if that is smaller.</returns>
    /// <exception cref="RedisException"><c>ERR LIMIT can't be negative</c>; <c>ERR wrong number of arguments for 'sintercard' command</c>
    /// when the array is empty.</exception>
    /// <exception cref="RedisWrongTypeException">Any key holds a non-set.</exception>
    long SetIntersectionLength(RedisKey[] keys, long limit = 0);

    /// <summary>Iterates over the members of the set at <paramref name="key"/> (<c>SSCAN</c>). Every member present for the whole
    /// iteration is returned at least once (some may be returned more than once); a small set encoded as an intset is returned
    /// whole, with cursor 0, as Redis does.</summary>
    /// <param name="key">The key.</param>
    /// <param name="cursor">0 to start, then the cursor of the previous page.</param>
    /// <param name="pattern">A glob pattern the members must match (<c>MATCH</c>), or <see cref="RedisValue.Null"/> for all.</param>
    /// <param name="count">How much work to do per call (<c>COUNT</c>); a hint, not a page size.</param>
    /// <returns>The next cursor (0 when complete) and the members of this page.</returns>
    /// <exception cref="RedisWrongTypeException">The key holds a non-set.</exception>
    /// <exception cref="RedisException"><c>ERR syntax error</c> for a count below 1, on an existing set (a missing key replies an
    /// empty page first, as in Redis).</exception>
    ScanResult<RedisValue> SetScan(RedisKey key, ulong cursor, RedisValue pattern = default, int count = 10);
}
