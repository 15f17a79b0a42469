using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using RedisLite.Resp;

namespace RedisLite.Tests.Server;

/// <summary>
/// The server under load: many connections at once, each pipelining batches of writes and reads on its own keys, every
/// reply checked against a per-connection model of what Redis would answer, then the final state checked key by key.
/// </summary>
/// <param name="server">RedisLite's server.</param>
[Trait("Category", "Soak")]
public sealed class ServerLoadTests(RedisLiteServerFixture server) : IClassFixture<RedisLiteServerFixture>
{
    private const int Connections = 24;
    private const int BatchSize = 50;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(3);

    /// <summary>24 connections (half RESP2, half RESP3) pipeline batches of 50 SET/GET/INCR/LPUSH/SADD/HSET/ZADD for a
    /// bounded time; every reply is the model's, and afterwards every key holds exactly the model's value.</summary>
    [Fact]
    public async Task Pipelined_connections_get_every_reply_right()
    {
        using (var flush = new Pipeline(server.Port))
        {
            await flush.RunAsync([["FLUSHALL"]], ["+OK\r\n"], "flush");
        }

        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, Connections).Select(id => Task.Run(() => RunClientAsync(id, clock))).ToArray();
        var models = await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.All(models, m => Assert.True(m.Batches >= 3, $"client {m.Id} ran only {m.Batches} batches"));
        using var check = new Pipeline(server.Port);
        foreach (var model in models)
        {
            var (commands, expected) = model.IntegrityChecks();
            await check.RunAsync(commands, expected, $"final state of client {model.Id}");
        }

        await check.RunAsync([["DBSIZE"]], [$":{models.Sum(m => m.KeyCount)}\r\n"], "key count");
        Assert.Equal(server.Store.DatabaseSize(), models.Sum(m => m.KeyCount));
    }

    private async Task<Model> RunClientAsync(int id, Stopwatch clock)
    {
        var model = new Model(id, resp3: id % 2 == 1);
        using var connection = new Pipeline(server.Port);
        if (model.Resp3)
        {
            await connection.SendAndReadAsync([["HELLO", "3"]]);
        }

        var random = new Random(id);
        while (clock.Elapsed < Duration || model.Batches < 3)
        {
            var commands = new List<string[]>(BatchSize);
            var expected = new List<string>(BatchSize);
            for (var i = 0; i < BatchSize; i++)
            {
                var (command, reply) = model.Next(random);
                commands.Add(command);
                expected.Add(reply);
            }

            await connection.RunAsync(commands, expected, $"client {id} batch {model.Batches}");
            model.Batches++;
        }

        return model;
    }

    /// <summary>What one connection has written, and the exact replies Redis gives for its next commands.</summary>
    private sealed class Model(int id, bool resp3)
    {
        private readonly Dictionary<string, string> _strings = [];
        private readonly HashSet<string> _set = [];
        private readonly Dictionary<string, string> _hash = [];
        private readonly Dictionary<string, long> _zset = [];
        private readonly List<string> _list = [];
        private long? _counter;

        public int Id { get; } = id;

        public bool Resp3 { get; } = resp3;

        public int Batches { get; set; }

        public int KeyCount => _strings.Count + (_counter is null ? 0 : 1) + (_list.Count > 0 ? 1 : 0)
            + (_set.Count > 0 ? 1 : 0) + (_hash.Count > 0 ? 1 : 0) + (_zset.Count > 0 ? 1 : 0);

        private string Key(string name) => $"load:{Id}:{name}";

        public (string[] Command, string Reply) Next(Random random)
        {
            switch (random.Next(8))
            {
                case 0:
                {
                    var key = Key("s" + random.Next(12));
                    var value = "v" + random.Next(1000) + new string('x', random.Next(40));
                    _strings[key] = value;
                    return (["SET", key, value], "+OK\r\n");
                }

                case 1:
                {
                    var key = Key("s" + random.Next(12));
                    return (["GET", key], _strings.TryGetValue(key, out var value) ? Bulk(value) : Resp3 ? "_\r\n" : "$-1\r\n");
                }

                case 2:
                    _counter = (_counter ?? 0) + 1;
                    return (["INCR", Key("n")], $":{_counter}\r\n");
                case 3:
                {
                    var value = "e" + random.Next(100);
                    _list.Add(value);
                    return (["LPUSH", Key("l"), value], $":{_list.Count}\r\n");
                }

                case 4:
                {
                    var member = "m" + random.Next(60);
                    return (["SADD", Key("set"), member], _set.Add(member) ? ":1\r\n" : ":0\r\n");
                }

                case 5:
                {
                    var field = "f" + random.Next(20);
                    var added = !_hash.ContainsKey(field);
                    _hash[field] = "h" + random.Next(1000);
                    return (["HSET", Key("h"), field, _hash[field]], added ? ":1\r\n" : ":0\r\n");
                }

                case 6:
                {
                    var member = "z" + random.Next(30);
                    var score = random.Next(-50, 50);
                    var added = _zset.TryAdd(member, score);
                    _zset[member] = score;
                    return (["ZADD", Key("z"), score.ToString(CultureInfo.InvariantCulture), member], added ? ":1\r\n" : ":0\r\n");
                }

                default:
                    return (["EXISTS", Key("l"), Key("set"), Key("nosuch")], $":{(_list.Count > 0 ? 1 : 0) + (_set.Count > 0 ? 1 : 0)}\r\n");
            }
        }

        /// <summary>Commands reading back every key, with the RESP2 replies the model expects.</summary>
        public (List<string[]> Commands, List<string> Replies) IntegrityChecks()
        {
            var commands = new List<string[]>();
            var replies = new List<string>();
            foreach (var (key, value) in _strings)
            {
                commands.Add(["GET", key]);
                replies.Add(Bulk(value));
            }

            commands.Add(["GET", Key("n")]);
            replies.Add(_counter is { } n ? Bulk(n.ToString(CultureInfo.InvariantCulture)) : "$-1\r\n");

            // LPUSH puts each element at the head: the list reads newest first.
            commands.Add(["LRANGE", Key("l"), "0", "-1"]);
            replies.Add(Array(Enumerable.Reverse(_list)));

            var members = _set.Order(StringComparer.Ordinal).ToArray();
            commands.Add(["SCARD", Key("set")]);
            replies.Add($":{members.Length}\r\n");
            commands.Add(["SMISMEMBER", Key("set"), .. members, "m-none"]);
            replies.Add($"*{members.Length + 1}\r\n" + string.Concat(Enumerable.Repeat(":1\r\n", members.Length)) + ":0\r\n");

            var fields = _hash.Keys.Order(StringComparer.Ordinal).ToArray();
            commands.Add(["HLEN", Key("h")]);
            replies.Add($":{fields.Length}\r\n");
            if (fields.Length > 0)
            {
                commands.Add(["HMGET", Key("h"), .. fields]);
                replies.Add(Array(fields.Select(f => _hash[f])));
            }

            commands.Add(["ZRANGE", Key("z"), "0", "-1", "WITHSCORES"]);
            replies.Add(Array(_zset.OrderBy(e => e.Value).ThenBy(e => e.Key, StringComparer.Ordinal)
                .SelectMany(e => new[] { e.Key, e.Value.ToString(CultureInfo.InvariantCulture) })));
            return (commands, replies);
        }

        private static string Bulk(string value) => $"${Encoding.UTF8.GetByteCount(value)}\r\n{value}\r\n";

        private static string Array(IEnumerable<string> items)
        {
            var list = items.ToList();
            return $"*{list.Count}\r\n" + string.Concat(list.Select(Bulk));
        }
    }

    /// <summary>A raw connection that sends a batch of commands in one write and reads their replies.</summary>
    private sealed class Pipeline : IDisposable
    {
        private readonly TcpClient _client;
        private readonly NetworkStream _stream;
        private byte[] _buffer = new byte[64 * 1024];
        private int _start;
        private int _end;

        public Pipeline(int port)
        {
            _client = new TcpClient { NoDelay = true };
            _client.Connect("127.0.0.1", port);
            _stream = _client.GetStream();
        }

        /// <summary>Sends the batch and fails on the first reply that is not the expected one.</summary>
        public async Task RunAsync(IReadOnlyList<string[]> commands, IReadOnlyList<string> expected, string what)
        {
            var replies = await SendAndReadAsync(commands);
            for (var i = 0; i < commands.Count; i++)
            {
                if (replies[i] != expected[i])
                {
                    Assert.Fail($"{what}, command {i}: {string.Join(' ', commands[i])}\n  expected: {WireDiffFixture.Show(expected[i])}\n  got:      {WireDiffFixture.Show(replies[i])}");
                }
            }
        }

        public async Task<List<string>> SendAndReadAsync(IReadOnlyList<string[]> commands)
        {
            var output = new ArrayBufferWriter<byte>();
            var writer = new RespWriter(output);
            foreach (var command in commands)
            {
                writer.WriteCommand(command);
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _stream.WriteAsync(output.WrittenMemory, timeout.Token);
            var replies = new List<string>(commands.Count);
            while (replies.Count < commands.Count)
            {
                if (_end > _start && RespReader.TryRead(_buffer.AsSpan(_start, _end - _start), out _, out var consumed) == OperationStatus.Done)
                {
                    replies.Add(Encoding.UTF8.GetString(_buffer, _start, consumed));
                    _start += consumed;
                    continue;
                }

                if (_start > 0)
                {
                    Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                    _end -= _start;
                    _start = 0;
                }

                if (_end == _buffer.Length)
                {
                    System.Array.Resize(ref _buffer, _buffer.Length * 2);
                }

                var read = await _stream.ReadAsync(_buffer.AsMemory(_end), timeout.Token);
                if (read == 0)
                {
                    throw new IOException("The server closed the connection.");
                }

                _end += read;
            }

            return replies;
        }

        public void Dispose() => _client.Dispose();
    }
}
