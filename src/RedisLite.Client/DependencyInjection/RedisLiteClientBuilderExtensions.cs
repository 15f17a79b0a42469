using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RedisLite;
using RedisLite.Client;
using RedisLite.DependencyInjection;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Points a RedisLite registration at a real Redis server instead of the in-process store.</summary>
public static class RedisLiteClientBuilderExtensions
{
    /// <summary>
    /// Makes <see cref="IDataStore"/> resolve to a <see cref="RemoteDataStore"/> talking to a Redis server, so the same
    /// application code runs on the in-process store in development and tests and on Redis in production:
    /// <c>services.AddRedisLite().UseRedisServer(o => { o.Host = "cache"; o.Port = 6379; })</c>.
    /// The store is a singleton, connected on first use and disposed with the container.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddRedisLite</c>.</param>
    /// <param name="configure">Sets the server address and connection settings.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IRedisLiteBuilder UseRedisServer(this IRedisLiteBuilder builder, Action<RemoteDataStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(configure);
        builder.Services.TryAddSingleton(static sp => new RemoteDataStore(sp.GetRequiredService<IOptions<RemoteDataStoreOptions>>().Value));
        builder.Services.Replace(ServiceDescriptor.Singleton<IDataStore>(static sp => sp.GetRequiredService<RemoteDataStore>()));
        return builder;
    }
}
