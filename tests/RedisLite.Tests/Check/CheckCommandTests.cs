using System.Buffers.Binary;
using System.Text.RegularExpressions;
using RedisLite.CheckTool;
using RedisLite.Persistence;
using RedisLite.Tests.Infrastructure;
using RedisLite.Tests.Persistence;

// Not RedisLite.Tests.Check: that namespace would hide FsCheck's Check class from every test under RedisLite.Tests.
namespace RedisLite.Tests.CheckTool;

/// <summary>redislite-check, run in-process: what it reports for valid, damaged and foreign files, its exit codes, the
/// log repair and the dump.</summary>
public sealed class CheckCommandTests : IDisposable
{
    private readonly LogHarness.TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private sealed record Result(int Code, string Out, string Err)
    {
        public string[] Lines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

        public string Line(string prefix) => Assert.Single(Lines, l => l.StartsWith(prefix, StringComparison.Ordinal));
    }

    private static Result Run(params string[] args) => RunWith(CheckSettings.Default, args);

    private static Result RunWith(CheckSettings settings, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = CheckCommand.Run(args, stdout, stderr, settings);
        return new Result(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Writes a log of <paramref name="write"/>'s effects; returns its path.</summary>
    private string Log(TestStore t, Action<TestStore> write, string name = "log.rll")
    {
        var path = _dir.File(name);
        LogHarness.Attach(t.Store, path);
        write(t);
        LogHarness.Detach(t.Store);
        return path;
    }

    /// <summary>Ten string writes in databases 0 and 3: ten records.</summary>
    private static void TenWrites(TestStore t)
    {
        for (var i = 0; i < 8; i++)
        {
            t.Store.StringSet($"k{i}", new string('v', 10 + i));
        }

        t.Store.KeyDelete("k0");
        t.Db(3).StringSet("other", "x", Expiration.In(TimeSpan.FromSeconds(10)));
    }

    /// <summary>The offset of each record, then the end of the last one.</summary>
    private static List<long> Boundaries(string path)
    {
        using var file = File.OpenRead(path);
        var reader = new LogFileReader(file, path);
        var offsets = new List<long>();
        while (reader.Next(out _) == LogReadStatus.Record)
        {
            offsets.Add(reader.RecordOffset);
        }

        offsets.Add(reader.GoodLength);
        return offsets;
    }

    private string CopyCut(string path, long length, string name)
    {
        var copy = _dir.File(name);
        File.WriteAllBytes(copy, File.ReadAllBytes(path)[..(int)length]);
        return copy;
    }

    [Fact]
    public void A_valid_snapshot_reports_version_time_keys_per_type_and_database()
    {
        using var t = new TestStore();
        t.Store.StringSet("s1", "a");
        t.Store.StringSet("s2", "b", Expiration.In(TimeSpan.FromMinutes(1)));
        t.Store.HashSet("h", "f", "v");
        t.Db(3).ListRightPush("l", ["x", "y"]);
        t.Db(3).SetAdd("set", "m");
        t.Db(15).SortedSetAdd("z", "m", 1.5);
        var path = _dir.File("dump.rls");
        t.Store.SaveSnapshot(path);
        var before = File.ReadAllBytes(path);

        var r = Run(path);

        Assert.Equal(0, r.Code);
        Assert.Equal("type: snapshot (RLSNAP), format version 1", r.Line("type:"));
        Assert.Equal($"bytes: {before.Length}", r.Line("bytes:"));
        Assert.Contains(t.Clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture), r.Line("created:"), StringComparison.Ordinal);
        Assert.Equal("databases: 16 in the saving store, 3 with keys", r.Line("databases:"));
        Assert.Equal("keys: 6", r.Line("keys:"));
        Assert.Equal("keys by type: string 2, hash 1, list 1, set 1, zset 1", r.Line("keys by type:"));
        Assert.Equal("keys by database: db0 3, db3 2, db15 1", r.Line("keys by database:"));
        Assert.Equal("status: OK", r.Line("status:"));

        // --fix never touches a snapshot.
        var fix = Run("--fix", "--yes", path);
        Assert.Equal(0, fix.Code);
        Assert.Contains("a snapshot is never modified", fix.Out, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void A_damaged_snapshot_is_reported_with_its_offset_and_left_alone()
    {
        using var t = new TestStore();
        for (var i = 0; i < 50; i++)
        {
            t.Store.StringSet($"key{i}", $"value{i}");
        }

        var path = _dir.File("dump.rls");
        t.Store.SaveSnapshot(path);
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x40;
        File.WriteAllBytes(path, bytes);

        var r = Run("--fix", "--yes", path);

        Assert.Equal(1, r.Code);
        Assert.Matches(@"^status: damaged at offset \d+: .*checksum", r.Line("status:"));
        Assert.Equal(bytes, File.ReadAllBytes(path));

        var cut = CopyCut(path, bytes.Length - 3, "cut.rls");
        var truncated = Run(cut);
        Assert.Equal(1, truncated.Code);
        Assert.Contains("truncated", truncated.Line("status:"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_valid_log_reports_records_operations_per_kind_and_databases()
    {
        using var t = new TestStore();
        var path = Log(t, TenWrites);

        var r = Run(path);

        Assert.Equal(0, r.Code);
        Assert.Equal("type: append log (RLLOG), format version 1", r.Line("type:"));
        Assert.Equal($"bytes: {new FileInfo(path).Length}", r.Line("bytes:"));
        Assert.Equal("records: 10", r.Line("records:"));
        Assert.Equal("operations: 10", r.Line("operations:"));
        Assert.Equal("operations by type: Set 9, Delete 1", r.Line("operations by type:"));
        Assert.Equal("databases: 0, 3", r.Line("databases:"));
        Assert.Equal("status: OK", r.Line("status:"));
        Assert.Equal("", r.Err);

        var fix = Run("--fix", path);
        Assert.Equal(0, fix.Code);
        Assert.Contains("fix: nothing to fix", fix.Lines);
    }

    [Fact]
    public void A_group_counts_as_one_record_with_several_operations()
    {
        using var t = new TestStore();
        var path = Log(t, s =>
        {
            s.Store.StringSet("a", "1");
            s.Store.StringSet([new("m1", "1"), new("m2", "2"), new("m3", "3")]);
        });

        var r = Run(path);

        Assert.Equal(0, r.Code);
        Assert.Equal("records: 2", r.Line("records:"));
        Assert.Equal("operations: 4", r.Line("operations:"));
    }

    [Fact]
    public void A_log_cut_anywhere_is_a_truncated_tail_that_fix_yes_cuts_back_to_a_log_that_replays()
    {
        using var t = new TestStore();
        var path = Log(t, TenWrites);
        var bounds = Boundaries(path);
        Assert.Equal(11, bounds.Count);
        var length = bounds[^1];

        // Inside the header, inside the first record's header, mid-payload, one byte short, just past a record header.
        long[] cuts = [4, bounds[0] + 5, (bounds[4] + bounds[5]) / 2, length - 1, bounds[7] + LogFormat.RecordHeaderLength];
        for (var c = 0; c < cuts.Length; c++)
        {
            var cut = cuts[c];
            var copy = CopyCut(path, cut, $"cut{c}.rll");
            var kept = cut < LogFormat.PreambleLength ? 0 : bounds.Count(b => b <= cut) - 1;
            var goodEnd = cut < LogFormat.PreambleLength ? 0 : bounds[kept];

            var r = Run(copy);
            Assert.Equal(1, r.Code);
            Assert.StartsWith($"status: truncated tail at offset {goodEnd}: the file ends inside", r.Line("status:"), StringComparison.Ordinal);
            Assert.Equal($"records: {kept}", r.Line("records:"));

            // --fix alone only says what it would do.
            var dry = Run("--fix", copy);
            Assert.Equal(1, dry.Code);
            Assert.Contains($"fix: cut {cut - goodEnd} bytes from offset {goodEnd} to the end, keeping {kept} records ({goodEnd} bytes)", dry.Lines);
            Assert.Equal(cut, new FileInfo(copy).Length);

            var fix = Run("--fix", "--yes", copy);
            Assert.Equal(0, fix.Code);
            Assert.Equal(goodEnd, new FileInfo(copy).Length);

            var again = Run(copy);
            Assert.Equal(0, again.Code);
            Assert.Equal("status: OK", again.Line("status:"));
            using var restored = LogHarness.Replay(copy, t.Clock, out var records);
            Assert.Equal(kept, records);
        }
    }

    [Fact]
    public void A_flipped_byte_mid_log_is_corruption_at_that_record()
    {
        using var t = new TestStore();
        var path = Log(t, TenWrites);
        var bounds = Boundaries(path);
        var bytes = File.ReadAllBytes(path);

        // A payload byte (checksum) and a length byte (header check) of record 5.
        foreach (var (at, problem) in new[] { (bounds[5] + LogFormat.RecordHeaderLength + 2, "checksum"), (bounds[5] + 1, "header is damaged") })
        {
            var damaged = (byte[])bytes.Clone();
            damaged[at] ^= 0x10;
            var copy = _dir.File($"flip{at}.rll");
            File.WriteAllBytes(copy, damaged);

            var r = Run(copy);
            Assert.Equal(1, r.Code);
            Assert.Matches($"^status: corrupt at offset {bounds[5]}: .*{problem}", r.Line("status:"));
            Assert.Equal("records: 5", r.Line("records:"));

            var fix = Run("--fix", "--yes", copy);
            Assert.Equal(0, fix.Code);
            Assert.Contains(fix.Lines, l => l.Contains("any intact records after it are lost too", StringComparison.Ordinal));
            Assert.Equal(bounds[5], new FileInfo(copy).Length);
            using var restored = LogHarness.Replay(copy, t.Clock, out var records);
            Assert.Equal(5, records);
        }
    }

    [Fact]
    public void A_record_with_an_intact_checksum_but_an_unknown_operation_or_tag_is_corruption()
    {
        using var t = new TestStore();
        var path = Log(t, s => s.Store.StringSet("a", "1"));
        var good = new FileInfo(path).Length;
        byte[][] payloads =
        [
            [250, 0, 0],                        // unknown operation 250
            [(byte)LogOp.Set, 0, 9, 0],         // unknown argument tag 9
            [(byte)LogOp.Set, 0, 1, 5, 65],     // a 5-byte argument with 1 byte left
            [(byte)LogOp.Delete, 0, 1, 1, 65],  // no End tag
        ];
        string[] problems = ["unknown operation 250", "unknown argument tag 9", "runs past the record", "runs past the record"];
        for (var i = 0; i < payloads.Length; i++)
        {
            var copy = _dir.File($"bad{i}.rll");
            File.Copy(path, copy);
            AppendRecord(copy, payloads[i]);

            var r = Run(copy);
            Assert.Equal(1, r.Code);
            var status = r.Line("status:");
            Assert.StartsWith($"status: corrupt at offset {good}: ", status, StringComparison.Ordinal);
            Assert.Contains(problems[i], status, StringComparison.Ordinal);
            Assert.Equal(0, Run("--quiet", "--fix", "--yes", copy).Code);
            Assert.Equal(good, new FileInfo(copy).Length);
        }
    }

    private static void AppendRecord(string path, byte[] payload)
    {
        var record = new byte[LogFormat.RecordHeaderLength + payload.Length];
        payload.CopyTo(record, LogFormat.RecordHeaderLength);
        LogFormat.WriteRecordHeader(record);
        using var file = new FileStream(path, FileMode.Append);
        file.Write(record);
    }

    [Fact]
    public void Dump_prints_each_operation_with_its_record_offset_database_and_escaped_arguments()
    {
        using var t = new TestStore();
        var expiry = t.NowMs + 10_000;
        var path = Log(t, s =>
        {
            s.Store.StringSet("plain", "v");
            s.Db(2).StringSet(new byte[] { (byte)'a', 0, (byte)'"', (byte)'\\', (byte)'\n', 0xFF }, "x", Expiration.In(TimeSpan.FromSeconds(10)));
            s.Store.StringSetRange("plain", 3, "zz");
            s.Store.StringSet("long", new string('L', 200));
            s.Store.KeyDelete(["plain", "long"]);
        });
        var bounds = Boundaries(path);

        // A record with a double argument: the dump reads tags only (replay would refuse this Set).
        var payload = new byte[] { (byte)LogOp.Set, 1, 3, 0, 0, 0, 0, 0, 0, 0xF8, 0x3F, 2, 3, 0 };
        AppendRecord(path, payload);

        var r = Run("--dump", path);

        Assert.Equal(0, r.Code);
        string[] expected =
        [
            $"{bounds[0]} 0 Set \"plain\" \"v\" 0",
            $"{bounds[1]} 2 Set \"a\\x00\\\"\\\\\\n\\xff\" \"x\" {expiry}",
            $"{bounds[2]} 0 SetRange \"plain\" 3 \"zz\"",
            $"{bounds[3]} 0 Set \"long\" \"{new string('L', 64)}\"...(200 bytes) 0",
            $"{bounds[4]} 0 Delete \"plain\"",
            $"{bounds[4]} 0 Delete \"long\"",
            $"{bounds[5]} 1 Set 1.5 -2",
        ];
        Assert.Equal(expected, r.Lines.Skip(1).Take(expected.Length));
        Assert.Equal("status: OK", r.Line("status:"));
    }

    [Fact]
    public void Dump_stops_at_the_damage_and_prints_no_operation_of_the_damaged_record()
    {
        using var t = new TestStore();
        var path = Log(t, TenWrites);
        var bounds = Boundaries(path);
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..(int)(bounds[^1] - 2)]);

        var r = Run("--dump", path);

        Assert.Equal(1, r.Code);
        Assert.Equal(9, r.Lines.Count(l => Regex.IsMatch(l, @"^\d+ \d+ ")));
    }

    [Fact]
    public void A_zero_length_file_is_an_empty_log()
    {
        var path = _dir.File("empty.rll");
        File.WriteAllBytes(path, []);

        var r = Run(path);

        Assert.Equal(0, r.Code);
        Assert.Contains("empty file", r.Line("type:"), StringComparison.Ordinal);
    }

    [Fact]
    public void Usage_errors_exit_2_with_a_clear_message()
    {
        var missing = _dir.File("nope.rll");
        var r = Run(missing);
        Assert.Equal(2, r.Code);
        Assert.Equal("", r.Out);
        Assert.Contains($"no such file: '{missing}'", r.Err, StringComparison.Ordinal);

        Assert.Equal(2, Run().Code);
        Assert.Equal(2, Run("--bogus", missing).Code);
        Assert.Equal(2, Run("a", "b").Code);
        Assert.Contains("--yes confirms --fix", Run("--yes", missing).Err, StringComparison.Ordinal);
        Assert.Contains("is a directory", Run(_dir.Path).Err, StringComparison.Ordinal);

        var help = Run("--help");
        Assert.Equal(0, help.Code);
        Assert.Contains("Usage: redislite-check", help.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_newer_format_version_is_refused_not_called_damaged_data()
    {
        var log = _dir.File("new.rll");
        var preamble = new byte[LogFormat.PreambleLength];
        LogFormat.WritePreamble(preamble, LogFormat.Version + 1);
        File.WriteAllBytes(log, preamble);
        var r = Run("--fix", "--yes", log);
        Assert.Equal(1, r.Code);
        Assert.Contains($"format version {LogFormat.Version + 1} is newer", r.Line("status:"), StringComparison.Ordinal);
        Assert.Equal(preamble, File.ReadAllBytes(log));

        using var t = new TestStore();
        t.Store.StringSet("a", "1");
        var snapshot = _dir.File("new.rls");
        t.Store.SaveSnapshot(snapshot);
        var bytes = File.ReadAllBytes(snapshot);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(SnapshotFormat.Magic.Length), SnapshotFormat.Version + 1);
        File.WriteAllBytes(snapshot, bytes);
        var s = Run(snapshot);
        Assert.Equal(1, s.Code);
        Assert.Contains($"format version {SnapshotFormat.Version + 1} is newer", s.Line("status:"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hello, world\n")]
    [InlineData("RLX")]
    [InlineData("REDIS0011")]
    public void A_file_that_is_neither_is_not_a_RedisLite_file(string content)
    {
        var path = _dir.File("other.bin");
        File.WriteAllText(path, content);

        var r = Run("--fix", "--yes", path);

        Assert.Equal(1, r.Code);
        Assert.Equal("status: not a RedisLite file", r.Line("status:"));
        Assert.Equal(content, File.ReadAllText(path));
    }

    [Fact]
    public void A_manifest_is_read_and_its_listed_files_must_exist()
    {
        var manifest = new LogManifest("redislite.1.base.rls", ["redislite.1.incr.rll", "redislite.2.incr.rll"]);
        manifest.Write(_dir.Path);
        var path = _dir.File(LogManifest.FileName);
        File.WriteAllBytes(_dir.File("redislite.1.base.rls"), []);
        File.WriteAllBytes(_dir.File("redislite.1.incr.rll"), []);

        var r = Run(path);
        Assert.Equal(1, r.Code);
        Assert.Equal("type: append-log manifest", r.Line("type:"));
        Assert.Equal("log files: redislite.1.incr.rll, redislite.2.incr.rll", r.Line("log files:"));
        Assert.Equal("status: damaged: listed files are missing: redislite.2.incr.rll", r.Line("status:"));

        File.WriteAllBytes(_dir.File("redislite.2.incr.rll"), []);
        Assert.Equal(0, Run(path).Code);

        File.AppendAllText(path, "x");
        var damaged = Run(path);
        Assert.Equal(1, damaged.Code);
        Assert.Contains("checksum", damaged.Line("status:"), StringComparison.Ordinal);
    }

    [Fact]
    public void Progress_lines_appear_for_a_big_file_unless_quiet()
    {
        using var t = new TestStore();
        var log = Log(t, s =>
        {
            for (var i = 0; i < 2000; i++)
            {
                s.Store.StringSet($"key:{i}", new string('x', 100));
            }
        });
        var snapshot = _dir.File("dump.rls");
        t.Store.SaveSnapshot(snapshot);
        var eager = new CheckSettings { ProgressThreshold = 1024, ProgressInterval = TimeSpan.Zero };

        foreach (var path in new[] { log, snapshot })
        {
            var r = RunWith(eager, path);
            Assert.Equal(0, r.Code);
            var lines = r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(lines.Length >= 2, r.Err);
            Assert.All(lines, l => Assert.Matches(@"^progress: \d{1,3}% \(\d+\.\d of \d+\.\d MB\)\r?$", l));

            Assert.Equal("", RunWith(eager, "--quiet", path).Err);

            // Below the threshold (the default is 64 MB): no progress.
            Assert.Equal("", Run(path).Err);
        }
    }
}
