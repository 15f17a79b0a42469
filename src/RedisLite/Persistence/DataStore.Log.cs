using System.Runtime.CompilerServices;
using RedisLite.Keyspace;
using RedisLite.Persistence;

namespace RedisLite;

// The write feed: each write records its effect in the append log (see Persistence/AppendLog) inside the write scope
// of the keys it changed, right after the change. With persistence off the log is null and each costs one field test.
public sealed partial class DataStore
{
    /// <summary>Gets the write feed, or null when persistence is off.</summary>
    private AppendLog? Log
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _core.Log;
    }

    /// <summary>Records that the key now holds the string in <paramref name="payload"/>. Caller holds
    /// the write scope; <paramref name="index"/> is the key's entry index before the write (-1 if it was added), used to
    /// resolve <see cref="KeepTtl"/> to the expiry the key kept.</summary>
    private void LogString(Shard shard, int index, byte[] payload, long expireAt)
    {
        if (Log is { } log)
        {
            if (expireAt == KeepTtl)
            {
                expireAt = index >= 0 ? shard.EntryAt(index).ExpireAt : 0;
            }

            using var entry = log.Begin(LogOp.Set, _db.Index);
            entry.Bytes(StringPayload.Key(payload));
            entry.Bytes(StringPayload.ValueSpan(payload));
            entry.Int64(expireAt);
        }
    }

    /// <summary>Records an APPEND of <paramref name="value"/> (the effect, not the whole new string, so appending to a
    /// large string logs only what was appended).</summary>
    private void LogAppend(ReadOnlySpan<byte> key, in RedisValue value)
    {
        if (Log is { } log)
        {
            using var entry = log.Begin(LogOp.Append, _db.Index);
            entry.Bytes(key);
            entry.Value(value);
        }
    }

    /// <summary>Records an operation whose only argument is a key (DEL of one key, PERSIST).</summary>
    private void LogKey(LogOp op, ReadOnlySpan<byte> key)
    {
        if (Log is { } log)
        {
            using var entry = log.Begin(op, _db.Index);
            entry.Bytes(key);
        }
    }

    /// <summary>Records a key's new absolute expiry (Unix ms).</summary>
    private void LogExpireAt(ReadOnlySpan<byte> key, long expireAt)
    {
        if (Log is { } log)
        {
            using var entry = log.Begin(LogOp.ExpireAt, _db.Index);
            entry.Bytes(key);
            entry.Int64(expireAt);
        }
    }

    /// <summary>Opens a log group: the operations recorded until <see cref="EndLogGroup"/> replay as one (a command
    /// that records several). Close it while still holding the locks.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void BeginLogGroup() => Log?.BeginGroup();

    /// <summary>Closes the group opened by <see cref="BeginLogGroup"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void EndLogGroup() => Log?.EndGroup();
}
