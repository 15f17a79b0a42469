namespace RedisLite;

/// <summary>One run of consecutive matching bytes found by <c>LCS ... IDX</c>: a range of each string (inclusive offsets) and its length.</summary>
/// <param name="FirstStart">Offset of the run's first byte in the first string.</param>
/// <param name="FirstEnd">Offset of the run's last byte in the first string.</param>
/// <param name="SecondStart">Offset of the run's first byte in the second string.</param>
/// <param name="SecondEnd">Offset of the run's last byte in the second string.</param>
/// <param name="Length">The run's length in bytes (<c>WITHMATCHLEN</c>).</param>
public readonly record struct LcsMatch(long FirstStart, long FirstEnd, long SecondStart, long SecondEnd, long Length);

/// <summary>The reply of <c>LCS key1 key2 IDX WITHMATCHLEN</c>: the matching runs, from the end of the strings backwards as
/// Redis lists them, and the length of the longest common subsequence.</summary>
/// <param name="Matches">The runs, last run first (Redis's order).</param>
/// <param name="Length">The length of the longest common subsequence (<c>len</c>).</param>
public sealed record LcsMatchResult(IReadOnlyList<LcsMatch> Matches, long Length);
