namespace RedisLite;

// Hash commands. A key never holds an empty hash: removing the last field deletes the key. Changing a hash in place
// keeps the key's TTL, as Redis does. Every method fails with RedisWrongTypeException when the key holds another type.
public partial interface IDataStore
{
    /// <summary>Sets fields of the hash at <paramref name="key"/>, creating the hash if needed (<c>HSET</c>).</summary>
    /// <param name="key">The key.</param>
    /// <param name="entries">The fields and values; a field named twice ends with its last value.</param>
    /// <returns>The number of fields that were added (updated ones are not counted).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="entries"/> is null.</exception>
    /// <exception cref="ArgumentException">A field or value is <see cref="RedisValue.Null"/>.</exception>
    /// <exception cref="RedisWrongTypeException">The key holds a non-hash.</exception>
    /// <exception cref="RedisException"><c>ERR wrong number of arguments for 'hset' command</c> when the array is empty.</exception>
    long HashSet(RedisKey key, HashEntry[] entries);

    /// <summary>Sets one field of the hash at <paramref name="key"/> (<c>HSET</c>), or only if the field does not exist
    /// yet (<c>HSETNX</c>).</summary>
    /// <param name="key">The key.</param>
    /// <param name="field">The field.</param>
    /// <param name="value">The value.</param>
    /// <param name="when"><see cref="When.Always"/> (<c>HSET</c>) or <see cref="When.NotExists"/> (<c>HSETNX</c>).</param>
    /// <returns>With <see cref="When.Always"/>: <see langword="true"/> if the field was added (not updated). With
    /// <see cref="When.NotExists"/>: <see langword="true"/> if the field was set.</returns>
    /// <exception cref="ArgumentException"><paramref name="field"/> or <paramref name="value"/> is <see cref="RedisValue.Null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="when"/> is <see cref="When.Exists"/>, which Redis has no command for.</exception>
    /// <exception cref="RedisWrongTypeException">The key holds a non-hash.</exception>
    bool HashSet(RedisKey key, RedisValue field, RedisValue value, When when = When.Always);

    /// <summary>Gets the value of a field (<c>HGET</c>).</summary>
    /// <param name="key">The key.</param>
    /// <param name="field">The field.</param>
    /// <returns>The value, or <see cref="RedisValue.Null"/> if the field or the key does not exist.</returns>
    /// <exception cref="ArgumentException"><paramref name="field"/> is <see cref="RedisValue.Null"/>.</exception>
    /// <exception cref="RedisWrongTypeException">The key holds a non-hash.</exception>
    RedisValue HashGet(RedisKey key, RedisValue field);

    /// <summary>Gets the values of several fields at once (<c>HMGET</c>).</summary>
    /// <param name="key">The key.</param>
    /// <param name="fields">The fields.</param>
    /// <returns>One value per field, in order; <see cref="RedisValue.Null"/> for a missing field (all of them when the key is missing).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="fields"/> is null.</exception>
    /// <exception cref="ArgumentException">A field is <see cref="RedisValue.Null"/>.</exception>
    /// <exception cref="RedisWrongTypeException">The key holds a non-hash.</exception>
    /// <exception cref="RedisException"><c>ERR wrong number of arguments for 'hmget' command</c> when the array is empty.</exception>
    RedisValue[] HashGet(RedisKey key, RedisValue[] fields);

    /// <summary>Gets every field and value (<c>HGETALL</c>).</summary>
    /// <param name="key">The key.</param>
    /// <returns>The entries (empty if the key does not exist): a small hash lists them in insertion order, as Redis's
    /// listpack does; a large one in no particular order.</returns>
    /// <exception cref="RedisWrongTypeException">The key holds a non-hash.</exception>
    HashEntry[] HashGetAll(RedisKey key);

    /// <summary>Removes a field (<c>HDEL</c>); the key is deleted with its last field.</summary>
    /// <param name="key">The key.</param>
    /// <param name="field">The field.</param>
    /// <returns><see langword="true"/> if the field existed.</returns>
    /// <exception cref="ArgumentException"><paramref name="field"/> is <see cref="RedisValue.Null"/>.</exception>
    /// <exception cref="RedisWrongTypeException">The key holds a non-hash.</exception>
    bool HashDelete(RedisKey key, RedisValue field);

    /// <summary>Removes several fields (<c>HDEL</c>); the key is deleted with its last field.</summary>
    /// <param name="key">The key.</param>
    /// <param name="fields">The fields; repeats count once.</param>
    /// <returns>The number of fields removed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="fields"/> is null.</exception>
    /// <exception cref="ArgumentException">A field is <see cref="RedisValue.Null"/>.</exception>
    /// <exception cref="RedisWrongTypeException">The key holds a non-hash.</exception>
    /// <exception cref="RedisException"><c>ERR wrong number of arguments for 'hdel' command</c> when the array is empty.</exception>
    long HashDelete(RedisKey key, RedisValue[] fields);

    /// <summary>Tells whether a field exists (<c>HEXISTS</c>).</summary>
    /// <param name="key">The key.</param>
    /// <param name="field">The field.</param>
    /// <returns><see langword="true"/> if the hash exists and has the field.</returns>
    /// <exception cref="ArgumentException"><paramref name="field"/> is <see cref="RedisValue.Null"/>.</exception>
    /// <exception cref="RedisWrongTypeException">The key holds a non-hash.</exception>
    bool HashExists(RedisKey key, RedisValue field);

    /// <summary>Counts the fields of a hash (<c>HLEN</c>).</summary>
    /// <param name="key">The key.</param>
    /// <returns>The number of fields; 0 if the key does not exist.</returns>
    /// <exception cref="RedisWrongTypeException">The key holds a non-hash.</exception>
    long HashLength(RedisKey key);

    /// <summary>Lists the fields of a hash (<c>HKEYS</c>), in the order <see cref="HashGetAll"/> uses.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The fields; empty if the key does not exist.</returns>
    /// <exception cref="RedisWrongTypeException">The key holds a non-hash.</exception>
    RedisValue[] HashKeys(RedisKey key);

    /// <summary>Lists the values of a hash (<c>HVALS</c>), in the order <see cref="HashGetAll"/> uses.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The values; empty if the key does not exist.</returns>
    /// <exception cref="RedisWrongTypeException">The key holds a non-hash.</exception>
    RedisValue[] HashValues(RedisKey key);

    /// <summary>Gets the length in bytes of a field's value (<c>HSTRLEN</c>).</summary>
    /// <param name="key">The key.</param>
    /// <param name="field">The field.</param>
    /// <returns>The length; 0 if the field or the key does not exist.</returns>
    /// <exception cref="ArgumentException"><paramref name="field"/> is <see cref="RedisValue.Null"/>.</exception>
    /// <exception cref="RedisWrongTypeException">The key holds a non-hash.</exception>
    long HashStringLength(RedisKey key, RedisValue field);

    /// <summary>Adds <paramref name="value"/> to the integer in a field (<c>HINCRBY</c>); a missing field (or hash)
    /// counts as 0.</summary>
    /// <param name="key">The key.</param>
    /// <param name="field">The field.</param>
    /// <param name="value">The increment (negative to decrement).</param>
    /// <returns>The new value.</returns>
    /// <exception cref="ArgumentException"><paramref name="field"/> is <see cref="RedisValue.Null"/>.</exception>
    /// <exception cref="RedisWrongTypeException">The key holds a non-hash.</exception>
    /// <exception cref="RedisException"><c>ERR hash value is not an integer</c>; <c>ERR increment or decrement would overflow</c>.</exception>
    long HashIncrement(RedisKey key, RedisValue field, long value = 1);

    /// <summary>Adds a floating-point <paramref name="value"/> to the number in a field (<c>HINCRBYFLOAT</c>); a missing
    /// field counts as 0. The sum is computed and stored exactly as <c>INCRBYFLOAT</c> does (long double, up to 17
    /// decimals, trailing zeros removed).</summary>
    /// <param name="key">The key.</param>
    /// <param name="field">The field.</param>
    /// <param name="value">The increment.</param>
    /// <returns>The new value (an infinity when the stored text is beyond the range of <see cref="double"/>).</returns>
    /// <exception cref="ArgumentException"><paramref name="field"/> is <see cref="RedisValue.Null"/>.</exception>
    /// <exception cref="RedisWrongTypeException">The key holds a non-hash.</exception>
    /// <exception cref="RedisException"><c>ERR value is not a valid float</c> for a NaN increment; <c>ERR value is NaN or
    /// Infinity</c> for an infinite one; <c>ERR hash value is not a float</c>; <c>ERR increment would produce NaN or
    /// Infinity</c>.</exception>
    double HashIncrement(RedisKey key, RedisValue field, double value);

    /// <summary>Returns a random field (<c>HRANDFIELD</c>).</summary>
    /// <param name="key">The key.</param>
    /// <returns>A field, or <see cref="RedisValue.Null"/> if the key does not exist.</returns>
    /// <exception cref="RedisWrongTypeException">The key holds a non-hash.</exception>
    RedisValue HashRandomField(RedisKey key);

    /// <summary>Returns random fields (<c>HRANDFIELD key count</c>).</summary>
    /// <param name="key">The key.</param>
    /// <param name="count">Positive: that many distinct fields, or all of them if the hash is smaller. Negative: exactly
    /// |count| fields, possibly repeated. Zero: none.</param>
    /// <returns>The fields; empty if the key does not exist.</returns>
    /// <exception cref="RedisWrongTypeException">The key holds a non-hash.</exception>
    /// <exception cref="RedisException"><c>ERR value is out of range, value must between -9223372036854775807 and
    /// 9223372036854775807</c> for <see cref="long.MinValue"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A negative count asks for more fields than an array can hold.</exception>
    RedisValue[] HashRandomFields(RedisKey key, long count);

    /// <summary>Returns random fields with their values (<c>HRANDFIELD key count WITHVALUES</c>).</summary>
    /// <param name="key">The key.</param>
    /// <param name="count">As for <see cref="HashRandomFields"/>.</param>
    /// <returns>The entries; empty if the key does not exist.</returns>
    /// <exception cref="RedisWrongTypeException">The key holds a non-hash.</exception>
    /// <exception cref="RedisException"><c>ERR value is out of range</c> when |count| exceeds
    /// <see cref="long.MaxValue"/> / 2 (twice as many replies would overflow), before the key is looked at; the error of
    /// <see cref="HashRandomFields"/> for <see cref="long.MinValue"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A negative count asks for more entries than an array can hold.</exception>
    HashEntry[] HashRandomFieldsWithValues(RedisKey key, long count);

    /// <summary>Returns one page of an incremental iteration over a hash's fields (<c>HSCAN</c>). Every field present for
    /// the whole iteration is returned at least once, even while fields are added and removed and the table resizes; a
    /// field may be returned more than once. A small (compact) hash is returned whole, with cursor 0, as Redis does.</summary>
    /// <param name="key">The key.</param>
    /// <param name="cursor">0 to start, then the <see cref="ScanResult{T}.Cursor"/> of the previous page.</param>
    /// <param name="pattern">Only fields matching this glob pattern (<c>MATCH</c>); <see cref="RedisValue.Null"/> for all.</param>
    /// <param name="count">About how many fields to look at for this page (<c>COUNT</c>); must be positive.</param>
    /// <returns>The next cursor (0 when done) and the entries of this page; an empty page with cursor 0 if the key does not exist.</returns>
    /// <exception cref="RedisWrongTypeException">The key holds a non-hash.</exception>
    /// <exception cref="RedisException"><c>ERR syntax error</c> when <paramref name="count"/> is less than 1 and the key exists.</exception>
    ScanResult<HashEntry> HashScan(RedisKey key, ulong cursor, RedisValue pattern = default, int count = 10);
}
