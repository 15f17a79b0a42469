using Microsoft.Extensions.DependencyInjection;

namespace RedisLite.DependencyInjection;

/// <summary>Returned by <c>AddRedisLite</c> so optional parts (persistence, the RESP server) can chain onto the registration.</summary>
public interface IRedisLiteBuilder
{
    /// <summary>Gets the service collection RedisLite was added to.</summary>
    IServiceCollection Services { get; }
}

internal sealed class RedisLiteBuilder(IServiceCollection services) : IRedisLiteBuilder
{
    public IServiceCollection Services { get; } = services;
}
