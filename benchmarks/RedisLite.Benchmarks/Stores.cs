using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;

namespace RedisLite.Benchmarks;

/// <summary>Builds the three stores under comparison, filled with the hot key and the 1,000,000 benchmark keys.</summary>
internal static class Stores
{
    public static readonly TimeSpan Ttl = TimeSpan.FromMinutes(5);

    public static ConcurrentDictionary<string, byte[]> Dictionary(string[] keys)
    {
        var dictionary = new ConcurrentDictionary<string, byte[]>();
        dictionary[BenchmarkData.HotKey] = BenchmarkData.Value(0);
        for (var i = 0; i < keys.Length; i++)
        {
            dictionary[keys[i]] = BenchmarkData.Value(i + 1);
        }

        return dictionary;
    }

    public static MemoryCache MemoryCache(string[] keys, bool withTtl)
    {
        var cache = new MemoryCache(new MemoryCacheOptions());
        Set(cache, BenchmarkData.HotKey, BenchmarkData.Value(0), withTtl);
        for (var i = 0; i < keys.Length; i++)
        {
            Set(cache, keys[i], BenchmarkData.Value(i + 1), withTtl);
        }

        return cache;

        static void Set(MemoryCache cache, string key, byte[] value, bool withTtl)
        {
            if (withTtl)
            {
                cache.Set(key, value, Ttl);
            }
            else
            {
                cache.Set(key, value);
            }
        }
    }

    public static DataStore RedisLite(string[] keys, bool withTtl)
    {
        var store = new DataStore();
        var expiry = withTtl ? Expiration.In(Ttl) : Expiration.None;
        store.StringSet(BenchmarkData.HotKey, BenchmarkData.Value(0), expiry);
        for (var i = 0; i < keys.Length; i++)
        {
            store.StringSet(keys[i], BenchmarkData.Value(i + 1), expiry);
        }

        return store;
    }
}
