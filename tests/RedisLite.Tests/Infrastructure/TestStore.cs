namespace RedisLite.Tests.Infrastructure;

/// <summary>A <see cref="DataStore"/> on a <see cref="FakeTimeProvider"/>, disposed with the test.</summary>
public sealed class TestStore : IDisposable
{
    /// <summary>Creates a store on a fresh fake clock. Active expiry is off unless <paramref name="configure"/> turns it on,
    /// so a test sees exactly what it did.</summary>
    /// <param name="configure">Changes to the default options.</param>
    /// <param name="clock">The fake clock to use, or null for a fresh one (a test restarting a store keeps its clock).</param>
    public TestStore(Action<RedisLiteOptions>? configure = null, FakeTimeProvider? clock = null)
    {
        Clock = clock ?? new FakeTimeProvider();
        Options = new RedisLiteOptions { ActiveExpiry = false };
        configure?.Invoke(Options);
        Store = new DataStore(Options, Clock);
    }

    /// <summary>Gets the fake clock.</summary>
    public FakeTimeProvider Clock { get; }

    /// <summary>Gets the options the store was built with.</summary>
    public RedisLiteOptions Options { get; }

    /// <summary>Gets the store (database 0).</summary>
    public DataStore Store { get; }

    /// <summary>Gets the current fake time in Unix milliseconds.</summary>
    public long NowMs => Clock.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Gets a view of <paramref name="database"/>.</summary>
    /// <param name="database">The database index.</param>
    /// <returns>The view.</returns>
    public IDataStore Db(int database) => Store.GetDatabase(database);

    /// <summary>Moves the fake clock forward.</summary>
    /// <param name="milliseconds">How far.</param>
    public void Advance(long milliseconds) => Clock.AdvanceMilliseconds(milliseconds);

    /// <inheritdoc/>
    public void Dispose() => Store.Dispose();
}

/// <summary>Assertions on Redis error replies.</summary>
public static class RedisAssert
{
    /// <summary>Asserts that <paramref name="action"/> fails with exactly Redis's error text <paramref name="message"/>.</summary>
    /// <param name="message">The expected error text.</param>
    /// <param name="action">The command.</param>
    /// <returns>The exception.</returns>
    public static RedisException Throws(string message, Action action)
    {
        var ex = Assert.ThrowsAny<RedisException>(action);
        Assert.Equal(message, ex.Message);
        return ex;
    }

    /// <summary>Asserts that <paramref name="func"/> fails with exactly Redis's error text <paramref name="message"/>.</summary>
    /// <typeparam name="T">The command's result type.</typeparam>
    /// <param name="message">The expected error text.</param>
    /// <param name="func">The command.</param>
    /// <returns>The exception.</returns>
    public static RedisException Throws<T>(string message, Func<T> func) => Throws(message, () => { _ = func(); });

    /// <summary>Asserts that a value holds exactly the given text (and is not null).</summary>
    /// <param name="expected">The text.</param>
    /// <param name="actual">The value.</param>
    public static void Value(string expected, RedisValue actual)
    {
        Assert.False(actual.IsNull, $"expected \"{expected}\" but got (nil)");
        Assert.Equal(expected, actual.ToString());
    }
}
