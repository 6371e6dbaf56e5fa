using AlphaKite.Core.Market;

namespace AlphaKite.Core.Ports;

/// <summary>Source of 1-minute regular-session candles (Schwab, or the sandbox through the same client).</summary>
public interface IMarketData
{
    /// <summary>Candles whose start lies in [from, to], as the API returned them (uncleaned).
    /// Throws <see cref="MarketDataException"/> when the API cannot answer.</summary>
    Task<IReadOnlyList<Candle>> FetchCandlesAsync(string ticker, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}
