using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using RedisLite.Tests.Infrastructure;

namespace RedisLite.Tests.Model;

/// <summary>
/// Model-based test: random command sequences run on a real <see cref="DataStore"/> (fake clock, 2 databases) and on a
/// tiny reference model of Redis 7's string and key semantics; every reply and every error text must match.
/// </summary>
public sealed class StringKeyModelTests
{
    [Fact]
    public void Random_command_sequences_match_the_reference_model()
    {
        var property = Prop.ForAll(ModelGen.Sequences(), ModelRunner.Verify);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(2000), property);
    }

    [Fact]
    public void Model_runner_detects_a_difference()
    {
        // Sanity check of the harness itself: a model that disagrees must be reported.
        var ex = Record.Exception(() => ModelRunner.Verify([new SetCmd(0, "k0", ModelValue.Of("a"), ExpSpec.None, When.Always, false), new BrokenGetCmd(0, "k0")]));
        Assert.NotNull(ex);
        Assert.Contains("BROKEN-GET", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_known_sequence_matches()
    {
        ModelRunner.Verify(
        [
            new SetCmd(0, "k0", ModelValue.Of("10"), ExpSpec.Relative(100), When.Always, false),
            new IncrByCmd(0, "k0", 5, false),
            new AdvanceCmd(100),
            new GetCmd(0, "k0"),
            new PttlCmd(0, "k0"),
            new AdvanceCmd(10),
            new GetCmd(0, "k0"),
            new DbSizeCmd(0),
            new SetCmd(1, "k1", ModelValue.Of("x"), ExpSpec.Absolute(5007), When.NotExists, true),
            new MoveCmd(1, "k1", 0),
            new CopyCmd(0, "k1", "k2", 1, false),
            new RenameCmd(1, "k2", "k3", true),
            new ExpireCmd(1, "k3", 50, ExpireWhen.HasExpiry | ExpireWhen.LessThanCurrentExpiry, false),
            new KeysCmd(1),
        ]);
    }
}

/// <summary>A value as the command passes it: the same bytes reach the store through different <see cref="RedisValue"/> forms.</summary>
public sealed record ModelValue(string Text, int Form)
{
    public static ModelValue Of(string text) => new(text, 0);

    public byte[] Bytes => Encoding.UTF8.GetBytes(Text);

    public RedisValue ToRedisValue() => Form switch
    {
        1 => Bytes,
        2 => new ReadOnlyMemory<byte>([0x7F, .. Bytes, 0x7F], 1, Bytes.Length),
        3 when long.TryParse(Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && n.ToString(CultureInfo.InvariantCulture) == Text => n,
        _ => Text,
    };

    public override string ToString() => Form switch
    {
        1 => $"b'{Escape(Text)}'",
        2 => $"m'{Escape(Text)}'",
        3 => $"n'{Escape(Text)}'",
        _ => $"'{Escape(Text)}'",
    };

    public static string Escape(string s)
    {
        var sb = new StringBuilder();
        foreach (var c in s)
        {
            if (c is < ' ' or > '~')
            {
                sb.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}");
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }
}

/// <summary>The expiry option of SET/GETEX. Absolute times are offsets from the fake clock's start.</summary>
public sealed record ExpSpec(ExpirationKind Kind, long Value)
{
    public static readonly ExpSpec None = new(ExpirationKind.None, 0);

    public static readonly ExpSpec Keep = new(ExpirationKind.KeepTtl, 0);

    public static readonly ExpSpec Persist = new(ExpirationKind.Persist, 0);

    /// <summary>A raw PXAT value (not an offset), for the invalid 0 and negative cases.</summary>
    public static ExpSpec RawAbsolute(long unixMs) => new((ExpirationKind)100, unixMs);

    public static ExpSpec Relative(long ms) => new(ExpirationKind.Relative, ms);

    public static ExpSpec Absolute(long offsetFromStart) => new(ExpirationKind.Absolute, offsetFromStart);

    public Expiration ToExpiration(long startMs) => Kind switch
    {
        ExpirationKind.None => Expiration.None,
        ExpirationKind.KeepTtl => Expiration.KeepTtl,
        ExpirationKind.Persist => Expiration.Persist,
        ExpirationKind.Relative => Expiration.InMilliseconds(Value),
        ExpirationKind.Absolute => Expiration.AtUnixMilliseconds(startMs + Value),
        _ => Expiration.AtUnixMilliseconds(Value),
    };

    /// <summary>The absolute unix-ms PXAT value, or null when this is not an absolute expiry.</summary>
    public long? AbsoluteMs(long startMs) => Kind switch
    {
        ExpirationKind.Absolute => startMs + Value,
        (ExpirationKind)100 => Value,
        _ => null,
    };

    public override string ToString() => Kind switch
    {
        ExpirationKind.None => "",
        ExpirationKind.KeepTtl => " KEEPTTL",
        ExpirationKind.Persist => " PERSIST",
        ExpirationKind.Relative => $" PX {Value}",
        ExpirationKind.Absolute => $" PXAT start{(Value >= 0 ? "+" : "")}{Value}",
        _ => $" PXAT {Value}",
    };
}

/// <summary>A stored value in the reference model.</summary>
public sealed class ModelEntry(byte[] value, long? expireAt)
{
    public byte[] Value { get; set; } = value;

    public long? ExpireAt { get; set; } = expireAt;
}

/// <summary>The reference model: one dictionary per database, a clock, and Redis's rules written plainly.</summary>
public sealed class RefModel
{
    public const int Databases = 2;

    public const long MaxStringLength = 512L * 1024 * 1024;

    public RefModel(long startMs)
    {
        StartMs = startMs;
        NowMs = startMs;
        for (var i = 0; i < Databases; i++)
        {
            Dbs[i] = new Dictionary<string, ModelEntry>(StringComparer.Ordinal);
        }
    }

    public long StartMs { get; }

    public long NowMs { get; set; }

    public Dictionary<string, ModelEntry>[] Dbs { get; } = new Dictionary<string, ModelEntry>[Databases];

    /// <summary>Redis expires a key when now &gt; expireAt.</summary>
    public ModelEntry? Live(int db, string key) =>
        Dbs[db].TryGetValue(key, out var e) && (e.ExpireAt is not { } at || NowMs <= at) ? e : null;

    public void Put(int db, string key, byte[] value, long? expireAt) => Dbs[db][key] = new ModelEntry(value, expireAt);

    /// <summary>Removes a live key (expired entries are left alone: the store may or may not have reclaimed them).</summary>
    public bool RemoveLive(int db, string key)
    {
        if (Live(db, key) is null)
        {
            return false;
        }

        Dbs[db].Remove(key);
        return true;
    }

    public int LiveCount(int db) => Dbs[db].Keys.Count(k => Live(db, k) is not null);

    public static bool TryParseStrictInt64(byte[] bytes, out long value)
    {
        value = 0;
        var s = Encoding.Latin1.GetString(bytes);
        if (s.Length == 0 || s.Length > 20)
        {
            return false;
        }

        if (s == "0")
        {
            return true;
        }

        var i = s[0] == '-' ? 1 : 0;
        if (i == s.Length || s[i] is < '1' or > '9')
        {
            return false; // "-", "-0", leading zero, '+', space...
        }

        for (var j = i; j < s.Length; j++)
        {
            if (s[j] is < '0' or > '9')
            {
                return false;
            }
        }

        return long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    public static byte[] Format(long n) => Encoding.ASCII.GetBytes(n.ToString(CultureInfo.InvariantCulture));
}

/// <summary>The normalized reply of a command, for comparison.</summary>
public static class Reply
{
    public static string Of(RedisValue v) => v.IsNull ? "(nil)" : $"\"{ModelValue.Escape(Encoding.Latin1.GetString(v.ToArray()!))}\"";

    public static string Of(byte[]? v) => v is null ? "(nil)" : $"\"{ModelValue.Escape(Encoding.Latin1.GetString(v))}\"";

    public static string Of(bool b) => b ? "(true)" : "(false)";

    public static string Of(long n) => "(integer) " + n.ToString(CultureInfo.InvariantCulture);

    public static string OfMs(long? ms) => ms is { } m ? "(ms) " + m.ToString(CultureInfo.InvariantCulture) : "(null)";

    public static string Error(string message) => "(error) " + message;

    public static string List(IEnumerable<string> items) => "[" + string.Join(", ", items) + "]";
}

/// <summary>What a command runs against: the store (database 0), its fake clock and the clock's start in Unix ms.</summary>
public sealed record StoreContext(IDataStore Store, FakeTimeProvider Clock, long StartMs);

/// <summary>One command of a sequence: runs on the store and on the model, each giving a normalized reply.</summary>
public abstract record Command
{
    public abstract string OnStore(StoreContext c);

    public abstract string OnModel(RefModel m);

    /// <summary>Some replies may legitimately differ in a bounded way (DBSIZE counts unreclaimed keys); by default they must be equal.</summary>
    public virtual bool Matches(string modelReply, string storeReply, RefModel m) => modelReply == storeReply;

    protected static IDataStore View(IDataStore db0, int db) => db0.GetDatabase(db);

    protected static string Db(int db) => db == 0 ? "" : $" @db{db}";
}

public sealed record SetCmd(int DbIndex, string Key, ModelValue Value, ExpSpec Exp, When When, bool Get) : Command
{
    public override string OnStore(StoreContext c)
    {
        var db = View(c.Store, DbIndex);
        return Get
            ? Reply.Of(db.StringSetAndGet(Key, Value.ToRedisValue(), Exp.ToExpiration(c.StartMs), When))
            : Reply.Of(db.StringSet(Key, Value.ToRedisValue(), Exp.ToExpiration(c.StartMs), When));
    }

    public override string OnModel(RefModel m)
    {
        long? expireAt = null;
        switch (Exp.Kind)
        {
            case ExpirationKind.Persist:
                return Reply.Error(ErrorMessages.Syntax);
            case ExpirationKind.Relative:
                if (Exp.Value <= 0 || Exp.Value > long.MaxValue - m.NowMs)
                {
                    return Reply.Error(ErrorMessages.InvalidExpireTime("set"));
                }

                expireAt = m.NowMs + Exp.Value;
                break;
            case ExpirationKind.None:
            case ExpirationKind.KeepTtl:
                break;
            default:
                var abs = Exp.AbsoluteMs(m.StartMs)!.Value;
                if (abs <= 0)
                {
                    return Reply.Error(ErrorMessages.InvalidExpireTime("set"));
                }

                expireAt = abs;
                break;
        }

        var old = m.Live(DbIndex, Key);
        var write = When switch
        {
            When.NotExists => old is null,
            When.Exists => old is not null,
            _ => true,
        };
        if (write)
        {
            if (Exp.Kind == ExpirationKind.KeepTtl)
            {
                expireAt = old?.ExpireAt;
            }

            m.Put(DbIndex, Key, Value.Bytes, expireAt);
        }

        return Get ? Reply.Of(old?.Value) : Reply.Of(write);
    }

    public override string ToString() =>
        $"SET {Key} {Value}{Exp}{(When == When.NotExists ? " NX" : When == When.Exists ? " XX" : "")}{(Get ? " GET" : "")}{Db(DbIndex)}";
}

public sealed record GetCmd(int DbIndex, string Key) : Command
{
    public override string OnStore(StoreContext c) => Reply.Of(View(c.Store, DbIndex).StringGet(Key));

    public override string OnModel(RefModel m) => Reply.Of(m.Live(DbIndex, Key)?.Value);

    public override string ToString() => $"GET {Key}{Db(DbIndex)}";
}

/// <summary>Only for the harness self-test: a GET whose model reply is wrong on purpose.</summary>
public sealed record BrokenGetCmd(int DbIndex, string Key) : Command
{
    public override string OnStore(StoreContext c) => Reply.Of(View(c.Store, DbIndex).StringGet(Key));

    public override string OnModel(RefModel m) => "(wrong)";

    public override string ToString() => $"BROKEN-GET {Key}";
}

public sealed record MGetCmd(int DbIndex, string[] Keys) : Command
{
    public override string OnStore(StoreContext c) =>
        Reply.List(View(c.Store, DbIndex).StringGet(Keys.Select(k => (RedisKey)k).ToArray()).Select(Reply.Of));

    public override string OnModel(RefModel m) => Reply.List(Keys.Select(k => Reply.Of(m.Live(DbIndex, k)?.Value)));

    public override string ToString() => $"MGET {string.Join(" ", Keys)}{Db(DbIndex)}";
}

public sealed record GetSetCmd(int DbIndex, string Key, ModelValue Value) : Command
{
    public override string OnStore(StoreContext c) => Reply.Of(View(c.Store, DbIndex).StringGetSet(Key, Value.ToRedisValue()));

    public override string OnModel(RefModel m)
    {
        var old = m.Live(DbIndex, Key)?.Value;
        m.Put(DbIndex, Key, Value.Bytes, null);
        return Reply.Of(old);
    }

    public override string ToString() => $"GETSET {Key} {Value}{Db(DbIndex)}";
}

public sealed record MSetCmd(int DbIndex, (string Key, ModelValue Value)[] Pairs, bool Nx) : Command
{
    public override string OnStore(StoreContext c) =>
        Reply.Of(View(c.Store, DbIndex).StringSet(
            Pairs.Select(p => new KeyValuePair<RedisKey, RedisValue>(p.Key, p.Value.ToRedisValue())).ToArray(),
            Nx ? When.NotExists : When.Always));

    public override string OnModel(RefModel m)
    {
        if (Nx && Pairs.Any(p => m.Live(DbIndex, p.Key) is not null))
        {
            return Reply.Of(false);
        }

        foreach (var (key, value) in Pairs)
        {
            m.Put(DbIndex, key, value.Bytes, null);
        }

        return Reply.Of(true);
    }

    public override string ToString() =>
        $"{(Nx ? "MSETNX" : "MSET")} {string.Join(" ", Pairs.Select(p => $"{p.Key} {p.Value}"))}{Db(DbIndex)}";
}

public sealed record IncrByCmd(int DbIndex, string Key, long By, bool Decrement) : Command
{
    public override string OnStore(StoreContext c)
    {
        var db = View(c.Store, DbIndex);
        return Reply.Of(Decrement ? db.StringDecrement(Key, By) : db.StringIncrement(Key, By));
    }

    public override string OnModel(RefModel m)
    {
        if (Decrement && By == long.MinValue)
        {
            return Reply.Error(ErrorMessages.DecrementOverflow);
        }

        var delta = Decrement ? -By : By;
        var e = m.Live(DbIndex, Key);
        long current = 0;
        if (e is not null && !RefModel.TryParseStrictInt64(e.Value, out current))
        {
            return Reply.Error(ErrorMessages.NotInteger);
        }

        long result;
        try
        {
            result = checked(current + delta);
        }
        catch (OverflowException)
        {
            return Reply.Error(ErrorMessages.IncrementOverflow);
        }

        m.Put(DbIndex, Key, RefModel.Format(result), e?.ExpireAt);
        return Reply.Of(result);
    }

    public override string ToString() => $"{(Decrement ? "DECRBY" : "INCRBY")} {Key} {By}{Db(DbIndex)}";
}

public sealed record AppendCmd(int DbIndex, string Key, ModelValue Value) : Command
{
    public override string OnStore(StoreContext c) => Reply.Of(View(c.Store, DbIndex).StringAppend(Key, Value.ToRedisValue()));

    public override string OnModel(RefModel m)
    {
        var e = m.Live(DbIndex, Key);
        var value = e is null ? Value.Bytes : [.. e.Value, .. Value.Bytes];
        m.Put(DbIndex, Key, value, e?.ExpireAt);
        return Reply.Of(value.Length);
    }

    public override string ToString() => $"APPEND {Key} {Value}{Db(DbIndex)}";
}

public sealed record StrlenCmd(int DbIndex, string Key) : Command
{
    public override string OnStore(StoreContext c) => Reply.Of(View(c.Store, DbIndex).StringLength(Key));

    public override string OnModel(RefModel m) => Reply.Of(m.Live(DbIndex, Key)?.Value.Length ?? 0);

    public override string ToString() => $"STRLEN {Key}{Db(DbIndex)}";
}

public sealed record GetRangeCmd(int DbIndex, string Key, long Start, long End) : Command
{
    public override string OnStore(StoreContext c) => Reply.Of(View(c.Store, DbIndex).StringGetRange(Key, Start, End));

    public override string OnModel(RefModel m)
    {
        var v = m.Live(DbIndex, Key)?.Value ?? [];
        long len = v.Length;
        if (Start < 0 && End < 0 && Start > End)
        {
            return Reply.Of(Array.Empty<byte>()); // Redis 7.0 checks this before converting negative indexes
        }

        var start = Start < 0 ? len + Start : Start;
        var end = End < 0 ? len + End : End;
        start = Math.Max(start, 0);
        end = Math.Max(end, 0);
        end = Math.Min(end, len - 1);
        if (len == 0 || start > end)
        {
            return Reply.Of(Array.Empty<byte>());
        }

        return Reply.Of(v[(int)start..(int)(end + 1)]);
    }

    public override string ToString() => $"GETRANGE {Key} {Start} {End}{Db(DbIndex)}";
}

public sealed record SetRangeCmd(int DbIndex, string Key, long Offset, ModelValue Value) : Command
{
    public override string OnStore(StoreContext c) => Reply.Of(View(c.Store, DbIndex).StringSetRange(Key, Offset, Value.ToRedisValue()));

    public override string OnModel(RefModel m)
    {
        if (Offset < 0)
        {
            return Reply.Error(ErrorMessages.OffsetOutOfRange);
        }

        var e = m.Live(DbIndex, Key);
        var add = Value.Bytes;
        if (add.Length == 0)
        {
            return Reply.Of(e?.Value.Length ?? 0);
        }

        if (Offset > RefModel.MaxStringLength - add.Length)
        {
            return Reply.Error(ErrorMessages.StringTooLong);
        }

        var old = e?.Value ?? [];
        var result = new byte[Math.Max(old.Length, Offset + add.Length)];
        old.CopyTo(result, 0);
        add.CopyTo(result, Offset);
        m.Put(DbIndex, Key, result, e?.ExpireAt);
        return Reply.Of(result.Length);
    }

    public override string ToString() => $"SETRANGE {Key} {Offset} {Value}{Db(DbIndex)}";
}

public sealed record GetDelCmd(int DbIndex, string Key) : Command
{
    public override string OnStore(StoreContext c) => Reply.Of(View(c.Store, DbIndex).StringGetDelete(Key));

    public override string OnModel(RefModel m)
    {
        var v = m.Live(DbIndex, Key)?.Value;
        m.RemoveLive(DbIndex, Key);
        return Reply.Of(v);
    }

    public override string ToString() => $"GETDEL {Key}{Db(DbIndex)}";
}

public sealed record GetExCmd(int DbIndex, string Key, ExpSpec Exp) : Command
{
    public override string OnStore(StoreContext c) => Reply.Of(View(c.Store, DbIndex).StringGetSetExpiry(Key, Exp.ToExpiration(c.StartMs)));

    public override string OnModel(RefModel m)
    {
        if (Exp.Kind == ExpirationKind.KeepTtl)
        {
            return Reply.Error(ErrorMessages.Syntax);
        }

        var e = m.Live(DbIndex, Key);
        if (e is null)
        {
            return Reply.Of((byte[]?)null);
        }

        switch (Exp.Kind)
        {
            case ExpirationKind.None:
                break;
            case ExpirationKind.Persist:
                e.ExpireAt = null;
                break;
            case ExpirationKind.Relative:
                if (Exp.Value <= 0 || Exp.Value > long.MaxValue - m.NowMs)
                {
                    return Reply.Error(ErrorMessages.InvalidExpireTime("getex"));
                }

                e.ExpireAt = m.NowMs + Exp.Value;
                break;
            default:
                var abs = Exp.AbsoluteMs(m.StartMs)!.Value;
                if (abs <= 0)
                {
                    return Reply.Error(ErrorMessages.InvalidExpireTime("getex"));
                }

                if (abs <= m.NowMs)
                {
                    m.RemoveLive(DbIndex, Key);
                }
                else
                {
                    e.ExpireAt = abs;
                }

                break;
        }

        return Reply.Of(e.Value);
    }

    public override string ToString() => $"GETEX {Key}{Exp}{Db(DbIndex)}";
}

public sealed record DelCmd(int DbIndex, string[] Keys) : Command
{
    public override string OnStore(StoreContext c) =>
        Keys.Length == 1
            ? Reply.Of(View(c.Store, DbIndex).KeyDelete(Keys[0]) ? 1 : 0)
            : Reply.Of(View(c.Store, DbIndex).KeyDelete(Keys.Select(k => (RedisKey)k).ToArray()));

    public override string OnModel(RefModel m) => Reply.Of(Keys.Distinct(StringComparer.Ordinal).Count(k => m.RemoveLive(DbIndex, k)));

    public override string ToString() => $"DEL {string.Join(" ", Keys)}{Db(DbIndex)}";
}

public sealed record ExistsCmd(int DbIndex, string[] Keys) : Command
{
    public override string OnStore(StoreContext c) =>
        Reply.Of(View(c.Store, DbIndex).KeyExists(Keys.Select(k => (RedisKey)k).ToArray()));

    public override string OnModel(RefModel m) => Reply.Of(Keys.Count(k => m.Live(DbIndex, k) is not null));

    public override string ToString() => $"EXISTS {string.Join(" ", Keys)}{Db(DbIndex)}";
}

public sealed record TypeCmd(int DbIndex, string Key) : Command
{
    public override string OnStore(StoreContext c) => View(c.Store, DbIndex).KeyType(Key).ToString();

    public override string OnModel(RefModel m) => (m.Live(DbIndex, Key) is null ? RedisType.None : RedisType.String).ToString();

    public override string ToString() => $"TYPE {Key}{Db(DbIndex)}";
}

/// <summary>EXPIRE/PEXPIRE (relative, <see cref="Absolute"/> false) or PEXPIREAT (offset from the clock's start).</summary>
public sealed record ExpireCmd(int DbIndex, string Key, long Ms, ExpireWhen When, bool Absolute) : Command
{
    public override string OnStore(StoreContext c)
    {
        var db = View(c.Store, DbIndex);
        return Reply.Of(Absolute
            ? db.KeyExpire(Key, DateTimeOffset.FromUnixTimeMilliseconds(c.StartMs + Ms), When)
            : db.KeyExpire(Key, TimeSpan.FromMilliseconds(Ms), When));
    }

    public override string OnModel(RefModel m)
    {
        var nx = When.HasFlag(ExpireWhen.HasNoExpiry);
        var xx = When.HasFlag(ExpireWhen.HasExpiry);
        var gt = When.HasFlag(ExpireWhen.GreaterThanCurrentExpiry);
        var lt = When.HasFlag(ExpireWhen.LessThanCurrentExpiry);
        if (nx && (xx || gt || lt))
        {
            return Reply.Error(ErrorMessages.ExpireNxAndOthers);
        }

        if (gt && lt)
        {
            return Reply.Error(ErrorMessages.ExpireGtAndLt);
        }

        var e = m.Live(DbIndex, Key);
        if (e is null)
        {
            return Reply.Of(false);
        }

        var at = Absolute ? m.StartMs + Ms : m.NowMs + Ms;
        var current = e.ExpireAt;
        if ((nx && current is not null) ||
            (xx && current is null) ||
            (gt && (current is null || at <= current)) ||
            (lt && current is not null && at >= current))
        {
            return Reply.Of(false);
        }

        if (at <= m.NowMs)
        {
            m.RemoveLive(DbIndex, Key);
        }
        else
        {
            e.ExpireAt = at;
        }

        return Reply.Of(true);
    }

    public override string ToString()
    {
        var flags = new List<string>();
        if (When.HasFlag(ExpireWhen.HasNoExpiry))
        {
            flags.Add("NX");
        }

        if (When.HasFlag(ExpireWhen.HasExpiry))
        {
            flags.Add("XX");
        }

        if (When.HasFlag(ExpireWhen.GreaterThanCurrentExpiry))
        {
            flags.Add("GT");
        }

        if (When.HasFlag(ExpireWhen.LessThanCurrentExpiry))
        {
            flags.Add("LT");
        }

        var time = Absolute ? $"PEXPIREAT {Key} start{(Ms >= 0 ? "+" : "")}{Ms}" : $"PEXPIRE {Key} {Ms}";
        return time + (flags.Count > 0 ? " " + string.Join(" ", flags) : "") + Db(DbIndex);
    }
}

public sealed record PersistCmd(int DbIndex, string Key) : Command
{
    public override string OnStore(StoreContext c) => Reply.Of(View(c.Store, DbIndex).KeyPersist(Key));

    public override string OnModel(RefModel m)
    {
        var e = m.Live(DbIndex, Key);
        if (e?.ExpireAt is null)
        {
            return Reply.Of(false);
        }

        e.ExpireAt = null;
        return Reply.Of(true);
    }

    public override string ToString() => $"PERSIST {Key}{Db(DbIndex)}";
}

public sealed record PttlCmd(int DbIndex, string Key) : Command
{
    public override string OnStore(StoreContext c)
    {
        var db = View(c.Store, DbIndex);
        var ttl = db.KeyTimeToLive(Key);
        var at = db.KeyExpireTime(Key);
        return Reply.OfMs(ttl is { } t ? (long)t.TotalMilliseconds : null) + " at " + Reply.OfMs(at?.ToUnixTimeMilliseconds() - c.StartMs);
    }

    public override string OnModel(RefModel m)
    {
        var at = m.Live(DbIndex, Key)?.ExpireAt;
        return Reply.OfMs(at - m.NowMs) + " at " + Reply.OfMs(at - m.StartMs);
    }

    public override string ToString() => $"PTTL+PEXPIRETIME {Key}{Db(DbIndex)}";
}

public sealed record RenameCmd(int DbIndex, string Key, string NewKey, bool Nx) : Command
{
    public override string OnStore(StoreContext c) =>
        Reply.Of(View(c.Store, DbIndex).KeyRename(Key, NewKey, Nx ? When.NotExists : When.Always));

    public override string OnModel(RefModel m)
    {
        var e = m.Live(DbIndex, Key);
        if (e is null)
        {
            return Reply.Error(ErrorMessages.NoSuchKey);
        }

        if (Key == NewKey)
        {
            return Reply.Of(!Nx);
        }

        if (Nx && m.Live(DbIndex, NewKey) is not null)
        {
            return Reply.Of(false);
        }

        m.RemoveLive(DbIndex, Key);
        m.Put(DbIndex, NewKey, e.Value, e.ExpireAt);
        return Reply.Of(true);
    }

    public override string ToString() => $"{(Nx ? "RENAMENX" : "RENAME")} {Key} {NewKey}{Db(DbIndex)}";
}

public sealed record CopyCmd(int DbIndex, string Source, string Destination, int DestinationDb, bool Replace) : Command
{
    public override string OnStore(StoreContext c) =>
        Reply.Of(View(c.Store, DbIndex).KeyCopy(Source, Destination, DestinationDb, Replace));

    public override string OnModel(RefModel m)
    {
        if (DestinationDb != -1 && (DestinationDb < 0 || DestinationDb >= RefModel.Databases))
        {
            return Reply.Error(ErrorMessages.DbIndexOutOfRange);
        }

        var target = DestinationDb == -1 ? DbIndex : DestinationDb;
        if (target == DbIndex && Source == Destination)
        {
            return Reply.Error(ErrorMessages.SameObject);
        }

        var e = m.Live(DbIndex, Source);
        if (e is null)
        {
            return Reply.Of(false);
        }

        if (m.Live(target, Destination) is not null && !Replace)
        {
            return Reply.Of(false);
        }

        m.Put(target, Destination, [.. e.Value], e.ExpireAt);
        return Reply.Of(true);
    }

    public override string ToString() =>
        $"COPY {Source} {Destination}{(DestinationDb == -1 ? "" : $" DB {DestinationDb}")}{(Replace ? " REPLACE" : "")}{Db(DbIndex)}";
}

public sealed record MoveCmd(int DbIndex, string Key, int DestinationDb) : Command
{
    public override string OnStore(StoreContext c) => Reply.Of(View(c.Store, DbIndex).KeyMove(Key, DestinationDb));

    public override string OnModel(RefModel m)
    {
        if (DestinationDb < 0 || DestinationDb >= RefModel.Databases)
        {
            return Reply.Error(ErrorMessages.DbIndexOutOfRange);
        }

        if (DestinationDb == DbIndex)
        {
            return Reply.Error(ErrorMessages.SameObject);
        }

        var e = m.Live(DbIndex, Key);
        if (e is null || m.Live(DestinationDb, Key) is not null)
        {
            return Reply.Of(false);
        }

        m.RemoveLive(DbIndex, Key);
        m.Put(DestinationDb, Key, e.Value, e.ExpireAt);
        return Reply.Of(true);
    }

    public override string ToString() => $"MOVE {Key} {DestinationDb}{Db(DbIndex)}";
}

/// <summary>DBSIZE: the store may still count expired keys it has not reclaimed yet, so the reply must lie between the
/// number of live keys and the number of entries the model holds (live or expired-but-never-removed).</summary>
public sealed record DbSizeCmd(int DbIndex) : Command
{
    public override string OnStore(StoreContext c) => Reply.Of(View(c.Store, DbIndex).DatabaseSize());

    public override string OnModel(RefModel m) => Reply.Of(m.LiveCount(DbIndex));

    public override bool Matches(string modelReply, string storeReply, RefModel m)
    {
        if (!storeReply.StartsWith("(integer) ", StringComparison.Ordinal))
        {
            return false;
        }

        var actual = long.Parse(storeReply["(integer) ".Length..], CultureInfo.InvariantCulture);
        return actual >= m.LiveCount(DbIndex) && actual <= m.Dbs[DbIndex].Count;
    }

    public override string ToString() => $"DBSIZE{Db(DbIndex)}";
}

public sealed record KeysCmd(int DbIndex) : Command
{
    public override string OnStore(StoreContext c) =>
        Reply.List(View(c.Store, DbIndex).Keys().Select(k => k.ToString()!).OrderBy(s => s, StringComparer.Ordinal));

    public override string OnModel(RefModel m) =>
        Reply.List(m.Dbs[DbIndex].Keys.Where(k => m.Live(DbIndex, k) is not null).OrderBy(s => s, StringComparer.Ordinal));

    public override string ToString() => $"KEYS *{Db(DbIndex)}";
}

public sealed record AdvanceCmd(long Ms) : Command
{
    public override string OnStore(StoreContext c)
    {
        c.Clock.AdvanceMilliseconds(Ms);
        return "advanced";
    }

    public override string OnModel(RefModel m)
    {
        m.NowMs += Ms;
        return "advanced";
    }

    public override string ToString() => $"(advance {Ms} ms)";
}

/// <summary>Runs a sequence on a fresh store and a fresh model, comparing each reply.</summary>
public static class ModelRunner
{
    // A multiple of 10 ms: advances are multiples of 10 and absolute times end in 7, so a PXAT never equals "now".
    public static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeMilliseconds(1_767_225_600_000);

    public static void Verify(Command[] commands)
    {
        var clock = new FakeTimeProvider(Start);
        var options = new RedisLiteOptions
        {
            Databases = RefModel.Databases,
            ActiveExpiry = true,
            ActiveExpiryInterval = TimeSpan.FromMilliseconds(100),
        };
        using var store = new DataStore(options, clock);
        var startMs = Start.ToUnixTimeMilliseconds();
        var model = new RefModel(startMs);
        var context = new StoreContext(store, clock, startMs);
        var trace = new StringBuilder();
        for (var i = 0; i < commands.Length; i++)
        {
            var command = commands[i];
            var expected = command.OnModel(model);
            string actual;
            try
            {
                actual = command.OnStore(context);
            }
            catch (RedisException ex)
            {
                actual = Reply.Error(ex.Message);
            }
            catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
            {
                actual = $"(exception) {ex.GetType().Name}: {ex.Message}";
            }

            trace.Append(CultureInfo.InvariantCulture, $"  {i,2}: {command} -> {actual}\n");
            if (!command.Matches(expected, actual, model))
            {
                throw new Xunit.Sdk.XunitException(
                    $"Step {i} `{command}`: model replied {expected} but the store replied {actual}.\n" +
                    $"Sequence run so far (store replies):\n{trace}");
            }
        }
    }
}

/// <summary>Generators for command sequences over 4 keys and 2 databases.</summary>
public static class ModelGen
{
    private static readonly string[] KeyNames = ["k0", "k1", "k2", "k3"];

    private static readonly string[] Texts = ["", "a", "bc", "hello", "10", "-3", "0", "01", "-0", " 7", "9223372036854775807", "-9223372036854775808", "1.5", "x\u00e9"];

    private static readonly long[] RelativeMs = [1, 10, 50, 100, 250, 1000, 5000];

    private static readonly long[] AbsoluteOffsets = [-1003, -3, 7, 57, 107, 507, 1007, 5007];

    private static readonly long[] Deltas = [1, -1, 2, 5, -7, 100, long.MaxValue, long.MinValue, long.MaxValue - 3, long.MinValue + 2];

    private static readonly long[] RangeIndexes = [-100, -5, -2, -1, 0, 1, 2, 4, 100];

    private static readonly long[] SetRangeOffsets = [-1, 0, 1, 2, 3, 8, RefModel.MaxStringLength, long.MaxValue];

    private static readonly long[] ExpireMs = [-100, 0, 1, 10, 50, 100, 250, 1000, 5000];

    private static readonly long[] AdvanceMs = [0, 10, 50, 100, 250, 1000, 5000];

    private static readonly ExpireWhen[] ExpireConditions =
    [
        ExpireWhen.Always, ExpireWhen.Always, ExpireWhen.Always,
        ExpireWhen.HasNoExpiry, ExpireWhen.HasExpiry, ExpireWhen.GreaterThanCurrentExpiry, ExpireWhen.LessThanCurrentExpiry,
        ExpireWhen.HasExpiry | ExpireWhen.GreaterThanCurrentExpiry, ExpireWhen.HasExpiry | ExpireWhen.LessThanCurrentExpiry,
        ExpireWhen.HasNoExpiry | ExpireWhen.HasExpiry, ExpireWhen.HasNoExpiry | ExpireWhen.LessThanCurrentExpiry,
        ExpireWhen.GreaterThanCurrentExpiry | ExpireWhen.LessThanCurrentExpiry,
    ];

    private static Gen<int> DbGen => Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Constant(1)));

    private static Gen<string> KeyGen => Gen.Elements(KeyNames);

    private static Gen<string[]> KeysGen => Gen.Choose(1, 3).SelectMany(n => Gen.ArrayOf(KeyGen, n));

    private static Gen<ModelValue> ValueGen =>
        from text in Gen.Elements(Texts)
        from form in Gen.Choose(0, 3)
        select new ModelValue(text, form);

    private static Gen<ExpSpec> SetExpGen => Gen.Frequency(
        (6, Gen.Constant(ExpSpec.None)),
        (4, Gen.Elements(RelativeMs).Select(ExpSpec.Relative)),
        (3, Gen.Elements(AbsoluteOffsets).Select(ExpSpec.Absolute)),
        (2, Gen.Constant(ExpSpec.Keep)),
        (1, Gen.Elements(0L, -1L, long.MaxValue).Select(ExpSpec.Relative)),
        (1, Gen.Elements(0L, -7L).Select(ExpSpec.RawAbsolute)),
        (1, Gen.Constant(ExpSpec.Persist)));

    private static Gen<ExpSpec> GetExExpGen => Gen.Frequency(
        (3, Gen.Constant(ExpSpec.None)),
        (3, Gen.Constant(ExpSpec.Persist)),
        (3, Gen.Elements(RelativeMs).Select(ExpSpec.Relative)),
        (3, Gen.Elements(AbsoluteOffsets).Select(ExpSpec.Absolute)),
        (1, Gen.Constant(ExpSpec.Keep)),
        (1, Gen.Elements(0L, -1L, long.MaxValue).Select(ExpSpec.Relative)),
        (1, Gen.Elements(0L, -7L).Select(ExpSpec.RawAbsolute)));

    private static Gen<Command> CommandGen => Gen.Frequency(
        (10, from db in DbGen from k in KeyGen from v in ValueGen from e in SetExpGen
             from w in Gen.Elements(When.Always, When.Always, When.NotExists, When.Exists) from get in Gen.Elements(false, false, true)
             select (Command)new SetCmd(db, k, v, e, w, get)),
        (6, from db in DbGen from k in KeyGen select (Command)new GetCmd(db, k)),
        (2, from db in DbGen from ks in KeysGen select (Command)new MGetCmd(db, ks)),
        (2, from db in DbGen from k in KeyGen from v in ValueGen select (Command)new GetSetCmd(db, k, v)),
        (2, from db in DbGen from n in Gen.Choose(1, 3) from ks in Gen.ArrayOf(KeyGen, n) from vs in Gen.ArrayOf(ValueGen, n) from nx in Gen.Elements(false, true)
            select (Command)new MSetCmd(db, ks.Zip(vs).ToArray(), nx)),
        (5, from db in DbGen from k in KeyGen from delta in Gen.Elements(Deltas) from dec in Gen.Elements(false, true)
            select (Command)new IncrByCmd(db, k, delta, dec)),
        (3, from db in DbGen from k in KeyGen from v in ValueGen select (Command)new AppendCmd(db, k, v)),
        (2, from db in DbGen from k in KeyGen select (Command)new StrlenCmd(db, k)),
        (3, from db in DbGen from k in KeyGen from s in Gen.Elements(RangeIndexes) from e in Gen.Elements(RangeIndexes)
            select (Command)new GetRangeCmd(db, k, s, e)),
        (3, from db in DbGen from k in KeyGen from o in Gen.Elements(SetRangeOffsets) from v in ValueGen
            select (Command)new SetRangeCmd(db, k, o, v)),
        (2, from db in DbGen from k in KeyGen select (Command)new GetDelCmd(db, k)),
        (3, from db in DbGen from k in KeyGen from e in GetExExpGen select (Command)new GetExCmd(db, k, e)),
        (3, from db in DbGen from ks in KeysGen select (Command)new DelCmd(db, ks)),
        (2, from db in DbGen from ks in KeysGen select (Command)new ExistsCmd(db, ks)),
        (1, from db in DbGen from k in KeyGen select (Command)new TypeCmd(db, k)),
        (5, from db in DbGen from k in KeyGen from ms in Gen.Elements(ExpireMs) from w in Gen.Elements(ExpireConditions)
            select (Command)new ExpireCmd(db, k, ms, w, false)),
        (2, from db in DbGen from k in KeyGen from off in Gen.Elements(AbsoluteOffsets) from w in Gen.Elements(ExpireConditions)
            select (Command)new ExpireCmd(db, k, off, w, true)),
        (2, from db in DbGen from k in KeyGen select (Command)new PersistCmd(db, k)),
        (4, from db in DbGen from k in KeyGen select (Command)new PttlCmd(db, k)),
        (3, from db in DbGen from a in KeyGen from b in KeyGen from nx in Gen.Elements(false, true) select (Command)new RenameCmd(db, a, b, nx)),
        (3, from db in DbGen from a in KeyGen from b in KeyGen from dst in Gen.Elements(-1, -1, 0, 1, 2, -2) from r in Gen.Elements(false, true)
            select (Command)new CopyCmd(db, a, b, dst, r)),
        (2, from db in DbGen from k in KeyGen from dst in Gen.Elements(0, 1, 1, 0, 2, -1) select (Command)new MoveCmd(db, k, dst)),
        (2, from db in DbGen select (Command)new DbSizeCmd(db)),
        (2, from db in DbGen select (Command)new KeysCmd(db)),
        (6, from ms in Gen.Elements(AdvanceMs) select (Command)new AdvanceCmd(ms)));

    public static Arbitrary<Command[]> Sequences() =>
        Arb.From(Gen.Choose(1, 40).SelectMany(n => Gen.ArrayOf(CommandGen, n)), Shrink);

    /// <summary>Shrinks a sequence by dropping chunks, then single commands (keeping order).</summary>
    public static IEnumerable<Command[]> Shrink(Command[] commands)
    {
        if (commands.Length <= 1)
        {
            yield break;
        }

        for (var chunk = commands.Length / 2; chunk >= 1; chunk /= 2)
        {
            for (var start = 0; start + chunk <= commands.Length; start += chunk)
            {
                yield return [.. commands[..start], .. commands[(start + chunk)..]];
            }
        }
    }
}
