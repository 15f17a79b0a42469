namespace RedisLite.Tests.Client;

/// <summary>
/// Runs client calls on a dedicated thread and waits for them with a time limit, so a client that hangs fails the
/// test instead of hanging the run. Dedicated threads (not the thread pool) keep many blocking callers from starving
/// the pool on small machines.
/// </summary>
internal static class Bounded
{
    /// <summary>
    /// The limit used when a test gives none. It detects hangs; it is not a performance assertion: run alone, every
    /// call guarded by it finishes in well under a second, but when the whole test project runs, other classes load
    /// both the CPU and the thread pool (which the client's connect depends on), and a tight limit would be flaky.
    /// </summary>
    public static readonly TimeSpan DefaultLimit = TimeSpan.FromSeconds(10);

    /// <summary>Starts <paramref name="action"/> on its own thread.</summary>
    public static Task Start(Action action) =>
        Task.Factory.StartNew(action, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>Starts <paramref name="func"/> on its own thread.</summary>
    public static Task<T> Start<T>(Func<T> func) =>
        Task.Factory.StartNew(func, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>Runs <paramref name="func"/> and returns its result; fails if it takes longer than <paramref name="limit"/>.</summary>
    public static T Run<T>(Func<T> func, TimeSpan? limit = null)
    {
        var task = Start(func);
        Complete(task, limit ?? DefaultLimit);
        return task.GetAwaiter().GetResult();
    }

    /// <summary>Runs <paramref name="action"/>; fails if it takes longer than <paramref name="limit"/>.</summary>
    public static void Run(Action action, TimeSpan? limit = null)
    {
        var task = Start(action);
        Complete(task, limit ?? DefaultLimit);
        task.GetAwaiter().GetResult();
    }

    /// <summary>Runs <paramref name="action"/> and returns what it threw (null if nothing); fails if it takes longer than <paramref name="limit"/>.</summary>
    public static Exception? Capture(Action action, TimeSpan? limit = null)
    {
        var task = Start(action);
        Complete(task, limit ?? DefaultLimit);
        return task.Exception?.InnerException;
    }

    /// <summary>Runs <paramref name="action"/> and asserts it throws exactly <typeparamref name="T"/> within <paramref name="limit"/>.</summary>
    public static T Throws<T>(Action action, TimeSpan? limit = null)
        where T : Exception
    {
        var error = Capture(action, limit);
        Assert.NotNull(error);
        return Assert.IsType<T>(error);
    }

    /// <summary>Waits for all <paramref name="tasks"/>; fails if they do not finish within <paramref name="limit"/>, rethrows the first failure.</summary>
    public static void WaitAll(IReadOnlyCollection<Task> tasks, TimeSpan? limit = null)
    {
        var all = Task.WhenAll(tasks);
        Complete(all, limit ?? DefaultLimit);
        all.GetAwaiter().GetResult();
    }

    /// <summary>Waits for all <paramref name="tasks"/> and returns their results in order; fails if they do not finish within <paramref name="limit"/>.</summary>
    public static T[] Results<T>(IReadOnlyCollection<Task<T>> tasks, TimeSpan? limit = null)
    {
        var all = Task.WhenAll(tasks);
        Complete(all, limit ?? DefaultLimit);
        return all.GetAwaiter().GetResult();
    }

    private static void Complete(Task task, TimeSpan limit)
    {
        try
        {
            Assert.True(task.Wait(limit), $"The call did not finish within {limit.TotalMilliseconds} ms.");
        }
        catch (AggregateException)
        {
            // Finished by failing: the caller inspects or rethrows the failure.
        }
    }
}
