using RedisLite.Resp;
using System.Globalization;
using RedisLite.Internal;

namespace RedisLite.Client;

public sealed partial class RemoteDataStore
{
    /// <inheritdoc/>
    public bool StringSet(RedisKey key, RedisValue value, Expiration expiry = default, When when = When.Always)
        => !Run(SetCommand(key, value, expiry, when, get: false)).IsNull;

    /// <inheritdoc/>
    public RedisValue StringSetAndGet(RedisKey key, RedisValue value, Expiration expiry = default, When when = When.Always)
        => ToValue(Run(SetCommand(key, value, expiry, when, get: true)));

    private static ReadOnlyMemory<byte>[] SetCommand(in RedisKey key, in RedisValue value, Expiration expiry, When when, bool get)
    {
        var args = new List<ReadOnlyMemory<byte>>(7) { Token("SET"), Key(key), Value(value) };
        AddExpiry(args, expiry);
        if (when != When.Always)
        {
            args.Add(Token(when == When.Exists ? "XX" : "NX"));
        }

        if (get)
        {
            args.Add(Token("GET"));
        }

        return [.. args];
    }

    /// <inheritdoc/>
    public bool StringSet(KeyValuePair<RedisKey, RedisValue>[] values, When when = When.Always)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (when == When.Exists)
        {
            throw new ArgumentOutOfRangeException(nameof(when), when, "MSET supports When.Always (MSET) and When.NotExists (MSETNX) only.");
        }

        var args = new ReadOnlyMemory<byte>[(values.Length * 2) + 1];
        args[0] = Token(when == When.NotExists ? "MSETNX" : "MSET");
        for (var i = 0; i < values.Length; i++)
        {
            args[(2 * i) + 1] = Key(values[i].Key, nameof(values));
            args[(2 * i) + 2] = Value(values[i].Value, nameof(values));
        }

        var reply = Run(args);
        return when == When.NotExists ? reply.Integer == 1 : IsOk(reply);
    }

    /// <inheritdoc/>
    public RedisValue StringGet(RedisKey key) => ToValue(Run(Token("GET"), Key(key)));

    /// <inheritdoc/>
    public RedisValue[] StringGet(RedisKey[] keys) => Run(Keys("MGET", keys)).Items.Select(ToValue).ToArray();

    /// <inheritdoc/>
    public RedisValue StringGetSet(RedisKey key, RedisValue value) => ToValue(Run(Token("GETSET"), Key(key), Value(value)));

    /// <inheritdoc/>
    public RedisValue StringGetDelete(RedisKey key) => ToValue(Run(Token("GETDEL"), Key(key)));

    /// <inheritdoc/>
    public RedisValue StringGetSetExpiry(RedisKey key, Expiration expiry)
    {
        var args = new List<ReadOnlyMemory<byte>>(4) { Token("GETEX"), Key(key) };
        AddExpiry(args, expiry);
        return ToValue(Run([.. args]));
    }

    /// <inheritdoc/>
    public long StringIncrement(RedisKey key, long value = 1) => Run(Token("INCRBY"), Key(key), Number(value)).Integer;

    /// <inheritdoc/>
    public long StringDecrement(RedisKey key, long value = 1) => Run(Token("DECRBY"), Key(key), Number(value)).Integer;

    /// <inheritdoc/>
    public double StringIncrement(RedisKey key, double value)
    {
        Span<byte> increment = stackalloc byte[32];
        var length = NumberFormatting.FormatDouble(value, increment);
        var reply = Run(Token("INCRBYFLOAT"), Key(key), increment[..length].ToArray());

        // The reply has long-double range; beyond double's range it reads as an infinity, as in DataStore.
        return double.Parse(reply.Bytes.Span, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    /// <inheritdoc/>
    public long StringAppend(RedisKey key, RedisValue value) => Run(Token("APPEND"), Key(key), Value(value)).Integer;

    /// <inheritdoc/>
    public long StringLength(RedisKey key) => Run(Token("STRLEN"), Key(key)).Integer;

    /// <inheritdoc/>
    public RedisValue StringGetRange(RedisKey key, long start, long end) => ToValue(Run(Token("GETRANGE"), Key(key), Number(start), Number(end)));

    /// <inheritdoc/>
    public long StringSetRange(RedisKey key, long offset, RedisValue value) => Run(Token("SETRANGE"), Key(key), Number(offset), Value(value)).Integer;

    /// <inheritdoc/>
    public RedisValue StringLongestCommonSubsequence(RedisKey first, RedisKey second)
        => ToValue(Run(Token("LCS"), Key(first, nameof(first)), Key(second, nameof(second))));

    /// <inheritdoc/>
    public long StringLongestCommonSubsequenceLength(RedisKey first, RedisKey second)
        => Run(Token("LCS"), Key(first, nameof(first)), Key(second, nameof(second)), Token("LEN")).Integer;

    /// <inheritdoc/>
    public LcsMatchResult StringLongestCommonSubsequenceWithMatches(RedisKey first, RedisKey second, long minLength = 0)
    {
        var reply = Run(Token("LCS"), Key(first, nameof(first)), Key(second, nameof(second)), Token("IDX"), Token("MINMATCHLEN"), Number(minLength), Token("WITHMATCHLEN"));

        // RESP3 replies with a map, RESP2 with the same pairs flattened: "matches", [...], "len", n.
        IReadOnlyList<RespValue>? runs = null;
        long length = 0;
        for (var i = 0; i + 1 < reply.Items.Count; i += 2)
        {
            switch (reply.Items[i].GetString())
            {
                case "matches":
                    runs = reply.Items[i + 1].Items;
                    break;
                case "len":
                    length = reply.Items[i + 1].Integer;
                    break;
            }
        }

        var matches = (runs ?? []).Select(static run => new LcsMatch(
            run.Items[0].Items[0].Integer,
            run.Items[0].Items[1].Integer,
            run.Items[1].Items[0].Integer,
            run.Items[1].Items[1].Integer,
            run.Items[2].Integer)).ToArray();
        return new LcsMatchResult(matches, length);
    }
}
