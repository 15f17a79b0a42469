using System.Globalization;
using RedisLite.Tests.Infrastructure;

namespace RedisLite.Tests.Keys;

public sealed class DatabaseTests : IDisposable
{
    private readonly TestStore _t = new();

    private DataStore Store => _t.Store;

    public void Dispose() => _t.Dispose();

    private static string S(int i) => i.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public void Default_store_has_16_databases_and_addresses_db0()
    {
        Assert.Equal(16, Store.DatabaseCount);
        Assert.Equal(0, Store.Database);
        for (var i = 0; i < 16; i++)
        {
            var db = Store.GetDatabase(i);
            Assert.Equal(i, db.Database);
            Assert.Equal(16, db.DatabaseCount);
        }
    }

    [Fact]
    public void Databases_are_independent()
    {
        for (var i = 0; i < 16; i++)
        {
            _t.Db(i).StringSet("db:same", "value" + S(i));
        }

        for (var i = 0; i < 16; i++)
        {
            RedisAssert.Value("value" + S(i), _t.Db(i).StringGet("db:same"));
            Assert.Equal(1, _t.Db(i).DatabaseSize());
        }

        _t.Db(3).KeyDelete("db:same");
        Assert.False(_t.Db(3).KeyExists("db:same"));
        Assert.True(_t.Db(4).KeyExists("db:same"));
        _t.Db(5).KeyExpire("db:same", TimeSpan.FromSeconds(1));
        Assert.Null(_t.Db(6).KeyTimeToLive("db:same"));
    }

    [Fact]
    public void Views_share_data()
    {
        var a = Store.GetDatabase(2);
        var b = Store.GetDatabase(9).GetDatabase(2);
        a.StringSet("db:shared", "x");
        RedisAssert.Value("x", b.StringGet("db:shared"));
        Assert.False(Store.KeyExists("db:shared"));
        RedisAssert.Value("x", Store.GetDatabase(2).GetDatabase(0).GetDatabase(2).StringGet("db:shared"));
    }

    [Fact]
    public void Flushdb_leaves_other_databases()
    {
        for (var i = 0; i < 16; i++)
        {
            for (var k = 0; k <= i; k++)
            {
                _t.Db(i).StringSet("flush:" + S(k), k, TimeSpan.FromSeconds(k + 1));
            }
        }

        _t.Db(7).FlushDatabase();
        Assert.Equal(0, _t.Db(7).DatabaseSize());
        Assert.Empty(_t.Db(7).Keys());
        Assert.True(_t.Db(7).KeyRandom().IsNull);
        for (var i = 0; i < 16; i++)
        {
            if (i != 7)
            {
                Assert.Equal(i + 1, _t.Db(i).DatabaseSize());
            }
        }

        // The flushed database is usable again.
        _t.Db(7).StringSet("flush:again", "1");
        Assert.Equal(1, _t.Db(7).DatabaseSize());
        Assert.Null(_t.Db(7).KeyTimeToLive("flush:again"));
    }

    [Fact]
    public void Flushall_clears_every_database()
    {
        for (var i = 0; i < 16; i++)
        {
            _t.Db(i).StringSet("flushall:" + S(i), i);
            _t.Db(i).StringSet("flushall:ttl", i, TimeSpan.FromSeconds(5));
        }

        _t.Db(11).FlushAllDatabases();
        for (var i = 0; i < 16; i++)
        {
            Assert.Equal(0, _t.Db(i).DatabaseSize());
            Assert.False(_t.Db(i).KeyExists("flushall:ttl"));
        }

        Store.StringSet("flushall:after", "1");
        Assert.Equal(1, Store.DatabaseSize());
    }

    [Fact]
    public void Dbsize_counts_keys_and_follows_deletes()
    {
        Assert.Equal(0, Store.DatabaseSize());
        for (var i = 0; i < 100; i++)
        {
            Store.StringSet("size:" + S(i), i);
        }

        Store.StringSet("size:0", "overwrite");
        Assert.Equal(100, Store.DatabaseSize());
        Store.KeyDelete(["size:1", "size:2", "size:nope"]);
        Assert.Equal(98, Store.DatabaseSize());
        Store.KeyRename("size:3", "size:4");
        Assert.Equal(97, Store.DatabaseSize());
        Store.KeyMove("size:5", 1);
        Assert.Equal(96, Store.DatabaseSize());
        Assert.Equal(1, _t.Db(1).DatabaseSize());
    }

    [Fact]
    public void Dbsize_counts_an_expired_key_until_it_is_reclaimed()
    {
        Store.StringSet("size:exp", "v", Expiration.InMilliseconds(5));
        _t.Advance(6);
        // Like Redis, DBSIZE may still count a key nobody accessed; accessing it reclaims it.
        Assert.InRange(Store.DatabaseSize(), 0, 1);
        Assert.True(Store.StringGet("size:exp").IsNull);
        Assert.Equal(0, Store.DatabaseSize());
    }

    [Fact]
    public void Randomkey_on_empty_and_non_empty()
    {
        Assert.True(Store.KeyRandom().IsNull);

        Store.StringSet("rand:only", "1");
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal("rand:only", Store.KeyRandom().ToString());
        }

        var keys = Enumerable.Range(0, 50).Select(i => "rand:" + S(i)).ToHashSet();
        foreach (var k in keys)
        {
            Store.StringSet(k, "1");
        }

        keys.Add("rand:only");
        var seen = new HashSet<string>();
        for (var i = 0; i < 500; i++)
        {
            var k = Store.KeyRandom();
            Assert.False(k.IsNull);
            Assert.Contains(k.ToString()!, keys);
            seen.Add(k.ToString()!);
        }

        Assert.True(seen.Count > 5, $"RANDOMKEY returned only {seen.Count} distinct keys in 500 calls");
        Assert.True(_t.Db(1).KeyRandom().IsNull);
    }

    [Fact]
    public void Randomkey_does_not_return_expired_keys()
    {
        Store.StringSet("rand:dead", "1", Expiration.InMilliseconds(5));
        Store.StringSet("rand:live", "1");
        _t.Advance(6);
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal("rand:live", Store.KeyRandom().ToString());
        }

        Store.KeyDelete("rand:live");
        Store.StringSet("rand:dead2", "1", Expiration.InMilliseconds(5));
        _t.Advance(6);
        Assert.True(Store.KeyRandom().IsNull);
    }

    [Theory]
    [InlineData(16)]
    [InlineData(-1)]
    [InlineData(int.MaxValue)]
    [InlineData(int.MinValue)]
    public void GetDatabase_out_of_range_is_an_error(int index)
    {
        RedisAssert.Throws("ERR DB index is out of range", () => Store.GetDatabase(index));
        RedisAssert.Throws(ErrorMessages.DbIndexOutOfRange, () => _t.Db(3).GetDatabase(index));
    }

    [Fact]
    public void Configured_database_count_is_respected()
    {
        using var t = new TestStore(o => o.Databases = 3);
        Assert.Equal(3, t.Store.DatabaseCount);
        t.Db(2).StringSet("k", "v");
        RedisAssert.Throws("ERR DB index is out of range", () => t.Store.GetDatabase(3));
        RedisAssert.Throws("ERR DB index is out of range", () => t.Store.KeyMove("k", 3));
        Assert.True(t.Db(2).KeyMove("k", 0));

        using var single = new TestStore(o => o.Databases = 1);
        Assert.Equal(1, single.Store.DatabaseCount);
        single.Store.StringSet("k", "v");
        RedisAssert.Throws("ERR source and destination objects are the same", () => single.Store.KeyMove("k", 0));
        RedisAssert.Throws("ERR DB index is out of range", () => single.Store.KeyMove("k", 1));
    }

    [Fact]
    public void Invalid_options_are_rejected_by_the_constructor()
    {
        foreach (var options in new[]
        {
            new RedisLiteOptions { Databases = 0 },
            new RedisLiteOptions { Databases = 1025 },
            new RedisLiteOptions { ActiveExpiryInterval = TimeSpan.Zero },
        })
        {
            var ex = Record.Exception(() => new DataStore(options, new FakeTimeProvider()).Dispose());
            Assert.True(
                ex is ArgumentException or Microsoft.Extensions.Options.OptionsValidationException,
                $"expected the constructor to reject invalid options, got {ex?.GetType().Name ?? "no exception"}");
        }
    }
}
