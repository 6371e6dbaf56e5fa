using System.Globalization;
using AlphaKite.Aws.Logging;
using AlphaKite.Aws.Metrics;
using AlphaKite.Core.Calendar;
using AlphaKite.Core.Ports;
using AlphaKite.Core.Ticks;

namespace AlphaKite.Lambda;

/// <summary>
/// One invocation: parse the event, run the tick, publish metrics, log one summary line, answer.
/// A failed tick throws (after metrics and the summary), so Lambda counts an error and the Errors
/// alarm fires; returning a 500-shaped body would look like success to Lambda.
/// `alphakite invoke` runs this same class in-process.
/// </summary>
public sealed class Handler
{
    /// <summary>Warn in the log when a person must log in to Schwab within this time.</summary>
    public static readonly TimeSpan RefreshTokenWarning = TimeSpan.FromHours(72);

    private readonly Tick _tick;
    private readonly IAccessTokenProvider _tokens;
    private readonly IReadOnlyList<string> _defaultTickers;
    private readonly EmfMetrics _metrics;
    private readonly TimeProvider _clock;
    private readonly string _functionName;
    private int _refreshesSeen;

    /// <param name="tokens">The provider the tick uses; its cumulative refresh count becomes a per-invocation metric.</param>
    /// <param name="defaultTickers">ALPHAKITE_TICKERS, for events that name none.</param>
    public Handler(Tick tick, IAccessTokenProvider tokens, IReadOnlyList<string> defaultTickers, EmfMetrics metrics, TimeProvider clock, string functionName)
    {
        _tick = tick ?? throw new ArgumentNullException(nameof(tick));
        _tokens = tokens ?? throw new ArgumentNullException(nameof(tokens));
        _defaultTickers = defaultTickers ?? throw new ArgumentNullException(nameof(defaultTickers));
        _metrics = metrics ?? throw new ArgumentNullException(nameof(metrics));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _functionName = functionName ?? "";
        _refreshesSeen = tokens.RefreshCount;
    }

    /// <param name="log">The invocation's log (stamped with its request id).</param>
    /// <returns>The response JSON (see <see cref="LambdaResponse"/>).</returns>
    public async Task<string> HandleAsync(string eventJson, string requestId, JsonLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        var request = InvocationEvent.Parse(eventJson, _defaultTickers, NewYork.Date(_clock.GetUtcNow()));
        var started = _clock.GetTimestamp();
        TickReport report;
        try
        {
            report = await _tick.RunAsync(request, cancellationToken);
        }
        catch (TickFailedException e)
        {
            ReportSessionCheck(e.Report, request, requestId, log);
            Publish(TickMetrics.FromReport(e.Report, _clock.GetElapsedTime(started), TakeRefreshes()), request, requestId);
            log.Error("tick failed", Summary(e.Report, request, e));
            throw;
        }
        catch (Exception e)
        {
            // Died before any ticker ran (token refresh, cancellation at the deadline): still a
            // failed session minute for the alarms.
            Publish(TickMetrics.Failed(_clock.GetElapsedTime(started), TakeRefreshes(), _tokens.RefreshTokenLifeLeft), request, requestId);
            log.Error("tick failed", new LogField("tickers", request.Tickers), new LogField("date", request.Date), new LogField("force", request.Force), new LogField("error", e));
            throw;
        }

        ReportSessionCheck(report, request, requestId, log);
        if (report.Skipped)
        {
            log.Info("market is closed", Summary(report, request, null));
            return LambdaResponse.Closed();
        }

        Publish(TickMetrics.FromReport(report, _clock.GetElapsedTime(started), TakeRefreshes()), request, requestId);
        log.Info("tick succeeded", Summary(report, request, null));
        if (report.RefreshTokenLifeLeft < RefreshTokenWarning)
        {
            log.Warn("the Schwab refresh token expires soon: run `alphakite auth` and upload the new token file",
                new LogField("refreshTokenHoursLeft", Math.Round(report.RefreshTokenLifeLeft.Value.TotalHours, 1)));
        }

        return LambdaResponse.Success(report);
    }

    private void ReportSessionCheck(TickReport report, TickRequest request, string requestId, JsonLog log) =>
        SessionCheckLog.Report(report.SessionCheck, log, disagree => _metrics.WriteCalendarDisagreements(disagree, _clock.GetUtcNow(), Context(request, requestId)));

    private int TakeRefreshes()
    {
        var total = _tokens.RefreshCount;
        return total - Interlocked.Exchange(ref _refreshesSeen, total);
    }

    // A close-out also publishes CloseOutSuccess (1 on success, 0 on any failure): the close-out
    // runs once a day, so the errors alarm (three failing periods in a row) never sees it fail.
    private void Publish(TickMetrics metrics, TickRequest request, string requestId) =>
        _metrics.Write(metrics with { CloseOutSucceeded = request.CloseOut ? metrics.UploadSucceeded : null }, _clock.GetUtcNow(), Context(request, requestId));

    private KeyValuePair<string, string>[] Context(TickRequest request, string requestId) =>
        [
            new("function", _functionName),
            new("requestId", requestId),
            new("tickers", string.Join(',', request.Tickers)),
            new("date", request.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? NewYork.Date(_clock.GetUtcNow()).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        ];

    private static LogField[] Summary(TickReport report, TickRequest request, Exception? error) =>
    [
        new("tickers", report.Tickers.Count > 0 ? report.Tickers.Select(t => t.Ticker) : request.Tickers),
        new("date", report.Date),
        new("force", request.Force),
        new("closeout", request.CloseOut),
        new("skipped", report.Skipped),
        new("sessionFrom", report.SessionCheck?.Source),
        new("candles", report.CandlesFetched),
        new("bars", report.SessionBars),
        new("equityRows", report.EquityRowsWritten),
        new("indicatorRows", report.IndicatorRowsWritten),
        new("lagSeconds", report.MaxLag is { } lag ? Math.Round(lag.TotalSeconds, 1) : null),
        new("refreshTokenHoursLeft", report.RefreshTokenLifeLeft is { } left ? Math.Round(left.TotalHours, 1) : null),
        new("elapsedMs", report.Elapsed),
        new("failures", report.Tickers.Where(t => !t.Succeeded).Select(t => $"{t.Ticker}: {t.Error}")),
        new("error", error),
    ];
}
