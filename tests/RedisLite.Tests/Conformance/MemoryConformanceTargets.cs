namespace RedisLite.Tests.Conformance;

/// <summary>Memory conformance of the in-process <see cref="DataStore"/> (on the system clock).</summary>
public sealed class InProcessMemoryConformanceTests : MemoryConformanceTests
{
    /// <inheritdoc/>
    protected override IDataStore CreateStore() => new DataStore(new RedisLiteOptions(), TimeProvider.System);
}

/// <summary>Memory conformance of redis-server, through <see cref="Client.RemoteDataStore"/> over RESP2.</summary>
/// <param name="server">This class's server.</param>
[RequiresRedisServer]
public sealed class RedisResp2MemoryConformanceTests(RedisServerFixture server) : MemoryConformanceTests, IClassFixture<RedisServerFixture>
{
    /// <inheritdoc/>
    protected override IDataStore CreateStore() => server.CreateStore(protocol: 2);
}

/// <summary>Memory conformance of redis-server, through <see cref="Client.RemoteDataStore"/> over RESP3.</summary>
/// <param name="server">This class's server.</param>
[RequiresRedisServer]
public sealed class RedisResp3MemoryConformanceTests(RedisServerFixture server) : MemoryConformanceTests, IClassFixture<RedisServerFixture>
{
    /// <inheritdoc/>
    protected override IDataStore CreateStore() => server.CreateStore(protocol: 3);
}

/// <summary>A private redis-server started with <c>--maxmemory 1 --maxmemory-policy noeviction</c>.</summary>
public sealed class OutOfMemoryRedisServerFixture : RedisServerFixture
{
    /// <summary>Starts the server (if it is installed).</summary>
    public OutOfMemoryRedisServerFixture()
        : base("--maxmemory", "1", "--maxmemory-policy", "noeviction")
    {
    }
}

/// <summary>Out-of-memory conformance of the in-process <see cref="DataStore"/> with a one-byte limit.</summary>
public sealed class InProcessOutOfMemoryConformanceTests : OutOfMemoryConformanceTests
{
    /// <inheritdoc/>
    protected override IDataStore CreateStore() =>
        new DataStore(new RedisLiteOptions { MaxMemory = 1, MaxMemoryPolicy = MaxMemoryPolicy.NoEviction }, TimeProvider.System);
}

/// <summary>Out-of-memory conformance of redis-server over RESP2.</summary>
/// <param name="server">This class's server.</param>
[RequiresRedisServer]
public sealed class RedisResp2OutOfMemoryConformanceTests(OutOfMemoryRedisServerFixture server) : OutOfMemoryConformanceTests, IClassFixture<OutOfMemoryRedisServerFixture>
{
    /// <inheritdoc/>
    protected override IDataStore CreateStore() => server.CreateStore(protocol: 2);
}

/// <summary>Out-of-memory conformance of redis-server over RESP3.</summary>
/// <param name="server">This class's server.</param>
[RequiresRedisServer]
public sealed class RedisResp3OutOfMemoryConformanceTests(OutOfMemoryRedisServerFixture server) : OutOfMemoryConformanceTests, IClassFixture<OutOfMemoryRedisServerFixture>
{
    /// <inheritdoc/>
    protected override IDataStore CreateStore() => server.CreateStore(protocol: 3);
}

/// <summary>A private redis-server started with <c>--maxmemory-policy allkeys-lfu</c> (and no limit).</summary>
public sealed class LfuRedisServerFixture : RedisServerFixture
{
    /// <summary>Starts the server (if it is installed).</summary>
    public LfuRedisServerFixture()
        : base("--maxmemory-policy", "allkeys-lfu")
    {
    }
}

/// <summary>LFU conformance of the in-process <see cref="DataStore"/> under <c>allkeys-lfu</c>.</summary>
public sealed class InProcessLfuConformanceTests : LfuConformanceTests
{
    /// <inheritdoc/>
    protected override IDataStore CreateStore() =>
        new DataStore(new RedisLiteOptions { MaxMemoryPolicy = MaxMemoryPolicy.AllKeysLfu }, TimeProvider.System);
}

/// <summary>LFU conformance of redis-server over RESP2.</summary>
/// <param name="server">This class's server.</param>
[RequiresRedisServer]
public sealed class RedisResp2LfuConformanceTests(LfuRedisServerFixture server) : LfuConformanceTests, IClassFixture<LfuRedisServerFixture>
{
    /// <inheritdoc/>
    protected override IDataStore CreateStore() => server.CreateStore(protocol: 2);
}

/// <summary>LFU conformance of redis-server over RESP3.</summary>
/// <param name="server">This class's server.</param>
[RequiresRedisServer]
public sealed class RedisResp3LfuConformanceTests(LfuRedisServerFixture server) : LfuConformanceTests, IClassFixture<LfuRedisServerFixture>
{
    /// <inheritdoc/>
    protected override IDataStore CreateStore() => server.CreateStore(protocol: 3);
}

/// <summary>Memory conformance of RedisLite's RESP server, through <see cref="Client.RemoteDataStore"/> over RESP2.</summary>
/// <param name="server">This class's server.</param>
public sealed class RedisLiteServerResp2MemoryConformanceTests(Server.RedisLiteServerFixture server) : MemoryConformanceTests, IClassFixture<Server.RedisLiteServerFixture>
{
    /// <inheritdoc/>
    protected override IDataStore CreateStore() => server.CreateStore(protocol: 2);
}

/// <summary>Memory conformance of RedisLite's RESP server, through <see cref="Client.RemoteDataStore"/> over RESP3.</summary>
/// <param name="server">This class's server.</param>
public sealed class RedisLiteServerResp3MemoryConformanceTests(Server.RedisLiteServerFixture server) : MemoryConformanceTests, IClassFixture<Server.RedisLiteServerFixture>
{
    /// <inheritdoc/>
    protected override IDataStore CreateStore() => server.CreateStore(protocol: 3);
}

/// <summary>RedisLite's server over a store with a one-byte limit and no eviction.</summary>
public sealed class OutOfMemoryRedisLiteServerFixture : Server.RedisLiteServerFixture
{
    /// <summary>Starts the store and the server.</summary>
    public OutOfMemoryRedisLiteServerFixture()
        : base(new RedisLiteOptions { MaxMemory = 1, MaxMemoryPolicy = MaxMemoryPolicy.NoEviction }, new RedisLite.Server.RedisLiteServerOptions())
    {
    }
}

/// <summary>Out-of-memory conformance of RedisLite's RESP server over RESP2.</summary>
/// <param name="server">This class's server.</param>
public sealed class RedisLiteServerResp2OutOfMemoryConformanceTests(OutOfMemoryRedisLiteServerFixture server) : OutOfMemoryConformanceTests, IClassFixture<OutOfMemoryRedisLiteServerFixture>
{
    /// <inheritdoc/>
    protected override IDataStore CreateStore() => server.CreateStore(protocol: 2);
}

/// <summary>Out-of-memory conformance of RedisLite's RESP server over RESP3.</summary>
/// <param name="server">This class's server.</param>
public sealed class RedisLiteServerResp3OutOfMemoryConformanceTests(OutOfMemoryRedisLiteServerFixture server) : OutOfMemoryConformanceTests, IClassFixture<OutOfMemoryRedisLiteServerFixture>
{
    /// <inheritdoc/>
    protected override IDataStore CreateStore() => server.CreateStore(protocol: 3);
}

/// <summary>RedisLite's server over a store evicting by LFU.</summary>
public sealed class LfuRedisLiteServerFixture : Server.RedisLiteServerFixture
{
    /// <summary>Starts the store and the server.</summary>
    public LfuRedisLiteServerFixture()
        : base(new RedisLiteOptions { MaxMemoryPolicy = MaxMemoryPolicy.AllKeysLfu }, new RedisLite.Server.RedisLiteServerOptions())
    {
    }
}

/// <summary>LFU conformance of RedisLite's RESP server over RESP2.</summary>
/// <param name="server">This class's server.</param>
public sealed class RedisLiteServerResp2LfuConformanceTests(LfuRedisLiteServerFixture server) : LfuConformanceTests, IClassFixture<LfuRedisLiteServerFixture>
{
    /// <inheritdoc/>
    protected override IDataStore CreateStore() => server.CreateStore(protocol: 2);
}

/// <summary>LFU conformance of RedisLite's RESP server over RESP3.</summary>
/// <param name="server">This class's server.</param>
public sealed class RedisLiteServerResp3LfuConformanceTests(LfuRedisLiteServerFixture server) : LfuConformanceTests, IClassFixture<LfuRedisLiteServerFixture>
{
    /// <inheritdoc/>
    protected override IDataStore CreateStore() => server.CreateStore(protocol: 3);
}
