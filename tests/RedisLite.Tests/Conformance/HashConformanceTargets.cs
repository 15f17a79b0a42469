using RedisLite.Tests.Server;

namespace RedisLite.Tests.Conformance;

// The hash suite against the three stores under test, as in ConformanceTargets.cs.

/// <summary>Hash conformance of the in-process <see cref="DataStore"/> (on the system clock).</summary>
public sealed class InProcessHashConformanceTests : HashConformanceTests
{
    /// <inheritdoc/>
    protected override IDataStore CreateStore() => new DataStore(new RedisLiteOptions(), TimeProvider.System);
}

/// <summary>Hash conformance of redis-server, through <see cref="Client.RemoteDataStore"/> over RESP2.</summary>
/// <param name="server">This class's server.</param>
[RequiresRedisServer]
public sealed class RedisResp2HashConformanceTests(RedisServerFixture server) : HashConformanceTests, IClassFixture<RedisServerFixture>
{
    /// <inheritdoc/>
    protected override IDataStore CreateStore() => server.CreateStore(protocol: 2);
}

/// <summary>Hash conformance of redis-server, through <see cref="Client.RemoteDataStore"/> over RESP3.</summary>
/// <param name="server">This class's server.</param>
[RequiresRedisServer]
public sealed class RedisResp3HashConformanceTests(RedisServerFixture server) : HashConformanceTests, IClassFixture<RedisServerFixture>
{
    /// <inheritdoc/>
    protected override IDataStore CreateStore() => server.CreateStore(protocol: 3);
}

/// <summary>Hash conformance of RedisLite's own server (the third target), through <see cref="Client.RemoteDataStore"/> over RESP2.</summary>
/// <param name="server">This class's server.</param>
public sealed class RedisLiteServerResp2HashConformanceTests(RedisLiteServerFixture server) : HashConformanceTests, IClassFixture<RedisLiteServerFixture>
{
    /// <inheritdoc/>
    protected override IDataStore CreateStore() => server.CreateStore(protocol: 2);
}

/// <summary>Hash conformance of RedisLite's own server (the third target), through <see cref="Client.RemoteDataStore"/> over RESP3.</summary>
/// <param name="server">This class's server.</param>
public sealed class RedisLiteServerResp3HashConformanceTests(RedisLiteServerFixture server) : HashConformanceTests, IClassFixture<RedisLiteServerFixture>
{
    /// <inheritdoc/>
    protected override IDataStore CreateStore() => server.CreateStore(protocol: 3);
}
