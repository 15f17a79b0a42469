using System.Globalization;
using RedisLite.Resp;

namespace RedisLite.Client;

public sealed partial class RemoteDataStore
{
    /// <inheritdoc/>
    public long HashSet(RedisKey key, HashEntry[] entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var args = new ReadOnlyMemory<byte>[(entries.Length * 2) + 2];
        args[0] = Token("HSET");
        args[1] = Key(key);
        for (var i = 0; i < entries.Length; i++)
        {
            args[(2 * i) + 2] = Value(entries[i].Name, nameof(entries));
            args[(2 * i) + 3] = Value(entries[i].Value, nameof(entries));
        }

        return Run(args).Integer;
    }

    /// <inheritdoc/>
    public bool HashSet(RedisKey key, RedisValue field, RedisValue value, When when = When.Always)
    {
        if (when == When.Exists)
        {
            throw new ArgumentOutOfRangeException(nameof(when), when, "HSET supports When.Always (HSET) and When.NotExists (HSETNX) only.");
        }

        return Run(Token(when == When.NotExists ? "HSETNX" : "HSET"), Key(key), Value(field, nameof(field)), Value(value)).Integer == 1;
    }

    /// <inheritdoc/>
    public RedisValue HashGet(RedisKey key, RedisValue field) => ToValue(Run(Token("HGET"), Key(key), Value(field, nameof(field))));

    /// <inheritdoc/>
    public RedisValue[] HashGet(RedisKey key, RedisValue[] fields) => Run(Fields("HMGET", key, fields)).Items.Select(ToValue).ToArray();

    /// <inheritdoc/>
    public HashEntry[] HashGetAll(RedisKey key) => ToEntries(Run(Token("HGETALL"), Key(key)));

    /// <inheritdoc/>
    public bool HashDelete(RedisKey key, RedisValue field) => Run(Token("HDEL"), Key(key), Value(field, nameof(field))).Integer == 1;

    /// <inheritdoc/>
    public long HashDelete(RedisKey key, RedisValue[] fields) => Run(Fields("HDEL", key, fields)).Integer;

    /// <inheritdoc/>
    public bool HashExists(RedisKey key, RedisValue field) => Run(Token("HEXISTS"), Key(key), Value(field, nameof(field))).Integer == 1;

    /// <inheritdoc/>
    public long HashLength(RedisKey key) => Run(Token("HLEN"), Key(key)).Integer;

    /// <inheritdoc/>
    public RedisValue[] HashKeys(RedisKey key) => Run(Token("HKEYS"), Key(key)).Items.Select(ToValue).ToArray();

    /// <inheritdoc/>
    public RedisValue[] HashValues(RedisKey key) => Run(Token("HVALS"), Key(key)).Items.Select(ToValue).ToArray();

    /// <inheritdoc/>
    public long HashStringLength(RedisKey key, RedisValue field) => Run(Token("HSTRLEN"), Key(key), Value(field, nameof(field))).Integer;

    /// <inheritdoc/>
    public long HashIncrement(RedisKey key, RedisValue field, long value = 1)
        => Run(Token("HINCRBY"), Key(key), Value(field, nameof(field)), Number(value)).Integer;

    /// <inheritdoc/>
    public double HashIncrement(RedisKey key, RedisValue field, double value)
    {
        // RedisValue writes a double in its shortest round-trip form, as DataStore passes it to the same parser.
        var reply = Run(Token("HINCRBYFLOAT"), Key(key), Value(field, nameof(field)), ((RedisValue)value).AsMemory());
        return double.Parse(reply.Bytes.Span, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    /// <inheritdoc/>
    public RedisValue HashRandomField(RedisKey key) => ToValue(Run(Token("HRANDFIELD"), Key(key)));

    /// <inheritdoc/>
    public RedisValue[] HashRandomFields(RedisKey key, long count) => Run(Token("HRANDFIELD"), Key(key), Number(count)).Items.Select(ToValue).ToArray();

    /// <inheritdoc/>
    public HashEntry[] HashRandomFieldsWithValues(RedisKey key, long count)
        => ToEntries(Run(Token("HRANDFIELD"), Key(key), Number(count), Token("WITHVALUES")));

    /// <inheritdoc/>
    public ScanResult<HashEntry> HashScan(RedisKey key, ulong cursor, RedisValue pattern = default, int count = 10)
    {
        var (next, items) = RunScan([Token("HSCAN"), Key(key)], cursor, pattern, count);
        return new ScanResult<HashEntry>(next, ToEntries(items));
    }

    private static ReadOnlyMemory<byte>[] Fields(string command, in RedisKey key, RedisValue[] fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var args = new ReadOnlyMemory<byte>[fields.Length + 2];
        args[0] = Token(command);
        args[1] = Key(key);
        for (var i = 0; i < fields.Length; i++)
        {
            args[i + 2] = Value(fields[i], nameof(fields));
        }

        return args;
    }

    /// <summary>Reads field/value pairs: a RESP3 map (flattened by <see cref="RespValue.Items"/>), a RESP3 array of
    /// two-element arrays (HRANDFIELD ... WITHVALUES), or a RESP2 flat array.</summary>
    private static HashEntry[] ToEntries(RespValue reply)
    {
        var items = reply.Items;
        if (items.Count > 0 && items[0].IsAggregate)
        {
            return items.Select(static pair => new HashEntry(ToValue(pair.Items[0]), ToValue(pair.Items[1]))).ToArray();
        }

        var entries = new HashEntry[items.Count / 2];
        for (var i = 0; i < entries.Length; i++)
        {
            entries[i] = new HashEntry(ToValue(items[2 * i]), ToValue(items[(2 * i) + 1]));
        }

        return entries;
    }
}
