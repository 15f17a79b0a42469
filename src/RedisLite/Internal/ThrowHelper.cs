using System.Diagnostics.CodeAnalysis;

namespace RedisLite.Internal;

/// <summary>Throws from outside hot methods so their bodies stay small enough to inline.</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void ThrowRedis(string message) => throw new RedisException(message);

    [DoesNotReturn]
    public static T ThrowRedis<T>(string message) => throw new RedisException(message);

    [DoesNotReturn]
    public static void ThrowWrongType() => throw new RedisWrongTypeException();

    [DoesNotReturn]
    public static T ThrowWrongType<T>() => throw new RedisWrongTypeException();

    [DoesNotReturn]
    public static void ThrowKeyNull(string paramName) => throw new ArgumentException("The key is null; RedisKey values must be built from a non-null string or byte array.", paramName);

    [DoesNotReturn]
    public static void ThrowValueNull(string paramName) => throw new ArgumentException("The value is RedisValue.Null; Redis stores no null values (use KeyDelete to remove a key).", paramName);
}
