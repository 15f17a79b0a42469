using FsCheck;
using FsCheck.Fluent;
using RedisLite.Tests.Eviction;
using RedisLite.Tests.Infrastructure;

namespace RedisLite.Tests.Persistence;

/// <summary>Every write family records effects that replay to the same store: random commands over all families
/// (strings, hashes, lists, sets, sorted sets, keys, expiry, databases), then replaying the log gives an equal store.</summary>
public sealed class LogReplayPropertyTests
{
    /// <summary>The command kinds of <see cref="MemoryAccountingTests.OpGen"/> whose family records its writes.</summary>
    private static readonly HashSet<int> Logged =
    [
        0, 1, 2, 3, // strings
        4, 5, 6, 7, // hashes
        16, 17, 18, 19, 25, 36, // sets
        8, 9, 10, 11, 12, 13, 14, 15, 35, // lists
        20, 21, 22, 23, 24, 26, 37, // sorted sets
        27, 28, 29, 30, 31, 32, 33, 34, 38, 39, // keys, time, reads, flush
    ];

    [Fact]
    public void Random_commands_then_log_replay_restore_an_equal_store()
    {
        var property = Prop.ForAll(Gen.ListOf(MemoryAccountingTests.OpGen().Where(op => Logged.Contains(op.Kind))).Select(l => l.ToArray()).ToArbitrary(), ops =>
        {
            using var dir = new LogHarness.TempDirectory();
            using var t = new TestStore();
            var path = dir.File("log.rll");
            LogHarness.Attach(t.Store, path);
            foreach (var op in ops)
            {
                MemoryAccountingTests.Apply(t, op);
            }

            LogHarness.Detach(t.Store);
            using var restored = LogHarness.Replay(path, t.Clock, out _);
            var expected = SnapshotDump.Of(t.Store);
            var actual = SnapshotDump.Of(restored);
            if (expected != actual)
            {
                throw new Xunit.Sdk.XunitException($"after {string.Join(", ", ops.Select(o => o.ToString()))}:\nexpected\n{expected}\nactual\n{actual}");
            }

            return true;
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), property);
    }
}
