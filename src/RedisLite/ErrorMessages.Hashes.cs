namespace RedisLite;

public static partial class ErrorMessages
{
    /// <summary>HINCRBY on a field whose value is not a 64-bit integer.</summary>
    public const string HashValueNotInteger = "ERR hash value is not an integer";

    /// <summary>HINCRBYFLOAT on a field whose value is not a valid float.</summary>
    public const string HashValueNotFloat = "ERR hash value is not a float";

    /// <summary>HINCRBYFLOAT with an infinite increment (checked before the key is looked at).</summary>
    public const string HashIncrementNaNOrInfinity = "ERR value is NaN or Infinity";

    /// <summary>HRANDFIELD with a count of <see cref="long.MinValue"/>, whose magnitude Redis cannot represent.</summary>
    public const string HashRandomFieldCountOutOfRange = "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807";

    /// <summary>HRANDFIELD ... WITHVALUES with a count whose doubling (a field and a value per entry) would overflow.</summary>
    public const string HashRandomFieldWithValuesCountOutOfRange = "ERR value is out of range";
}
