namespace RedisLite;

/// <summary>Settings of a <see cref="DataStore"/>. Bind them from configuration or set them in <c>AddRedisLite(o => ...)</c>.</summary>
public sealed class RedisLiteOptions
{
    /// <summary>The configuration section name conventionally used for these options.</summary>
    public const string SectionName = "RedisLite";

    /// <summary>Gets or sets the number of logical databases (Redis's <c>databases</c>). Default 16; from 1 to 1024.</summary>
    public int Databases { get; set; } = 16;

    /// <summary>Gets or sets whether a background cycle reclaims expired keys that nobody reads (Redis's active expiry). Default <see langword="true"/>.
    /// Expired keys are never visible either way; without the cycle they are reclaimed only when accessed.</summary>
    public bool ActiveExpiry { get; set; } = true;

    /// <summary>Gets or sets how often the active expiry cycle runs. Default 100 ms (Redis's <c>hz 10</c>); from 1 ms to 1 minute.</summary>
    public TimeSpan ActiveExpiryInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Gets or sets whether the store publishes its statistics as <c>System.Diagnostics.Metrics</c>
    /// instruments of the <c>RedisLite</c> meter (see <see cref="Diagnostics.RedisLiteMetrics"/>). Default
    /// <see langword="true"/>; the instruments cost nothing until a listener reads them.</summary>
    public bool Metrics { get; set; } = true;

    /// <summary>Checks the settings and returns a description of each problem (empty when valid).</summary>
    /// <returns>The problems found.</returns>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Databases is < 1 or > 1024)
        {
            errors.Add($"RedisLite:{nameof(Databases)} must be between 1 and 1024 (was {Databases}).");
        }

        if (ActiveExpiryInterval < TimeSpan.FromMilliseconds(1) || ActiveExpiryInterval > TimeSpan.FromMinutes(1))
        {
            errors.Add($"RedisLite:{nameof(ActiveExpiryInterval)} must be between 1 ms and 1 minute (was {ActiveExpiryInterval}).");
        }

        return errors;
    }
}
