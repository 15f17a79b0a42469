namespace RedisLite.Tests.Conformance;

/// <summary>INFO conformance of the in-process <see cref="DataStore"/> (on the system clock).</summary>
public sealed class InProcessInfoConformanceTests : InfoConformanceTests
{
    /// <inheritdoc/>
    protected override IDataStore CreateStore() => new DataStore(new RedisLiteOptions(), TimeProvider.System);
}

/// <summary>INFO conformance of redis-server, through <see cref="Client.RemoteDataStore"/> over RESP2.</summary>
/// <param name="server">This class's server.</param>
[RequiresRedisServer]
public sealed class RedisResp2InfoConformanceTests(RedisServerFixture server) : InfoConformanceTests, IClassFixture<RedisServerFixture>
{
    /// <inheritdoc/>
    protected override IDataStore CreateStore() => server.CreateStore(protocol: 2);
}

/// <summary>INFO conformance of redis-server, through <see cref="Client.RemoteDataStore"/> over RESP3.</summary>
/// <param name="server">This class's server.</param>
[RequiresRedisServer]
public sealed class RedisResp3InfoConformanceTests(RedisServerFixture server) : InfoConformanceTests, IClassFixture<RedisServerFixture>
{
    /// <inheritdoc/>
    protected override IDataStore CreateStore() => server.CreateStore(protocol: 3);
}

/// <summary>INFO conformance of RedisLite's RESP server, through <see cref="Client.RemoteDataStore"/> over RESP2.</summary>
/// <param name="server">This class's server.</param>
public sealed class RedisLiteServerResp2InfoConformanceTests(Server.RedisLiteServerFixture server) : InfoConformanceTests, IClassFixture<Server.RedisLiteServerFixture>
{
    /// <inheritdoc/>
    protected override IDataStore CreateStore() => server.CreateStore(protocol: 2);
}

/// <summary>INFO conformance of RedisLite's RESP server, through <see cref="Client.RemoteDataStore"/> over RESP3.</summary>
/// <param name="server">This class's server.</param>
public sealed class RedisLiteServerResp3InfoConformanceTests(Server.RedisLiteServerFixture server) : InfoConformanceTests, IClassFixture<Server.RedisLiteServerFixture>
{
    /// <inheritdoc/>
    protected override IDataStore CreateStore() => server.CreateStore(protocol: 3);
}
