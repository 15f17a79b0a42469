namespace RedisLite.Tests.Infrastructure;

/// <summary>
/// A deterministic <see cref="TimeProvider"/> for tests. Time stands still until <see cref="Advance"/> or
/// <see cref="SetUtcNow"/> moves it forward; timers created through it fire synchronously, on the thread that moves
/// the clock, in due-time order, each seeing <see cref="GetUtcNow"/> equal to its due time.
/// </summary>
/// <remarks>
/// Thread-safe. Time never moves backwards. A timer whose due time is already reached when it is created or changed
/// fires at the next <see cref="Advance"/> (even <c>Advance(TimeSpan.Zero)</c>), never inside <c>CreateTimer</c>,
/// so a component can finish constructing itself before its first callback.
/// </remarks>
public sealed class FakeTimeProvider : TimeProvider
{
    private readonly object _gate = new();

    // Serializes clock moves so timer callbacks run one at a time and in order. Monitor is re-entrant, so a callback
    // may itself move the clock.
    private readonly object _advanceGate = new();
    private readonly List<FakeTimer> _timers = [];
    private DateTimeOffset _now;
    private long _sequence;

    /// <summary>Creates a clock set to 2026-01-01T00:00:00Z.</summary>
    public FakeTimeProvider()
        : this(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero))
    {
    }

    /// <summary>Creates a clock set to <paramref name="start"/>.</summary>
    /// <param name="start">The initial time.</param>
    public FakeTimeProvider(DateTimeOffset start)
    {
        _now = start.ToUniversalTime();
        Start = _now;
    }

    /// <summary>Gets the time the clock was created with.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>Gets how many timers are currently scheduled (created, not disposed, with a finite due time).</summary>
    public int ActiveTimerCount
    {
        get
        {
            lock (_gate)
            {
                return _timers.Count(t => t.DueAt is not null);
            }
        }
    }

    /// <summary>Gets how many timers exist (created and not disposed), scheduled or not.</summary>
    public int TimerCount
    {
        get
        {
            lock (_gate)
            {
                return _timers.Count;
            }
        }
    }

    /// <summary>Gets the periods of the timers that exist, for assertions on how a component set them up.</summary>
    public IReadOnlyList<TimeSpan> TimerPeriods
    {
        get
        {
            lock (_gate)
            {
                return _timers.Select(t => t.Period).ToArray();
            }
        }
    }

    /// <inheritdoc/>
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <inheritdoc/>
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    /// <inheritdoc/>
    public override long GetTimestamp()
    {
        lock (_gate)
        {
            return _now.UtcTicks;
        }
    }

    /// <summary>Moves the clock forward by <paramref name="delta"/>, firing every timer that falls due on the way.</summary>
    /// <param name="delta">How far to move; must not be negative.</param>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        lock (_advanceGate)
        {
            MoveTo(GetUtcNow() + delta);
        }
    }

    /// <summary>Moves the clock forward by <paramref name="milliseconds"/> milliseconds.</summary>
    /// <param name="milliseconds">How far to move; must not be negative.</param>
    public void AdvanceMilliseconds(long milliseconds) => Advance(TimeSpan.FromMilliseconds(milliseconds));

    /// <summary>Sets the clock to <paramref name="value"/>, firing every timer that falls due on the way.</summary>
    /// <param name="value">The new time; must not be earlier than the current time.</param>
    public void SetUtcNow(DateTimeOffset value)
    {
        lock (_advanceGate)
        {
            if (value < GetUtcNow())
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "The fake clock cannot move backwards.");
            }

            MoveTo(value.ToUniversalTime());
        }
    }

    /// <inheritdoc/>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new FakeTimer(this, callback, state);
        lock (_gate)
        {
            _timers.Add(timer);
            timer.Schedule(_now, dueTime, period, ++_sequence);
        }

        return timer;
    }

    private void MoveTo(DateTimeOffset target)
    {
        while (true)
        {
            FakeTimer? next = null;
            lock (_gate)
            {
                foreach (var t in _timers)
                {
                    if (t.DueAt is { } due && due <= target &&
                        (next is null || due < next.DueAt || (due == next.DueAt && t.Order < next.Order)))
                    {
                        next = t;
                    }
                }

                if (next is null)
                {
                    _now = target;
                    return;
                }

                var dueAt = next.DueAt!.Value;
                if (dueAt > _now)
                {
                    _now = dueAt;
                }

                // Reschedule before firing, as a real periodic timer would: the next tick is one period after this one.
                if (next.Period > TimeSpan.Zero && next.Period != Timeout.InfiniteTimeSpan)
                {
                    next.DueAt = dueAt + next.Period;
                    next.Order = ++_sequence;
                }
                else
                {
                    next.DueAt = null;
                }
            }

            next.Fire();
        }
    }

    private sealed class FakeTimer(FakeTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        private bool _disposed;

        // Guarded by owner._gate.
        public DateTimeOffset? DueAt { get; set; }

        public TimeSpan Period { get; private set; }

        public long Order { get; set; }

        public void Schedule(DateTimeOffset now, TimeSpan dueTime, TimeSpan period, long order)
        {
            ValidateSpan(dueTime, nameof(dueTime));
            ValidateSpan(period, nameof(period));
            Period = period;
            Order = order;
            DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : now + dueTime;
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._gate)
            {
                if (_disposed)
                {
                    return false;
                }

                Schedule(owner._now, dueTime, period, ++owner._sequence);
                return true;
            }
        }

        public void Fire()
        {
            lock (owner._gate)
            {
                if (_disposed)
                {
                    return;
                }
            }

            callback(state);
        }

        public void Dispose()
        {
            lock (owner._gate)
            {
                if (_disposed)
                {
                    return;
                }

                _disposed = true;
                DueAt = null;
                owner._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }

        private static void ValidateSpan(TimeSpan span, string name)
        {
            if (span < TimeSpan.Zero && span != Timeout.InfiniteTimeSpan)
            {
                throw new ArgumentOutOfRangeException(name, span, "Must be non-negative or Timeout.InfiniteTimeSpan.");
            }
        }
    }
}
