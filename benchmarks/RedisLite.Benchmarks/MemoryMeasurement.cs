using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Caching.Memory;

namespace RedisLite.Benchmarks;

/// <summary>
/// The <c>--memory</c> mode: bytes per key for 1,000,000 keys of 16-byte values, with and without a TTL, in RedisLite,
/// <see cref="ConcurrentDictionary{TKey, TValue}"/>, <see cref="MemoryCache"/> and a real redis-server.
/// </summary>
/// <remarks>
/// For the .NET stores, the managed heap is measured with a full, compacting collection before and after the store is
/// filled, while the store is kept alive; the key strings and value arrays are created inside that window, so whatever
/// the store keeps of them is counted, and whatever it copies and drops is not. For redis-server, <c>used_memory</c>
/// of <c>INFO memory</c> is read before and after the same keys are loaded with <c>redis-cli --pipe</c>.
/// </remarks>
internal static class MemoryMeasurement
{
    /// <summary>A hand-rolled TTL entry, to give the dictionary the same information a TTL store keeps.</summary>
    private readonly record struct ExpiringValue(byte[] Value, long ExpiresAtUnixMs);

    public static int Run(string[] args)
    {
        var count = BenchmarkData.KeyCount;
        var countIndex = Array.IndexOf(args, "--keys");
        if (countIndex >= 0 && countIndex + 1 < args.Length)
        {
            count = int.Parse(args[countIndex + 1], CultureInfo.InvariantCulture);
        }

        var hashCount = HashMemoryMeasurement.DefaultHashCount;
        var hashIndex = Array.IndexOf(args, "--hashes");
        if (hashIndex >= 0 && hashIndex + 1 < args.Length)
        {
            hashCount = int.Parse(args[hashIndex + 1], CultureInfo.InvariantCulture);
        }

        Console.WriteLine($"Bytes per key for {count:N0} keys ('key:0000001', 11 bytes) with 16-byte values; TTL = 5 minutes.");
        Console.WriteLine($"Runtime: .NET {Environment.Version}, {Environment.ProcessorCount} logical cores, server GC: {System.Runtime.GCSettings.IsServerGC}");
        Console.WriteLine();

        var rows = new List<(string Store, double? Plain, double? WithTtl)>
        {
            ("ConcurrentDictionary<string, byte[]>",
                Measure("ConcurrentDictionary<string, byte[]>", count, FillDictionary),
                Measure("ConcurrentDictionary<string, (byte[], long)>", count, FillExpiringDictionary)),
            ("MemoryCache",
                Measure("MemoryCache", count, n => FillMemoryCache(n, withTtl: false)),
                Measure("MemoryCache with TTL", count, n => FillMemoryCache(n, withTtl: true))),
            ("RedisLite DataStore",
                Measure("RedisLite DataStore", count, n => FillRedisLite(n, withTtl: false)),
                Measure("RedisLite DataStore with TTL", count, n => FillRedisLite(n, withTtl: true))),
        };

        var hashRows = new List<(string Store, double? PerHash)>
        {
            ("ConcurrentDictionary<string, ConcurrentDictionary<string, byte[]>>", Measure("nested ConcurrentDictionary (hashes)", hashCount, HashMemoryMeasurement.FillDictionary)),
            ("RedisLite DataStore", Measure("RedisLite DataStore (hashes)", hashCount, HashMemoryMeasurement.FillRedisLite)),
        };

        var redis = RedisServerMemory.Measure(count, hashCount);
        rows.Add((redis.Name, redis.Plain, redis.WithTtl));
        hashRows.Add((redis.Name, redis.PerHash));

        Console.WriteLine();
        Console.WriteLine($"| {"Store",-40} | {"B/key, no TTL",14} | {"B/key, TTL",11} |");
        Console.WriteLine($"| {new string('-', 40)} | {new string('-', 13)}: | {new string('-', 10)}: |");
        foreach (var (store, plain, withTtl) in rows)
        {
            Console.WriteLine($"| {store,-40} | {Format(plain),14} | {Format(withTtl),11} |");
        }

        Console.WriteLine();
        Console.WriteLine($"Hashes: {hashCount:N0} hashes of {HashMemoryMeasurement.FieldsPerHash} fields (f1..f5, 16-byte values), one HSET each.");
        Console.WriteLine($"| {"Store",-66} | {"B/hash",8} | {"B/field",8} |");
        Console.WriteLine($"| {new string('-', 66)} | {new string('-', 7)}: | {new string('-', 7)}: |");
        foreach (var (store, perHash) in hashRows)
        {
            Console.WriteLine($"| {store,-66} | {Format(perHash),8} | {Format(perHash / HashMemoryMeasurement.FieldsPerHash),8} |");
        }

        Console.WriteLine();
        Console.WriteLine("ConcurrentDictionary with a TTL stores a (byte[] Value, long ExpiresAtUnixMs) struct per key and never expires anything itself.");
        return 0;
    }

    private static string Format(double? bytes) => bytes is { } b ? b.ToString("F1", CultureInfo.InvariantCulture) : "n/a";

    private static double Measure(string label, int count, Func<int, object> fill)
    {
        var before = SettledHeapBytes();
        var heapBefore = GC.GetGCMemoryInfo(GCKind.FullBlocking).HeapSizeBytes;
        var store = fill(count);
        var after = SettledHeapBytes();
        var heapAfter = GC.GetGCMemoryInfo(GCKind.FullBlocking).HeapSizeBytes;
        GC.KeepAlive(store);

        var perKey = (double)(after - before) / count;
        var heapPerKey = (double)(heapAfter - heapBefore) / count;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {label,-45} {perKey,7:F1} B/key live objects ({heapPerKey:F1} B/key heap size incl. fragmentation)"));

        (store as IDisposable)?.Dispose();

        return perKey;
    }

    private static long SettledHeapBytes()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static object FillDictionary(int count)
    {
        var dictionary = new ConcurrentDictionary<string, byte[]>();
        for (var i = 1; i <= count; i++)
        {
            dictionary[BenchmarkData.Key(i)] = BenchmarkData.Value(i);
        }

        return dictionary;
    }

    private static object FillExpiringDictionary(int count)
    {
        var dictionary = new ConcurrentDictionary<string, ExpiringValue>();
        var expiresAt = DateTimeOffset.UtcNow.Add(Stores.Ttl).ToUnixTimeMilliseconds();
        for (var i = 1; i <= count; i++)
        {
            dictionary[BenchmarkData.Key(i)] = new ExpiringValue(BenchmarkData.Value(i), expiresAt);
        }

        return dictionary;
    }

    private static object FillMemoryCache(int count, bool withTtl)
    {
        var cache = new MemoryCache(new MemoryCacheOptions());
        for (var i = 1; i <= count; i++)
        {
            if (withTtl)
            {
                cache.Set(BenchmarkData.Key(i), BenchmarkData.Value(i), Stores.Ttl);
            }
            else
            {
                cache.Set(BenchmarkData.Key(i), BenchmarkData.Value(i));
            }
        }

        return cache;
    }

    private static object FillRedisLite(int count, bool withTtl)
    {
        var store = new DataStore();
        var expiry = withTtl ? Expiration.In(Stores.Ttl) : Expiration.None;
        for (var i = 1; i <= count; i++)
        {
            store.StringSet(BenchmarkData.Key(i), BenchmarkData.Value(i), expiry);
        }

        return store;
    }
}
