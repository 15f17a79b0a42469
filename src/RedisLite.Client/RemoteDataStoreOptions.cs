namespace RedisLite.Client;

/// <summary>How a <see cref="RemoteDataStore"/> reaches its Redis server.</summary>
public sealed class RemoteDataStoreOptions
{
    /// <summary>Gets or sets the server's host name or address. Default <c>127.0.0.1</c>.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>Gets or sets the server's TCP port. Default 6379.</summary>
    public int Port { get; set; } = 6379;

    /// <summary>Gets or sets the RESP protocol version to speak: 2, or 3 (negotiated with <c>HELLO 3</c>). Default 2.</summary>
    public int Protocol { get; set; } = 2;

    /// <summary>Gets or sets the password sent with <c>AUTH</c> (or <c>HELLO ... AUTH</c>); <see langword="null"/> for none.</summary>
    public string? Password { get; set; }

    /// <summary>Gets or sets the user name for ACL authentication; <see langword="null"/> for the default user.</summary>
    public string? User { get; set; }

    /// <summary>Gets or sets how long connecting (including the handshake) may take. Default 5 seconds.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets how long a command may wait for its reply. Default 5 seconds. A command that times out
    /// closes the connection (later replies could no longer be matched to their commands); the next command reconnects.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets how many received pub/sub messages each <see cref="Subscription"/> buffers before
    /// <see cref="PubSubOverflow"/> applies. Default 10,000 (as <see cref="RedisLiteOptions.PubSubBufferCapacity"/>).</summary>
    public int PubSubBufferCapacity { get; set; } = 10_000;

    /// <summary>Gets or sets what a subscription does when its buffer is full. Default
    /// <see cref="RedisLite.PubSubOverflow.Disconnect"/>: its connection is closed and it completes with
    /// <see cref="SubscriptionOverflowException"/>.</summary>
    public PubSubOverflow PubSubOverflow { get; set; } = PubSubOverflow.Disconnect;

    /// <summary>Checks the settings.</summary>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Host);
        ArgumentOutOfRangeException.ThrowIfLessThan(Port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Port, 65535);
        if (Protocol is not (2 or 3))
        {
            throw new ArgumentOutOfRangeException(nameof(Protocol), Protocol, "Protocol must be 2 or 3.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ConnectTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(CommandTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(PubSubBufferCapacity, 1);
        if (!Enum.IsDefined(PubSubOverflow))
        {
            throw new ArgumentOutOfRangeException(nameof(PubSubOverflow), PubSubOverflow, "PubSubOverflow must be Disconnect, DropOldest or DropNewest.");
        }
    }
}
