using RedisLite.Tests.Server;

namespace RedisLite.Tests.Conformance;

/// <summary>Sorted-set conformance of the in-process <see cref="DataStore"/> (on the system clock).</summary>
public sealed class InProcessSortedSetConformanceTests : SortedSetConformanceTests
{
    /// <inheritdoc/>
    protected override IDataStore CreateStore() => new DataStore(new RedisLiteOptions(), TimeProvider.System);
}

/// <summary>Sorted-set conformance of redis-server, through <see cref="Client.RemoteDataStore"/> over RESP2.</summary>
/// <param name="server">This class's server.</param>
[RequiresRedisServer]
public sealed class RedisResp2SortedSetConformanceTests(RedisServerFixture server) : SortedSetConformanceTests, IClassFixture<RedisServerFixture>
{
    /// <inheritdoc/>
    protected override IDataStore CreateStore() => server.CreateStore(protocol: 2);
}

/// <summary>Sorted-set conformance of redis-server, through <see cref="Client.RemoteDataStore"/> over RESP3.</summary>
/// <param name="server">This class's server.</param>
[RequiresRedisServer]
public sealed class RedisResp3SortedSetConformanceTests(RedisServerFixture server) : SortedSetConformanceTests, IClassFixture<RedisServerFixture>
{
    /// <inheritdoc/>
    protected override IDataStore CreateStore() => server.CreateStore(protocol: 3);
}

/// <summary>Sorted-set conformance of RedisLite's own server, through <see cref="Client.RemoteDataStore"/> over RESP2.</summary>
/// <param name="server">This class's server.</param>
public sealed class RedisLiteServerResp2SortedSetConformanceTests(RedisLiteServerFixture server) : SortedSetConformanceTests, IClassFixture<RedisLiteServerFixture>
{
    /// <inheritdoc/>
    protected override IDataStore CreateStore() => server.CreateStore(protocol: 2);
}

/// <summary>Sorted-set conformance of RedisLite's own server, through <see cref="Client.RemoteDataStore"/> over RESP3.</summary>
/// <param name="server">This class's server.</param>
public sealed class RedisLiteServerResp3SortedSetConformanceTests(RedisLiteServerFixture server) : SortedSetConformanceTests, IClassFixture<RedisLiteServerFixture>
{
    /// <inheritdoc/>
    protected override IDataStore CreateStore() => server.CreateStore(protocol: 3);
}
