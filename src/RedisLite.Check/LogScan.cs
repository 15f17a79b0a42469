using System.Globalization;
using System.Text;
using RedisLite.Persistence;

namespace RedisLite.CheckTool;

/// <summary>What a whole read of an append-log file found: its content up to the first damage, and the damage.</summary>
internal sealed class LogScan
{
    private readonly long[] _perOp = new long[256];

    private LogScan(long length) => Length = length;

    /// <summary>Gets the format version (0 when the header is cut short).</summary>
    public uint Version { get; private set; }

    /// <summary>Gets the file's length in bytes.</summary>
    public long Length { get; }

    /// <summary>Gets the number of intact records before any damage.</summary>
    public long Records { get; private set; }

    /// <summary>Gets the number of operations in those records.</summary>
    public long Operations { get; private set; }

    /// <summary>Gets the databases the operations name (their own database argument, not a COPY or MOVE target).</summary>
    public SortedSet<int> Databases { get; } = [];

    /// <summary>Gets the length up to the end of the last good record (where <c>--fix</c> cuts).</summary>
    public long GoodLength { get; private set; }

    /// <summary>Gets <see cref="LogReadStatus.End"/> for an intact file, else the kind of damage.</summary>
    public LogReadStatus Status { get; private set; } = LogReadStatus.End;

    /// <summary>Gets the offset of the damaged record (or header).</summary>
    public long DamageOffset { get; private set; }

    /// <summary>Gets what is wrong, when damaged.</summary>
    public string? Problem { get; private set; }

    /// <summary>Gets the operation counts by operation, in code order (only operations that occur).</summary>
    public IEnumerable<(LogOp Op, long Count)> OperationCounts
    {
        get
        {
            for (var i = 0; i < _perOp.Length; i++)
            {
                if (_perOp[i] != 0)
                {
                    yield return ((LogOp)i, _perOp[i]);
                }
            }
        }
    }

    /// <summary>Reads the whole log, checking every record and every operation's argument framing.</summary>
    /// <param name="stream">The file, at its start.</param>
    /// <param name="length">The file's length.</param>
    /// <param name="path">The file's path, for messages.</param>
    /// <param name="dump">Where to print each operation of each intact record (<c>offset db OP args...</c>), or null.</param>
    /// <exception cref="AppendLogFormatException">Not a RedisLite log, or of a newer version.</exception>
    public static LogScan Read(Stream stream, long length, string path, TextWriter? dump)
    {
        var scan = new LogScan(length);
        var reader = new LogFileReader(stream, path);
        scan.Version = reader.Version;
        scan.GoodLength = reader.GoodLength;
        var ops = new List<(LogOp Op, int Database)>();
        var lines = dump is null ? null : new StringBuilder();
        while (true)
        {
            var status = reader.Next(out var payload);
            if (status == LogReadStatus.End)
            {
                return scan;
            }

            if (status != LogReadStatus.Record)
            {
                return scan.Damaged(status, reader.RecordOffset, reader.Problem ?? "damaged");
            }

            ops.Clear();
            lines?.Clear();
            try
            {
                ReadOperations(payload, path, reader.RecordOffset, ops, lines);
            }
            catch (AppendLogFormatException e)
            {
                // The record's checksum matched, so its bytes are as written, yet they do not parse: replay would stop here.
                var prefix = string.Create(CultureInfo.InvariantCulture, $"Append log '{path}' is not valid at offset {reader.RecordOffset}: ");
                var problem = e.Message.StartsWith(prefix, StringComparison.Ordinal) ? e.Message[prefix.Length..] : e.Message;
                return scan.Damaged(LogReadStatus.Corrupt, reader.RecordOffset, problem);
            }

            foreach (var (op, database) in ops)
            {
                scan._perOp[(byte)op]++;
                scan.Databases.Add(database);
            }

            scan.Operations += ops.Count;
            scan.Records++;
            scan.GoodLength = reader.GoodLength;
            dump?.Write(lines);
        }
    }

    private LogScan Damaged(LogReadStatus status, long offset, string problem)
    {
        Status = status;
        DamageOffset = offset;
        Problem = problem;
        return this;
    }

    /// <summary>Reads one record's operations with their arguments, by tag only (no knowledge of each operation).</summary>
    private static void ReadOperations(ReadOnlySpan<byte> payload, string path, long offset, List<(LogOp, int)> ops, StringBuilder? lines)
    {
        var reader = new LogOpReader(payload, path, offset);
        while (!reader.AtEnd)
        {
            var op = reader.ReadOp(out var database);
            if (!Enum.IsDefined(op))
            {
                reader.Fail($"unknown operation {(byte)op}");
            }

            lines?.Append(CultureInfo.InvariantCulture, $"{offset} {database} {op}");
            while (!reader.AtArgumentsEnd)
            {
                lines?.Append(' ');
                switch (reader.PeekTag())
                {
                    case LogArgTag.Bytes:
                        var bytes = reader.ReadBytes();
                        if (lines is not null)
                        {
                            ByteText.Append(lines, bytes);
                        }

                        break;
                    // Read before printing: lines?.Append(reader.Read...()) would skip the read when not dumping.
                    case LogArgTag.Int64:
                        var integer = reader.ReadInt64();
                        lines?.Append(integer);
                        break;
                    case LogArgTag.Double:
                        var real = reader.ReadDouble();
                        lines?.Append(FormatDouble(real));
                        break;
                    case LogArgTag.End:
                        // Not at an End byte, yet the tag reads as End: the payload ended inside the operation.
                        reader.ReadEnd();
                        break;
                    default:
                        reader.Fail($"unknown argument tag {(byte)reader.PeekTag()}");
                        break;
                }
            }

            reader.ReadEnd();
            lines?.AppendLine();
            ops.Add((op, database));
        }
    }

    /// <summary>Formats a double as Redis prints scores: shortest round-trip text, <c>inf</c>, <c>-inf</c>, <c>nan</c>.</summary>
    private static string FormatDouble(double value) => value switch
    {
        double.PositiveInfinity => "inf",
        double.NegativeInfinity => "-inf",
        _ when double.IsNaN(value) => "nan",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };
}
