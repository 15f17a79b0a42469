namespace RedisLite.Keyspace;

// The points where a key's life is announced to whoever listens: WATCH (transactions) and keyspace notifications
// (pub/sub). Each is an empty partial method until its feature implements it, so the calls cost nothing without it.
internal sealed partial class StoreCore
{
    /// <summary>Announces that a key was changed, deleted, expired or evicted (Redis's <c>signalModifiedKey</c>):
    /// WATCH uses it to abort transactions. Called while the key's shard is held for writing.</summary>
    /// <param name="database">The key's database.</param>
    /// <param name="key">The key.</param>
    public void KeyModified(Database database, ReadOnlySpan<byte> key) => OnKeyModified(database, key);

    /// <summary>Announces a keyspace event (Redis's <c>notifyKeyspaceEvent</c>): published on
    /// <c>__keyspace@db__:key</c> and <c>__keyevent@db__:name</c> when the options enable its class.</summary>
    /// <param name="type">The event's class (exactly one flag, such as <see cref="KeyspaceEventTypes.String"/>).</param>
    /// <param name="name">The event name as Redis spells it (<c>set</c>, <c>del</c>, <c>expired</c>, <c>lpush</c>, ...).</param>
    /// <param name="database">The key's database.</param>
    /// <param name="key">The key.</param>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void KeyspaceEvent(KeyspaceEventTypes type, string name, Database database, ReadOnlySpan<byte> key) =>
        OnKeyspaceEvent(type, name, database, key);

    partial void OnKeyModified(Database database, ReadOnlySpan<byte> key);

    partial void OnKeyspaceEvent(KeyspaceEventTypes type, string name, Database database, ReadOnlySpan<byte> key);
}
