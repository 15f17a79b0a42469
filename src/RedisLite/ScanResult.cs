namespace RedisLite;

/// <summary>One page of a <c>SCAN</c>: the cursor to pass next (0 when the scan is complete) and the keys found.</summary>
/// <param name="Cursor">The cursor for the next call; 0 means the iteration is complete.</param>
/// <param name="Keys">The keys of this page (possibly none, even when the iteration is not complete).</param>
public readonly record struct ScanResult(ulong Cursor, IReadOnlyList<RedisKey> Keys);

/// <summary>One page of an <c>HSCAN</c>, <c>SSCAN</c> or <c>ZSCAN</c>: the cursor to pass next (0 when the scan is
/// complete) and the elements found.</summary>
/// <param name="Cursor">The cursor for the next call; 0 means the iteration is complete.</param>
/// <param name="Items">The elements of this page (possibly none, even when the iteration is not complete). An element
/// may appear in more than one page, as in Redis.</param>
/// <typeparam name="T">The element type (a field and value, a member, a member and score).</typeparam>
public readonly record struct ScanResult<T>(ulong Cursor, IReadOnlyList<T> Items);
