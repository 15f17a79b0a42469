using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using RedisLite.ServerTool;
using RedisLite.Tests.Conformance;

namespace RedisLite.Tests.Server;

/// <summary>The standalone <c>redislite-server</c> tool starts, serves the real redis-cli, and stops cleanly.</summary>
[Trait("Category", "Wire")]
public sealed partial class ServerToolTests
{
    /// <summary><c>--port 0</c> listens on a free port that the ready line names; redis-cli gets PONG there; cancelling
    /// shuts it down with exit code 0.</summary>
    [RedisCliFact]
    public async Task Tool_started_on_a_free_port_answers_redis_cli()
    {
        var output = new LineWriter();
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        using var stop = new CancellationTokenSource();
        var run = Task.Run(() => ServerCommandLine.RunAsync(["--port", "0", "--databases", "4"], output, error, stop.Token));

        var ready = await output.Ready.Task.WaitAsync(TimeSpan.FromSeconds(20));
        var match = ReadyLine().Match(ready);
        Assert.True(match.Success, "unexpected ready line: " + ready);
        var port = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.NotEqual(0, port);

        var ping = await RedisCliProcess.RunAsync(port, null, "PING");
        Assert.Equal((0, "PONG\n"), (ping.ExitCode, ping.Output));
        var session = await RedisCliProcess.RunAsync(port, "ECHO hi\nSELECT 3\nSELECT 4\n", "--no-raw");
        Assert.Equal("\"hi\"\nOK\n(error) ERR DB index is out of range\n", session.Output);

        await stop.CancelAsync();
        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Contains("shutting down", output.ToString(), StringComparison.Ordinal);
        Assert.Equal("", error.ToString());
    }

    [GeneratedRegex(@"ready to accept connections on 127\.0\.0\.1:(\d+) ")]
    private static partial Regex ReadyLine();

    /// <summary>Collects what the tool prints and completes <see cref="Ready"/> with its ready line.</summary>
    private sealed class LineWriter : TextWriter
    {
        private readonly StringBuilder _text = new();

        public TaskCompletionSource<string> Ready { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            lock (_text)
            {
                _text.Append(value);
            }
        }

        public override void WriteLine(string? value)
        {
            lock (_text)
            {
                _text.Append(value).Append('\n');
            }

            if (value is not null && value.Contains("ready to accept connections", StringComparison.Ordinal))
            {
                Ready.TrySetResult(value);
            }
        }

        public override Task WriteLineAsync(string? value)
        {
            WriteLine(value);
            return Task.CompletedTask;
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override string ToString()
        {
            lock (_text)
            {
                return _text.ToString();
            }
        }
    }
}
