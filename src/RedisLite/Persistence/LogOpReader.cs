using System.Buffers.Binary;

namespace RedisLite.Persistence;

/// <summary>
/// Reads the operations of one record's payload (see <see cref="LogFormat"/>), checking every tag. A record passed its
/// checksum, so a mismatch here means a writer and reader disagree about an operation: it is reported as corruption
/// naming the record, never applied half-understood.
/// </summary>
internal ref struct LogOpReader
{
    private readonly ReadOnlySpan<byte> _payload;
    private readonly string _source;
    private readonly long _recordOffset;
    private int _position;

    public LogOpReader(ReadOnlySpan<byte> payload, string source, long recordOffset)
    {
        _payload = payload;
        _source = source;
        _recordOffset = recordOffset;
    }

    /// <summary>Gets whether every operation has been read.</summary>
    public readonly bool AtEnd => _position >= _payload.Length;

    /// <summary>Reads the next operation's code and database.</summary>
    public LogOp ReadOp(out int database)
    {
        var op = (LogOp)ReadByte();
        var db = ReadVarint();
        if (db > int.MaxValue)
        {
            Fail($"database index {db} is out of range");
        }

        database = (int)db;
        return op;
    }

    /// <summary>Gets whether the current operation has no more arguments.</summary>
    public readonly bool AtArgumentsEnd => _position < _payload.Length && _payload[_position] == (byte)LogArgTag.End;

    /// <summary>Reads the next argument's tag without consuming it (a tool printing records it does not know).</summary>
    public readonly LogArgTag PeekTag() => _position < _payload.Length ? (LogArgTag)_payload[_position] : LogArgTag.End;

    /// <summary>Reads a byte-string argument (a view into the payload).</summary>
    public ReadOnlySpan<byte> ReadBytes()
    {
        Expect(LogArgTag.Bytes);
        var length = ReadVarint();
        if (length > (ulong)(_payload.Length - _position))
        {
            Fail($"a {length}-byte argument runs past the record");
        }

        var bytes = _payload.Slice(_position, (int)length);
        _position += (int)length;
        return bytes;
    }

    /// <summary>Reads a byte-string argument as a new array.</summary>
    public byte[] ReadByteArray() => ReadBytes().ToArray();

    /// <summary>Reads an integer argument.</summary>
    public long ReadInt64()
    {
        Expect(LogArgTag.Int64);
        return LogFormat.UnZigZag(ReadVarint());
    }

    /// <summary>Reads an integer argument that must lie in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public long ReadInt64(long min, long max, string what)
    {
        var value = ReadInt64();
        if (value < min || value > max)
        {
            Fail($"{what} {value} is out of range");
        }

        return value;
    }

    /// <summary>Reads a double argument.</summary>
    public double ReadDouble()
    {
        Expect(LogArgTag.Double);
        if (_payload.Length - _position < 8)
        {
            Fail("a double runs past the record");
        }

        var value = BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64LittleEndian(_payload[_position..]));
        _position += 8;
        return value;
    }

    /// <summary>Reads the end of the current operation's arguments.</summary>
    public void ReadEnd() => Expect(LogArgTag.End);

    /// <summary>Throws the corruption error for this record.</summary>
    public readonly void Fail(string problem) =>
        throw new AppendLogFormatException(_source, _recordOffset, $"record holds an invalid operation: {problem}");

    private void Expect(LogArgTag tag)
    {
        var actual = (LogArgTag)ReadByte();
        if (actual != tag)
        {
            Fail($"expected a {tag} argument, found tag {(byte)actual}");
        }
    }

    private byte ReadByte()
    {
        if (_position >= _payload.Length)
        {
            Fail("the operation runs past the record");
        }

        return _payload[_position++];
    }

    private ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = ReadByte();
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        Fail("a number is too long");
        return 0;
    }
}
