using RedisLite.Tests.Infrastructure;
using static RedisLite.Tests.Hashes.HashTestData;

namespace RedisLite.Tests.Hashes;

public sealed class HashRandomFieldTests : IDisposable
{
    private readonly TestStore _t = new();

    private DataStore Store => _t.Store;

    public void Dispose() => _t.Dispose();

    [Theory]
    [InlineData(5)]
    [InlineData(2000)]
    public void Without_count_one_existing_field_or_nil(int size)
    {
        Store.HashSet("hr:a", Entries(size));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 200; i++)
        {
            var field = Store.HashRandomField("hr:a");
            Assert.True(Store.HashExists("hr:a", field));
            seen.Add(field.ToString()!);
        }

        Assert.True(seen.Count > 1);
        Assert.True(Store.HashRandomField("hr:missing").IsNull);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(100)]
    [InlineData(2000)]
    public void Positive_count_gives_distinct_fields_at_most_the_size(int size)
    {
        Store.HashSet("hr:p", Entries(size));
        foreach (var count in new long[] { 1, 2, size / 3, size / 2, size - 1, size, size + 1, long.MaxValue })
        {
            if (count <= 0)
            {
                continue;
            }

            var fields = Store.HashRandomFields("hr:p", count);
            Assert.Equal(Math.Min(count, size), fields.Length);
            Assert.Equal(fields.Length, fields.Distinct().Count());
            Assert.All(fields, f => Assert.True(Store.HashExists("hr:p", f)));

            var entries = Store.HashRandomFieldsWithValues("hr:p", Math.Min(count, long.MaxValue / 2));
            Assert.Equal(Math.Min(count, size), entries.Length);
            Assert.Equal(entries.Length, entries.Select(e => e.Name).Distinct().Count());
            Assert.All(entries, e => Assert.Equal(Store.HashGet("hr:p", e.Name), e.Value));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(2000)]
    public void Negative_count_gives_exactly_that_many_possibly_repeated(int size)
    {
        Store.HashSet("hr:n", Entries(size));
        var fields = Store.HashRandomFields("hr:n", -50);
        Assert.Equal(50, fields.Length);
        Assert.All(fields, f => Assert.True(Store.HashExists("hr:n", f)));
        if (size == 1)
        {
            Assert.All(fields, f => Assert.Equal("f0", f.ToString()));
        }

        var entries = Store.HashRandomFieldsWithValues("hr:n", -3 * size);
        Assert.Equal(3 * size, entries.Length);
        Assert.All(entries, e => Assert.Equal(Store.HashGet("hr:n", e.Name), e.Value));
        if (size == 5)
        {
            Assert.True(entries.Select(e => e.Name).Distinct().Count() < entries.Length);
        }
    }

    [Fact]
    public void Zero_and_missing_keys_give_empty_arrays_but_wrong_types_still_fail()
    {
        Store.HashSet("hr:z", Entries(3));
        Assert.Empty(Store.HashRandomFields("hr:z", 0));
        Assert.Empty(Store.HashRandomFieldsWithValues("hr:z", 0));
        Assert.Empty(Store.HashRandomFields("hr:missing", 5));
        Assert.Empty(Store.HashRandomFields("hr:missing", -5));
        Assert.Empty(Store.HashRandomFieldsWithValues("hr:missing", -5));
        Store.StringSet("hr:str", "x");
        RedisAssert.Throws(ErrorMessages.WrongType, () => Store.HashRandomFields("hr:str", 0));
    }

    [Fact]
    public void Counts_out_of_range_fail_before_the_key_is_looked_at()
    {
        Store.StringSet("hr:str", "x");
        foreach (var key in new RedisKey[] { "hr:str", "hr:missing" })
        {
            RedisAssert.Throws(ErrorMessages.RandomCountOutOfRange, () => Store.HashRandomFields(key, long.MinValue));
            RedisAssert.Throws(ErrorMessages.RandomCountOutOfRange, () => Store.HashRandomFieldsWithValues(key, long.MinValue));
            RedisAssert.Throws(ErrorMessages.ValueOutOfRange, () => Store.HashRandomFieldsWithValues(key, (long.MaxValue / 2) + 1));
            RedisAssert.Throws(ErrorMessages.ValueOutOfRange, () => Store.HashRandomFieldsWithValues(key, -(long.MaxValue / 2) - 1));
            RedisAssert.Throws(ErrorMessages.ValueOutOfRange, () => Store.HashRandomFieldsWithValues(key, long.MaxValue));
        }

        Store.HashSet("hr:ok", Entries(2));
        Assert.Equal(2, Store.HashRandomFieldsWithValues("hr:ok", long.MaxValue / 2).Length);
        Assert.Equal(2, Store.HashRandomFields("hr:ok", long.MaxValue).Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => Store.HashRandomFields("hr:ok", -long.MaxValue));
    }

    [Fact]
    public void Distinct_picks_cover_every_field_over_many_calls()
    {
        Store.HashSet("hr:cover", Entries(1000));
        var seen = new HashSet<RedisValue>();
        for (var i = 0; i < 400 && seen.Count < 1000; i++)
        {
            seen.UnionWith(Store.HashRandomFields("hr:cover", 50));
        }

        Assert.Equal(1000, seen.Count);
    }
}
