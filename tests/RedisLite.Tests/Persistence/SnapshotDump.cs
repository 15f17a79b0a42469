using System.Text;
using RedisLite.Collections;
using RedisLite.Keyspace;

namespace RedisLite.Tests.Persistence;

/// <summary>A canonical text form of a whole store (per database: key, type, value, absolute expiry), to compare a
/// restored store with the original regardless of encodings and hash order.</summary>
internal static class SnapshotDump
{
    public static string Of(DataStore store)
    {
        var lines = new List<string>();
        var now = store.Core.NowMilliseconds();
        foreach (var database in store.Core.Databases)
        {
            foreach (var shard in database.Shards)
            {
                lock (shard.SyncRoot)
                {
                    for (var i = 0; i < shard.Count; i++)
                    {
                        ref var entry = ref shard.EntryAt(i);
                        if (entry.ExpireAt != 0 && now > entry.ExpireAt)
                        {
                            continue; // logically gone, not yet reclaimed
                        }

                        lines.Add($"db{database.Index} {Hex(StoredValue.KeyOf(entry.Value!))} exp={entry.ExpireAt} {Describe(entry.Value!)}");
                    }
                }
            }
        }

        lines.Sort(StringComparer.Ordinal);
        return string.Join("\n", lines);
    }

    /// <summary>Checks every shard's count of collection entries (which lets the capture skip string-only shards)
    /// against a recount; returns the mismatches.</summary>
    public static List<string> VerifyCollectionCounts(DataStore store)
    {
        var problems = new List<string>();
        foreach (var database in store.Core.Databases)
        {
            foreach (var shard in database.Shards)
            {
                lock (shard.SyncRoot)
                {
                    var actual = 0;
                    for (var i = 0; i < shard.Count; i++)
                    {
                        actual += shard.EntryAt(i).Value is CollectionValue ? 1 : 0;
                    }

                    if (actual != shard.CollectionCount)
                    {
                        problems.Add($"db {database.Index} shard {shard.Ordinal}: counted {shard.CollectionCount} collections, found {actual}");
                    }
                }
            }
        }

        return problems;
    }

    private static string Describe(object value)
    {
        if (value is byte[] payload)
        {
            return "string " + Hex(StringPayload.ValueSpan(payload));
        }

        switch (value)
        {
            case HashValue hash:
                return "hash " + string.Join(",", hash.ToEntries().Select(e => Hex(e.Name) + "=" + Hex(e.Value)).Order(StringComparer.Ordinal));
            case ListValue list:
                return "list " + string.Join(",", Enumerable.Range(0, list.Length).Select(i => Hex(list[i])));
            case SetValue set:
                return "set " + string.Join(",", set.ToArray().Select(Hex).Order(StringComparer.Ordinal));
            case SortedSetValue zset:
                var parts = new List<string>();
                for (var c = zset.At(0); c.IsValid; c.Move(false))
                {
                    parts.Add(Hex(c.Member) + ":" + BitConverter.DoubleToInt64Bits(c.Score));
                }

                return "zset " + string.Join(",", parts);
            default:
                throw new InvalidOperationException(value.GetType().Name);
        }
    }

    private static string Hex(RedisValue value) => Convert.ToHexString(value.AsSpan());

    private static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes);

    /// <summary>Saves <paramref name="store"/> to bytes.</summary>
    public static byte[] Save(DataStore store)
    {
        using var stream = new MemoryStream();
        store.SaveSnapshot(stream);
        return stream.ToArray();
    }

    /// <summary>Loads bytes into a new store on the given clock.</summary>
    public static DataStore Load(byte[] snapshot, TimeProvider clock, int databases = 16)
    {
        var store = new DataStore(new RedisLiteOptions { ActiveExpiry = false, Databases = databases }, clock);
        store.LoadSnapshot(new MemoryStream(snapshot));
        return store;
    }

    public static string Text(string s) => Convert.ToHexString(Encoding.UTF8.GetBytes(s));
}
