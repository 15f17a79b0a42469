namespace RedisLite;

public partial interface IDataStore
{
    /// <summary>Creates a transaction on this database (<c>MULTI</c>/<c>EXEC</c>, with <c>WATCH</c>): queue commands
    /// with <see cref="ITransaction.Add{T}"/>, then run them all atomically with <see cref="ITransaction.Execute"/>.</summary>
    /// <returns>The transaction; dispose it when done.</returns>
    /// <example><code>
    /// using var tx = db.CreateTransaction();
    /// tx.Watch("balance");
    /// var balance = (long)db.StringGet("balance");
    /// var set = tx.Add(d =&gt; d.StringSet("balance", balance - 10));
    /// var log = tx.Add(d =&gt; d.ListLeftPush("log", "withdrew 10"));
    /// if (!tx.Execute()) { /* "balance" changed meanwhile: read again and retry */ }
    /// </code></example>
    ITransaction CreateTransaction();
}
