using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using RedisLite.PubSub;

namespace RedisLite.Keyspace;

// Pub/sub state of a store and keyspace notifications (Redis's notify.c): each KeyspaceEvent whose class the
// notify-keyspace-events option enables is published on __keyspace@<db>__:<key> and __keyevent@<db>__:<event>.
internal sealed partial class StoreCore
{
    /// <summary>The enabled classes; <see cref="KeyspaceEventTypes.None"/> unless K or E is set, so one test of this
    /// field is all a disabled notification costs.</summary>
    private int _notifyFlags;

    /// <summary>Gets the store's channels, patterns and subscriptions.</summary>
    public PubSubHub PubSub { get; }

    /// <summary>Gets whether any keyspace notification class is enabled, for callers that would otherwise compute a
    /// key only to announce it.</summary>
    public bool NotifiesKeyspaceEvents => _notifyFlags != 0;

    /// <summary>Changes notify-keyspace-events at runtime (the server's CONFIG SET).</summary>
    /// <returns>False, changing nothing, when a character is not a class.</returns>
    public bool SetNotifyKeyspaceEvents(string classes)
    {
        if (!KeyspaceNotifications.TryParse(classes, out var flags))
        {
            return false;
        }

        Options.NotifyKeyspaceEvents = classes;
        Volatile.Write(ref _notifyFlags, (int)flags);
        return true;
    }

    private static int ParseNotifyFlags(RedisLiteOptions options) =>
        KeyspaceNotifications.TryParse(options.NotifyKeyspaceEvents, out var flags) ? (int)flags : 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    partial void OnKeyspaceEvent(KeyspaceEventTypes type, string name, Database database, ReadOnlySpan<byte> key)
    {
        if ((_notifyFlags & (int)type) != 0)
        {
            PublishKeyspaceEvent(name, database, key);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void PublishKeyspaceEvent(string name, Database database, ReadOnlySpan<byte> key)
    {
        // Nobody listening: skip building the channel names.
        if (PubSub.SubscriberCount == 0)
        {
            return;
        }

        var db = database.Index.ToString(CultureInfo.InvariantCulture);
        if ((_notifyFlags & (int)KeyspaceEventTypes.Keyspace) != 0)
        {
            var prefix = "__keyspace@" + db + "__:";
            var channel = new byte[prefix.Length + key.Length];
            Encoding.ASCII.GetBytes(prefix, channel);
            key.CopyTo(channel.AsSpan(prefix.Length));
            PubSub.Publish(channel, name, shard: false);
        }

        if ((_notifyFlags & (int)KeyspaceEventTypes.Keyevent) != 0)
        {
            PubSub.Publish(Encoding.ASCII.GetBytes("__keyevent@" + db + "__:" + name), key.ToArray(), shard: false);
        }
    }
}
