using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RedisLite;
using RedisLite.DependencyInjection;
using RedisLite.Server;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Serves the store registered by <c>AddRedisLite</c> over the Redis protocol, as a hosted service.</summary>
public static class RedisLiteServerBuilderExtensions
{
    /// <summary>The configuration section conventionally holding the server's settings, under RedisLite's.</summary>
    public const string SectionName = "RedisLite:Server";

    /// <summary>Adds a <see cref="RedisLiteServer"/> over the container's <see cref="DataStore"/>, started and stopped
    /// with the host (<see cref="RedisLiteServerHostedService"/>). The options are validated when the host starts.</summary>
    /// <param name="builder">The RedisLite builder.</param>
    /// <param name="configure">Sets <see cref="RedisLiteServerOptions"/> (port, bind address, password, ...); null
    /// keeps the defaults (127.0.0.1, a free port).</param>
    /// <returns>The builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    public static IRedisLiteBuilder AddServer(this IRedisLiteBuilder builder, Action<RedisLiteServerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<RedisLiteServerOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RedisLiteServerOptions>, RedisLiteServerOptionsValidator>());
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddSingleton(static sp => new RedisLiteServerHostedService(
            sp.GetRequiredService<DataStore>(), sp.GetRequiredService<IOptions<RedisLiteServerOptions>>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, RedisLiteServerHostedService>(
            static sp => sp.GetRequiredService<RedisLiteServerHostedService>()));
        return builder;
    }

    /// <summary>Adds the server with settings bound from a configuration section (for example
    /// <c>RedisLite:Server</c>: <c>Port</c>, <c>BindAddress</c>, <c>Password</c>, <c>ProtectedMode</c>, ...).</summary>
    /// <param name="builder">The RedisLite builder.</param>
    /// <param name="configuration">The section holding the <see cref="RedisLiteServerOptions"/> settings.</param>
    /// <returns>The builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configuration"/> is null.</exception>
    public static IRedisLiteBuilder AddServer(this IRedisLiteBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return builder.AddServer(options => configuration.Bind(options));
    }
}

/// <summary>Checks <see cref="RedisLiteServerOptions"/> with <see cref="RedisLiteServerOptions.Validate"/>.</summary>
internal sealed class RedisLiteServerOptionsValidator : IValidateOptions<RedisLiteServerOptions>
{
    public ValidateOptionsResult Validate(string? name, RedisLiteServerOptions options) =>
        options.Validate() is { Count: > 0 } errors ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
}
