using RedisLite.Tests.Infrastructure;

namespace RedisLite.Tests.Errors;

/// <summary>
/// A command that fails changes nothing: not the value, not the TTL, not other keys, not other databases.
/// (WRONGTYPE cannot be provoked yet: only strings can be created.)
/// </summary>
public sealed class FailedCommandTests : IDisposable
{
    private readonly TestStore _t = new();

    private DataStore Store => _t.Store;

    public void Dispose() => _t.Dispose();

    private sealed record Snapshot(long Db0Size, long Db1Size, string?[] Values, long?[] TtlsMs, string[] Keys);

    private static readonly RedisKey[] Watched = ["fail:a", "fail:b", "fail:c", "fail:n", "fail:missing"];

    private void Seed()
    {
        Store.StringSet("fail:a", "alpha", TimeSpan.FromSeconds(100));
        Store.StringSet("fail:b", "beta");
        Store.StringSet("fail:c", "gamma", TimeSpan.FromSeconds(50));
        Store.StringSet("fail:n", long.MaxValue, TimeSpan.FromSeconds(10));
        _t.Db(1).StringSet("fail:a", "db1");
    }

    private Snapshot Take() => new(
        Store.DatabaseSize(),
        _t.Db(1).DatabaseSize(),
        Store.StringGet(Watched).Select(v => v.ToString()).ToArray(),
        Watched.Select(k => (long?)Store.KeyTimeToLive(k)?.TotalMilliseconds).ToArray(),
        Store.Keys().Select(k => k.ToString()!).Concat(_t.Db(1).Keys().Select(k => "1/" + k.ToString()))
            .OrderBy(s => s, StringComparer.Ordinal).ToArray());

    private void AssertUnchanged(Snapshot before, string what)
    {
        var after = Take();
        Assert.True(before.Db0Size == after.Db0Size && before.Db1Size == after.Db1Size, $"{what}: DBSIZE changed");
        Assert.True(before.Values.SequenceEqual(after.Values), $"{what}: values changed: [{string.Join(",", before.Values)}] -> [{string.Join(",", after.Values)}]");
        Assert.True(before.TtlsMs.SequenceEqual(after.TtlsMs), $"{what}: TTLs changed");
        Assert.True(before.Keys.SequenceEqual(after.Keys), $"{what}: key set changed");
    }

    public static TheoryData<string> FailingCommands() =>
    [
        "incr-overflow", "incr-nonint", "decrby-min", "incrbyfloat-nonfloat", "incrbyfloat-inf",
        "set-invalid-expire", "set-persist", "setget-invalid-expire", "getex-invalid", "getex-keepttl",
        "setrange-negative", "setrange-too-long", "rename-missing", "copy-same", "copy-db-range",
        "move-same", "move-db-range", "expire-nx-gt", "expire-gt-lt", "mset-xx", "rename-xx", "scan-count",
        "getdatabase-range", "null-key",
    ];

    private void Run(string command)
    {
        switch (command)
        {
            case "incr-overflow": Store.StringIncrement("fail:n"); break;
            case "incr-nonint": Store.StringIncrement("fail:a", 5); break;
            case "decrby-min": Store.StringDecrement("fail:b", long.MinValue); break;
            case "incrbyfloat-nonfloat": Store.StringIncrement("fail:c", 1.5); break;
            case "incrbyfloat-inf": Store.StringIncrement("fail:n", double.PositiveInfinity); break;
            case "set-invalid-expire": Store.StringSet("fail:a", "new", Expiration.InMilliseconds(0)); break;
            case "set-persist": Store.StringSet("fail:missing", "new", Expiration.Persist); break;
            case "setget-invalid-expire": Store.StringSetAndGet("fail:b", "new", Expiration.AtUnixMilliseconds(-1)); break;
            case "getex-invalid": Store.StringGetSetExpiry("fail:a", Expiration.InMilliseconds(-5)); break;
            case "getex-keepttl": Store.StringGetSetExpiry("fail:a", Expiration.KeepTtl); break;
            case "setrange-negative": Store.StringSetRange("fail:b", -1, "x"); break;
            case "setrange-too-long": Store.StringSetRange("fail:missing", 600L * 1024 * 1024, "x"); break;
            case "rename-missing": Store.KeyRename("fail:missing", "fail:a"); break;
            case "copy-same": Store.KeyCopy("fail:a", "fail:a", replace: true); break;
            case "copy-db-range": Store.KeyCopy("fail:a", "fail:missing", destinationDatabase: 99, replace: true); break;
            case "move-same": Store.KeyMove("fail:a", 0); break;
            case "move-db-range": Store.KeyMove("fail:b", 99); break;
            case "expire-nx-gt": Store.KeyExpire("fail:b", TimeSpan.FromSeconds(-1), ExpireWhen.HasNoExpiry | ExpireWhen.GreaterThanCurrentExpiry); break;
            case "expire-gt-lt": Store.KeyExpire("fail:a", DateTimeOffset.UnixEpoch.AddMilliseconds(1), ExpireWhen.GreaterThanCurrentExpiry | ExpireWhen.LessThanCurrentExpiry); break;
            case "mset-xx": Store.StringSet([new KeyValuePair<RedisKey, RedisValue>("fail:a", "x"), new KeyValuePair<RedisKey, RedisValue>("fail:missing", "y")], When.Exists); break;
            case "rename-xx": Store.KeyRename("fail:a", "fail:missing", When.Exists); break;
            case "scan-count": Store.KeyScan(0, count: 0); break;
            case "getdatabase-range": Store.GetDatabase(16).StringSet("fail:a", "x"); break;
            case "null-key": Store.KeyDelete(["fail:a", default, "fail:b"]); break;
            default: throw new ArgumentOutOfRangeException(nameof(command), command, null);
        }
    }

    [Theory]
    [MemberData(nameof(FailingCommands))]
    public void Failed_command_changes_nothing(string command)
    {
        Seed();
        var before = Take();
        var ex = Record.Exception(() => Run(command));
        Assert.NotNull(ex);
        Assert.True(ex is RedisException or ArgumentException, $"{command}: unexpected {ex.GetType().Name}: {ex.Message}");
        AssertUnchanged(before, command);
    }

    [Fact]
    public void Conditional_writes_that_do_not_apply_change_nothing()
    {
        Seed();
        var before = Take();
        Assert.False(Store.StringSet("fail:a", "x", TimeSpan.FromSeconds(1), When.NotExists));
        Assert.False(Store.StringSet("fail:missing", "x", TimeSpan.FromSeconds(1), When.Exists));
        Assert.False(Store.StringSet([new KeyValuePair<RedisKey, RedisValue>("fail:missing", "x"), new KeyValuePair<RedisKey, RedisValue>("fail:b", "y")], When.NotExists));
        Assert.False(Store.KeyRename("fail:a", "fail:b", When.NotExists));
        Assert.False(Store.KeyCopy("fail:a", "fail:b"));
        Assert.False(Store.KeyMove("fail:a", 1));
        Assert.False(Store.KeyExpire("fail:b", TimeSpan.FromSeconds(1), ExpireWhen.HasExpiry));
        Assert.False(Store.KeyExpire("fail:a", TimeSpan.FromSeconds(1), ExpireWhen.GreaterThanCurrentExpiry));
        Assert.False(Store.KeyExpire("fail:missing", TimeSpan.FromSeconds(1)));
        Assert.False(Store.KeyPersist("fail:b"));
        Assert.Equal(0, Store.StringSetRange("fail:missing", 5, ""));
        AssertUnchanged(before, "conditional writes");
    }
}
