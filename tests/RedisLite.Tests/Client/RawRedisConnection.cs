using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using RedisLite.Resp;

namespace RedisLite.Tests.Client;

/// <summary>
/// A minimal blocking RESP2 connection for administering the test server (<c>CLIENT LIST</c>, <c>CLIENT KILL</c>)
/// independently of the client under test. Every read and write is bounded by socket timeouts.
/// </summary>
internal sealed class RawRedisConnection : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private byte[] _buffer = new byte[16 * 1024];
    private int _start;
    private int _end;

    public RawRedisConnection(int port)
    {
        _client = new TcpClient { NoDelay = true };
        try
        {
            if (!_client.ConnectAsync(IPAddress.Loopback, port).Wait(Timeout))
            {
                throw new TimeoutException($"Could not connect to 127.0.0.1:{port} within {Timeout.TotalSeconds} s.");
            }

            _stream = _client.GetStream();
            _stream.ReadTimeout = (int)Timeout.TotalMilliseconds;
            _stream.WriteTimeout = (int)Timeout.TotalMilliseconds;
        }
        catch
        {
            _client.Dispose();
            throw;
        }
    }

    /// <summary>Sends a command and returns its reply (errors are returned, not thrown).</summary>
    public RespValue Call(params string[] arguments)
    {
        var output = new ArrayBufferWriter<byte>();
        new RespWriter(output).WriteCommand(arguments);
        _stream.Write(output.WrittenSpan);
        while (true)
        {
            if (_end > _start && RespReader.TryRead(_buffer.AsSpan(_start, _end - _start), out var value, out var consumed) == OperationStatus.Done)
            {
                _start += consumed;
                return value!;
            }

            if (_end == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0)
            {
                throw new IOException("The server closed the admin connection.");
            }

            _end += read;
        }
    }

    /// <summary>This connection's own client id (<c>CLIENT ID</c>).</summary>
    public long ClientId() => Call("CLIENT", "ID").Integer;

    /// <summary>The other normal clients, parsed from <c>CLIENT LIST TYPE normal</c>: one field dictionary per client.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> OtherClients()
    {
        var self = ClientId().ToString(CultureInfo.InvariantCulture);
        var text = Call("CLIENT", "LIST", "TYPE", "normal").GetString() ?? "";
        var clients = new List<IReadOnlyDictionary<string, string>>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var pair in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                if (equals > 0)
                {
                    fields[pair[..equals]] = pair[(equals + 1)..];
                }
            }

            if (fields.TryGetValue("id", out var id) && id != self)
            {
                clients.Add(fields);
            }
        }

        return clients;
    }

    /// <summary>The ids of the other normal clients whose selected database is <paramref name="database"/>.</summary>
    public IReadOnlyList<string> ClientIdsOnDatabase(int database)
    {
        var db = database.ToString(CultureInfo.InvariantCulture);
        return [.. OtherClients().Where(c => c.TryGetValue("db", out var d) && d == db).Select(c => c["id"])];
    }

    public void Dispose() => _client.Dispose();
}
