using AlphaKite.Core.Market;

namespace AlphaKite.Core.Calendar;

/// <summary>One regular session of the exchange: its New York date and its open/close instants.</summary>
public sealed record TradingSession(DateOnly Date, DateTimeOffset Open, DateTimeOffset Close, bool IsEarlyClose)
{
    /// <summary>Number of 1-minute bars a complete session has (390, or 210 on a 13:00 close).</summary>
    public int ExpectedBars => (int)(Close - Open).TotalMinutes;

    /// <summary>The last scheduled tick, one bar after the close: the 16:00 run (or one delayed up to a
    /// minute) stores the 15:59 bar.</summary>
    public DateTimeOffset LastTick => Close + Candle.Length;

    /// <summary>The session is live at <paramref name="now"/>: inside the tick window (open, close + 1 min].
    /// At the open itself no bar is complete yet.</summary>
    public bool IsLiveAt(DateTimeOffset now) => now > Open && now <= LastTick;

    /// <summary>The session and its last tick are over: what is missing then stays missing until a reload.</summary>
    public bool IsOverAt(DateTimeOffset now) => now > LastTick;

    /// <summary>Start instant of every minute bar of the session, in order.</summary>
    public IEnumerable<DateTimeOffset> BarStarts()
    {
        for (var t = Open; t < Close; t = t.AddMinutes(1))
        {
            yield return t;
        }
    }
}
