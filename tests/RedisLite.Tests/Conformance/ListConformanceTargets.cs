namespace RedisLite.Tests.Conformance;

/// <summary>List conformance of the in-process <see cref="DataStore"/> (on the system clock).</summary>
public sealed class InProcessListConformanceTests : ListConformanceTests
{
    /// <inheritdoc/>
    protected override IDataStore CreateStore() => new DataStore(new RedisLiteOptions(), TimeProvider.System);
}

/// <summary>List conformance of redis-server, through <see cref="Client.RemoteDataStore"/> over RESP2.</summary>
/// <param name="server">This class's server.</param>
[RequiresRedisServer]
public sealed class RedisResp2ListConformanceTests(RedisServerFixture server) : ListConformanceTests, IClassFixture<RedisServerFixture>
{
    /// <inheritdoc/>
    protected override IDataStore CreateStore() => server.CreateStore(protocol: 2);
}

/// <summary>List conformance of redis-server, through <see cref="Client.RemoteDataStore"/> over RESP3.</summary>
/// <param name="server">This class's server.</param>
[RequiresRedisServer]
public sealed class RedisResp3ListConformanceTests(RedisServerFixture server) : ListConformanceTests, IClassFixture<RedisServerFixture>
{
    /// <inheritdoc/>
    protected override IDataStore CreateStore() => server.CreateStore(protocol: 3);
}

/// <summary>List conformance of RedisLite's RESP server, through <see cref="Client.RemoteDataStore"/> over RESP2.</summary>
/// <param name="server">This class's server.</param>
public sealed class RedisLiteServerResp2ListConformanceTests(Server.RedisLiteServerFixture server) : ListConformanceTests, IClassFixture<Server.RedisLiteServerFixture>
{
    /// <inheritdoc/>
    protected override IDataStore CreateStore() => server.CreateStore(protocol: 2);
}

/// <summary>List conformance of RedisLite's RESP server, through <see cref="Client.RemoteDataStore"/> over RESP3.</summary>
/// <param name="server">This class's server.</param>
public sealed class RedisLiteServerResp3ListConformanceTests(Server.RedisLiteServerFixture server) : ListConformanceTests, IClassFixture<Server.RedisLiteServerFixture>
{
    /// <inheritdoc/>
    protected override IDataStore CreateStore() => server.CreateStore(protocol: 3);
}
