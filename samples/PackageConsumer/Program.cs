using Microsoft.Extensions.DependencyInjection;
using RedisLite;

var services = new ServiceCollection();
services.AddRedisLite();

using var provider = services.BuildServiceProvider();
var db = provider.GetRequiredService<IDataStore>();

db.StringSet("greeting", "hello");
Console.WriteLine(db.StringGet("greeting"));
