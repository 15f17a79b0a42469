using System.Net;

namespace RedisLite.Server;

/// <summary>
/// Settings of a <see cref="RedisLiteServer"/>, named after the <c>redis.conf</c> directives they mirror.
/// </summary>
/// <remarks>Not thread-safe: set them before the server starts; the server keeps a copy.</remarks>
public sealed class RedisLiteServerOptions
{
    /// <summary>Redis's default <c>proto-max-bulk-len</c>: 512 MB.</summary>
    public const long DefaultMaxBulkLength = 512L * 1024 * 1024;

    /// <summary>Gets or sets the address to listen on (Redis's <c>bind</c>). Default <c>127.0.0.1</c>. Anything
    /// other than a loopback address needs a <see cref="Password"/> unless <see cref="ProtectedMode"/> is off.</summary>
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>Gets or sets the TCP port (Redis's <c>port</c>). Default 0: a free port chosen by the operating
    /// system, read back from <see cref="RedisLiteServer.Port"/> once started (what a test fixture wants).</summary>
    public int Port { get; set; }

    /// <summary>Gets or sets the password of the <c>default</c> user (Redis's <c>requirepass</c>). When set, every
    /// command but AUTH, HELLO and QUIT is refused with <c>NOAUTH</c> until the client authenticates.</summary>
    public string? Password { get; set; }

    /// <summary>Gets or sets whether the server refuses to listen on a non-loopback address without a password
    /// (Redis's <c>protected-mode</c>). Default true.</summary>
    public bool ProtectedMode { get; set; } = true;

    /// <summary>Gets or sets the largest bulk string a request may carry (Redis's <c>proto-max-bulk-len</c>).
    /// Default 512 MB; at most <see cref="int.MaxValue"/>.</summary>
    public long MaxBulkLength { get; set; } = DefaultMaxBulkLength;

    /// <summary>Gets or sets the most arguments one request may have. Default 1,048,576 (Redis allows up to
    /// <c>INT_MAX</c>, bounded in practice by the query buffer).</summary>
    public int MaxMultibulkLength { get; set; } = 1024 * 1024;

    /// <summary>Gets or sets how many bytes of unprocessed input one client may have buffered (Redis's
    /// <c>client-query-buffer-limit</c>); a client over it is disconnected. Default 1 GB.</summary>
    public long QueryBufferLimit { get; set; } = 1024L * 1024 * 1024;

    /// <summary>Gets or sets how many pub/sub messages may wait to be sent to one subscribed client before it is
    /// disconnected (Redis's <c>client-output-buffer-limit pubsub</c>, counted in messages). Default 100,000.</summary>
    public int MaxPendingPushMessages { get; set; } = 100_000;

    /// <summary>Gets or sets the most clients connected at once (Redis's <c>maxclients</c>); more are answered
    /// <c>ERR max number of clients reached</c> and closed. Default 10,000.</summary>
    public int MaxClients { get; set; } = 10_000;

    /// <summary>Checks the settings.</summary>
    /// <returns>A message per invalid setting; empty when all are valid.</returns>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!IPAddress.TryParse(BindAddress, out _) && !string.Equals(BindAddress, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"RedisLite:Server:{nameof(BindAddress)} must be an IP address or 'localhost' (was \"{BindAddress}\").");
        }

        if (Port is < 0 or > 65535)
        {
            errors.Add($"RedisLite:Server:{nameof(Port)} must be between 0 and 65535 (was {Port}).");
        }

        if (MaxBulkLength is < 1 or > int.MaxValue)
        {
            errors.Add($"RedisLite:Server:{nameof(MaxBulkLength)} must be between 1 and {int.MaxValue} (was {MaxBulkLength}).");
        }

        if (MaxMultibulkLength < 1)
        {
            errors.Add($"RedisLite:Server:{nameof(MaxMultibulkLength)} must be positive (was {MaxMultibulkLength}).");
        }

        if (QueryBufferLimit < 1024 * 1024)
        {
            errors.Add($"RedisLite:Server:{nameof(QueryBufferLimit)} must be at least 1 MB (was {QueryBufferLimit}).");
        }

        if (MaxPendingPushMessages < 1)
        {
            errors.Add($"RedisLite:Server:{nameof(MaxPendingPushMessages)} must be positive (was {MaxPendingPushMessages}).");
        }

        if (MaxClients < 1)
        {
            errors.Add($"RedisLite:Server:{nameof(MaxClients)} must be positive (was {MaxClients}).");
        }

        return errors;
    }

    internal RedisLiteServerOptions Clone() => (RedisLiteServerOptions)MemberwiseClone();
}
