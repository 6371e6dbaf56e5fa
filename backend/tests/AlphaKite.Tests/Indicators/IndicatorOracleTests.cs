using System.Text.Json;
using System.Text.Json.Nodes;
using AlphaKite.Core.Indicators;
using AlphaKite.Core.Market;
using AlphaKite.TestSupport;

namespace AlphaKite.Tests.Indicators;

/// <summary>
/// SMA9 and session VWAP on a long generated series against npm technicalindicators 3.1.0
/// (backend/tests/js/indicators-oracle.js). Definitions agree: its SMA is the mean of the last
/// <c>period</c> values, its VWAP is cumulative (H+L+C)/3 x volume over cumulative volume from the
/// first bar given, so we feed it one session at a time; 0/0 before any volume is NaN there and
/// null here. It computes in doubles with running sums; we compute in decimal.
/// </summary>
public class IndicatorOracleTests
{
    private const int Sessions = 13;
    private const int BarsPerSession = 390;

    // Prices have 2 decimals and are exact in decimal; the JS side converts to double (relative
    // error 1.1e-16 each) and keeps running sums over <= 5,070 steps, so its relative error stays
    // far below 1e-12. 1e-9 leaves room for that and still catches any definitional slip
    // (close instead of typical price, a missed reset, an off-by-one window), which moves values
    // by 1e-5 or more.
    private const double RelativeTolerance = 1e-9;

    [Test]
    public void Compute_FiveThousandGeneratedBars_MatchesTechnicalIndicators()
    {
        var sessions = GenerateSessions(seed: 20260309);
        var ours = new List<IndicatedBar>();
        var history = new List<Candle>();
        foreach (var session in sessions)
        {
            ours.AddRange(SessionIndicators.Compute(history, session));
            history.AddRange(session);
        }

        var oracle = RunOracle(history, sessions);

        var sma = oracle["sma"]!.AsArray();
        sma.Should().HaveCount(history.Count - 8);
        ours.Take(8).Should().OnlyContain(b => b.Sma9 == null);
        for (var i = 8; i < ours.Count; i++)
        {
            ExpectClose(ours[i].Sma9, sma[i - 8], $"SMA9 at bar {i}");
        }

        var offset = 0;
        var vwap = oracle["vwap"]!.AsArray();
        for (var s = 0; s < sessions.Count; s++)
        {
            var expected = vwap[s]!.AsArray();
            expected.Should().HaveCount(sessions[s].Count);
            for (var i = 0; i < sessions[s].Count; i++)
            {
                ExpectClose(ours[offset + i].Vwap, expected[i], $"VWAP at session {s} bar {i}");
            }

            offset += sessions[s].Count;
        }

        ours.Count(b => b.Vwap is null).Should().BePositive("the generator starts one session with volume-less bars");
    }

    private static void ExpectClose(decimal? actual, JsonNode? expected, string what)
    {
        if (expected is null)
        {
            actual.Should().BeNull(what);
            return;
        }

        var e = expected.GetValue<double>();
        actual.Should().NotBeNull(what);
        Math.Abs((double)actual!.Value - e).Should().BeLessThanOrEqualTo(Math.Abs(e) * RelativeTolerance, what);
    }

    /// <summary>A seeded random walk in cents, with missing minutes and zero-volume bars.</summary>
    private static List<List<Candle>> GenerateSessions(int seed)
    {
        var random = new Random(seed);
        var sessions = new List<List<Candle>>();
        var price = 10_000; // cents
        var day = new DateTimeOffset(2026, 3, 2, 14, 30, 0, TimeSpan.Zero);
        for (var s = 0; s < Sessions; s++, day = day.AddDays(1))
        {
            var bars = new List<Candle>();
            for (var m = 0; m < BarsPerSession; m++)
            {
                var open = price;
                price = Math.Max(100, price + random.Next(-25, 26));
                var high = Math.Max(open, price) + random.Next(0, 10);
                var low = Math.Max(1, Math.Min(open, price) - random.Next(0, 10));
                var quietOpen = s == 3 && m < 5;
                long volume = quietOpen || random.Next(50) == 0 ? 0 : random.Next(1, 50_000);
                if (m > 0 && random.Next(40) == 0)
                {
                    continue; // a minute without trades: absent, never invented
                }

                bars.Add(new Candle(day.AddMinutes(m), open / 100m, high / 100m, low / 100m, price / 100m, volume));
            }

            sessions.Add(bars);
        }

        return sessions;
    }

    private static JsonNode RunOracle(List<Candle> all, List<List<Candle>> sessions)
    {
        var input = new JsonObject
        {
            ["period"] = Sma.DefaultPeriod,
            ["closes"] = new JsonArray([.. all.Select(c => (JsonNode)(double)c.Close)]),
            ["sessions"] = new JsonArray([.. sessions.Select(s => (JsonNode)new JsonObject
            {
                ["high"] = new JsonArray([.. s.Select(c => (JsonNode)(double)c.High)]),
                ["low"] = new JsonArray([.. s.Select(c => (JsonNode)(double)c.Low)]),
                ["close"] = new JsonArray([.. s.Select(c => (JsonNode)(double)c.Close)]),
                ["volume"] = new JsonArray([.. s.Select(c => (JsonNode)c.Volume)]),
            })]),
        };

        return NpmOracle.Run("indicators-oracle.js", "technicalindicators", input.ToJsonString());
    }
}
