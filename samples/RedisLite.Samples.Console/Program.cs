using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using RedisLite;
using RedisLite.Patterns;

// Everyday Redis patterns on an in-process RedisLite store resolved from dependency injection.
// A manual clock (registered as the TimeProvider) lets the sample jump minutes ahead instantly, so it runs in about a second.
var clock = new ManualClock(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero));

var services = new ServiceCollection();
services.AddSingleton<TimeProvider>(clock);
services.AddRedisLite(o => o.NotifyKeyspaceEvents = "Kg$x"); // keyspace notifications for section 6

using var provider = services.BuildServiceProvider();
var db = provider.GetRequiredService<IDataStore>();

CacheAside(db, clock);
RateLimiter(db, clock);
SlidingSession(db, clock);
TransactionsAndLock(db);
Statistics(db);
PubSub(db, clock);
Persistence();
await RespServer();
return 0;

// 8. The RESP server: the same store served over Redis's protocol, so any Redis client (redis-cli, StackExchange.Redis,
//    redis-py; here RedisLite's own RESP client) can use it, as a test fixture or a local Redis would.
static async Task RespServer()
{
    Section("8. RESP server: a Redis client talks to the store over TCP (redis-cli -p <port> works too)");
    using var store = new DataStore();
    await using var server = RedisLite.Server.RedisLiteServer.Start(store); // 127.0.0.1, a free port
    using var client = new RedisLite.Client.RemoteDataStore(new RedisLite.Client.RemoteDataStoreOptions { Host = "127.0.0.1", Port = server.Port });
    client.Connect();
    client.StringSet("greeting", "hello over RESP");
    client.ListRightPush("queue", ["job-1", "job-2"]);
    client.HashSet("user:1", [new("name", "Ada"), new("visits", "1")]);
    client.HashIncrement("user:1", "visits");
    Console.WriteLine($"   server listening on {server.EndPoint}; the client wrote 3 keys, the store now holds {store.DatabaseSize()}");
    Console.WriteLine($"   read back in process: GET greeting = {store.StringGet("greeting")}, LLEN queue = {store.ListLength("queue")}, HGET user:1 visits = {store.HashGet("user:1", "visits")}");
    Console.WriteLine($"   read back over the wire: LPOP queue = {client.ListLeftPop("queue")}, DBSIZE = {client.DatabaseSize()}");
}

// 7. Persistence: a store with the append log keeps a leaderboard across a restart (a second container on the same
//    directory), as an app restarted by its host would.
static void Persistence()
{
    Section("7. Persistence (append log, appendfsync everysec): the data survives a restart");
    var directory = Path.Combine(Path.GetTempPath(), "redislite-sample-" + Guid.NewGuid().ToString("N"));
    try
    {
        ServiceProvider Start()
        {
            var services = new ServiceCollection();
            services.AddRedisLite().AddPersistence(o =>
            {
                o.Directory = directory;
                o.AppendOnly = true;
            });
            return services.BuildServiceProvider();
        }

        using (var provider = Start())
        {
            var db = provider.GetRequiredService<IDataStore>();
            db.SortedSetAdd("leaderboard", [new("ada", 3100), new("grace", 2950), new("linus", 2800)]);
            db.SortedSetIncrement("leaderboard", "grace", 400);
            Console.WriteLine("   before the restart: wrote 3 scores, then ZINCRBY grace 400");
        } // disposing the container flushes the log and closes its files

        using (var provider = Start())
        {
            var store = provider.GetRequiredService<DataStore>();
            var top = store.SortedSetRangeByRankWithScores("leaderboard", 0, -1, Order.Descending);
            Console.WriteLine($"   after the restart ({store.PersistenceLoad.Source}, {store.PersistenceLoad.LogRecords} records replayed): " +
                string.Join(", ", top.Select(e => $"{e.Element} {e.Score}")));
        }
    }
    finally
    {
        Directory.Delete(directory, recursive: true);
    }
}

// 5. What the store saw: INFO's counters (also published as the "RedisLite" meter for OpenTelemetry and dotnet-counters).
static void Statistics(IDataStore db)
{
    Section("5. Statistics (INFO)");
    var info = db.Info();
    Console.WriteLine($"   commands {info.TotalCommandsProcessed}, keyspace hits {info.KeyspaceHits}, misses {info.KeyspaceMisses}, " +
        $"expired keys {info.ExpiredKeys}");
    foreach (var database in info.Keyspace)
    {
        Console.WriteLine($"   db{database.Database}: keys={database.Keys}, expires={database.Expires}");
    }
}

// 1. Cache-aside: read the cache; on a miss, load from the slow source and cache the result with a TTL.
static void CacheAside(IDataStore db, ManualClock clock)
{
    Section("1. Cache-aside with a TTL (GET, then SET ... PX on a miss)");
    var productDatabase = new SlowProductDatabase();

    Print(GetProduct(db, productDatabase, 42));
    Print(GetProduct(db, productDatabase, 42));
    Console.WriteLine($"   TTL of product:42: {Format(db.KeyTimeToLive("product:42"))}");

    clock.Advance(TimeSpan.FromMinutes(6));
    Console.WriteLine("   ... 6 minutes later, the cached copy has expired:");
    Print(GetProduct(db, productDatabase, 42));
    Console.WriteLine($"   The database was queried {productDatabase.Queries} times for 3 reads.");

    static void Print((string Value, bool Hit, TimeSpan Elapsed) result) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"   GET product:42 -> {(result.Hit ? "hit " : "miss")} in {result.Elapsed.TotalMilliseconds,7:F2} ms: {result.Value}"));
}

static (string Value, bool Hit, TimeSpan Elapsed) GetProduct(IDataStore db, SlowProductDatabase source, int id)
{
    var started = Stopwatch.GetTimestamp();
    var key = $"product:{id}";
    var cached = db.StringGet(key);
    if (!cached.IsNull)
    {
        return (cached.ToString()!, true, Stopwatch.GetElapsedTime(started));
    }

    var loaded = source.Load(id);
    db.StringSet(key, loaded, TimeSpan.FromMinutes(5));
    return (loaded, false, Stopwatch.GetElapsedTime(started));
}

// 2. Fixed-window rate limiter: INCR a counter named after the current window, then EXPIRE NX gives it a TTL once.
static void RateLimiter(IDataStore db, ManualClock clock)
{
    const int limit = 5;
    var window = TimeSpan.FromMinutes(1);
    Section($"2. Fixed-window rate limiter: {limit} requests per {window.TotalSeconds:0} s (INCR + EXPIRE NX)");

    var firstKey = "";
    for (var request = 1; request <= limit + 1; request++)
    {
        var (allowed, count, key) = TryAcquire(db, clock, "client:alice", limit, window);
        firstKey = key;
        Console.WriteLine($"   request {request}: {(allowed ? "allowed " : "REJECTED")} ({key} = {count}, TTL {Format(db.KeyTimeToLive(key))})");
        clock.Advance(TimeSpan.FromSeconds(2));
    }

    clock.Advance(window);
    var (allowedLater, countLater, keyLater) = TryAcquire(db, clock, "client:alice", limit, window);
    Console.WriteLine($"   ... one window later: {(allowedLater ? "allowed" : "REJECTED")} ({keyLater} = {countLater}); " +
        $"the old counter {firstKey} {(db.KeyExists(firstKey) ? "still exists" : "has expired")}.");
}

static (bool Allowed, long Count, string Key) TryAcquire(IDataStore db, ManualClock clock, string client, int limit, TimeSpan window)
{
    var windowNumber = clock.GetUtcNow().ToUnixTimeMilliseconds() / (long)window.TotalMilliseconds;
    var key = $"rate:{client}:{windowNumber}";
    var count = db.StringIncrement(key);

    // EXPIRE NX on every hit, not only the first: a caller that dies between its INCR and its EXPIRE cannot leave a
    // counter without a TTL that would block the client forever (the next hit repairs it).
    db.KeyExpire(key, window, ExpireWhen.HasNoExpiry);

    return (count <= limit, count, key);
}

// 3. Session with sliding expiry: every access reads the session with GETEX, which also pushes its TTL back to the full length.
static void SlidingSession(IDataStore db, ManualClock clock)
{
    var idleTimeout = TimeSpan.FromMinutes(20);
    const string key = "session:7f3a9c";
    Section($"3. Session with sliding expiry: {idleTimeout.TotalMinutes:0} minutes idle timeout (GETEX ... PX on every access)");

    db.StringSet(key, "user=alice;cart=3", idleTimeout);
    Console.WriteLine($"   login: SET {key} with TTL {Format(db.KeyTimeToLive(key))}");

    for (var access = 1; access <= 3; access++)
    {
        clock.Advance(TimeSpan.FromMinutes(15));
        var before = db.KeyTimeToLive(key);
        var session = db.StringGetSetExpiry(key, idleTimeout);
        Console.WriteLine($"   +15 min, access {access}: TTL was {Format(before)}, read \"{session}\", TTL now {Format(db.KeyTimeToLive(key))}");
    }

    Console.WriteLine("   45 minutes after login the session is still alive, because it was used every 15 minutes.");
    clock.Advance(idleTimeout + TimeSpan.FromMinutes(1));
    var expired = db.StringGet(key);
    Console.WriteLine($"   +21 min without access: GET {key} -> {(expired.IsNull ? "(nil): the session expired" : expired.ToString())}");
}

// 4. Transactions: an optimistic WATCH/MULTI/EXEC transfer retried when someone else touches the balance, and a lock
//    whose release is a compare-and-delete, so a holder whose lease ran out cannot free someone else's lock.
static void TransactionsAndLock(IDataStore db)
{
    Section("4. Transactions (WATCH + MULTI/EXEC) and a lock (SET NX PX + atomic compare-and-delete)");
    db.StringSet("balance:alice", 100);
    db.StringSet("balance:bob", 0);
    var attempts = 0;
    while (true)
    {
        attempts++;
        using var tx = db.CreateTransaction();
        tx.Watch("balance:alice");
        var balance = (long)db.StringGet("balance:alice");
        if (attempts == 1)
        {
            // Someone else spends in between: EXEC will refuse to run the transfer, and the loop reads again.
            db.StringDecrement("balance:alice", 30);
        }

        tx.Add(d => d.StringSet("balance:alice", balance - 50));
        var bob = tx.Add(d => d.StringIncrement("balance:bob", 50));
        if (tx.Execute())
        {
            Console.WriteLine($"   transfer of 50 committed on attempt {attempts}: alice = {db.StringGet("balance:alice")}, bob = {bob.Value}");
            break;
        }

        Console.WriteLine($"   attempt {attempts}: balance:alice changed after WATCH, EXEC aborted; retrying");
    }

    var gate = new DistributedLock(db, "lock:report", TimeSpan.FromSeconds(30));
    var worker1 = DistributedLock.NewToken();
    var worker2 = DistributedLock.NewToken();
    Console.WriteLine($"   worker 1 acquires lock:report: {gate.TryAcquire(worker1)}; worker 2 tries too: {gate.TryAcquire(worker2)}");
    Console.WriteLine($"   worker 2 releases with its own token: {gate.Release(worker2)}; worker 1 releases: {gate.Release(worker1)}");

    var limiter = new FixedWindowRateLimiter(db, limit: 2, window: TimeSpan.FromSeconds(10));
    var verdicts = Enumerable.Range(0, 3).Select(_ => limiter.TryAcquire("api:alice") ? "allowed" : "REJECTED");
    Console.WriteLine($"   rate limiter helper, 2 per 10 s, INCR + EXPIRE NX in one transaction: {string.Join(", ", verdicts)}");
}

// 6. Pub/sub: a chat channel with a pattern listener, and cache invalidation driven by keyspace notifications
//    (notify-keyspace-events "Kg$x": every write, delete and expiry of a key is published on __keyspace@0__:<key>).
static void PubSub(IDataStore db, ManualClock clock)
{
    Section("6. Pub/sub (PUBLISH/SUBSCRIBE/PSUBSCRIBE) and keyspace notifications for cache invalidation");
    using var room = db.Subscribe("chat:lobby");
    using var audit = db.PatternSubscribe("chat:*");
    var receivers = db.Publish("chat:lobby", "hello");
    Console.WriteLine($"   PUBLISH chat:lobby reached {receivers} subscribers (one by channel, one by pattern)");
    while (room.Reader.TryRead(out var message))
    {
        Console.WriteLine($"   room got \"{message.Message}\" on {message.Channel}");
    }

    using var invalidations = db.PatternSubscribe("__keyspace@0__:product:*");
    db.StringSet("product:7", "{\"price\":249}", TimeSpan.FromMinutes(5));
    db.StringSet("product:7", "{\"price\":199}", Expiration.KeepTtl);
    clock.Advance(TimeSpan.FromMinutes(6));
    _ = db.StringGet("product:7");
    while (invalidations.Reader.TryRead(out var message))
    {
        Console.WriteLine($"   {message.Channel}: {message.Message} -> drop the local copy");
    }
}

static void Section(string title)
{
    Console.WriteLine();
    Console.WriteLine(title);
}

static string Format(TimeSpan? ttl) => ttl is { } t ? t.ToString(@"mm\:ss", CultureInfo.InvariantCulture) : "none";

/// <summary>Stands in for a database query that takes a noticeable time.</summary>
internal sealed class SlowProductDatabase
{
    public int Queries { get; private set; }

    public string Load(int id)
    {
        Queries++;
        Thread.Sleep(200);
        return $"{{\"id\":{id},\"name\":\"Espresso machine\",\"price\":249.00}}";
    }
}

/// <summary>A clock that only moves when told to, so the sample can show expiry without waiting.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long _utcTicks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _utcTicks, by.Ticks);
}
