using System.Globalization;
using RedisLite;
using RedisLite.Persistence;

// Usage: RedisLite.CrashChild <directory> <always|everysec|no> <writers> <rewriteEvery>
// Opens a store persisting to <directory> with the append log, then runs <writers> threads that each, forever, set
// key "w<t>:<i>" to "v<t>:<i>" and increment counter "c<t>", printing "ack <t> <i> <unix-ms>" only after both calls
// returned (under 'always' that means durable). Every <rewriteEvery> acknowledged writes of writer 0 (0: never) a
// background rewrite starts, so kills also land mid-rewrite. Prints "ready" once loaded. Runs until killed.
var directory = args[0];
var policy = args[1] switch
{
    "always" => AppendFsyncPolicy.Always,
    "everysec" => AppendFsyncPolicy.EverySecond,
    _ => AppendFsyncPolicy.No,
};
var writers = int.Parse(args[2], CultureInfo.InvariantCulture);
var rewriteEvery = int.Parse(args[3], CultureInfo.InvariantCulture);

var persistence = new PersistenceOptions { Directory = directory, AppendOnly = true, AppendFsync = policy };
persistence.SavePoints.Clear();
var store = new DataStore(new RedisLiteOptions { Persistence = persistence });
var output = Console.Out;
output.WriteLine("ready");

var threads = new Thread[writers];
for (var t = 0; t < writers; t++)
{
    var writer = t;
    threads[t] = new Thread(() =>
    {
        for (var i = 0; ; i++)
        {
            store.StringSet($"w{writer}:{i}", $"v{writer}:{i}:" + new string('x', i % 64));
            store.StringIncrement($"c{writer}");
            output.WriteLine($"ack {writer} {i} {DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}");
            if (writer == 0 && rewriteEvery > 0 && i % rewriteEvery == rewriteEvery - 1)
            {
                _ = store.BackgroundRewriteAppendLogAsync();
            }
        }
    })
    { IsBackground = true };
    threads[t].Start();
}

foreach (var thread in threads)
{
    thread.Join();
}
