namespace RedisLite.Collections;

/// <summary>
/// A sorted set of 64-bit integers stored at the narrowest width that holds them all (16, 32 or 64 bits), like Redis's
/// intset: a set of small integers costs two bytes a member. Lookups bisect; inserts and removals shift, which is cheap
/// at the sizes an intset is allowed to reach. Not thread-safe.
/// </summary>
internal sealed class IntSet
{
    // Exactly one of these is in use, chosen by the widest member ever added (Redis never narrows an intset either).
    private short[]? _int16s;
    private int[]? _int32s;
    private long[]? _int64s;
    private int _count;

    /// <summary>Creates an empty set of 16-bit width.</summary>
    public IntSet() => _int16s = [];

    private IntSet(IntSet source)
    {
        _int16s = (short[]?)source._int16s?.Clone();
        _int32s = (int[]?)source._int32s?.Clone();
        _int64s = (long[]?)source._int64s?.Clone();
        _count = source._count;
    }

    /// <summary>Gets the number of members.</summary>
    public int Count => _count;

    /// <summary>Gets the estimated bytes of the set: its object and its array at capacity.</summary>
    public long AllocatedBytes => Keyspace.MemoryEstimate.Object(32) + (_int16s is { } a
        ? Keyspace.MemoryEstimate.Array(a.Length, 2)
        : _int32s is { } b ? Keyspace.MemoryEstimate.Array(b.Length, 4) : Keyspace.MemoryEstimate.Array(_int64s!.Length, 8));

    /// <summary>Gets the width of a member in bytes (2, 4 or 8).</summary>
    public int Width => _int16s is not null ? 2 : _int32s is not null ? 4 : 8;

    /// <summary>The member at <paramref name="index"/>, in ascending order.</summary>
    public long this[int index] => _int16s is { } a ? a[index] : _int32s is { } b ? b[index] : _int64s![index];

    /// <summary>Returns an independent copy.</summary>
    public IntSet Clone() => new(this);

    /// <summary>Finds <paramref name="value"/>: its index, or the bitwise complement of where it would go.</summary>
    public int IndexOf(long value)
    {
        if (_int16s is { } a)
        {
            return value is >= short.MinValue and <= short.MaxValue ? Array.BinarySearch(a, 0, _count, (short)value) : Outside(value);
        }

        if (_int32s is { } b)
        {
            return value is >= int.MinValue and <= int.MaxValue ? Array.BinarySearch(b, 0, _count, (int)value) : Outside(value);
        }

        return Array.BinarySearch(_int64s!, 0, _count, value);
    }

    /// <summary>Adds <paramref name="value"/> if absent; returns whether it was added.</summary>
    public bool Add(long value)
    {
        var at = IndexOf(value);
        if (at >= 0)
        {
            return false;
        }

        Widen(value);
        at = ~at;
        if (_int16s is not null)
        {
            Insert(ref _int16s, at, (short)value);
        }
        else if (_int32s is not null)
        {
            Insert(ref _int32s, at, (int)value);
        }
        else
        {
            Insert(ref _int64s!, at, value);
        }

        _count++;
        return true;
    }

    /// <summary>Removes the member at <paramref name="index"/>.</summary>
    public void RemoveAt(int index)
    {
        _count--;
        if (_int16s is not null)
        {
            Remove(ref _int16s, index, _count);
        }
        else if (_int32s is not null)
        {
            Remove(ref _int32s, index, _count);
        }
        else
        {
            Remove(ref _int64s!, index, _count);
        }
    }

    /// <summary>A value too wide for the current width is smaller or larger than every member.</summary>
    private int Outside(long value) => value < 0 ? ~0 : ~_count;

    private void Widen(long value)
    {
        if (_int16s is { } a && value is < short.MinValue or > short.MaxValue)
        {
            _int16s = null;
            if (value is >= int.MinValue and <= int.MaxValue)
            {
                _int32s = new int[Math.Max(4, _count + 1)];
                for (var i = 0; i < _count; i++)
                {
                    _int32s[i] = a[i];
                }

                return;
            }

            _int64s = new long[Math.Max(4, _count + 1)];
            for (var i = 0; i < _count; i++)
            {
                _int64s[i] = a[i];
            }
        }
        else if (_int32s is { } b && value is < int.MinValue or > int.MaxValue)
        {
            _int32s = null;
            _int64s = new long[Math.Max(4, _count + 1)];
            for (var i = 0; i < _count; i++)
            {
                _int64s[i] = b[i];
            }
        }
    }

    private void Insert<T>(ref T[] items, int at, T value)
    {
        if (_count == items.Length)
        {
            // Doubling, but not past the intset limit a set converts at, so a full intset wastes nothing.
            Array.Resize(ref items, Math.Max(_count + 1, Math.Min(SetValue.MaxIntsetEntries, Math.Max(4, items.Length * 2))));
        }

        Array.Copy(items, at, items, at + 1, _count - at);
        items[at] = value;
    }

    private static void Remove<T>(ref T[] items, int index, int countAfter)
    {
        Array.Copy(items, index + 1, items, index, countAfter - index);
        if (countAfter == 0)
        {
            items = [];
        }
        else if (items.Length > 16 && countAfter < items.Length / 4)
        {
            Array.Resize(ref items, items.Length / 2);
        }
    }
}
