namespace AlphaKite.Schwab.MarketData;

/// <summary>
/// Shared by every request to Schwab's market data API (retries included) so that all tickers
/// together never exceed <see cref="Limit"/> requests in any rolling 60 seconds. Schwab allows
/// about 120 per minute per app and answers 429 beyond that; the default keeps a margin.
/// </summary>
public sealed class RequestBudget
{
    public const int DefaultRequestsPerMinute = 110;

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly TimeProvider _time;
    private readonly Queue<DateTimeOffset> _granted = new();
    private readonly Lock _lock = new();

    /// <param name="requestsPerMinute">Most requests granted in any rolling minute.</param>
    /// <param name="time">The clock; tests pass a FakeTimeProvider.</param>
    public RequestBudget(int requestsPerMinute = DefaultRequestsPerMinute, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(requestsPerMinute, 1);
        Limit = requestsPerMinute;
        _time = time ?? TimeProvider.System;
    }

    public int Limit { get; }

    /// <summary>Waits until a request may be sent, then counts it as sent now.</summary>
    /// <returns>The instant the slot was granted (and counted).</returns>
    public async ValueTask<DateTimeOffset> AcquireAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            TimeSpan wait;
            lock (_lock)
            {
                var now = _time.GetUtcNow();
                while (_granted.Count > 0 && _granted.Peek() + Window <= now)
                {
                    _granted.Dequeue();
                }

                if (_granted.Count < Limit)
                {
                    _granted.Enqueue(now);
                    return now;
                }

                wait = _granted.Peek() + Window - now;
            }

            // Several waiters may wake for one freed slot; the loser simply waits again.
            await Task.Delay(wait, _time, cancellationToken);
        }
    }
}
