using System.Buffers.Text;

namespace RedisLite.Server.Commands;

/// <summary>The generic key commands: DEL, EXISTS, TYPE, the EXPIRE and TTL families, RENAME, COPY, MOVE, KEYS, SCAN,
/// RANDOMKEY and TOUCH.</summary>
internal static class KeyCommands
{
    private const string InvalidCursor = "ERR invalid cursor";

    /// <summary>Redis's reply to a valid integer outside a 32-bit argument's range (MOVE's database index).</summary>
    private const string IntOutOfRange = "ERR value is out of range, value must between -2147483648 and 2147483647";

    /// <summary>Adds this family's commands to <paramref name="table"/>.</summary>
    public static void Register(CommandTable table)
    {
        const string group = "generic";
        const CommandFlags readFast = CommandFlags.ReadOnly | CommandFlags.Fast;
        const CommandFlags writeFast = CommandFlags.Write | CommandFlags.Fast;
        table.Add("del", -2, CommandFlags.Write, 1, -1, 1, c => c.Reply.Integer(c.Store.KeyDelete(c.Keys(1))), group, "1.0.0", "Delete a key");
        table.Add("unlink", -2, writeFast, 1, -1, 1, c => c.Reply.Integer(c.Store.KeyUnlink(c.Keys(1))), group, "4.0.0", "Delete a key asynchronously in another thread. Otherwise it is just as DEL, but non blocking.");
        table.Add("exists", -2, readFast, 1, -1, 1, c => c.Reply.Integer(c.Store.KeyExists(c.Keys(1))), group, "1.0.0", "Determine if a key exists");
        table.Add("type", 2, readFast, 1, 1, 1, c => c.Reply.SimpleString(TypeName(c.Store.KeyType(c.Key(1)))), group, "1.0.0", "Determine the type stored at key");
        table.Add("expire", -3, writeFast, 1, 1, 1, c => Expire(c, seconds: true, relative: true), group, "1.0.0", "Set a key's time to live in seconds");
        table.Add("pexpire", -3, writeFast, 1, 1, 1, c => Expire(c, seconds: false, relative: true), group, "2.6.0", "Set a key's time to live in milliseconds");
        table.Add("expireat", -3, writeFast, 1, 1, 1, c => Expire(c, seconds: true, relative: false), group, "1.2.0", "Set the expiration for a key as a UNIX timestamp");
        table.Add("pexpireat", -3, writeFast, 1, 1, 1, c => Expire(c, seconds: false, relative: false), group, "2.6.0", "Set the expiration for a key as a UNIX timestamp specified in milliseconds");
        table.Add("persist", 2, writeFast, 1, 1, 1, c => c.Reply.Integer(c.Store.KeyPersist(c.Key(1))), group, "2.2.0", "Remove the expiration from a key");
        table.Add("ttl", 2, readFast, 1, 1, 1, c => TimeToLive(c, milliseconds: false), group, "1.0.0", "Get the time to live for a key in seconds");
        table.Add("pttl", 2, readFast, 1, 1, 1, c => TimeToLive(c, milliseconds: true), group, "2.6.0", "Get the time to live for a key in milliseconds");
        table.Add("expiretime", 2, readFast, 1, 1, 1, c => ExpireTime(c, milliseconds: false), group, "7.0.0", "Get the expiration Unix timestamp for a key");
        table.Add("pexpiretime", 2, readFast, 1, 1, 1, c => ExpireTime(c, milliseconds: true), group, "7.0.0", "Get the expiration Unix timestamp for a key in milliseconds");
        table.Add("rename", 3, CommandFlags.Write, 1, 2, 1, Rename, group, "1.0.0", "Rename a key");
        table.Add("renamenx", 3, writeFast, 1, 2, 1, c => c.Reply.Integer(c.Store.KeyRename(c.Key(1), c.Key(2), When.NotExists)), group, "1.0.0", "Rename a key, only if the new key does not exist");
        table.Add("copy", -3, CommandFlags.Write | CommandFlags.DenyOom, 1, 2, 1, Copy, group, "6.2.0", "Copy a key");
        table.Add("move", 3, writeFast, 1, 1, 1, Move, group, "1.0.0", "Move a key to another database");
        table.Add("keys", 2, CommandFlags.ReadOnly, 0, 0, 0, Keys, group, "1.0.0", "Find all keys matching the given pattern");
        table.Add("scan", -2, CommandFlags.ReadOnly, 0, 0, 0, Scan, group, "2.8.0", "Incrementally iterate the keys space");
        table.Add("randomkey", 1, CommandFlags.ReadOnly, 0, 0, 0, c => c.Reply.Bulk(c.Store.KeyRandom()), group, "1.0.0", "Return a random key from the keyspace");
        table.Add("touch", -2, readFast, 1, -1, 1, c => c.Reply.Integer(c.Store.KeyTouch(c.Keys(1))), group, "3.2.1", "Alters the last access time of a key(s). Returns the number of existing keys specified.");
    }

    /// <summary>The name <c>TYPE</c> (and <c>SCAN ... TYPE</c>) uses for a type.</summary>
    internal static string TypeName(RedisType type) => Keyspace.RedisTypeNames.Name(type);

    /// <summary>
    /// EXPIRE, PEXPIRE, EXPIREAT and PEXPIREAT in Redis's order: the NX/XX/GT/LT options (unknown ones and incompatible
    /// pairs are errors), then the time (an integer whose milliseconds, added to now for a TTL, must not overflow), then
    /// the key. A time not in the future deletes the key.
    /// </summary>
    private static void Expire(CommandContext c, bool seconds, bool relative)
    {
        var when = ExpireWhen.Always;
        for (var j = 3; j < c.Count; j++)
        {
            when |= c.Is(j, "NX"u8) ? ExpireWhen.HasNoExpiry
                : c.Is(j, "XX"u8) ? ExpireWhen.HasExpiry
                : c.Is(j, "GT"u8) ? ExpireWhen.GreaterThanCurrentExpiry
                : c.Is(j, "LT"u8) ? ExpireWhen.LessThanCurrentExpiry
                : throw new RedisException("ERR Unsupported option " + c.Text(j));
        }

        if ((when & ExpireWhen.HasNoExpiry) != 0 && when != ExpireWhen.HasNoExpiry)
        {
            throw new RedisException(ErrorMessages.ExpireNxAndOthers);
        }

        if ((when & ExpireWhen.GreaterThanCurrentExpiry) != 0 && (when & ExpireWhen.LessThanCurrentExpiry) != 0)
        {
            throw new RedisException(ErrorMessages.ExpireGtAndLt);
        }

        var time = c.Long(2);
        var invalid = new RedisException(ErrorMessages.InvalidExpireTime(c.Name));
        if (seconds)
        {
            if (time > long.MaxValue / 1000 || time < long.MinValue / 1000)
            {
                throw invalid;
            }

            time *= 1000;
        }

        var now = c.Store.NowMilliseconds();
        if (relative)
        {
            if (time > long.MaxValue - now)
            {
                throw invalid;
            }

            time += now;
        }

        c.Reply.Integer(c.Store.KeyExpireAt(c.Key(1), time, when, now));
    }

    /// <summary>TTL and PTTL: -2 for a missing key, -1 without a TTL; seconds are rounded to the nearest.</summary>
    private static void TimeToLive(CommandContext c, bool milliseconds)
    {
        var expireAt = c.Store.KeyExpireAtMilliseconds(c.Key(1));
        if (expireAt < 0)
        {
            c.Reply.Integer(expireAt);
            return;
        }

        var ttl = Math.Max(0, expireAt - c.Store.NowMilliseconds());
        c.Reply.Integer(milliseconds ? ttl : (ttl + 500) / 1000);
    }

    /// <summary>EXPIRETIME and PEXPIRETIME: -2 for a missing key, -1 without a TTL; seconds are rounded to the nearest.</summary>
    private static void ExpireTime(CommandContext c, bool milliseconds)
    {
        var expireAt = c.Store.KeyExpireAtMilliseconds(c.Key(1));
        if (expireAt < 0 || milliseconds)
        {
            c.Reply.Integer(expireAt);
            return;
        }

        // (at + 500) / 1000 without overflowing near long.MaxValue.
        c.Reply.Integer((expireAt / 1000) + (expireAt % 1000 >= 500 ? 1 : 0));
    }

    private static void Rename(CommandContext c)
    {
        c.Store.KeyRename(c.Key(1), c.Key(2));
        c.Reply.Ok();
    }

    /// <summary>COPY source destination [DB index] [REPLACE]: options are read in order, a bad DB index failing at once.</summary>
    private static void Copy(CommandContext c)
    {
        var database = -1;
        var replace = false;
        for (var j = 3; j < c.Count; j++)
        {
            if (c.Is(j, "REPLACE"u8))
            {
                replace = true;
            }
            else if (c.Is(j, "DB"u8) && j + 1 < c.Count)
            {
                database = DatabaseIndex(c, ++j);
            }
            else
            {
                throw CommandContext.SyntaxError();
            }
        }

        if (database == c.Client.DatabaseIndex)
        {
            database = -1;
        }

        c.Reply.Integer(c.Store.KeyCopy(c.Key(1), c.Key(2), database, replace));
    }

    /// <summary>MOVE key db: the index is a 32-bit integer, then a database that exists, then not this one.</summary>
    private static void Move(CommandContext c)
    {
        var database = (int)c.Long(2, int.MinValue, int.MaxValue, IntOutOfRange);
        if (database < 0 || database >= c.Server.Store.DatabaseCount)
        {
            throw new RedisException(ErrorMessages.DbIndexOutOfRange);
        }

        c.Reply.Integer(c.Store.KeyMove(c.Key(1), database));
    }

    /// <summary>A database index argument: an integer, and a database that exists.</summary>
    private static int DatabaseIndex(CommandContext c, int index)
    {
        var database = c.Long(index);
        return database >= 0 && database < c.Server.Store.DatabaseCount
            ? (int)database
            : throw new RedisException(ErrorMessages.DbIndexOutOfRange);
    }

    private static void Keys(CommandContext c)
    {
        var keys = c.Store.Keys(c.Value(1));
        c.Reply.ArrayHeader(keys.Count);
        foreach (var key in keys)
        {
            c.Reply.Bulk(key);
        }
    }

    /// <summary>SCAN cursor [MATCH pattern] [COUNT count] [TYPE type]: the cursor first (an unsigned integer, as
    /// <c>strtoul</c> reads it), then the options in order. An unknown TYPE matches nothing.</summary>
    private static void Scan(CommandContext c)
    {
        var cursor = ParseCursor(c.Span(1));
        var pattern = RedisValue.Null;
        var count = 10;
        RedisType? type = null;
        var unknownType = false;
        for (var j = 2; j < c.Count; j++)
        {
            var hasValue = j + 1 < c.Count;
            if (c.Is(j, "COUNT"u8) && hasValue)
            {
                var value = c.Long(++j);
                if (value < 1)
                {
                    throw CommandContext.SyntaxError();
                }

                count = (int)Math.Min(value, int.MaxValue);
            }
            else if (c.Is(j, "MATCH"u8) && hasValue)
            {
                pattern = c.Value(++j);
            }
            else if (c.Is(j, "TYPE"u8) && hasValue)
            {
                type = ParseType(c.Text(++j));
                unknownType = type is null;
            }
            else
            {
                throw CommandContext.SyntaxError();
            }
        }

        var page = c.Store.KeyScan(cursor, pattern, count, type);
        Span<byte> digits = stackalloc byte[24];
        Utf8Formatter.TryFormat(page.Cursor, digits, out var written);
        c.Reply.ArrayHeader(2);
        c.Reply.Bulk(digits[..written]);
        var keys = unknownType ? [] : page.Keys;
        c.Reply.ArrayHeader(keys.Count);
        foreach (var key in keys)
        {
            c.Reply.Bulk(key);
        }
    }

    /// <summary>A type name as SCAN's TYPE option takes it (case-insensitive), or null for an unknown one.</summary>
    private static RedisType? ParseType(string name) => Keyspace.RedisTypeNames.Parse(name.ToLowerInvariant());

    /// <summary>A SCAN cursor as Redis reads it with <c>strtoul</c>: decimal digits, optionally signed (a negative
    /// cursor wraps around), at most 64 bits; anything else is <c>ERR invalid cursor</c>.</summary>
    internal static ulong ParseCursor(ReadOnlySpan<byte> text)
    {
        // strtoul reads nothing from an empty string, which Redis takes as cursor 0.
        if (text.IsEmpty)
        {
            return 0;
        }

        var negative = false;
        if (text.Length > 0 && (text[0] == '-' || text[0] == '+'))
        {
            negative = text[0] == '-';
            text = text[1..];
        }

        if (text.IsEmpty || !Utf8Parser.TryParse(text, out ulong value, out var consumed) || consumed != text.Length)
        {
            throw new RedisException(InvalidCursor);
        }

        return negative ? unchecked(0 - value) : value;
    }
}
