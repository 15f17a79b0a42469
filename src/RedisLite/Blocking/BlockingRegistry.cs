namespace RedisLite.Blocking;

/// <summary>
/// The callers blocked on the keys of one database, in a first-in first-out queue per key.
/// </summary>
/// <remarks>
/// <para><b>Locking.</b> The registry's own lock is a leaf: it is taken while shard locks are held (to register a call
/// atomically with the check that found its keys empty, and to look up a ready key's waiters), never the other way
/// round, and nothing else is locked while it is held.</para>
/// <para><b>Fast path.</b> <see cref="IsEmpty"/> is one volatile read, so a write in a database where nobody is blocked
/// pays nothing more for blocking support.</para>
/// </remarks>
internal sealed class BlockingRegistry
{
    private readonly Lock _lock = new();
    private readonly Dictionary<byte[], LinkedList<BlockedCall>> _queues = new(ByteArrayComparer.Instance);
    private int _count;

    /// <summary>Gets a value indicating whether no call is blocked in the database.</summary>
    public bool IsEmpty => Volatile.Read(ref _count) == 0;

    /// <summary>Gets the number of calls currently blocked.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Registers a call at the end of each of its keys' queues. Caller holds the shards of all the call's keys,
    /// so no write can make a key ready between the caller's check and this registration.</summary>
    /// <param name="call">The call.</param>
    public void Add(BlockedCall call)
    {
        lock (_lock)
        {
            // A call whose timeout already fired (or whose token was already cancelled) is not registered at all.
            if (!call.IsWaiting)
            {
                return;
            }

            for (var i = 0; i < call.Keys.Length; i++)
            {
                var key = call.Keys[i];
                if (IndexOf(call.Keys, key, i) < i)
                {
                    continue; // the same key twice waits once
                }

                if (!_queues.TryGetValue(key, out var queue))
                {
                    queue = new LinkedList<BlockedCall>();
                    _queues.Add(key, queue);
                }

                call.Nodes[i] = queue.AddLast(call);
            }

            Volatile.Write(ref _count, _count + 1);
        }
    }

    /// <summary>Removes a claimed call from every queue it is in; does nothing if it is in none.</summary>
    /// <param name="call">The call.</param>
    public void Remove(BlockedCall call)
    {
        lock (_lock)
        {
            var removed = false;
            for (var i = 0; i < call.Nodes.Length; i++)
            {
                var node = call.Nodes[i];
                if (node?.List is { } queue)
                {
                    queue.Remove(node);
                    removed = true;
                    if (queue.Count == 0)
                    {
                        _queues.Remove(call.Keys[i]);
                    }
                }

                call.Nodes[i] = null;
            }

            if (removed)
            {
                Volatile.Write(ref _count, _count - 1);
            }
        }
    }

    /// <summary>The calls waiting on <paramref name="key"/> for <paramref name="type"/>, in the order they blocked, or
    /// null when there are none. A snapshot: serving a call removes it from the live queue, not from this array.</summary>
    /// <param name="key">The key.</param>
    /// <param name="type">The type of the collection at the key.</param>
    /// <returns>The waiting calls, or null.</returns>
    public BlockedCall[]? Waiting(byte[] key, RedisType type)
    {
        lock (_lock)
        {
            if (!_queues.TryGetValue(key, out var queue))
            {
                return null;
            }

            var calls = new List<BlockedCall>(queue.Count);
            foreach (var call in queue)
            {
                if (call.Type == type && call.IsWaiting)
                {
                    calls.Add(call);
                }
            }

            return calls.Count == 0 ? null : calls.ToArray();
        }
    }

    /// <summary>The extra key the first waiting call on <paramref name="key"/> needs locked (BLMOVE's destination), for
    /// a deferred serve that locks both in order.</summary>
    /// <param name="key">The key.</param>
    /// <param name="type">The type of the collection at the key.</param>
    /// <returns>The extra key, or null.</returns>
    public byte[]? FirstAlsoLocks(byte[] key, RedisType type)
    {
        lock (_lock)
        {
            if (_queues.TryGetValue(key, out var queue))
            {
                foreach (var call in queue)
                {
                    if (call.Type == type && call.IsWaiting)
                    {
                        return call.AlsoLocks;
                    }
                }
            }

            return null;
        }
    }

    private static int IndexOf(byte[][] keys, byte[] key, int limit)
    {
        for (var i = 0; i < limit; i++)
        {
            if (ByteArrayComparer.Instance.Equals(keys[i], key))
            {
                return i;
            }
        }

        return limit;
    }
}
