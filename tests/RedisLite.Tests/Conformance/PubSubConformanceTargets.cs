namespace RedisLite.Tests.Conformance;

/// <summary>Pub/sub conformance of the in-process <see cref="DataStore"/> (on the system clock), with the same
/// notification classes as the servers.</summary>
public sealed class InProcessPubSubConformanceTests : PubSubConformanceTests
{
    /// <inheritdoc/>
    protected override IDataStore CreateStore() =>
        new DataStore(new RedisLiteOptions { NotifyKeyspaceEvents = NotifyClasses }, TimeProvider.System);
}

/// <summary>A private redis-server that publishes keyspace notifications (<c>notify-keyspace-events KEAn</c>).</summary>
public sealed class NotifyingRedisServerFixture : RedisServerFixture
{
    /// <summary>Starts the server.</summary>
    public NotifyingRedisServerFixture()
        : base("--notify-keyspace-events", PubSubConformanceTests.NotifyClasses)
    {
    }
}

/// <summary>Pub/sub conformance of redis-server, through <see cref="Client.RemoteDataStore"/> over RESP2 (subscribers
/// in subscribe mode).</summary>
/// <param name="server">This class's server.</param>
[RequiresRedisServer]
public sealed class RedisResp2PubSubConformanceTests(NotifyingRedisServerFixture server) : PubSubConformanceTests, IClassFixture<NotifyingRedisServerFixture>
{
    /// <inheritdoc/>
    protected override IDataStore CreateStore() => server.CreateStore(protocol: 2);
}

/// <summary>Pub/sub conformance of redis-server, through <see cref="Client.RemoteDataStore"/> over RESP3 (messages as
/// push frames).</summary>
/// <param name="server">This class's server.</param>
[RequiresRedisServer]
public sealed class RedisResp3PubSubConformanceTests(NotifyingRedisServerFixture server) : PubSubConformanceTests, IClassFixture<NotifyingRedisServerFixture>
{
    /// <inheritdoc/>
    protected override IDataStore CreateStore() => server.CreateStore(protocol: 3);
}

/// <summary>RedisLite's server over a store that publishes keyspace notifications (the suite's classes).</summary>
public sealed class NotifyingRedisLiteServerFixture : Server.RedisLiteServerFixture
{
    /// <summary>Starts the store and the server.</summary>
    public NotifyingRedisLiteServerFixture()
        : base(new RedisLiteOptions { NotifyKeyspaceEvents = PubSubConformanceTests.NotifyClasses }, new RedisLite.Server.RedisLiteServerOptions())
    {
    }
}

/// <summary>Pub/sub conformance of RedisLite's RESP server, through <see cref="Client.RemoteDataStore"/> over RESP2.</summary>
/// <param name="server">This class's server.</param>
public sealed class RedisLiteServerResp2PubSubConformanceTests(NotifyingRedisLiteServerFixture server) : PubSubConformanceTests, IClassFixture<NotifyingRedisLiteServerFixture>
{
    /// <inheritdoc/>
    protected override IDataStore CreateStore() => server.CreateStore(protocol: 2);
}

/// <summary>Pub/sub conformance of RedisLite's RESP server, through <see cref="Client.RemoteDataStore"/> over RESP3.</summary>
/// <param name="server">This class's server.</param>
public sealed class RedisLiteServerResp3PubSubConformanceTests(NotifyingRedisLiteServerFixture server) : PubSubConformanceTests, IClassFixture<NotifyingRedisLiteServerFixture>
{
    /// <inheritdoc/>
    protected override IDataStore CreateStore() => server.CreateStore(protocol: 3);
}
