using RedisLite.Transactions;

namespace RedisLite.Keyspace;

// WATCH bookkeeping and the store-wide exclusive section that MULTI/EXEC and atomic delegates run in.
internal sealed partial class StoreCore
{
    [ThreadStatic]
    private static StoreCore? t_exclusiveOwner;

    private WatchRegistry[]? _watchRegistries;
    private object? _scratch;

    /// <summary>Gets a value indicating whether the current thread runs inside a transaction or atomic delegate of any
    /// store (or a queue-time check of one): blocking commands then answer at once, as inside Redis's MULTI.</summary>
    public static bool InExclusiveSection => t_exclusiveOwner is not null;

    /// <summary>The watched keys of <paramref name="database"/>.</summary>
    public WatchRegistry WatchRegistryOf(Database database)
    {
        var registries = Volatile.Read(ref _watchRegistries);
        if (registries is null)
        {
            var created = new WatchRegistry[Databases.Length];
            for (var i = 0; i < created.Length; i++)
            {
                created[i] = new WatchRegistry();
            }

            registries = Interlocked.CompareExchange(ref _watchRegistries, created, null) ?? created;
        }

        return registries[database.Index];
    }

    /// <summary>Tells whether any key of <paramref name="database"/> is watched, so callers can skip even computing the
    /// key of a change when nothing is (one or two field reads).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public bool IsWatching(Database database)
    {
        var registries = Volatile.Read(ref _watchRegistries);
        return registries is not null && !registries[database.Index].IsEmpty;
    }

    /// <summary>An empty store of the same shape, for checking queued commands; created on first use.</summary>
    public T Scratch<T>(Func<T> create)
        where T : class
    {
        var scratch = Volatile.Read(ref _scratch);
        if (scratch is null)
        {
            var created = create();
            scratch = Interlocked.CompareExchange(ref _scratch, created, null) ?? created;
        }

        return (T)scratch;
    }

    partial void OnKeyModified(Database database, ReadOnlySpan<byte> key)
    {
        // Nothing watched anywhere (the common case): one field read per change.
        var registries = Volatile.Read(ref _watchRegistries);
        if (registries is null)
        {
            return;
        }

        var registry = registries[database.Index];
        if (registry.IsEmpty)
        {
            return;
        }

        var hash = database.Hash(key);
        registry.Touch(key, database.ShardFor(hash), hash);
    }

    /// <summary>Marks the watches of existing keys dirty before <paramref name="database"/> is emptied (FLUSHDB,
    /// FLUSHALL). Caller holds all the database's shards.</summary>
    public void DatabaseFlushing(Database database)
    {
        var registries = Volatile.Read(ref _watchRegistries);
        if (registries is not null && !registries[database.Index].IsEmpty)
        {
            registries[database.Index].TouchExisting(database);
        }
    }

    /// <summary>Enters the write scope of every shard of every database, in lock order: nothing else reads or writes
    /// the store until <see cref="ExitExclusive"/>. Commands run by this thread meanwhile re-enter the shards freely.</summary>
    /// <exception cref="InvalidOperationException">The thread is already inside an exclusive section (nested
    /// transactions are not allowed, as MULTI cannot be nested in Redis).</exception>
    public void EnterExclusive()
    {
        if (t_exclusiveOwner is not null)
        {
            throw new InvalidOperationException("Transactions and atomic delegates cannot be nested: this thread is already running one.");
        }

        var databases = 0;
        var shards = 0;
        try
        {
            for (; databases < Databases.Length; databases++)
            {
                var database = Databases[databases].Shards;
                for (shards = 0; shards < database.Length; shards++)
                {
                    database[shards].EnterWrite();
                }
            }
        }
        catch
        {
            // Undo exactly what was entered: the whole databases before the failing one, and its first shards.
            for (var i = shards - 1; i >= 0 && databases < Databases.Length; i--)
            {
                Databases[databases].Shards[i].ExitWrite();
            }

            for (var d = Math.Min(databases, Databases.Length) - 1; d >= 0; d--)
            {
                var database = Databases[d].Shards;
                for (var i = database.Length - 1; i >= 0; i--)
                {
                    database[i].ExitWrite();
                }
            }

            throw;
        }

        t_exclusiveOwner = this;
    }

    /// <summary>Leaves the section entered by <see cref="EnterExclusive"/>.</summary>
    public void ExitExclusive()
    {
        t_exclusiveOwner = null;
        for (var d = Databases.Length - 1; d >= 0; d--)
        {
            var shards = Databases[d].Shards;
            for (var i = shards.Length - 1; i >= 0; i--)
            {
                shards[i].ExitWrite();
            }
        }
    }

    /// <summary>Marks the current thread as running queued commands outside the store (the queue-time check), so
    /// blocking commands answer at once; returns the previous owner for <see cref="RestoreExclusiveOwner"/>.</summary>
    public StoreCore? MarkExclusive()
    {
        var previous = t_exclusiveOwner;
        t_exclusiveOwner = this;
        return previous;
    }

    public static void RestoreExclusiveOwner(StoreCore? previous) => t_exclusiveOwner = previous;
}
