using System.Diagnostics;
using System.Globalization;
using System.Text;
using RedisLite.Tests.Conformance;

namespace RedisLite.Tests.Server;

/// <summary>Runs the real <c>redis-cli</c> against a port, feeding it a script on standard input.</summary>
internal static class RedisCliProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Runs <c>redis-cli -h 127.0.0.1 -p <paramref name="port"/> <paramref name="arguments"/></c>, writes
    /// <paramref name="input"/> to its standard input and closes it, and returns what it printed.</summary>
    /// <param name="port">The server's port.</param>
    /// <param name="input">The script (one command a line), or null for none.</param>
    /// <param name="arguments">More arguments (<c>-3</c>, <c>--no-raw</c>, a command...).</param>
    /// <returns>The exit code, standard output and standard error.</returns>
    /// <exception cref="InvalidOperationException">redis-cli is not installed (on CI, where the test is not skipped).</exception>
    /// <exception cref="TimeoutException">redis-cli did not finish in time (it is killed).</exception>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(int port, string? input, params string[] arguments)
    {
        var executable = RedisCli.ExecutablePath
            ?? throw new InvalidOperationException("redis-cli was not found on the PATH (install Redis 7).");
        var info = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add("-h");
        info.ArgumentList.Add("127.0.0.1");
        info.ArgumentList.Add("-p");
        info.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = info };
        process.Start();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using (var stdin = process.StandardInput)
        {
            if (input is not null)
            {
                await stdin.WriteAsync(input).ConfigureAwait(false);
            }
        }

        using var deadline = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"redis-cli on port {port} did not finish within {Timeout.TotalSeconds} s.");
        }

        return (process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false));
    }
}
