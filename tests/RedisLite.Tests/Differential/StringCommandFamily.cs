using FsCheck;
using FsCheck.Fluent;

namespace RedisLite.Tests.Differential;

/// <summary>
/// String commands: SET (NX/XX/GET/PX/PXAT/KEEPTTL), GET, MGET, MSET, MSETNX, GETSET, GETDEL, GETEX, INCR/DECR/INCRBY/DECRBY,
/// INCRBYFLOAT, APPEND, STRLEN, GETRANGE, SETRANGE, LCS (plain, LEN, IDX with MINMATCHLEN and WITHMATCHLEN).
/// </summary>
/// <remarks>
/// Expiries are either hours away, far in the future (absolute), invalid (errors), or already past where Redis deletes
/// at once (GETEX PXAT): nothing can expire while a sequence runs, so replies do not depend on timing.
/// <c>SET ... PXAT &lt;past&gt;</c> is left out: Redis 7.0 stores such a key already expired and reclaims it later, so
/// its DBSIZE for that moment is not deterministic (see docs/compatibility.md).
/// </remarks>
public sealed class StringCommandFamily : ICommandFamily
{
    /// <summary>2100-01-01T00:00:00.007Z in Unix milliseconds.</summary>
    internal const long FarFutureMs = 4_102_444_800_007;

    /// <summary>The last millisecond a <see cref="DateTimeOffset"/> can hold (year 9999).</summary>
    internal static readonly long EndOfTimeMs = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    private static readonly long[] Deltas =
        [1, -1, 2, 7, -100, 0, long.MaxValue, long.MinValue, long.MaxValue - 1, long.MinValue + 1, 4_611_686_018_427_387_904];

    private static readonly double[] FloatIncrements = [0.1, -0.1, 0.5, 1.5, -2.25, 10.5, 0.001, 3.0, -7.0, 1e-7, 1e20];

    private static readonly long[] RangeIndexes = [-100, -5, -1, 0, 1, 2, 5, 100, long.MinValue, long.MaxValue];

    private static readonly long[] SetRangeOffsets = [-1, 0, 1, 3, 8, 512L * 1024 * 1024];

    /// <inheritdoc/>
    public string Name => "strings";

    private static Gen<Expiration> SetExpiry => Gen.Frequency(
        (8, Gen.Constant(Expiration.None)),
        (3, Gen.Elements(3_600_000L, 7_200_000L).Select(Expiration.InMilliseconds)),
        (3, Gen.Elements(FarFutureMs, FarFutureMs + 86_400_000, EndOfTimeMs).Select(Expiration.AtUnixMilliseconds)),
        (3, Gen.Constant(Expiration.KeepTtl)),
        (1, Gen.Elements(0L, -1L, long.MaxValue).Select(Expiration.InMilliseconds)),
        (1, Gen.Elements(0L, -1L).Select(Expiration.AtUnixMilliseconds)),
        (1, Gen.Constant(Expiration.Persist)));

    private static Gen<Expiration> GetExExpiry => Gen.Frequency(
        (3, Gen.Constant(Expiration.None)),
        (3, Gen.Constant(Expiration.Persist)),
        (2, Gen.Elements(3_600_000L, 7_200_000L).Select(Expiration.InMilliseconds)),
        (2, Gen.Elements(FarFutureMs, FarFutureMs + 86_400_000).Select(Expiration.AtUnixMilliseconds)),
        (1, Gen.Constant(Expiration.AtUnixMilliseconds(1_000))),
        (1, Gen.Constant(Expiration.KeepTtl)),
        (1, Gen.Elements(0L, -5L).Select(Expiration.InMilliseconds)),
        (1, Gen.Constant(Expiration.AtUnixMilliseconds(0))));

    /// <inheritdoc/>
    public IEnumerable<(int Weight, Gen<DiffCommand> Generator)> Generators(KeySpace space)
    {
        yield return (12,
            from db in space.Database
            from key in space.Key
            from value in space.Value
            from expiry in SetExpiry
            from when in Gen.Elements(When.Always, When.Always, When.NotExists, When.Exists)
            from get in Gen.Elements(false, false, true)
            select Set(db, key, value, expiry, when, get));

        yield return (8, from db in space.Database from key in space.Key
            select new DiffCommand(db, $"GET {Cli.Arg(key)}", s => Cli.Bulk(s.StringGet(key))));

        yield return (2, from db in space.Database from keys in space.SomeKeys
            select new DiffCommand(db, Spell("MGET", keys), s => Cli.Array(s.StringGet(ToKeys(keys)))));

        yield return (3,
            from db in space.Database
            from n in Gen.Frequency((1, Gen.Constant(0)), (10, Gen.Choose(1, 3)))
            from keys in Gen.ArrayOf(space.Key, n)
            from values in Gen.ArrayOf(space.Value, n)
            from nx in Gen.Elements(false, true)
            select MSet(db, keys, values, nx));

        yield return (2, from db in space.Database from key in space.Key from value in space.Value
            select new DiffCommand(db, $"GETSET {Cli.Arg(key)} {value}", s => Cli.Bulk(s.StringGetSet(key, value.Value))));

        yield return (2, from db in space.Database from key in space.Key
            select new DiffCommand(db, $"GETDEL {Cli.Arg(key)}", s => Cli.Bulk(s.StringGetDelete(key))));

        yield return (3, from db in space.Database from key in space.Key from expiry in GetExExpiry
            select new DiffCommand(db, $"GETEX {Cli.Arg(key)}{Option(expiry)}", s => Cli.Bulk(s.StringGetSetExpiry(key, expiry))));

        yield return (6, from db in space.Database from key in space.Key from delta in Gen.Elements(Deltas) from decrement in Gen.Elements(false, true)
            select IncrBy(db, key, delta, decrement));

        yield return (4, from db in space.Database from key in space.Key from increment in Gen.Elements(FloatIncrements)
            select new DiffCommand(
                db,
                $"INCRBYFLOAT {Cli.Arg(key)} {((RedisValue)increment).ToString()}",
                s => Cli.Real(s.StringIncrement(key, increment))));

        yield return (3, from db in space.Database from key in space.Key from value in space.Value
            select new DiffCommand(db, $"APPEND {Cli.Arg(key)} {value}", s => Cli.Num(s.StringAppend(key, value.Value))));

        yield return (2, from db in space.Database from key in space.Key
            select new DiffCommand(db, $"STRLEN {Cli.Arg(key)}", s => Cli.Num(s.StringLength(key))));

        yield return (3, from db in space.Database from key in space.Key from start in Gen.Elements(RangeIndexes) from end in Gen.Elements(RangeIndexes)
            select new DiffCommand(db, $"GETRANGE {Cli.Arg(key)} {Cli.Arg(start)} {Cli.Arg(end)}", s => Cli.Bulk(s.StringGetRange(key, start, end))));

        yield return (3, from db in space.Database from key in space.Key from offset in Gen.Elements(SetRangeOffsets) from value in space.Value
            select new DiffCommand(db, $"SETRANGE {Cli.Arg(key)} {Cli.Arg(offset)} {value}", s => Cli.Num(s.StringSetRange(key, offset, value.Value))));

        yield return (3, from db in space.Database from first in space.Key from second in space.Key
            from mode in Gen.Choose(0, 2) from minLength in Gen.Elements(-1L, 0L, 1L, 2L, 3L)
            select Lcs(db, first, second, mode, minLength));
    }

    private static DiffCommand Lcs(int db, byte[] first, byte[] second, int mode, long minLength)
    {
        var keys = $"LCS {Cli.Arg(first)} {Cli.Arg(second)}";
        return mode switch
        {
            0 => new DiffCommand(db, keys, s => Cli.Bulk(s.StringLongestCommonSubsequence(first, second))),
            1 => new DiffCommand(db, keys + " LEN", s => Cli.Num(s.StringLongestCommonSubsequenceLength(first, second))),
            _ => new DiffCommand(db, $"{keys} IDX MINMATCHLEN {Cli.Arg(minLength)} WITHMATCHLEN", s =>
            {
                var result = s.StringLongestCommonSubsequenceWithMatches(first, second, minLength);
                var runs = result.Matches.Select(m => $"[{m.FirstStart}-{m.FirstEnd} {m.SecondStart}-{m.SecondEnd} ({m.Length})]");
                return $"matches {string.Join(" ", runs)} len {result.Length}";
            }),
        };
    }

    private static DiffCommand Set(int db, byte[] key, Datum value, Expiration expiry, When when, bool get)
    {
        var spelling = $"SET {Cli.Arg(key)} {value}{Option(expiry)}{(when == When.NotExists ? " NX" : when == When.Exists ? " XX" : "")}{(get ? " GET" : "")}";
        return new DiffCommand(db, spelling, s => get
            ? Cli.Bulk(s.StringSetAndGet(key, value.Value, expiry, when))
            : s.StringSet(key, value.Value, expiry, when) ? "OK" : "(nil)");
    }

    private static DiffCommand MSet(int db, byte[][] keys, Datum[] values, bool nx)
    {
        var spelling = (nx ? "MSETNX" : "MSET") + string.Concat(keys.Zip(values, (k, v) => $" {Cli.Arg(k)} {v}"));
        return new DiffCommand(db, spelling, s =>
        {
            var pairs = keys.Zip(values, (k, v) => new KeyValuePair<RedisKey, RedisValue>(k, v.Value)).ToArray();
            var done = s.StringSet(pairs, nx ? When.NotExists : When.Always);
            return nx ? Cli.Num(done) : done ? "OK" : "(error) MSET returned false";
        });
    }

    private static DiffCommand IncrBy(int db, byte[] key, long delta, bool decrement)
    {
        var name = (decrement, delta) switch
        {
            (false, 1) => $"INCR {Cli.Arg(key)}",
            (true, 1) => $"DECR {Cli.Arg(key)}",
            (false, _) => $"INCRBY {Cli.Arg(key)} {Cli.Arg(delta)}",
            (true, _) => $"DECRBY {Cli.Arg(key)} {Cli.Arg(delta)}",
        };
        return new DiffCommand(db, name, s => Cli.Num(decrement ? s.StringDecrement(key, delta) : s.StringIncrement(key, delta)));
    }

    internal static string Spell(string command, byte[][] keys) => command + string.Concat(keys.Select(k => " " + Cli.Arg(k)));

    internal static RedisKey[] ToKeys(byte[][] keys) => keys.Select(k => (RedisKey)k).ToArray();

    private static string Option(Expiration expiry) => expiry.Kind == ExpirationKind.None ? "" : " " + expiry;
}
