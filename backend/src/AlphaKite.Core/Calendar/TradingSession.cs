namespace AlphaKite.Core.Calendar;

/// <summary>One regular session of the exchange: its New York date and its open/close instants.</summary>
public sealed record TradingSession(DateOnly Date, DateTimeOffset Open, DateTimeOffset Close, bool IsEarlyClose)
{
    /// <summary>Number of 1-minute bars a complete session has (390, or 210 on a 13:00 close).</summary>
    public int ExpectedBars => (int)(Close - Open).TotalMinutes;

    /// <summary>Start instant of every minute bar of the session, in order.</summary>
    public IEnumerable<DateTimeOffset> BarStarts()
    {
        for (var t = Open; t < Close; t = t.AddMinutes(1))
        {
            yield return t;
        }
    }
}
