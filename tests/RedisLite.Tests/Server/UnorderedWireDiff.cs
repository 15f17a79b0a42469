using System.Buffers;
using System.Text;
using RedisLite.Resp;

namespace RedisLite.Tests.Server;

/// <summary>
/// Differential checks for replies whose order is unspecified (SMEMBERS, SUNION, HGETALL of a large hash, ...): Redis
/// lists them in its hash table's order, RedisLite in its own, so they are compared as multisets. The reply's type and
/// length must still match exactly (a RESP3 set stays a set); only the order of the elements of each aggregate is
/// ignored (of the pairs, for a map or a flat field/value listing).
/// </summary>
public static class UnorderedWireDiff
{
    /// <summary>
    /// Like <see cref="WireDiffFixture.AssertSameReplies"/>, but each reply is compared with the elements of its
    /// aggregates sorted. Scalars and errors must still be identical.
    /// </summary>
    /// <param name="servers">Both servers.</param>
    /// <param name="protocol">2 or 3.</param>
    /// <param name="commands">The commands, each as its arguments.</param>
    public static void AssertSameRepliesUnordered(this WireDiffFixture servers, int protocol, params string[][] commands)
    {
        if (!servers.Redis.IsAvailable)
        {
            throw new InvalidOperationException("redis-server is not available: " + servers.Redis.UnavailableReason);
        }

        using var expected = Open(servers.Redis.Port, protocol);
        using var actual = Open(servers.Lite.Port, protocol);
        var differences = new StringBuilder();
        foreach (var command in commands)
        {
            // Replies that list fields with their values are compared as pairs, even flat (RESP2).
            var paired = command[0].ToUpperInvariant() is "HGETALL" or "HSCAN"
                || command.Any(a => a.Equals("WITHVALUES", StringComparison.OrdinalIgnoreCase));
            var want = Canonical(expected.Call(command), paired);
            var got = Canonical(actual.Call(command), paired);
            if (want != got)
            {
                differences.Append("RESP").Append(protocol).Append(' ').AppendJoin(' ', command).AppendLine()
                    .Append("  redis-server: ").AppendLine(want)
                    .Append("  redislite:    ").AppendLine(got);
            }
        }

        Assert.True(differences.Length == 0, "Replies differ (ignoring order):\n" + differences);
    }

    /// <summary>A fresh connection in <paramref name="protocol"/>, after FLUSHALL.</summary>
    /// <param name="port">The server's port.</param>
    /// <param name="protocol">2 or 3.</param>
    /// <returns>The connection.</returns>
    public static RawWire Open(int port, int protocol)
    {
        var wire = new RawWire(port);
        if (protocol == 3)
        {
            wire.Call("HELLO", "3");
        }

        wire.Call("FLUSHALL");
        return wire;
    }

    /// <summary>
    /// Runs a whole HSCAN/SSCAN/ZSCAN iteration over <paramref name="key"/> (cursor 0 until the server answers 0) and
    /// collects what it returned.
    /// </summary>
    /// <param name="wire">The connection.</param>
    /// <param name="command">HSCAN, SSCAN or ZSCAN.</param>
    /// <param name="key">The key.</param>
    /// <param name="repliesPerItem">2 when each item is a field (or member) and its value (or score), else 1.</param>
    /// <param name="options">MATCH/COUNT options.</param>
    /// <returns>The distinct items (pairs joined by '='), sorted, and how many pages it took.</returns>
    public static (string[] Items, int Pages) ScanAll(RawWire wire, string command, string key, int repliesPerItem, params string[] options)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var cursor = "0";
        var pages = 0;
        do
        {
            var reply = Parse(wire.Call([command, key, cursor, .. options]));
            Assert.Equal(RespType.Array, reply.Type);
            cursor = reply.Items[0].GetString()!;
            var page = reply.Items[1].Items;
            Assert.Equal(0, page.Count % repliesPerItem);
            for (var i = 0; i < page.Count; i += repliesPerItem)
            {
                seen.Add(string.Join('=', page.Skip(i).Take(repliesPerItem).Select(r => r.GetString())));
            }

            Assert.True(++pages < 10_000, command + " did not finish");
        }
        while (cursor != "0");

        return ([.. seen.Order(StringComparer.Ordinal)], pages);
    }

    /// <summary>Parses a raw reply (as <see cref="RawWire"/> returns it).</summary>
    /// <param name="raw">The reply's bytes as Latin-1 text.</param>
    /// <returns>The value.</returns>
    public static RespValue Parse(string raw)
    {
        var status = RespReader.TryRead(Encoding.Latin1.GetBytes(raw), out var value, out _);
        Assert.Equal(OperationStatus.Done, status);
        return value!;
    }

    /// <summary>
    /// A reply with the elements of every aggregate in sorted order (a map's, and a flat field/value array's when
    /// <paramref name="paired"/>, as pairs); scalars as they are.
    /// </summary>
    /// <param name="raw">The reply's bytes as Latin-1 text.</param>
    /// <param name="paired">Whether flat arrays of scalars list field/value pairs (HGETALL in RESP2, HSCAN pages, ...).</param>
    /// <returns>A rendering that is the same for replies that differ only in element order.</returns>
    public static string Canonical(string raw, bool paired = false)
    {
        var value = Parse(raw);
        return !value.IsAggregate || value.IsNull ? WireDiffFixture.Show(raw) : Canonical(value, paired);
    }

    private static string Canonical(RespValue value, bool paired)
    {
        if (!value.IsAggregate || value.IsNull)
        {
            return value.ToString().Replace("\n", " ", StringComparison.Ordinal);
        }

        var items = value.Items;
        var asPairs = value.Type == RespType.Map
            || (paired && items.Count % 2 == 0 && items.All(i => !i.IsAggregate));
        var parts = new List<string>();
        for (var i = 0; i < items.Count; i += asPairs ? 2 : 1)
        {
            parts.Add(asPairs ? Canonical(items[i], paired) + " => " + Canonical(items[i + 1], paired) : Canonical(items[i], paired));
        }

        parts.Sort(StringComparer.Ordinal);
        return value.Type + "(" + items.Count + ")[" + string.Join(" | ", parts) + "]";
    }
}
