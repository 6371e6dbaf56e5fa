namespace AlphaKite.Core.Ticks;

/// <summary>At least one ticker failed. Tickers that succeeded were written (each ticker is its own
/// transaction); the report says which failed and why, so the runner can still emit metrics.</summary>
public sealed class TickFailedException(TickReport report)
    : Exception(Describe(report))
{
    public TickReport Report { get; } = report;

    private static string Describe(TickReport report)
    {
        var failed = report.Tickers.Where(t => !t.Succeeded).ToList();
        return $"{failed.Count} of {report.Tickers.Count} tickers failed: "
            + string.Join("; ", failed.Select(t => $"{t.Ticker}: {t.Error}"));
    }
}
