namespace RedisLite;

// Sorted sets (Redis 7.0). Ranks are 0-based; negative rank arguments count from the end. Score ranges take doubles
// (-inf/+inf for open ends) with Exclude for Redis's "(" prefix; NaN bounds fail with "ERR min or max is not a float".
// Lexicographical ranges take RedisValue bounds: RedisValue.Null is unbounded ("-" for min, "+" for max), any other value
// is that member, inclusive ("[") or exclusive ("(") as Exclude says. Members with equal scores order by their bytes
// (memcmp, a shorter prefix first). A modified sorted set keeps its TTL; an emptied one is deleted; the STORE commands
// replace the destination (dropping its TTL) and delete it when the result is empty.
public partial interface IDataStore
{
    /// <summary>Adds a member or updates its score (<c>ZADD key [NX|XX] [GT|LT] [CH] score member</c>).</summary>
    /// <param name="key">The key.</param>
    /// <param name="member">The member.</param>
    /// <param name="score">The score; NaN fails with <c>ERR value is not a valid float</c>.</param>
    /// <param name="when">The conditions (<c>NX</c>, <c>XX</c>, <c>GT</c>, <c>LT</c>).</param>
    /// <param name="returnChanged">Count updated members too (<c>CH</c>).</param>
    /// <returns>Whether the member was added (or, with <paramref name="returnChanged"/>, added or updated).</returns>
    /// <exception cref="RedisWrongTypeException">The key holds another type.</exception>
    /// <exception cref="RedisException">Redis's errors for incompatible conditions or a NaN score.</exception>
    bool SortedSetAdd(RedisKey key, RedisValue member, double score, SortedSetWhen when = SortedSetWhen.Always, bool returnChanged = false);

    /// <summary>Adds members or updates their scores, in order (<c>ZADD key [NX|XX] [GT|LT] [CH] score member ...</c>).</summary>
    /// <param name="key">The key.</param>
    /// <param name="entries">The members and scores; at least one.</param>
    /// <param name="when">The conditions (<c>NX</c>, <c>XX</c>, <c>GT</c>, <c>LT</c>).</param>
    /// <param name="returnChanged">Count updated members too (<c>CH</c>).</param>
    /// <returns>The number of members added (or, with <paramref name="returnChanged"/>, added or updated).</returns>
    /// <exception cref="RedisWrongTypeException">The key holds another type.</exception>
    /// <exception cref="RedisException">Redis's errors for incompatible conditions, a NaN score, or no entries.</exception>
    long SortedSetAdd(RedisKey key, SortedSetEntry[] entries, SortedSetWhen when = SortedSetWhen.Always, bool returnChanged = false);

    /// <summary>Adds <paramref name="value"/> to a member's score, adding the member with that score if missing (<c>ZINCRBY</c>).</summary>
    /// <param name="key">The key.</param>
    /// <param name="member">The member.</param>
    /// <param name="value">The increment.</param>
    /// <returns>The new score.</returns>
    /// <exception cref="RedisWrongTypeException">The key holds another type.</exception>
    /// <exception cref="RedisException"><c>ERR value is not a valid float</c> for NaN; <c>ERR resulting score is not a number (NaN)</c>
    /// when <c>+inf</c> meets <c>-inf</c>.</exception>
    double SortedSetIncrement(RedisKey key, RedisValue member, double value);

    /// <summary>Increments a member's score under conditions (<c>ZADD key [NX|XX] [GT|LT] INCR increment member</c>).</summary>
    /// <param name="key">The key.</param>
    /// <param name="member">The member.</param>
    /// <param name="value">The increment.</param>
    /// <param name="when">The conditions.</param>
    /// <returns>The new score, or <see langword="null"/> when a condition prevented the write.</returns>
    /// <exception cref="RedisWrongTypeException">The key holds another type.</exception>
    /// <exception cref="RedisException">As for <see cref="SortedSetAdd(RedisKey, RedisValue, double, SortedSetWhen, bool)"/>, and
    /// <c>ERR resulting score is not a number (NaN)</c>.</exception>
    double? SortedSetIncrement(RedisKey key, RedisValue member, double value, SortedSetWhen when);

    /// <summary>Removes a member (<c>ZREM</c>).</summary>
    /// <param name="key">The key.</param>
    /// <param name="member">The member.</param>
    /// <returns>Whether it was removed.</returns>
    /// <exception cref="RedisWrongTypeException">The key holds another type.</exception>
    bool SortedSetRemove(RedisKey key, RedisValue member);

    /// <summary>Removes members (<c>ZREM key member ...</c>).</summary>
    /// <param name="key">The key.</param>
    /// <param name="members">The members; at least one.</param>
    /// <returns>The number removed.</returns>
    /// <exception cref="RedisWrongTypeException">The key holds another type.</exception>
    /// <exception cref="RedisException"><c>ERR wrong number of arguments for 'zrem' command</c> when empty.</exception>
    long SortedSetRemove(RedisKey key, RedisValue[] members);

    /// <summary>Gets a member's score (<c>ZSCORE</c>), in O(1).</summary>
    /// <param name="key">The key.</param>
    /// <param name="member">The member.</param>
    /// <returns>The score, or <see langword="null"/> when the member or key is missing.</returns>
    /// <exception cref="RedisWrongTypeException">The key holds another type.</exception>
    double? SortedSetScore(RedisKey key, RedisValue member);

    /// <summary>Gets several members' scores (<c>ZMSCORE</c>).</summary>
    /// <param name="key">The key.</param>
    /// <param name="members">The members; at least one.</param>
    /// <returns>One score per member, <see langword="null"/> for a missing one.</returns>
    /// <exception cref="RedisWrongTypeException">The key holds another type.</exception>
    /// <exception cref="RedisException"><c>ERR wrong number of arguments for 'zmscore' command</c> when empty.</exception>
    double?[] SortedSetScores(RedisKey key, RedisValue[] members);

    /// <summary>Counts the members, or those with a score in a range (<c>ZCARD</c> with the default range, else <c>ZCOUNT</c>).</summary>
    /// <param name="key">The key.</param>
    /// <param name="min">The lowest score.</param>
    /// <param name="max">The highest score.</param>
    /// <param name="exclude">Which ends are exclusive.</param>
    /// <returns>The count (0 for a missing key).</returns>
    /// <exception cref="RedisWrongTypeException">The key holds another type.</exception>
    /// <exception cref="RedisException"><c>ERR min or max is not a float</c> for NaN.</exception>
    long SortedSetLength(RedisKey key, double min = double.NegativeInfinity, double max = double.PositiveInfinity, Exclude exclude = Exclude.None);

    /// <summary>Counts the members in a lexicographical range (<c>ZLEXCOUNT</c>).</summary>
    /// <param name="key">The key.</param>
    /// <param name="min">The lower bound, or <see cref="RedisValue.Null"/> for <c>-</c>.</param>
    /// <param name="max">The upper bound, or <see cref="RedisValue.Null"/> for <c>+</c>.</param>
    /// <param name="exclude">Which bounds are exclusive.</param>
    /// <returns>The count.</returns>
    /// <exception cref="RedisWrongTypeException">The key holds another type.</exception>
    long SortedSetLengthByValue(RedisKey key, RedisValue min = default, RedisValue max = default, Exclude exclude = Exclude.None);

    /// <summary>Gets a member's rank (<c>ZRANK</c>, or <c>ZREVRANK</c> when descending), in O(log n).</summary>
    /// <param name="key">The key.</param>
    /// <param name="member">The member.</param>
    /// <param name="order">Count from the lowest score (ascending) or the highest.</param>
    /// <returns>The 0-based rank, or <see langword="null"/> when the member or key is missing.</returns>
    /// <exception cref="RedisWrongTypeException">The key holds another type.</exception>
    long? SortedSetRank(RedisKey key, RedisValue member, Order order = Order.Ascending);

    /// <summary>Gets a member's rank and score in one lookup (<c>ZRANK key member WITHSCORE</c>, or <c>ZREVRANK</c> when
    /// descending; Redis 7.2), in O(log n).</summary>
    /// <param name="key">The key.</param>
    /// <param name="member">The member.</param>
    /// <param name="order">Count from the lowest score (ascending) or the highest.</param>
    /// <returns>The 0-based rank and the score, or <see langword="null"/> when the member or key is missing.</returns>
    /// <exception cref="RedisWrongTypeException">The key holds another type.</exception>
    /// <exception cref="RedisException">A redis-server older than 7.2 behind <c>RemoteDataStore</c> replies <c>ERR syntax error</c>.</exception>
    (long Rank, double Score)? SortedSetRankWithScore(RedisKey key, RedisValue member, Order order = Order.Ascending);

    /// <summary>Gets the members between two ranks, inclusive (<c>ZRANGE key start stop [REV]</c>, <c>ZREVRANGE</c>), in O(log n + m).</summary>
    /// <param name="key">The key.</param>
    /// <param name="start">The first rank; negative counts from the end.</param>
    /// <param name="stop">The last rank; negative counts from the end.</param>
    /// <param name="order">Ranks count from the lowest score (ascending) or the highest (<c>REV</c>).</param>
    /// <returns>The members, in <paramref name="order"/>.</returns>
    /// <exception cref="RedisWrongTypeException">The key holds another type.</exception>
    RedisValue[] SortedSetRangeByRank(RedisKey key, long start = 0, long stop = -1, Order order = Order.Ascending);

    /// <summary>Gets the members and scores between two ranks (<c>ZRANGE ... WITHSCORES</c>).</summary>
    /// <param name="key">The key.</param>
    /// <param name="start">The first rank.</param>
    /// <param name="stop">The last rank.</param>
    /// <param name="order">The direction.</param>
    /// <returns>The entries, in <paramref name="order"/>.</returns>
    /// <exception cref="RedisWrongTypeException">The key holds another type.</exception>
    SortedSetEntry[] SortedSetRangeByRankWithScores(RedisKey key, long start = 0, long stop = -1, Order order = Order.Ascending);

    /// <summary>Gets the members with a score in a range (<c>ZRANGE key min max BYSCORE [REV] [LIMIT offset count]</c>,
    /// <c>ZRANGEBYSCORE</c>, <c>ZREVRANGEBYSCORE</c>).</summary>
    /// <param name="key">The key.</param>
    /// <param name="min">The lowest score.</param>
    /// <param name="max">The highest score.</param>
    /// <param name="exclude">Which ends are exclusive.</param>
    /// <param name="order">Lowest first, or highest first (<c>REV</c>).</param>
    /// <param name="skip">How many matches to skip (<c>LIMIT</c> offset); a negative offset returns nothing, as in Redis.</param>
    /// <param name="take">How many to return (<c>LIMIT</c> count); negative for all.</param>
    /// <returns>The members.</returns>
    /// <exception cref="RedisWrongTypeException">The key holds another type.</exception>
    /// <exception cref="RedisException"><c>ERR min or max is not a float</c> for NaN.</exception>
    RedisValue[] SortedSetRangeByScore(RedisKey key, double min = double.NegativeInfinity, double max = double.PositiveInfinity, Exclude exclude = Exclude.None, Order order = Order.Ascending, long skip = 0, long take = -1);

    /// <summary>Gets the members and scores with a score in a range (<c>... BYSCORE ... WITHSCORES</c>).</summary>
    /// <param name="key">The key.</param>
    /// <param name="min">The lowest score.</param>
    /// <param name="max">The highest score.</param>
    /// <param name="exclude">Which ends are exclusive.</param>
    /// <param name="order">The direction.</param>
    /// <param name="skip">The <c>LIMIT</c> offset.</param>
    /// <param name="take">The <c>LIMIT</c> count; negative for all.</param>
    /// <returns>The entries.</returns>
    /// <exception cref="RedisWrongTypeException">The key holds another type.</exception>
    /// <exception cref="RedisException"><c>ERR min or max is not a float</c> for NaN.</exception>
    SortedSetEntry[] SortedSetRangeByScoreWithScores(RedisKey key, double min = double.NegativeInfinity, double max = double.PositiveInfinity, Exclude exclude = Exclude.None, Order order = Order.Ascending, long skip = 0, long take = -1);

    /// <summary>Gets the members in a lexicographical range (<c>ZRANGE key min max BYLEX [REV] [LIMIT offset count]</c>,
    /// <c>ZRANGEBYLEX</c>, <c>ZREVRANGEBYLEX</c>). Redis has no <c>WITHSCORES</c> for lex ranges, so neither does this.</summary>
    /// <param name="key">The key.</param>
    /// <param name="min">The lower bound, or <see cref="RedisValue.Null"/> for <c>-</c>.</param>
    /// <param name="max">The upper bound, or <see cref="RedisValue.Null"/> for <c>+</c>.</param>
    /// <param name="exclude">Which bounds are exclusive.</param>
    /// <param name="order">The direction.</param>
    /// <param name="skip">The <c>LIMIT</c> offset.</param>
    /// <param name="take">The <c>LIMIT</c> count; negative for all.</param>
    /// <returns>The members.</returns>
    /// <exception cref="RedisWrongTypeException">The key holds another type.</exception>
    RedisValue[] SortedSetRangeByValue(RedisKey key, RedisValue min = default, RedisValue max = default, Exclude exclude = Exclude.None, Order order = Order.Ascending, long skip = 0, long take = -1);

    /// <summary>Stores a range of <paramref name="source"/> at <paramref name="destination"/> (<c>ZRANGESTORE dst src min max
    /// [BYSCORE|BYLEX] [REV] [LIMIT offset count]</c>). The bounds are read as Redis reads the arguments it would be sent:
    /// integers for ranks, floats for scores (prefixed by <c>(</c> when excluded), members for lex (<c>[</c> or <c>(</c>).
    /// A <see cref="RedisValue.Null"/> bound means the whole range on its side (rank 0 / -1, <c>-inf</c>/<c>+inf</c>, <c>-</c>/<c>+</c>).</summary>
    /// <param name="source">The sorted set to read.</param>
    /// <param name="destination">The key to replace (its TTL is dropped; it is deleted when the range is empty).</param>
    /// <param name="start">The first rank, or the lower score or lex bound (with <see cref="Order.Descending"/>, still the lower one).</param>
    /// <param name="stop">The last rank, or the upper score or lex bound.</param>
    /// <param name="sortedSetOrder">How the bounds are read.</param>
    /// <param name="exclude">Which score or lex bounds are exclusive.</param>
    /// <param name="order">The direction (<c>REV</c>).</param>
    /// <param name="skip">The <c>LIMIT</c> offset.</param>
    /// <param name="take">The <c>LIMIT</c> count; -1 for no limit.</param>
    /// <returns>The number of members stored.</returns>
    /// <exception cref="RedisWrongTypeException">The source holds another type.</exception>
    /// <exception cref="RedisException"><c>ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX</c>;
    /// <c>ERR value is not an integer or out of range</c>; <c>ERR min or max is not a float</c>.</exception>
    long SortedSetRangeAndStore(RedisKey source, RedisKey destination, RedisValue start, RedisValue stop, SortedSetOrder sortedSetOrder = SortedSetOrder.ByRank, Exclude exclude = Exclude.None, Order order = Order.Ascending, long skip = 0, long take = -1);

    /// <summary>Removes the members between two ranks, inclusive (<c>ZREMRANGEBYRANK</c>).</summary>
    /// <param name="key">The key.</param>
    /// <param name="start">The first rank; negative counts from the end.</param>
    /// <param name="stop">The last rank; negative counts from the end.</param>
    /// <returns>The number removed.</returns>
    /// <exception cref="RedisWrongTypeException">The key holds another type.</exception>
    long SortedSetRemoveRangeByRank(RedisKey key, long start, long stop);

    /// <summary>Removes the members with a score in a range (<c>ZREMRANGEBYSCORE</c>).</summary>
    /// <param name="key">The key.</param>
    /// <param name="min">The lowest score.</param>
    /// <param name="max">The highest score.</param>
    /// <param name="exclude">Which ends are exclusive.</param>
    /// <returns>The number removed.</returns>
    /// <exception cref="RedisWrongTypeException">The key holds another type.</exception>
    /// <exception cref="RedisException"><c>ERR min or max is not a float</c> for NaN.</exception>
    long SortedSetRemoveRangeByScore(RedisKey key, double min, double max, Exclude exclude = Exclude.None);

    /// <summary>Removes the members in a lexicographical range (<c>ZREMRANGEBYLEX</c>).</summary>
    /// <param name="key">The key.</param>
    /// <param name="min">The lower bound, or <see cref="RedisValue.Null"/> for <c>-</c>.</param>
    /// <param name="max">The upper bound, or <see cref="RedisValue.Null"/> for <c>+</c>.</param>
    /// <param name="exclude">Which bounds are exclusive.</param>
    /// <returns>The number removed.</returns>
    /// <exception cref="RedisWrongTypeException">The key holds another type.</exception>
    long SortedSetRemoveRangeByValue(RedisKey key, RedisValue min, RedisValue max, Exclude exclude = Exclude.None);

    /// <summary>Combines sorted sets (and sets, whose members score 1) and returns the members in score order
    /// (<c>ZUNION</c>, <c>ZINTER</c>, <c>ZDIFF</c> with <c>numkeys</c> = the number of keys).</summary>
    /// <param name="operation">Union, intersection, or difference (first minus the others; no weights or aggregate).</param>
    /// <param name="keys">The inputs; at least one. Missing keys are empty.</param>
    /// <param name="weights">One multiplier per key (<c>WEIGHTS</c>), or null for all 1; <c>inf * 0</c> counts as 0.</param>
    /// <param name="aggregate">How scores of a member in several inputs combine (<c>AGGREGATE</c>).</param>
    /// <returns>The members.</returns>
    /// <exception cref="RedisWrongTypeException">A key holds neither a sorted set nor a set.</exception>
    /// <exception cref="RedisException"><c>ERR at least 1 input key is needed for '...' command</c>; <c>ERR syntax error</c>
    /// for a weight count that differs from the key count or options on a difference; <c>ERR weight value is not a float</c>.</exception>
    RedisValue[] SortedSetCombine(SetOperation operation, RedisKey[] keys, double[]? weights = null, Aggregate aggregate = Aggregate.Sum);

    /// <summary>Combines sorted sets like <see cref="SortedSetCombine"/> and returns the scores too (<c>... WITHSCORES</c>).</summary>
    /// <param name="operation">The operation.</param>
    /// <param name="keys">The inputs.</param>
    /// <param name="weights">The weights, or null.</param>
    /// <param name="aggregate">The aggregate.</param>
    /// <returns>The entries in score order.</returns>
    /// <exception cref="RedisWrongTypeException">A key holds neither a sorted set nor a set.</exception>
    /// <exception cref="RedisException">As for <see cref="SortedSetCombine"/>.</exception>
    SortedSetEntry[] SortedSetCombineWithScores(SetOperation operation, RedisKey[] keys, double[]? weights = null, Aggregate aggregate = Aggregate.Sum);

    /// <summary>Combines sorted sets into <paramref name="destination"/> (<c>ZUNIONSTORE</c>, <c>ZINTERSTORE</c>, <c>ZDIFFSTORE</c>).</summary>
    /// <param name="operation">The operation.</param>
    /// <param name="destination">The key to replace (its TTL is dropped; it is deleted when the result is empty).</param>
    /// <param name="keys">The inputs.</param>
    /// <param name="weights">The weights, or null.</param>
    /// <param name="aggregate">The aggregate.</param>
    /// <returns>The number of members stored.</returns>
    /// <exception cref="RedisWrongTypeException">An input holds neither a sorted set nor a set.</exception>
    /// <exception cref="RedisException">As for <see cref="SortedSetCombine"/>.</exception>
    long SortedSetCombineAndStore(SetOperation operation, RedisKey destination, RedisKey[] keys, double[]? weights = null, Aggregate aggregate = Aggregate.Sum);

    /// <summary>Counts the intersection of sorted sets (and sets) without building it (<c>ZINTERCARD numkeys key ... [LIMIT limit]</c>).</summary>
    /// <param name="keys">The inputs; at least one.</param>
    /// <param name="limit">Stop counting at this many; 0 for no limit.</param>
    /// <returns>The count.</returns>
    /// <exception cref="RedisWrongTypeException">A key holds neither a sorted set nor a set.</exception>
    /// <exception cref="RedisException"><c>ERR at least 1 input key is needed for 'zintercard' command</c>; <c>ERR LIMIT can't be negative</c>.</exception>
    long SortedSetIntersectionLength(RedisKey[] keys, long limit = 0);

    /// <summary>Removes and returns the member with the lowest (or highest) score (<c>ZPOPMIN</c>/<c>ZPOPMAX</c> without count).</summary>
    /// <param name="key">The key.</param>
    /// <param name="order">Ascending pops the lowest score, descending the highest.</param>
    /// <returns>The entry, or <see langword="null"/> when the key is missing.</returns>
    /// <exception cref="RedisWrongTypeException">The key holds another type.</exception>
    SortedSetEntry? SortedSetPop(RedisKey key, Order order = Order.Ascending);

    /// <summary>Removes and returns up to <paramref name="count"/> members from one end (<c>ZPOPMIN</c>/<c>ZPOPMAX key count</c>).</summary>
    /// <param name="key">The key.</param>
    /// <param name="count">How many; 0 returns none.</param>
    /// <param name="order">Ascending pops the lowest scores, descending the highest.</param>
    /// <returns>The entries in pop order.</returns>
    /// <exception cref="RedisWrongTypeException">The key holds another type.</exception>
    /// <exception cref="RedisException"><c>ERR value is out of range, must be positive</c> for a negative count.</exception>
    SortedSetEntry[] SortedSetPop(RedisKey key, long count, Order order = Order.Ascending);

    /// <summary>Pops from the first non-empty sorted set among <paramref name="keys"/> (<c>ZMPOP numkeys key ... MIN|MAX [COUNT count]</c>).</summary>
    /// <param name="keys">The keys, in the order to try; at least one.</param>
    /// <param name="count">How many to pop, at least 1.</param>
    /// <param name="order">Ascending pops the lowest scores (<c>MIN</c>), descending the highest (<c>MAX</c>).</param>
    /// <returns>The key and the popped entries, or <see langword="null"/> when every key is missing.</returns>
    /// <exception cref="RedisWrongTypeException">The first existing key holds another type.</exception>
    /// <exception cref="RedisException"><c>ERR numkeys should be greater than 0</c>; <c>ERR count should be greater than 0</c>.</exception>
    SortedSetPopResult? SortedSetPop(RedisKey[] keys, long count, Order order = Order.Ascending);

    /// <summary>Pops the member with the lowest (or highest) score from the first non-empty sorted set among
    /// <paramref name="keys"/>, waiting for one to be filled if all are empty (<c>BZPOPMIN</c>/<c>BZPOPMAX key ... timeout</c>).
    /// Callers blocked on a key are served in the order they blocked.</summary>
    /// <param name="keys">The keys, in the order they are tried; at least one.</param>
    /// <param name="order">Ascending pops the lowest score (<c>BZPOPMIN</c>), descending the highest (<c>BZPOPMAX</c>).</param>
    /// <param name="timeout">How long to wait; <see cref="TimeSpan.Zero"/> waits forever (Redis's 0). A positive timeout
    /// shorter than a millisecond counts as one millisecond.</param>
    /// <param name="cancellationToken">Cancels the wait; no member is lost when it races with a write.</param>
    /// <returns>The key and the popped entry, or <see langword="null"/> when the timeout passed.</returns>
    /// <exception cref="RedisWrongTypeException">A key met before the first non-empty sorted set holds another type.</exception>
    /// <exception cref="RedisException"><c>ERR timeout is negative</c>; <c>ERR wrong number of arguments</c> for no keys.</exception>
    /// <exception cref="OperationCanceledException">The wait was cancelled.</exception>
    Task<(RedisKey Key, SortedSetEntry Entry)?> SortedSetPopBlockingAsync(RedisKey[] keys, Order order, TimeSpan timeout, CancellationToken cancellationToken = default);

    /// <summary>Pops up to <paramref name="count"/> members from the first non-empty sorted set among <paramref name="keys"/>,
    /// waiting for one to be filled if all are empty (<c>BZMPOP timeout numkeys key ... MIN|MAX [COUNT count]</c>).</summary>
    /// <param name="keys">The keys, in the order they are tried; at least one.</param>
    /// <param name="count">How many to pop, at least 1.</param>
    /// <param name="order">Ascending pops the lowest scores (<c>MIN</c>), descending the highest (<c>MAX</c>).</param>
    /// <param name="timeout">How long to wait; <see cref="TimeSpan.Zero"/> waits forever.</param>
    /// <param name="cancellationToken">Cancels the wait; no member is lost when it races with a write.</param>
    /// <returns>The key and the popped entries in pop order, or <see langword="null"/> when the timeout passed.</returns>
    /// <exception cref="RedisWrongTypeException">A key met before the first non-empty sorted set holds another type.</exception>
    /// <exception cref="RedisException"><c>ERR timeout is negative</c>; <c>ERR numkeys should be greater than 0</c>;
    /// <c>ERR count should be greater than 0</c>.</exception>
    /// <exception cref="OperationCanceledException">The wait was cancelled.</exception>
    Task<SortedSetPopResult?> SortedSetPopBlockingAsync(RedisKey[] keys, long count, Order order, TimeSpan timeout, CancellationToken cancellationToken = default);

    /// <summary>Returns a random member (<c>ZRANDMEMBER key</c>).</summary>
    /// <param name="key">The key.</param>
    /// <returns>The member, or <see cref="RedisValue.Null"/> when the key is missing.</returns>
    /// <exception cref="RedisWrongTypeException">The key holds another type.</exception>
    RedisValue SortedSetRandomMember(RedisKey key);

    /// <summary>Returns random members (<c>ZRANDMEMBER key count</c>): distinct ones when <paramref name="count"/> is
    /// positive (all of them when it is at least the size), possibly repeated ones when it is negative.</summary>
    /// <param name="key">The key.</param>
    /// <param name="count">The count.</param>
    /// <returns>The members.</returns>
    /// <exception cref="RedisWrongTypeException">The key holds another type.</exception>
    /// <exception cref="RedisException"><c>ERR value is out of range, value must between ...</c> for <see cref="long.MinValue"/>.</exception>
    RedisValue[] SortedSetRandomMembers(RedisKey key, long count);

    /// <summary>Returns random members with their scores (<c>ZRANDMEMBER key count WITHSCORES</c>).</summary>
    /// <param name="key">The key.</param>
    /// <param name="count">The count, as for <see cref="SortedSetRandomMembers"/>.</param>
    /// <returns>The entries.</returns>
    /// <exception cref="RedisWrongTypeException">The key holds another type.</exception>
    /// <exception cref="RedisException"><c>ERR value is out of range</c> when |count| exceeds 2^62 - 1.</exception>
    SortedSetEntry[] SortedSetRandomMembersWithScores(RedisKey key, long count);

    /// <summary>Returns one page of an iteration over a sorted set (<c>ZSCAN key cursor [MATCH pattern] [COUNT count]</c>).
    /// A small (compact) sorted set is returned whole with cursor 0, as Redis does; a large one page by page with Redis's
    /// guarantee that a member present for the whole iteration is returned at least once.</summary>
    /// <param name="key">The key.</param>
    /// <param name="cursor">0 to start, then the previous page's cursor.</param>
    /// <param name="pattern">Only members matching this glob pattern, or <see cref="RedisValue.Null"/> for all.</param>
    /// <param name="count">About how much work per page; must be positive.</param>
    /// <returns>The next cursor and the members with their scores.</returns>
    /// <exception cref="RedisWrongTypeException">The key holds another type.</exception>
    /// <exception cref="RedisException"><c>ERR syntax error</c> for a count below 1.</exception>
    ScanResult<SortedSetEntry> SortedSetScan(RedisKey key, ulong cursor, RedisValue pattern = default, int count = 10);
}
