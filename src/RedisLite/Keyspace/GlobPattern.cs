namespace RedisLite.Keyspace;

/// <summary>
/// Redis's glob-style matching for KEYS, SCAN and (later) PSUBSCRIBE: <c>*</c> any run of bytes, <c>?</c> one byte,
/// <c>[...]</c> a set with <c>^</c> negation, <c>a-z</c> ranges (reversed ranges allowed) and <c>\</c> escapes, and
/// <c>\x</c> a literal byte. An unterminated set ends at the end of the pattern, as in Redis.
/// </summary>
/// <remarks>
/// Stars are handled by remembering only the most recent one and retrying from it: a later star can always absorb
/// what an earlier one would have, so this finds a match exactly when the recursive definition does, in
/// O(pattern x input) time instead of exponential.
/// </remarks>
internal static class GlobPattern
{
    public static bool IsMatchAll(ReadOnlySpan<byte> pattern) => pattern.Length == 1 && pattern[0] == (byte)'*';

    public static bool IsMatch(ReadOnlySpan<byte> pattern, ReadOnlySpan<byte> text)
    {
        // Redis's matcher consumes a byte before it lets trailing stars match nothing, so an empty key matches only
        // an empty pattern (KEYS and SCAN special-case the lone "*" before matching, see IsMatchAll).
        if (text.IsEmpty)
        {
            return pattern.IsEmpty;
        }

        int p = 0, t = 0;
        int starP = -1, starT = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length)
            {
                var c = pattern[p];
                if (c == (byte)'*')
                {
                    while (p < pattern.Length && pattern[p] == (byte)'*')
                    {
                        p++;
                    }

                    if (p == pattern.Length)
                    {
                        return true;
                    }

                    starP = p;
                    starT = t;
                    continue;
                }

                if (MatchOne(pattern, ref p, text[t]))
                {
                    t++;
                    continue;
                }
            }

            if (starP < 0)
            {
                return false;
            }

            // Let the last star absorb one more byte and retry the rest of the pattern from there.
            p = starP;
            t = ++starT;
        }

        while (p < pattern.Length && pattern[p] == (byte)'*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    /// <summary>Matches one non-star pattern element at <paramref name="p"/> against <paramref name="b"/>; on success advances <paramref name="p"/> past it.</summary>
    private static bool MatchOne(ReadOnlySpan<byte> pattern, ref int p, byte b)
    {
        var c = pattern[p];
        switch (c)
        {
            case (byte)'?':
                p++;
                return true;
            case (byte)'\\' when p + 1 < pattern.Length:
                if (pattern[p + 1] != b)
                {
                    return false;
                }

                p += 2;
                return true;
            case (byte)'[':
                return MatchSet(pattern, ref p, b);
            default:
                if (c != b)
                {
                    return false;
                }

                p++;
                return true;
        }
    }

    private static bool MatchSet(ReadOnlySpan<byte> pattern, ref int p, byte b)
    {
        var i = p + 1;
        var negate = i < pattern.Length && pattern[i] == (byte)'^';
        if (negate)
        {
            i++;
        }

        var matched = false;
        while (true)
        {
            if (i >= pattern.Length)
            {
                // Unterminated set: it ends with the pattern.
                break;
            }

            var c = pattern[i];
            if (c == (byte)'\\' && i + 1 < pattern.Length)
            {
                if (pattern[i + 1] == b)
                {
                    matched = true;
                }

                i += 2;
            }
            else if (c == (byte)']')
            {
                i++;
                break;
            }
            else if (i + 2 < pattern.Length && pattern[i + 1] == (byte)'-')
            {
                var start = c;
                var end = pattern[i + 2];
                if (start > end)
                {
                    (start, end) = (end, start);
                }

                if (b >= start && b <= end)
                {
                    matched = true;
                }

                i += 3;
            }
            else
            {
                if (c == b)
                {
                    matched = true;
                }

                i++;
            }
        }

        if (negate)
        {
            matched = !matched;
        }

        if (!matched)
        {
            return false;
        }

        p = i;
        return true;
    }
}
