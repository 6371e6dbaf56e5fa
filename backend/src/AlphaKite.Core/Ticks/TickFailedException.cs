using System.Collections.ObjectModel;

namespace AlphaKite.Core.Ticks;

/// <summary>At least one ticker failed. Tickers that succeeded were written (each ticker is its own
/// transaction); the report says which failed and why, so the runner can still emit metrics. Like an
/// AggregateException it keeps every failed ticker's exception (<see cref="InnerExceptions"/>, the
/// first also as <see cref="Exception.InnerException"/>), so type, stack and cause chain survive.</summary>
public sealed class TickFailedException : Exception
{
    public TickFailedException(TickReport report)
        : this(report ?? throw new ArgumentNullException(nameof(report)), [.. report.Tickers.Where(t => t.Cause is not null).Select(t => t.Cause!)])
    {
    }

    private TickFailedException(TickReport report, Exception[] causes)
        : base(Describe(report), causes.FirstOrDefault())
    {
        Report = report;
        InnerExceptions = new ReadOnlyCollection<Exception>(causes);
    }

    public TickReport Report { get; }

    /// <summary>Each failed ticker's exception, in ticker order.</summary>
    public ReadOnlyCollection<Exception> InnerExceptions { get; }

    private static string Describe(TickReport report)
    {
        var failed = report.Tickers.Where(t => !t.Succeeded).ToList();
        return $"{failed.Count} of {report.Tickers.Count} tickers failed: "
            + string.Join("; ", failed.Select(t => $"{t.Ticker}: {t.Error}"));
    }
}
