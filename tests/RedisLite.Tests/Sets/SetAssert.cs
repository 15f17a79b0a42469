namespace RedisLite.Tests.Sets;

/// <summary>Comparisons of set replies, which have no order.</summary>
internal static class SetAssert
{
    /// <summary>The members as sorted text.</summary>
    public static string[] Sorted(IEnumerable<RedisValue> members) => members.Select(m => m.ToString()!).Order(StringComparer.Ordinal).ToArray();

    /// <summary>Asserts that <paramref name="actual"/> holds exactly <paramref name="expected"/>, in any order, without repeats.</summary>
    public static void Members(IEnumerable<string> expected, IEnumerable<RedisValue> actual)
    {
        var list = actual.ToList();
        Assert.Equal(expected.Order(StringComparer.Ordinal).ToArray(), Sorted(list));
    }
}
