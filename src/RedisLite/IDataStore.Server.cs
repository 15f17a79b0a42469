namespace RedisLite;

public partial interface IDataStore
{
    /// <summary>Reads the store's statistics (<c>INFO</c>): commands processed, keyspace hits and misses, expired
    /// and evicted keys, memory used, pub/sub counts and the keys of each database.</summary>
    /// <returns>A snapshot; it does not change afterwards.</returns>
    StoreInfo Info();
}
