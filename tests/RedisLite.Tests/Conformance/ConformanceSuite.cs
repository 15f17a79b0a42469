using System.Globalization;
using System.Text;

namespace RedisLite.Tests.Conformance;

/// <summary>
/// Base of the conformance suites: tests are written against <see cref="IDataStore"/> only, and every concrete
/// subclass supplies the store under test. Each test gets a store whose databases have all been flushed.
/// </summary>
/// <remarks>Expected replies and error texts are Redis 7's; the same assertions hold for every implementation.</remarks>
public abstract class ConformanceSuite : IDisposable
{
    /// <summary>A moment far in the future (2100-01-01T00:00:00.123Z) for absolute expiries that must not pass during a test.</summary>
    protected static readonly DateTimeOffset FarFuture = DateTimeOffset.FromUnixTimeMilliseconds(4_102_444_800_123);

    /// <summary>One hour: relative TTLs are this long so that they cannot run out while a test runs.</summary>
    protected static readonly TimeSpan OneHour = TimeSpan.FromHours(1);

    private IDataStore? _store;

    /// <summary>Gets the store under test (database 0), flushed on first use.</summary>
    protected IDataStore Db => _store ??= Open();

    /// <summary>Gets database 1 of the store under test.</summary>
    protected IDataStore Db1 => Db.GetDatabase(1);

    /// <summary>Creates (or connects) the store under test. It is flushed before the test uses it and disposed after, if disposable.</summary>
    /// <returns>The store, addressing database 0.</returns>
    protected abstract IDataStore CreateStore();

    private IDataStore Open()
    {
        var store = CreateStore();
        store.FlushAllDatabases();
        return store;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Disposes the store under test.</summary>
    /// <param name="disposing">Whether this is a call to <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing && _store is IDisposable disposable)
        {
            disposable.Dispose();
        }

        _store = null;
    }

    /// <summary>Asserts that <paramref name="action"/> fails with a <see cref="RedisException"/> whose message is exactly <paramref name="message"/>.</summary>
    /// <param name="message">Redis's error text.</param>
    /// <param name="action">The command.</param>
    protected static void AssertError(string message, Action action)
    {
        var ex = Assert.ThrowsAny<RedisException>(action);
        Assert.Equal(message, ex.Message);
    }

    /// <summary>Asserts that <paramref name="func"/> fails with a <see cref="RedisException"/> whose message is exactly <paramref name="message"/>.</summary>
    /// <typeparam name="T">The command's result type.</typeparam>
    /// <param name="message">Redis's error text.</param>
    /// <param name="func">The command.</param>
    protected static void AssertError<T>(string message, Func<T> func) => AssertError(message, () => { _ = func(); });

    /// <summary>Asserts that <paramref name="actual"/> holds exactly the UTF-8 text <paramref name="expected"/>.</summary>
    /// <param name="expected">The text.</param>
    /// <param name="actual">The value.</param>
    protected static void AssertValue(string expected, RedisValue actual) => AssertBytes(Encoding.UTF8.GetBytes(expected), actual);

    /// <summary>Asserts that <paramref name="actual"/> holds exactly <paramref name="expected"/>.</summary>
    /// <param name="expected">The bytes.</param>
    /// <param name="actual">The value.</param>
    protected static void AssertBytes(byte[] expected, RedisValue actual)
    {
        Assert.False(actual.IsNull, $"expected \"{Show(expected)}\" but got (nil)");
        Assert.Equal(Show(expected), Show(actual.ToArray()!));
    }

    /// <summary>Asserts that <paramref name="actual"/> is <see cref="RedisValue.Null"/>.</summary>
    /// <param name="actual">The value.</param>
    protected static void AssertNil(RedisValue actual) => Assert.True(actual.IsNull, $"expected (nil) but got \"{(actual.IsNull ? "" : Show(actual.ToArray()!))}\"");

    /// <summary>Asserts that a key has a TTL within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    /// <param name="db">The database.</param>
    /// <param name="key">The key.</param>
    /// <param name="min">The smallest acceptable TTL.</param>
    /// <param name="max">The largest acceptable TTL.</param>
    protected static void AssertTtl(IDataStore db, RedisKey key, TimeSpan min, TimeSpan max)
    {
        var ttl = db.KeyTimeToLive(key);
        Assert.True(ttl.HasValue, $"expected a TTL on {key}, got none");
        Assert.InRange(ttl.Value, min, max);
    }

    /// <summary>Asserts that a key exists and has no TTL (PTTL -1).</summary>
    /// <param name="db">The database.</param>
    /// <param name="key">The key.</param>
    protected static void AssertPersistent(IDataStore db, RedisKey key)
    {
        Assert.True(db.KeyExists(key), $"expected {key} to exist");
        Assert.Null(db.KeyTimeToLive(key));
        Assert.Null(db.KeyExpireTime(key));
    }

    /// <summary>A blocking command's wait that a passing test never reaches (a bound, not a timing).</summary>
    protected static readonly TimeSpan LongWait = TimeSpan.FromSeconds(10);

    /// <summary>Asserts that a key does not exist (PTTL -2, GET nil).</summary>
    /// <param name="db">The database.</param>
    /// <param name="key">The key.</param>
    protected static void AssertMissing(IDataStore db, RedisKey key)
    {
        Assert.False(db.KeyExists(key), $"expected {key} not to exist");
        Assert.Equal(RedisType.None, db.KeyType(key));
        Assert.Null(db.KeyTimeToLive(key));
    }

    /// <summary>The keys as a sorted list of readable byte strings, for comparing replies as sets.</summary>
    /// <param name="keys">The keys.</param>
    /// <returns>The sorted, distinct renderings.</returns>
    protected static string[] KeySet(IEnumerable<RedisKey> keys) =>
        keys.Select(k => Show(k.ToArray()!)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();

    /// <summary>The given key names as <see cref="KeySet"/> renders them.</summary>
    /// <param name="keys">The key names.</param>
    /// <returns>The sorted renderings.</returns>
    protected static string[] Set(params string[] keys) => KeySet(keys.Select(k => (RedisKey)k));

    /// <summary>Renders bytes readably: printable ASCII as is, anything else as <c>\xNN</c>.</summary>
    /// <param name="bytes">The bytes.</param>
    /// <returns>The rendering.</returns>
    protected static string Show(byte[] bytes)
    {
        var sb = new StringBuilder();
        foreach (var b in bytes)
        {
            if (b is >= 0x20 and < 0x7F and not (byte)'\\')
            {
                sb.Append((char)b);
            }
            else
            {
                sb.Append(CultureInfo.InvariantCulture, $"\\x{b:x2}");
            }
        }

        return sb.ToString();
    }
}
