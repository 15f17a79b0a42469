namespace RedisLite;

public partial interface IDataStore
{
    /// <summary>Sets <paramref name="key"/> to hold <paramref name="value"/> (<c>SET</c>, and <c>SETNX</c>, <c>SETEX</c>, <c>PSETEX</c>).
    /// Any previous value of any type is replaced.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value; must not be <see cref="RedisValue.Null"/>.</param>
    /// <param name="expiry">The expiry: none (any TTL is removed), relative (<c>EX</c>/<c>PX</c>), absolute (<c>EXAT</c>/<c>PXAT</c>) or
    /// <see cref="Expiration.KeepTtl"/> (<c>KEEPTTL</c>). An absolute time already past stores the key already expired, as Redis 7.0
    /// does: no command sees it, though <c>DBSIZE</c> may count it until it is reclaimed.</param>
    /// <param name="when">Write always, only if the key exists (<c>XX</c>), or only if it does not (<c>NX</c>).</param>
    /// <returns><see langword="true"/> if the value was set; <see langword="false"/> if <paramref name="when"/> prevented it.</returns>
    /// <exception cref="RedisException"><c>ERR invalid expire time in 'set' command</c> for a TTL or time that is not positive or overflows;
    /// <c>ERR syntax error</c> for <see cref="Expiration.Persist"/>.</exception>
    bool StringSet(RedisKey key, RedisValue value, Expiration expiry = default, When when = When.Always);

    /// <summary>Sets <paramref name="key"/> like <see cref="StringSet(RedisKey, RedisValue, Expiration, When)"/> and returns the old value (<c>SET ... GET</c>).</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The new value.</param>
    /// <param name="expiry">The expiry, as for <c>SET</c>.</param>
    /// <param name="when">The condition, as for <c>SET</c>.</param>
    /// <returns>The previous value, or <see cref="RedisValue.Null"/> if the key did not exist. Whether the write happened follows from <paramref name="when"/>.</returns>
    /// <exception cref="RedisWrongTypeException">The key holds a non-string; nothing is written.</exception>
    /// <exception cref="RedisException">An invalid expiry, as for <c>SET</c>.</exception>
    RedisValue StringSetAndGet(RedisKey key, RedisValue value, Expiration expiry = default, When when = When.Always);

    /// <summary>Sets several keys at once, atomically (<c>MSET</c>, or <c>MSETNX</c> with <see cref="When.NotExists"/>). Every key loses its TTL.</summary>
    /// <param name="values">The key/value pairs; a key named twice ends with its last value.</param>
    /// <param name="when"><see cref="When.Always"/> (<c>MSET</c>) or <see cref="When.NotExists"/> (<c>MSETNX</c>: nothing is set if any key exists).</param>
    /// <returns><see langword="true"/> if the values were set.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="when"/> is <see cref="When.Exists"/>, which Redis has no command for.</exception>
    /// <exception cref="RedisException"><c>ERR wrong number of arguments for '...' command</c> when the array is empty, as Redis replies.</exception>
    bool StringSet(KeyValuePair<RedisKey, RedisValue>[] values, When when = When.Always);

    /// <summary>Gets the value of <paramref name="key"/> (<c>GET</c>).</summary>
    /// <param name="key">The key.</param>
    /// <returns>The value, or <see cref="RedisValue.Null"/> if the key does not exist. The value is a read-only view; reading allocates nothing.</returns>
    /// <exception cref="RedisWrongTypeException">The key holds a non-string.</exception>
    RedisValue StringGet(RedisKey key);

    /// <summary>Gets the values of several keys atomically (<c>MGET</c>).</summary>
    /// <param name="keys">The keys.</param>
    /// <returns>One value per key, in order: <see cref="RedisValue.Null"/> for a missing key or one that holds a non-string.</returns>
    /// <exception cref="RedisException"><c>ERR wrong number of arguments for '...' command</c> when the array is empty, as Redis replies.</exception>
    RedisValue[] StringGet(RedisKey[] keys);

    /// <summary>Sets <paramref name="key"/> to <paramref name="value"/>, removes its TTL, and returns the old value (<c>GETSET</c>).</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The new value.</param>
    /// <returns>The previous value, or <see cref="RedisValue.Null"/>.</returns>
    /// <exception cref="RedisWrongTypeException">The key holds a non-string.</exception>
    RedisValue StringGetSet(RedisKey key, RedisValue value);

    /// <summary>Gets the value of <paramref name="key"/> and deletes the key (<c>GETDEL</c>).</summary>
    /// <param name="key">The key.</param>
    /// <returns>The value, or <see cref="RedisValue.Null"/>.</returns>
    /// <exception cref="RedisWrongTypeException">The key holds a non-string; it is not deleted.</exception>
    RedisValue StringGetDelete(RedisKey key);

    /// <summary>Gets the value of <paramref name="key"/> and changes its expiry (<c>GETEX</c>).</summary>
    /// <param name="key">The key.</param>
    /// <param name="expiry">A relative or absolute expiry, <see cref="Expiration.Persist"/> to remove the TTL, or <see cref="Expiration.None"/> to leave it.
    /// A time in the past deletes the key after reading it.</param>
    /// <returns>The value, or <see cref="RedisValue.Null"/>.</returns>
    /// <exception cref="RedisWrongTypeException">The key holds a non-string.</exception>
    /// <exception cref="RedisException"><c>ERR invalid expire time in 'getex' command</c>; <c>ERR syntax error</c> for <see cref="Expiration.KeepTtl"/>.</exception>
    RedisValue StringGetSetExpiry(RedisKey key, Expiration expiry);

    /// <summary>Adds <paramref name="value"/> to the integer stored at <paramref name="key"/> (<c>INCR</c>, <c>INCRBY</c>); a missing key counts as 0. The TTL is kept.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The increment.</param>
    /// <returns>The new value.</returns>
    /// <exception cref="RedisWrongTypeException">The key holds a non-string.</exception>
    /// <exception cref="RedisException"><c>ERR value is not an integer or out of range</c>; <c>ERR increment or decrement would overflow</c>.</exception>
    long StringIncrement(RedisKey key, long value = 1);

    /// <summary>Subtracts <paramref name="value"/> from the integer stored at <paramref name="key"/> (<c>DECR</c>, <c>DECRBY</c>).</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The decrement.</param>
    /// <returns>The new value.</returns>
    /// <exception cref="RedisWrongTypeException">The key holds a non-string.</exception>
    /// <exception cref="RedisException"><c>ERR value is not an integer or out of range</c>; <c>ERR increment or decrement would overflow</c>;
    /// <c>ERR decrement would overflow</c> for <see cref="long.MinValue"/>.</exception>
    long StringDecrement(RedisKey key, long value = 1);

    /// <summary>Adds a floating-point <paramref name="value"/> to the number stored at <paramref name="key"/> (<c>INCRBYFLOAT</c>).
    /// The result is stored the way Redis stores it (up to 17 decimals, trailing zeros removed). The TTL is kept.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The increment.</param>
    /// <returns>The new value.</returns>
    /// <exception cref="RedisWrongTypeException">The key holds a non-string.</exception>
    /// <exception cref="RedisException"><c>ERR value is not a valid float</c>; <c>ERR increment would produce NaN or Infinity</c>.</exception>
    double StringIncrement(RedisKey key, double value);

    /// <summary>Appends <paramref name="value"/> to the string at <paramref name="key"/>, creating it if missing (<c>APPEND</c>).</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The bytes to append.</param>
    /// <returns>The length of the string after the append.</returns>
    /// <exception cref="RedisWrongTypeException">The key holds a non-string.</exception>
    /// <exception cref="RedisException"><c>ERR string exceeds maximum allowed size (proto-max-bulk-len)</c>.</exception>
    long StringAppend(RedisKey key, RedisValue value);

    /// <summary>Gets the length in bytes of the string at <paramref name="key"/> (<c>STRLEN</c>).</summary>
    /// <param name="key">The key.</param>
    /// <returns>The length; 0 if the key does not exist.</returns>
    /// <exception cref="RedisWrongTypeException">The key holds a non-string.</exception>
    long StringLength(RedisKey key);

    /// <summary>Gets a substring (<c>GETRANGE</c>). Offsets are inclusive; negative ones count from the end (-1 is the last byte).</summary>
    /// <param name="key">The key.</param>
    /// <param name="start">The first byte.</param>
    /// <param name="end">The last byte.</param>
    /// <returns>The bytes in range; empty if the range is empty or the key does not exist.</returns>
    /// <exception cref="RedisWrongTypeException">The key holds a non-string.</exception>
    RedisValue StringGetRange(RedisKey key, long start, long end);

    /// <summary>Overwrites part of the string at <paramref name="key"/> from <paramref name="offset"/>, padding with zero bytes if needed (<c>SETRANGE</c>).</summary>
    /// <param name="key">The key.</param>
    /// <param name="offset">The byte offset; must not be negative.</param>
    /// <param name="value">The bytes to write. An empty value only reports the length (and creates nothing).</param>
    /// <returns>The length of the string after the write.</returns>
    /// <exception cref="RedisWrongTypeException">The key holds a non-string.</exception>
    /// <exception cref="RedisException"><c>ERR offset is out of range</c>; <c>ERR string exceeds maximum allowed size (proto-max-bulk-len)</c> past 512 MB.</exception>
    long StringSetRange(RedisKey key, long offset, RedisValue value);

    /// <summary>Finds the longest common subsequence of the strings at two keys (<c>LCS</c>): the longest sequence of bytes that
    /// appears in both in the same order, not necessarily contiguously. A missing key counts as an empty string.</summary>
    /// <param name="first">The first key.</param>
    /// <param name="second">The second key.</param>
    /// <returns>The subsequence (empty when there is none). When several exist, the one Redis picks.</returns>
    /// <exception cref="RedisException"><c>ERR The specified keys must contain string values</c>; <c>ERR Insufficient memory, transient memory
    /// for LCS exceeds proto-max-bulk-len</c> when (length1 + 1) x (length2 + 1) x 4 bytes would exceed 512 MB.</exception>
    RedisValue StringLongestCommonSubsequence(RedisKey first, RedisKey second);

    /// <summary>Gets the length of the longest common subsequence of the strings at two keys (<c>LCS ... LEN</c>).</summary>
    /// <param name="first">The first key.</param>
    /// <param name="second">The second key.</param>
    /// <returns>The length in bytes.</returns>
    /// <exception cref="RedisException">As for <see cref="StringLongestCommonSubsequence"/>.</exception>
    long StringLongestCommonSubsequenceLength(RedisKey first, RedisKey second);

    /// <summary>Finds where the longest common subsequence of two strings lies in each (<c>LCS ... IDX MINMATCHLEN n WITHMATCHLEN</c>).</summary>
    /// <param name="first">The first key.</param>
    /// <param name="second">The second key.</param>
    /// <param name="minLength">Leave out runs shorter than this (<c>MINMATCHLEN</c>); 0 (or less) keeps them all.</param>
    /// <returns>The runs and the subsequence's length.</returns>
    /// <exception cref="RedisException">As for <see cref="StringLongestCommonSubsequence"/>.</exception>
    LcsMatchResult StringLongestCommonSubsequenceWithMatches(RedisKey first, RedisKey second, long minLength = 0);
}
