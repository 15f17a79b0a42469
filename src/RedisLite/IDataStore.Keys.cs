namespace RedisLite;

public partial interface IDataStore
{
    /// <summary>Deletes a key (<c>DEL</c>).</summary>
    /// <param name="key">The key.</param>
    /// <returns><see langword="true"/> if the key existed.</returns>
    bool KeyDelete(RedisKey key);

    /// <summary>Deletes several keys atomically (<c>DEL</c>).</summary>
    /// <param name="keys">The keys; a key named twice is counted once.</param>
    /// <returns>The number of keys that existed.</returns>
    /// <exception cref="RedisException"><c>ERR wrong number of arguments for '...' command</c> when the array is empty, as Redis replies.</exception>
    long KeyDelete(RedisKey[] keys);

    /// <summary>Deletes a key (<c>UNLINK</c>). In process, memory is reclaimed by the garbage collector, so this is <c>DEL</c>.</summary>
    /// <param name="key">The key.</param>
    /// <returns><see langword="true"/> if the key existed.</returns>
    bool KeyUnlink(RedisKey key);

    /// <summary>Deletes several keys atomically (<c>UNLINK</c>).</summary>
    /// <param name="keys">The keys.</param>
    /// <returns>The number of keys that existed.</returns>
    /// <exception cref="RedisException"><c>ERR wrong number of arguments for '...' command</c> when the array is empty, as Redis replies.</exception>
    long KeyUnlink(RedisKey[] keys);

    /// <summary>Tells whether a key exists (<c>EXISTS</c>).</summary>
    /// <param name="key">The key.</param>
    /// <returns><see langword="true"/> if it exists.</returns>
    bool KeyExists(RedisKey key);

    /// <summary>Counts how many of <paramref name="keys"/> exist (<c>EXISTS</c>); a key named twice counts twice, as in Redis.</summary>
    /// <param name="keys">The keys.</param>
    /// <returns>The count.</returns>
    /// <exception cref="RedisException"><c>ERR wrong number of arguments for '...' command</c> when the array is empty, as Redis replies.</exception>
    long KeyExists(RedisKey[] keys);

    /// <summary>Gets the type of the value at a key (<c>TYPE</c>).</summary>
    /// <param name="key">The key.</param>
    /// <returns>The type, or <see cref="RedisType.None"/> if the key does not exist.</returns>
    RedisType KeyType(RedisKey key);

    /// <summary>Sets a TTL on a key (<c>PEXPIRE</c>/<c>EXPIRE</c> with <c>NX</c>/<c>XX</c>/<c>GT</c>/<c>LT</c>). A TTL that is not positive deletes the key.</summary>
    /// <param name="key">The key.</param>
    /// <param name="expiry">The time to live.</param>
    /// <param name="when">The condition.</param>
    /// <returns><see langword="true"/> if the TTL was set (or the key deleted); <see langword="false"/> if the key does not exist or the condition failed.</returns>
    /// <exception cref="RedisException">Incompatible conditions, or <c>ERR invalid expire time in 'pexpire' command</c> when the time overflows.</exception>
    bool KeyExpire(RedisKey key, TimeSpan expiry, ExpireWhen when = ExpireWhen.Always);

    /// <summary>Sets the moment a key expires (<c>PEXPIREAT</c>/<c>EXPIREAT</c> with <c>NX</c>/<c>XX</c>/<c>GT</c>/<c>LT</c>). A moment in the past deletes the key.</summary>
    /// <param name="key">The key.</param>
    /// <param name="expiry">The moment.</param>
    /// <param name="when">The condition.</param>
    /// <returns><see langword="true"/> if the expiry was set (or the key deleted); <see langword="false"/> if the key does not exist or the condition failed.</returns>
    /// <exception cref="RedisException">Incompatible conditions.</exception>
    bool KeyExpire(RedisKey key, DateTimeOffset expiry, ExpireWhen when = ExpireWhen.Always);

    /// <summary>Removes a key's TTL (<c>PERSIST</c>).</summary>
    /// <param name="key">The key.</param>
    /// <returns><see langword="true"/> if the key had a TTL.</returns>
    bool KeyPersist(RedisKey key);

    /// <summary>Gets a key's remaining time to live (<c>PTTL</c>).</summary>
    /// <param name="key">The key.</param>
    /// <returns>The TTL to the millisecond, or <see langword="null"/> if the key does not exist (<c>-2</c>) or has no TTL (<c>-1</c>).
    /// An expiry beyond what <see cref="TimeSpan"/> holds reads as <see cref="TimeSpan.MaxValue"/>.</returns>
    TimeSpan? KeyTimeToLive(RedisKey key);

    /// <summary>Gets the moment a key expires (<c>PEXPIRETIME</c>).</summary>
    /// <param name="key">The key.</param>
    /// <returns>The moment, or <see langword="null"/> if the key does not exist or has no TTL. An expiry after year 9999
    /// reads as <see cref="DateTimeOffset.MaxValue"/>.</returns>
    DateTimeOffset? KeyExpireTime(RedisKey key);

    /// <summary>Renames a key, keeping its TTL and replacing any value at <paramref name="newKey"/> (<c>RENAME</c>, or <c>RENAMENX</c> with <see cref="When.NotExists"/>).</summary>
    /// <param name="key">The key to rename.</param>
    /// <param name="newKey">The new name.</param>
    /// <param name="when"><see cref="When.Always"/> or <see cref="When.NotExists"/>.</param>
    /// <returns><see langword="true"/> if renamed; <see langword="false"/> if <see cref="When.NotExists"/> and <paramref name="newKey"/> exists.</returns>
    /// <exception cref="RedisException"><c>ERR no such key</c>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="when"/> is <see cref="When.Exists"/>.</exception>
    bool KeyRename(RedisKey key, RedisKey newKey, When when = When.Always);

    /// <summary>Copies a key's value and TTL to another key, possibly in another database (<c>COPY</c>).</summary>
    /// <param name="source">The key to copy.</param>
    /// <param name="destination">The key to create.</param>
    /// <param name="destinationDatabase">The destination database, or -1 for this one (<c>DB</c>).</param>
    /// <param name="replace">Whether to replace an existing destination (<c>REPLACE</c>).</param>
    /// <returns><see langword="true"/> if copied; <see langword="false"/> if the source is missing or the destination exists without <paramref name="replace"/>.</returns>
    /// <exception cref="RedisException"><c>ERR source and destination objects are the same</c>; <c>ERR DB index is out of range</c>.</exception>
    bool KeyCopy(RedisKey source, RedisKey destination, int destinationDatabase = -1, bool replace = false);

    /// <summary>Moves a key, with its TTL, to another database (<c>MOVE</c>).</summary>
    /// <param name="key">The key.</param>
    /// <param name="database">The destination database.</param>
    /// <returns><see langword="true"/> if moved; <see langword="false"/> if the key is missing here or exists there.</returns>
    /// <exception cref="RedisException"><c>ERR source and destination objects are the same</c>; <c>ERR DB index is out of range</c>.</exception>
    bool KeyMove(RedisKey key, int database);

    /// <summary>Lists the keys matching a glob-style pattern (<c>KEYS</c>): <c>*</c>, <c>?</c>, <c>[abc]</c>, <c>[a-z]</c>, <c>[^x]</c>, <c>\</c> escapes.
    /// Prefer <see cref="KeyScan"/> on large databases.</summary>
    /// <param name="pattern">The pattern; <see cref="RedisValue.Null"/> means <c>*</c>.</param>
    /// <returns>The matching keys, in no particular order.</returns>
    IReadOnlyList<RedisKey> Keys(RedisValue pattern = default);

    /// <summary>Returns one page of an incremental iteration over the keys (<c>SCAN</c>).
    /// Every key present for the whole iteration is returned at least once, even while keys are added and removed
    /// and the table resizes; a key may be returned more than once.</summary>
    /// <param name="cursor">0 to start, then the <see cref="ScanResult.Cursor"/> of the previous page.</param>
    /// <param name="pattern">Only keys matching this glob pattern (<c>MATCH</c>); <see cref="RedisValue.Null"/> for all.</param>
    /// <param name="count">About how much work to do for this page (<c>COUNT</c>); must be positive.</param>
    /// <param name="type">Only keys holding this type (<c>TYPE</c>), or <see langword="null"/> for all.</param>
    /// <returns>The next cursor (0 when done) and the keys of this page.</returns>
    /// <exception cref="RedisException"><c>ERR syntax error</c> when <paramref name="count"/> is less than 1.</exception>
    ScanResult KeyScan(ulong cursor, RedisValue pattern = default, int count = 10, RedisType? type = null);

    /// <summary>Returns a random key (<c>RANDOMKEY</c>).</summary>
    /// <returns>A key, or a key whose <see cref="RedisKey.IsNull"/> is <see langword="true"/> if the database is empty.</returns>
    RedisKey KeyRandom();

    /// <summary>Marks a key as accessed (<c>TOUCH</c>).</summary>
    /// <param name="key">The key.</param>
    /// <returns><see langword="true"/> if it exists.</returns>
    bool KeyTouch(RedisKey key);

    /// <summary>Marks several keys as accessed (<c>TOUCH</c>).</summary>
    /// <param name="keys">The keys; a key named twice counts twice.</param>
    /// <returns>How many exist.</returns>
    /// <exception cref="RedisException"><c>ERR wrong number of arguments for '...' command</c> when the array is empty, as Redis replies.</exception>
    long KeyTouch(RedisKey[] keys);

    /// <summary>Gets how long a key has gone without being read or written (<c>OBJECT IDLETIME</c>), to about a tenth of a second.
    /// Does not itself count as an access.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The idle time, or <see langword="null"/> if the key does not exist.</returns>
    /// <exception cref="RedisException"><c>ERR An LFU maxmemory policy is selected, idle time not tracked. ...</c> when the
    /// key exists and the store runs an LFU policy (which keeps access counters instead of times), as Redis replies.</exception>
    TimeSpan? KeyIdleTime(RedisKey key);
}
