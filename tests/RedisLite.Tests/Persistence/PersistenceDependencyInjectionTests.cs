using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RedisLite.Persistence;

namespace RedisLite.Tests.Persistence;

/// <summary>Persistence wired through the DI builder: configured in code or from configuration, loaded when the store
/// is resolved, flushed and closed when the container is disposed.</summary>
public sealed class PersistenceDependencyInjectionTests : IDisposable
{
    private readonly LogHarness.TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void AddPersistence_in_code_keeps_the_data_across_containers()
    {
        ServiceProvider Build()
        {
            var services = new ServiceCollection();
            services.AddRedisLite(o => o.ActiveExpiry = false).AddPersistence(o =>
            {
                o.Directory = _dir.Path;
                o.AppendOnly = true;
                o.AppendFsync = AppendFsyncPolicy.EverySecond;
            });
            return services.BuildServiceProvider();
        }

        using (var provider = Build())
        {
            provider.GetRequiredService<IDataStore>().StringSet("di:p:1", "kept");
        }

        using (var provider = Build())
        {
            var store = provider.GetRequiredService<DataStore>();
            Assert.Equal("kept", store.StringGet("di:p:1"));
            Assert.Equal(PersistenceSource.AppendLog, store.PersistenceLoad.Source);
        }
    }

    [Fact]
    public void AddPersistence_binds_from_configuration()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["RedisLite:Persistence:Directory"] = _dir.Path,
                ["RedisLite:Persistence:AppendOnly"] = "true",
                ["RedisLite:Persistence:AppendFsync"] = "Always",
                ["RedisLite:Persistence:SnapshotFileName"] = "data.rls",
            })
            .Build();
        var services = new ServiceCollection();
        services.AddRedisLite().AddPersistence(configuration.GetSection("RedisLite:Persistence"));
        using (var provider = services.BuildServiceProvider())
        {
            var options = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<RedisLiteOptions>>().Value.Persistence!;
            Assert.Equal(AppendFsyncPolicy.Always, options.AppendFsync);
            Assert.True(options.AppendOnly);
            var store = provider.GetRequiredService<DataStore>();
            store.StringSet("di:c:1", "1");
            store.Save();
        }

        Assert.True(File.Exists(Path.Combine(_dir.Path, "data.rls")));
        Assert.True(File.Exists(Path.Combine(_dir.Path, "appendonlydir", LogManifest.FileName)));
    }

    [Fact]
    public void A_missing_directory_fails_validation_with_the_setting_named()
    {
        var services = new ServiceCollection();
        services.AddRedisLite().AddPersistence(o => o.AppendOnly = true);
        using var provider = services.BuildServiceProvider();
        var error = Assert.ThrowsAny<Exception>(() => provider.GetRequiredService<DataStore>());
        Assert.Contains("Persistence:Directory", error.Message, StringComparison.Ordinal);
    }
}
