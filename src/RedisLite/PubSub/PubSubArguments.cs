namespace RedisLite.PubSub;

/// <summary>Argument checks shared by the in-process and remote stores' pub/sub methods, so both fail alike.</summary>
internal static class PubSubArguments
{
    /// <summary>Validates and de-duplicates SUBSCRIBE/PSUBSCRIBE arguments; at least one channel or pattern is required.</summary>
    public static (RedisKey[] Channels, RedisKey[] Patterns) ForSubscribe(IEnumerable<RedisKey> channels, IEnumerable<RedisKey>? patterns)
    {
        ArgumentNullException.ThrowIfNull(channels);
        var channelList = Distinct(channels, nameof(channels));
        var patternList = patterns is null ? [] : Distinct(patterns, nameof(patterns));
        if (channelList.Length == 0 && patternList.Length == 0)
        {
            throw new RedisException(ErrorMessages.WrongArgumentCount("subscribe"));
        }

        return (channelList, patternList);
    }

    /// <summary>Validates and de-duplicates SSUBSCRIBE arguments.</summary>
    public static RedisKey[] ForShardSubscribe(IEnumerable<RedisKey> shardChannels)
    {
        ArgumentNullException.ThrowIfNull(shardChannels);
        var list = Distinct(shardChannels, nameof(shardChannels));
        if (list.Length == 0)
        {
            throw new RedisException(ErrorMessages.WrongArgumentCount("ssubscribe"));
        }

        return list;
    }

    /// <summary>Validates channel names for the PUBSUB queries.</summary>
    public static RedisKey[] Channels(RedisKey[] channels, string paramName = "channels")
    {
        ArgumentNullException.ThrowIfNull(channels, paramName);
        foreach (var channel in channels)
        {
            ThrowIfNull(channel, paramName);
        }

        return channels;
    }

    private static RedisKey[] Distinct(IEnumerable<RedisKey> keys, string paramName)
    {
        var list = new List<RedisKey>();
        foreach (var key in keys)
        {
            ThrowIfNull(key, paramName);
            if (!list.Contains(key))
            {
                list.Add(key);
            }
        }

        return [.. list];
    }

    private static void ThrowIfNull(in RedisKey key, string paramName)
    {
        if (key.IsNull)
        {
            throw new ArgumentException("A channel or pattern is null; RedisKey values must be built from a non-null string or byte array.", paramName);
        }
    }
}
