using AlphaKite.Cli.Demo;
using AlphaKite.Core.Indicators;
using AlphaKite.Core.Market;
using SkiaSharp;

namespace AlphaKite.Tests.Cli;

/// <summary>
/// The chart is checked by its pixels (decoded with SkiaSharp, which ScottPlot already brings):
/// each colour where it belongs and nowhere else.
/// </summary>
public class SessionChartTests
{
    private static readonly DateTimeOffset Open = new(2026, 11, 20, 14, 30, 0, TimeSpan.Zero); // 09:30 New York
    private static readonly DateOnly Date = new(2026, 11, 20);
    private string _path = null!;

    [SetUp]
    public void SetUp() => _path = Path.Combine(Path.GetTempPath(), $"alphakite-chart-{Guid.NewGuid():N}.png");

    [TearDown]
    public void TearDown()
    {
        if (Environment.GetEnvironmentVariable("ALPHAKITE_KEEP_CHART") is { } keep && File.Exists(_path))
        {
            File.Copy(_path, keep, overwrite: true);
        }

        File.Delete(_path);
    }

    [Test]
    public void RenderPng_FullSession_LinesInThePricePanelVolumeOnlyInItsOwnPanel()
    {
        var bars = SessionIndicators.Compute([], Walk(Open, 390, 500m, seed: 7));

        var layout = SessionChart.RenderPng(_path, "QQQ", Date, bars);

        using var png = SKBitmap.Decode(_path);
        png.Should().NotBeNull();
        (png.Width, png.Height).Should().Be((SessionChart.Width, SessionChart.Height));
        layout.Volume.Top.Should().BeGreaterThanOrEqualTo(layout.Price.Bottom, "volume has its own panel under the price");
        (layout.Volume.Left, layout.Volume.Right).Should().Be((layout.Price.Left, layout.Price.Right), "one time axis for both panels");

        Count(png, SessionChart.Sma9Color, layout.Price).Should().BeGreaterThan(500, "SMA9 is drawn across the price panel");
        Count(png, SessionChart.VwapColor, layout.Price).Should().BeGreaterThan(500, "VWAP is drawn across the price panel");
        Count(png, SessionChart.VolumeColor, layout.Volume).Should().BeGreaterThan(2000, "390 volume bars");
        CountOutside(png, SessionChart.VolumeColor, layout.Volume).Should().Be(0, "volume bars stay in their panel");
        var candlePixels = Count(png, SessionChart.RisingColor, layout.Price) + Count(png, SessionChart.FallingColor, layout.Price);
        candlePixels.Should().BeGreaterThan(2000, "390 candles");
        (CountOutside(png, SessionChart.RisingColor, layout.Price) + CountOutside(png, SessionChart.FallingColor, layout.Price))
            .Should().Be(0, "no candle reaches into the volume panel or the margins");
        CountOutside(png, SessionChart.Sma9Color, layout.Price).Should().Be(0);
        CountOutside(png, SessionChart.VwapColor, layout.Price).Should().Be(0);

        layout.TimeLabels.Should().NotBeEmpty().And.NotContain("00:00");
        var minutes = layout.TimeLabels.Select(l => TimeOnly.ParseExact(l, "HH:mm")).ToList();
        minutes.Should().OnlyContain(t => t >= new TimeOnly(9, 30) && t <= new TimeOnly(16, 0), "the axis spans the session");
        minutes.Min().Should().BeOnOrBefore(new TimeOnly(10, 30));
        minutes.Max().Should().BeOnOrAfter(new TimeOnly(15, 0));
    }

    [Test]
    public void RenderPng_OvernightGap_PriceAxisFollowsTheSessionAndSma9IsClipped()
    {
        // The previous session closed near 400; this one trades near 500. SMA9's first eight
        // points average yesterday's last bars with today's first, far below today's low.
        var previous = Walk(Open.AddDays(-1), 390, 400m, seed: 3);
        var session = Walk(Open, 390, 500m, seed: 7);
        var bars = SessionIndicators.Compute(previous, session);
        var low = (double)session.Min(c => c.Low);
        var high = (double)session.Max(c => c.High);
        bars[0].Sma9.Should().BeLessThan((decimal)low - 50, "the test needs SMA9 to start far outside the session");

        var layout = SessionChart.RenderPng(_path, "QQQ", Date, bars);

        var margin = (high - low) * 0.1;
        layout.PriceMin.Should().BeInRange(low - margin, low);
        layout.PriceMax.Should().BeInRange(high, high + margin);
        using var png = SKBitmap.Decode(_path);
        CountOutside(png, SessionChart.Sma9Color, layout.Price).Should().Be(0, "the gap's SMA9 points are clipped to the plot area");
        var candlePixels = Count(png, SessionChart.RisingColor, layout.Price) + Count(png, SessionChart.FallingColor, layout.Price);
        candlePixels.Should().BeGreaterThan(2000, "the candles fill the panel instead of a thin band");
    }

    [Test]
    public void RenderPng_NoBars_ThrowsAndWritesNothing()
    {
        var act = () => SessionChart.RenderPng(_path, "QQQ", Date, []);

        act.Should().Throw<InvalidOperationException>().WithMessage("*QQQ*2026-11-20*");
        File.Exists(_path).Should().BeFalse();
    }

    private static List<Candle> Walk(DateTimeOffset open, int count, decimal start, int seed)
    {
        var random = new Random(seed);
        var price = start;
        var candles = new List<Candle>();
        for (var i = 0; i < count; i++)
        {
            var close = price + (decimal)(random.NextDouble() - 0.5);
            candles.Add(new Candle(open.AddMinutes(i), price, Math.Max(price, close) + 0.1m, Math.Min(price, close) - 0.1m, close, 1000 + random.Next(5000)));
            price = close;
        }

        return candles;
    }

    private static int Count(SKBitmap png, ScottPlot.Color color, ChartPanel panel) =>
        Pixels(png, color).Count(p => panel.Contains(p.X, p.Y));

    private static int CountOutside(SKBitmap png, ScottPlot.Color color, ChartPanel panel) =>
        Pixels(png, color).Count(p => !panel.Contains(p.X, p.Y));

    /// <summary>Pixels of exactly this colour (give or take rounding): anti-aliased edges blend with
    /// the background and are not counted, the solid middle of every line and bar is.</summary>
    private static IEnumerable<(int X, int Y)> Pixels(SKBitmap png, ScottPlot.Color color)
    {
        for (var y = 0; y < png.Height; y++)
        {
            for (var x = 0; x < png.Width; x++)
            {
                var p = png.GetPixel(x, y);
                if (Math.Abs(p.Red - color.R) <= 2 && Math.Abs(p.Green - color.G) <= 2 && Math.Abs(p.Blue - color.B) <= 2)
                {
                    yield return (x, y);
                }
            }
        }
    }
}
