using System.Buffers;
using System.Net.Sockets;
using System.Text;
using RedisLite.Resp;
using RedisLite.Tests.Conformance;

namespace RedisLite.Tests.Server;

/// <summary>
/// A raw RESP connection for byte-exact tests: sends a command as a multibulk and returns the next reply exactly as
/// the server wrote it (pushes included, if one comes first).
/// </summary>
public sealed class RawWire : IDisposable
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    /// <summary>Connects to 127.0.0.1:<paramref name="port"/>.</summary>
    /// <param name="port">The server's port.</param>
    public RawWire(int port)
    {
        _client = new TcpClient { NoDelay = true };
        _client.Connect("127.0.0.1", port);
        _stream = _client.GetStream();
        _stream.ReadTimeout = 10_000;
    }

    /// <summary>Sends a command (each argument UTF-8) and returns its raw reply.</summary>
    /// <param name="arguments">The command and its arguments.</param>
    /// <returns>The reply's bytes as Latin-1 text (one char per byte), CRLFs included.</returns>
    public string Call(params string[] arguments) => Call(arguments.Select(a => Encoding.UTF8.GetBytes(a)).ToArray());

    /// <summary>Sends a command given as raw arguments and returns its raw reply.</summary>
    /// <param name="arguments">The command and its arguments.</param>
    /// <returns>The reply's bytes as Latin-1 text.</returns>
    public string Call(params byte[][] arguments)
    {
        Send(arguments);
        return ReadReply();
    }

    /// <summary>Sends a command (each argument UTF-8) without reading its reply.</summary>
    /// <param name="arguments">The command and its arguments.</param>
    public void Send(params string[] arguments) => Send(arguments.Select(a => Encoding.UTF8.GetBytes(a)).ToArray());

    /// <summary>Sends a command without reading its reply.</summary>
    /// <param name="arguments">The command and its arguments.</param>
    public void Send(params byte[][] arguments)
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new RespWriter(output);
        writer.WriteCommand(arguments.Select(a => (ReadOnlyMemory<byte>)a).ToArray());
        _stream.Write(output.WrittenSpan);
    }

    /// <summary>Sends raw bytes (a malformed or inline request).</summary>
    /// <param name="bytes">What to send.</param>
    public void SendRaw(ReadOnlySpan<byte> bytes) => _stream.Write(bytes);

    /// <summary>Reads the next complete reply.</summary>
    /// <returns>The reply's bytes as Latin-1 text.</returns>
    /// <exception cref="IOException">The server closed the connection first.</exception>
    public string ReadReply()
    {
        while (true)
        {
            if (_end > _start && RespReader.TryRead(_buffer.AsSpan(_start, _end - _start), out _, out var consumed) == OperationStatus.Done)
            {
                var text = Encoding.Latin1.GetString(_buffer, _start, consumed);
                _start += consumed;
                return text;
            }

            if (_end == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0)
            {
                throw new IOException("The server closed the connection.");
            }

            _end += read;
        }
    }

    /// <summary>Whether the server has closed the connection (reads until end of stream, failing on data).</summary>
    /// <returns>True if the stream ended without further data.</returns>
    public bool IsClosedByServer()
    {
        try
        {
            return _stream.Read(new byte[1], 0, 1) == 0;
        }
        catch (IOException)
        {
            return true;
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _client.Dispose();
}

/// <summary>
/// Real redis-server and RedisLite's server side by side, for differential tests: the same commands go to both over
/// raw connections and the raw replies must be identical, byte for byte.
/// </summary>
public sealed class WireDiffFixture : IDisposable
{
    private readonly RedisServerFixture _redis = new();
    private readonly RedisLiteServerFixture _lite = new();

    /// <summary>Gets the real server (skip-or-fail is the test's <see cref="RedisFactAttribute"/>'s business).</summary>
    public RedisServerFixture Redis => _redis;

    /// <summary>Gets RedisLite's server.</summary>
    public RedisLiteServerFixture Lite => _lite;

    /// <summary>
    /// Runs <paramref name="commands"/> in order on a fresh connection to each server (after FLUSHALL, and HELLO 3
    /// for <paramref name="protocol"/> 3) and fails listing every command whose replies differ.
    /// </summary>
    /// <param name="protocol">2 or 3.</param>
    /// <param name="commands">The commands, each as its arguments.</param>
    public void AssertSameReplies(int protocol, params string[][] commands) => Run(protocol, null, commands);

    /// <summary>
    /// As <see cref="AssertSameReplies(int, string[][])"/>, but after the flush <paramref name="seed"/> fills database 0
    /// of each server through the store API (so that a family's diff can set up keys of other types without relying
    /// on other families' commands).
    /// </summary>
    /// <param name="protocol">2 or 3.</param>
    /// <param name="seed">Writes the initial data, once per server; null for none.</param>
    /// <param name="commands">The commands, each as its arguments.</param>
    public void AssertSameReplies(int protocol, Action<IDataStore>? seed, params string[][] commands) => Run(protocol, seed, commands);

    private void Run(int protocol, Action<IDataStore>? seed, string[][] commands)
    {
        if (!_redis.IsAvailable)
        {
            throw new InvalidOperationException("redis-server is not available: " + _redis.UnavailableReason);
        }

        using var expected = new RawWire(_redis.Port);
        using var actual = new RawWire(_lite.Port);
        foreach (var wire in new[] { expected, actual })
        {
            if (protocol == 3)
            {
                wire.Call("HELLO", "3");
            }

            wire.Call("FLUSHALL");
        }

        if (seed is not null)
        {
            using (var redis = _redis.CreateStore(protocol: 2))
            {
                seed(redis);
            }

            seed(_lite.Store);
        }

        var differences = new StringBuilder();
        foreach (var command in commands)
        {
            var want = expected.Call(command);
            var got = actual.Call(command);
            if (want != got)
            {
                differences.Append("RESP").Append(protocol).Append(' ').AppendJoin(' ', command).AppendLine()
                    .Append("  redis-server: ").AppendLine(Show(want))
                    .Append("  redislite:    ").AppendLine(Show(got));
            }
        }

        Assert.True(differences.Length == 0, "Replies differ:\n" + differences);
    }

    /// <summary>A reply with its CRLFs visible.</summary>
    public static string Show(string reply) => reply.Replace("\r\n", "\\r\\n", StringComparison.Ordinal);

    /// <inheritdoc/>
    public void Dispose()
    {
        _redis.Dispose();
        _lite.Dispose();
    }
}
