using System.Diagnostics;
using System.Globalization;

namespace RedisLite.CheckTool;

/// <summary>
/// A read-only view of a file that writes a percentage line to a writer as it is read: at most one line per
/// <c>interval</c>, and only when the whole percentage moved. The readers it feeds need not know about it.
/// </summary>
internal sealed class ProgressStream : Stream
{
    private readonly Stream _inner;
    private readonly TextWriter _output;
    private readonly TimeSpan _interval;
    private readonly long _total;
    private long _read;
    private long _lastTimestamp;
    private int _lastPercent;

    public ProgressStream(Stream inner, TextWriter output, TimeSpan interval)
    {
        _inner = inner;
        _output = output;
        _interval = interval;
        _total = Math.Max(1, inner.Length);
        _lastTimestamp = Stopwatch.GetTimestamp();
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => _inner.Length;

    public override long Position
    {
        get => _inner.Position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = _inner.Read(buffer);
        _read += n;
        Report();
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private void Report()
    {
        var percent = (int)Math.Min(100, _read * 100 / _total);
        if (percent <= _lastPercent)
        {
            return;
        }

        var now = Stopwatch.GetTimestamp();
        if (Stopwatch.GetElapsedTime(_lastTimestamp, now) < _interval)
        {
            return;
        }

        _lastTimestamp = now;
        _lastPercent = percent;
        _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"progress: {percent}% ({Megabytes(_read)} of {Megabytes(_total)} MB)"));
    }

    private static string Megabytes(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0.0", CultureInfo.InvariantCulture);
}
