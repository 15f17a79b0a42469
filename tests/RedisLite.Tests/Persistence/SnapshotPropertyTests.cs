using FsCheck;
using FsCheck.Fluent;
using RedisLite.Tests.Eviction;
using RedisLite.Tests.Infrastructure;

namespace RedisLite.Tests.Persistence;

public sealed class SnapshotPropertyTests
{
    [Fact]
    public void Random_commands_then_save_and_load_restore_an_equal_store()
    {
        var property = Prop.ForAll(Gen.ListOf(MemoryAccountingTests.OpGen()).Select(l => l.ToArray()).ToArbitrary(), ops =>
        {
            using var t = new TestStore();
            foreach (var op in ops)
            {
                MemoryAccountingTests.Apply(t, op);
                var counts = SnapshotDump.VerifyCollectionCounts(t.Store);
                if (counts.Count != 0)
                {
                    throw new Xunit.Sdk.XunitException($"after {op}: {string.Join("; ", counts)}");
                }
            }

            var bytes = SnapshotDump.Save(t.Store);
            using var restored = SnapshotDump.Load(bytes, t.Clock);
            var problems = restored.VerifyMemoryAccounting();
            problems.AddRange(SnapshotDump.VerifyCollectionCounts(restored));
            if (problems.Count != 0)
            {
                throw new Xunit.Sdk.XunitException(string.Join("; ", problems));
            }

            // Keys, types, values and absolute expiry times, per database.
            return SnapshotDump.Of(t.Store) == SnapshotDump.Of(restored)
                && DataStore.ReadSnapshotInfo(new MemoryStream(bytes)).Keys == restored.Core.Databases.Sum(d => d.Shards.Sum(s => (long)s.Count));
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), property);
    }
}
