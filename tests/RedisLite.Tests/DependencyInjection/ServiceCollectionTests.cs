using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RedisLite.Tests.Infrastructure;

namespace RedisLite.Tests.DependencyInjection;

public sealed class ServiceCollectionTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build();

    [Fact]
    public void AddRedisLite_registers_one_singleton_for_both_services()
    {
        var services = new ServiceCollection();
        var builder = services.AddRedisLite();
        Assert.Same(services, builder.Services);

        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        var store = provider.GetRequiredService<IDataStore>();
        var concrete = provider.GetRequiredService<DataStore>();
        Assert.Same(concrete, store);
        Assert.Same(store, provider.GetRequiredService<IDataStore>());
        using (var scope = provider.CreateScope())
        {
            Assert.Same(store, scope.ServiceProvider.GetRequiredService<IDataStore>());
        }

        Assert.Equal(16, store.DatabaseCount);
        Assert.Equal(0, store.Database);
        store.StringSet("di:k", "v");
        RedisAssert.Value("v", concrete.StringGet("di:k"));
    }

    [Fact]
    public void AddRedisLite_with_delegate_configures_options()
    {
        var clock = new FakeTimeProvider();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddRedisLite(o =>
        {
            o.Databases = 5;
            o.ActiveExpiryInterval = TimeSpan.FromMilliseconds(40);
        });

        using var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<IDataStore>();
        Assert.Equal(5, store.DatabaseCount);
        RedisAssert.Throws("ERR DB index is out of range", () => store.GetDatabase(5));
        Assert.Equal(5, provider.GetRequiredService<IOptions<RedisLiteOptions>>().Value.Databases);
        Assert.Equal(1, clock.TimerCount);
        Assert.Equal(TimeSpan.FromMilliseconds(40), clock.TimerPeriods[0]);
    }

    [Fact]
    public void AddRedisLite_binds_a_configuration_section()
    {
        var configuration = Config(
            ("RedisLite:Databases", "4"),
            ("RedisLite:ActiveExpiry", "false"),
            ("Other:Databases", "9"));
        var clock = new FakeTimeProvider();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddRedisLite(configuration.GetSection(RedisLiteOptions.SectionName));

        using var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<IDataStore>();
        Assert.Equal(4, store.DatabaseCount);
        store.GetDatabase(3).StringSet("di:db3", "x");
        RedisAssert.Throws("ERR DB index is out of range", () => store.GetDatabase(4));
        Assert.False(provider.GetRequiredService<IOptions<RedisLiteOptions>>().Value.ActiveExpiry);

        // Without active expiry, a key nobody touches stays counted however much time passes.
        store.StringSet("di:untouched", "v", TimeSpan.FromMilliseconds(10));
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, store.DatabaseSize());
    }

    [Fact]
    public void Configuration_binds_the_active_expiry_interval()
    {
        var configuration = Config(("RedisLite:ActiveExpiryInterval", "00:00:00.250"));
        var clock = new FakeTimeProvider();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddRedisLite(configuration.GetSection("RedisLite"));

        using var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<IDataStore>();
        Assert.Equal(16, store.DatabaseCount);
        Assert.Equal(TimeSpan.FromMilliseconds(250), Assert.Single(clock.TimerPeriods));
    }

    [Fact]
    public void Configuration_binds_the_pub_sub_settings()
    {
        var configuration = Config(
            ("RedisLite:NotifyKeyspaceEvents", "E$"),
            ("RedisLite:PubSubBufferCapacity", "2"),
            ("RedisLite:PubSubOverflow", "DropOldest"));
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider());
        services.AddRedisLite(configuration.GetSection("RedisLite"));

        using var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<DataStore>();
        using var s = store.PatternSubscribe("__keyevent@0__:*");
        for (var i = 0; i < 3; i++)
        {
            store.StringSet("k" + i, "v");
        }

        Assert.Equal(1, s.DroppedMessages);
        Assert.False(s.IsClosed);
        Assert.True(s.Reader.TryRead(out var message));
        Assert.Equal("k1", (string?)message.Message);
    }

    [Fact]
    public void An_invalid_notify_keyspace_events_setting_fails_validation()
    {
        var services = new ServiceCollection();
        services.AddRedisLite(Config(("RedisLite:NotifyKeyspaceEvents", "KEx!")).GetSection("RedisLite"));
        using var provider = services.BuildServiceProvider();
        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IDataStore>());
        Assert.Contains("NotifyKeyspaceEvents", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0", null, "Databases")]
    [InlineData("1025", null, "Databases")]
    [InlineData(null, "00:00:00", "ActiveExpiryInterval")]
    [InlineData(null, "00:02:00", "ActiveExpiryInterval")]
    public void Invalid_configuration_fails_with_a_clear_validation_error(string? databases, string? interval, string property)
    {
        var values = new List<(string, string)>();
        if (databases is not null)
        {
            values.Add(("RedisLite:Databases", databases));
        }

        if (interval is not null)
        {
            values.Add(("RedisLite:ActiveExpiryInterval", interval));
        }

        var services = new ServiceCollection();
        services.AddRedisLite(Config([.. values]).GetSection("RedisLite"));
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IDataStore>());
        Assert.Contains(property, ex.Message, StringComparison.Ordinal);
        Assert.Equal(typeof(RedisLiteOptions), ex.OptionsType);
        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<DataStore>());
    }

    [Fact]
    public void Invalid_delegate_options_fail_with_a_clear_validation_error()
    {
        var services = new ServiceCollection();
        services.AddRedisLite(o => o.Databases = -3);
        using var provider = services.BuildServiceProvider();
        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IDataStore>());
        Assert.Contains("Databases", ex.Message, StringComparison.Ordinal);
        Assert.Contains("-3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_options_fail_at_host_start_before_anything_resolves_the_store()
    {
        // A host runs IStartupValidator when it starts; ValidateOnStart registers the options with it.
        var services = new ServiceCollection();
        services.AddRedisLite(o => o.Databases = 0);
        using var provider = services.BuildServiceProvider();
        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("Databases", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Store_is_disposed_with_the_provider()
    {
        var clock = new FakeTimeProvider();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddRedisLite();
        var provider = services.BuildServiceProvider();
        _ = provider.GetRequiredService<IDataStore>();
        Assert.Equal(1, clock.TimerCount);

        provider.Dispose();
        Assert.Equal(0, clock.TimerCount);
    }

    [Fact]
    public async Task Store_is_disposed_with_an_async_disposed_provider()
    {
        var clock = new FakeTimeProvider();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddRedisLite();
        var provider = services.BuildServiceProvider();
        _ = provider.GetRequiredService<DataStore>();
        Assert.Equal(1, clock.TimerCount);

        await provider.DisposeAsync();
        Assert.Equal(0, clock.TimerCount);
    }

    [Fact]
    public void TimeProvider_is_taken_from_the_container()
    {
        var clock = new FakeTimeProvider();
        var services = new ServiceCollection();
        services.AddRedisLite();
        services.AddSingleton<TimeProvider>(clock); // registration order does not matter
        using var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<IDataStore>();

        store.StringSet("di:ttl", "v", TimeSpan.FromSeconds(10));
        Assert.Equal(clock.GetUtcNow().AddSeconds(10), store.KeyExpireTime("di:ttl"));
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.True(store.KeyExists("di:ttl"));
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.False(store.KeyExists("di:ttl"));
    }

    [Fact]
    public void Without_a_registered_TimeProvider_the_system_clock_is_used()
    {
        var services = new ServiceCollection();
        services.AddRedisLite();
        using var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<IDataStore>();

        var before = DateTimeOffset.UtcNow;
        store.StringSet("di:system", "v", TimeSpan.FromHours(1));
        var after = DateTimeOffset.UtcNow;
        var expireAt = store.KeyExpireTime("di:system")!.Value;
        Assert.InRange(expireAt, before.AddHours(1).AddMilliseconds(-1), after.AddHours(1).AddMilliseconds(1));
    }

    [Fact]
    public void Builder_allows_chaining_more_registrations()
    {
        var services = new ServiceCollection();
        var builder = services.AddRedisLite(o => o.Databases = 2);
        builder.Services.AddSingleton<string>("marker");
        using var provider = services.BuildServiceProvider();
        Assert.Equal("marker", provider.GetRequiredService<string>());
        Assert.Equal(2, provider.GetRequiredService<IDataStore>().DatabaseCount);
    }
}
