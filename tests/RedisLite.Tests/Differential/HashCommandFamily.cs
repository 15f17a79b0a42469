using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace RedisLite.Tests.Differential;

/// <summary>
/// Hash commands: HSET (one or many pairs, none: an argument error), HSETNX, HGET, HMGET, HGETALL, HKEYS, HVALS, HLEN,
/// HSTRLEN, HEXISTS, HDEL (one or many), HINCRBY, HINCRBYFLOAT (with infinite and NaN increments), HRANDFIELD (no count,
/// counts of every sign, WITHVALUES, the out-of-range counts), HSCAN (MATCH, COUNT, every page).
/// </summary>
/// <remarks>
/// <para>Replies that Redis orders by its encoding are rendered sorted: a hash that ever received a field or value longer
/// than 64 bytes (a long HINCRBYFLOAT result, a long argument) is a hashtable in Redis and lists its fields in bucket
/// order, which differs from the in-process table's. The insertion order of small hashes is checked by the conformance
/// suite instead.</para>
/// <para>HRANDFIELD is rendered by what is deterministic: how many fields came back, whether they are distinct, and
/// whether each is a field of the hash (with its value); a reply that must be the whole hash is rendered sorted.
/// Negative counts stay small: Redis tries to build a reply of any size it accepts.</para>
/// </remarks>
public sealed class HashCommandFamily : ICommandFamily
{
    private static readonly byte[] LongText = Encoding.ASCII.GetBytes(new string('L', 65));

    private static readonly byte[][] FieldNames =
        [Utf8("f0"), Utf8("f1"), Utf8("f2"), Utf8("a"), Utf8(""), Utf8("10"), [0x00, 0xFF], Utf8("f*")];

    private static readonly long[] Deltas = [1, -1, 5, -100, 0, long.MaxValue, long.MinValue, long.MaxValue - 1, long.MinValue + 1];

    private static readonly double[] FloatIncrements =
        [0.1, -0.1, 1.5, -2.25, 10.5, 3.0, 1e-7, 1e20, 1e308, double.PositiveInfinity, double.NegativeInfinity, double.NaN];

    private static readonly long[] Counts =
        [0, 1, 2, 3, 5, 10, -1, -2, -5, -9, long.MaxValue, long.MinValue, (long.MaxValue / 2) + 1, long.MaxValue / 2];

    /// <summary>Counts only WITHVALUES may use: the huge negative ones are errors there and real requests without it.</summary>
    private static readonly long[] WithValuesCounts = [.. Counts, -(long.MaxValue / 2) - 1, -long.MaxValue];

    private static readonly string?[] Patterns = [null, "*", "f*", "?", "[fa]*", "f[!0]", "nomatch"];

    /// <inheritdoc/>
    public string Name => "hashes";

    private static Gen<Datum> Field => Gen.Frequency(
        (12, from bytes in Gen.Elements(FieldNames) from form in Gen.Choose(0, 2) select new Datum(bytes, form)),
        (1, Gen.Constant(new Datum(LongText, 0))));

    /// <inheritdoc/>
    public IEnumerable<(int Weight, Gen<DiffCommand> Generator)> Generators(KeySpace space)
    {
        var value = Gen.Frequency((15, space.Value), (1, Gen.Constant(new Datum(LongText, 1))));

        yield return (10,
            from db in space.Database
            from key in space.Key
            from n in Gen.Frequency((1, Gen.Constant(0)), (12, Gen.Choose(1, 3)))
            from fields in Gen.ArrayOf(Field, n)
            from values in Gen.ArrayOf(value, n)
            select HSetMany(db, key, fields, values));

        yield return (5,
            from db in space.Database
            from key in space.Key
            from field in Field
            from v in value
            from nx in Gen.Elements(false, false, true)
            select new DiffCommand(db, $"{(nx ? "HSETNX" : "HSET")} {Cli.Arg(key)} {field} {v}",
                s => Cli.Num(s.HashSet(key, field.Value, v.Value, nx ? When.NotExists : When.Always))));

        yield return (6, from db in space.Database from key in space.Key from field in Field
            select new DiffCommand(db, $"HGET {Cli.Arg(key)} {field}", s => Cli.Bulk(s.HashGet(key, field.Value))));

        yield return (3, from db in space.Database from key in space.Key
            from n in Gen.Frequency((1, Gen.Constant(0)), (10, Gen.Choose(1, 3)))
            from fields in Gen.ArrayOf(Field, n)
            select new DiffCommand(db, $"HMGET {Cli.Arg(key)}{Spell(fields)}", s => Cli.Array(s.HashGet(key, Values(fields)))));

        yield return (3, from db in space.Database from key in space.Key
            select new DiffCommand(db, $"HGETALL {Cli.Arg(key)}", s => Entries(s.HashGetAll(key))));

        yield return (2, from db in space.Database from key in space.Key from values in Gen.Elements(false, true)
            select new DiffCommand(db, $"{(values ? "HVALS" : "HKEYS")} {Cli.Arg(key)}", s => SortedArray(values ? s.HashValues(key) : s.HashKeys(key))));

        yield return (2, from db in space.Database from key in space.Key
            select new DiffCommand(db, $"HLEN {Cli.Arg(key)}", s => Cli.Num(s.HashLength(key))));

        yield return (2, from db in space.Database from key in space.Key from field in Field
            select new DiffCommand(db, $"HSTRLEN {Cli.Arg(key)} {field}", s => Cli.Num(s.HashStringLength(key, field.Value))));

        yield return (2, from db in space.Database from key in space.Key from field in Field
            select new DiffCommand(db, $"HEXISTS {Cli.Arg(key)} {field}", s => Cli.Num(s.HashExists(key, field.Value))));

        yield return (3, from db in space.Database from key in space.Key from field in Field
            select new DiffCommand(db, $"HDEL {Cli.Arg(key)} {field}", s => Cli.Num(s.HashDelete(key, field.Value))));

        yield return (3, from db in space.Database from key in space.Key
            from n in Gen.Frequency((1, Gen.Constant(0)), (10, Gen.Choose(1, 4)))
            from fields in Gen.ArrayOf(Field, n)
            select new DiffCommand(db, $"HDEL {Cli.Arg(key)}{Spell(fields)}", s => Cli.Num(s.HashDelete(key, Values(fields)))));

        yield return (5, from db in space.Database from key in space.Key from field in Field from delta in Gen.Elements(Deltas)
            select new DiffCommand(db, $"HINCRBY {Cli.Arg(key)} {field} {Cli.Arg(delta)}", s => Cli.Num(s.HashIncrement(key, field.Value, delta))));

        yield return (4, from db in space.Database from key in space.Key from field in Field from increment in Gen.Elements(FloatIncrements)
            select new DiffCommand(
                db,
                $"HINCRBYFLOAT {Cli.Arg(key)} {field} {((RedisValue)increment).ToString()}",
                s => Cli.Real(s.HashIncrement(key, field.Value, increment))));

        yield return (4, from db in space.Database from key in space.Key
            from mode in Gen.Choose(0, 2)
            from count in Gen.Elements(Counts)
            from withValuesCount in Gen.Elements(WithValuesCounts)
            select RandomField(db, key, mode, mode == 2 ? withValuesCount : count));

        yield return (2, from db in space.Database from key in space.Key
            from pattern in Gen.Elements(Patterns)
            from count in Gen.Frequency((1, Gen.Constant(0)), (8, Gen.Elements(1, 2, 10)))
            select Scan(db, key, pattern, count));
    }

    private static DiffCommand HSetMany(int db, byte[] key, Datum[] fields, Datum[] values)
    {
        var spelling = "HSET " + Cli.Arg(key) + string.Concat(fields.Zip(values, (f, v) => $" {f} {v}"));
        return new DiffCommand(db, spelling, s => Cli.Num(s.HashSet(key, fields.Zip(values, (f, v) => new HashEntry(f.Value, v.Value)).ToArray())));
    }

    private static DiffCommand RandomField(int db, byte[] key, int mode, long count)
    {
        var k = Cli.Arg(key);
        return mode switch
        {
            0 => new DiffCommand(db, $"HRANDFIELD {k}", s =>
            {
                var field = s.HashRandomField(key);
                return field.IsNull ? "(nil)" : s.HashExists(key, field) ? "(a field of the hash)" : $"(not a field: {Cli.Bulk(field)})";
            }),
            1 => new DiffCommand(db, $"HRANDFIELD {k} {Cli.Arg(count)}", s =>
            {
                var fields = s.HashRandomFields(key, count);
                return DescribePicks(s, key, count, fields.Select(f => new HashEntry(f, RedisValue.Null)).ToArray(), withValues: false);
            }),
            _ => new DiffCommand(db, $"HRANDFIELD {k} {Cli.Arg(count)} WITHVALUES", s =>
                DescribePicks(s, key, count, s.HashRandomFieldsWithValues(key, count), withValues: true)),
        };
    }

    /// <summary>Renders random picks by what Redis guarantees about them.</summary>
    private static string DescribePicks(IDataStore s, byte[] key, long count, HashEntry[] picks, bool withValues)
    {
        if (picks.Length == 0)
        {
            return "(empty array)";
        }

        var size = s.HashLength(key);
        if (count > 0 && count >= size)
        {
            // The whole hash: deterministic up to order.
            return withValues ? Entries(picks) : SortedArray(picks.Select(p => p.Name));
        }

        var members = picks.All(p => withValues ? s.HashGet(key, p.Name) == p.Value : s.HashExists(key, p.Name));
        var distinct = picks.Select(p => p.Name).Distinct().Count() == picks.Length;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"({picks.Length} picks{(count > 0 ? distinct ? ", distinct" : ", NOT distinct" : "")}, {(members ? "all fields of the hash" : "NOT all fields of the hash")})");
    }

    private static DiffCommand Scan(int db, byte[] key, string? pattern, int count)
    {
        var spelling = $"HSCAN {Cli.Arg(key)} 0{(pattern is null ? "" : " MATCH " + Cli.Arg(pattern))} COUNT {count} (every page)";
        return new DiffCommand(db, spelling, s =>
        {
            var entries = new List<HashEntry>();
            ulong cursor = 0;
            for (var pages = 0; pages < 10_000; pages++)
            {
                var page = s.HashScan(key, cursor, pattern, count);
                entries.AddRange(page.Items);
                cursor = page.Cursor;
                if (cursor == 0)
                {
                    return Entries(entries.Distinct());
                }
            }

            return "(HSCAN did not finish within 10000 pages)";
        });
    }

    private static string Entries(IEnumerable<HashEntry> entries) =>
        "{" + string.Join(", ", entries.Select(e => $"{Cli.Bulk(e.Name)}: {Cli.Bulk(e.Value)}").Order(StringComparer.Ordinal)) + "}";

    private static string SortedArray(IEnumerable<RedisValue> values) =>
        "[" + string.Join(", ", values.Select(Cli.Bulk).Order(StringComparer.Ordinal)) + "]";

    private static string Spell(Datum[] fields) => string.Concat(fields.Select(f => " " + f));

    private static RedisValue[] Values(Datum[] fields) => fields.Select(f => f.Value).ToArray();

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
