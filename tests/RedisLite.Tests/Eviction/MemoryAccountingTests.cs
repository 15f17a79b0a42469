using FsCheck;
using FsCheck.Fluent;
using RedisLite.Tests.Infrastructure;

namespace RedisLite.Tests.Eviction;

/// <summary>
/// The per-shard memory totals are kept incrementally by every write path (adds, overwrites, in-place collection
/// changes in every encoding, removals, expiry, flush, rename, move, copy); after any sequence of commands they equal a
/// recomputation from scratch, and MEMORY USAGE / UsedMemory report them.
/// </summary>
public sealed class MemoryAccountingTests
{
    private static readonly string[] Keys = ["a", "b", "c", "d"];

    /// <summary>One random command (also used by the snapshot property test).</summary>
    internal sealed record Op(int Kind, string Key, string Other, int Number, int Size);

    internal static Gen<Op> OpGen() =>
        from kind in Gen.Choose(0, 39)
        from key in Gen.Elements(Keys)
        from other in Gen.Elements(Keys)
        from number in Gen.Choose(-5, 600)
        from size in Gen.Elements(0, 1, 7, 40, 70, 200)
        select new Op(kind, key, other, number, size);

    internal static void Apply(TestStore t, Op op)
    {
        var d = t.Store;
        var text = new string('v', op.Size) + op.Number;
        var many = Enumerable.Range(op.Number, Math.Clamp(op.Size, 1, 600)).Select(i => (RedisValue)(op.Size == 70 ? "m" + i : i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray();
        try
        {
            _ = op.Kind switch
            {
                0 => (object)d.StringSet(op.Key, text),
                1 => d.StringAppend(op.Key, text),
                2 => d.StringIncrement(op.Key, op.Number),
                3 => d.StringSetRange(op.Key, op.Number % 50, text),
                4 => d.HashSet(op.Key, "f" + (op.Number % 20), text),
                5 => d.HashSet(op.Key, many.Select(m => new HashEntry(m, text)).ToArray()),
                6 => d.HashDelete(op.Key, "f" + (op.Number % 20)),
                7 => d.HashIncrement(op.Key, "n", op.Number),
                8 => d.ListLeftPush(op.Key, text),
                9 => d.ListRightPush(op.Key, many),
                10 => d.ListRightPop(op.Key),
                11 => d.ListLeftPop(op.Key, op.Size),
                12 => Run(() => d.ListSetByIndex(op.Key, op.Number % 5, text)),
                13 => Run(() => d.ListTrim(op.Key, op.Number % 7, op.Size)),
                14 => d.ListRemove(op.Key, text, op.Number % 3),
                15 => d.ListInsertAfter(op.Key, text, "pivoted" + op.Size),
                16 => d.SetAdd(op.Key, many),
                17 => d.SetAdd(op.Key, text),
                18 => d.SetRemove(op.Key, many.Take(op.Size / 2 + 1).ToArray()),
                19 => d.SetPop(op.Key, op.Size),
                20 => d.SortedSetAdd(op.Key, many.Select((m, i) => new SortedSetEntry(m, i * op.Number)).ToArray()),
                21 => d.SortedSetAdd(op.Key, text, op.Number),
                22 => d.SortedSetRemove(op.Key, many.Take(op.Size / 3 + 1).ToArray()),
                23 => d.SortedSetPop(op.Key, op.Size),
                24 => d.SortedSetRemoveRangeByRank(op.Key, op.Number % 5, op.Size),
                25 => d.SetCombineAndStore(SetOperation.Union, op.Key, [op.Other, op.Key]),
                26 => d.SortedSetCombineAndStore(SetOperation.Union, op.Key, [op.Other]),
                27 => d.KeyDelete(op.Key),
                28 => d.KeyRename(op.Key, op.Other + op.Size),
                29 => d.KeyCopy(op.Key, op.Other, replace: true),
                30 => d.KeyMove(op.Key, 1),
                31 => d.GetDatabase(1).KeyCopy(op.Key, op.Other, 0, replace: true),
                32 => d.KeyExpire(op.Key, TimeSpan.FromMilliseconds(op.Size + 1)),
                33 => Run(() => t.Advance(op.Size)),
                34 => d.StringGet(op.Key),
                35 => d.ListMove(op.Key, op.Other, ListSide.Left, ListSide.Right),
                36 => d.SetMove(op.Key, op.Other, text),
                37 => d.SortedSetIncrement(op.Key, "m1", op.Number),
                38 => op.Number % 10 == 0 ? Run(d.FlushDatabase) : d.RunActiveExpiryCycle(),
                _ => d.StringGetSetExpiry(op.Key, Expiration.Persist),
            };
        }
        catch (RedisException)
        {
            // WRONGTYPE and friends: the command changed nothing.
        }
    }

    private static bool Run(Action action)
    {
        action();
        return true;
    }

    [Fact]
    public void Shard_totals_equal_a_recomputation_after_random_commands()
    {
        var property = Prop.ForAll(Gen.ListOf(OpGen()).Select(l => l.ToArray()).ToArbitrary(), ops =>
        {
            using var t = new TestStore();
            foreach (var op in ops)
            {
                Apply(t, op);
                var problems = t.Store.VerifyMemoryAccounting();
                if (problems.Count != 0)
                {
                    throw new Xunit.Sdk.XunitException($"after {op}: {string.Join("; ", problems)}");
                }
            }

            // Expired keys still hold memory until reclaimed (as in Redis), and MEMORY USAGE answers nil for them:
            // reclaim them first, by touching every name the commands can have created.
            var names = Keys.Concat(Keys.SelectMany(k => new[] { 0, 1, 7, 40, 70, 200 }.Select(s => k + s))).ToArray();
            foreach (var db in t.Store.Core.Databases)
            {
                foreach (var name in names)
                {
                    t.Store.GetDatabase(db.Index).KeyExists(name);
                }
            }

            var perKey = t.Store.Core.Databases.SelectMany(db => names.Select(k => t.Store.GetDatabase(db.Index).KeyMemoryUsage(k) ?? 0)).Sum();
            var used = t.Store.UsedMemory;
            if (perKey != used)
            {
                var keys = t.Store.Core.Databases.SelectMany(db => t.Store.GetDatabase(db.Index).Keys().Select(k => $"db{db.Index}:{k}"));
                throw new Xunit.Sdk.XunitException($"MEMORY USAGE sums to {perKey}, UsedMemory is {used}; keys {string.Join(",", keys)}");
            }

            return true;
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), property);
    }

    [Fact]
    public void Memory_usage_counts_the_slot_and_the_value_as_allocated()
    {
        using var t = new TestStore();
        Assert.Null(t.Store.KeyMemoryUsage("missing"));
        Assert.Equal(0, t.Store.UsedMemory);

        t.Store.StringSet("k", "v");

        // 36-byte slot + one array of [key length][key][value]: 24-byte header + 3 bytes, padded to 8.
        Assert.Equal(36 + 32, t.Store.KeyMemoryUsage("k"));
        Assert.Equal(68, t.Store.UsedMemory);

        t.Store.StringSet("k", new string('x', 1000));
        Assert.Equal(36 + 24 + 1008, t.Store.KeyMemoryUsage("k"));

        t.Store.KeyDelete("k");
        Assert.Equal(0, t.Store.UsedMemory);
    }

    [Fact]
    public void Collections_grow_and_shrink_their_estimate_with_their_elements()
    {
        using var t = new TestStore();
        t.Store.ListRightPush("list", "a");
        var small = t.Store.KeyMemoryUsage("list")!.Value;
        t.Store.ListRightPush("list", Enumerable.Range(0, 1000).Select(i => (RedisValue)new string('x', 100)).ToArray());
        var big = t.Store.KeyMemoryUsage("list")!.Value;
        Assert.InRange(big - small, 1000 * 128, 1000 * 150);
        t.Store.ListTrim("list", 0, 0);
        // The element arrays are gone; the slot array shrinks by halves as the list drains, so some spare room stays.
        Assert.True(t.Store.KeyMemoryUsage("list") < big / 10);
        Assert.Empty(t.Store.VerifyMemoryAccounting());
    }

    [Fact]
    public void Expired_and_flushed_keys_give_their_memory_back()
    {
        using var t = new TestStore();
        t.Store.StringSet("a", "1", Expiration.In(TimeSpan.FromSeconds(1)));
        t.Store.HashSet("h", "f", "v");
        t.Store.GetDatabase(3).SetAdd("s", "m");
        Assert.True(t.Store.UsedMemory > 0);
        t.Advance(2000);
        Assert.Equal(RedisValue.Null, t.Store.StringGet("a"));
        Assert.Equal(t.Store.KeyMemoryUsage("h") + t.Store.GetDatabase(3).KeyMemoryUsage("s"), t.Store.UsedMemory);
        t.Store.FlushAllDatabases();
        Assert.Equal(0, t.Store.UsedMemory);
    }
}
