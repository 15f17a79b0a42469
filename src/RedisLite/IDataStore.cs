namespace RedisLite;

/// <summary>
/// The RedisLite facade: Redis 7's commands over one logical database of a store.
/// Method names put the data type first (<c>StringSet</c>, <c>KeyExpire</c>, ...) and each names the Redis command it mirrors.
/// </summary>
/// <remarks>
/// <para>Implementations are thread-safe: every method may be called from any number of threads at once. Every
/// operation is atomic and linearizable, including the multi-key ones (<c>MSET</c>, <c>RENAME</c>, <c>COPY</c>, <c>MOVE</c>).</para>
/// <para>Errors are reported as <see cref="RedisException"/> (or <see cref="RedisWrongTypeException"/>) whose message is
/// Redis's own reply text. A failed command changes nothing. Null keys are rejected with <see cref="ArgumentException"/>.</para>
/// <para>The instance addresses one database (see <see cref="Database"/>); <see cref="GetDatabase"/> returns a view of
/// another database of the same store.</para>
/// </remarks>
public partial interface IDataStore
{
    /// <summary>Gets the index of the database this instance addresses (Redis's <c>SELECT</c>).</summary>
    int Database { get; }

    /// <summary>Gets the number of databases in the store (Redis's <c>databases</c> setting; 16 by default).</summary>
    int DatabaseCount { get; }

    /// <summary>Returns a view of database <paramref name="database"/> of the same store. Views are cheap and share all data.</summary>
    /// <param name="database">The database index, from 0 to <see cref="DatabaseCount"/> - 1.</param>
    /// <returns>The view.</returns>
    /// <exception cref="RedisException"><c>ERR DB index is out of range</c>.</exception>
    IDataStore GetDatabase(int database);

    /// <summary>Counts the keys in this database (<c>DBSIZE</c>). Keys that have expired but not yet been reclaimed may be counted, as in Redis.</summary>
    /// <returns>The number of keys.</returns>
    long DatabaseSize();

    /// <summary>Removes every key of this database (<c>FLUSHDB</c>); other databases are untouched.</summary>
    void FlushDatabase();

    /// <summary>Removes every key of every database (<c>FLUSHALL</c>).</summary>
    void FlushAllDatabases();
}
