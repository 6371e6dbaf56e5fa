using AlphaKite.Core.Calendar;

namespace AlphaKite.Core.Ports;

/// <summary>The exchange's own word on a day's regular session (Schwab's market-hours endpoint).</summary>
public interface IMarketHours
{
    /// <summary>The regular equity session on <paramref name="date"/> (a New York date); null when the market is closed.
    /// Throws when the source cannot answer or answers something unusable.</summary>
    Task<TradingSession?> FetchEquitySessionAsync(DateOnly date, CancellationToken cancellationToken);
}
