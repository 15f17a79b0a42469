using System.Globalization;
using RedisLite.Resp;

namespace RedisLite.Client;

// Set replies: RESP3 sends SMEMBERS, SPOP with a count and the SUNION/SINTER/SDIFF family as sets, RESP2 as arrays;
// both expose their elements through Items. SRANDMEMBER with a count is an array in both (it may repeat members).
public sealed partial class RemoteDataStore
{
    /// <inheritdoc/>
    public bool SetAdd(RedisKey key, RedisValue value) => ToInteger(Run(Token("SADD"), Key(key), Value(value))) == 1;

    /// <inheritdoc/>
    public long SetAdd(RedisKey key, RedisValue[] values) => ToInteger(Run(SetKeyAndMembers("SADD", key, values)));

    /// <inheritdoc/>
    public bool SetRemove(RedisKey key, RedisValue value) => ToInteger(Run(Token("SREM"), Key(key), Value(value))) == 1;

    /// <inheritdoc/>
    public long SetRemove(RedisKey key, RedisValue[] values) => ToInteger(Run(SetKeyAndMembers("SREM", key, values)));

    /// <inheritdoc/>
    public RedisValue[] SetMembers(RedisKey key) => ToSetMembers(Run(Token("SMEMBERS"), Key(key)));

    /// <inheritdoc/>
    public bool SetContains(RedisKey key, RedisValue value) => ToInteger(Run(Token("SISMEMBER"), Key(key), Value(value))) == 1;

    /// <inheritdoc/>
    public bool[] SetContains(RedisKey key, RedisValue[] values) =>
        Run(SetKeyAndMembers("SMISMEMBER", key, values)).Items.Select(static r => ToInteger(r) == 1).ToArray();

    /// <inheritdoc/>
    public long SetLength(RedisKey key) => ToInteger(Run(Token("SCARD"), Key(key)));

    /// <inheritdoc/>
    public RedisValue SetPop(RedisKey key) => ToValue(Run(Token("SPOP"), Key(key)));

    /// <inheritdoc/>
    public RedisValue[] SetPop(RedisKey key, long count) => ToSetMembers(Run(Token("SPOP"), Key(key), Number(count)));

    /// <inheritdoc/>
    public RedisValue SetRandomMember(RedisKey key) => ToValue(Run(Token("SRANDMEMBER"), Key(key)));

    /// <inheritdoc/>
    public RedisValue[] SetRandomMembers(RedisKey key, long count) => ToSetMembers(Run(Token("SRANDMEMBER"), Key(key), Number(count)));

    /// <inheritdoc/>
    public bool SetMove(RedisKey source, RedisKey destination, RedisValue value) =>
        ToInteger(Run(Token("SMOVE"), Key(source, nameof(source)), Key(destination, nameof(destination)), Value(value))) == 1;

    /// <inheritdoc/>
    public RedisValue[] SetCombine(SetOperation operation, RedisKey[] keys) => ToSetMembers(Run(Keys(SetCommandName(operation, store: false), keys)));

    /// <inheritdoc/>
    public long SetCombineAndStore(SetOperation operation, RedisKey destination, RedisKey[] keys)
    {
        var name = SetCommandName(operation, store: true);
        var target = Key(destination, nameof(destination));
        var sources = Keys(name, keys);
        var args = new ReadOnlyMemory<byte>[sources.Length + 1];
        args[0] = sources[0];
        args[1] = target;
        Array.Copy(sources, 1, args, 2, sources.Length - 1);
        return ToInteger(Run(args));
    }

    /// <inheritdoc/>
    public long SetIntersectionLength(RedisKey[] keys, long limit = 0)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var args = new List<ReadOnlyMemory<byte>>(keys.Length + 4) { Token("SINTERCARD"), Number(keys.Length) };
        foreach (var key in keys)
        {
            args.Add(Key(key, nameof(keys)));
        }

        // With no keys the command is short of arguments whatever follows; leaving LIMIT out makes Redis say so.
        if (limit != 0 && keys.Length > 0)
        {
            args.Add(Token("LIMIT"));
            args.Add(Number(limit));
        }

        return ToInteger(Run([.. args]));
    }

    /// <inheritdoc/>
    public ScanResult<RedisValue> SetScan(RedisKey key, ulong cursor, RedisValue pattern = default, int count = 10)
    {
        var (next, items) = RunScan([Token("SSCAN"), Key(key)], cursor, pattern, count);
        return new ScanResult<RedisValue>(next, ToSetMembers(items));
    }

    private static string SetCommandName(SetOperation operation, bool store) => operation switch
    {
        SetOperation.Union => store ? "SUNIONSTORE" : "SUNION",
        SetOperation.Intersect => store ? "SINTERSTORE" : "SINTER",
        SetOperation.Difference => store ? "SDIFFSTORE" : "SDIFF",
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "Not a set operation."),
    };

    private static ReadOnlyMemory<byte>[] SetKeyAndMembers(string command, in RedisKey key, RedisValue[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var args = new ReadOnlyMemory<byte>[values.Length + 2];
        args[0] = Token(command);
        args[1] = Key(key);
        for (var i = 0; i < values.Length; i++)
        {
            args[i + 2] = Value(values[i], nameof(values));
        }

        return args;
    }

    private static RedisValue[] ToSetMembers(RespValue reply) => reply.IsNull ? [] : reply.Items.Select(ToValue).ToArray();
}
