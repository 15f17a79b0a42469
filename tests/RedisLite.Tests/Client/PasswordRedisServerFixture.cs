using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using RedisLite.Client;
using RedisLite.Tests.Conformance;

namespace RedisLite.Tests.Client;

/// <summary>
/// A private <c>redis-server</c> started with <c>--requirepass</c> <see cref="Password"/>, for the authentication
/// tests (<see cref="RedisServerFixture"/> takes no extra arguments). Ready once <c>AUTH</c> and <c>PING</c> succeed;
/// killed on dispose. When it cannot start, <see cref="CreateStore"/> fails with <see cref="UnavailableReason"/>.
/// </summary>
public sealed class PasswordRedisServerFixture : IDisposable
{
    /// <summary>The server's password.</summary>
    public const string Password = "secret";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

    private readonly Process? _process;

    /// <summary>Starts the server (if it is installed).</summary>
    public PasswordRedisServerFixture()
    {
        if (RedisServer.ExecutablePath is not { } executable)
        {
            UnavailableReason = "redis-server was not found on the PATH.";
            return;
        }

        var failures = new List<string>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var port = FreePort();
            var process = Start(executable, port);
            if (WaitUntilReady(process, port, out var failure))
            {
                _process = process;
                Port = port;
                return;
            }

            failures.Add($"port {port}: {failure}");
            Kill(process);
        }

        UnavailableReason = "redis-server --requirepass did not start: " + string.Join("; ", failures);
    }

    /// <summary>Gets the server's port on 127.0.0.1 (0 when unavailable).</summary>
    public int Port { get; }

    /// <summary>Gets why the server is unavailable, or null when it runs.</summary>
    public string? UnavailableReason { get; }

    /// <summary>Creates (without connecting) a store for this server.</summary>
    /// <param name="protocol">2 or 3.</param>
    /// <param name="password">The password to send, or null for none.</param>
    /// <param name="user">The ACL user, or null for the default one.</param>
    /// <returns>The store; the caller disposes it.</returns>
    public RemoteDataStore CreateStore(int protocol, string? password, string? user = null)
    {
        if (_process is null)
        {
            throw new InvalidOperationException("The password-protected Redis server is not available: " + UnavailableReason);
        }

        return new RemoteDataStore(new RemoteDataStoreOptions
        {
            Port = Port,
            Protocol = protocol,
            Password = password,
            User = user,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            CommandTimeout = TimeSpan.FromSeconds(10),
        });
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_process is not null)
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

    private static Process Start(string executable, int port)
    {
        var info = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        string[] arguments =
        [
            "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
            "--daemonize", "no", "--requirepass", Password,
        ];
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = info };
        process.OutputDataReceived += static (_, _) => { };
        process.ErrorDataReceived += static (_, _) => { };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static bool WaitUntilReady(Process process, int port, out string failure)
    {
        var clock = Stopwatch.StartNew();
        failure = "no answer";
        while (clock.Elapsed < StartTimeout)
        {
            if (process.HasExited)
            {
                failure = $"exited with code {process.ExitCode}";
                return false;
            }

            try
            {
                using var connection = new RawRedisConnection(port);
                if (connection.Call("AUTH", Password).GetString() == "OK" && connection.Call("PING").GetString() == "PONG")
                {
                    return true;
                }

                failure = "AUTH/PING were refused";
            }
            catch (Exception ex) when (ex is SocketException or IOException or TimeoutException or AggregateException)
            {
                failure = ex.GetBaseException().Message;
            }

            // A bounded wait on the process itself: ends early if the server dies.
            if (process.WaitForExit(20))
            {
                failure = $"exited with code {process.ExitCode}";
                return false;
            }
        }

        return false;
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
