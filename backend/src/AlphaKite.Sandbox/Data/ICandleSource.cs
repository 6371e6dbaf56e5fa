using AlphaKite.Core.Market;

namespace AlphaKite.Sandbox.Data;

/// <summary>Where the sandbox's bars come from: the synthetic market or a replay file.</summary>
public interface ICandleSource
{
    /// <summary>
    /// Bars of <paramref name="symbol"/> starting in [<paramref name="from"/>, <paramref name="to"/>],
    /// as the market knew them at <paramref name="now"/> (nothing starting at or after now), in time order.
    /// </summary>
    IReadOnlyList<Candle> Candles(string symbol, DateTimeOffset from, DateTimeOffset to, DateTimeOffset now, bool extendedHours);

    /// <summary>The last regular-session close before <paramref name="before"/>'s session day, for needPreviousClose.</summary>
    (decimal Close, DateOnly Date)? PreviousClose(string symbol, DateTimeOffset before);
}
