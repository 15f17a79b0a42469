namespace RedisLite;

/// <summary>
/// The expiry part of a write: none (the key loses any TTL), a relative TTL (<c>EX</c>/<c>PX</c>), an absolute time
/// (<c>EXAT</c>/<c>PXAT</c>), keep the current TTL (<c>KEEPTTL</c>), or remove it (<c>PERSIST</c>, for <c>GETEX</c>).
/// </summary>
/// <remarks>
/// <see cref="TimeSpan"/> and <see cref="DateTimeOffset"/> convert implicitly, so
/// <c>StringSet(key, value, TimeSpan.FromMinutes(5))</c> reads naturally. Times are kept to the millisecond, as in Redis.
/// </remarks>
public readonly struct Expiration : IEquatable<Expiration>
{
    private Expiration(ExpirationKind kind, long milliseconds)
    {
        Kind = kind;
        Milliseconds = milliseconds;
    }

    /// <summary>No expiry option: a plain write removes the TTL, <c>GETEX</c> leaves it alone.</summary>
    public static Expiration None => default;

    /// <summary>Keep the key's current TTL (<c>KEEPTTL</c>).</summary>
    public static Expiration KeepTtl { get; } = new(ExpirationKind.KeepTtl, 0);

    /// <summary>Remove the key's TTL (<c>PERSIST</c> option of <c>GETEX</c>).</summary>
    public static Expiration Persist { get; } = new(ExpirationKind.Persist, 0);

    /// <summary>Gets what kind of expiry this is.</summary>
    public ExpirationKind Kind { get; }

    /// <summary>Gets the TTL in milliseconds (<see cref="ExpirationKind.Relative"/>) or the Unix time in milliseconds
    /// (<see cref="ExpirationKind.Absolute"/>).</summary>
    public long Milliseconds { get; }

    /// <summary>Expire after <paramref name="ttl"/> (<c>PX</c>); sub-millisecond parts are dropped.</summary>
    /// <param name="ttl">The time to live; must be positive.</param>
    /// <returns>The expiration.</returns>
    public static Expiration In(TimeSpan ttl) => new(ExpirationKind.Relative, (long)ttl.TotalMilliseconds);

    /// <summary>Expire after <paramref name="milliseconds"/> milliseconds (<c>PX</c>).</summary>
    /// <param name="milliseconds">The time to live in milliseconds; must be positive.</param>
    /// <returns>The expiration.</returns>
    public static Expiration InMilliseconds(long milliseconds) => new(ExpirationKind.Relative, milliseconds);

    /// <summary>Expire at <paramref name="time"/> (<c>PXAT</c>).</summary>
    /// <param name="time">The moment the key expires.</param>
    /// <returns>The expiration.</returns>
    public static Expiration At(DateTimeOffset time) => new(ExpirationKind.Absolute, time.ToUnixTimeMilliseconds());

    /// <summary>Expire at Unix time <paramref name="unixMilliseconds"/> (<c>PXAT</c>).</summary>
    /// <param name="unixMilliseconds">Milliseconds since 1970-01-01T00:00:00Z; must be positive.</param>
    /// <returns>The expiration.</returns>
    public static Expiration AtUnixMilliseconds(long unixMilliseconds) => new(ExpirationKind.Absolute, unixMilliseconds);

    /// <summary>Converts a TTL to a relative expiration.</summary>
    /// <param name="ttl">The time to live.</param>
    public static implicit operator Expiration(TimeSpan ttl) => In(ttl);

    /// <summary>Converts an optional TTL: <see langword="null"/> means no expiry.</summary>
    /// <param name="ttl">The time to live, or <see langword="null"/>.</param>
    public static implicit operator Expiration(TimeSpan? ttl) => ttl is { } t ? In(t) : None;

    /// <summary>Converts a moment to an absolute expiration.</summary>
    /// <param name="time">The moment the key expires.</param>
    public static implicit operator Expiration(DateTimeOffset time) => At(time);

    /// <inheritdoc/>
    public bool Equals(Expiration other) => Kind == other.Kind && Milliseconds == other.Milliseconds;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Expiration other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Kind, Milliseconds);

    /// <summary>Compares two expirations.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns><see langword="true"/> if equal.</returns>
    public static bool operator ==(Expiration left, Expiration right) => left.Equals(right);

    /// <summary>Compares two expirations.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns><see langword="true"/> if different.</returns>
    public static bool operator !=(Expiration left, Expiration right) => !left.Equals(right);

    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        ExpirationKind.Relative => $"PX {Milliseconds}",
        ExpirationKind.Absolute => $"PXAT {Milliseconds}",
        ExpirationKind.KeepTtl => "KEEPTTL",
        ExpirationKind.Persist => "PERSIST",
        _ => "",
    };
}

/// <summary>The kinds of <see cref="Expiration"/>.</summary>
public enum ExpirationKind
{
    /// <summary>No expiry option.</summary>
    None = 0,

    /// <summary>A TTL relative to now (<c>EX</c>/<c>PX</c>).</summary>
    Relative = 1,

    /// <summary>An absolute Unix time (<c>EXAT</c>/<c>PXAT</c>).</summary>
    Absolute = 2,

    /// <summary>Keep the current TTL (<c>KEEPTTL</c>).</summary>
    KeepTtl = 3,

    /// <summary>Remove the TTL (<c>PERSIST</c>).</summary>
    Persist = 4,
}
