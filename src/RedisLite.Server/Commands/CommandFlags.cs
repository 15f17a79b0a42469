namespace RedisLite.Server.Commands;

/// <summary>What the server needs to know about a command before it runs it (a subset of Redis's command flags;
/// <c>COMMAND INFO</c> reports them by their Redis names).</summary>
[Flags]
internal enum CommandFlags
{
    None = 0,

    /// <summary>May modify the dataset (<c>write</c>).</summary>
    Write = 1 << 0,

    /// <summary>Only reads (<c>readonly</c>).</summary>
    ReadOnly = 1 << 1,

    /// <summary>May add data, so refused when out of memory (<c>denyoom</c>).</summary>
    DenyOom = 1 << 2,

    /// <summary>An administrative command (<c>admin</c>).</summary>
    Admin = 1 << 3,

    /// <summary>A pub/sub command (<c>pubsub</c>).</summary>
    PubSub = 1 << 4,

    /// <summary>Runs in constant or logarithmic time (<c>fast</c>).</summary>
    Fast = 1 << 5,

    /// <summary>May block the client (<c>blocking</c>).</summary>
    Blocking = 1 << 6,

    /// <summary>Allowed before the client authenticates (<c>no-auth</c>): AUTH, HELLO, QUIT.</summary>
    NoAuth = 1 << 7,

    /// <summary>Allowed while a RESP2 client is subscribed: the (P|S)(UN)SUBSCRIBE family, PING, QUIT, RESET.</summary>
    AllowedWhenSubscribed = 1 << 8,

    /// <summary>Runs at once even inside MULTI, never queued: EXEC, DISCARD, MULTI, WATCH, QUIT, RESET.</summary>
    NotQueued = 1 << 9,

    /// <summary>Refused inside MULTI with "Command not allowed inside a transaction" (<c>no-multi</c>).</summary>
    NoMulti = 1 << 10,

    /// <summary>Allowed while loading (<c>loading</c>).</summary>
    Loading = 1 << 11,

    /// <summary>Allowed with stale data (<c>stale</c>).</summary>
    Stale = 1 << 12,

    /// <summary>Not allowed in scripts (<c>noscript</c>).</summary>
    NoScript = 1 << 13,
}
