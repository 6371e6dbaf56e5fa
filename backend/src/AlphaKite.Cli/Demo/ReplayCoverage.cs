using System.Globalization;
using AlphaKite.Core.Calendar;
using AlphaKite.Sandbox.Data;

namespace AlphaKite.Cli.Demo;

/// <summary>
/// A replay file must hold the chosen session for every ticker: otherwise the demo would tick a
/// whole day against nothing, write 0 bars and an empty chart.
/// </summary>
public static class ReplayCoverage
{
    /// <exception cref="UsageException">A ticker has no bars on <paramref name="date"/>; the message lists the dates the file covers.</exception>
    public static void Require(string file, IReadOnlyList<string> tickers, DateOnly date, Func<DateOnly, TradingSession?> sessions)
    {
        ArgumentNullException.ThrowIfNull(tickers);
        var market = ReplayMarket.Load(file, sessions);
        var missing = tickers.Where(t => !market.SessionDates(t).Contains(date)).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var covers = market.Symbols.Select(s => (Symbol: s, Dates: market.SessionDates(s))).Where(s => s.Dates.Count > 0).ToList();
        var coverage = covers.Count == 0
            ? "it holds no bars inside a regular session"
            : "it covers " + string.Join("; ", covers.Select(s => $"{s.Symbol} {Describe(s.Dates)}"));
        throw new UsageException(
            $"--replay {file} has no {string.Join(", ", missing)} bars on {date:yyyy-MM-dd}: {coverage}. Pick a covered --date (and --tickers).");
    }

    private static string Describe(IReadOnlyList<DateOnly> dates) =>
        dates.Count <= 5
            ? string.Join(", ", dates.Select(Text))
            : $"{Text(dates[0])} to {Text(dates[^1])} ({dates.Count} sessions)";

    private static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
