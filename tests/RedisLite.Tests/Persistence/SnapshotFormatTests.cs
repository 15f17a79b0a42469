using System.Runtime.CompilerServices;
using RedisLite.Persistence;
using RedisLite.Tests.Infrastructure;

namespace RedisLite.Tests.Persistence;

/// <summary>The on-disk format: pinned by a golden file, and every corruption or truncation is reported as a
/// <see cref="SnapshotFormatException"/>, never another exception or silently wrong data.</summary>
public sealed class SnapshotFormatTests
{
    private static string GoldenPath([CallerFilePath] string here = "") => Path.Combine(Path.GetDirectoryName(here)!, "Golden", "snapshot-v1.hex");

    /// <summary>A fixed small store with every type, a TTL and a binary key: one key per database, because the order
    /// of keys within a database follows the store's randomly seeded hash.</summary>
    private static TestStore GoldenStore()
    {
        var t = new TestStore();
        t.Db(0).StringSet("str", "value");
        t.Db(1).StringSet(new byte[] { 0, 0xFF }, new byte[] { 0 }, Expiration.In(TimeSpan.FromSeconds(60)));
        t.Db(2).HashSet("hash", [new HashEntry("f1", "v1"), new HashEntry("f2", "")]);
        t.Db(3).ListRightPush("list", ["a", "b", "a"]);
        t.Db(4).SetAdd("ints", [3, 1, 2]);
        t.Db(5).SetAdd("words", ["x", "y"]);
        t.Db(7).SortedSetAdd("zset", [new SortedSetEntry("m1", 1.5), new SortedSetEntry("m2", -2)]);
        return t;
    }

    private static byte[] Small()
    {
        using var t = GoldenStore();
        return SnapshotDump.Save(t.Store);
    }

    /// <summary>Loads <paramref name="bytes"/> as a whole snapshot file would be, into a fresh store; checks the store is
    /// left empty when the load fails.</summary>
    private static void LoadWhole(byte[] bytes)
    {
        using var store = new DataStore(new RedisLiteOptions { ActiveExpiry = false }, new FakeTimeProvider());
        try
        {
            SnapshotLoader.Read(new MemoryStream(bytes), "test", store.Core, wholeStream: true);
        }
        catch (SnapshotFormatException)
        {
            Assert.Equal(0, store.UsedMemory);
            Assert.Equal(0, store.Core.Databases.Sum(d => d.Shards.Sum(s => s.Count)));
            throw;
        }
    }

    [Fact]
    public void Opcodes_are_pinned()
    {
        Assert.Equal(1, (byte)SnapshotOpcode.String);
        Assert.Equal(2, (byte)SnapshotOpcode.Hash);
        Assert.Equal(3, (byte)SnapshotOpcode.List);
        Assert.Equal(4, (byte)SnapshotOpcode.Set);
        Assert.Equal(5, (byte)SnapshotOpcode.SortedSet);
        Assert.Equal(0xFE, (byte)SnapshotOpcode.Database);
        Assert.Equal(0xFF, (byte)SnapshotOpcode.End);
        Assert.Equal(1u, SnapshotFormat.Version);
        Assert.Equal(65536, SnapshotFormat.ChunkSize);
    }

    [Fact]
    public void Crc_is_the_standard_crc32c()
    {
        // The CRC-32C check value (RFC 3720, and every CRC catalogue): "123456789" -> 0xE3069283.
        Assert.Equal(0xE3069283u, SnapshotFormat.Crc("123456789"u8));
    }

    [Fact]
    public void Golden_snapshot_is_byte_for_byte_stable_and_loads()
    {
        var bytes = Small();
        var path = GoldenPath();
        if (Environment.GetEnvironmentVariable("REDISLITE_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, Convert.ToHexString(bytes) + "\n");
        }

        var golden = Convert.FromHexString(File.ReadAllText(path).Trim());
        Assert.Equal(Convert.ToHexString(golden), Convert.ToHexString(bytes));

        using var t = GoldenStore();
        using var restored = SnapshotDump.Load(golden, t.Clock);
        Assert.Equal(SnapshotDump.Of(t.Store), SnapshotDump.Of(restored));
    }

    [Fact]
    public void Every_flipped_byte_is_detected()
    {
        var bytes = Small();
        for (var i = 0; i < bytes.Length; i++)
        {
            foreach (var mask in new byte[] { 0x01, 0x80, 0xFF })
            {
                var corrupt = (byte[])bytes.Clone();
                corrupt[i] ^= mask;
                var error = Assert.Throws<SnapshotFormatException>(() => LoadWhole(corrupt));
                Assert.Contains("offset", error.Message, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Every_truncation_is_detected()
    {
        var bytes = Small();
        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.Throws<SnapshotFormatException>(() => LoadWhole(bytes[..length]));
        }
    }

    [Fact]
    public void Corruption_and_truncation_of_a_multi_chunk_snapshot_are_detected()
    {
        using var t = new TestStore();
        for (var i = 0; i < 3000; i++)
        {
            t.Store.StringSet($"key:{i}", new string('v', i % 100));
        }

        t.Store.StringSet("big", new byte[200_000]);
        var bytes = SnapshotDump.Save(t.Store);
        Assert.True(bytes.Length > 3 * SnapshotFormat.ChunkSize);
        LoadWhole(bytes);
        var random = new Random(7);
        for (var n = 0; n < 200; n++)
        {
            var at = random.Next(bytes.Length);
            var corrupt = (byte[])bytes.Clone();
            corrupt[at] ^= (byte)(1 << random.Next(8));
            Assert.Throws<SnapshotFormatException>(() => LoadWhole(corrupt));
            Assert.Throws<SnapshotFormatException>(() => LoadWhole(bytes[..at]));
        }

        // Around every chunk boundary.
        for (var boundary = SnapshotFormat.PreambleLength; boundary < bytes.Length; boundary += SnapshotFormat.ChunkSize + 8)
        {
            for (var delta = -9; delta <= 9; delta++)
            {
                var length = boundary + delta;
                if (length >= 0 && length < bytes.Length)
                {
                    Assert.Throws<SnapshotFormatException>(() => LoadWhole(bytes[..length]));
                }
            }
        }
    }

    [Fact]
    public void Zero_length_trailing_data_and_foreign_files_are_reported_clearly()
    {
        var empty = Assert.Throws<SnapshotFormatException>(() => LoadWhole([]));
        Assert.Contains("empty", empty.Message, StringComparison.Ordinal);
        var foreign = Assert.Throws<SnapshotFormatException>(() => LoadWhole("REDIS0011 not ours"u8.ToArray()));
        Assert.Contains("not a RedisLite snapshot", foreign.Message, StringComparison.Ordinal);
        var trailing = Assert.Throws<SnapshotFormatException>(() => LoadWhole([.. Small(), 0]));
        Assert.Contains("after the end", trailing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_newer_format_version_is_refused_with_a_clear_message()
    {
        var bytes = Small();
        bytes[6] = 2;
        var error = Assert.Throws<SnapshotFormatException>(() => LoadWhole(bytes));
        Assert.Contains("format version 2 is newer", error.Message, StringComparison.Ordinal);
        Assert.Equal(6, error.Offset);
    }
}
