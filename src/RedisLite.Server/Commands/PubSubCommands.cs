using static RedisLite.Server.ClientConnection;

namespace RedisLite.Server.Commands;

/// <summary>The pub/sub commands: (P|S)SUBSCRIBE, (P|S)UNSUBSCRIBE, PUBLISH, SPUBLISH and PUBSUB.</summary>
internal static class PubSubCommands
{
    /// <summary>Adds this family's commands to <paramref name="table"/>.</summary>
    public static void Register(CommandTable table)
    {
        const string group = "pubsub";
        const CommandFlags subscribe = CommandFlags.PubSub | CommandFlags.AllowedWhenSubscribed | CommandFlags.Loading | CommandFlags.Stale | CommandFlags.NoScript;
        table.Add("subscribe", -2, subscribe, 0, 0, 0, c => c.Client.Subscribe(SubscriptionKind.Channel, c.Args[1..]), group, "2.0.0", "Listens for messages published to channels.");
        table.Add("psubscribe", -2, subscribe, 0, 0, 0, c => c.Client.Subscribe(SubscriptionKind.Pattern, c.Args[1..]), group, "2.0.0", "Listens for messages published to channels that match one or more patterns.");
        table.Add("ssubscribe", -2, subscribe, 1, -1, 1, c => c.Client.Subscribe(SubscriptionKind.Shard, c.Args[1..]), group, "7.0.0", "Listens for messages published to shard channels.");
        table.Add("unsubscribe", -1, subscribe, 0, 0, 0, c => c.Client.Unsubscribe(SubscriptionKind.Channel, c.Args[1..]), group, "2.0.0", "Stops listening to messages posted to channels.");
        table.Add("punsubscribe", -1, subscribe, 0, 0, 0, c => c.Client.Unsubscribe(SubscriptionKind.Pattern, c.Args[1..]), group, "2.0.0", "Stops listening to messages published to channels that match one or more patterns.");
        table.Add("sunsubscribe", -1, subscribe, 1, -1, 1, c => c.Client.Unsubscribe(SubscriptionKind.Shard, c.Args[1..]), group, "7.0.0", "Stops listening to messages posted to shard channels.");
        const CommandFlags publish = CommandFlags.PubSub | CommandFlags.Fast | CommandFlags.Loading | CommandFlags.Stale;
        table.Add("publish", 3, publish, 0, 0, 0, c => c.Reply.Integer(c.Store.Publish(c.Key(1), c.Value(2))), group, "2.0.0", "Posts a message to a channel.");
        table.Add("spublish", 3, publish, 1, 1, 1, c => c.Reply.Integer(c.Store.ShardPublish(c.Key(1), c.Value(2))), group, "7.0.0", "Post a message to a shard channel.");
        const CommandFlags introspect = CommandFlags.PubSub | CommandFlags.Loading | CommandFlags.Stale;
        table.AddContainer("pubsub", group, "2.8.0", "A container for Pub/Sub commands.",
            CommandTable.Sub("channels", -2, introspect, Channels, "Returns the active channels."),
            CommandTable.Sub("numsub", -2, introspect, NumSub, "Returns a count of subscribers to channels."),
            CommandTable.Sub("numpat", 2, introspect, c => c.Reply.Integer(c.Store.PubSubPatternCount()), "Returns a count of unique pattern subscriptions."),
            CommandTable.Sub("shardchannels", -2, introspect, ShardChannels, "Returns the active shard channels."),
            CommandTable.Sub("shardnumsub", -2, introspect, ShardNumSub, "Returns the count of subscribers of shard channels."),
            CommandTable.Sub("help", 2, CommandFlags.Loading | CommandFlags.Stale, Help, "Returns helpful text about the different subcommands."));
    }

    private static void Channels(CommandContext c)
    {
        if (c.Count > 3)
        {
            throw new RedisException(ErrorMessages.WrongArgumentCount("pubsub|channels"));
        }

        WriteKeys(c, c.Store.PubSubChannels(c.Count == 3 ? c.Key(2) : default));
    }

    private static void ShardChannels(CommandContext c)
    {
        if (c.Count > 3)
        {
            throw new RedisException(ErrorMessages.WrongArgumentCount("pubsub|shardchannels"));
        }

        WriteKeys(c, c.Store.PubSubShardChannels(c.Count == 3 ? c.Key(2) : default));
    }

    private static void NumSub(CommandContext c) => WriteCounts(c, c.Store.PubSubSubscriberCounts(c.Keys(2)));

    private static void ShardNumSub(CommandContext c) => WriteCounts(c, c.Store.PubSubShardSubscriberCounts(c.Keys(2)));

    private static void WriteKeys(CommandContext c, RedisKey[] keys)
    {
        c.Reply.ArrayHeader(keys.Length);
        foreach (var key in keys)
        {
            c.Reply.Bulk(key);
        }
    }

    private static void WriteCounts(CommandContext c, long[] counts)
    {
        c.Reply.ArrayHeader(counts.Length * 2);
        for (var i = 0; i < counts.Length; i++)
        {
            c.Reply.Bulk(c.Span(i + 2));
            c.Reply.Integer(counts[i]);
        }
    }

    private static void Help(CommandContext c) => Helps.Write(c, "PUBSUB",
        "CHANNELS [<pattern>]",
        "    Return the currently active channels matching a <pattern> (default: '*').",
        "NUMPAT",
        "    Return number of subscriptions to patterns.",
        "NUMSUB [<channel> ...]",
        "    Return the number of subscribers for the specified channels, excluding",
        "    pattern subscriptions(default: no channels).",
        "SHARDCHANNELS [<pattern>]",
        "    Return the currently active shard level channels matching a <pattern> (default: '*').",
        "SHARDNUMSUB [<shardchannel> ...]",
        "    Return the number of subscribers for the specified shard level channel(s)");
}

/// <summary>The HELP subcommands' reply, shaped as Redis's addReplyHelp.</summary>
internal static class Helps
{
    /// <summary>Writes the lines as status strings, framed by Redis's first and last lines.</summary>
    public static void Write(CommandContext c, string command, params string[] lines)
    {
        c.Reply.ArrayHeader(lines.Length + 3);
        c.Reply.SimpleString($"{command} <subcommand> [<arg> [value] [opt] ...]. Subcommands are:");
        foreach (var line in lines)
        {
            c.Reply.SimpleString(line);
        }

        c.Reply.SimpleString("HELP");
        c.Reply.SimpleString("    Prints this help.");
    }
}
