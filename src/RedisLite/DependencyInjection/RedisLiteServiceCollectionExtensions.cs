using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RedisLite;
using RedisLite.DependencyInjection;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers RedisLite with a service collection.</summary>
public static class RedisLiteServiceCollectionExtensions
{
    /// <summary>Registers <see cref="IDataStore"/> (and <see cref="DataStore"/>) as a singleton with default options.
    /// The store uses the <see cref="TimeProvider"/> registered in the container, or <see cref="TimeProvider.System"/>,
    /// and is disposed with the container.</summary>
    /// <param name="services">The service collection.</param>
    /// <returns>A builder for optional RedisLite parts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    public static IRedisLiteBuilder AddRedisLite(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        // Validated when a host starts (ValidateOnStart), and in any case when the store is first resolved.
        services.AddOptions<RedisLiteOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RedisLiteOptions>, RedisLiteOptionsValidator>());
        services.TryAddSingleton(static sp => new DataStore(
            sp.GetRequiredService<IOptions<RedisLiteOptions>>().Value,
            sp.GetService<TimeProvider>(),
            sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.TryAddSingleton<IDataStore>(static sp => sp.GetRequiredService<DataStore>());
        return new RedisLiteBuilder(services);
    }

    /// <summary>Registers RedisLite and configures its options in code.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets options; runs when the store is first resolved.</param>
    /// <returns>A builder for optional RedisLite parts.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IRedisLiteBuilder AddRedisLite(this IServiceCollection services, Action<RedisLiteOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = services.AddRedisLite();
        services.Configure(configure);
        return builder;
    }

    /// <summary>Registers RedisLite with options bound from a configuration section (for example <c>Configuration.GetSection("RedisLite")</c>).</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section whose keys (<c>Databases</c>, <c>ActiveExpiry</c>, <c>ActiveExpiryInterval</c>) map to <see cref="RedisLiteOptions"/>.</param>
    /// <returns>A builder for optional RedisLite parts.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IRedisLiteBuilder AddRedisLite(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var builder = services.AddRedisLite();
        services.Configure<RedisLiteOptions>(configuration);
        return builder;
    }
}

/// <summary>Validates <see cref="RedisLiteOptions"/> when they are first read, with messages that name the setting.</summary>
internal sealed class RedisLiteOptionsValidator : IValidateOptions<RedisLiteOptions>
{
    public ValidateOptionsResult Validate(string? name, RedisLiteOptions options)
    {
        var errors = options.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
