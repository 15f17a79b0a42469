using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace RedisLite.Benchmarks;

/// <summary>
/// Loads the benchmark keys into a real redis-server started on a free loopback port and reads <c>used_memory</c>
/// from <c>INFO memory</c> before and after. The commands are written as a RESP file and sent with
/// <c>redis-cli --pipe</c>. The server is shut down afterwards.
/// </summary>
internal static partial class RedisServerMemory
{
    public static (string Name, double? Plain, double? WithTtl, double? PerHash) Measure(int count, int hashCount = 0)
    {
        var server = FindOnPath("redis-server");
        var cli = FindOnPath("redis-cli");
        if (server is null || cli is null)
        {
            Console.WriteLine("  redis-server or redis-cli not found on PATH (apt-get install redis-server redis-tools); skipping the comparison.");
            return ("redis-server (not installed)", null, null, null);
        }

        var port = FreeLoopbackPort();
        var workDir = Directory.CreateTempSubdirectory("redislite-memory-");
        var startInfo = new ProcessStartInfo(server)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workDir.FullName,
        };
        foreach (var argument in new[]
        {
            "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
            "--daemonize", "no", "--dir", workDir.FullName, "--loglevel", "warning",
        })
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start redis-server.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            WaitUntilReady(cli, port);
            var version = Regex.Match(RunCli(cli, port, "INFO", "server"), @"redis_version:(\S+)").Groups[1].Value;
            var name = $"redis-server {version} (used_memory)";

            var plain = LoadAndMeasure(cli, port, count, workDir.FullName, "load.resp", path => WriteRespFile(path, count, withTtl: false));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {"redis-server " + version,-45} {plain,7:F1} B/key used_memory"));
            RunCli(cli, port, "FLUSHALL", "SYNC");
            var withTtl = LoadAndMeasure(cli, port, count, workDir.FullName, "load-ttl.resp", path => WriteRespFile(path, count, withTtl: true));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {"redis-server " + version + " with TTL",-45} {withTtl,7:F1} B/key used_memory"));
            double? perHash = null;
            if (hashCount > 0)
            {
                RunCli(cli, port, "FLUSHALL", "SYNC");
                perHash = LoadAndMeasure(cli, port, hashCount, workDir.FullName, "load-hashes.resp", path => WriteHashRespFile(path, hashCount));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {"redis-server " + version + " hashes",-45} {perHash,7:F1} B/hash used_memory"));
            }

            return (name, plain, withTtl, perHash);
        }
        finally
        {
            try
            {
                RunCli(cli, port, "SHUTDOWN", "NOSAVE");
            }
            catch (InvalidOperationException)
            {
                // Already gone; the kill below is a no-op then.
            }

            if (!process.WaitForExit(TimeSpan.FromSeconds(5)))
            {
                process.Kill();
                process.WaitForExit();
            }

            workDir.Delete(recursive: true);
        }
    }

    private static double LoadAndMeasure(string cli, int port, int count, string workDir, string fileName, Action<string> writeFile)
    {
        var file = Path.Combine(workDir, fileName);
        writeFile(file);

        var before = UsedMemory(cli, port);
        var startInfo = new ProcessStartInfo(cli)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add("-p");
        startInfo.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
        startInfo.ArgumentList.Add("--pipe");
        using (var pipe = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start redis-cli."))
        {
            var stdout = pipe.StandardOutput.ReadToEndAsync();
            var stderr = pipe.StandardError.ReadToEndAsync();
            using (var input = File.OpenRead(file))
            {
                input.CopyTo(pipe.StandardInput.BaseStream);
            }

            pipe.StandardInput.Close();
            pipe.WaitForExit();
            var report = stdout.Result + stderr.Result;
            if (pipe.ExitCode != 0 || !report.Contains("errors: 0", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"redis-cli --pipe failed: {report}");
            }
        }

        var size = long.Parse(RunCli(cli, port, "DBSIZE").Trim(), CultureInfo.InvariantCulture);
        if (size != count)
        {
            throw new InvalidOperationException($"redis-server holds {size} keys, expected {count}.");
        }

        var after = UsedMemory(cli, port);
        File.Delete(file);
        return (double)(after - before) / count;
    }

    /// <summary>Writes <c>SET key:0000001 v:00000000000001 [PX 300000]</c> for every key, in RESP.</summary>
    private static void WriteRespFile(string path, int count, bool withTtl)
    {
        var ttl = ((long)Stores.Ttl.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        using var stream = new BufferedStream(File.Create(path), 1 << 20);
        for (var i = 1; i <= count; i++)
        {
            WriteAscii(stream, withTtl ? "*5\r\n" : "*3\r\n");
            WriteBulk(stream, Encoding.ASCII.GetBytes("SET"));
            WriteBulk(stream, Encoding.ASCII.GetBytes(BenchmarkData.Key(i)));
            WriteBulk(stream, BenchmarkData.Value(i));
            if (withTtl)
            {
                WriteBulk(stream, Encoding.ASCII.GetBytes("PX"));
                WriteBulk(stream, Encoding.ASCII.GetBytes(ttl));
            }
        }
    }

    private static void WriteBulk(Stream stream, byte[] bytes)
    {
        WriteAscii(stream, string.Create(CultureInfo.InvariantCulture, $"${bytes.Length}\r\n"));
        stream.Write(bytes);
        WriteAscii(stream, "\r\n");
    }

    private static void WriteAscii(Stream stream, string text) => stream.Write(Encoding.ASCII.GetBytes(text));

    private static long UsedMemory(string cli, int port)
    {
        var match = UsedMemoryLine().Match(RunCli(cli, port, "INFO", "memory"));
        return match.Success
            ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException("INFO memory has no used_memory line.");
    }

    private static void WaitUntilReady(string cli, int port)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            try
            {
                if (RunCli(cli, port, "PING").Trim() == "PONG")
                {
                    return;
                }
            }
            catch (InvalidOperationException)
            {
                // Not listening yet.
            }

            Thread.Sleep(50);
        }

        throw new InvalidOperationException($"redis-server did not answer PING on port {port}.");
    }

    private static string RunCli(string cli, int port, params string[] command)
    {
        var startInfo = new ProcessStartInfo(cli)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add("-p");
        startInfo.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
        foreach (var part in command)
        {
            startInfo.ArgumentList.Add(part);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start redis-cli.");
        var stderr = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0 || output.StartsWith("Could not connect", StringComparison.Ordinal) || stderr.Result.Contains("Could not connect", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"redis-cli {string.Join(' ', command)} failed: {output}{stderr.Result}");
        }

        return output;
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string? FindOnPath(string name)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    [GeneratedRegex(@"^used_memory:(\d+)", RegexOptions.Multiline)]
    private static partial Regex UsedMemoryLine();
}
