using RedisLite.Internal;
using RedisLite.Keyspace;

namespace RedisLite;

public sealed partial class DataStore
{
    /// <inheritdoc/>
    public RedisValue StringLongestCommonSubsequence(RedisKey first, RedisKey second)
    {
        var (a, b) = ReadLcsOperands(first, second);
        return Backtrack(a, b, BuildTable(a, b), minLength: 0, matches: null);
    }

    /// <inheritdoc/>
    public long StringLongestCommonSubsequenceLength(RedisKey first, RedisKey second)
    {
        var (a, b) = ReadLcsOperands(first, second);

        // The length needs only the previous row of the table, not all of it.
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = a[i - 1] == b[j - 1] ? previous[j - 1] + 1 : Math.Max(previous[j], current[j - 1]);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    /// <inheritdoc/>
    public LcsMatchResult StringLongestCommonSubsequenceWithMatches(RedisKey first, RedisKey second, long minLength = 0)
    {
        var (a, b) = ReadLcsOperands(first, second);
        var table = BuildTable(a, b);
        var matches = new List<LcsMatch>();
        Backtrack(a, b, table, Math.Max(0, minLength), matches);
        return new LcsMatchResult(matches, table[^1]);
    }

    /// <summary>Both strings as of one instant (a missing key is empty), with Redis's type and size checks.</summary>
    private (byte[] A, byte[] B) ReadLcsOperands(in RedisKey first, in RedisKey second)
    {
        var batch = new KeyBatch(_db, [KeyMemory(first, nameof(first)), KeyMemory(second, nameof(second))]);
        var read = ReadBatch(batch);
        long now = 0;
        var operands = new byte[2][];
        for (var i = 0; i < 2; i++)
        {
            var (value, expireAt) = read[i];
            if (value is null || !IsLive(expireAt, ref now))
            {
                operands[i] = [];
            }
            else if (FastCast.IsBytes(value, out var payload))
            {
                operands[i] = StringPayload.ValueSpan(payload).ToArray();
            }
            else
            {
                ThrowHelper.ThrowRedis(ErrorMessages.LcsNotStrings);
            }
        }

        // Redis refuses before allocating a table of (n + 1) x (m + 1) 32-bit counters larger than proto-max-bulk-len.
        if ((operands[0].Length + 1L) * (operands[1].Length + 1L) * sizeof(int) > MaxStringLength)
        {
            ThrowHelper.ThrowRedis(ErrorMessages.LcsTooLarge);
        }

        return (operands[0], operands[1]);
    }

    /// <summary>The classic table: cell (i, j) holds the LCS length of a[..i] and b[..j], row-major with rows of b.Length + 1.</summary>
    private static int[] BuildTable(byte[] a, byte[] b)
    {
        var width = b.Length + 1;
        var table = new int[(a.Length + 1) * width];
        for (var i = 1; i <= a.Length; i++)
        {
            var row = i * width;
            var above = row - width;
            for (var j = 1; j <= b.Length; j++)
            {
                table[row + j] = a[i - 1] == b[j - 1]
                    ? table[above + j - 1] + 1
                    : Math.Max(table[above + j], table[row + j - 1]);
            }
        }

        return table;
    }

    /// <summary>
    /// Walks the table back from the end as Redis does, so that both the subsequence chosen among equals and the runs
    /// reported are Redis's: on a tie it steps back in the second string; a run is closed at the first mismatch after it,
    /// or when it reaches the start of either string; runs shorter than <paramref name="minLength"/> are dropped.
    /// </summary>
    private static RedisValue Backtrack(byte[] a, byte[] b, int[] table, long minLength, List<LcsMatch>? matches)
    {
        var width = b.Length + 1;
        var length = table[^1];
        var result = new byte[length];
        var remaining = length;
        int i = a.Length, j = b.Length;
        var open = false;
        int aStart = 0, aEnd = 0, bStart = 0, bEnd = 0;
        while (i > 0 && j > 0)
        {
            var close = false;
            if (a[i - 1] == b[j - 1])
            {
                result[--remaining] = a[i - 1];
                if (!open)
                {
                    open = true;
                    aStart = aEnd = i - 1;
                    bStart = bEnd = j - 1;
                }
                else
                {
                    // The walk steps back diagonally after a match, so an open run always continues here.
                    aStart--;
                    bStart--;
                }

                close = aStart == 0 || bStart == 0;
                i--;
                j--;
            }
            else
            {
                if (table[((i - 1) * width) + j] > table[(i * width) + j - 1])
                {
                    i--;
                }
                else
                {
                    j--;
                }

                close = open;
            }

            if (close)
            {
                var runLength = aEnd - aStart + 1;
                if (matches is not null && (minLength == 0 || runLength >= minLength))
                {
                    matches.Add(new LcsMatch(aStart, aEnd, bStart, bEnd, runLength));
                }

                open = false;
            }
        }

        return result;
    }
}
