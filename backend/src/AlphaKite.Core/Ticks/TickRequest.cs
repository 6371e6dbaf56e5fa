namespace AlphaKite.Core.Ticks;

/// <summary>What one tick should do.</summary>
/// <param name="Tickers">Symbols to bring up to date.</param>
/// <param name="Date">Reload this past (or current) session instead of today's; null = today in New York.</param>
/// <param name="Force">Run even outside the session window (e.g. to heal a session after the close).</param>
public sealed record TickRequest(IReadOnlyList<string> Tickers, DateOnly? Date = null, bool Force = false);
