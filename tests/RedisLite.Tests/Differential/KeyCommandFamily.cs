using FsCheck;
using FsCheck.Fluent;

namespace RedisLite.Tests.Differential;

/// <summary>
/// Key and database commands: DEL, UNLINK, EXISTS, TOUCH, TYPE, PEXPIRE/PEXPIREAT (NX/XX/GT/LT), PERSIST, PTTL, PEXPIRETIME,
/// RENAME, RENAMENX, COPY (DB, REPLACE), MOVE, KEYS, SCAN (MATCH, COUNT, TYPE), RANDOMKEY, OBJECT IDLETIME, DBSIZE, FLUSHDB.
/// </summary>
/// <remarks>
/// PEXPIRE takes only TTLs that are not positive (the key goes at once) and PEXPIREAT only far-future or long-past times,
/// and PTTL/PEXPIRETIME/OBJECT IDLETIME are compared as -2, -1 or "has a value": two stores never agree on the
/// millisecond, but they must agree on everything these classes decide.
/// </remarks>
public sealed class KeyCommandFamily : ICommandFamily
{
    private static readonly TimeSpan[] NonPositiveTtls = [TimeSpan.Zero, TimeSpan.FromMilliseconds(-1), TimeSpan.FromHours(-1)];

    private static readonly DateTimeOffset[] ExpireTimes =
    [
        DateTimeOffset.FromUnixTimeMilliseconds(StringCommandFamily.FarFutureMs),
        DateTimeOffset.FromUnixTimeMilliseconds(StringCommandFamily.FarFutureMs + 86_400_000),
        DateTimeOffset.FromUnixTimeMilliseconds(StringCommandFamily.FarFutureMs - 86_400_000),
        DateTimeOffset.MaxValue,
        DateTimeOffset.FromUnixTimeMilliseconds(1_000),
        DateTimeOffset.FromUnixTimeMilliseconds(1_000_000_000_000),
    ];

    private static readonly ExpireWhen[] Conditions =
    [
        ExpireWhen.Always, ExpireWhen.Always, ExpireWhen.Always, ExpireWhen.Always,
        ExpireWhen.HasNoExpiry, ExpireWhen.HasExpiry, ExpireWhen.GreaterThanCurrentExpiry, ExpireWhen.LessThanCurrentExpiry,
        ExpireWhen.HasExpiry | ExpireWhen.GreaterThanCurrentExpiry, ExpireWhen.HasExpiry | ExpireWhen.LessThanCurrentExpiry,
        ExpireWhen.HasNoExpiry | ExpireWhen.HasExpiry, ExpireWhen.HasNoExpiry | ExpireWhen.GreaterThanCurrentExpiry,
        ExpireWhen.GreaterThanCurrentExpiry | ExpireWhen.LessThanCurrentExpiry,
    ];

    private static readonly string[] Patterns = ["*", "k*", "k?", "k[0-1]", "k[^0]*", "*:*", "*2", "?", "k\\*", "[a-k]*", "x*"];

    private static readonly byte[][] BinaryPatterns = [[(byte)'k', 0x00, (byte)'*'], [(byte)'*', 0xFE], [(byte)'k', (byte)'?', 0xFE]];

    /// <inheritdoc/>
    public string Name => "keys and databases";

    private static Gen<byte[]> Pattern => Gen.Frequency(
        (4, Gen.Elements(Patterns).Select(p => System.Text.Encoding.UTF8.GetBytes(p))),
        (1, Gen.Elements(BinaryPatterns)));

    /// <inheritdoc/>
    public IEnumerable<(int Weight, Gen<DiffCommand> Generator)> Generators(KeySpace space)
    {
        yield return (3, from db in space.Database from key in space.Key
            select new DiffCommand(db, $"DEL {Cli.Arg(key)}", s => Cli.Num(s.KeyDelete(key))));

        yield return (2, from db in space.Database from keys in space.SomeKeys
            select new DiffCommand(db, StringCommandFamily.Spell("DEL", keys), s => Cli.Num(s.KeyDelete(StringCommandFamily.ToKeys(keys)))));

        yield return (1, from db in space.Database from keys in space.SomeKeys
            select new DiffCommand(db, StringCommandFamily.Spell("UNLINK", keys), s => Cli.Num(s.KeyUnlink(StringCommandFamily.ToKeys(keys)))));

        yield return (2, from db in space.Database from key in space.Key
            select new DiffCommand(db, $"EXISTS {Cli.Arg(key)}", s => Cli.Num(s.KeyExists(key))));

        yield return (2, from db in space.Database from keys in space.SomeKeys
            select new DiffCommand(db, StringCommandFamily.Spell("EXISTS", keys), s => Cli.Num(s.KeyExists(StringCommandFamily.ToKeys(keys)))));

        yield return (1, from db in space.Database from keys in space.SomeKeys
            select new DiffCommand(db, StringCommandFamily.Spell("TOUCH", keys), s => Cli.Num(s.KeyTouch(StringCommandFamily.ToKeys(keys)))));

        yield return (2, from db in space.Database from key in space.Key
            select new DiffCommand(db, $"TYPE {Cli.Arg(key)}", s => s.KeyType(key).ToString().ToLowerInvariant()));

        yield return (3, from db in space.Database from key in space.Key from ttl in Gen.Elements(NonPositiveTtls) from when in Gen.Elements(Conditions)
            select new DiffCommand(
                db,
                $"PEXPIRE {Cli.Arg(key)} {Cli.Arg((long)ttl.TotalMilliseconds)}{Flags(when)}",
                s => Cli.Num(s.KeyExpire(key, ttl, when))));

        yield return (5, from db in space.Database from key in space.Key from at in Gen.Elements(ExpireTimes) from when in Gen.Elements(Conditions)
            select new DiffCommand(
                db,
                $"PEXPIREAT {Cli.Arg(key)} {Cli.Arg(at.ToUnixTimeMilliseconds())}{Flags(when)}",
                s => Cli.Num(s.KeyExpire(key, at, when))));

        yield return (2, from db in space.Database from key in space.Key
            select new DiffCommand(db, $"PERSIST {Cli.Arg(key)}", s => Cli.Num(s.KeyPersist(key))));

        yield return (4, from db in space.Database from key in space.Key
            select new DiffCommand(db, $"PTTL {Cli.Arg(key)}", s => Classify(s, key, s.KeyTimeToLive(key) is { } ttl ? ttl > TimeSpan.Zero : null)));

        yield return (2, from db in space.Database from key in space.Key
            select new DiffCommand(db, $"PEXPIRETIME {Cli.Arg(key)}", s => Classify(s, key, s.KeyExpireTime(key) is { } at ? at.ToUnixTimeMilliseconds() > 0 : null)));

        yield return (1, from db in space.Database from key in space.Key
            select new DiffCommand(db, $"OBJECT IDLETIME {Cli.Arg(key)}", s => s.KeyIdleTime(key) is { } idle
                ? idle >= TimeSpan.Zero ? "(integer) >=0" : "(integer) <0"
                : "(nil)"));

        yield return (4, from db in space.Database from a in space.Key from b in space.Key from nx in Gen.Elements(false, true)
            select new DiffCommand(
                db,
                $"{(nx ? "RENAMENX" : "RENAME")} {Cli.Arg(a)} {Cli.Arg(b)}",
                s => nx ? Cli.Num(s.KeyRename(a, b, When.NotExists)) : s.KeyRename(a, b) ? "OK" : "(error) RENAME returned false"));

        yield return (4, from db in space.Database from a in space.Key from b in space.Key
            from target in Gen.Elements(-1, -1, -1, 0, 1, 16, -2) from replace in Gen.Elements(false, true)
            select new DiffCommand(
                db,
                $"COPY {Cli.Arg(a)} {Cli.Arg(b)}{(target == -1 ? "" : " DB " + Cli.Arg(target))}{(replace ? " REPLACE" : "")}",
                s => Cli.Num(s.KeyCopy(a, b, target, replace))));

        yield return (3, from db in space.Database from key in space.Key from target in Gen.Elements(0, 1, 1, 16, -1)
            select new DiffCommand(db, $"MOVE {Cli.Arg(key)} {Cli.Arg(target)}", s => Cli.Num(s.KeyMove(key, target))));

        yield return (3, from db in space.Database from pattern in Pattern
            select new DiffCommand(db, $"KEYS {Cli.Arg(pattern)}", s => Cli.KeySet(s.Keys(pattern))));

        yield return (1, from db in space.Database
            from pattern in Gen.Frequency((1, Gen.Constant<byte[]?>(null)), (2, Pattern.Select(p => (byte[]?)p)))
            from count in Gen.Elements(1, 2, 10)
            from type in Gen.Elements<RedisType?>(null, null, RedisType.String, RedisType.List)
            select Scan(db, pattern, count, type));

        yield return (1, from db in space.Database
            select new DiffCommand(db, "RANDOMKEY", s =>
            {
                var key = s.KeyRandom();
                return key.IsNull ? "(nil)" : s.KeyExists(key) ? "(an existing key)" : $"(a key that does not exist: {Cli.Quote(key.AsMemory().Span)})";
            }));

        yield return (2, from db in space.Database select new DiffCommand(db, "DBSIZE", s => Cli.Num(s.DatabaseSize())));

        yield return (1, from db in space.Database select new DiffCommand(db, "FLUSHDB", s =>
        {
            s.FlushDatabase();
            return "OK";
        }));
    }

    private static DiffCommand Scan(int db, byte[]? pattern, int count, RedisType? type)
    {
        var spelling = $"SCAN 0{(pattern is null ? "" : " MATCH " + Cli.Arg(pattern))} COUNT {count}{(type is { } t ? " TYPE " + t.ToString().ToLowerInvariant() : "")} (every page)";
        return new DiffCommand(db, spelling, s =>
        {
            var keys = new List<RedisKey>();
            ulong cursor = 0;
            for (var pages = 0; pages < 10_000; pages++)
            {
                var page = s.KeyScan(cursor, pattern is null ? RedisValue.Null : (RedisValue)pattern, count, type);
                keys.AddRange(page.Keys);
                cursor = page.Cursor;
                if (cursor == 0)
                {
                    return Cli.KeySet(keys);
                }
            }

            return "(SCAN did not finish within 10000 pages)";
        });
    }

    /// <summary>PTTL/PEXPIRETIME as -2 (missing), -1 (no TTL) or "has one"; EXISTS tells the first two apart.</summary>
    private static string Classify(IDataStore s, byte[] key, bool? positive) => positive switch
    {
        null => Cli.Num(s.KeyExists(key) ? -1 : -2),
        true => "(integer) >0",
        false => "(integer) 0 or less, on a live key",
    };

    private static string Flags(ExpireWhen when)
    {
        var flags = "";
        if ((when & ExpireWhen.HasNoExpiry) != 0)
        {
            flags += " NX";
        }

        if ((when & ExpireWhen.HasExpiry) != 0)
        {
            flags += " XX";
        }

        if ((when & ExpireWhen.GreaterThanCurrentExpiry) != 0)
        {
            flags += " GT";
        }

        if ((when & ExpireWhen.LessThanCurrentExpiry) != 0)
        {
            flags += " LT";
        }

        return flags;
    }
}
