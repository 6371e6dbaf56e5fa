using System.Globalization;
using AlphaKite.Core.Ticks;

namespace AlphaKite.Cli.Local;

/// <summary>One human-readable line per ticker for a tick's report.</summary>
public static class TickSummary
{
    public static string Describe(TickReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Skipped)
        {
            return $"{report.Date:yyyy-MM-dd}: market is closed, nothing fetched";
        }

        return string.Join(Environment.NewLine, report.Tickers.Select(t => Describe(report, t)));
    }

    private static string Describe(TickReport report, TickerResult t)
    {
        if (!t.Succeeded)
        {
            return $"{report.Date:yyyy-MM-dd} {t.Ticker}: FAILED: {t.Error}";
        }

        var drops = t.Drops.Count == 0 ? "" : " dropped " + string.Join(", ", t.Drops.Select(d => $"{d.Key}={d.Value}"));
        var lag = t.Lag is { } l ? $", lag {l.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s" : "";
        return $"{report.Date:yyyy-MM-dd} {t.Ticker}: {t.SessionBars} bars, wrote {t.Written.EquityRows} equity + {t.Written.IndicatorRows} indicator rows"
            + $" ({t.CandlesFetched} candles fetched{lag}){drops}";
    }
}
