namespace RedisLite.Tests.Hashes;

/// <summary>Helpers shared by the hash unit tests.</summary>
internal static class HashTestData
{
    /// <summary>Entries f0..f(n-1) with values v0..v(n-1).</summary>
    public static HashEntry[] Entries(int n, string prefix = "f") =>
        Enumerable.Range(0, n).Select(i => new HashEntry($"{prefix}{i}", $"v{i}")).ToArray();

    /// <summary>Renders entries as "name=value" strings, in order.</summary>
    public static string[] Render(IEnumerable<HashEntry> entries) => entries.Select(e => $"{e.Name}={e.Value}").ToArray();

    /// <summary>Tells whether a hash is in the compact encoding (Redis's <c>OBJECT ENCODING</c> <c>listpack</c>).</summary>
    public static bool IsCompact(DataStore store, RedisKey key) => store.HashIsCompact(key) ?? throw new InvalidOperationException("no such key");
}
