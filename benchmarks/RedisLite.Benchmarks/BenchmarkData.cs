namespace RedisLite.Benchmarks;

/// <summary>The keys, values and access pattern shared by every benchmark and by the memory measurement.</summary>
public static class BenchmarkData
{
    /// <summary>How many distinct keys the "1M" benchmarks spread their accesses over.</summary>
    public const int KeyCount = 1_000_000;

    /// <summary>The size of every value, in bytes.</summary>
    public const int ValueSize = 16;

    /// <summary>The key the "hot" benchmarks hit again and again.</summary>
    public const string HotKey = "key:hot";

    private const int RandomSequenceLength = 1 << 16;

    /// <summary>Gets the key with index <paramref name="i"/>: <c>key:0000001</c> for 1.</summary>
    /// <param name="i">The index.</param>
    /// <returns>The key.</returns>
    public static string Key(int i) => string.Create(11, i, static (span, n) =>
    {
        "key:".AsSpan().CopyTo(span);
        for (var p = 10; p >= 4; p--)
        {
            span[p] = (char)('0' + (n % 10));
            n /= 10;
        }
    });

    /// <summary>Gets the 16-byte value of key <paramref name="i"/>: <c>v:00000000000001</c> for 1 (not a number, so Redis keeps it a plain string).</summary>
    /// <param name="i">The index.</param>
    /// <returns>A new array.</returns>
    public static byte[] Value(int i)
    {
        var value = new byte[ValueSize];
        value[0] = (byte)'v';
        value[1] = (byte)':';
        for (var p = ValueSize - 1; p >= 2; p--)
        {
            value[p] = (byte)('0' + (i % 10));
            i /= 10;
        }

        return value;
    }

    /// <summary>Gets the keys <c>key:0000001</c> to <c>key:1000000</c>.</summary>
    /// <returns>A new array of <see cref="KeyCount"/> keys.</returns>
    public static string[] CreateKeys()
    {
        var keys = new string[KeyCount];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = Key(i + 1);
        }

        return keys;
    }

    /// <summary>Gets a fixed pseudo-random sequence of key indexes, uniform over <see cref="KeyCount"/>; its length is a power of two.</summary>
    /// <returns>The indexes.</returns>
    public static int[] CreateRandomSequence()
    {
        var random = new Random(20261122);
        var sequence = new int[RandomSequenceLength];
        for (var i = 0; i < sequence.Length; i++)
        {
            sequence[i] = random.Next(KeyCount);
        }

        return sequence;
    }
}
