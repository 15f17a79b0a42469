using System.Diagnostics;
using FsCheck;
using FsCheck.Fluent;
using RedisLite.Tests.Conformance;
using Xunit.Abstractions;

namespace RedisLite.Tests.Differential;

/// <summary>
/// Differential testing: random command sequences over a few keys and two databases run on a real redis-server (through
/// <see cref="Client.RemoteDataStore"/>, RESP2 or RESP3) and on a fresh in-process <see cref="DataStore"/>; every reply and
/// every error (type and text) must be the same. A failure shows the shrunk sequence as a redis-cli script.
/// </summary>
/// <param name="server">This class's redis-server.</param>
/// <param name="output">The test output.</param>
public sealed class DifferentialTests(RedisServerFixture server, ITestOutputHelper output) : IClassFixture<RedisServerFixture>
{
    /// <summary>How many sequences one run compares.</summary>
    public const int SequenceCount = 3000;

    /// <summary>The longest sequence.</summary>
    public const int MaxSequenceLength = 30;

    [RedisFact]
    public void In_process_store_replies_like_redis_server_to_random_string_and_key_commands()
    {
        using var resp2 = server.CreateStore(protocol: 2);
        using var resp3 = server.CreateStore(protocol: 3);
        var runner = new DifferentialRunner(
            "redis-server",
            protocol => protocol == 2 ? resp2 : resp3,
            "in-process DataStore",
            () => new DataStore(new RedisLiteOptions(), TimeProvider.System));
        var property = Prop.ForAll(CommandSequence.Arbitrary(KeySpace.Default, CommandFamilies.All, MaxSequenceLength), runner.Verify);

        var clock = Stopwatch.StartNew();
        // REDISLITE_DIFF_SEQUENCES raises the count for a longer hunt (the default keeps the run to a few seconds).
        var count = int.TryParse(Environment.GetEnvironmentVariable("REDISLITE_DIFF_SEQUENCES"), out var n) && n > SequenceCount ? n : SequenceCount;
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(count), property);

        output.WriteLine($"Families: {string.Join(", ", CommandFamilies.All.Select(f => f.Name))}; {clock.Elapsed.TotalSeconds:F1} s.");
        output.WriteLine(runner.Summary());
        Assert.True(runner.Sequences >= SequenceCount);
    }

    [RedisFact]
    public void Number_parsing_edge_cases_reply_like_redis_server()
    {
        // Every stored text against INCRBYFLOAT (long double parsing and formatting) and INCR (strict integers), deterministically.
        string[] texts =
        [
            "1e400", "-1e400", "1e-400", "1e4932", "0x10", "0X1p4", "inf", "-inf", "infinity", "nan", "+5", ".5", "5.", "-0", "00", "1E3", " 1", "1 ",
            "123456789012345678", "9223372036854775807", "-9223372036854775808", "18446744073709551616", "1.7976931348623157e308",
            "4.9e-324", "0.1", "3.0000000000000000001", "1_000", "",
        ];
        double[] increments = [0.1, -0.1, 1, 1e-7, 1e20, -1e300];
        using var resp2 = server.CreateStore(protocol: 2);
        var runner = new DifferentialRunner("redis-server", _ => resp2, "in-process DataStore", () => new DataStore(new RedisLiteOptions(), TimeProvider.System));
        foreach (var text in texts)
        {
            var commands = new List<DiffCommand>();
            foreach (var increment in increments)
            {
                commands.Add(new DiffCommand(0, $"SET k {Cli.Arg(text)}", s => s.StringSet("k", text) ? "OK" : "(nil)"));
                commands.Add(new DiffCommand(0, $"INCRBYFLOAT k {(RedisValue)increment}", s => Cli.Real(s.StringIncrement("k", increment))));
                commands.Add(new DiffCommand(0, "GET k", s => Cli.Bulk(s.StringGet("k"))));
                commands.Add(new DiffCommand(0, "INCR k", s => Cli.Num(s.StringIncrement("k"))));
                commands.Add(new DiffCommand(0, "GET k", s => Cli.Bulk(s.StringGet("k"))));
            }

            runner.Verify(new CommandSequence(commands, 2));
        }

        output.WriteLine(runner.Summary());
    }

    [Fact]
    public void A_difference_is_reported_with_the_shrunk_sequence_and_both_replies()
    {
        // Two in-process stores that differ in one observable way (their number of databases) stand in for Redis and the
        // store under test, and one extra command family exposes that difference.
        using var reference = new DataStore(new RedisLiteOptions(), TimeProvider.System);
        var runner = new DifferentialRunner(
            "reference",
            _ => reference,
            "candidate",
            () => new DataStore(new RedisLiteOptions { Databases = 4 }, TimeProvider.System));
        var families = CommandFamilies.All.Append(new DatabaseCountFamily());
        var property = Prop.ForAll(CommandSequence.Arbitrary(KeySpace.Default, families, MaxSequenceLength), runner.Verify);

        var ex = Assert.ThrowsAny<Exception>(() => Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), property));

        output.WriteLine(ex.Message);
        Assert.Contains("First difference at command 1 (database 0): CONFIG GET databases", ex.Message, StringComparison.Ordinal);
        Assert.Contains("reference: (integer) 16", ex.Message, StringComparison.Ordinal);
        Assert.Contains("candidate: (integer) 4", ex.Message, StringComparison.Ordinal);
        Assert.Contains("1 command(s):\n    1. CONFIG GET databases", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sequences_spell_commands_as_redis_cli_does()
    {
        var set = new DiffCommand(0, "SET k0 \"a b\" PX 3600000 NX", _ => "OK");
        var get = new DiffCommand(1, $"GET {Cli.Arg([(byte)'k', 0x00, 0xFE])}", _ => "(nil)");
        var sequence = new CommandSequence([set, get], 3);

        Assert.Equal("RESP3, 2 command(s):\n    1. SET k0 \"a b\" PX 3600000 NX\n      SELECT 1\n    2. GET \"k\\x00\\xfe\"\n", sequence.ToString());
        Assert.Equal("\"\"", Cli.Arg(""));
        Assert.Equal("hello", Cli.Arg("hello"));
        Assert.Equal("\"a\\\"b\\\\\"", Cli.Arg("a\"b\\"));
    }

    [Fact]
    public void Shrinking_removes_commands_and_keeps_the_order()
    {
        var commands = Enumerable.Range(1, 4).Select(i => new DiffCommand(0, $"C{i}", _ => "")).ToArray();

        var smaller = CommandSequence.Shrink(new CommandSequence(commands, 2)).Select(s => string.Join(" ", s.Commands)).ToList();

        Assert.Equal(["C3 C4", "C1 C2", "C2 C3 C4", "C1 C3 C4", "C1 C2 C4", "C1 C2 C3"], smaller);
        Assert.Empty(CommandSequence.Shrink(new CommandSequence([commands[0]], 2)));
    }

    /// <summary>A family with one command that reads the store's database count (for the harness's own test).</summary>
    private sealed class DatabaseCountFamily : ICommandFamily
    {
        public string Name => "database count";

        public IEnumerable<(int Weight, Gen<DiffCommand> Generator)> Generators(KeySpace space)
        {
            yield return (2, Gen.Constant(new DiffCommand(0, "CONFIG GET databases", s => Cli.Num(s.DatabaseCount))));
        }
    }
}
