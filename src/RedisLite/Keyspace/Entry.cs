using System.Runtime.InteropServices;

namespace RedisLite.Keyspace;

/// <summary>One key of a <see cref="Shard"/>: 32 bytes, laid out for a dense array.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct Entry
{
    /// <summary>The key's full hash.</summary>
    public int HashCode;

    /// <summary>The next entry in the bucket's chain, plus one (0 ends the chain).</summary>
    public int Next;

    /// <summary>This entry's slot in the shard's list of keys with a TTL, plus one (0: no TTL).</summary>
    public int VolatileSlot;

    /// <summary>The store's access clock (tenths of a second) when the key was last read or written.</summary>
    public int AccessClock;

    /// <summary>The value, which also carries the key (see <see cref="StoredValue"/>); null for a free slot.</summary>
    public object? Value;

    /// <summary>When the key expires, in Unix milliseconds; 0 for never.</summary>
    public long ExpireAt;
}
