namespace AlphaKite.Core.Market;

/// <summary>One 1-minute bar. <paramref name="Start"/> is the bar's first instant (UTC), as Schwab stamps it.</summary>
public sealed record Candle(DateTimeOffset Start, decimal Open, decimal High, decimal Low, decimal Close, long Volume)
{
    public static readonly TimeSpan Length = TimeSpan.FromMinutes(1);

    public DateTimeOffset End => Start + Length;
}
