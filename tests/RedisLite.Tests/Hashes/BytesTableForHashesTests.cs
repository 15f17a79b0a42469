using System.Text;
using RedisLite.Collections;

namespace RedisLite.Tests.Hashes;

/// <summary>What the hash family relies on from <see cref="BytesTable{TValue}"/>: it behaves as a dictionary through
/// adds and removes (dense indexes, last entry moving into a hole), shrinks and grows, clones independently, and a
/// full scan sees everything.</summary>
public sealed class BytesTableForHashesTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Random_operations_match_a_dictionary(int seed)
    {
        var random = new Random(seed);
        var table = new BytesTable<byte[]>();
        var model = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var step = 0; step < 20_000; step++)
        {
            // Phases of growth then drain, so the table resizes both ways.
            var growing = step / 2500 % 2 == 0;
            var key = "k" + random.Next(3000);
            var bytes = Encoding.ASCII.GetBytes(key);
            if (random.Next(100) < (growing ? 75 : 20))
            {
                var value = "v" + step;
                var index = table.GetOrAdd(bytes, Encoding.ASCII.GetBytes(value), out var added);
                Assert.Equal(!model.ContainsKey(key), added);
                if (!added)
                {
                    table.ValueAt(index) = Encoding.ASCII.GetBytes(value);
                }

                model[key] = value;
            }
            else
            {
                Assert.Equal(model.Remove(key), table.Remove(bytes, out _));
            }

            Assert.Equal(model.Count, table.Count);
        }

        for (var i = 0; i < table.Count; i++)
        {
            Assert.Equal(model[Encoding.ASCII.GetString(table.KeyAt(i))], Encoding.ASCII.GetString(table.ValueAt(i)));
        }

        var scanned = new List<int>();
        ulong cursor = 0;
        do
        {
            cursor = table.Scan(cursor, scanned);
        }
        while (cursor != 0);

        Assert.Equal(Enumerable.Range(0, table.Count), scanned.Order());
    }

    [Fact]
    public void A_clone_is_independent()
    {
        var table = new BytesTable<byte[]>();
        for (var i = 0; i < 100; i++)
        {
            table.GetOrAdd(Encoding.ASCII.GetBytes($"k{i}"), [(byte)i], out _);
        }

        var clone = table.Clone();
        Assert.True(clone.Remove("k5"u8, out _));
        clone.ValueAt(clone.Find("k6"u8)) = [42];
        clone.GetOrAdd("extra"u8, [1], out _);
        Assert.Equal(100, table.Count);
        Assert.Equal(6, table.ValueAt(table.Find("k6"u8))[0]);
        Assert.True(table.Find("k5"u8) >= 0);
        Assert.True(table.Find("extra"u8) < 0);
        Assert.Equal(100, clone.Count);
    }
}
