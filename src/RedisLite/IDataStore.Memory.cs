namespace RedisLite;

public partial interface IDataStore
{
    /// <summary>Gets how many bytes a key and its value take (<c>MEMORY USAGE</c>). In-process this is the store's
    /// estimate, the unit <see cref="RedisLiteOptions.MaxMemory"/> is measured in; a Redis server reports its own
    /// allocator's figure, so the numbers of the two differ.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The bytes, or <see langword="null"/> if the key does not exist.</returns>
    long? KeyMemoryUsage(RedisKey key);

    /// <summary>Gets a key's logarithmic access-frequency counter, 0 to 255 (<c>OBJECT FREQ</c>), decayed to now.
    /// Does not itself count as an access.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The counter, or <see langword="null"/> if the key does not exist.</returns>
    /// <exception cref="RedisException"><c>ERR An LFU maxmemory policy is not selected, ...</c> when the store does not run
    /// an LFU policy (<see cref="MaxMemoryPolicy.AllKeysLfu"/> or <see cref="MaxMemoryPolicy.VolatileLfu"/>), as Redis replies.</exception>
    long? KeyFrequency(RedisKey key);
}
