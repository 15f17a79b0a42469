using RedisLite.Tests.Infrastructure;

namespace RedisLite.Tests.Keys;

public sealed class KeyRenameCopyMoveTests : IDisposable
{
    private readonly TestStore _t = new();

    private DataStore Store => _t.Store;

    public void Dispose() => _t.Dispose();

    [Fact]
    public void Rename_moves_value_and_keeps_ttl()
    {
        Store.StringSet("ren:src", "v", TimeSpan.FromSeconds(42));
        Assert.True(Store.KeyRename("ren:src", "ren:dst"));
        Assert.False(Store.KeyExists("ren:src"));
        RedisAssert.Value("v", Store.StringGet("ren:dst"));
        Assert.Equal(TimeSpan.FromSeconds(42), Store.KeyTimeToLive("ren:dst"));
        Assert.Equal(1, Store.DatabaseSize());
    }

    [Fact]
    public void Rename_replaces_destination_and_its_ttl()
    {
        Store.StringSet("ren:a", "a");
        Store.StringSet("ren:b", "b", TimeSpan.FromSeconds(5));
        Assert.True(Store.KeyRename("ren:a", "ren:b"));
        RedisAssert.Value("a", Store.StringGet("ren:b"));
        Assert.Null(Store.KeyTimeToLive("ren:b"));
        Assert.Equal(1, Store.DatabaseSize());
    }

    [Fact]
    public void Rename_missing_key_is_an_error()
    {
        RedisAssert.Throws("ERR no such key", () => Store.KeyRename("ren:missing", "ren:x"));
        RedisAssert.Throws("ERR no such key", () => Store.KeyRename("ren:missing", "ren:missing"));
        RedisAssert.Throws(ErrorMessages.NoSuchKey, () => Store.KeyRename("ren:missing", "ren:x", When.NotExists));
        Assert.False(Store.KeyExists("ren:x"));
    }

    [Fact]
    public void Rename_of_an_expired_key_is_an_error()
    {
        Store.StringSet("ren:expired", "v", Expiration.InMilliseconds(5));
        Store.StringSet("ren:target", "t");
        _t.Advance(6);
        RedisAssert.Throws("ERR no such key", () => Store.KeyRename("ren:expired", "ren:target"));
        RedisAssert.Value("t", Store.StringGet("ren:target"));
    }

    [Fact]
    public void Rename_onto_itself_succeeds_and_keeps_everything()
    {
        Store.StringSet("ren:self", "v", TimeSpan.FromSeconds(7));
        Assert.True(Store.KeyRename("ren:self", "ren:self"));
        RedisAssert.Value("v", Store.StringGet("ren:self"));
        Assert.Equal(TimeSpan.FromSeconds(7), Store.KeyTimeToLive("ren:self"));
        // RENAMENX k k replies 0: the destination exists.
        Assert.False(Store.KeyRename("ren:self", "ren:self", When.NotExists));
        Assert.True(Store.KeyExists("ren:self"));
    }

    [Fact]
    public void Renamenx_only_when_destination_is_missing()
    {
        Store.StringSet("rennx:a", "a", TimeSpan.FromSeconds(9));
        Store.StringSet("rennx:b", "b");
        Assert.False(Store.KeyRename("rennx:a", "rennx:b", When.NotExists));
        RedisAssert.Value("a", Store.StringGet("rennx:a"));
        RedisAssert.Value("b", Store.StringGet("rennx:b"));

        Assert.True(Store.KeyRename("rennx:a", "rennx:c", When.NotExists));
        RedisAssert.Value("a", Store.StringGet("rennx:c"));
        Assert.Equal(TimeSpan.FromSeconds(9), Store.KeyTimeToLive("rennx:c"));
        Assert.False(Store.KeyExists("rennx:a"));
    }

    [Fact]
    public void Renamenx_onto_an_expired_destination_succeeds()
    {
        Store.StringSet("rennx:src", "s");
        Store.StringSet("rennx:old", "o", Expiration.InMilliseconds(5));
        _t.Advance(6);
        Assert.True(Store.KeyRename("rennx:src", "rennx:old", When.NotExists));
        RedisAssert.Value("s", Store.StringGet("rennx:old"));
        Assert.Null(Store.KeyTimeToLive("rennx:old"));
    }

    [Fact]
    public void Rename_with_when_exists_is_not_a_redis_command()
    {
        Store.StringSet("ren:xx", "v");
        Assert.Throws<ArgumentOutOfRangeException>(() => Store.KeyRename("ren:xx", "ren:yy", When.Exists));
        Assert.True(Store.KeyExists("ren:xx"));
        Assert.False(Store.KeyExists("ren:yy"));
    }

    [Fact]
    public void Copy_copies_value_and_ttl()
    {
        Store.StringSet("copy:src", "v", TimeSpan.FromSeconds(100));
        Assert.True(Store.KeyCopy("copy:src", "copy:dst"));
        RedisAssert.Value("v", Store.StringGet("copy:src"));
        RedisAssert.Value("v", Store.StringGet("copy:dst"));
        Assert.Equal(TimeSpan.FromSeconds(100), Store.KeyTimeToLive("copy:dst"));

        // The copy is independent of the source.
        Store.StringAppend("copy:src", "!");
        Store.StringSetRange("copy:dst", 0, "w");
        RedisAssert.Value("v!", Store.StringGet("copy:src"));
        RedisAssert.Value("w", Store.StringGet("copy:dst"));
    }

    [Fact]
    public void Copy_without_replace_does_not_overwrite()
    {
        Store.StringSet("copy:a", "a");
        Store.StringSet("copy:b", "b");
        Assert.False(Store.KeyCopy("copy:a", "copy:b"));
        RedisAssert.Value("b", Store.StringGet("copy:b"));
        Assert.True(Store.KeyCopy("copy:a", "copy:b", replace: true));
        RedisAssert.Value("a", Store.StringGet("copy:b"));
    }

    [Fact]
    public void Copy_replace_takes_the_source_ttl_or_none()
    {
        Store.StringSet("copy:persistent", "p");
        Store.StringSet("copy:withttl", "t", TimeSpan.FromSeconds(100));
        Assert.True(Store.KeyCopy("copy:persistent", "copy:withttl", replace: true));
        Assert.Null(Store.KeyTimeToLive("copy:withttl"));
        RedisAssert.Value("p", Store.StringGet("copy:withttl"));
    }

    [Fact]
    public void Copy_missing_source_returns_false()
    {
        Assert.False(Store.KeyCopy("copy:missing", "copy:x"));
        Assert.False(Store.KeyCopy("copy:missing", "copy:x", replace: true));
        Store.StringSet("copy:existing-dst", "d");
        Assert.False(Store.KeyCopy("copy:missing", "copy:existing-dst", replace: true));
        RedisAssert.Value("d", Store.StringGet("copy:existing-dst"));
    }

    [Fact]
    public void Copy_onto_itself_is_an_error()
    {
        Store.StringSet("copy:self", "v");
        RedisAssert.Throws("ERR source and destination objects are the same", () => Store.KeyCopy("copy:self", "copy:self"));
        RedisAssert.Throws(ErrorMessages.SameObject, () => Store.KeyCopy("copy:self", "copy:self", replace: true));
        RedisAssert.Throws(ErrorMessages.SameObject, () => Store.KeyCopy("copy:self", "copy:self", destinationDatabase: 0));
        // Checked before the source is looked up.
        RedisAssert.Throws(ErrorMessages.SameObject, () => Store.KeyCopy("copy:nosuch", "copy:nosuch"));
        RedisAssert.Throws(ErrorMessages.SameObject, () => _t.Db(3).KeyCopy("copy:nosuch", "copy:nosuch", destinationDatabase: 3));
    }

    [Fact]
    public void Copy_to_another_database()
    {
        Store.StringSet("copy:db", "v", TimeSpan.FromSeconds(30));
        Assert.True(Store.KeyCopy("copy:db", "copy:db", destinationDatabase: 1));
        RedisAssert.Value("v", _t.Db(1).StringGet("copy:db"));
        Assert.Equal(TimeSpan.FromSeconds(30), _t.Db(1).KeyTimeToLive("copy:db"));
        RedisAssert.Value("v", Store.StringGet("copy:db"));

        Assert.False(Store.KeyCopy("copy:db", "copy:db", destinationDatabase: 1));
        Store.StringSet("copy:db", "w");
        Assert.True(Store.KeyCopy("copy:db", "copy:db", destinationDatabase: 1, replace: true));
        RedisAssert.Value("w", _t.Db(1).StringGet("copy:db"));
        Assert.Null(_t.Db(1).KeyTimeToLive("copy:db"));

        // From a view of db 5 to db 0 under another name.
        _t.Db(5).StringSet("copy:from5", "five");
        Assert.True(_t.Db(5).KeyCopy("copy:from5", "copy:to0", destinationDatabase: 0));
        RedisAssert.Value("five", Store.StringGet("copy:to0"));
        Assert.False(Store.KeyExists("copy:from5"));
    }

    [Theory]
    [InlineData(16)]
    [InlineData(-2)]
    [InlineData(int.MaxValue)]
    [InlineData(int.MinValue)]
    public void Copy_to_database_out_of_range_is_an_error(int db)
    {
        Store.StringSet("copy:range", "v");
        RedisAssert.Throws("ERR DB index is out of range", () => Store.KeyCopy("copy:range", "copy:range2", destinationDatabase: db));
        // The range is checked first, even before "same object" and a missing source.
        RedisAssert.Throws(ErrorMessages.DbIndexOutOfRange, () => Store.KeyCopy("copy:range", "copy:range", destinationDatabase: db));
        RedisAssert.Throws(ErrorMessages.DbIndexOutOfRange, () => Store.KeyCopy("copy:none", "copy:none2", destinationDatabase: db));
        Assert.Equal(1, Store.DatabaseSize());
    }

    [Fact]
    public void Move_moves_key_with_ttl()
    {
        Store.StringSet("move:k", "v", TimeSpan.FromSeconds(60));
        Assert.True(Store.KeyMove("move:k", 2));
        Assert.False(Store.KeyExists("move:k"));
        RedisAssert.Value("v", _t.Db(2).StringGet("move:k"));
        Assert.Equal(TimeSpan.FromSeconds(60), _t.Db(2).KeyTimeToLive("move:k"));
        Assert.True(_t.Db(2).KeyMove("move:k", 0));
        RedisAssert.Value("v", Store.StringGet("move:k"));
    }

    [Fact]
    public void Move_fails_when_missing_or_present_in_destination()
    {
        Assert.False(Store.KeyMove("move:missing", 1));
        Store.StringSet("move:both", "here");
        _t.Db(1).StringSet("move:both", "there");
        Assert.False(Store.KeyMove("move:both", 1));
        RedisAssert.Value("here", Store.StringGet("move:both"));
        RedisAssert.Value("there", _t.Db(1).StringGet("move:both"));
    }

    [Fact]
    public void Move_onto_an_expired_key_in_destination_succeeds()
    {
        _t.Db(1).StringSet("move:exp", "old", Expiration.InMilliseconds(5));
        _t.Advance(6);
        Store.StringSet("move:exp", "new");
        Assert.True(Store.KeyMove("move:exp", 1));
        RedisAssert.Value("new", _t.Db(1).StringGet("move:exp"));
        Assert.Null(_t.Db(1).KeyTimeToLive("move:exp"));
    }

    [Fact]
    public void Move_to_same_database_is_an_error()
    {
        Store.StringSet("move:same", "v");
        RedisAssert.Throws("ERR source and destination objects are the same", () => Store.KeyMove("move:same", 0));
        RedisAssert.Throws("ERR source and destination objects are the same", () => Store.KeyMove("move:nosuch", 0));
        RedisAssert.Throws("ERR source and destination objects are the same", () => _t.Db(4).KeyMove("move:nosuch", 4));
        Assert.True(Store.KeyExists("move:same"));
    }

    [Theory]
    [InlineData(16)]
    [InlineData(-1)]
    [InlineData(int.MaxValue)]
    public void Move_to_database_out_of_range_is_an_error(int db)
    {
        Store.StringSet("move:range", "v");
        RedisAssert.Throws("ERR DB index is out of range", () => Store.KeyMove("move:range", db));
        RedisAssert.Throws("ERR DB index is out of range", () => Store.KeyMove("move:range:missing", db));
        Assert.True(Store.KeyExists("move:range"));
    }
}
