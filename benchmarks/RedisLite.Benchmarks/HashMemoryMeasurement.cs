using System.Collections.Concurrent;
using System.Text;

namespace RedisLite.Benchmarks;

/// <summary>
/// The hash part of the <c>--memory</c> mode: 100,000 hashes (keys <c>key:0000001</c>...) of
/// <see cref="FieldsPerHash"/> small fields each (<c>f1</c>..<c>f5</c>, 16-byte values), in RedisLite, in the
/// <c>ConcurrentDictionary&lt;string, ConcurrentDictionary&lt;string, byte[]&gt;&gt;</c> baseline and in redis-server.
/// </summary>
internal static class HashMemoryMeasurement
{
    /// <summary>The default number of hashes.</summary>
    public const int DefaultHashCount = 100_000;

    /// <summary>Fields per hash.</summary>
    public const int FieldsPerHash = 5;

    /// <summary>The field names, <c>f1</c> to <c>f5</c>.</summary>
    public static readonly byte[][] FieldNames = [.. Enumerable.Range(1, FieldsPerHash).Select(i => Encoding.ASCII.GetBytes($"f{i}"))];

    private static readonly string[] FieldStrings = [.. FieldNames.Select(Encoding.ASCII.GetString)];

    /// <summary>The value of field <paramref name="field"/> of hash <paramref name="i"/>: 16 bytes, distinct per field.</summary>
    public static byte[] FieldValue(int i, int field) => BenchmarkData.Value((i * FieldsPerHash) + field);

    /// <summary>Fills RedisLite with one HSET of every field per hash.</summary>
    public static object FillRedisLite(int count)
    {
        var store = new DataStore();
        var entries = new HashEntry[FieldsPerHash];
        for (var i = 1; i <= count; i++)
        {
            for (var f = 0; f < FieldsPerHash; f++)
            {
                entries[f] = new HashEntry(FieldNames[f], FieldValue(i, f));
            }

            store.HashSet(BenchmarkData.Key(i), entries);
        }

        return store;
    }

    /// <summary>Fills the nested-dictionary baseline.</summary>
    public static object FillDictionary(int count)
    {
        var dictionary = new ConcurrentDictionary<string, ConcurrentDictionary<string, byte[]>>();
        for (var i = 1; i <= count; i++)
        {
            var hash = new ConcurrentDictionary<string, byte[]>();
            for (var f = 0; f < FieldsPerHash; f++)
            {
                hash[FieldStrings[f]] = FieldValue(i, f);
            }

            dictionary[BenchmarkData.Key(i)] = hash;
        }

        return dictionary;
    }
}
