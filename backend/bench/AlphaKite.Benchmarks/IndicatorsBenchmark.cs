using AlphaKite.Core.Indicators;
using AlphaKite.Core.Market;
using BenchmarkDotNet.Attributes;

namespace AlphaKite.Benchmarks;

/// <summary>
/// SMA9 and session VWAP for one ticker over one year of 1-minute bars:
/// 252 sessions x 390 bars = 98,280 bars, each session with the previous one as history.
/// </summary>
[MemoryDiagnoser]
public class IndicatorsBenchmark
{
    private const int Sessions = 252;
    private const int BarsPerSession = 390;
    private readonly List<Candle[]> _sessions = [];

    [GlobalSetup]
    public void Generate()
    {
        var random = new Random(42);
        var cents = 40_000;
        var day = new DateTimeOffset(2026, 1, 2, 14, 30, 0, TimeSpan.Zero);
        for (var s = 0; s < Sessions; s++, day = day.AddDays(1))
        {
            var bars = new Candle[BarsPerSession];
            for (var m = 0; m < BarsPerSession; m++)
            {
                var open = cents;
                cents = Math.Max(100, cents + random.Next(-20, 21));
                bars[m] = new Candle(
                    day.AddMinutes(m), open / 100m, (Math.Max(open, cents) + 5) / 100m, (Math.Min(open, cents) - 5) / 100m,
                    cents / 100m, random.Next(1, 100_000));
            }

            _sessions.Add(bars);
        }
    }

    [Benchmark(Description = "SessionIndicators, 252 sessions x 390 bars")]
    public int OneYear()
    {
        var count = 0;
        Candle[] history = [];
        foreach (var session in _sessions)
        {
            count += SessionIndicators.Compute(history, session).Count;
            history = session;
        }

        return count;
    }
}
