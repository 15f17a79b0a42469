using System.Globalization;
using FsCheck;
using FsCheck.Fluent;

namespace RedisLite.Tests.Differential;

/// <summary>
/// Set commands: SADD (including bulk loads that pass the 512-member intset limit), SREM, SMEMBERS, SISMEMBER,
/// SMISMEMBER, SCARD, SPOP (with and without a count), SRANDMEMBER (with and without a count), SMOVE, SUNION, SINTER,
/// SDIFF, SUNIONSTORE, SINTERSTORE, SDIFFSTORE, SINTERCARD (LIMIT) and SSCAN (MATCH, COUNT), with their errors.
/// </summary>
/// <remarks>
/// Replies are rendered so that they are deterministic: set replies sorted; SSCAN as the sorted union of a full
/// iteration; SPOP and SRANDMEMBER by what is decided (how many members, whether they are members and distinct, and the
/// members themselves when the whole set comes back). A partial SPOP puts the popped members back within the same
/// command, so both stores go on with the same contents (a partial pop never empties the set, so TTL and type are
/// unaffected); a pop that empties the set is fully deterministic and stays.
/// </remarks>
public sealed class SetCommandFamily : ICommandFamily
{
    private static readonly long[] PopCounts = [-1, 0, 1, 2, 3, 100, long.MaxValue, -long.MaxValue];

    private static readonly long[] RandomCounts = [0, 1, 2, 3, 100, long.MaxValue, -1, -3, -10, long.MinValue];

    private static readonly long[] Limits = [0, 0, 1, 2, 5, 1000, -1];

    private static readonly int[] ScanCounts = [1, 2, 10, 100, 0];

    private static readonly string[] Patterns = ["*", "1*", "*0", "h?llo", "[a-h]*", "-*", "m1*", "*[5-9]"];

    private static readonly SetOperation[] Operations = [SetOperation.Union, SetOperation.Intersect, SetOperation.Difference];

    /// <inheritdoc/>
    public string Name => "sets";

    private static Gen<Datum[]> Values(KeySpace space, int min) => Gen.Choose(min, 4).SelectMany(n => Gen.ArrayOf(space.Value, n));

    /// <inheritdoc/>
    public IEnumerable<(int Weight, Gen<DiffCommand> Generator)> Generators(KeySpace space)
    {
        var someValues = Gen.Frequency((1, Values(space, 0)), (12, Values(space, 1)));

        yield return (14, from db in space.Database from key in space.Key from values in someValues
            select new DiffCommand(db, Spell("SADD", key, values), s => Cli.Num(s.SetAdd(key, Of(values)))));

        yield return (4, from db in space.Database from key in space.Key from value in space.Value
            select new DiffCommand(db, $"SADD {Cli.Arg(key)} {value}", s => Cli.Num(s.SetAdd(key, value.Value))));

        yield return (1, from db in space.Database from key in space.Key from n in Gen.Elements(100, 512, 513, 700) from ints in Gen.Elements(true, false)
            select Bulk(db, key, n, ints));

        yield return (6, from db in space.Database from key in space.Key from values in someValues
            select new DiffCommand(db, Spell("SREM", key, values), s => Cli.Num(s.SetRemove(key, Of(values)))));

        yield return (2, from db in space.Database from key in space.Key from value in space.Value
            select new DiffCommand(db, $"SREM {Cli.Arg(key)} {value}", s => Cli.Num(s.SetRemove(key, value.Value))));

        yield return (6, from db in space.Database from key in space.Key
            select new DiffCommand(db, $"SMEMBERS {Cli.Arg(key)}", s => Sorted(s.SetMembers(key))));

        yield return (4, from db in space.Database from key in space.Key from value in space.Value
            select new DiffCommand(db, $"SISMEMBER {Cli.Arg(key)} {value}", s => Cli.Num(s.SetContains(key, value.Value))));

        yield return (3, from db in space.Database from key in space.Key from values in someValues
            select new DiffCommand(db, Spell("SMISMEMBER", key, values), s => Flags(s.SetContains(key, Of(values)))));

        yield return (4, from db in space.Database from key in space.Key
            select new DiffCommand(db, $"SCARD {Cli.Arg(key)}", s => Cli.Num(s.SetLength(key))));

        yield return (3, from db in space.Database from key in space.Key select PopOne(db, key));

        yield return (3, from db in space.Database from key in space.Key from count in Gen.Elements(PopCounts) select Pop(db, key, count));

        yield return (2, from db in space.Database from key in space.Key select RandomOne(db, key));

        yield return (3, from db in space.Database from key in space.Key from count in Gen.Elements(RandomCounts) select Random(db, key, count));

        yield return (5, from db in space.Database from a in space.Key from b in space.Key from value in space.Value
            select new DiffCommand(db, $"SMOVE {Cli.Arg(a)} {Cli.Arg(b)} {value}", s => Cli.Num(s.SetMove(a, b, value.Value))));

        yield return (5, from db in space.Database from op in Gen.Elements(Operations) from keys in space.SomeKeys
            select new DiffCommand(db, StringCommandFamily.Spell(Command(op, false), keys), s => Sorted(s.SetCombine(op, StringCommandFamily.ToKeys(keys)))));

        yield return (5, from db in space.Database from op in Gen.Elements(Operations) from dest in space.Key from keys in space.SomeKeys
            select new DiffCommand(
                db,
                StringCommandFamily.Spell($"{Command(op, true)} {Cli.Arg(dest)}", keys),
                s => Cli.Num(s.SetCombineAndStore(op, dest, StringCommandFamily.ToKeys(keys)))));

        yield return (3, from db in space.Database from keys in space.SomeKeys from limit in Gen.Elements(Limits)
            select new DiffCommand(
                db,
                $"SINTERCARD {keys.Length}{string.Concat(keys.Select(k => " " + Cli.Arg(k)))}{(limit != 0 && keys.Length > 0 ? " LIMIT " + Cli.Arg(limit) : "")}",
                s => Cli.Num(s.SetIntersectionLength(StringCommandFamily.ToKeys(keys), limit))));

        yield return (3, from db in space.Database from key in space.Key
            from pattern in Gen.Frequency((2, Gen.Constant<string?>(null)), (3, Gen.Elements(Patterns).Select(p => (string?)p)))
            from count in Gen.Elements(ScanCounts)
            select Scan(db, key, pattern, count));
    }

    private static RedisValue[] Of(Datum[] values) => values.Select(v => v.Value).ToArray();

    private static string Spell(string command, byte[] key, Datum[] values) => $"{command} {Cli.Arg(key)}{string.Concat(values.Select(v => " " + v))}";

    private static string Command(SetOperation op, bool store) => op switch
    {
        SetOperation.Union => store ? "SUNIONSTORE" : "SUNION",
        SetOperation.Intersect => store ? "SINTERSTORE" : "SINTER",
        _ => store ? "SDIFFSTORE" : "SDIFF",
    };

    /// <summary>A set reply: its members sorted (repeats kept, so a duplicate would show).</summary>
    private static string Sorted(IEnumerable<RedisValue> values) =>
        "{" + string.Join(", ", values.Select(Cli.Bulk).Order(StringComparer.Ordinal)) + "}";

    private static string Flags(bool[] flags) => "[" + string.Join(", ", flags.Select(f => f ? "1" : "0")) + "]";

    private static DiffCommand Bulk(int db, byte[] key, int n, bool ints)
    {
        var members = Enumerable.Range(0, n).Select(i => ints ? (RedisValue)(i * 3) : (RedisValue)("m" + i.ToString(CultureInfo.InvariantCulture))).ToArray();
        var spelling = $"SADD {Cli.Arg(key)} {(ints ? "0 3 6 ..." : "m0 m1 m2 ...")} ({n} members)";
        return new DiffCommand(db, spelling, s => Cli.Num(s.SetAdd(key, members)));
    }

    private static DiffCommand PopOne(int db, byte[] key) => new(db, $"SPOP {Cli.Arg(key)} (put back unless it was the last)", s =>
    {
        var member = s.SetPop(key);
        if (member.IsNull)
        {
            return "(nil)";
        }

        if (!s.KeyExists(key))
        {
            return Cli.Bulk(member);
        }

        return s.SetAdd(key, member) ? "(a member, put back)" : "(a member that was still there!)";
    });

    private static DiffCommand Pop(int db, byte[] key, long count) => new(db, $"SPOP {Cli.Arg(key)} {Cli.Arg(count)} (put back unless the set went)", s =>
    {
        var popped = s.SetPop(key, count);
        if (popped.Length == 0 || !s.KeyExists(key))
        {
            return Sorted(popped);
        }

        var distinct = popped.Distinct().Count();
        var restored = s.SetAdd(key, popped);
        return $"({popped.Length} members, {distinct} distinct, {restored} put back)";
    });

    private static DiffCommand RandomOne(int db, byte[] key) => new(db, $"SRANDMEMBER {Cli.Arg(key)}", s =>
    {
        var member = s.SetRandomMember(key);
        if (member.IsNull)
        {
            return "(nil)";
        }

        return s.SetLength(key) == 1 ? Cli.Bulk(member) : s.SetContains(key, member) ? "(a member)" : "(not a member!)";
    });

    private static DiffCommand Random(int db, byte[] key, long count) => new(db, $"SRANDMEMBER {Cli.Arg(key)} {Cli.Arg(count)}", s =>
    {
        var picked = s.SetRandomMembers(key, count);
        var size = s.SetLength(key);
        var allMembers = picked.Length == 0 || s.SetContains(key, picked).All(f => f);
        if (count > 0 && count >= size)
        {
            return Sorted(picked);
        }

        // With a negative count, how many picks repeat is chance; only their number and membership are decided.
        var distinct = count > 0 ? $", {picked.Distinct().Count()} distinct" : "";
        return $"({picked.Length} members{distinct}, {(allMembers ? "all in the set" : "NOT all in the set")})";
    });

    private static DiffCommand Scan(int db, byte[] key, string? pattern, int count)
    {
        var spelling = $"SSCAN {Cli.Arg(key)} 0{(pattern is null ? "" : " MATCH " + Cli.Arg(pattern))} COUNT {count} (every page)";
        return new DiffCommand(db, spelling, s =>
        {
            var members = new List<RedisValue>();
            ulong cursor = 0;
            for (var pages = 0; pages < 100_000; pages++)
            {
                var page = s.SetScan(key, cursor, pattern is null ? RedisValue.Null : (RedisValue)pattern, count);
                members.AddRange(page.Items);
                cursor = page.Cursor;
                if (cursor == 0)
                {
                    return "{" + string.Join(", ", members.Select(Cli.Bulk).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)) + "}";
                }
            }

            return "(SSCAN did not finish within 100000 pages)";
        });
    }
}
