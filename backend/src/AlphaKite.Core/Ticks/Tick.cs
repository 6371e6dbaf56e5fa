using AlphaKite.Core.Calendar;
using AlphaKite.Core.Indicators;
using AlphaKite.Core.Market;
using AlphaKite.Core.Ports;

namespace AlphaKite.Core.Ticks;

/// <summary>
/// The one use case: for each ticker, bring the store up to date with every completed bar of the
/// session and its indicators. It knows nothing of the runner (Lambda, CLI, demo): the clock, the
/// market data, the token provider and the store come from the composition root.
/// </summary>
public sealed class Tick(
    TimeProvider clock,
    NyseCalendar calendar,
    IAccessTokenProvider tokens,
    IMarketData marketData,
    IBarStore store,
    TickOptions? options = null,
    MarketHoursCheck? marketHours = null)
{
    private readonly TickOptions _options = options ?? TickOptions.Default;

    public async Task<TickReport> RunAsync(TickRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = clock.GetTimestamp();
        var now = clock.GetUtcNow();
        var today = NewYork.Date(now);
        var date = request.Date ?? today;
        var verdict = await DecideSessionAsync(date, today, cancellationToken);
        var session = verdict.Session;
        if (session is null || !ShouldRun(request, session, now))
        {
            return new TickReport(date, session, Skipped: true, [], clock.GetElapsedTime(started), tokens.RefreshCount, tokens.RefreshTokenLifeLeft, verdict);
        }

        // One refresh up front, so concurrent tickers share a fresh token instead of racing to refresh.
        await tokens.GetAccessTokenAsync(cancellationToken);

        var previous = calendar.PreviousSession(date);
        // Lag means "how far behind live": undefined when reloading, the close-out included.
        var live = !request.CloseOut && session.IsLiveAt(now);
        var results = new TickerResult?[request.Tickers.Count];
        try
        {
            await Parallel.ForEachAsync(
                Enumerable.Range(0, request.Tickers.Count),
                new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrentTickers, CancellationToken = cancellationToken },
                async (i, ct) => results[i] = await RunTickerAsync(request.Tickers[i], previous, session, now, live, ct));
        }
        catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped (the invocation's deadline): the tickers that ran keep what they really
            // fetched and wrote, so the metrics and the summary say so; the rest never started.
            for (var i = 0; i < results.Length; i++)
            {
                results[i] ??= Failed(request.Tickers[i], 0, e);
            }
        }

        var report = new TickReport(date, session, Skipped: false, [.. results.Select(r => r!)], clock.GetElapsedTime(started), tokens.RefreshCount, tokens.RefreshTokenLifeLeft, verdict);
        return report.Succeeded ? report : throw new TickFailedException(report);
    }

    /// <summary>
    /// Today's session is the exchange's word when it gives a usable one (asked once per date per
    /// process, before any bar is fetched); a past date (a reload, a backfill) is the calendar's:
    /// the market-hours endpoint is about today and the future, and past closures are in the calendar.
    /// </summary>
    private Task<SessionVerdict> DecideSessionAsync(DateOnly date, DateOnly today, CancellationToken cancellationToken)
    {
        var byCalendar = calendar.SessionOn(date);
        return marketHours is not null && date == today
            ? marketHours.DecideAsync(date, byCalendar, cancellationToken)
            : Task.FromResult(SessionAuthority.Decide(date, byCalendar, null));
    }

    /// <summary>
    /// Whether a request runs at <paramref name="now"/>: a scheduled minute only inside the window, a
    /// reload of a date (or a forced run) always, and the close-out once the session has closed: at
    /// the close the 15:59 bar (12:59 on an early close) is final, so the close-out reloads the whole
    /// day and heals what a failed last run left out.
    /// </summary>
    public static bool ShouldRun(TickRequest request, TradingSession session, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(session);
        return request.CloseOut ? now >= session.Close : request.Date is not null || request.Force || session.IsLiveAt(now);
    }

    private async Task<TickerResult> RunTickerAsync(
        string ticker, TradingSession previous, TradingSession session, DateTimeOffset now, bool live, CancellationToken cancellationToken)
    {
        IReadOnlyList<Candle> fetched = [];
        try
        {
            // From the previous session's open: SMA9 at today's open needs its last 8 bars, and an
            // illiquid ticker may have traded only a few times near yesterday's close.
            var to = now < session.Close ? now : session.Close;
            fetched = await marketData.FetchCandlesAsync(ticker, previous.Open, to, cancellationToken);
            var (history, bars, drops) = Split(fetched, previous, session, now);
            var indicated = SessionIndicators.Compute(history, bars);
            var written = await store.UpsertAsync(ticker, indicated, cancellationToken);
            DateTimeOffset? latest = bars.Count > 0 ? bars[^1].Start : null;
            var lag = live ? now - (latest + Candle.Length) : null;
            return new TickerResult(ticker, fetched.Count, bars.Count, written, latest, lag, drops);
        }
        catch (Exception e)
        {
            // One ticker's failure must not cost the others their minute; the tick still fails as a
            // whole. A cancellation is a failure too, and keeps the count of what was fetched.
            return Failed(ticker, fetched.Count, e);
        }
    }

    private static TickerResult Failed(string ticker, int fetched, Exception cause) =>
        new(ticker, fetched, 0, WriteResult.None, null, null, new Dictionary<DropReason, int>(),
            cause is OperationCanceledException ? $"stopped before it finished (the invocation's deadline, or a stop): {cause.Message}" : cause.Message,
            cause);

    private (List<Candle> History, List<Candle> Session, Dictionary<DropReason, int> Drops) Split(
        IReadOnlyList<Candle> fetched, TradingSession previous, TradingSession session, DateTimeOffset now)
    {
        var cleaned = CandleCleaner.Clean(fetched, previous.Open, session.Close, now, _options.FinalityLag);
        var drops = new Dictionary<DropReason, int>(cleaned.Drops);
        var history = new List<Candle>();
        var bars = new List<Candle>();
        foreach (var candle in cleaned.Candles)
        {
            if (candle.Start >= previous.Open && candle.Start < previous.Close)
            {
                history.Add(candle);
            }
            else if (candle.Start >= session.Open)
            {
                bars.Add(candle);
            }
            else
            {
                // Between the sessions: extended hours, or a day Schwab returned that we did not ask for.
                drops[DropReason.OutsideWindow] = drops.GetValueOrDefault(DropReason.OutsideWindow) + 1;
            }
        }

        return (history, bars, drops);
    }
}
