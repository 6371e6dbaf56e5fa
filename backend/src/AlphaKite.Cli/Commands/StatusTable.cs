using System.Globalization;
using System.Text;
using AlphaKite.Core.Calendar;
using AlphaKite.Core.Status;

namespace AlphaKite.Cli.Commands;

/// <summary>Plain-text table for <c>alphakite status</c> (stable for scripts and logs: no colours, fixed columns).</summary>
internal static class StatusTable
{
    public static string Render(IReadOnlyList<SessionStatus> statuses)
    {
        var text = new StringBuilder();
        var line = "{0,-8} {1,-10} {2,-9} {3,-30} {4,-11} {5,-8} {6,-9} {7,-9}\n";
        text.AppendFormat(CultureInfo.InvariantCulture, line, "ticker", "session", "bars", "missing (New York time)", "latest (NY)", "age", "sma9", "vwap");
        foreach (var s in statuses)
        {
            text.AppendFormat(
                CultureInfo.InvariantCulture,
                line,
                s.Ticker,
                s.Session.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                $"{s.BarsStored}/{s.ExpectedBars}",
                Missing(s.Missing),
                s.LatestBar is { } latest ? NewYork.Clock(latest) : "none",
                s.LatestBar is null ? "-" : Age(s.Age),
                $"{s.Sma9Rows}/{s.BarsStored}",
                $"{s.VwapRows}/{s.BarsStored}");
        }

        return text.ToString();
    }

    private static string Missing(IReadOnlyList<MinuteRange> missing)
    {
        if (missing.Count == 0)
        {
            return "-";
        }

        var minutes = missing.Sum(m => m.Minutes);
        var shown = string.Join(",", missing.Take(2));
        return missing.Count > 2 ? $"{minutes} min: {shown},..." : $"{minutes} min: {shown}";
    }

    private static string Age(TimeSpan age) => age.TotalSeconds switch
    {
        < 0 => "0s",
        < 120 => $"{(int)age.TotalSeconds}s",
        < 7200 => $"{(int)age.TotalMinutes}m",
        < 172_800 => $"{(int)age.TotalHours}h",
        _ => $"{(int)age.TotalDays}d",
    };
}
