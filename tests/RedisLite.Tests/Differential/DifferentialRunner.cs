using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using RedisLite.Client;

namespace RedisLite.Tests.Differential;

/// <summary>A generated command sequence and the RESP version the reference connection speaks while running it.</summary>
/// <param name="commands">The commands, in order.</param>
/// <param name="protocol">2 or 3.</param>
public sealed class CommandSequence(IReadOnlyList<DiffCommand> commands, int protocol)
{
    /// <summary>Gets the commands.</summary>
    public IReadOnlyList<DiffCommand> Commands => commands;

    /// <summary>Gets the RESP version of the run.</summary>
    public int Protocol => protocol;

    /// <summary>Returns the sequence as a redis-cli script, SELECTing databases as the commands need.</summary>
    /// <returns>The script, one command per line.</returns>
    public override string ToString() => Script(null);

    /// <summary>Renders the script, with each command's replies when given.</summary>
    /// <param name="replies">Per command, the text to show after it; may be shorter than the sequence.</param>
    /// <returns>The script.</returns>
    public string Script(IReadOnlyList<string>? replies)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"RESP{protocol}, {commands.Count} command(s):\n");
        var database = 0;
        for (var i = 0; i < commands.Count; i++)
        {
            if (commands[i].Database != database)
            {
                database = commands[i].Database;
                sb.Append(CultureInfo.InvariantCulture, $"      SELECT {database}\n");
            }

            sb.Append(CultureInfo.InvariantCulture, $"  {i + 1,3}. {commands[i]}");
            if (replies is not null && i < replies.Count)
            {
                sb.Append("   -> ").Append(replies[i]);
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>Generates sequences of 1 to <paramref name="maxLength"/> commands from <paramref name="families"/>, shrinking by
    /// dropping commands.</summary>
    /// <param name="space">The key space.</param>
    /// <param name="families">The command families.</param>
    /// <param name="maxLength">The longest sequence.</param>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<CommandSequence> Arbitrary(KeySpace space, IEnumerable<ICommandFamily> families, int maxLength)
    {
        var command = CommandFamilies.Commands(space, families);
        var sequence =
            from length in Gen.Choose(1, maxLength)
            from list in Gen.ArrayOf(command, length)
            from protocol in Gen.Elements(2, 3)
            select new CommandSequence(list, protocol);
        return Arb.From(sequence, Shrink);
    }

    /// <summary>Smaller sequences: halves, then smaller and smaller runs of commands removed, keeping the order.</summary>
    /// <param name="sequence">The failing sequence.</param>
    /// <returns>Candidates, roughly most aggressive first.</returns>
    public static IEnumerable<CommandSequence> Shrink(CommandSequence sequence)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        var all = sequence.Commands;
        for (var size = all.Count / 2; size >= 1; size /= 2)
        {
            for (var start = 0; start + size <= all.Count; start += size)
            {
                if (all.Count - size == 0)
                {
                    continue;
                }

                yield return new CommandSequence([.. all.Take(start), .. all.Skip(start + size)], sequence.Protocol);
            }
        }
    }
}

/// <summary>
/// Runs a sequence on a reference store (a FLUSHALL'ed redis-server) and on a fresh candidate store (in process),
/// command by command, and fails at the first reply or error that differs.
/// </summary>
/// <param name="referenceName">What the reference is, for messages.</param>
/// <param name="reference">The reference store for a RESP version; flushed before each sequence.</param>
/// <param name="candidateName">What the candidate is, for messages.</param>
/// <param name="candidate">Creates a fresh candidate store for each sequence.</param>
public sealed class DifferentialRunner(string referenceName, Func<int, IDataStore> reference, string candidateName, Func<IDataStore> candidate)
{
    /// <summary>Gets how many sequences have run.</summary>
    public int Sequences { get; private set; }

    /// <summary>Gets how many commands have been compared.</summary>
    public long Commands { get; private set; }

    /// <summary>Gets how often each command name ran.</summary>
    public SortedDictionary<string, int> CommandCounts { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets the distinct error replies seen (both stores agreed on each).</summary>
    public SortedSet<string> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>Summarizes what the runs covered.</summary>
    /// <returns>A few lines of statistics.</returns>
    public string Summary() =>
        $"Compared {Sequences} sequences, {Commands} commands.\n" +
        $"Commands: {string.Join(", ", CommandCounts.Select(c => $"{c.Key} {c.Value}"))}\n" +
        $"Distinct error replies ({Errors.Count}):\n  {string.Join("\n  ", Errors)}";

    /// <summary>Runs <paramref name="sequence"/> on both stores.</summary>
    /// <param name="sequence">The sequence.</param>
    /// <exception cref="Xunit.Sdk.XunitException">The first difference, with the sequence and both stores' replies so far.</exception>
    public void Verify(CommandSequence sequence)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        Sequences++;
        var expectedStore = reference(sequence.Protocol);
        expectedStore.FlushAllDatabases();
        var actualStore = candidate();
        try
        {
            var replies = new List<string>(sequence.Commands.Count);
            for (var i = 0; i < sequence.Commands.Count; i++)
            {
                var command = sequence.Commands[i];
                var expected = Execute(command, expectedStore);
                var actual = Execute(command, actualStore);
                Commands++;
                var name = command.ToString().Split(' ')[0];
                CommandCounts[name] = CommandCounts.GetValueOrDefault(name) + 1;
                if (expected.StartsWith("(error", StringComparison.Ordinal) || expected.StartsWith("(exception", StringComparison.Ordinal))
                {
                    Errors.Add(expected);
                }

                if (!string.Equals(expected, actual, StringComparison.Ordinal))
                {
                    replies.Add($"{expected}   <-- {referenceName}; {candidateName} replied: {actual}");
                    throw new Xunit.Sdk.XunitException(
                        $"First difference at command {i + 1} (database {command.Database}): {command}\n" +
                        $"  {referenceName}: {expected}\n" +
                        $"  {candidateName}: {actual}\n" +
                        $"Sequence with {referenceName}'s replies:\n{sequence.Script(replies)}");
                }

                replies.Add(expected);
            }
        }
        finally
        {
            (actualStore as IDisposable)?.Dispose();
        }
    }

    /// <summary>Runs one command and renders its reply, or its error as <c>(error Type) message</c>. A lost connection is not a
    /// reply: it fails the test as it is.</summary>
    private static string Execute(DiffCommand command, IDataStore store)
    {
        try
        {
            return command.Run(store);
        }
        catch (RedisConnectionException)
        {
            throw;
        }
        catch (RedisException ex)
        {
            return $"(error {ex.GetType().Name}) {ex.Message}";
        }
        catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
        {
            return $"(exception {ex.GetType().Name}) {ex.Message}";
        }
    }
}
