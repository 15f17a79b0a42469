using RedisLite.Transactions;

namespace RedisLite.Keyspace;

// WATCH bookkeeping and the store-wide exclusive section that MULTI/EXEC and atomic delegates run in.
internal sealed partial class StoreCore
{
    [ThreadStatic]
    private static StoreCore? t_exclusiveOwner;

    // Held for the whole of an exclusive section, and briefly to activate a database (see Activate). It comes first
    // in the lock order: nobody waits for it while holding a shard.
    private readonly Lock _activation = new();

    private WatchRegistry[]? _watchRegistries;
    private object? _scratch;

    /// <summary>Gets a value indicating whether the current thread runs inside a transaction or atomic delegate of any
    /// store (or a queue-time check of one): blocking commands then answer at once, as inside Redis's MULTI.</summary>
    public static bool InExclusiveSection => t_exclusiveOwner is not null;

    /// <summary>Gets a value indicating whether the current thread runs inside this store's own exclusive section (or
    /// queue-time check). Writes to another store from inside a section are that store's ordinary writes.</summary>
    public bool InOwnExclusiveSection => ReferenceEquals(t_exclusiveOwner, this);

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

    /// <summary>Enters the write scope of every shard of every active database, in lock order: nothing else reads or
    /// writes the store until <see cref="ExitExclusive"/>. Commands run by this thread meanwhile re-enter the shards
    /// freely.</summary>
    /// <remarks>A database is active once a view of it exists (<see cref="Activate"/>); no operation can reach an
    /// inactive one. The section holds the activation lock throughout, so a database activated meanwhile (by this
    /// thread's commands, or by another thread, which then waits) joins the section before anything can use it. With
    /// the usual single database in use this takes its 8 shards instead of every shard of all 16 databases.</remarks>
    /// <exception cref="InvalidOperationException">The thread is already inside an exclusive section (nested
    /// transactions are not allowed, as MULTI cannot be nested in Redis).</exception>
    public void EnterExclusive()
    {
        if (t_exclusiveOwner is not null)
        {
            throw new InvalidOperationException("Transactions and atomic delegates cannot be nested: this thread is already running one.");
        }

        _activation.Enter();
        var entered = 0;
        try
        {
            foreach (var database in Databases)
            {
                if (database.Activated)
                {
                    foreach (var shard in database.Shards)
                    {
                        shard.EnterWrite();
                        entered++;
                    }
                }
            }
        }
        catch
        {
            ExitShards(entered);
            _activation.Exit();
            throw;
        }

        t_exclusiveOwner = this;

        // Everything the section changes is one log record: replay applies a transaction whole or not at all.
        Log?.BeginGroup();
    }

    /// <summary>Leaves the section entered by <see cref="EnterExclusive"/>.</summary>
    public void ExitExclusive()
    {
        t_exclusiveOwner = null;
        Log?.EndGroup();
        ExitShards(int.MaxValue);
        _activation.Exit();
    }

    /// <summary>Makes <paramref name="database"/> reachable (its view is being created). Inside this store's exclusive
    /// section, on its thread, the database's shards are entered too, so the section keeps holding everything that
    /// can be used. Taking them out of lock order cannot deadlock: no other thread can hold or wait for a shard of a
    /// database that was not active, and whoever tries to activate it waits for the section to end.</summary>
    /// <param name="database">The database.</param>
    public void Activate(Database database)
    {
        if (database.Activated)
        {
            return;
        }

        var inSection = _activation.IsHeldByCurrentThread;
        lock (_activation)
        {
            if (database.Activated)
            {
                return;
            }

            if (inSection)
            {
                foreach (var shard in database.Shards)
                {
                    shard.EnterWrite();
                }
            }

            database.Activated = true;
        }
    }

    /// <summary>Exits the first <paramref name="count"/> shards (in lock order) of the active databases, last first.</summary>
    private void ExitShards(int count)
    {
        var total = 0;
        foreach (var database in Databases)
        {
            total += database.Activated ? database.Shards.Length : 0;
        }

        var remaining = Math.Min(count, total);
        for (var d = Databases.Length - 1; d >= 0 && remaining > 0; d--)
        {
            if (!Databases[d].Activated)
            {
                continue;
            }

            var shards = Databases[d].Shards;
            for (var i = shards.Length - 1; i >= 0; i--)
            {
                // Skip the shards past the count (entered in lock order, so they are the last ones).
                if (total-- > remaining)
                {
                    continue;
                }

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
