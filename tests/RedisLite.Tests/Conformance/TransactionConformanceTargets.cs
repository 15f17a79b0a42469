namespace RedisLite.Tests.Conformance;

/// <summary>Transaction conformance of the in-process <see cref="DataStore"/> (on the system clock).</summary>
public sealed class InProcessTransactionConformanceTests : TransactionConformanceTests
{
    /// <inheritdoc/>
    protected override IDataStore CreateStore() => new DataStore(new RedisLiteOptions(), TimeProvider.System);
}

/// <summary>Transaction conformance of redis-server, through <see cref="Client.RemoteDataStore"/> over RESP2.</summary>
/// <param name="server">This class's server.</param>
[RequiresRedisServer]
public sealed class RedisResp2TransactionConformanceTests(RedisServerFixture server) : TransactionConformanceTests, IClassFixture<RedisServerFixture>
{
    /// <inheritdoc/>
    protected override IDataStore CreateStore() => server.CreateStore(protocol: 2);
}

/// <summary>Transaction conformance of redis-server, through <see cref="Client.RemoteDataStore"/> over RESP3.</summary>
/// <param name="server">This class's server.</param>
[RequiresRedisServer]
public sealed class RedisResp3TransactionConformanceTests(RedisServerFixture server) : TransactionConformanceTests, IClassFixture<RedisServerFixture>
{
    /// <inheritdoc/>
    protected override IDataStore CreateStore() => server.CreateStore(protocol: 3);
}

/// <summary>Transaction conformance of RedisLite's RESP server, through <see cref="Client.RemoteDataStore"/> over RESP2.</summary>
/// <param name="server">This class's server.</param>
public sealed class RedisLiteServerResp2TransactionConformanceTests(Server.RedisLiteServerFixture server) : TransactionConformanceTests, IClassFixture<Server.RedisLiteServerFixture>
{
    /// <inheritdoc/>
    protected override IDataStore CreateStore() => server.CreateStore(protocol: 2);
}

/// <summary>Transaction conformance of RedisLite's RESP server, through <see cref="Client.RemoteDataStore"/> over RESP3.</summary>
/// <param name="server">This class's server.</param>
public sealed class RedisLiteServerResp3TransactionConformanceTests(Server.RedisLiteServerFixture server) : TransactionConformanceTests, IClassFixture<Server.RedisLiteServerFixture>
{
    /// <inheritdoc/>
    protected override IDataStore CreateStore() => server.CreateStore(protocol: 3);
}
