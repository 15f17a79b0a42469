using System.Text;
using RedisLite.Collections;
using RedisLite.Tests.Infrastructure;
using static RedisLite.Tests.Hashes.HashTestData;

namespace RedisLite.Tests.Hashes;

/// <summary>The compact (listpack-like) and table encodings, and the move from one to the other.</summary>
public sealed class HashEncodingTests : IDisposable
{
    private readonly TestStore _t = new();

    private DataStore Store => _t.Store;

    public void Dispose() => _t.Dispose();

    [Fact]
    public void The_513th_field_moves_the_hash_to_a_table_and_it_stays_there()
    {
        Store.HashSet("he:n", Entries(HashValue.MaxCompactEntries));
        Assert.True(IsCompact(Store, "he:n"));
        Store.HashSet("he:n", "f0", "updated");
        Assert.True(IsCompact(Store, "he:n"));
        Assert.True(Store.HashSet("he:n", "one-more", "x"));
        Assert.False(IsCompact(Store, "he:n"));
        Assert.Equal(HashValue.MaxCompactEntries + 1, Store.HashLength("he:n"));
        RedisAssert.Value("updated", Store.HashGet("he:n", "f0"));
        RedisAssert.Value("v511", Store.HashGet("he:n", "f511"));

        // Redis never converts back: even a drained hash keeps its table.
        Assert.Equal(HashValue.MaxCompactEntries, Store.HashDelete("he:n", Entries(HashValue.MaxCompactEntries).Select(e => e.Name).ToArray()));
        Assert.Equal(1, Store.HashLength("he:n"));
        Assert.False(IsCompact(Store, "he:n"));
        var value = new HashValue(Encoding.ASCII.GetBytes("k"));
        for (var i = 0; i <= HashValue.MaxCompactEntries; i++)
        {
            value.Set(Encoding.ASCII.GetBytes($"f{i}"), "v"u8);
        }

        Assert.False(value.IsCompact);
        for (var i = 1; i <= HashValue.MaxCompactEntries; i++)
        {
            Assert.True(value.Remove(Encoding.ASCII.GetBytes($"f{i}")));
        }

        Assert.False(value.IsCompact);
        Assert.Equal(1, value.Count);
    }

    [Theory]
    [InlineData(64, true)]
    [InlineData(65, false)]
    public void A_field_or_value_longer_than_64_bytes_moves_the_hash_to_a_table(int length, bool compact)
    {
        var text = new string('x', length);
        Store.HashSet("he:field", [new("a", "1"), new(text, "2")]);
        Store.HashSet("he:value", [new("a", "1"), new("b", text)]);
        Store.HashSet("he:single", "a", "1");
        Store.HashSet("he:single", "b", text);
        Assert.Equal(compact, IsCompact(Store, "he:field"));
        Assert.Equal(compact, IsCompact(Store, "he:value"));
        Assert.Equal(compact, IsCompact(Store, "he:single"));
        RedisAssert.Value("2", Store.HashGet("he:field", text));
        RedisAssert.Value(text, Store.HashGet("he:value", "b"));
        Assert.Equal(["a=1", $"b={text}"], Render(Store.HashGetAll("he:single")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Hsetnx_with_a_long_argument_converts_even_when_it_writes_nothing()
    {
        Store.HashSet("he:nx", "a", "1");
        Assert.False(Store.HashSet("he:nx", "a", new string('y', 65), When.NotExists));
        Assert.False(IsCompact(Store, "he:nx"));
        RedisAssert.Value("1", Store.HashGet("he:nx", "a"));
    }

    [Fact]
    public void Copies_share_nothing_in_either_encoding()
    {
        foreach (var size in new[] { 3, 700 })
        {
            var original = new HashValue(Encoding.ASCII.GetBytes("orig"));
            foreach (var e in Entries(size))
            {
                original.Set(e.Name.AsSpan(), e.Value.AsSpan());
            }

            var copy = (HashValue)original.CopyTo(Encoding.ASCII.GetBytes("copy"));
            Assert.Equal(original.IsCompact, copy.IsCompact);
            copy.Set("f0"u8, "changed"u8);
            copy.Set("new"u8, "n"u8);
            Assert.True(copy.Remove("f1"u8));
            original.Set("only-original"u8, "o"u8);

            Assert.True(original.TryGet("f0"u8, out var v0));
            Assert.Equal("v0", v0.ToString());
            Assert.True(original.Contains("f1"u8));
            Assert.False(original.Contains("new"u8));
            Assert.False(copy.Contains("only-original"u8));
            Assert.Equal(size + 1, original.Count);
            Assert.Equal(size, copy.Count);
        }
    }

    [Fact]
    public void Appends_reuse_spare_room_without_touching_values_already_handed_out()
    {
        var hash = new HashValue(Encoding.ASCII.GetBytes("k"));
        var handedOut = new List<(string Name, RedisValue Value)>();
        for (var i = 0; i < 200; i++)
        {
            hash.Set(Encoding.ASCII.GetBytes($"f{i}"), Encoding.ASCII.GetBytes($"value{i}"));
            Assert.True(hash.TryGet(Encoding.ASCII.GetBytes($"f{i}"), out var value));
            handedOut.Add(($"value{i}", value));
            if (i % 7 == 0)
            {
                hash.Set("f0"u8, Encoding.ASCII.GetBytes($"rewritten{i}"));
                hash.Remove(Encoding.ASCII.GetBytes($"f{i / 2}"));
            }
        }

        Assert.True(hash.IsCompact);
        Assert.All(handedOut, h => Assert.Equal(h.Name, h.Value.ToString()));

        // Growth leaves at most a quarter spare.
        Assert.True(hash.PackedCapacity <= ToPackedSize(hash) * 5 / 4 + 1);
    }

    private static int ToPackedSize(HashValue hash) => hash.ToEntries().Sum(e => e.Name.Length + e.Value.Length + 2);
}
