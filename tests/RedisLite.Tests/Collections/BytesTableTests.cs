using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using RedisLite.Collections;

namespace RedisLite.Tests.Collections;

/// <summary><see cref="BytesTable{TValue}"/>: lookups, dense removal, resizing, cloning and the scan guarantee.</summary>
public sealed class BytesTableTests
{
    private static byte[] B(string text) => Encoding.UTF8.GetBytes(text);

    private static string S(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    private static BytesTable<int> Filled(int count, string prefix = "k")
    {
        var table = new BytesTable<int>();
        for (var i = 0; i < count; i++)
        {
            table.GetOrAdd(B(prefix + i.ToString(CultureInfo.InvariantCulture)), i, out _);
        }

        return table;
    }

    private static void AssertConsistent(BytesTable<int> table, IReadOnlyDictionary<string, int> model)
    {
        Assert.Equal(model.Count, table.Count);
        foreach (var (key, value) in model)
        {
            var index = table.Find(B(key));
            Assert.InRange(index, 0, table.Count - 1);
            Assert.Equal(key, S(table.KeyAt(index)));
            Assert.Equal(value, table.ValueAt(index));
        }

        var keys = Enumerable.Range(0, table.Count).Select(i => S(table.KeyAt(i))).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(model.Count, keys.Count);
    }

    [Fact]
    public void Add_find_and_remove_round_trip_binary_keys()
    {
        var table = new BytesTable<int>();
        Assert.Equal(-1, table.Find(B("a")));

        var a = table.GetOrAdd(B("a"), 1, out var added);
        Assert.True(added);
        Assert.Equal(a, table.GetOrAdd(B("a"), 99, out added));
        Assert.False(added);
        Assert.Equal(1, table.ValueAt(a));

        byte[] binary = [0, 0xFF, 0];
        table.GetOrAdd(binary, 2, out _);
        table.GetOrAdd([], 3, out _);
        Assert.Equal(3, table.Count);
        Assert.Equal(2, table.ValueAt(table.Find(binary)));
        Assert.Equal(3, table.ValueAt(table.Find([])));
        Assert.Equal(-1, table.Find([0, 0xFF]));

        Assert.True(table.Remove(binary, out var removed));
        Assert.Equal(2, removed);
        Assert.False(table.Remove(binary, out _));
        Assert.Equal(2, table.Count);
    }

    [Fact]
    public void Removing_moves_the_last_entry_into_the_hole()
    {
        var table = Filled(10);
        var last = S(table.KeyAt(9));
        var hole = table.Find(B("k3"));

        table.RemoveAt(hole);

        Assert.Equal(9, table.Count);
        Assert.Equal(last, S(table.KeyAt(hole)));
        Assert.Equal(hole, table.Find(B(last)));
        Assert.Equal(-1, table.Find(B("k3")));
        AssertConsistent(table, Enumerable.Range(0, 10).Where(i => i != 3).ToDictionary(i => "k" + i, i => i));

        // Removing the last entry itself leaves the others in place.
        var lastKey = S(table.KeyAt(8));
        table.RemoveAt(8);
        Assert.Equal(-1, table.Find(B(lastKey)));
        Assert.Equal(8, table.Count);
    }

    [Fact]
    public void The_table_grows_and_gives_memory_back_as_it_drains()
    {
        var table = Filled(10_000);
        Assert.True(table.BucketCount >= 10_000);
        var model = Enumerable.Range(0, 10_000).ToDictionary(i => "k" + i, i => i);
        AssertConsistent(table, model);

        for (var i = 0; i < 9_990; i++)
        {
            Assert.True(table.Remove(B("k" + i), out var value));
            Assert.Equal(i, value);
            model.Remove("k" + i);
        }

        Assert.InRange(table.BucketCount, 1, 128);
        AssertConsistent(table, model);

        for (var i = 9_990; i < 10_000; i++)
        {
            table.Remove(B("k" + i), out _);
        }

        Assert.Equal(0, table.Count);
        Assert.Equal(0, table.BucketCount);
        Assert.Equal(0UL, table.Scan(0, []));
        table.GetOrAdd(B("again"), 1, out var added);
        Assert.True(added);
    }

    [Fact]
    public void Clear_and_clone_are_independent()
    {
        var table = Filled(100);
        var clone = table.Clone();
        table.Remove(B("k1"), out _);
        table.GetOrAdd(B("new"), 7, out _);
        clone.ValueAt(clone.Find(B("k2"))) = 42;

        Assert.Equal(0, clone.Find(B("new")) >= 0 ? 1 : 0);
        Assert.True(clone.Find(B("k1")) >= 0);
        Assert.Equal(100, clone.Count);
        Assert.Equal(2, table.ValueAt(table.Find(B("k2"))));
        Assert.Equal(42, clone.ValueAt(clone.Find(B("k2"))));

        table.Clear();
        Assert.Equal(0, table.Count);
        Assert.Equal(100, clone.Count);
    }

    [Fact]
    public void A_full_scan_visits_every_element_exactly_once_when_nothing_changes()
    {
        var table = Filled(1000);
        var seen = new List<int>();
        ulong cursor = 0;
        do
        {
            cursor = table.Scan(cursor, seen);
        }
        while (cursor != 0);

        Assert.Equal(1000, seen.Count);
        Assert.Equal(1000, seen.Select(i => S(table.KeyAt(i))).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Elements_present_throughout_a_scan_are_seen_whatever_happens_between_calls()
    {
        // Between scan calls the table gains or loses a random number of other elements, so it doubles and halves
        // (and entries move by swap-removal) while the cursor is outstanding.
        var changes = Gen.Choose(-400, 400).ArrayOf().Select(a => a.Take(60).ToArray());
        var property = Prop.ForAll(Gen.Choose(1, 200).ToArbitrary(), changes.ToArbitrary(), (stableCount, steps) =>
        {
            var table = new BytesTable<int>();
            for (var i = 0; i < stableCount; i++)
            {
                table.GetOrAdd(B("stable" + i), i, out _);
            }

            var extras = new List<string>();
            var next = 0;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var indexes = new List<int>();
            ulong cursor = 0;
            var call = 0;
            do
            {
                indexes.Clear();
                cursor = table.Scan(cursor, indexes);
                foreach (var index in indexes)
                {
                    seen.Add(S(table.KeyAt(index)));
                }

                var change = call < steps.Length ? steps[call] : 0;
                call++;
                for (var i = 0; i < change; i++)
                {
                    var key = "extra" + next++;
                    table.GetOrAdd(B(key), -1, out _);
                    extras.Add(key);
                }

                for (var i = 0; i < -change && extras.Count > 0; i++)
                {
                    table.Remove(B(extras[^1]), out _);
                    extras.RemoveAt(extras.Count - 1);
                }
            }
            while (cursor != 0 && call < 1_000_000);

            return cursor == 0 && Enumerable.Range(0, stableCount).All(i => seen.Contains("stable" + i));
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), property);
    }

    [Fact]
    public void Random_operations_agree_with_a_dictionary()
    {
        var ops = Gen.Zip(Gen.Choose(0, 2), Gen.Choose(0, 300)).ArrayOf();
        var property = Prop.ForAll(ops.ToArbitrary(), steps =>
        {
            var table = new BytesTable<int>();
            var model = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var (op, n) in steps)
            {
                var key = "k" + n;
                switch (op)
                {
                    case 0:
                        table.GetOrAdd(B(key), n, out var added);
                        if (added != model.TryAdd(key, n))
                        {
                            return false;
                        }

                        break;
                    case 1:
                        if (table.Remove(B(key), out _) != model.Remove(key))
                        {
                            return false;
                        }

                        break;
                    default:
                        if (table.Count > 0)
                        {
                            var index = n % table.Count;
                            model.Remove(S(table.KeyAt(index)));
                            table.RemoveAt(index);
                        }

                        break;
                }
            }

            AssertConsistent(table, model);
            return true;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), property);
    }
}
