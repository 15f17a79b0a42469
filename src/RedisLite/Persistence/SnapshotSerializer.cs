using RedisLite.Collections;
using RedisLite.Keyspace;

namespace RedisLite.Persistence;

/// <summary>Writes a <see cref="SnapshotCapture"/> in the snapshot format (see <see cref="SnapshotFormat"/>).</summary>
internal static class SnapshotSerializer
{
    /// <summary>Writes <paramref name="capture"/> to <paramref name="stream"/> (flushed, not closed).</summary>
    public static void Write(SnapshotCapture capture, Stream stream)
    {
        var writer = new SnapshotWriter(stream);
        writer.WriteInt64(capture.Now);
        writer.WriteVarint((ulong)capture.DatabaseCount);
        Span<long> perType = stackalloc long[SnapshotFormat.TypeCount];
        perType.Clear(); // the assembly skips locals init
        long records = 0;
        for (var d = 0; d < capture.DatabaseCount; d++)
        {
            var entries = capture.Entries[d].AsSpan(0, capture.Counts[d]);
            var live = 0;
            foreach (ref readonly var entry in entries)
            {
                if (!Expired(entry.ExpireAt, capture.Now))
                {
                    live++;
                }
            }

            if (live == 0)
            {
                continue;
            }

            writer.WriteByte((byte)SnapshotOpcode.Database);
            writer.WriteVarint((ulong)d);
            writer.WriteVarint((ulong)live);
            foreach (ref readonly var entry in entries)
            {
                if (!Expired(entry.ExpireAt, capture.Now))
                {
                    var opcode = WriteRecord(writer, entry.Value!, entry.ExpireAt);
                    perType[(int)opcode - 1]++;
                }
            }

            records += live;
        }

        writer.WriteByte((byte)SnapshotOpcode.End);
        writer.WriteVarint((ulong)records);
        foreach (var count in perType)
        {
            writer.WriteVarint((ulong)count);
        }

        writer.Finish();
    }

    /// <summary>Whether a key with this expiry is gone at <paramref name="now"/> (the store's own rule: live while
    /// <c>now &lt;= expireAt</c>).</summary>
    public static bool Expired(long expireAt, long now) => expireAt != 0 && now > expireAt;

    private static SnapshotOpcode WriteRecord(SnapshotWriter writer, object value, long expireAt)
    {
        if (value is byte[] payload)
        {
            writer.WriteByte((byte)SnapshotOpcode.String);
            writer.WriteBytes(StringPayload.Key(payload));
            writer.WriteVarint((ulong)expireAt);
            writer.WriteBytes(StringPayload.ValueSpan(payload));
            return SnapshotOpcode.String;
        }

        var collection = (CollectionValue)value;
        var opcode = SnapshotFormat.OpcodeOf(collection.Type);
        writer.WriteByte((byte)opcode);
        writer.WriteBytes(collection.Key);
        writer.WriteVarint((ulong)expireAt);
        writer.WriteVarint((ulong)collection.Count);
        Span<byte> scratch = stackalloc byte[32];
        switch (collection)
        {
            case HashValue hash:
                foreach (var pair in hash.ToEntries())
                {
                    writer.WriteBytes(pair.Name.GetBytes(scratch));
                    writer.WriteBytes(pair.Value.GetBytes(scratch));
                }

                break;
            case ListValue list:
                for (var i = 0; i < list.Length; i++)
                {
                    writer.WriteBytes(list[i]);
                }

                break;
            case SetValue set:
                // ToArray is linear in every encoding (ElementAt walks a packed set from its start).
                foreach (var member in set.ToArray())
                {
                    writer.WriteBytes(member.GetBytes(scratch));
                }

                break;
            case SortedSetValue zset:
                for (var cursor = zset.At(0); cursor.IsValid; cursor.Move(backward: false))
                {
                    writer.WriteBytes(cursor.Member);
                    writer.WriteDouble(cursor.Score);
                }

                break;
        }

        return opcode;
    }
}
