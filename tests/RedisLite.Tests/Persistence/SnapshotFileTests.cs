using RedisLite.Persistence;
using RedisLite.Tests.Infrastructure;

namespace RedisLite.Tests.Persistence;

public sealed class SnapshotFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("redislite-snapshot-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Save_writes_the_file_through_a_temporary_and_loads_back()
    {
        using var t = new TestStore();
        t.Store.StringSet("a", "1");
        t.Db(1).ListRightPush("l", ["x", "y"]);
        var path = Path.Combine(_directory, "dump.rls");
        t.Store.SaveSnapshot(path);
        Assert.False(File.Exists(path + ".tmp"));
        var info = DataStore.ReadSnapshotInfo(path);
        Assert.Equal(2, info.Keys);
        Assert.Equal(new FileInfo(path).Length, info.Length);
        using var restored = new DataStore(new RedisLiteOptions { ActiveExpiry = false }, t.Clock);
        restored.LoadSnapshot(path);
        Assert.Equal(SnapshotDump.Of(t.Store), SnapshotDump.Of(restored));
    }

    [Fact]
    public void A_crash_mid_save_leaves_the_previous_snapshot_intact()
    {
        using var t = new TestStore();
        t.Store.StringSet("old", "1");
        var path = Path.Combine(_directory, "dump.rls");
        t.Store.SaveSnapshot(path);
        var expected = SnapshotDump.Of(t.Store);

        // A save that died half-way leaves a partial temporary file, never a partial snapshot.
        var whole = SnapshotDump.Save(t.Store);
        File.WriteAllBytes(path + ".tmp", whole[..(whole.Length / 2)]);
        using (var restored = new DataStore(new RedisLiteOptions { ActiveExpiry = false }, t.Clock))
        {
            restored.LoadSnapshot(path);
            Assert.Equal(expected, SnapshotDump.Of(restored));
        }

        // The next save replaces the leftover temporary and the snapshot.
        t.Store.StringSet("new", "2");
        t.Store.SaveSnapshot(path);
        Assert.False(File.Exists(path + ".tmp"));
        Assert.Equal(2, DataStore.ReadSnapshotInfo(path).Keys);
    }

    [Fact]
    public void A_missing_file_is_a_file_not_found_error()
    {
        using var t = new TestStore();
        Assert.Throws<FileNotFoundException>(() => t.Store.LoadSnapshot(Path.Combine(_directory, "missing.rls")));
    }

    [Fact]
    public void A_corrupted_file_names_its_path_and_offset()
    {
        using var t = new TestStore();
        t.Store.StringSet("a", "1");
        var path = Path.Combine(_directory, "dump.rls");
        t.Store.SaveSnapshot(path);
        var bytes = File.ReadAllBytes(path);
        bytes[20] ^= 1;
        File.WriteAllBytes(path, bytes);
        var error = Assert.Throws<SnapshotFormatException>(() => DataStore.ReadSnapshotInfo(path));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("offset 10", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_directory_is_flushed_after_the_rename_on_unix()
    {
        Assert.Equal(!OperatingSystem.IsWindows(), SnapshotFiles.FlushDirectory(_directory));
    }
}
