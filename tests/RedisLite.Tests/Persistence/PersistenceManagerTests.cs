using RedisLite.Persistence;
using RedisLite.Tests.Infrastructure;

namespace RedisLite.Tests.Persistence;

/// <summary>The persistence module end to end through the store's options: load on start, the append log's files and
/// manifest, rewrites, save points, shutdown, and the documented behaviour on damaged files.</summary>
public sealed class PersistenceManagerTests : IDisposable
{
    private readonly LogHarness.TempDirectory _dir = new();
    private readonly FakeTimeProvider _clock = new();

    public void Dispose() => _dir.Dispose();

    private DataStore Open(Action<PersistenceOptions>? configure = null)
    {
        var persistence = new PersistenceOptions { Directory = _dir.Path, AppendOnly = true, AppendFsync = AppendFsyncPolicy.No };
        persistence.SavePoints.Clear();
        configure?.Invoke(persistence);
        return new DataStore(new RedisLiteOptions { ActiveExpiry = false, Persistence = persistence }, _clock);
    }

    private string LogFolder => Path.Combine(_dir.Path, "appendonlydir");

    private static void Fill(IDataStore d, string prefix, int count)
    {
        for (var i = 0; i < count; i++)
        {
            d.StringSet($"{prefix}:{i}", $"value-{i}");
        }
    }

    [Fact]
    public void The_append_log_survives_a_restart()
    {
        string expected;
        using (var store = Open())
        {
            Fill(store, "pm:a", 100);
            store.StringSet("pm:a:ttl", "t", Expiration.In(TimeSpan.FromMinutes(5)));
            store.KeyDelete("pm:a:3");
            store.GetDatabase(4).StringSet("pm:a:db4", "4");
            expected = SnapshotDump.Of(store);
        }

        using var reopened = Open();
        Assert.Equal(expected, SnapshotDump.Of(reopened));
        Assert.Equal(PersistenceSource.AppendLog, reopened.PersistenceLoad.Source);
        Assert.Null(reopened.PersistenceLoad.Warning);
    }

    [Fact]
    public void A_rewrite_replaces_the_files_with_a_base_and_one_log_while_keeping_the_data()
    {
        string expected;
        using (var store = Open())
        {
            Fill(store, "pm:r", 50);
            store.RewriteAppendLog();
            store.StringSet("pm:r:after", "1");
            store.KeyDelete("pm:r:7");
            expected = SnapshotDump.Of(store);
            var manifest = LogManifest.Read(LogFolder)!;
            Assert.NotNull(manifest.Base);
            Assert.Single(manifest.Increments);
            var files = Directory.GetFiles(LogFolder).Select(Path.GetFileName).Order().ToArray();
            Assert.Equal(new[] { LogManifest.FileName, manifest.Base, manifest.Increments[0] }.Order(), files);
        }

        using var reopened = Open();
        Assert.Equal(expected, SnapshotDump.Of(reopened));
        Assert.Equal(50, reopened.PersistenceLoad.SnapshotKeys);
    }

    [Fact]
    public async Task Writes_continue_during_a_background_rewrite_and_none_is_lost()
    {
        string expected;
        using (var store = Open())
        {
            Fill(store, "pm:c", 2000);
            var writer = Task.Run(() => Fill(store, "pm:c:during", 3000));
            await store.BackgroundRewriteAppendLogAsync();
            await writer;
            expected = SnapshotDump.Of(store);
        }

        using var reopened = Open();
        Assert.Equal(expected, SnapshotDump.Of(reopened));
    }

    [Fact]
    public async Task The_log_is_rewritten_automatically_when_it_has_grown_enough()
    {
        using var store = Open(o =>
        {
            o.AutoRewriteMinSize = 1000;
            o.AutoRewritePercentage = 100;
        });
        var before = LogManifest.Read(LogFolder)!;
        Fill(store, "pm:auto", 200);
        store.FlushAppendLog();
        _clock.Advance(TimeSpan.FromSeconds(1));
        await store.PersistenceBackgroundWork;
        var after = LogManifest.Read(LogFolder)!;
        Assert.NotEqual(before.Base, after.Base);
        Assert.Single(after.Increments);
    }

    [Fact]
    public async Task A_save_point_takes_a_snapshot_after_its_interval_when_enough_changed()
    {
        using (var store = Open(o =>
        {
            o.AppendOnly = false;
            o.SavePoints.Add(new SavePoint(TimeSpan.FromSeconds(10), 3));
        }))
        {
            store.StringSet("pm:sp:1", "1");
            store.StringSet("pm:sp:2", "2");
            _clock.Advance(TimeSpan.FromSeconds(10));
            await store.PersistenceBackgroundWork;
            Assert.False(File.Exists(Path.Combine(_dir.Path, "dump.rls")), "two changes are below the save point");

            store.StringSet("pm:sp:3", "3");
            Assert.Equal(3, store.ChangesSinceLastSave);
            _clock.Advance(TimeSpan.FromSeconds(1));
            await store.PersistenceBackgroundWork;
            Assert.True(File.Exists(Path.Combine(_dir.Path, "dump.rls")));
            Assert.Equal(0, store.ChangesSinceLastSave);
            Assert.Equal(_clock.GetUtcNow(), store.LastSave);
        }

        using var reopened = Open(o => o.AppendOnly = false);
        Assert.Equal("3", reopened.StringGet("pm:sp:3"));
        Assert.Equal(PersistenceSource.Snapshot, reopened.PersistenceLoad.Source);
    }

    [Fact]
    public void Snapshots_on_demand_and_at_shutdown_when_save_points_are_set()
    {
        using (var store = Open(o =>
        {
            o.AppendOnly = false;
            o.SavePoints.Add(new SavePoint(TimeSpan.FromHours(1), 1));
        }))
        {
            store.StringSet("pm:s:1", "1");
            store.Save();
            store.StringSet("pm:s:2", "2");
        }

        using var reopened = Open(o => o.AppendOnly = false);
        Assert.Equal("1", reopened.StringGet("pm:s:1"));
        Assert.Equal("2", reopened.StringGet("pm:s:2"));
    }

    [Fact]
    public void Turning_the_log_on_over_a_snapshot_starts_from_the_snapshot()
    {
        using (var store = Open(o => o.AppendOnly = false))
        {
            store.StringSet("pm:on:1", "1");
            store.Save();
        }

        using (var store = Open())
        {
            Assert.Equal("1", store.StringGet("pm:on:1"));
            store.StringSet("pm:on:2", "2");
        }

        using var reopened = Open();
        Assert.Equal("1", reopened.StringGet("pm:on:1"));
        Assert.Equal("2", reopened.StringGet("pm:on:2"));
    }

    [Fact]
    public void A_key_whose_ttl_passed_while_the_store_was_down_is_gone_after_the_restart()
    {
        using (var store = Open())
        {
            store.StringSet("pm:x:short", "s", Expiration.In(TimeSpan.FromSeconds(5)));
            store.StringSet("pm:x:long", "l", Expiration.In(TimeSpan.FromHours(5)));
        }

        _clock.Advance(TimeSpan.FromSeconds(6));
        using var reopened = Open();
        Assert.True(reopened.StringGet("pm:x:short").IsNull);
        Assert.Equal("l", reopened.StringGet("pm:x:long"));
        Assert.Equal(_clock.GetUtcNow().AddHours(5).AddSeconds(-6), reopened.KeyExpireTime("pm:x:long"));
    }

    private string LastIncrement() => Path.Combine(LogFolder, LogManifest.Read(LogFolder)!.Increments[^1]);

    [Fact]
    public void A_torn_last_record_is_cut_off_and_the_rest_loads()
    {
        string path;
        using (var store = Open())
        {
            Fill(store, "pm:t", 10);
            path = LastIncrement();
        }

        var length = new FileInfo(path).Length;
        using (var file = new FileStream(path, FileMode.Open))
        {
            file.SetLength(length - 3);
        }

        using (var reopened = Open())
        {
            Assert.Equal("value-8", reopened.StringGet("pm:t:8"));
            Assert.True(reopened.StringGet("pm:t:9").IsNull);
            Assert.Contains("cut off", reopened.PersistenceLoad.Warning, StringComparison.Ordinal);
            Assert.Contains(path, reopened.PersistenceLoad.Warning, StringComparison.Ordinal);
        }

        // The cut is permanent: the next start is clean.
        using var again = Open();
        Assert.Null(again.PersistenceLoad.Warning);
        Assert.Equal("value-8", again.StringGet("pm:t:8"));
    }

    [Fact]
    public void A_torn_record_is_an_error_when_truncated_logs_are_not_allowed()
    {
        string path;
        using (var store = Open())
        {
            Fill(store, "pm:tt", 3);
            path = LastIncrement();
        }

        using (var file = new FileStream(path, FileMode.Open))
        {
            file.SetLength(file.Length - 1);
        }

        var error = Assert.Throws<AppendLogFormatException>(() => Open(o => o.LoadTruncatedLog = false));
        Assert.Equal(path, error.File);
    }

    [Fact]
    public void Damage_before_the_end_stops_the_load_naming_the_file_and_offset()
    {
        string path;
        using (var store = Open())
        {
            Fill(store, "pm:d", 10);
            path = LastIncrement();
        }

        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x40;
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<AppendLogFormatException>(() => Open());
        Assert.Equal(path, error.File);
        Assert.InRange(error.Offset, LogFormat.PreambleLength, bytes.Length / 2);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);

        // Explicitly allowed: loads up to the last good record, says so, and starts a clean generation.
        using (var reopened = Open(o => o.LoadCorruptedLog = true))
        {
            Assert.Equal("value-0", reopened.StringGet("pm:d:0"));
            Assert.True(reopened.StringGet("pm:d:9").IsNull);
            Assert.Contains("last good record", reopened.PersistenceLoad.Warning, StringComparison.Ordinal);
        }

        using var clean = Open();
        Assert.Null(clean.PersistenceLoad.Warning);
        Assert.Equal("value-0", clean.StringGet("pm:d:0"));
    }

    [Fact]
    public void A_missing_listed_file_is_an_error_and_an_empty_one_loads_as_empty()
    {
        string path;
        using (var store = Open())
        {
            store.StringSet("pm:m:1", "1");
            path = LastIncrement();
        }

        File.WriteAllBytes(path, []);
        using (var reopened = Open())
        {
            Assert.True(reopened.StringGet("pm:m:1").IsNull);
            path = LastIncrement();
        }

        File.Delete(path);
        var error = Assert.Throws<AppendLogFormatException>(() => Open());
        Assert.Contains("missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_log_of_a_newer_format_version_is_refused()
    {
        string path;
        using (var store = Open())
        {
            store.StringSet("pm:v:1", "1");
            path = LastIncrement();
        }

        var bytes = File.ReadAllBytes(path);
        bytes[LogFormat.Magic.Length] = 2;
        File.WriteAllBytes(path, bytes);
        var error = Assert.Throws<AppendLogFormatException>(() => Open());
        Assert.Contains("newer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_damaged_manifest_is_refused()
    {
        using (var store = Open())
        {
            store.StringSet("pm:mf:1", "1");
        }

        var path = Path.Combine(LogFolder, LogManifest.FileName);
        File.WriteAllText(path, File.ReadAllText(path).Replace("incr", "incx", StringComparison.Ordinal));
        Assert.Throws<AppendLogFormatException>(() => Open());
    }

    [Fact]
    public void Under_the_always_policy_a_write_returns_only_once_its_record_is_on_disk()
    {
        using var store = Open(o => o.AppendFsync = AppendFsyncPolicy.Always);
        var path = LastIncrement();
        for (var i = 0; i < 20; i++)
        {
            store.StringSet($"pm:al:{i}", "v");

            // Everything acknowledged is in the file already (no flush asked for).
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var reader = new LogFileReader(file, path);
            while (reader.Next(out _) == LogReadStatus.Record)
            {
            }

            Assert.Equal(i + 1, reader.Records);
        }
    }

    [Fact]
    public void Persistence_members_say_when_persistence_is_off()
    {
        using var t = new TestStore();
        Assert.Throws<InvalidOperationException>(() => t.Store.Save());
        using var store = Open(o => o.AppendOnly = false);
        Assert.Throws<InvalidOperationException>(store.RewriteAppendLog);
    }

    [Fact]
    public void Invalid_settings_are_named()
    {
        var error = Assert.Throws<ArgumentException>(() => new DataStore(new RedisLiteOptions { Persistence = new PersistenceOptions() }));
        Assert.Contains("Persistence:Directory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Leftovers_of_a_crashed_rewrite_are_removed_and_restarts_fold_their_log_files()
    {
        using (var store = Open())
        {
            store.StringSet("pm:l:1", "1");
        }

        File.WriteAllText(Path.Combine(LogFolder, "redislite.99.base.rls.tmp"), "partial");
        File.WriteAllText(Path.Combine(LogFolder, "redislite.98.incr.rll"), "unlisted");
        File.WriteAllText(Path.Combine(LogFolder, "notes.txt"), "not ours");
        for (var i = 0; i < 10; i++)
        {
            using var store = Open();
            store.StringIncrement("pm:l:n");
        }

        using var last = Open();
        Assert.Equal(10, (long)last.StringGet("pm:l:n"));
        Assert.Equal("1", last.StringGet("pm:l:1"));
        Assert.False(File.Exists(Path.Combine(LogFolder, "redislite.99.base.rls.tmp")));
        Assert.False(File.Exists(Path.Combine(LogFolder, "redislite.98.incr.rll")));
        Assert.True(File.Exists(Path.Combine(LogFolder, "notes.txt")));
        Assert.InRange(LogManifest.Read(LogFolder)!.Increments.Count, 1, 8);
    }

    [Fact]
    public void A_missing_base_or_a_zero_length_snapshot_is_a_clear_error()
    {
        using (var store = Open())
        {
            store.StringSet("pm:b:1", "1");
            store.RewriteAppendLog();
        }

        var basePath = Path.Combine(LogFolder, LogManifest.Read(LogFolder)!.Base!);
        File.WriteAllBytes(basePath, []);
        var truncated = Assert.Throws<SnapshotFormatException>(() => Open());
        Assert.Contains(basePath, truncated.Message, StringComparison.Ordinal);

        File.Delete(basePath);
        var missing = Assert.Throws<AppendLogFormatException>(() => Open());
        Assert.Contains("missing", missing.Message, StringComparison.Ordinal);

        var snapshot = Path.Combine(_dir.Path, "dump.rls");
        File.WriteAllBytes(snapshot, []);
        var empty = Assert.Throws<SnapshotFormatException>(() => Open(o => o.AppendOnly = false));
        Assert.Contains(snapshot, empty.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_snapshot_of_a_newer_format_version_is_refused()
    {
        using (var store = Open(o => o.AppendOnly = false))
        {
            store.StringSet("pm:nv:1", "1");
            store.Save();
        }

        var snapshot = Path.Combine(_dir.Path, "dump.rls");
        var bytes = File.ReadAllBytes(snapshot);
        bytes[SnapshotFormat.Magic.Length] = 9;
        File.WriteAllBytes(snapshot, bytes);
        var error = Assert.Throws<SnapshotFormatException>(() => Open(o => o.AppendOnly = false));
        Assert.Contains("version", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncation_at_every_position_of_the_last_record_loads_everything_before_it()
    {
        string path;
        using (var store = Open())
        {
            Fill(store, "pm:e", 5);
            store.StringSet("pm:e:last", "the last record");
            path = LastIncrement();
        }

        var whole = File.ReadAllBytes(path);
        long lastRecord;
        using (var file = new MemoryStream(whole))
        {
            var reader = new LogFileReader(file, path);
            lastRecord = 0;
            while (reader.Next(out _) == LogReadStatus.Record)
            {
                lastRecord = reader.RecordOffset;
            }
        }

        var original = Directory.GetFiles(LogFolder).ToDictionary(f => f, File.ReadAllBytes);
        for (var cut = lastRecord; cut < whole.Length; cut++)
        {
            // Each cut starts from the same files (a load cuts the torn record off the file and adds a log file).
            foreach (var file in Directory.GetFiles(LogFolder))
            {
                File.Delete(file);
            }

            foreach (var (file, bytes) in original)
            {
                File.WriteAllBytes(file, bytes);
            }

            File.WriteAllBytes(path, whole.AsSpan(0, (int)cut).ToArray());
            using var reopened = Open();
            Assert.Equal("value-4", reopened.StringGet("pm:e:4"));
            Assert.True(reopened.StringGet("pm:e:last").IsNull, $"cut at {cut}");
            Assert.Equal(cut == lastRecord ? null : "cut off", cut == lastRecord ? reopened.PersistenceLoad.Warning : "cut off");
            if (cut != lastRecord)
            {
                Assert.Contains($"offset {lastRecord}", reopened.PersistenceLoad.Warning, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Info_reports_the_persistence_fields()
    {
        using (var t = new TestStore())
        {
            var off = t.Store.Info();
            Assert.Null(off.ChangesSinceLastSave);
            Assert.Null(off.LastSaveTime);
            Assert.False(off.AppendOnlyEnabled);
        }

        using var store = Open();
        store.StringSet("pm:i:1", "1");
        store.StringSet("pm:i:2", "2");
        var info = store.GetDatabase(3).Info();
        Assert.True(info.AppendOnlyEnabled);
        Assert.Equal(2, info.ChangesSinceLastSave);
        Assert.Equal(_clock.GetUtcNow(), info.LastSaveTime);
        Assert.False(info.BackgroundSaveInProgress);
        Assert.False(info.AppendLogRewriteInProgress);
    }
}
