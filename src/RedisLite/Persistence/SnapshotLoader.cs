using RedisLite.Collections;
using RedisLite.Keyspace;

namespace RedisLite.Persistence;

/// <summary>
/// Reads a snapshot, checking everything (see <see cref="SnapshotReader"/>), and either loads it into an empty store or
/// only describes it (<see cref="SnapshotInfo"/>).
/// </summary>
/// <remarks>Values are rebuilt through the collections' ordinary construction paths and added with
/// <see cref="Shard.Add"/>, so encodings and memory accounting are exactly those of the same data written by commands.</remarks>
internal static class SnapshotLoader
{
    /// <summary>Reads the snapshot at the stream's position; loads it into <paramref name="target"/> when given (which
    /// must be empty, and is held for the whole load and left empty if it fails).</summary>
    /// <param name="stream">The stream, positioned at the snapshot; left just after it.</param>
    /// <param name="source">The file path or a description, for messages.</param>
    /// <param name="target">The store to load into, or null to only read.</param>
    /// <param name="wholeStream">Whether the snapshot must end the stream (a snapshot file).</param>
    /// <exception cref="SnapshotFormatException">The snapshot is corrupted, truncated, or of a newer version.</exception>
    /// <exception cref="InvalidOperationException">The target is not empty, or has fewer databases than the snapshot
    /// has keys in.</exception>
    public static SnapshotInfo Read(Stream stream, string source, StoreCore? target, bool wholeStream)
    {
        if (target is null)
        {
            return ReadCore(stream, source, null, wholeStream);
        }

        target.EnterExclusive();
        try
        {
            foreach (var database in target.Databases)
            {
                foreach (var shard in database.Shards)
                {
                    if (shard.Count != 0)
                    {
                        throw new InvalidOperationException($"A snapshot can only be loaded into an empty store, but database {database.Index} holds keys.");
                    }
                }
            }

            try
            {
                return ReadCore(stream, source, target, wholeStream);
            }
            catch
            {
                foreach (var database in target.Databases)
                {
                    foreach (var shard in database.Shards)
                    {
                        shard.Clear();
                    }
                }

                throw;
            }
        }
        finally
        {
            target.ExitExclusive();
        }
    }

    private static SnapshotInfo ReadCore(Stream stream, string source, StoreCore? target, bool wholeStream)
    {
        var reader = new SnapshotReader(stream, source);
        var created = reader.ReadInt64();
        var databaseCount = reader.ReadLength(int.MaxValue, "the database count");
        var now = target?.NowMilliseconds() ?? 0;
        var clock = target?.Clock ?? 0;
        var perDatabase = new Dictionary<int, long>();
        Span<long> perType = stackalloc long[SnapshotFormat.TypeCount];
        perType.Clear(); // the assembly skips locals init
        long records = 0;
        long expired = 0;
        var lastDatabase = -1;
        var loader = new RecordLoader(reader);
        while (true)
        {
            var at = reader.Offset;
            var opcode = (SnapshotOpcode)reader.ReadByte();
            if (opcode == SnapshotOpcode.End)
            {
                break;
            }

            if (opcode != SnapshotOpcode.Database)
            {
                reader.Fail(at, $"expected a database section or the end marker, found byte 0x{(byte)opcode:X2}.");
            }

            var index = reader.ReadLength(int.MaxValue, "the database index");
            if (index <= lastDatabase || index >= databaseCount)
            {
                reader.Fail(at, $"database index {index} is out of order or not below the database count {databaseCount}.");
            }

            lastDatabase = index;
            Database? database = null;
            if (target is not null)
            {
                if (index >= target.Databases.Length)
                {
                    throw new InvalidOperationException($"Snapshot '{source}' holds keys in database {index}, but this store has only {target.Databases.Length} databases (RedisLiteOptions.Databases).");
                }

                database = target.Databases[index];

                // The exclusive section holds only databases a view can reach; one that gains keys here must be held
                // too (Activate enters its shards on this thread), or the expiry cycle could touch it mid-load.
                target.Activate(database);
            }

            var keys = reader.ReadLength(int.MaxValue, "the key count");
            if (keys == 0)
            {
                reader.Fail(at, $"database {index} has an empty section.");
            }

            for (var i = 0; i < keys; i++)
            {
                var type = loader.Load(database, now, clock, out var wasExpired);
                perType[(int)type - 1]++;
                if (wasExpired)
                {
                    expired++;
                }
            }

            perDatabase[index] = keys;
            records += keys;
        }

        var countsAt = reader.Offset;
        var storedRecords = reader.ReadVarint();
        var mismatch = storedRecords != (ulong)records;
        for (var t = 0; t < SnapshotFormat.TypeCount; t++)
        {
            mismatch |= reader.ReadVarint() != (ulong)perType[t];
        }

        if (mismatch)
        {
            reader.Fail(countsAt, $"the record counts of the end marker do not match the {records} records read.");
        }

        reader.ReadEnd();
        var length = reader.Consumed;
        if (wholeStream)
        {
            reader.ExpectEndOfStream();
        }

        var byType = new Dictionary<RedisType, long>();
        for (var t = 0; t < SnapshotFormat.TypeCount; t++)
        {
            byType[SnapshotFormat.TypeOf((SnapshotOpcode)(t + 1))] = perType[t];
        }

        return new SnapshotInfo
        {
            Version = reader.Version,
            Created = DateTimeOffset.FromUnixTimeMilliseconds(Math.Clamp(created, -62135596800000, 253402300799999)),
            DatabaseCount = databaseCount,
            KeysPerDatabase = perDatabase,
            KeysPerType = byType,
            Keys = records,
            ExpiredOnLoad = expired,
            Length = length,
        };
    }

    /// <summary>Reads one record and, given a database, adds its key unless expired. Reuses one key buffer.</summary>
    private sealed class RecordLoader(SnapshotReader reader)
    {
        private byte[] _key = new byte[256];

        public SnapshotOpcode Load(Database? database, long now, int clock, out bool expired)
        {
            var at = reader.Offset;
            var opcode = (SnapshotOpcode)reader.ReadByte();
            if (opcode is < SnapshotOpcode.String or > SnapshotOpcode.SortedSet)
            {
                reader.Fail(at, $"unknown record type 0x{(byte)opcode:X2}.");
            }

            var keyLength = reader.ReadLength(SnapshotFormat.MaxLength, "a key length");
            if (keyLength > _key.Length)
            {
                _key = new byte[Math.Max(keyLength, _key.Length * 2)];
            }

            var key = _key.AsSpan(0, keyLength);
            reader.ReadRaw(key);
            var expireAt = (long)reader.ReadVarint();
            expired = SnapshotSerializer.Expired(expireAt, now);
            var build = database is not null && !expired;
            object? value = opcode switch
            {
                SnapshotOpcode.String => ReadString(key, build),
                SnapshotOpcode.Hash => ReadHash(key, build),
                SnapshotOpcode.List => ReadList(key, build),
                SnapshotOpcode.Set => ReadSet(key, build),
                _ => ReadSortedSet(key, build),
            };

            if (value is not null)
            {
                var hash = database!.Hash(key);
                var shard = database.ShardFor(hash);
                if (shard.Find(key, hash) >= 0)
                {
                    reader.Fail(at, $"key '{Describe(key)}' appears twice in database {database.Index}.");
                }

                shard.Add(hash, value, expireAt, clock);
            }

            return opcode;
        }

        private byte[]? ReadString(ReadOnlySpan<byte> key, bool build)
        {
            var length = reader.ReadLength(SnapshotFormat.MaxLength, "a string length");
            if (!build)
            {
                reader.Skip(length);
                return null;
            }

            var payload = StringPayload.Allocate(key, length, out var offset);
            reader.ReadRaw(payload.AsSpan(offset));
            return payload;
        }

        private int ReadCount(long at)
        {
            var count = reader.ReadLength(int.MaxValue, "an element count");
            if (count == 0)
            {
                reader.Fail(at, "a collection is empty (keys never hold empty collections).");
            }

            return count;
        }

        private void SkipBytes() => reader.Skip(reader.ReadLength(SnapshotFormat.MaxLength, "an element length"));

        private byte[] ReadElement() => reader.ReadBytes("an element length");

        private HashValue? ReadHash(ReadOnlySpan<byte> key, bool build)
        {
            var count = ReadCount(reader.Offset);
            var hash = build ? new HashValue(key.ToArray()) : null;
            for (var i = 0; i < count; i++)
            {
                var at = reader.Offset;
                if (hash is null)
                {
                    SkipBytes();
                    SkipBytes();
                    continue;
                }

                var field = ReadElement();
                var value = ReadElement();
                hash.Reserve(Math.Max(field.Length, value.Length));
                if (!hash.Set(field, value))
                {
                    reader.Fail(at, $"hash '{Describe(key)}' has the field '{Describe(field)}' twice.");
                }
            }

            return hash;
        }

        private ListValue? ReadList(ReadOnlySpan<byte> key, bool build)
        {
            var count = ReadCount(reader.Offset);
            var list = build ? new ListValue(key.ToArray()) : null;
            for (var i = 0; i < count; i++)
            {
                if (list is null)
                {
                    SkipBytes();
                }
                else
                {
                    list.PushRight(ReadElement());
                }
            }

            return list;
        }

        private SetValue? ReadSet(ReadOnlySpan<byte> key, bool build)
        {
            var count = ReadCount(reader.Offset);
            var set = build ? new SetValue(key.ToArray()) : null;
            for (var i = 0; i < count; i++)
            {
                var at = reader.Offset;
                if (set is null)
                {
                    SkipBytes();
                }
                else if (!set.Add(ReadElement()))
                {
                    reader.Fail(at, $"set '{Describe(key)}' has a member twice.");
                }
            }

            return set;
        }

        private SortedSetValue? ReadSortedSet(ReadOnlySpan<byte> key, bool build)
        {
            var count = ReadCount(reader.Offset);
            var zset = build ? new SortedSetValue(key.ToArray(), big: count > SortedSetValue.MaxCompactEntries) : null;
            for (var i = 0; i < count; i++)
            {
                var at = reader.Offset;
                if (zset is null)
                {
                    SkipBytes();
                    reader.Skip(8);
                    continue;
                }

                var member = ReadElement();
                var score = reader.ReadDouble();
                if (double.IsNaN(score))
                {
                    reader.Fail(at, $"sorted set '{Describe(key)}' has a NaN score.");
                }

                if (zset.Add(member, score, SortedSetWhen.Always, increment: false, out _) != SortedSetAddResult.Added)
                {
                    reader.Fail(at, $"sorted set '{Describe(key)}' has a member twice.");
                }
            }

            return zset;
        }

        private static string Describe(ReadOnlySpan<byte> bytes)
        {
            var text = System.Text.Encoding.UTF8.GetString(bytes[..Math.Min(bytes.Length, 64)]);
            return bytes.Length > 64 ? text + "..." : text;
        }
    }
}
