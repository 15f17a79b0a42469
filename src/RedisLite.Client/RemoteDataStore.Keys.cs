using System.Globalization;
using RedisLite.Resp;

namespace RedisLite.Client;

public sealed partial class RemoteDataStore
{
    /// <inheritdoc/>
    public bool KeyDelete(RedisKey key) => Run(Token("DEL"), Key(key)).Integer == 1;

    /// <inheritdoc/>
    public long KeyDelete(RedisKey[] keys) => Run(Keys("DEL", keys)).Integer;

    /// <inheritdoc/>
    public bool KeyUnlink(RedisKey key) => Run(Token("UNLINK"), Key(key)).Integer == 1;

    /// <inheritdoc/>
    public long KeyUnlink(RedisKey[] keys) => Run(Keys("UNLINK", keys)).Integer;

    /// <inheritdoc/>
    public bool KeyExists(RedisKey key) => Run(Token("EXISTS"), Key(key)).Integer == 1;

    /// <inheritdoc/>
    public long KeyExists(RedisKey[] keys) => Run(Keys("EXISTS", keys)).Integer;

    /// <inheritdoc/>
    public RedisType KeyType(RedisKey key) => ParseType(Run(Token("TYPE"), Key(key)).GetString());

    private static RedisType ParseType(string? name) => Keyspace.RedisTypeNames.Parse(name) ?? RedisType.None;

    private static string TypeName(RedisType type) => Keyspace.RedisTypeNames.Name(type);

    /// <inheritdoc/>
    public bool KeyExpire(RedisKey key, TimeSpan expiry, ExpireWhen when = ExpireWhen.Always)
        => Run(ExpireCommand("PEXPIRE", key, (long)expiry.TotalMilliseconds, when)).Integer == 1;

    /// <inheritdoc/>
    public bool KeyExpire(RedisKey key, DateTimeOffset expiry, ExpireWhen when = ExpireWhen.Always)
        => Run(ExpireCommand("PEXPIREAT", key, expiry.ToUnixTimeMilliseconds(), when)).Integer == 1;

    private static ReadOnlyMemory<byte>[] ExpireCommand(string command, in RedisKey key, long milliseconds, ExpireWhen when)
    {
        var args = new List<ReadOnlyMemory<byte>>(6) { Token(command), Key(key), Number(milliseconds) };
        if ((when & ExpireWhen.HasNoExpiry) != 0)
        {
            args.Add(Token("NX"));
        }

        if ((when & ExpireWhen.HasExpiry) != 0)
        {
            args.Add(Token("XX"));
        }

        if ((when & ExpireWhen.GreaterThanCurrentExpiry) != 0)
        {
            args.Add(Token("GT"));
        }

        if ((when & ExpireWhen.LessThanCurrentExpiry) != 0)
        {
            args.Add(Token("LT"));
        }

        return [.. args];
    }

    /// <inheritdoc/>
    public bool KeyPersist(RedisKey key) => Run(Token("PERSIST"), Key(key)).Integer == 1;

    /// <inheritdoc/>
    public TimeSpan? KeyTimeToLive(RedisKey key)
    {
        var milliseconds = Run(Token("PTTL"), Key(key)).Integer;
        return milliseconds < 0 ? null : RedisLite.Expiry.ExpiryMath.TimeToLive(milliseconds, 0);
    }

    /// <inheritdoc/>
    public DateTimeOffset? KeyExpireTime(RedisKey key)
    {
        var milliseconds = Run(Token("PEXPIRETIME"), Key(key)).Integer;
        return milliseconds < 0 ? null : RedisLite.Expiry.ExpiryMath.ToDateTimeOffset(milliseconds);
    }

    /// <inheritdoc/>
    public bool KeyRename(RedisKey key, RedisKey newKey, When when = When.Always)
    {
        if (when == When.Exists)
        {
            throw new ArgumentOutOfRangeException(nameof(when), when, "RENAME supports When.Always (RENAME) and When.NotExists (RENAMENX) only.");
        }

        var reply = Run(Token(when == When.NotExists ? "RENAMENX" : "RENAME"), Key(key), Key(newKey, nameof(newKey)));
        return when == When.NotExists ? reply.Integer == 1 : IsOk(reply);
    }

    /// <inheritdoc/>
    public bool KeyCopy(RedisKey source, RedisKey destination, int destinationDatabase = -1, bool replace = false)
    {
        var args = new List<ReadOnlyMemory<byte>>(6) { Token("COPY"), Key(source, nameof(source)), Key(destination, nameof(destination)) };
        if (destinationDatabase != -1)
        {
            args.Add(Token("DB"));
            args.Add(Number(destinationDatabase));
        }

        if (replace)
        {
            args.Add(Token("REPLACE"));
        }

        return Run([.. args]).Integer == 1;
    }

    /// <inheritdoc/>
    public bool KeyMove(RedisKey key, int database) => Run(Token("MOVE"), Key(key), Number(database)).Integer == 1;

    /// <inheritdoc/>
    public IReadOnlyList<RedisKey> Keys(RedisValue pattern = default)
        => Run(Token("KEYS"), pattern.IsNull ? Token("*") : pattern.AsMemory()).Items.Select(ToKey).ToArray();

    /// <inheritdoc/>
    public ScanResult KeyScan(ulong cursor, RedisValue pattern = default, int count = 10, RedisType? type = null)
    {
        var (next, items) = type is { } t
            ? RunScan([Token("SCAN")], cursor, pattern, count, Token("TYPE"), Token(TypeName(t)))
            : RunScan([Token("SCAN")], cursor, pattern, count);
        return new ScanResult(next, items.Items.Select(ToKey).ToArray());
    }

    /// <inheritdoc/>
    public RedisKey KeyRandom() => ToKey(Run("RANDOMKEY"));

    /// <inheritdoc/>
    public bool KeyTouch(RedisKey key) => Run(Token("TOUCH"), Key(key)).Integer == 1;

    /// <inheritdoc/>
    public long KeyTouch(RedisKey[] keys) => Run(Keys("TOUCH", keys)).Integer;

    /// <inheritdoc/>
    public TimeSpan? KeyIdleTime(RedisKey key)
    {
        var reply = Run(Token("OBJECT"), Token("IDLETIME"), Key(key));
        return reply.IsNull ? null : TimeSpan.FromSeconds(reply.Integer);
    }
}
