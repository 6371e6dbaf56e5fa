using AlphaKite.Core.Ticks;

namespace AlphaKite.Aws.Metrics;

/// <summary>The numbers one tick publishes.</summary>
/// <param name="DataPointsFetched">Candles the API returned (the no-data alarm watches its sum).</param>
/// <param name="RowsWritten">Equity plus indicator rows inserted or changed.</param>
/// <param name="UploadSucceeded">Every ticker's upsert committed (SupabaseUploadSuccess 1, else 0).</param>
/// <param name="TokenRefreshEvents">Refreshes during this invocation (not the process's running total).</param>
/// <param name="DataLag">How stale the stalest ticker's table is; null when no bar exists yet.</param>
/// <param name="RefreshTokenLifeLeft">Until a person must log in again; null when unknown.</param>
/// <param name="CloseOutSucceeded">On a close-out run only: whether it succeeded (CloseOutSuccess 1, else 0,
/// which the close-out alarm watches); null on minute runs, which publish no CloseOutSuccess.</param>
public sealed record TickMetrics(
    int DataPointsFetched,
    int RowsWritten,
    bool UploadSucceeded,
    TimeSpan Latency,
    int TokenRefreshEvents,
    TimeSpan? DataLag,
    TimeSpan? RefreshTokenLifeLeft,
    bool? CloseOutSucceeded = null)
{
    public static TickMetrics FromReport(TickReport report, TimeSpan latency, int tokenRefreshEvents)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new TickMetrics(
            report.CandlesFetched,
            report.EquityRowsWritten + report.IndicatorRowsWritten,
            report.Succeeded,
            latency,
            tokenRefreshEvents,
            report.MaxLag,
            report.RefreshTokenLifeLeft);
    }

    /// <summary>A tick that died before producing a report (token or configuration failure):
    /// nothing fetched, nothing written, so the no-data alarm and the upload metric both see it.</summary>
    public static TickMetrics Failed(TimeSpan latency, int tokenRefreshEvents, TimeSpan? refreshTokenLifeLeft) =>
        new(0, 0, false, latency, tokenRefreshEvents, null, refreshTokenLifeLeft);
}
