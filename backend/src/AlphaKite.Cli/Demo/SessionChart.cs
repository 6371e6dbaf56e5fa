using System.Globalization;
using AlphaKite.Core.Calendar;
using AlphaKite.Core.Indicators;
using ScottPlot;
using SkiaSharp;

namespace AlphaKite.Cli.Demo;

/// <summary>A panel's data area in the image, in pixels (right and bottom exclusive).</summary>
public sealed record ChartPanel(int Left, int Top, int Right, int Bottom)
{
    public bool Contains(int x, int y) => x >= Left && x < Right && y >= Top && y < Bottom;
}

/// <summary>Where <see cref="SessionChart"/> drew what: the two panels, the price axis range and the time axis labels.</summary>
public sealed record SessionChartLayout(ChartPanel Price, ChartPanel Volume, double PriceMin, double PriceMax, IReadOnlyList<string> TimeLabels);

/// <summary>
/// Draws one session: candles, SMA9 and VWAP in the price panel, volume in its own panel under
/// it, on one New York time axis, so a person can see the lines are right.
/// </summary>
public static class SessionChart
{
    public const int Width = 1600;
    public const int Height = 900;
    private const int PriceHeight = 640;

    public static readonly Color Sma9Color = Colors.DarkOrange;
    public static readonly Color VwapColor = Colors.RoyalBlue;
    public static readonly Color VolumeColor = Color.FromHex("#8E7CC3");
    public static readonly Color RisingColor = Color.FromHex("#26A69A");
    public static readonly Color FallingColor = Color.FromHex("#EF5350");

    // Fixed margins, the same left and right in both panels, so the two data areas line up minute by minute.
    private static readonly PixelPadding PricePadding = new(left: 90, right: 30, bottom: 10, top: 50);
    private static readonly PixelPadding VolumePadding = new(left: 90, right: 30, bottom: 50, top: 10);

    /// <exception cref="InvalidOperationException">No bars: an empty chart is never written.</exception>
    public static SessionChartLayout RenderPng(string path, string ticker, DateOnly date, IReadOnlyList<IndicatedBar> bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        if (bars.Count == 0)
        {
            throw new InvalidOperationException($"No {ticker} bars for {date:yyyy-MM-dd}: nothing to chart.");
        }

        // New York wall-clock times on the axis: that is how traders read a session.
        var x = bars.Select(b => NewYork.Time(b.Candle.Start).DateTime.ToOADate()).ToArray();
        var minute = 1.0 / 24 / 60;
        var (xMin, xMax) = (x[0] - minute, x[^1] + (2 * minute));

        using var price = new Plot();
        price.Title($"{ticker} {date:yyyy-MM-dd} (1-minute bars, New York time)");
        var candles = price.Add.Candlestick(bars.Select(b => new OHLC(
            (double)b.Candle.Open, (double)b.Candle.High, (double)b.Candle.Low, (double)b.Candle.Close,
            NewYork.Time(b.Candle.Start).DateTime, TimeSpan.FromMinutes(1))).ToList());
        candles.RisingColor = RisingColor;
        candles.FallingColor = FallingColor;
        AddLine(price, x, bars.Select(b => b.Sma9).ToArray(), "SMA9", Sma9Color);
        AddLine(price, x, bars.Select(b => b.Vwap).ToArray(), "VWAP", VwapColor);
        // The axis follows the session's own prices: SMA9's first points average the previous
        // session's last bars and may sit far away after an overnight gap. They are clipped, not
        // allowed to squash the session into a thin band.
        var low = (double)bars.Min(b => b.Candle.Low);
        var high = (double)bars.Max(b => b.Candle.High);
        var margin = Math.Max((high - low) * 0.05, 0.01);
        TimeAxis(price);
        price.Axes.SetLimits(xMin, xMax, low - margin, high + margin);
        price.Axes.Left.Label.Text = "Price";
        price.Axes.Bottom.TickLabelStyle.IsVisible = false;
        price.ShowLegend(Alignment.UpperLeft);
        price.Layout.Fixed(PricePadding);

        using var volume = new Plot();
        var maxVolume = Math.Max(1, bars.Max(b => b.Candle.Volume));
        volume.Add.Bars(bars.Select((b, i) => new Bar
        {
            Position = x[i],
            Value = b.Candle.Volume,
            Size = minute * 0.8,
            FillColor = VolumeColor,
            LineWidth = 0,
        }).ToList());
        var time = TimeAxis(volume);
        volume.Axes.SetLimits(xMin, xMax, 0, maxVolume * 1.05);
        volume.Axes.Left.Label.Text = "Volume";
        volume.Axes.Bottom.Label.Text = "New York time";
        volume.Layout.Fixed(VolumePadding);

        using var surface = SKSurface.Create(new SKImageInfo(Width, Height));
        DrawPanel(surface.Canvas, price, 0, PriceHeight);
        DrawPanel(surface.Canvas, volume, PriceHeight, Height - PriceHeight);
        using (var image = surface.Snapshot())
        using (var png = image.Encode(SKEncodedImageFormat.Png, 100))
        using (var file = File.Create(path))
        {
            png.SaveTo(file);
        }

        var priceLimits = price.Axes.GetLimits();
        return new SessionChartLayout(
            Panel(price.RenderManager.LastRender.DataRect, 0),
            Panel(volume.RenderManager.LastRender.DataRect, PriceHeight),
            priceLimits.Bottom,
            priceLimits.Top,
            time.TickGenerator.Ticks.Where(t => t.IsMajor && t.Label.Length > 0).Select(t => t.Label).ToList());
    }

    private static ScottPlot.AxisPanels.DateTimeXAxis TimeAxis(Plot plot)
    {
        var time = plot.Axes.DateTimeTicksBottom();
        time.TickGenerator = new ScottPlot.TickGenerators.DateTimeAutomatic
        {
            LabelFormatter = t => t.ToString("HH:mm", CultureInfo.InvariantCulture),
        };
        return time;
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

    /// <summary>Renders a plot on its own surface (a render clears the whole canvas) and draws it at <paramref name="top"/>.</summary>
    private static void DrawPanel(SKCanvas canvas, Plot plot, int top, int height)
    {
        using var panel = SKSurface.Create(new SKImageInfo(Width, height));
        plot.Render(panel.Canvas, Width, height);
        using var image = panel.Snapshot();
        canvas.DrawImage(image, 0, top);
    }

    private static ChartPanel Panel(PixelRect rect, int top) =>
        new((int)Math.Ceiling(rect.Left), (int)Math.Ceiling(rect.Top) + top, (int)Math.Floor(rect.Right), (int)Math.Floor(rect.Bottom) + top);
}
