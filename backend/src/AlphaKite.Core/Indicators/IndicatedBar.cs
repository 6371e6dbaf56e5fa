using AlphaKite.Core.Market;

namespace AlphaKite.Core.Indicators;

/// <summary>A bar with the indicators stored beside it.</summary>
public sealed record IndicatedBar(Candle Candle, decimal? Sma9, decimal? Vwap);
