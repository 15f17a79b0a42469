using RedisLite.Tests.Infrastructure;

namespace RedisLite.Tests.Errors;

/// <summary>Multi-key commands given no key fail as Redis does (checked against redis-server 7.0.15).</summary>
public sealed class EmptyArgumentTests : IDisposable
{
    private readonly TestStore _t = new();

    private DataStore Store => _t.Store;

    public void Dispose() => _t.Dispose();

    [Fact]
    public void Empty_key_arrays_are_wrong_argument_counts()
    {
        RedisAssert.Throws("ERR wrong number of arguments for 'mget' command", () => Store.StringGet(Array.Empty<RedisKey>()));
        RedisAssert.Throws("ERR wrong number of arguments for 'mset' command", () => Store.StringSet(Array.Empty<KeyValuePair<RedisKey, RedisValue>>()));
        RedisAssert.Throws("ERR wrong number of arguments for 'msetnx' command", () => Store.StringSet(Array.Empty<KeyValuePair<RedisKey, RedisValue>>(), When.NotExists));
        RedisAssert.Throws("ERR wrong number of arguments for 'del' command", () => Store.KeyDelete(Array.Empty<RedisKey>()));
        RedisAssert.Throws("ERR wrong number of arguments for 'unlink' command", () => Store.KeyUnlink(Array.Empty<RedisKey>()));
        RedisAssert.Throws("ERR wrong number of arguments for 'exists' command", () => Store.KeyExists(Array.Empty<RedisKey>()));
        RedisAssert.Throws("ERR wrong number of arguments for 'touch' command", () => Store.KeyTouch(Array.Empty<RedisKey>()));
    }
}
