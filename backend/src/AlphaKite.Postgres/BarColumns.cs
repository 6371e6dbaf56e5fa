using AlphaKite.Core.Indicators;

namespace AlphaKite.Postgres;

/// <summary>Bars turned inside out into one array per column, the shape <c>unnest</c> takes.</summary>
internal sealed record BarColumns(
    DateTimeOffset[] Starts,
    decimal[] Opens,
    decimal[] Highs,
    decimal[] Lows,
    decimal[] Closes,
    long[] Volumes,
    decimal?[] Sma9,
    decimal?[] Vwap)
{
    /// <exception cref="ArgumentException">Two bars share a start: Postgres would reject the whole statement
    /// ("ON CONFLICT DO UPDATE command cannot affect row a second time"), so say which minute instead.</exception>
    public static BarColumns From(IReadOnlyList<IndicatedBar> bars)
    {
        var n = bars.Count;
        var columns = new BarColumns(new DateTimeOffset[n], new decimal[n], new decimal[n], new decimal[n], new decimal[n], new long[n], new decimal?[n], new decimal?[n]);
        var seen = new HashSet<DateTimeOffset>();
        for (var i = 0; i < n; i++)
        {
            var bar = bars[i] ?? throw new ArgumentException($"bar {i} is null", nameof(bars));
            var candle = bar.Candle;
            // Npgsql writes timestamptz only from UTC offsets.
            var start = candle.Start.ToUniversalTime();
            if (!seen.Add(start))
            {
                throw new ArgumentException($"two bars start at {start:yyyy-MM-dd HH:mm}Z; nothing was written", nameof(bars));
            }

            columns.Starts[i] = start;
            columns.Opens[i] = candle.Open;
            columns.Highs[i] = candle.High;
            columns.Lows[i] = candle.Low;
            columns.Closes[i] = candle.Close;
            columns.Volumes[i] = candle.Volume;
            columns.Sma9[i] = bar.Sma9;
            columns.Vwap[i] = bar.Vwap;
        }

        return columns;
    }
}
