using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using Perfolizer.Horology;
using RedisLite.Benchmarks;

// dotnet run -c Release -- [BenchmarkDotNet options]   every benchmark, or those --filter picks
// dotnet run -c Release -- --quick [options]           a short job (1 launch, 3 warm-ups, 5 iterations of 200 ms): a few minutes in all
// dotnet run -c Release -- --snapshot-pause          the longest pause a snapshot causes, 1M and 5M keys (not a BenchmarkDotNet run)
// dotnet run -c Release -- --rewrite-pause           the same for append-log rewrites (the log on, under everysec)
// dotnet run -c Release -- --memory [--keys N] [--hashes N]   bytes per key (and per hash) against a real redis-server (not a BenchmarkDotNet run)
if (args.Contains("--snapshot-pause") || args.Contains("--rewrite-pause"))
{
    return SnapshotPause.Run(rewrite: args.Contains("--rewrite-pause"));
}

if (args.Contains("--memory"))
{
    return MemoryMeasurement.Run(args);
}

var quick = args.Contains("--quick");
var arguments = args.Where(a => a != "--quick").ToList();

// Without a filter BenchmarkSwitcher asks interactively, which a script cannot answer: default to every benchmark.
var hasSelection = arguments.Any(a => a is "--filter" or "-f" or "--list" or "--info" or "--help" or "-h" or "--version"
    || a.StartsWith("--filter=", StringComparison.Ordinal));
if (!hasSelection)
{
    arguments.AddRange(["--filter", "*"]);
}

IConfig config = DefaultConfig.Instance;
if (quick)
{
    config = config.AddJob(Job.Default
        .WithLaunchCount(1)
        .WithWarmupCount(3)
        .WithIterationCount(5)
        .WithIterationTime(TimeInterval.FromMilliseconds(200))
        .WithId("Quick"));
}

BenchmarkSwitcher.FromAssembly(typeof(GetBenchmarks).Assembly).Run([.. arguments], config);
return 0;
