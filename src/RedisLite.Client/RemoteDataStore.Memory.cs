namespace RedisLite.Client;

// MEMORY USAGE and OBJECT FREQ: the server's own figures.
public sealed partial class RemoteDataStore
{
    /// <inheritdoc/>
    public long? KeyMemoryUsage(RedisKey key)
    {
        var reply = Run(Token("MEMORY"), Token("USAGE"), Key(key));
        return reply.IsNull ? null : reply.Integer;
    }

    /// <inheritdoc/>
    public long? KeyFrequency(RedisKey key)
    {
        var reply = Run(Token("OBJECT"), Token("FREQ"), Key(key));
        return reply.IsNull ? null : reply.Integer;
    }
}
