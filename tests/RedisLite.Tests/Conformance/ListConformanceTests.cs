namespace RedisLite.Tests.Conformance;

/// <summary>
/// Redis 7's list commands, as replies and exact error texts, checked against every <see cref="IDataStore"/>: LPUSH,
/// RPUSH, LPUSHX, RPUSHX, LPOP/RPOP (with and without COUNT), LRANGE, LINDEX, LSET, LINSERT, LREM, LTRIM, LPOS, LLEN,
/// LMOVE, RPOPLPUSH, LMPOP, and the blocking BLPOP, BRPOP, BLMOVE, BRPOPLPUSH, BLMPOP (a push on the store's own
/// connection wakes a call blocked on a connection of its own).
/// </summary>
public abstract class ListConformanceTests : ConformanceSuite
{
    private string[] Range(RedisKey key, long start = 0, long stop = -1) => Db.ListRange(key, start, stop).Select(v => v.ToString()!).ToArray();

    // ------------------------------------------------------------------ push / pop

    [ConformanceFact]
    public void Push_and_pop_at_both_ends()
    {
        Assert.Equal(3, Db.ListLeftPush("l", ["a", "b", "c"]));
        Assert.Equal(5, Db.ListRightPush("l", ["d", "e"]));
        Assert.Equal(6, Db.ListRightPush("l", 7));
        Assert.Equal(["c", "b", "a", "d", "e", "7"], Range("l"));
        AssertValue("c", Db.ListLeftPop("l"));
        AssertValue("7", Db.ListRightPop("l"));
        Assert.Equal(["b", "a"], Db.ListLeftPop("l", 2)!.Select(v => v.ToString()));
        Assert.Empty(Db.ListRightPop("l", 0)!);
        Assert.Equal(["e", "d"], Db.ListRightPop("l", 9)!.Select(v => v.ToString()));
        AssertMissing(Db, "l");
        AssertNil(Db.ListLeftPop("l"));
        Assert.Null(Db.ListLeftPop("l", 1));
        Assert.Null(Db.ListRightPop("l", 0));
        AssertError(ErrorMessages.MustBePositive, () => Db.ListLeftPop("l", -1));
    }

    [ConformanceFact]
    public void Pushx_needs_an_existing_list()
    {
        Assert.Equal(0, Db.ListLeftPush("x", "a", When.Exists));
        Assert.Equal(0, Db.ListRightPush("x", ["a", "b"], When.Exists));
        AssertMissing(Db, "x");
        Db.ListRightPush("x", "m");
        Assert.Equal(2, Db.ListLeftPush("x", "l", When.Exists));
        Assert.Equal(4, Db.ListRightPush("x", ["r1", "r2"], When.Exists));
        Assert.Equal(["l", "m", "r1", "r2"], Range("x"));
    }

    [ConformanceFact]
    public void Empty_push_is_a_wrong_number_of_arguments()
    {
        AssertError(ErrorMessages.WrongArgumentCount("lpush"), () => Db.ListLeftPush("e", []));
        AssertError(ErrorMessages.WrongArgumentCount("rpushx"), () => Db.ListRightPush("e", [], When.Exists));
    }

    [ConformanceFact]
    public void Wrong_type_everywhere()
    {
        Db.StringSet("s", "v");
        AssertError(ErrorMessages.WrongType, () => Db.ListLeftPush("s", "a"));
        AssertError(ErrorMessages.WrongType, () => Db.ListRightPush("s", "a", When.Exists));
        AssertError(ErrorMessages.WrongType, () => Db.ListLeftPop("s"));
        AssertError(ErrorMessages.WrongType, () => Db.ListRightPop("s", 0));
        AssertError(ErrorMessages.WrongType, () => Db.ListRange("s"));
        AssertError(ErrorMessages.WrongType, () => Db.ListGetByIndex("s", 0));
        AssertError(ErrorMessages.WrongType, () => Db.ListSetByIndex("s", 0, "x"));
        AssertError(ErrorMessages.WrongType, () => Db.ListInsertAfter("s", "a", "b"));
        AssertError(ErrorMessages.WrongType, () => Db.ListRemove("s", "a"));
        AssertError(ErrorMessages.WrongType, () => Db.ListTrim("s", 0, -1));
        AssertError(ErrorMessages.WrongType, () => Db.ListPosition("s", "a"));
        AssertError(ErrorMessages.WrongType, () => Db.ListLength("s"));
        AssertValue("v", Db.StringGet("s"));
    }

    [ConformanceFact]
    public void Modifying_keeps_the_ttl()
    {
        Db.ListRightPush("t", ["a", "b", "c"]);
        Db.KeyExpire("t", OneHour);
        Db.ListLeftPush("t", "z");
        Db.ListRightPop("t");
        Db.ListSetByIndex("t", 0, "y");
        Db.ListRemove("t", "a");
        AssertTtl(Db, "t", OneHour - TimeSpan.FromMinutes(1), OneHour);
    }

    // ------------------------------------------------------------------ range / index / set / trim

    [ConformanceFact]
    public void Range_and_index_clamp_like_redis()
    {
        Db.ListRightPush("r", ["a", "b", "c", "d", "e"]);
        Assert.Equal(["b", "c"], Range("r", 1, 2));
        Assert.Equal(["d", "e"], Range("r", -2, 100));
        Assert.Equal(["a", "b"], Range("r", -100, 1));
        Assert.Empty(Range("r", 4, 3));
        Assert.Empty(Range("r", 5, 9));
        Assert.Empty(Range("missing"));
        AssertValue("e", Db.ListGetByIndex("r", -1));
        AssertNil(Db.ListGetByIndex("r", 5));
        AssertNil(Db.ListGetByIndex("missing", 0));
        Assert.Equal(5, Db.ListLength("r"));
        Assert.Equal(0, Db.ListLength("missing"));
    }

    [ConformanceFact]
    public void Set_by_index_and_its_errors()
    {
        Db.ListRightPush("s", ["a", "b"]);
        Db.ListSetByIndex("s", -1, "B");
        Assert.Equal(["a", "B"], Range("s"));
        AssertError(ErrorMessages.IndexOutOfRange, () => Db.ListSetByIndex("s", 2, "x"));
        AssertError(ErrorMessages.NoSuchKey, () => Db.ListSetByIndex("missing", 0, "x"));
    }

    [ConformanceFact]
    public void Trim_keeps_a_range_or_deletes_the_key()
    {
        Db.ListRightPush("t", ["a", "b", "c", "d"]);
        Db.ListTrim("t", 1, -2);
        Assert.Equal(["b", "c"], Range("t"));
        Db.ListTrim("t", 5, 10);
        AssertMissing(Db, "t");
        Db.ListTrim("t", 0, 1);
        AssertMissing(Db, "t");
    }

    // ------------------------------------------------------------------ insert / remove / position

    [ConformanceFact]
    public void Insert_around_a_pivot()
    {
        Db.ListRightPush("i", ["a", "b", "a"]);
        Assert.Equal(4, Db.ListInsertBefore("i", "a", "x"));
        Assert.Equal(5, Db.ListInsertAfter("i", "b", "y"));
        Assert.Equal(["x", "a", "b", "y", "a"], Range("i"));
        Assert.Equal(-1, Db.ListInsertAfter("i", "zz", "q"));
        Assert.Equal(0, Db.ListInsertAfter("missing", "a", "q"));
        AssertMissing(Db, "missing");
    }

    [ConformanceFact]
    public void Remove_by_count_sign()
    {
        Db.ListRightPush("r", ["a", "b", "a", "c", "a"]);
        Assert.Equal(1, Db.ListRemove("r", "a", 1));
        Assert.Equal(["b", "a", "c", "a"], Range("r"));
        Assert.Equal(1, Db.ListRemove("r", "a", -1));
        Assert.Equal(["b", "a", "c"], Range("r"));
        Assert.Equal(1, Db.ListRemove("r", "a"));
        Assert.Equal(0, Db.ListRemove("r", "zz"));
        Assert.Equal(2, Db.ListRemove("r", "b") + Db.ListRemove("r", "c"));
        AssertMissing(Db, "r");
    }

    [ConformanceFact]
    public void Position_options()
    {
        Db.ListRightPush("p", ["a", "b", "c", "1", "2", "3", "c", "c"]);
        Assert.Equal(2, Db.ListPosition("p", "c"));
        Assert.Equal(6, Db.ListPosition("p", "c", rank: 2));
        Assert.Equal(7, Db.ListPosition("p", "c", rank: -1));
        Assert.Equal(-1, Db.ListPosition("p", "c", rank: 9));
        Assert.Equal(-1, Db.ListPosition("p", "c", maxLength: 2));
        Assert.Equal(7, Db.ListPosition("p", "c", rank: long.MinValue));
        Assert.Equal([2, 6], Db.ListPositions("p", "c", 2));
        Assert.Equal([2, 6, 7], Db.ListPositions("p", "c", 0));
        Assert.Equal([7, 6], Db.ListPositions("p", "c", 0, rank: -1, maxLength: 2));
        Assert.Equal([6, 7], Db.ListPositions("p", "c", 0, rank: 2));
        Assert.Empty(Db.ListPositions("missing", "c", 0));
        Assert.Equal(-1, Db.ListPosition("missing", "c"));
    }

    [ConformanceFact]
    public void Position_errors_word_for_word()
    {
        Db.ListRightPush("p", "a");
        AssertError(ErrorMessages.RankZero, () => Db.ListPosition("p", "a", rank: 0));
        AssertError(ErrorMessages.CountNegative, () => Db.ListPositions("p", "a", -1));
        AssertError(ErrorMessages.MaxLenNegative, () => Db.ListPosition("p", "a", maxLength: -1));
        AssertError(ErrorMessages.RankZero, () => Db.ListPosition("missing", "a", rank: 0));
    }

    // ------------------------------------------------------------------ move / multi-pop

    [ConformanceFact]
    public void Move_between_keys_and_onto_itself()
    {
        Db.ListRightPush("src", ["a", "b", "c"]);
        AssertValue("a", Db.ListMove("src", "dst", ListSide.Left, ListSide.Right));
        AssertValue("c", Db.ListRightPopLeftPush("src", "dst"));
        Assert.Equal(["c", "a"], Range("dst"));
        AssertValue("c", Db.ListMove("dst", "dst", ListSide.Left, ListSide.Right));
        Assert.Equal(["a", "c"], Range("dst"));
        AssertValue("b", Db.ListMove("src", "dst", ListSide.Right, ListSide.Left));
        AssertMissing(Db, "src");
        AssertNil(Db.ListMove("src", "dst", ListSide.Left, ListSide.Left));
    }

    [ConformanceFact]
    public void Move_checks_the_destination_type_first()
    {
        Db.StringSet("str", "v");
        Db.ListRightPush("src", "a");
        AssertNil(Db.ListMove("missing", "str", ListSide.Left, ListSide.Left));
        AssertError(ErrorMessages.WrongType, () => Db.ListMove("src", "str", ListSide.Left, ListSide.Left));
        AssertError(ErrorMessages.WrongType, () => Db.ListRightPopLeftPush("str", "src"));
        Assert.Equal(["a"], Range("src"));
    }

    [ConformanceFact]
    public void Multi_pop()
    {
        Db.ListRightPush("m2", ["a", "b", "c"]);
        var result = Db.ListPop(["m1", "m2"], ListSide.Left, 2)!;
        Assert.Equal("m2", result.Key.ToString());
        Assert.Equal(["a", "b"], result.Values.Select(v => v.ToString()));
        Assert.Equal(["c"], Db.ListPop(["m2"], ListSide.Right)!.Values.Select(v => v.ToString()));
        Assert.Null(Db.ListPop(["m1", "m2"], ListSide.Left));
        AssertError(ErrorMessages.NumKeysNotPositive, () => Db.ListPop([], ListSide.Left));
        AssertError(ErrorMessages.CountNotPositive, () => Db.ListPop(["m1"], ListSide.Left, 0));
        Db.StringSet("s", "v");
        AssertError(ErrorMessages.WrongType, () => Db.ListPop(["m1", "s"], ListSide.Left));
    }

    // ------------------------------------------------------------------ blocking

    [ConformanceFact]
    public async Task Blocking_pop_of_a_non_empty_key_returns_at_once()
    {
        Db.ListRightPush("b", ["a", "b"]);
        var left = await Db.ListLeftPopBlockingAsync(["none", "b"], LongWait);
        Assert.Equal("b", left!.Value.Key.ToString());
        AssertValue("a", left.Value.Value);
        AssertValue("b", (await Db.ListRightPopBlockingAsync(["b"], LongWait))!.Value.Value);
        AssertMissing(Db, "b");
    }

    [ConformanceFact]
    public async Task A_push_wakes_a_blocked_pop()
    {
        var blocked = Db.ListLeftPopBlockingAsync(["wake"], LongWait);
        Db.ListRightPush("wake", "hello");
        var result = await blocked.WaitAsync(LongWait);
        Assert.Equal("wake", result!.Value.Key.ToString());
        AssertValue("hello", result.Value.Value);
        AssertMissing(Db, "wake");
    }

    [ConformanceFact]
    public async Task A_push_wakes_a_blocked_move_and_multi_pop()
    {
        var move = Db.ListMoveBlockingAsync("ms", "md", ListSide.Left, ListSide.Right, LongWait);
        Db.ListRightPush("ms", "e");
        AssertValue("e", await move.WaitAsync(LongWait));
        Assert.Equal(["e"], Range("md"));

        var mpop = Db.ListPopBlockingAsync(["p1", "p2"], ListSide.Right, LongWait, 2);
        Db.ListRightPush("p2", ["a", "b", "c"]);
        var result = await mpop.WaitAsync(LongWait);
        Assert.Equal("p2", result!.Key.ToString());
        Assert.Equal(2, result.Values.Length);

        var rpoplpush = Db.ListRightPopLeftPushBlockingAsync("rs", "rd", LongWait);
        Db.ListRightPush("rs", "z");
        AssertValue("z", await rpoplpush.WaitAsync(LongWait));
        Assert.Equal(["z"], Range("rd"));
    }

    [ConformanceFact]
    public async Task Blocking_times_out_with_nil()
    {
        Assert.Null(await Db.ListLeftPopBlockingAsync(["empty"], TimeSpan.FromMilliseconds(50)));
        Assert.True((await Db.ListMoveBlockingAsync("empty", "d", ListSide.Left, ListSide.Left, TimeSpan.FromMilliseconds(50))).IsNull);
        Assert.Null(await Db.ListPopBlockingAsync(["empty"], ListSide.Left, TimeSpan.FromMilliseconds(50)));
        AssertMissing(Db, "d");
    }

    [ConformanceFact]
    public async Task Blocking_errors()
    {
        var negative = await Assert.ThrowsAnyAsync<RedisException>(() => Db.ListLeftPopBlockingAsync(["k"], TimeSpan.FromSeconds(-1)));
        Assert.Equal(ErrorMessages.TimeoutNegative, negative.Message);
        Db.StringSet("s", "v");
        var wrong = await Assert.ThrowsAnyAsync<RedisException>(() => Db.ListRightPopBlockingAsync(["none", "s"], LongWait));
        Assert.Equal(ErrorMessages.WrongType, wrong.Message);
        var numkeys = await Assert.ThrowsAnyAsync<RedisException>(() => Db.ListPopBlockingAsync([], ListSide.Left, LongWait));
        Assert.Equal(ErrorMessages.NumKeysNotPositive, numkeys.Message);
    }

    [ConformanceFact]
    public async Task Cancelling_a_blocked_call_ends_it()
    {
        using var cts = new CancellationTokenSource();
        var blocked = Db.ListLeftPopBlockingAsync(["never"], TimeSpan.Zero, cts.Token);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => blocked.WaitAsync(LongWait));
    }
}
