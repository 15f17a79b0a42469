namespace RedisLite;

public partial interface IDataStore
{
    /// <summary>Inserts <paramref name="value"/> at the head of the list at <paramref name="key"/> (<c>LPUSH</c>, or <c>LPUSHX</c>
    /// with <see cref="When.Exists"/>). A missing key is created (unless <see cref="When.Exists"/>); its TTL is kept.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The element.</param>
    /// <param name="when"><see cref="When.Always"/> (<c>LPUSH</c>) or <see cref="When.Exists"/> (<c>LPUSHX</c>: only if the list exists).</param>
    /// <returns>The list's length after the push; 0 when <see cref="When.Exists"/> found no list.</returns>
    /// <exception cref="RedisWrongTypeException">The key holds a non-list.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="when"/> is <see cref="When.NotExists"/>, which Redis has no command for.</exception>
    long ListLeftPush(RedisKey key, RedisValue value, When when = When.Always);

    /// <summary>Inserts <paramref name="values"/> at the head of the list, one after the other, so the last ends first (<c>LPUSH key v1 v2 ...</c>, or <c>LPUSHX</c>).</summary>
    /// <param name="key">The key.</param>
    /// <param name="values">The elements; at least one.</param>
    /// <param name="when"><see cref="When.Always"/> (<c>LPUSH</c>) or <see cref="When.Exists"/> (<c>LPUSHX</c>).</param>
    /// <returns>The list's length after the push; 0 when <see cref="When.Exists"/> found no list.</returns>
    /// <exception cref="RedisWrongTypeException">The key holds a non-list.</exception>
    /// <exception cref="RedisException"><c>ERR wrong number of arguments for 'lpush' command</c> when <paramref name="values"/> is empty.</exception>
    long ListLeftPush(RedisKey key, RedisValue[] values, When when = When.Always);

    /// <summary>Appends <paramref name="value"/> at the tail of the list (<c>RPUSH</c>, or <c>RPUSHX</c> with <see cref="When.Exists"/>).</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The element.</param>
    /// <param name="when"><see cref="When.Always"/> (<c>RPUSH</c>) or <see cref="When.Exists"/> (<c>RPUSHX</c>).</param>
    /// <returns>The list's length after the push; 0 when <see cref="When.Exists"/> found no list.</returns>
    /// <exception cref="RedisWrongTypeException">The key holds a non-list.</exception>
    long ListRightPush(RedisKey key, RedisValue value, When when = When.Always);

    /// <summary>Appends <paramref name="values"/> at the tail of the list, in order (<c>RPUSH key v1 v2 ...</c>, or <c>RPUSHX</c>).</summary>
    /// <param name="key">The key.</param>
    /// <param name="values">The elements; at least one.</param>
    /// <param name="when"><see cref="When.Always"/> (<c>RPUSH</c>) or <see cref="When.Exists"/> (<c>RPUSHX</c>).</param>
    /// <returns>The list's length after the push; 0 when <see cref="When.Exists"/> found no list.</returns>
    /// <exception cref="RedisWrongTypeException">The key holds a non-list.</exception>
    /// <exception cref="RedisException"><c>ERR wrong number of arguments for 'rpush' command</c> when <paramref name="values"/> is empty.</exception>
    long ListRightPush(RedisKey key, RedisValue[] values, When when = When.Always);

    /// <summary>Removes and returns the first element of the list (<c>LPOP key</c>). A list left empty is deleted.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The element, or <see cref="RedisValue.Null"/> when the key does not exist.</returns>
    /// <exception cref="RedisWrongTypeException">The key holds a non-list.</exception>
    RedisValue ListLeftPop(RedisKey key);

    /// <summary>Removes and returns up to <paramref name="count"/> elements from the head (<c>LPOP key count</c>).</summary>
    /// <param name="key">The key.</param>
    /// <param name="count">How many; 0 returns an empty array when the list exists.</param>
    /// <returns>The elements in the order popped, or <see langword="null"/> when the key does not exist.</returns>
    /// <exception cref="RedisWrongTypeException">The key holds a non-list.</exception>
    /// <exception cref="RedisException"><c>ERR value is out of range, must be positive</c> for a negative count.</exception>
    RedisValue[]? ListLeftPop(RedisKey key, long count);

    /// <summary>Removes and returns the last element of the list (<c>RPOP key</c>). A list left empty is deleted.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The element, or <see cref="RedisValue.Null"/> when the key does not exist.</returns>
    /// <exception cref="RedisWrongTypeException">The key holds a non-list.</exception>
    RedisValue ListRightPop(RedisKey key);

    /// <summary>Removes and returns up to <paramref name="count"/> elements from the tail (<c>RPOP key count</c>).</summary>
    /// <param name="key">The key.</param>
    /// <param name="count">How many; 0 returns an empty array when the list exists.</param>
    /// <returns>The elements in the order popped (last element first), or <see langword="null"/> when the key does not exist.</returns>
    /// <exception cref="RedisWrongTypeException">The key holds a non-list.</exception>
    /// <exception cref="RedisException"><c>ERR value is out of range, must be positive</c> for a negative count.</exception>
    RedisValue[]? ListRightPop(RedisKey key, long count);

    /// <summary>Returns the elements between two inclusive indexes (<c>LRANGE</c>); negative indexes count from the tail, and
    /// out-of-range indexes are clamped as Redis clamps them.</summary>
    /// <param name="key">The key.</param>
    /// <param name="start">The first index.</param>
    /// <param name="stop">The last index (inclusive).</param>
    /// <returns>The elements; empty when the key does not exist or the range is empty.</returns>
    /// <exception cref="RedisWrongTypeException">The key holds a non-list.</exception>
    RedisValue[] ListRange(RedisKey key, long start = 0, long stop = -1);

    /// <summary>Returns the element at <paramref name="index"/> (<c>LINDEX</c>); negative indexes count from the tail.</summary>
    /// <param name="key">The key.</param>
    /// <param name="index">The index.</param>
    /// <returns>The element, or <see cref="RedisValue.Null"/> when the key does not exist or the index is out of range.</returns>
    /// <exception cref="RedisWrongTypeException">The key holds a non-list.</exception>
    RedisValue ListGetByIndex(RedisKey key, long index);

    /// <summary>Replaces the element at <paramref name="index"/> (<c>LSET</c>); negative indexes count from the tail.</summary>
    /// <param name="key">The key.</param>
    /// <param name="index">The index.</param>
    /// <param name="value">The new element.</param>
    /// <exception cref="RedisWrongTypeException">The key holds a non-list.</exception>
    /// <exception cref="RedisException"><c>ERR no such key</c>; <c>ERR index out of range</c>.</exception>
    void ListSetByIndex(RedisKey key, long index, RedisValue value);

    /// <summary>Inserts <paramref name="value"/> before the first occurrence of <paramref name="pivot"/> (<c>LINSERT key BEFORE pivot value</c>).</summary>
    /// <param name="key">The key.</param>
    /// <param name="pivot">The element to insert before.</param>
    /// <param name="value">The new element.</param>
    /// <returns>The length after the insert; -1 when <paramref name="pivot"/> is not in the list; 0 when the key does not exist.</returns>
    /// <exception cref="RedisWrongTypeException">The key holds a non-list.</exception>
    long ListInsertBefore(RedisKey key, RedisValue pivot, RedisValue value);

    /// <summary>Inserts <paramref name="value"/> after the first occurrence of <paramref name="pivot"/> (<c>LINSERT key AFTER pivot value</c>).</summary>
    /// <param name="key">The key.</param>
    /// <param name="pivot">The element to insert after.</param>
    /// <param name="value">The new element.</param>
    /// <returns>The length after the insert; -1 when <paramref name="pivot"/> is not in the list; 0 when the key does not exist.</returns>
    /// <exception cref="RedisWrongTypeException">The key holds a non-list.</exception>
    long ListInsertAfter(RedisKey key, RedisValue pivot, RedisValue value);

    /// <summary>Removes occurrences of <paramref name="value"/> (<c>LREM</c>): the first <paramref name="count"/> from the head when
    /// positive, the last -<paramref name="count"/> from the tail when negative, all when 0. A list left empty is deleted.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The element to remove.</param>
    /// <param name="count">How many and from which end.</param>
    /// <returns>How many were removed.</returns>
    /// <exception cref="RedisWrongTypeException">The key holds a non-list.</exception>
    long ListRemove(RedisKey key, RedisValue value, long count = 0);

    /// <summary>Keeps only the elements between two inclusive indexes (<c>LTRIM</c>); an empty range deletes the key.</summary>
    /// <param name="key">The key.</param>
    /// <param name="start">The first index kept.</param>
    /// <param name="stop">The last index kept (inclusive).</param>
    /// <exception cref="RedisWrongTypeException">The key holds a non-list.</exception>
    void ListTrim(RedisKey key, long start, long stop);

    /// <summary>Returns the index of a matching element (<c>LPOS key element [RANK rank] [MAXLEN len]</c>).</summary>
    /// <param name="key">The key.</param>
    /// <param name="element">The element to find.</param>
    /// <param name="rank">Which match: 1 the first, 2 the second, ...; negative counts matches from the tail (-1 the last).</param>
    /// <param name="maxLength">How many elements to compare at most (0: all).</param>
    /// <returns>The index (always counted from the head), or -1 when there is no such match (Redis's nil).</returns>
    /// <exception cref="RedisWrongTypeException">The key holds a non-list.</exception>
    /// <exception cref="RedisException">Redis's errors for a RANK of 0 and a negative MAXLEN.</exception>
    long ListPosition(RedisKey key, RedisValue element, long rank = 1, long maxLength = 0);

    /// <summary>Returns the indexes of up to <paramref name="count"/> matching elements (<c>LPOS key element COUNT count [RANK rank] [MAXLEN len]</c>).</summary>
    /// <param name="key">The key.</param>
    /// <param name="element">The element to find.</param>
    /// <param name="count">How many matches at most; 0 returns all.</param>
    /// <param name="rank">The match to start from: 1 the first; negative searches from the tail.</param>
    /// <param name="maxLength">How many elements to compare at most (0: all).</param>
    /// <returns>The indexes in the order found; empty when the key does not exist or nothing matches.</returns>
    /// <exception cref="RedisWrongTypeException">The key holds a non-list.</exception>
    /// <exception cref="RedisException">Redis's errors for a RANK of 0, a negative COUNT and a negative MAXLEN.</exception>
    long[] ListPositions(RedisKey key, RedisValue element, long count, long rank = 1, long maxLength = 0);

    /// <summary>Returns the length of the list (<c>LLEN</c>).</summary>
    /// <param name="key">The key.</param>
    /// <returns>The length; 0 when the key does not exist.</returns>
    /// <exception cref="RedisWrongTypeException">The key holds a non-list.</exception>
    long ListLength(RedisKey key);

    /// <summary>Atomically pops an element from one end of <paramref name="source"/> and pushes it at one end of
    /// <paramref name="destination"/> (<c>LMOVE</c>); the same key rotates the list. Both keys' types are checked before
    /// anything moves.</summary>
    /// <param name="source">The list to pop from.</param>
    /// <param name="destination">The list to push to (created if missing; its TTL is kept).</param>
    /// <param name="from">The end of <paramref name="source"/> to pop.</param>
    /// <param name="to">The end of <paramref name="destination"/> to push.</param>
    /// <returns>The moved element, or <see cref="RedisValue.Null"/> when <paramref name="source"/> does not exist.</returns>
    /// <exception cref="RedisWrongTypeException">Either key holds a non-list (the source is checked first; a missing source returns null).</exception>
    RedisValue ListMove(RedisKey source, RedisKey destination, ListSide from, ListSide to);

    /// <summary>Pops the tail of <paramref name="source"/> and pushes it at the head of <paramref name="destination"/>
    /// (<c>RPOPLPUSH</c>, the same as <c>LMOVE source destination RIGHT LEFT</c>).</summary>
    /// <param name="source">The list to pop from.</param>
    /// <param name="destination">The list to push to.</param>
    /// <returns>The moved element, or <see cref="RedisValue.Null"/> when <paramref name="source"/> does not exist.</returns>
    /// <exception cref="RedisWrongTypeException">Either key holds a non-list.</exception>
    RedisValue ListRightPopLeftPush(RedisKey source, RedisKey destination);

    /// <summary>Pops up to <paramref name="count"/> elements from the first non-empty list among <paramref name="keys"/>
    /// (<c>LMPOP numkeys key ... LEFT|RIGHT [COUNT count]</c>).</summary>
    /// <param name="keys">The keys, in the order they are tried.</param>
    /// <param name="side">The end to pop from.</param>
    /// <param name="count">How many elements at most; positive.</param>
    /// <returns>The key and the popped elements, or <see langword="null"/> when every key is missing.</returns>
    /// <exception cref="RedisWrongTypeException">A key met before the first non-empty list holds a non-list.</exception>
    /// <exception cref="RedisException"><c>ERR numkeys should be greater than 0</c> for no keys;
    /// <c>ERR count should be greater than 0</c>.</exception>
    ListPopResult? ListPop(RedisKey[] keys, ListSide side, long count = 1);

    /// <summary>Pops the head of the first non-empty list among <paramref name="keys"/>, waiting for one to be pushed if all
    /// are empty (<c>BLPOP key ... timeout</c>). Callers blocked on a key are served in the order they blocked.</summary>
    /// <param name="keys">The keys, in the order they are tried.</param>
    /// <param name="timeout">How long to wait; <see cref="TimeSpan.Zero"/> waits forever (Redis's 0). A positive timeout
    /// shorter than a millisecond counts as one millisecond.</param>
    /// <param name="cancellationToken">Cancels the wait; no element is lost when it races with a push.</param>
    /// <returns>The key and the element, or <see langword="null"/> when the timeout passed.</returns>
    /// <exception cref="RedisWrongTypeException">A key met before the first non-empty list holds a non-list.</exception>
    /// <exception cref="RedisException"><c>ERR timeout is negative</c>.</exception>
    /// <exception cref="OperationCanceledException">The wait was cancelled.</exception>
    Task<(RedisKey Key, RedisValue Value)?> ListLeftPopBlockingAsync(RedisKey[] keys, TimeSpan timeout, CancellationToken cancellationToken = default);

    /// <summary>Pops the tail of the first non-empty list among <paramref name="keys"/>, waiting if all are empty
    /// (<c>BRPOP key ... timeout</c>).</summary>
    /// <param name="keys">The keys, in the order they are tried.</param>
    /// <param name="timeout">How long to wait; <see cref="TimeSpan.Zero"/> waits forever.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The key and the element, or <see langword="null"/> when the timeout passed.</returns>
    /// <exception cref="RedisWrongTypeException">A key met before the first non-empty list holds a non-list.</exception>
    /// <exception cref="RedisException"><c>ERR timeout is negative</c>.</exception>
    /// <exception cref="OperationCanceledException">The wait was cancelled.</exception>
    Task<(RedisKey Key, RedisValue Value)?> ListRightPopBlockingAsync(RedisKey[] keys, TimeSpan timeout, CancellationToken cancellationToken = default);

    /// <summary>Moves an element like <see cref="ListMove"/>, waiting for <paramref name="source"/> to get one if it is
    /// empty (<c>BLMOVE</c>). The push to <paramref name="destination"/> may in turn serve callers blocked on it.</summary>
    /// <param name="source">The list to pop from.</param>
    /// <param name="destination">The list to push to.</param>
    /// <param name="from">The end of <paramref name="source"/> to pop.</param>
    /// <param name="to">The end of <paramref name="destination"/> to push.</param>
    /// <param name="timeout">How long to wait; <see cref="TimeSpan.Zero"/> waits forever.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The moved element, or <see cref="RedisValue.Null"/> when the timeout passed.</returns>
    /// <exception cref="RedisWrongTypeException">Either key holds a non-list when the element would move.</exception>
    /// <exception cref="RedisException"><c>ERR timeout is negative</c>.</exception>
    /// <exception cref="OperationCanceledException">The wait was cancelled.</exception>
    Task<RedisValue> ListMoveBlockingAsync(RedisKey source, RedisKey destination, ListSide from, ListSide to, TimeSpan timeout, CancellationToken cancellationToken = default);

    /// <summary>Pops the tail of <paramref name="source"/> and pushes it at the head of <paramref name="destination"/>,
    /// waiting for <paramref name="source"/> to get an element if it is empty (<c>BRPOPLPUSH</c>).</summary>
    /// <param name="source">The list to pop from.</param>
    /// <param name="destination">The list to push to.</param>
    /// <param name="timeout">How long to wait; <see cref="TimeSpan.Zero"/> waits forever.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The moved element, or <see cref="RedisValue.Null"/> when the timeout passed.</returns>
    /// <exception cref="RedisWrongTypeException">Either key holds a non-list when the element would move.</exception>
    /// <exception cref="RedisException"><c>ERR timeout is negative</c>.</exception>
    /// <exception cref="OperationCanceledException">The wait was cancelled.</exception>
    Task<RedisValue> ListRightPopLeftPushBlockingAsync(RedisKey source, RedisKey destination, TimeSpan timeout, CancellationToken cancellationToken = default);

    /// <summary>Pops up to <paramref name="count"/> elements from the first non-empty list among <paramref name="keys"/>,
    /// waiting for one if all are empty (<c>BLMPOP timeout numkeys key ... LEFT|RIGHT [COUNT count]</c>).</summary>
    /// <param name="keys">The keys, in the order they are tried.</param>
    /// <param name="side">The end to pop from.</param>
    /// <param name="timeout">How long to wait; <see cref="TimeSpan.Zero"/> waits forever.</param>
    /// <param name="count">How many elements at most; positive.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The key and the elements, or <see langword="null"/> when the timeout passed.</returns>
    /// <exception cref="RedisWrongTypeException">A key met before the first non-empty list holds a non-list.</exception>
    /// <exception cref="RedisException"><c>ERR timeout is negative</c>; <c>ERR numkeys should be greater than 0</c> for no keys;
    /// <c>ERR count should be greater than 0</c>.</exception>
    /// <exception cref="OperationCanceledException">The wait was cancelled.</exception>
    Task<ListPopResult?> ListPopBlockingAsync(RedisKey[] keys, ListSide side, TimeSpan timeout, long count = 1, CancellationToken cancellationToken = default);
}
