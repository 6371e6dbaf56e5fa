namespace AlphaKite.Core.Ports;

/// <summary>The market data source failed in a way the caller should report (not a programming error).</summary>
public class MarketDataException(string message, Exception? inner = null) : Exception(message, inner);
