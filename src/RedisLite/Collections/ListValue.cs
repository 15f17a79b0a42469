using System.Runtime.CompilerServices;
using RedisLite.Keyspace;

namespace RedisLite.Collections;

/// <summary>
/// A list: a growable circular buffer (a deque) of element byte arrays, so that pushes and pops at either end are
/// amortized O(1) and an index is O(1).
/// </summary>
/// <remarks>
/// <para>Elements are immutable once stored (LSET replaces the array, never its bytes), so a popped or read element can
/// be handed out as a <see cref="RedisValue"/> over the stored array without copying.</para>
/// <para>Redis packs small lists into listpacks and long ones into a quicklist of listpacks; a deque of arrays costs
/// more bytes per short element but keeps LINDEX O(1) and never re-encodes. The capacity shrinks when the list falls
/// below a quarter of it, so a list that was once long does not hold its peak memory forever.</para>
/// </remarks>
internal sealed class ListValue : CollectionValue
{
    private const int MinCapacity = 4;

    private byte[][] _items;
    private int _head;
    private int _count;
    private long _elementBytes;

    /// <summary>Creates an empty list stored under <paramref name="key"/>.</summary>
    /// <param name="key">The key's bytes.</param>
    public ListValue(byte[] key)
        : base(key) => _items = [];

    private ListValue(byte[] key, byte[][] items, int count)
        : base(key)
    {
        _items = items;
        _count = count;
        for (var i = 0; i < count; i++)
        {
            _elementBytes += MemoryEstimate.Bytes(items[i].Length);
        }
    }

    /// <inheritdoc/>
    public override RedisType Type => RedisType.List;

    /// <inheritdoc/>
    public override long Count => _count;

    /// <summary>Gets the number of elements as an <see cref="int"/>.</summary>
    public int Length => _count;

    /// <summary>Gets or sets the element at <paramref name="index"/> (0 = head); caller checks the range.</summary>
    /// <param name="index">The index in [0, <see cref="Length"/>).</param>
    public byte[] this[int index]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _items[Slot(index)];
        set
        {
            ref var slot = ref _items[Slot(index)];
            _elementBytes += MemoryEstimate.Bytes(value.Length) - MemoryEstimate.Bytes(slot.Length);
            slot = value;
        }
    }

    /// <summary>Pushes an element at the head or the tail.</summary>
    /// <param name="side">Where.</param>
    /// <param name="element">The element (owned by the list from now on).</param>
    public void Push(ListSide side, byte[] element)
    {
        if (side == ListSide.Left)
        {
            PushLeft(element);
        }
        else
        {
            PushRight(element);
        }
    }

    /// <summary>Pushes an element at the head (LPUSH).</summary>
    /// <param name="element">The element.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void PushLeft(byte[] element)
    {
        if (_count == _items.Length)
        {
            Grow();
        }

        _head = _head == 0 ? _items.Length - 1 : _head - 1;
        _items[_head] = element;
        _count++;
        _elementBytes += MemoryEstimate.Bytes(element.Length);
    }

    /// <summary>Pushes an element at the tail (RPUSH).</summary>
    /// <param name="element">The element.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void PushRight(byte[] element)
    {
        if (_count == _items.Length)
        {
            Grow();
        }

        _items[Slot(_count)] = element;
        _count++;
        _elementBytes += MemoryEstimate.Bytes(element.Length);
    }

    /// <summary>Removes and returns the element at the head or the tail; caller checks the list is not empty.</summary>
    /// <param name="side">Where.</param>
    /// <returns>The element.</returns>
    public byte[] Pop(ListSide side)
    {
        byte[] element;
        if (side == ListSide.Left)
        {
            element = _items[_head];
            _items[_head] = null!;
            _head = _head + 1 == _items.Length ? 0 : _head + 1;
        }
        else
        {
            var slot = Slot(_count - 1);
            element = _items[slot];
            _items[slot] = null!;
        }

        _count--;
        _elementBytes -= MemoryEstimate.Bytes(element.Length);
        if (_count == 0)
        {
            _head = 0;
        }

        ShrinkIfSparse();
        return element;
    }

    /// <summary>Keeps only the elements in [<paramref name="start"/>, <paramref name="start"/> + <paramref name="count"/>) (LTRIM).</summary>
    /// <param name="start">The first index kept.</param>
    /// <param name="count">How many are kept.</param>
    public void Keep(int start, int count)
    {
        for (var i = 0; i < start; i++)
        {
            Drop(Slot(i));
        }

        for (var i = start + count; i < _count; i++)
        {
            Drop(Slot(i));
        }

        _head = count == 0 ? 0 : Slot(start);
        _count = count;
        ShrinkIfSparse();
    }

    /// <summary>Inserts <paramref name="element"/> so that it ends at <paramref name="index"/> (LINSERT), shifting the
    /// shorter side.</summary>
    /// <param name="index">The position in [0, <see cref="Length"/>].</param>
    /// <param name="element">The element.</param>
    public void Insert(int index, byte[] element)
    {
        if (index <= _count / 2)
        {
            PushLeft(element);
            for (var i = 0; i < index; i++)
            {
                _items[Slot(i)] = _items[Slot(i + 1)];
            }
        }
        else
        {
            PushRight(element);
            for (var i = _count - 1; i > index; i--)
            {
                _items[Slot(i)] = _items[Slot(i - 1)];
            }
        }

        _items[Slot(index)] = element;
    }

    /// <summary>Removes elements equal to <paramref name="element"/> (LREM): at most <paramref name="limit"/> of them
    /// (0: all), searching from the head or, with <paramref name="fromTail"/>, from the tail. The others keep their order.</summary>
    /// <param name="element">The element to remove.</param>
    /// <param name="limit">The most to remove; 0 removes all.</param>
    /// <param name="fromTail">Whether the matches nearest the tail go first.</param>
    /// <returns>How many were removed.</returns>
    public int RemoveMatches(ReadOnlySpan<byte> element, long limit, bool fromTail)
    {
        var removed = 0;
        if (!fromTail)
        {
            var write = 0;
            for (var read = 0; read < _count; read++)
            {
                var item = _items[Slot(read)];
                if ((limit == 0 || removed < limit) && element.SequenceEqual(item))
                {
                    removed++;
                    _elementBytes -= MemoryEstimate.Bytes(item.Length);
                }
                else
                {
                    _items[Slot(write++)] = item;
                }
            }

            for (var i = write; i < _count; i++)
            {
                _items[Slot(i)] = null!;
            }
        }
        else
        {
            var write = _count - 1;
            for (var read = _count - 1; read >= 0; read--)
            {
                var item = _items[Slot(read)];
                if ((limit == 0 || removed < limit) && element.SequenceEqual(item))
                {
                    removed++;
                    _elementBytes -= MemoryEstimate.Bytes(item.Length);
                }
                else
                {
                    _items[Slot(write--)] = item;
                }
            }

            for (var i = 0; i <= write; i++)
            {
                _items[Slot(i)] = null!;
            }

            _head = Slot(write + 1);
        }

        _count -= removed;
        if (_count == 0)
        {
            _head = 0;
        }

        ShrinkIfSparse();
        return removed;
    }

    /// <summary>The index of the first element equal to <paramref name="element"/>, or -1.</summary>
    /// <param name="element">The element.</param>
    /// <returns>The index from the head, or -1.</returns>
    public int IndexOf(ReadOnlySpan<byte> element)
    {
        for (var i = 0; i < _count; i++)
        {
            if (element.SequenceEqual(_items[Slot(i)]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <inheritdoc/>
    public override CollectionValue CopyTo(byte[] key)
    {
        var items = new byte[_count][];
        for (var i = 0; i < _count; i++)
        {
            // Elements are immutable, so sharing the arrays is a deep copy as far as either list can tell.
            items[i] = _items[Slot(i)];
        }

        return new ListValue(key, items, _count);
    }

    /// <inheritdoc/>
    protected override long StructureBytes => MemoryEstimate.Object(40) + MemoryEstimate.Array(_items.Length, 8) + _elementBytes;

    /// <inheritdoc/>
    protected override long MeasureStructureBytes()
    {
        var bytes = MemoryEstimate.Object(40) + MemoryEstimate.Array(_items.Length, 8);
        for (var i = 0; i < _count; i++)
        {
            bytes += MemoryEstimate.Bytes(_items[Slot(i)].Length);
        }

        return bytes;
    }

    private void Drop(int slot)
    {
        _elementBytes -= MemoryEstimate.Bytes(_items[slot].Length);
        _items[slot] = null!;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Slot(int index)
    {
        var slot = _head + index;
        return slot >= _items.Length ? slot - _items.Length : slot;
    }

    private void Grow() => Resize(Math.Max(MinCapacity, _items.Length * 2));

    private void ShrinkIfSparse()
    {
        if (_items.Length > MinCapacity * 4 && _count < _items.Length / 4)
        {
            Resize(Math.Max(MinCapacity, _items.Length / 2));
        }
    }

    private void Resize(int capacity)
    {
        var items = new byte[capacity][];
        var firstPart = Math.Min(_count, _items.Length - _head);
        Array.Copy(_items, _head, items, 0, firstPart);
        Array.Copy(_items, 0, items, firstPart, _count - firstPart);
        _items = items;
        _head = 0;
    }
}
