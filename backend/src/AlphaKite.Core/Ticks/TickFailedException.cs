namespace AlphaKite.Core.Ticks;

/// <summary>At least one ticker failed. Tickers that succeeded were written (each ticker is its own
/// transaction); the report says which failed and why, so the runner can still emit metrics. An
/// AggregateException of every failed ticker's exception (<see cref="AggregateException.InnerExceptions"/>,
/// the first also as <see cref="Exception.InnerException"/>), so type, stack and cause chain survive
/// wherever aggregates are reported (the Lambda error body's "causes").</summary>
public sealed class TickFailedException : AggregateException
{
    private readonly string _message;

    public TickFailedException(TickReport report)
        : this(report ?? throw new ArgumentNullException(nameof(report)), Describe(report))
    {
    }

    private TickFailedException(TickReport report, string message)
        : base(message, report.Tickers.Where(t => t.Cause is not null).Select(t => t.Cause!))
    {
        Report = report;
        _message = message;
    }

    public TickReport Report { get; }

    /// <summary>The summary alone: AggregateException would append every inner message again, and
    /// the summary already names each failed ticker and its error.</summary>
    public override string Message => _message;

    private static string Describe(TickReport report)
    {
        var failed = report.Tickers.Where(t => !t.Succeeded).ToList();
        return $"{failed.Count} of {report.Tickers.Count} tickers failed: "
            + string.Join("; ", failed.Select(t => $"{t.Ticker}: {t.Error}"));
    }
}
