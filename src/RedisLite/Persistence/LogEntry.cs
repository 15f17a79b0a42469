using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace RedisLite.Persistence;

/// <summary>
/// One operation being recorded: its arguments are added in the order <see cref="LogOp"/> documents, and disposing the
/// entry ends it (and commits the record unless a group is open). Obtained from <see cref="AppendLog.Begin"/> inside
/// the write scope of the keys it changes, after the change, so the log's order is the order writes were applied.
/// </summary>
internal ref struct LogEntry
{
    private readonly AppendLog? _log;
    private readonly LogBuilder? _builder;

    internal LogEntry(AppendLog log, LogBuilder builder)
    {
        _log = log;
        _builder = builder;
    }

    /// <summary>Adds a byte-string argument.</summary>
    public readonly void Bytes(ReadOnlySpan<byte> value)
    {
        if (_builder is { } b)
        {
            var span = b.Reserve(1 + 10 + value.Length);
            span[0] = (byte)LogArgTag.Bytes;
            var n = 1 + LogFormat.WriteVarint(span[1..], (ulong)value.Length);
            value.CopyTo(span[n..]);
            b.Advance(n + value.Length);
        }
    }

    /// <summary>Adds a value argument (its bytes).</summary>
    public readonly void Value(in RedisValue value)
    {
        if (_builder is not null)
        {
            Bytes(value.AsSpan());
        }
    }

    /// <summary>Adds an integer argument.</summary>
    public readonly void Int64(long value)
    {
        if (_builder is { } b)
        {
            var span = b.Reserve(11);
            span[0] = (byte)LogArgTag.Int64;
            b.Advance(1 + LogFormat.WriteVarint(span[1..], LogFormat.ZigZag(value)));
        }
    }

    /// <summary>Adds a double argument (exact bits).</summary>
    public readonly void Double(double value)
    {
        if (_builder is { } b)
        {
            var span = b.Reserve(9);
            span[0] = (byte)LogArgTag.Double;
            BinaryPrimitives.WriteInt64LittleEndian(span[1..], BitConverter.DoubleToInt64Bits(value));
            b.Advance(9);
        }
    }

    /// <summary>Ends the operation; commits its record unless a group (a transaction, a multi-operation command) is open.</summary>
    public readonly void Dispose()
    {
        if (_builder is { } b)
        {
            b.Reserve(1)[0] = (byte)LogArgTag.End;
            b.Advance(1);
            _log!.EndOperation(b);
        }
    }
}

/// <summary>A thread's record under construction: a reusable buffer with room for the record header at its start.</summary>
internal sealed class LogBuilder
{
    private byte[] _buffer = new byte[512];

    /// <summary>Bytes used, header included.</summary>
    public int Length = LogFormat.RecordHeaderLength;

    /// <summary>Open groups (<see cref="AppendLog.BeginGroup"/>); the record is committed when this returns to 0.</summary>
    public int Depth;

    /// <summary>The log the pending operations belong to.</summary>
    public AppendLog? Owner;

    /// <summary>Operations in the pending record.</summary>
    public int Operations;

    /// <summary>Tells whether operations are waiting to be committed.</summary>
    public bool HasOperations => Operations != 0;

    /// <summary>The record built so far, header first.</summary>
    public Span<byte> Record => _buffer.AsSpan(0, Length);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<byte> Reserve(int count)
    {
        if (_buffer.Length - Length < count)
        {
            Grow(count);
        }

        return _buffer.AsSpan(Length);
    }

    public void Advance(int count) => Length += count;

    /// <summary>Empties the builder after a commit, dropping a very large buffer so one big transaction does not
    /// pin its memory on the thread for good.</summary>
    public void Reset()
    {
        Length = LogFormat.RecordHeaderLength;
        Operations = 0;
        if (_buffer.Length > 1 << 20)
        {
            _buffer = new byte[512];
        }
    }

    private void Grow(int count)
    {
        var size = Math.Max((long)_buffer.Length * 2, (long)Length + count);
        if (size > Array.MaxLength)
        {
            size = Array.MaxLength;
        }

        if (size - Length < count)
        {
            throw new InvalidOperationException("The change is too large to be recorded in the append log as one record.");
        }

        Array.Resize(ref _buffer, (int)size);
    }
}
