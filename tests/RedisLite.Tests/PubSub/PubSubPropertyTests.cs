using FsCheck;
using FsCheck.Fluent;
using RedisLite.Keyspace;
using RedisLite.Tests.Infrastructure;

namespace RedisLite.Tests.PubSub;

/// <summary>PUBLISH against a model: for random subscriptions (channels and glob patterns over a small alphabet) and
/// random publishes, each publish reports exactly the receivers the model counts, and each subscription receives
/// exactly the model's messages, in order. Unsubscribes are interleaved.</summary>
public sealed class PubSubPropertyTests
{
    private static readonly string[] Channels = ["a", "b", "ab", "ba", "a.b", "news.a", "news.b", "x"];
    private static readonly string[] Patterns = ["*", "a*", "?b", "news.*", "[ab]", "[^a]*", "a\\*", "*.?"];

    /// <summary>One step: subscribe (channel and pattern picks), publish to a channel, or unsubscribe a subscription.</summary>
    private sealed record Step(int Kind, int[] ChannelPicks, int[] PatternPicks, int Target);

    private static readonly Gen<Step> StepGen =
        from kind in Gen.Choose(0, 2)
        from channels in Gen.ArrayOf(Gen.Choose(0, Channels.Length - 1))
        from patterns in Gen.ArrayOf(Gen.Choose(0, Patterns.Length - 1))
        from target in Gen.Choose(0, 31)
        select new Step(kind, [.. channels.Take(3)], [.. patterns.Take(2)], target);

    [Fact]
    public void Publish_matches_the_model()
    {
        var property = Prop.ForAll(Gen.ListOf(StepGen).ToArbitrary(), steps =>
        {
            using var t = new TestStore();
            var live = new List<(Subscription Subscription, string[] Channels, string[] Patterns, List<string> Expected)>();
            var all = new List<(Subscription Subscription, List<string> Expected)>();
            var sequence = 0;
            foreach (var step in steps)
            {
                switch (step.Kind)
                {
                    case 0:
                        var channels = step.ChannelPicks.Select(i => Channels[i]).Distinct().ToArray();
                        var patterns = step.PatternPicks.Select(i => Patterns[i]).Distinct().ToArray();
                        if (channels.Length + patterns.Length == 0)
                        {
                            continue;
                        }

                        var s = t.Store.Subscribe([.. channels.Select(c => (RedisKey)c)], [.. patterns.Select(p => (RedisKey)p)]);
                        var expected = new List<string>();
                        live.Add((s, channels, patterns, expected));
                        all.Add((s, expected));
                        break;
                    case 1:
                        var channel = Channels[step.Target % Channels.Length];
                        var message = (sequence++).ToString(System.Globalization.CultureInfo.InvariantCulture);
                        long receivers = 0;
                        foreach (var (_, subChannels, subPatterns, subExpected) in live)
                        {
                            if (subChannels.Contains(channel))
                            {
                                subExpected.Add($"{channel}||{message}");
                                receivers++;
                            }

                            foreach (var pattern in subPatterns.Where(p => GlobPattern.IsMatch(System.Text.Encoding.UTF8.GetBytes(p), System.Text.Encoding.UTF8.GetBytes(channel))))
                            {
                                subExpected.Add($"{channel}|{pattern}|{message}");
                                receivers++;
                            }
                        }

                        if (t.Store.Publish(channel, message) != receivers)
                        {
                            return false;
                        }

                        break;
                    default:
                        if (live.Count != 0)
                        {
                            var index = step.Target % live.Count;
                            live[index].Subscription.Dispose();
                            live.RemoveAt(index);
                        }

                        break;
                }
            }

            foreach (var (subscription, expected) in all)
            {
                var received = new List<string>();
                while (subscription.Reader.TryRead(out var m))
                {
                    received.Add($"{m.Channel}|{m.Pattern}|{m.Message}");
                }

                // Messages keep their publish order; the copies of one message (by channel, then by each matching
                // pattern) come channel first, and the patterns' order among themselves is unspecified, as in Redis.
                if (!Canonical(received).SequenceEqual(Canonical(expected)))
                {
                    return false;
                }
            }

            var counts = t.Store.PubSubSubscriberCounts([.. Channels.Select(c => (RedisKey)c)]);
            return Channels.Select((c, i) => counts[i] == live.Count(l => l.Channels.Contains(c))).All(ok => ok)
                && t.Store.PubSubPatternCount() == live.SelectMany(l => l.Patterns).Distinct().Count();
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), property);
    }

    private static IEnumerable<string> Canonical(List<string> messages) =>
        messages
            .Select((m, i) => (Message: m, Index: i, Sequence: int.Parse(m[(m.LastIndexOf('|') + 1)..], System.Globalization.CultureInfo.InvariantCulture)))
            .GroupBy(m => m.Sequence)
            .SelectMany(g => g.OrderBy(m => m.Message.Contains("||", StringComparison.Ordinal) ? 0 : 1).ThenBy(m => m.Message, StringComparer.Ordinal))
            .Select(m => m.Message);
}
