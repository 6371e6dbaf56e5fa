namespace AlphaKite.Core.Calendar;

/// <summary>What the exchange (Schwab's market-hours endpoint) said about one New York date.</summary>
/// <param name="Session">Its regular session; null when it said closed, or when it did not answer.</param>
/// <param name="Failure">Why there is no usable answer (unreachable, an error, garbage); null when it answered.</param>
/// <param name="Cause">The exception behind <paramref name="Failure"/>, when there was one.</param>
public sealed record ExchangeAnswer(TradingSession? Session, string? Failure = null, Exception? Cause = null)
{
    public static ExchangeAnswer Closed { get; } = new(Session: null);

    public static ExchangeAnswer Open(TradingSession session) => new(session ?? throw new ArgumentNullException(nameof(session)));

    public static ExchangeAnswer Unavailable(string failure, Exception? cause = null) => new(null, failure, cause);

    public bool Answered => Failure is null;
}
