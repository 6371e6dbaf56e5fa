using System.Globalization;
using AlphaKite.Core.Calendar;
using AlphaKite.Core.Ticks;

namespace AlphaKite.Cli.Local;

/// <summary>One human-readable line per ticker for a tick's report.</summary>
public static class TickSummary
{
    public static string Describe(TickReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var note = SessionNote(report.SessionCheck);
        var lines = report.Skipped
            ? $"{report.Date:yyyy-MM-dd}: market is closed, nothing fetched"
            : string.Join(Environment.NewLine, report.Tickers.Select(t => Describe(report, t)));
        return note is null ? lines : note + Environment.NewLine + lines;
    }

    /// <summary>What Schwab's market hours changed, on the tick that asked (once per day).</summary>
    private static string? SessionNote(SessionVerdict? check) => check switch
    {
        { AskedNow: true, Unusable: { } why } =>
            $"warning: could not use Schwab's market hours for {check.Date:yyyy-MM-dd} ({why}); the NYSE calendar decides ({SessionAuthority.Describe(check.Calendar)}).",
        { AskedNow: true, Disagrees: true } =>
            $"warning: Schwab's market hours for {check.Date:yyyy-MM-dd} say {SessionAuthority.Describe(check.Exchange?.Session)}, the NYSE calendar says {SessionAuthority.Describe(check.Calendar)}; using Schwab's.",
        _ => null,
    };

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
