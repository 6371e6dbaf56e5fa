using AlphaKite.Cli.Demo;
using AlphaKite.Core.Indicators;
using AlphaKite.Core.Market;
using SkiaSharp;

namespace AlphaKite.Tests.Cli;

public class SessionChartTests
{
    [Test]
    public void RenderPng_FullSession_WritesADecodablePngOfTheStatedSize()
    {
        var open = new DateTimeOffset(2026, 11, 20, 14, 30, 0, TimeSpan.Zero);
        var random = new Random(7);
        var price = 500m;
        var candles = new List<Candle>();
        for (var i = 0; i < 390; i++)
        {
            var close = price + (decimal)(random.NextDouble() - 0.5);
            candles.Add(new Candle(open.AddMinutes(i), price, Math.Max(price, close) + 0.1m, Math.Min(price, close) - 0.1m, close, 1000 + random.Next(5000)));
            price = close;
        }

        var bars = SessionIndicators.Compute([], candles);
        var path = Path.Combine(Path.GetTempPath(), $"alphakite-chart-{Guid.NewGuid():N}.png");
        try
        {
            SessionChart.RenderPng(path, "QQQ", new DateOnly(2026, 11, 20), bars);

            using var bitmap = SKBitmap.Decode(path);
            bitmap.Should().NotBeNull();
            bitmap.Width.Should().Be(1600);
            bitmap.Height.Should().Be(900);
            if (Environment.GetEnvironmentVariable("ALPHAKITE_KEEP_CHART") is { } keep)
            {
                File.Copy(path, keep, overwrite: true);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }
}
