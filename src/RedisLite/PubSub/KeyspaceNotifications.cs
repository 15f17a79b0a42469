using RedisLite.Keyspace;

namespace RedisLite.PubSub;

/// <summary>Parses Redis's <c>notify-keyspace-events</c> setting.</summary>
internal static class KeyspaceNotifications
{
    /// <summary>The characters Redis 7.0 accepts, in the order its error message lists them.</summary>
    public const string ValidCharacters = "Ag$lshzxeKEtmdn";

    /// <summary>Parses <paramref name="classes"/> as Redis does: every character must name a class (<c>A</c> is
    /// <c>g$lshzxet</c>, <c>d</c> is module events, which never happen here). As in Redis, nothing is published unless
    /// <c>K</c> or <c>E</c> is given, so then the result is <see cref="KeyspaceEventTypes.None"/>.</summary>
    /// <param name="classes">The setting; null or empty turns notifications off.</param>
    /// <param name="flags">The classes that publish something.</param>
    /// <returns>False when a character is not a class.</returns>
    public static bool TryParse(string? classes, out KeyspaceEventTypes flags)
    {
        flags = KeyspaceEventTypes.None;
        foreach (var c in classes ?? "")
        {
            flags |= c switch
            {
                'A' => KeyspaceEventTypes.All,
                'g' => KeyspaceEventTypes.Generic,
                '$' => KeyspaceEventTypes.String,
                'l' => KeyspaceEventTypes.List,
                's' => KeyspaceEventTypes.Set,
                'h' => KeyspaceEventTypes.Hash,
                'z' => KeyspaceEventTypes.SortedSet,
                'x' => KeyspaceEventTypes.Expired,
                'e' => KeyspaceEventTypes.Evicted,
                'K' => KeyspaceEventTypes.Keyspace,
                'E' => KeyspaceEventTypes.Keyevent,
                't' => KeyspaceEventTypes.Stream,
                'm' => KeyspaceEventTypes.KeyMiss,
                'n' => KeyspaceEventTypes.New,
                'd' => KeyspaceEventTypes.None,
                _ => (KeyspaceEventTypes)(-1),
            };
            if (flags == (KeyspaceEventTypes)(-1))
            {
                flags = KeyspaceEventTypes.None;
                return false;
            }
        }

        if ((flags & (KeyspaceEventTypes.Keyspace | KeyspaceEventTypes.Keyevent)) == 0)
        {
            flags = KeyspaceEventTypes.None;
        }

        return true;
    }
}
