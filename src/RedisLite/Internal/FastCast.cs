using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace RedisLite.Internal;

/// <summary>Type tests for the hot paths.</summary>
/// <remarks>
/// <c>obj is byte[]</c> goes through the runtime's general cast helper (array types do not get the inlined
/// method-table check that sealed classes do), which costs several nanoseconds per test. Comparing the exact type
/// is a single pointer compare, and <c>byte[]</c> has no subtypes, so the two are equivalent.
/// </remarks>
internal static class FastCast
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsBytes([NotNullWhen(true)] object? obj, [NotNullWhen(true)] out byte[]? bytes)
    {
        if (obj is not null && obj.GetType() == typeof(byte[]))
        {
            bytes = Unsafe.As<byte[]>(obj);
            return true;
        }

        bytes = null;
        return false;
    }
}
