using FsCheck;
using FsCheck.Fluent;
using RedisLite.Tests.Infrastructure;

namespace RedisLite.Tests.Transactions;

/// <summary>
/// A transaction is its commands run in order with nothing in between: for random batches of string, list and key
/// commands (including ones that fail at run time), EXEC's replies and the resulting data equal those of the same
/// commands run one by one on another store.
/// </summary>
public sealed class TransactionPropertyTests
{
    private static readonly string[] Keys = ["a", "b", "c"];

    private sealed record Op(int Kind, string Key, string Other, int Number);

    private static Gen<Op> OpGen() =>
        from kind in Gen.Choose(0, 8)
        from key in Gen.Elements(Keys)
        from other in Gen.Elements(Keys)
        from number in Gen.Choose(-3, 3)
        select new Op(kind, key, other, number);

    private static string Apply(IDataStore d, Op op)
    {
        try
        {
            return op.Kind switch
            {
                0 => d.StringSet(op.Key, op.Number).ToString(),
                1 => d.StringIncrement(op.Key, op.Number).ToString(System.Globalization.CultureInfo.InvariantCulture),
                2 => d.StringAppend(op.Key, "x").ToString(System.Globalization.CultureInfo.InvariantCulture),
                3 => d.ListRightPush(op.Key, op.Number).ToString(System.Globalization.CultureInfo.InvariantCulture),
                4 => d.ListLeftPop(op.Key).ToString() ?? "(nil)",
                5 => d.KeyDelete(op.Key).ToString(),
                6 => d.KeyRename(op.Key, op.Other).ToString(),
                7 => d.StringGet(op.Key).ToString() ?? "(nil)",
                _ => d.KeyType(op.Key).ToString(),
            };
        }
        catch (RedisException ex)
        {
            return ex.Message;
        }
    }

    private static string Dump(IDataStore d) => string.Join(";", Keys.Select(k => d.KeyType(k) switch
    {
        RedisType.String => $"{k}={d.StringGet(k)}",
        RedisType.List => $"{k}=[{string.Join(",", d.ListRange(k))}]",
        var t => $"{k}:{t}",
    }));

    [Fact]
    public void Exec_equals_the_same_commands_run_one_by_one()
    {
        var property = Prop.ForAll(Gen.ListOf(OpGen()).Select(l => l.ToArray()).ToArbitrary(), ops =>
        {
            using var batched = new TestStore();
            using var sequential = new TestStore();
            using var tx = batched.Store.CreateTransaction();
            var results = ops.Select(op => tx.Add(d => Apply(d, op))).ToArray();
            Assert.True(tx.Execute());
            var expected = ops.Select(op => Apply(sequential.Store, op)).ToArray();
            Assert.Equal(expected, results.Select(r => r.Value));
            Assert.Equal(Dump(sequential.Store), Dump(batched.Store));
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), property);
    }
}
