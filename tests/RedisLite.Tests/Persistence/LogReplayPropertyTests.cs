using FsCheck;
using FsCheck.Fluent;
using RedisLite.Tests.Eviction;
using RedisLite.Tests.Infrastructure;

namespace RedisLite.Tests.Persistence;

/// <summary>Every write family records effects that replay to the same store: random commands over all families
/// (strings, hashes, lists, sets, sorted sets, keys, expiry, databases), then replaying the log gives an equal store.</summary>
public sealed class LogReplayPropertyTests
{
    [Fact]
    public void Random_commands_then_log_replay_restore_an_equal_store()
    {
        var property = Prop.ForAll(Gen.ListOf(MemoryAccountingTests.OpGen()).Select(l => l.ToArray()).ToArbitrary(), ops =>
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

    /// <summary>The same through the whole module: random commands with log rewrites at random points, then a restart
    /// from the directory, give an equal store.</summary>
    [Fact]
    public void Random_commands_with_rewrites_then_a_restart_restore_an_equal_store()
    {
        var step = Gen.Frequency((9, MemoryAccountingTests.OpGen()), (1, Gen.Constant<MemoryAccountingTests.Op>(null!)));
        var property = Prop.ForAll(Gen.ListOf(step).Select(l => l.ToArray()).ToArbitrary(), steps =>
        {
            using var dir = new LogHarness.TempDirectory();
            var persistence = new RedisLite.Persistence.PersistenceOptions { Directory = dir.Path, AppendOnly = true, AppendFsync = RedisLite.Persistence.AppendFsyncPolicy.No };
            persistence.SavePoints.Clear();
            string expected;
            var clock = new FakeTimeProvider();
            using (var t = new TestStore(o => o.Persistence = persistence, clock))
            {
                foreach (var op in steps)
                {
                    if (op is null)
                    {
                        t.Store.RewriteAppendLog();
                    }
                    else
                    {
                        MemoryAccountingTests.Apply(t, op);
                    }
                }

                expected = SnapshotDump.Of(t.Store);
            }

            using var restored = new DataStore(new RedisLiteOptions { ActiveExpiry = false, Persistence = persistence }, clock);
            var actual = SnapshotDump.Of(restored);
            if (expected != actual)
            {
                throw new Xunit.Sdk.XunitException($"after {string.Join(", ", steps.Select(o => o?.ToString() ?? "REWRITE"))}:\nexpected\n{expected}\nactual\n{actual}");
            }

            return true;
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(60), property);
    }
}
