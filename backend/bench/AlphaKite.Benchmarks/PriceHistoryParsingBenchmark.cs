using System.Globalization;
using System.Text;
using AlphaKite.Core.Market;
using AlphaKite.Schwab.MarketData;
using BenchmarkDotNet.Attributes;

namespace AlphaKite.Benchmarks;

/// <summary>
/// Parsing one 10-session pricehistory response with extended hours (~7,300 candles, ~1.5 MB
/// indented, like Schwab's real AAPL capture): the largest body a backfill receives per call.
/// </summary>
[MemoryDiagnoser]
public class PriceHistoryParsingBenchmark
{
    private byte[] _body = [];

    [GlobalSetup]
    public void Setup() => _body = Generate(sessions: 10, barsPerSession: 730);

    [Benchmark]
    public IReadOnlyList<Candle> Parse() => PriceHistoryParser.Parse(_body, "AAPL");

    /// <summary>Indented like the real response; prices with 2-4 decimals, some written as integers.</summary>
    internal static byte[] Generate(int sessions, int barsPerSession)
    {
        var random = new Random(42);
        var sb = new StringBuilder("{\n    \"candles\": [\n");
        var price = 183.71m;
        var day = new DateTimeOffset(2024, 5, 3, 11, 0, 0, TimeSpan.Zero);
        for (var s = 0; s < sessions; s++, day = day.AddDays(1))
        {
            for (var i = 0; i < barsPerSession; i++)
            {
                price = Math.Round(price + ((decimal)random.Next(-40, 41) / 100m), random.Next(2, 5));
                var open = price;
                var close = Math.Round(price + ((decimal)random.Next(-20, 21) / 100m), 2);
                var high = Math.Max(open, close) + (random.Next(0, 3) == 0 ? 0m : 0.05m);
                var low = Math.Min(open, close) - 0.03m;
                var first = s == 0 && i == 0;
                sb.Append(CultureInfo.InvariantCulture, $$"""
                    {{(first ? string.Empty : ",\n")}}        {
                                "open": {{open}},
                                "high": {{high}},
                                "low": {{low}},
                                "close": {{close}},
                                "volume": {{random.Next(100, 30000)}},
                                "datetime": {{day.AddMinutes(i).ToUnixTimeMilliseconds()}}
                            }
                    """);
            }
        }

        sb.Append("\n    ],\n    \"symbol\": \"AAPL\",\n    \"empty\": false\n}");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }
}
