namespace RedisLite.Tests.Server;

/// <summary>
/// Blocking list commands on RedisLite's server alone, over raw connections: a blocked client is served by another
/// client's push with exactly Redis's reply, the connection keeps its order, a client that leaves while blocked is
/// released without consuming anything, and MULTI never blocks. (The replies were checked against redis-server 7.0.)
/// </summary>
public sealed class BlockingCommandTests : IClassFixture<RedisLiteServerFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly RedisLiteServerFixture _server;

    /// <summary>Starts each test on an empty server.</summary>
    /// <param name="server">This class's server.</param>
    public BlockingCommandTests(RedisLiteServerFixture server)
    {
        _server = server;
        using var wire = new RawWire(_server.Port);
        wire.Call("FLUSHALL");
    }

    /// <summary>A BLPOP waiting on two keys is served by a push to the second, from the head, and the push's reply is
    /// the length before serving, as in Redis.</summary>
    /// <param name="protocol">2 or 3.</param>
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Blpop_is_served_by_another_clients_push(int protocol)
    {
        using var blocked = Connect(protocol);
        using var other = Connect(protocol);
        blocked.Send("BLPOP", "k1", "k2", "0");
        WaitForBlocked(1);

        Assert.Equal(":2\r\n", other.Call("RPUSH", "k2", "x", "y"));
        Assert.Equal("*2\r\n$2\r\nk2\r\n$1\r\nx\r\n", blocked.ReadReply());
        WaitForBlocked(0);
        Assert.Equal("*1\r\n$1\r\ny\r\n", other.Call("LRANGE", "k2", "0", "-1"));
        Assert.Equal(":1\r\n", blocked.Call("LLEN", "k2"));
    }

    /// <summary>BRPOP with a timeout is served from the tail before the timeout.</summary>
    [Fact]
    public void Brpop_is_served_from_the_tail()
    {
        using var blocked = Connect(2);
        using var other = Connect(2);
        blocked.Send("BRPOP", "k", "30");
        WaitForBlocked(1);

        Assert.Equal(":3\r\n", other.Call("LPUSH", "k", "c", "b", "a"));
        Assert.Equal("*2\r\n$1\r\nk\r\n$1\r\nc\r\n", blocked.ReadReply());
        Assert.Equal(":2\r\n", other.Call("LLEN", "k"));
    }

    /// <summary>A BLMOVE wakes on a push to its source and its push in turn serves a BLPOP blocked on its destination.</summary>
    /// <param name="protocol">2 or 3.</param>
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Blmove_wakes_and_serves_the_next_waiter(int protocol)
    {
        using var mover = Connect(protocol);
        using var popper = Connect(protocol);
        using var other = Connect(protocol);
        mover.Send("BLMOVE", "src", "dst", "RIGHT", "LEFT", "0");
        WaitForBlocked(1);
        popper.Send("BLPOP", "dst", "0");
        WaitForBlocked(2);

        Assert.Equal(":2\r\n", other.Call("RPUSH", "src", "a", "b"));
        Assert.Equal("$1\r\nb\r\n", mover.ReadReply());
        Assert.Equal("*2\r\n$3\r\ndst\r\n$1\r\nb\r\n", popper.ReadReply());
        WaitForBlocked(0);
        Assert.Equal("*1\r\n$1\r\na\r\n", other.Call("LRANGE", "src", "0", "-1"));
        Assert.Equal(":0\r\n", other.Call("LLEN", "dst"));
    }

    /// <summary>BRPOPLPUSH and BLMPOP (with COUNT) are served as Redis serves them.</summary>
    /// <param name="protocol">2 or 3.</param>
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Brpoplpush_and_blmpop_are_served(int protocol)
    {
        using var mover = Connect(protocol);
        using var popper = Connect(protocol);
        using var other = Connect(protocol);
        mover.Send("BRPOPLPUSH", "a", "d", "0");
        popper.Send("BLMPOP", "0", "2", "x", "b", "RIGHT", "COUNT", "2");
        WaitForBlocked(2);

        Assert.Equal(":3\r\n", other.Call("RPUSH", "b", "1", "2", "3"));
        Assert.Equal("*2\r\n$1\r\nb\r\n*2\r\n$1\r\n3\r\n$1\r\n2\r\n", popper.ReadReply());
        Assert.Equal(":1\r\n", other.Call("RPUSH", "a", "m"));
        Assert.Equal("$1\r\nm\r\n", mover.ReadReply());
        Assert.Equal("*1\r\n$1\r\nm\r\n", other.Call("LRANGE", "d", "0", "-1"));
    }

    /// <summary>A BLMOVE woken towards a destination of the wrong type gets WRONGTYPE and moves nothing.</summary>
    [Fact]
    public void Blmove_woken_towards_a_wrong_type_gets_wrongtype()
    {
        using var mover = Connect(2);
        using var other = Connect(2);
        _server.Store.StringSet("dst", "v");
        mover.Send("BLMOVE", "src", "dst", "LEFT", "LEFT", "0");
        WaitForBlocked(1);

        Assert.Equal(":2\r\n", other.Call("RPUSH", "src", "x", "y"));
        Assert.Equal("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", mover.ReadReply());
        WaitForBlocked(0);
        Assert.Equal("*2\r\n$1\r\nx\r\n$1\r\ny\r\n", other.Call("LRANGE", "src", "0", "-1"));
        Assert.Equal("$1\r\nv\r\n", other.Call("GET", "dst"));
    }

    /// <summary>A push inside MULTI serves a blocked client only once the whole transaction has run, as in Redis: the
    /// transaction's own LPOP takes the head first.</summary>
    [Fact]
    public void A_transaction_serves_blocked_clients_after_it_ran()
    {
        using var blocked = Connect(2);
        using var other = Connect(2);
        blocked.Send("BLPOP", "k", "0");
        WaitForBlocked(1);

        Assert.Equal("+OK\r\n", other.Call("MULTI"));
        Assert.Equal("+QUEUED\r\n", other.Call("RPUSH", "k", "a", "b"));
        Assert.Equal("+QUEUED\r\n", other.Call("LPOP", "k"));
        Assert.Equal("*2\r\n:2\r\n$1\r\na\r\n", other.Call("EXEC"));
        Assert.Equal("*2\r\n$1\r\nk\r\n$1\r\nb\r\n", blocked.ReadReply());
        Assert.Equal("*0\r\n", other.Call("LRANGE", "k", "0", "-1"));
    }

    /// <summary>Clients blocked on one key are served in the order they blocked, one element each.</summary>
    [Fact]
    public void Waiters_are_served_first_come_first_served()
    {
        using var first = Connect(2);
        using var second = Connect(2);
        using var third = Connect(2);
        using var other = Connect(2);
        first.Send("BLPOP", "q", "0");
        WaitForBlocked(1);
        second.Send("BLPOP", "q", "0");
        WaitForBlocked(2);
        third.Send("BRPOP", "q", "0");
        WaitForBlocked(3);

        Assert.Equal(":2\r\n", other.Call("RPUSH", "q", "1", "2"));
        Assert.Equal("*2\r\n$1\r\nq\r\n$1\r\n1\r\n", first.ReadReply());
        Assert.Equal("*2\r\n$1\r\nq\r\n$1\r\n2\r\n", second.ReadReply());
        WaitForBlocked(1);
        Assert.Equal(":1\r\n", other.Call("LPUSH", "q", "3"));
        Assert.Equal("*2\r\n$1\r\nq\r\n$1\r\n3\r\n", third.ReadReply());
        WaitForBlocked(0);
    }

    /// <summary>A client that disconnects while blocked is released: nobody is left blocked, and a later push stays in
    /// the list.</summary>
    [Fact]
    public void A_blocked_client_that_disconnects_is_released()
    {
        using var other = Connect(2);
        var blocked = Connect(2);
        blocked.Send("BLPOP", "gone", "0");
        WaitForBlocked(1);
        Assert.Equal(1, _server.Store.BlockedCallCount);

        blocked.Dispose();
        WaitForBlocked(0);
        Assert.True(SpinWait.SpinUntil(() => _server.Store.BlockedCallCount == 0, Patience));
        Assert.Equal(":1\r\n", other.Call("LPUSH", "gone", "v"));
        Assert.Equal("*1\r\n$1\r\nv\r\n", other.Call("LRANGE", "gone", "0", "-1"));
    }

    /// <summary>Other clients keep working while one is blocked, and the blocked client's own pipelined commands run,
    /// in order, once it is served.</summary>
    [Fact]
    public void Other_clients_and_pipelined_commands_keep_working()
    {
        using var blocked = Connect(2);
        using var other = Connect(2);
        blocked.Send("BLPOP", "w", "0");
        blocked.Send("LLEN", "w");
        blocked.Send("PING");
        WaitForBlocked(1);

        Assert.Equal("+PONG\r\n", other.Call("PING"));
        Assert.Equal(":2\r\n", other.Call("RPUSH", "elsewhere", "a", "b"));
        Assert.Equal("*2\r\n$1\r\na\r\n$1\r\nb\r\n", other.Call("LRANGE", "elsewhere", "0", "-1"));
        Assert.Equal("*-1\r\n", other.Call("BLPOP", "empty", "0.01"));
        Assert.Equal(1, _server.Server.BlockedClients);

        Assert.Equal(":2\r\n", other.Call("RPUSH", "w", "1", "2"));
        Assert.Equal("*2\r\n$1\r\nw\r\n$1\r\n1\r\n", blocked.ReadReply());
        Assert.Equal(":1\r\n", blocked.ReadReply());
        Assert.Equal("+PONG\r\n", blocked.ReadReply());
        WaitForBlocked(0);
    }

    /// <summary>After a real timeout the client is no longer blocked; BLMOVE times out with the null array (RESP2), not
    /// the null bulk it answers inside MULTI.</summary>
    /// <param name="protocol">2 or 3.</param>
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Timeouts_release_the_client(int protocol)
    {
        using var client = Connect(protocol);
        var none = protocol == 3 ? "_\r\n" : "*-1\r\n";
        Assert.Equal(none, client.Call("BLPOP", "t", "0.02"));
        Assert.Equal(none, client.Call("BLMOVE", "t", "d", "LEFT", "LEFT", "0.02"));
        Assert.Equal(none, client.Call("BLMPOP", "0.02", "1", "t", "LEFT"));
        Assert.Equal(0, _server.Server.BlockedClients);
        Assert.Equal(0, _server.Store.BlockedCallCount);
        Assert.Equal(":1\r\n", client.Call("RPUSH", "t", "v"));
        Assert.Equal(":1\r\n", client.Call("LLEN", "t"));
    }

    /// <summary>Inside MULTI a blocking command on an empty key answers at once, as on a timeout (even with timeout 0).</summary>
    /// <param name="protocol">2 or 3.</param>
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void A_blocking_command_inside_multi_answers_at_once(int protocol)
    {
        using var client = Connect(protocol);
        Assert.Equal("+OK\r\n", client.Call("MULTI"));
        Assert.Equal("+QUEUED\r\n", client.Call("BLPOP", "m", "0"));
        Assert.Equal("+QUEUED\r\n", client.Call("BRPOPLPUSH", "m", "d", "0"));
        Assert.Equal("+QUEUED\r\n", client.Call("BLMPOP", "0", "1", "m", "LEFT"));
        Assert.Equal(protocol == 3 ? "*3\r\n_\r\n_\r\n_\r\n" : "*3\r\n*-1\r\n$-1\r\n*-1\r\n", client.Call("EXEC"));
        Assert.Equal(0, _server.Server.BlockedClients);
        Assert.Equal("+PONG\r\n", client.Call("PING"));
    }

    private RawWire Connect(int protocol)
    {
        var wire = new RawWire(_server.Port);
        if (protocol == 3)
        {
            wire.Call("HELLO", "3");
        }

        return wire;
    }

    private void WaitForBlocked(int count) =>
        Assert.True(SpinWait.SpinUntil(() => _server.Server.BlockedClients == count, Patience), $"expected {count} blocked clients, have {_server.Server.BlockedClients}");
}
