using System.Runtime.CompilerServices;
using RedisLite.Collections;
using RedisLite.Keyspace;

namespace RedisLite;

// Keyspace notifications raised by the commands (Redis's notifyKeyspaceEvent calls): each costs one field test when
// notify-keyspace-events is off. The store-wide ones (new keys, deletions of emptied collections, expiry, key
// misses) are raised by the shared plumbing; each command raises its own event after its change.
public sealed partial class DataStore
{
    /// <summary>A collection created empty by the running command, which announced it as <c>new</c>: if the command
    /// leaves it empty it is removed again without a <c>del</c> (it never existed for Redis).</summary>
    [ThreadStatic]
    private static CollectionValue? t_createdCollection;

    /// <summary>Announces a keyspace event on a key of this database. Caller holds the key's write scope (or, for
    /// <c>keymiss</c>, nothing).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Notify(KeyspaceEventTypes type, string name, ReadOnlySpan<byte> key) => _core.KeyspaceEvent(type, name, _db, key);

    /// <summary>Announces <c>new</c> for a key just added with <paramref name="value"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void NotifyNew(object value)
    {
        if (_core.NotifiesKeyspaceEvents)
        {
            Notify(KeyspaceEventTypes.New, "new", StoredValue.KeyOf(value));
        }
    }

    /// <summary>Announces <c>new</c> for a collection created (empty) to be filled by the running command.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void NotifyCreated(CollectionValue created)
    {
        if (_core.NotifiesKeyspaceEvents)
        {
            t_createdCollection = created;
            Notify(KeyspaceEventTypes.New, "new", created.Key);
        }
    }

    /// <summary>Forgets the collection the running command created once it settles holding something.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void SettledFilled(object? value)
    {
        if (_core.NotifiesKeyspaceEvents && ReferenceEquals(t_createdCollection, value))
        {
            t_createdCollection = null;
        }
    }

    /// <summary>Announces <c>del</c> for a collection a command emptied (and so removed), unless the command had
    /// created it itself and put nothing in it.</summary>
    private void NotifyEmptied(CollectionValue value)
    {
        if (!_core.NotifiesKeyspaceEvents)
        {
            return;
        }

        if (ReferenceEquals(t_createdCollection, value))
        {
            t_createdCollection = null;
            return;
        }

        Notify(KeyspaceEventTypes.Generic, "del", value.Key);
    }
}
