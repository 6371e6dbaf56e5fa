namespace AlphaKite.Core.Ticks;

/// <summary>What one tick should do.</summary>
/// <param name="Tickers">Symbols to bring up to date.</param>
/// <param name="Date">Reload this past (or current) session instead of today's; null = today in New York.</param>
/// <param name="Force">Run even outside the session window (e.g. to heal a session after the close).</param>
/// <param name="CloseOut">The close-out run after the session: reload today's session once it has
/// closed (full or early close), so a failed last run cannot lose the day's last bar. Before the
/// close, and on days without a session, it is skipped like any run outside the window.</param>
public sealed record TickRequest(IReadOnlyList<string> Tickers, DateOnly? Date = null, bool Force = false, bool CloseOut = false);
