namespace RedisLite;

public static partial class ErrorMessages
{
    /// <summary>HINCRBY on a field whose value is not a 64-bit integer.</summary>
    public const string HashValueNotInteger = "ERR hash value is not an integer";

    /// <summary>HINCRBYFLOAT on a field whose value is not a valid float.</summary>
    public const string HashValueNotFloat = "ERR hash value is not a float";

    /// <summary>HINCRBYFLOAT with an infinite increment (checked before the key is looked at).</summary>
    public const string HashIncrementNaNOrInfinity = "ERR value is NaN or Infinity";
}
