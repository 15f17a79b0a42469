using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using RedisLite.Client;

namespace RedisLite.Tests.Conformance;

/// <summary>
/// Finds <c>redis-server</c> on the PATH and decides whether real-server tests run. They are skipped, with the reason,
/// when the server is missing, except on CI (<c>CI=true</c>), where a missing server must fail the build.
/// </summary>
public static class RedisServer
{
    private static readonly Lazy<string?> Executable = new(() => FindOnPath("redis-server"));

    /// <summary>Gets the full path of <c>redis-server</c>, or <see langword="null"/> if it is not on the PATH.</summary>
    public static string? ExecutablePath => Executable.Value;

    /// <summary>Gets whether the tests run on CI (the environment variable <c>CI</c> is <c>true</c>).</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Gets why real-server tests are skipped, or <see langword="null"/> when they run.</summary>
    public static string? SkipReason => ExecutablePath is null && !IsCi
        ? "redis-server was not found on the PATH, so this test against a real Redis is skipped (install Redis 7; on CI, with CI=true, this is a failure instead)."
        : null;

    /// <summary>Finds an executable on the PATH (with <c>.exe</c> on Windows too).</summary>
    /// <param name="program">The program's name, without extension.</param>
    /// <returns>Its full path, or <see langword="null"/>.</returns>
    internal static string? FindOnPath(string program)
    {
        var names = OperatingSystem.IsWindows() ? new[] { program + ".exe", program } : [program];
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in names)
            {
                var candidate = Path.Combine(directory.Trim('"'), name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}

/// <summary>
/// Finds <c>redis-cli</c> on the PATH for tests that drive a server through the real client. Like
/// <see cref="RedisServer"/>, they are skipped when it (or <c>redis-server</c>) is missing, except on CI, where that fails.
/// </summary>
public static class RedisCli
{
    private static readonly Lazy<string?> Executable = new(() => RedisServer.FindOnPath("redis-cli"));

    /// <summary>Gets the full path of <c>redis-cli</c>, or <see langword="null"/> if it is not on the PATH.</summary>
    public static string? ExecutablePath => Executable.Value;

    /// <summary>Gets why redis-cli tests are skipped, or <see langword="null"/> when they run.</summary>
    public static string? SkipReason => RedisServer.SkipReason
        ?? (ExecutablePath is null && !RedisServer.IsCi
            ? "redis-cli was not found on the PATH, so this test through the real Redis client is skipped (install Redis 7; on CI, with CI=true, this is a failure instead)."
            : null);
}

/// <summary>A <see cref="FactAttribute"/> that skips the test when <c>redis-cli</c> or <c>redis-server</c> is not installed (except on CI).</summary>
public sealed class RedisCliFactAttribute : FactAttribute
{
    /// <summary>Creates the attribute, setting <see cref="FactAttribute.Skip"/> when redis-cli is unavailable.</summary>
    public RedisCliFactAttribute()
    {
        if (RedisCli.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>A <see cref="TheoryAttribute"/> that skips the test when <c>redis-cli</c> or <c>redis-server</c> is not installed (except on CI).</summary>
public sealed class RedisCliTheoryAttribute : TheoryAttribute
{
    /// <summary>Creates the attribute, setting <see cref="FactAttribute.Skip"/> when redis-cli is unavailable.</summary>
    public RedisCliTheoryAttribute()
    {
        if (RedisCli.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>A <see cref="FactAttribute"/> that skips the test when <c>redis-server</c> is not installed (except on CI).</summary>
public sealed class RedisFactAttribute : FactAttribute
{
    /// <summary>Creates the attribute, setting <see cref="FactAttribute.Skip"/> when the server is unavailable.</summary>
    public RedisFactAttribute()
    {
        if (RedisServer.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>A <see cref="TheoryAttribute"/> that skips the test when <c>redis-server</c> is not installed (except on CI).</summary>
public sealed class RedisTheoryAttribute : TheoryAttribute
{
    /// <summary>Creates the attribute, setting <see cref="FactAttribute.Skip"/> when the server is unavailable.</summary>
    public RedisTheoryAttribute()
    {
        if (RedisServer.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>
/// A private <c>redis-server</c> for one test class: started on a free loopback port with persistence off, ready once
/// it answers PING, killed (with its process tree) on dispose. When the server cannot be started,
/// <see cref="IsAvailable"/> is false and <see cref="CreateStore"/> fails with <see cref="UnavailableReason"/>.
/// </summary>
public class RedisServerFixture : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

    private readonly Process? _process;
    private readonly Queue<string> _output = new();

    private readonly string[] _extraArguments;

    /// <summary>Starts the server (if it is installed).</summary>
    public RedisServerFixture()
        : this([])
    {
    }

    /// <summary>Starts the server (if it is installed) with extra command-line settings, for example <c>--requirepass</c>.</summary>
    /// <param name="extraArguments">Arguments appended to the defaults.</param>
    protected RedisServerFixture(params string[] extraArguments)
    {
        _extraArguments = extraArguments;
        if (RedisServer.ExecutablePath is not { } executable)
        {
            UnavailableReason = "redis-server was not found on the PATH.";
            return;
        }

        // Another process may take the port between our probe and the server's bind: try a few ports.
        var reasons = new List<string>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var port = FreePort();
            var process = Start(executable, port);
            if (WaitUntilReady(process, port, out var failure))
            {
                _process = process;
                Port = port;
                IsAvailable = true;
                return;
            }

            reasons.Add($"port {port}: {failure}");
            Kill(process);
        }

        UnavailableReason = $"redis-server ({executable}) did not start: {string.Join("; ", reasons)}. Last output:\n{RecentOutput()}";
    }

    /// <summary>Gets the server's TCP port on 127.0.0.1 (0 when unavailable).</summary>
    public int Port { get; }

    /// <summary>Gets whether the server is running and answered PING.</summary>
    public bool IsAvailable { get; }

    /// <summary>Gets why the server is unavailable, or <see langword="null"/> when it is running.</summary>
    public string? UnavailableReason { get; }

    /// <summary>Connects a new <see cref="RemoteDataStore"/> (database 0) to the server.</summary>
    /// <param name="protocol">The RESP version: 2 or 3.</param>
    /// <returns>The connected store; the caller disposes it.</returns>
    /// <exception cref="InvalidOperationException">The server is not available.</exception>
    public RemoteDataStore CreateStore(int protocol)
    {
        if (!IsAvailable)
        {
            throw new InvalidOperationException("The Redis server for this test class is not available: " + UnavailableReason);
        }

        return Connect(Port, protocol);
    }

    /// <summary>Connects a <see cref="RemoteDataStore"/> to a server on loopback (this one, or RedisLite's).</summary>
    /// <param name="port">The server's port.</param>
    /// <param name="protocol">2 or 3.</param>
    /// <param name="password">The password to authenticate with, if any.</param>
    /// <returns>The connected store; the caller disposes it.</returns>
    public static RemoteDataStore Connect(int port, int protocol, string? password = null)
    {
        var store = new RemoteDataStore(new RemoteDataStoreOptions
        {
            Host = "127.0.0.1",
            Port = port,
            Protocol = protocol,
            Password = password,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            CommandTimeout = TimeSpan.FromSeconds(10),
        });
        try
        {
            store.Connect();
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Stops the server.</summary>
    /// <param name="disposing">Whether this is called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing && _process is not null)
        {
            Kill(_process);
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    private Process Start(string executable, int port)
    {
        var info = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in new[]
                 {
                     "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                     "--daemonize", "no", "--databases", "16",
                 }.Concat(_extraArguments))
        {
            info.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Remember(e.Data);
        process.ErrorDataReceived += (_, e) => Remember(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Enqueue(line);
            while (_output.Count > 40)
            {
                _output.Dequeue();
            }
        }
    }

    private string RecentOutput()
    {
        lock (_output)
        {
            return string.Join("\n", _output);
        }
    }

    /// <summary>Polls with PING until the server answers, it exits, or the start timeout passes. Each probe is bounded by
    /// its own timeouts, and between probes the wait is on the process itself, so a server that dies is noticed at once.</summary>
    private static bool WaitUntilReady(Process process, int port, out string failure)
    {
        var clock = Stopwatch.StartNew();
        var lastError = "no answer";
        while (clock.Elapsed < StartTimeout)
        {
            if (process.HasExited)
            {
                failure = $"exited with code {process.ExitCode}";
                return false;
            }

            if (TryPing(port, out var error))
            {
                failure = "";
                return true;
            }

            lastError = error;

            // A bounded wait that ends early if the server exits: not a sleep, and no busy loop either.
            if (process.WaitForExit(20))
            {
                failure = $"exited with code {process.ExitCode}";
                return false;
            }
        }

        failure = $"no PONG within {StartTimeout.TotalSeconds} s ({lastError})";
        return false;
    }

    private static bool TryPing(int port, out string error)
    {
        try
        {
            using var client = new TcpClient();
            if (!client.ConnectAsync(IPAddress.Loopback, port).Wait(TimeSpan.FromSeconds(2)))
            {
                error = "connect timed out";
                return false;
            }

            var stream = client.GetStream();
            stream.ReadTimeout = 2000;
            stream.WriteTimeout = 2000;
            stream.Write("PING\r\n"u8);
            var reply = new StringBuilder();
            var buffer = new byte[64];
            while (!reply.ToString().Contains('\n', StringComparison.Ordinal))
            {
                var read = stream.Read(buffer, 0, buffer.Length);
                if (read == 0)
                {
                    break;
                }

                reply.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }

            // A server still loading replies -LOADING; +PONG means ready, and so does -NOAUTH from one with a password.
            error = reply.ToString().Trim();
            return error.StartsWith("+PONG", StringComparison.Ordinal) || error.StartsWith("-NOAUTH", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is SocketException or IOException or AggregateException)
        {
            error = ex.GetBaseException().Message;
            return false;
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        finally
        {
            process.Dispose();
        }
    }
}
