using FsCheck;
using FsCheck.Fluent;

namespace RedisLite.Tests.Differential;

/// <summary>
/// List commands: LPUSH, RPUSH, LPUSHX, RPUSHX, LPOP/RPOP (with and without COUNT), LRANGE, LINDEX, LSET, LINSERT, LREM,
/// LTRIM, LPOS (RANK, COUNT, MAXLEN), LLEN, LMOVE, RPOPLPUSH, LMPOP, and the blocking BLPOP, BRPOP, BLMOVE, BRPOPLPUSH,
/// BLMPOP where their reply is deterministic.
/// </summary>
/// <remarks>
/// A blocking command is only run when one of its keys exists (then it replies at once: an element or WRONGTYPE, the
/// same on both stores). When every key is missing it would wait for its timeout, whose length Redis only honours to
/// its event loop's tick, so the command renders as skipped on both stores, decided by EXISTS on each.
/// </remarks>
public sealed class ListCommandFamily : ICommandFamily
{
    private static readonly long[] Indexes = [-100, -5, -2, -1, 0, 1, 2, 5, 100, long.MinValue, long.MaxValue];

    private static readonly long[] Counts = [-1, 0, 1, 2, 5, long.MaxValue];

    /// <summary>The timeout of the blocking commands, which only run when they cannot block (see <see cref="WouldBlock"/>).</summary>
    internal static readonly TimeSpan BlockTimeout = TimeSpan.FromSeconds(1);

    /// <inheritdoc/>
    public string Name => "lists";

    private static Gen<ListSide> Side => Gen.Elements(ListSide.Left, ListSide.Right);

    /// <inheritdoc/>
    public IEnumerable<(int Weight, Gen<DiffCommand> Generator)> Generators(KeySpace space)
    {
        yield return (12,
            from db in space.Database
            from key in space.Key
            from n in Gen.Frequency((1, Gen.Constant(0)), (12, Gen.Choose(1, 4)))
            from values in Gen.ArrayOf(space.Value, n)
            from side in Side
            from when in Gen.Elements(When.Always, When.Always, When.Always, When.Exists)
            select Push(db, key, values, side, when));

        yield return (6,
            from db in space.Database
            from key in space.Key
            from side in Side
            from count in Gen.Frequency((3, Gen.Constant<long?>(null)), (2, Gen.Elements(Counts).Select(c => (long?)c)))
            select Pop(db, key, side, count));

        yield return (5, from db in space.Database from key in space.Key from start in Gen.Elements(Indexes) from stop in Gen.Elements(Indexes)
            select new DiffCommand(db, $"LRANGE {Cli.Arg(key)} {Cli.Arg(start)} {Cli.Arg(stop)}", s => Cli.Array(s.ListRange(key, start, stop))));

        yield return (3, from db in space.Database from key in space.Key from index in Gen.Elements(Indexes)
            select new DiffCommand(db, $"LINDEX {Cli.Arg(key)} {Cli.Arg(index)}", s => Cli.Bulk(s.ListGetByIndex(key, index))));

        yield return (3, from db in space.Database from key in space.Key from index in Gen.Elements(Indexes) from value in space.Value
            select new DiffCommand(db, $"LSET {Cli.Arg(key)} {Cli.Arg(index)} {value}", s =>
            {
                s.ListSetByIndex(key, index, value.Value);
                return "OK";
            }));

        yield return (3, from db in space.Database from key in space.Key from after in Gen.Elements(false, true) from pivot in space.Value from value in space.Value
            select new DiffCommand(db, $"LINSERT {Cli.Arg(key)} {(after ? "AFTER" : "BEFORE")} {pivot} {value}", s => Cli.Num(after
                ? s.ListInsertAfter(key, pivot.Value, value.Value)
                : s.ListInsertBefore(key, pivot.Value, value.Value))));

        yield return (3, from db in space.Database from key in space.Key from count in Gen.Elements(-2L, -1L, 0L, 1L, 2L, long.MinValue) from value in space.Value
            select new DiffCommand(db, $"LREM {Cli.Arg(key)} {Cli.Arg(count)} {value}", s => Cli.Num(s.ListRemove(key, value.Value, count))));

        yield return (2, from db in space.Database from key in space.Key from start in Gen.Elements(Indexes) from stop in Gen.Elements(Indexes)
            select new DiffCommand(db, $"LTRIM {Cli.Arg(key)} {Cli.Arg(start)} {Cli.Arg(stop)}", s =>
            {
                s.ListTrim(key, start, stop);
                return "OK";
            }));

        yield return (4,
            from db in space.Database
            from key in space.Key
            from element in space.Value
            from rank in Gen.Elements(1L, 1L, 2L, -1L, -2L, 0L, long.MinValue, long.MaxValue)
            from count in Gen.Frequency((2, Gen.Constant<long?>(null)), (2, Gen.Elements(0L, 1L, 2L, -1L).Select(c => (long?)c)))
            from maxLength in Gen.Elements(0L, 0L, 1L, 3L, -1L)
            select Position(db, key, element, rank, count, maxLength));

        yield return (3, from db in space.Database from key in space.Key
            select new DiffCommand(db, $"LLEN {Cli.Arg(key)}", s => Cli.Num(s.ListLength(key))));

        yield return (4, from db in space.Database from source in space.Key from destination in space.Key from fromSide in Side from toSide in Side from legacy in Gen.Elements(false, false, true)
            select Move(db, source, destination, legacy ? ListSide.Right : fromSide, legacy ? ListSide.Left : toSide, legacy));

        yield return (3, from db in space.Database from keys in space.SomeKeys from side in Side from count in Gen.Elements(1L, 1L, 2L, 10L, 0L, -1L)
            select MultiPop(db, keys, side, count));

        yield return (3, from db in space.Database from keys in space.SomeKeys.Where(k => k.Length > 0) from side in Side
            select BlockingPop(db, keys, side));

        yield return (2, from db in space.Database from source in space.Key from destination in space.Key from fromSide in Side from toSide in Side from legacy in Gen.Elements(false, true)
            select BlockingMove(db, source, destination, legacy ? ListSide.Right : fromSide, legacy ? ListSide.Left : toSide, legacy));

        yield return (2, from db in space.Database from keys in space.SomeKeys.Where(k => k.Length > 0) from side in Side from count in Gen.Elements(1L, 2L, 10L, 0L)
            select BlockingMultiPop(db, keys, side, count));
    }

    private static DiffCommand Push(int db, byte[] key, Datum[] values, ListSide side, When when)
    {
        var name = (side == ListSide.Left ? "LPUSH" : "RPUSH") + (when == When.Exists ? "X" : "");
        return new DiffCommand(db, $"{name} {Cli.Arg(key)}{string.Concat(values.Select(v => " " + v))}", s =>
        {
            if (values.Length == 1)
            {
                return Cli.Num(side == ListSide.Left ? s.ListLeftPush(key, values[0].Value, when) : s.ListRightPush(key, values[0].Value, when));
            }

            var array = values.Select(v => v.Value).ToArray();
            return Cli.Num(side == ListSide.Left ? s.ListLeftPush(key, array, when) : s.ListRightPush(key, array, when));
        });
    }

    private static DiffCommand Pop(int db, byte[] key, ListSide side, long? count)
    {
        var name = side == ListSide.Left ? "LPOP" : "RPOP";
        if (count is not { } c)
        {
            return new DiffCommand(db, $"{name} {Cli.Arg(key)}", s => Cli.Bulk(side == ListSide.Left ? s.ListLeftPop(key) : s.ListRightPop(key)));
        }

        return new DiffCommand(db, $"{name} {Cli.Arg(key)} {Cli.Arg(c)}", s =>
        {
            var popped = side == ListSide.Left ? s.ListLeftPop(key, c) : s.ListRightPop(key, c);
            return popped is null ? "(nil array)" : Cli.Array(popped);
        });
    }

    private static DiffCommand Position(int db, byte[] key, Datum element, long rank, long? count, long maxLength)
    {
        var spelling = $"LPOS {Cli.Arg(key)} {element} RANK {Cli.Arg(rank)}{(count is { } c ? $" COUNT {Cli.Arg(c)}" : "")} MAXLEN {Cli.Arg(maxLength)}";
        return new DiffCommand(db, spelling, s =>
        {
            if (count is { } n)
            {
                return "[" + string.Join(", ", s.ListPositions(key, element.Value, n, rank, maxLength).Select(Cli.Num)) + "]";
            }

            var index = s.ListPosition(key, element.Value, rank, maxLength);
            return index < 0 ? "(nil)" : Cli.Num(index);
        });
    }

    private static DiffCommand Move(int db, byte[] source, byte[] destination, ListSide from, ListSide to, bool legacy)
    {
        var spelling = legacy
            ? $"RPOPLPUSH {Cli.Arg(source)} {Cli.Arg(destination)}"
            : $"LMOVE {Cli.Arg(source)} {Cli.Arg(destination)} {SideName(from)} {SideName(to)}";
        return new DiffCommand(db, spelling, s => Cli.Bulk(legacy ? s.ListRightPopLeftPush(source, destination) : s.ListMove(source, destination, from, to)));
    }

    private static DiffCommand MultiPop(int db, byte[][] keys, ListSide side, long count)
    {
        var spelling = $"LMPOP {keys.Length}{string.Concat(keys.Select(k => " " + Cli.Arg(k)))} {SideName(side)} COUNT {Cli.Arg(count)}";
        return new DiffCommand(db, spelling, s => Render(s.ListPop(StringCommandFamily.ToKeys(keys), side, count)));
    }

    private static DiffCommand BlockingPop(int db, byte[][] keys, ListSide side)
    {
        var spelling = StringCommandFamily.Spell(side == ListSide.Left ? "BLPOP" : "BRPOP", keys) + " 1";
        return new DiffCommand(db, spelling, s =>
        {
            if (WouldBlock(s, keys))
            {
                return "(skipped: would block)";
            }

            var task = side == ListSide.Left
                ? s.ListLeftPopBlockingAsync(StringCommandFamily.ToKeys(keys), BlockTimeout)
                : s.ListRightPopBlockingAsync(StringCommandFamily.ToKeys(keys), BlockTimeout);
            var result = Await(task);
            return result is { } r ? $"{Cli.Quote(r.Key.AsMemory().Span)} {Cli.Bulk(r.Value)}" : "(nil array)";
        });
    }

    private static DiffCommand BlockingMove(int db, byte[] source, byte[] destination, ListSide from, ListSide to, bool legacy)
    {
        var spelling = legacy
            ? $"BRPOPLPUSH {Cli.Arg(source)} {Cli.Arg(destination)} 1"
            : $"BLMOVE {Cli.Arg(source)} {Cli.Arg(destination)} {SideName(from)} {SideName(to)} 1";
        return new DiffCommand(db, spelling, s => WouldBlock(s, [source])
            ? "(skipped: would block)"
            : Cli.Bulk(Await(legacy
                ? s.ListRightPopLeftPushBlockingAsync(source, destination, BlockTimeout)
                : s.ListMoveBlockingAsync(source, destination, from, to, BlockTimeout))));
    }

    private static DiffCommand BlockingMultiPop(int db, byte[][] keys, ListSide side, long count)
    {
        var spelling = $"BLMPOP 1 {keys.Length}{string.Concat(keys.Select(k => " " + Cli.Arg(k)))} {SideName(side)} COUNT {Cli.Arg(count)}";
        return new DiffCommand(db, spelling, s => count > 0 && WouldBlock(s, keys)
            ? "(skipped: would block)"
            : Render(Await(s.ListPopBlockingAsync(StringCommandFamily.ToKeys(keys), side, BlockTimeout, count))));
    }

    /// <summary>True when every key is missing: the blocking command would wait, so the sequence skips it on both sides.</summary>
    internal static bool WouldBlock(IDataStore s, byte[][] keys) => keys.All(k => !s.KeyExists(k));

    /// <summary>Waits for a blocking command that is known not to block (bounded, so a bug fails instead of hanging).</summary>
    internal static T Await<T>(Task<T> task) => task.WaitAsync(TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();

    private static string Render(ListPopResult? result) =>
        result is null ? "(nil array)" : $"{Cli.Quote(result.Key.AsMemory().Span)} {Cli.Array(result.Values)}";

    private static string SideName(ListSide side) => side == ListSide.Left ? "LEFT" : "RIGHT";
}
