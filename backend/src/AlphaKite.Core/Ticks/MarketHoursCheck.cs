using AlphaKite.Core.Calendar;
using AlphaKite.Core.Ports;

namespace AlphaKite.Core.Ticks;

/// <summary>
/// Asks the exchange (Schwab's market-hours endpoint) about a New York date at most once per warm
/// process, and decides the day's session with <see cref="SessionAuthority"/>. A usable answer is
/// kept for the rest of the date (only the latest date is kept); a failure is kept for
/// <see cref="RetryAfterFailure"/>, so an outage costs one request per that interval, not one per
/// minute. Each ask is bounded by <see cref="Timeout"/> and by the caller's token (the invocation's
/// deadline); its requests come out of the market data client's request budget.
/// Thread-safe: concurrent ticks share one ask.
/// </summary>
public sealed class MarketHoursCheck(IMarketHours source, TimeProvider clock, TimeSpan? timeout = null, TimeSpan? retryAfterFailure = null)
{
    /// <summary>Longest wait for Schwab's market hours before the calendar decides: a small share of a
    /// minute's run, so a hung endpoint cannot cost the bars.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    /// <summary>How long a failed ask is remembered before the next tick asks again.</summary>
    public static readonly TimeSpan DefaultRetryAfterFailure = TimeSpan.FromMinutes(10);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private (DateOnly Date, ExchangeAnswer Answer, DateTimeOffset At)? _cached;

    public TimeSpan Timeout { get; } = timeout ?? DefaultTimeout;

    public TimeSpan RetryAfterFailure { get; } = retryAfterFailure ?? DefaultRetryAfterFailure;

    /// <summary>The session on <paramref name="date"/>, asking the exchange unless this process already knows its answer.</summary>
    /// <exception cref="OperationCanceledException">Only when <paramref name="cancellationToken"/> is cancelled;
    /// every other failure leaves the decision to the calendar.</exception>
    public async Task<SessionVerdict> DecideAsync(DateOnly date, TradingSession? calendar, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var now = clock.GetUtcNow();
            if (_cached is { } c && c.Date == date && (c.Answer.Answered || now < c.At + RetryAfterFailure))
            {
                return SessionAuthority.Decide(date, calendar, c.Answer);
            }

            var answer = await AskAsync(date, cancellationToken);
            _cached = (date, answer, now);
            return SessionAuthority.Decide(date, calendar, answer) with { AskedNow = true };
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<ExchangeAnswer> AskAsync(DateOnly date, CancellationToken cancellationToken)
    {
        // The timeout runs on the tick's clock, so tests drive it; the caller's token is the deadline.
        using var timeout = new CancellationTokenSource(Timeout, clock);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var session = await source.FetchEquitySessionAsync(date, bounded.Token);
            return session is null ? ExchangeAnswer.Closed : ExchangeAnswer.Open(session);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            return ExchangeAnswer.Unavailable($"Schwab's market hours did not answer within {Timeout.TotalSeconds:0.#} s", e);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Unreachable, an HTTP error, garbage, a token problem: the calendar decides this time;
            // a token problem that matters fails the tick at its own token step.
            return ExchangeAnswer.Unavailable(e.Message, e);
        }
    }
}
