using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RedisLite.Server;
using RedisLite.Tests.Server;

namespace RedisLite.Tests.DependencyInjection;

/// <summary><c>AddRedisLite(...).AddServer(...)</c>: a hosted service serving the container's store.</summary>
public sealed class ServerServiceCollectionTests
{
    [Fact]
    public async Task AddServer_runs_a_server_over_the_containers_store_for_the_hosts_life()
    {
        var services = new ServiceCollection();
        services.AddRedisLite().AddServer(o => o.Port = 0);
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        var hosted = Assert.Single(provider.GetServices<IHostedService>());
        var service = Assert.IsType<RedisLiteServerHostedService>(hosted);
        Assert.Same(service, provider.GetRequiredService<RedisLiteServerHostedService>());
        Assert.Null(service.Server);

        await hosted.StartAsync(CancellationToken.None);
        var server = Assert.IsType<RedisLiteServer>(service.Server);
        Assert.Same(provider.GetRequiredService<DataStore>().GetDatabase(0), server.Store);
        await Assert.ThrowsAsync<InvalidOperationException>(() => hosted.StartAsync(CancellationToken.None));

        provider.GetRequiredService<IDataStore>().StringSet("di:served", "v");
        using (var wire = new RawWire(server.Port))
        {
            Assert.Equal("+PONG\r\n", wire.Call("PING"));
            Assert.Equal(":1\r\n", wire.Call("DBSIZE"));

            await hosted.StopAsync(CancellationToken.None);
            Assert.Null(service.Server);
            Assert.True(wire.IsClosedByServer());
        }

        // The store stays the container's: still usable after the server stopped.
        Assert.Equal(1, provider.GetRequiredService<DataStore>().DatabaseSize());
    }

    [Fact]
    public async Task AddServer_binds_a_configuration_section()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["RedisLite:Server:Port"] = "0",
                ["RedisLite:Server:Password"] = "s3cret",
                ["RedisLite:Server:MaxClients"] = "7",
            })
            .Build();
        var services = new ServiceCollection();
        services.AddRedisLite().AddServer(configuration.GetSection(RedisLiteServerBuilderExtensions.SectionName));
        await using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<RedisLiteServerOptions>>().Value;
        Assert.Equal("s3cret", options.Password);
        Assert.Equal(7, options.MaxClients);

        var service = provider.GetRequiredService<RedisLiteServerHostedService>();
        await service.StartAsync(CancellationToken.None);
        try
        {
            using var wire = new RawWire(service.Server!.Port);
            Assert.Equal("-NOAUTH Authentication required.\r\n", wire.Call("PING"));
            Assert.Equal("+OK\r\n", wire.Call("AUTH", "s3cret"));
            Assert.Equal("+PONG\r\n", wire.Call("PING"));
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public void AddServer_validates_the_options()
    {
        var services = new ServiceCollection();
        services.AddRedisLite().AddServer(o =>
        {
            o.Port = 70_000;
            o.BindAddress = "not an address";
        });
        using var provider = services.BuildServiceProvider();

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<RedisLiteServerOptions>>().Value);
        Assert.Contains(failure.Failures, f => f.Contains("Port", StringComparison.Ordinal));
        Assert.Contains(failure.Failures, f => f.Contains("BindAddress", StringComparison.Ordinal));
    }

    [Fact]
    public void AddServer_twice_registers_one_hosted_service_and_keeps_both_configurations()
    {
        var services = new ServiceCollection();
        services.AddRedisLite().AddServer(o => o.Port = 0).AddServer(o => o.MaxClients = 3);
        using var provider = services.BuildServiceProvider();

        Assert.Single(provider.GetServices<IHostedService>());
        Assert.Equal(3, provider.GetRequiredService<IOptions<RedisLiteServerOptions>>().Value.MaxClients);
    }

    [Fact]
    public async Task A_server_that_cannot_start_leaves_the_service_stopped()
    {
        var services = new ServiceCollection();
        services.AddRedisLite().AddServer(o => o.BindAddress = "0.0.0.0");
        await using var provider = services.BuildServiceProvider();
        var service = provider.GetRequiredService<RedisLiteServerHostedService>();

        // Protected mode: no non-loopback address without a password.
        await Assert.ThrowsAsync<InvalidOperationException>(() => service.StartAsync(CancellationToken.None));
        Assert.Null(service.Server);
        await service.StopAsync(CancellationToken.None);
    }
}
