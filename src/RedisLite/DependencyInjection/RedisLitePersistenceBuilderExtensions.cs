using Microsoft.Extensions.Configuration;
using RedisLite;
using RedisLite.DependencyInjection;
using RedisLite.Persistence;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Turns on persistence (snapshots and the append log) for the store registered by <c>AddRedisLite</c>.</summary>
public static class RedisLitePersistenceBuilderExtensions
{
    /// <summary>Turns on persistence and configures it in code. The store loads the saved data when it is first
    /// resolved, and the container's disposal of the store flushes the log and closes its files.</summary>
    /// <param name="builder">The RedisLite builder.</param>
    /// <param name="configure">Sets <see cref="PersistenceOptions"/> (at least the directory).</param>
    /// <returns>The builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configure"/> is null.</exception>
    public static IRedisLiteBuilder AddPersistence(this IRedisLiteBuilder builder, Action<PersistenceOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure<RedisLiteOptions>(options => configure(options.Persistence ??= new PersistenceOptions()));
        return builder;
    }

    /// <summary>Turns on persistence with settings bound from a configuration section (for example
    /// <c>RedisLite:Persistence</c>: <c>Directory</c>, <c>AppendOnly</c>, <c>AppendFsync</c>, ...).</summary>
    /// <param name="builder">The RedisLite builder.</param>
    /// <param name="configuration">The section holding the <see cref="PersistenceOptions"/> settings.</param>
    /// <returns>The builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configuration"/> is null.</exception>
    public static IRedisLiteBuilder AddPersistence(this IRedisLiteBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return builder.AddPersistence(options => configuration.Bind(options));
    }
}
