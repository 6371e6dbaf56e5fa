using AlphaKite.Core.Calendar;
using AlphaKite.Core.Indicators;
using NodaTime;
using ScottPlot;

namespace AlphaKite.Cli.Demo;

/// <summary>Draws one session: candles, SMA9, VWAP and volume, so a person can see the lines are right.</summary>
public static class SessionChart
{
    public const int Width = 1600;
    public const int Height = 900;

    public static void RenderPng(string path, string ticker, DateOnly date, IReadOnlyList<IndicatedBar> bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        using var plot = new Plot();
        plot.Title($"{ticker} {date:yyyy-MM-dd} (1-minute bars, New York time)");

        // New York wall-clock times on the axis: that is how traders read a session.
        var x = bars.Select(b => NewYorkTime(b.Candle.Start).ToOADate()).ToArray();
        var candles = bars.Select(b => new OHLC(
            (double)b.Candle.Open, (double)b.Candle.High, (double)b.Candle.Low, (double)b.Candle.Close,
            NewYorkTime(b.Candle.Start), TimeSpan.FromMinutes(1))).ToList();
        plot.Add.Candlestick(candles);

        AddLine(plot, x, bars.Select(b => b.Sma9).ToArray(), "SMA9", Colors.DarkOrange);
        AddLine(plot, x, bars.Select(b => b.Vwap).ToArray(), "VWAP", Colors.RoyalBlue);

        // Volume on the right axis, scaled into the bottom quarter so it never hides the prices.
        var volume = plot.Add.Bars(bars.Select((b, i) => new Bar
        {
            Position = x[i],
            Value = b.Candle.Volume,
            Size = 1.0 / 24 / 60 * 0.8,
            FillColor = Colors.Gray.WithAlpha(0.35),
            LineWidth = 0,
        }).ToList());
        volume.Axes.YAxis = plot.Axes.Right;
        var maxVolume = bars.Count == 0 ? 1 : bars.Max(b => b.Candle.Volume);
        plot.Axes.Right.Label.Text = "Volume";

        var time = plot.Axes.DateTimeTicksBottom();
        time.TickGenerator = new ScottPlot.TickGenerators.DateTimeAutomatic
        {
            LabelFormatter = t => t.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
        };
        plot.Axes.AutoScale();
        plot.Axes.SetLimitsY(0, Math.Max(1, maxVolume) * 4.0, plot.Axes.Right);
        plot.Axes.Left.Label.Text = "Price";
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, Width, Height);
    }

    private static void AddLine(Plot plot, double[] x, decimal?[] values, string label, Color color)
    {
        // Warm-up points (null) are left out, not drawn as zero.
        var points = x.Zip(values).Where(p => p.Second.HasValue).ToArray();
        var line = plot.Add.ScatterLine(points.Select(p => p.First).ToArray(), points.Select(p => (double)p.Second!.Value).ToArray());
        line.LegendText = label;
        line.Color = color;
        line.LineWidth = 2;
    }

    private static DateTime NewYorkTime(DateTimeOffset instant) =>
        Instant.FromDateTimeOffset(instant).InZone(NyseCalendar.NewYork).LocalDateTime.ToDateTimeUnspecified();
}
