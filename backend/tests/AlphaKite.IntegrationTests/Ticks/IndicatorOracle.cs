using System.Text.Json.Nodes;
using AlphaKite.TestSupport;

namespace AlphaKite.IntegrationTests.Ticks;

/// <summary>
/// SMA9 and session VWAP from npm technicalindicators (backend/tests/js/indicators-oracle.js), an
/// implementation written by other hands in another language: the expected values of the tick tests.
/// </summary>
internal static class IndicatorOracle
{
    /// <param name="history">The previous session's last 8 bars (SMA9 is continuous across sessions).</param>
    /// <param name="session">The session's bars, oldest first.</param>
    /// <returns>Per session bar: SMA9 (null during warm-up) and VWAP (null while volume is 0).</returns>
    public static (double?[] Sma9, double?[] Vwap) Compute(IReadOnlyList<ReferenceBar> history, IReadOnlyList<ReferenceBar> session)
    {
        var all = history.Concat(session).ToList();
        var input = new JsonObject
        {
            ["period"] = 9,
            ["closes"] = new JsonArray([.. all.Select(c => (JsonNode)(double)c.Close)]),
            ["sessions"] = new JsonArray(new JsonObject
            {
                ["high"] = new JsonArray([.. session.Select(c => (JsonNode)(double)c.High)]),
                ["low"] = new JsonArray([.. session.Select(c => (JsonNode)(double)c.Low)]),
                ["close"] = new JsonArray([.. session.Select(c => (JsonNode)(double)c.Close)]),
                ["volume"] = new JsonArray([.. session.Select(c => (JsonNode)c.Volume)]),
            }),
        };

        var output = NpmOracle.Run("indicators-oracle.js", "technicalindicators", input.ToJsonString());
        // technicalindicators' SMA output starts at the 9th value: index 0 belongs to all[8].
        var sma = output["sma"]!.AsArray();
        var sma9 = new double?[session.Count];
        for (var i = 0; i < session.Count; i++)
        {
            var k = history.Count + i - 8;
            sma9[i] = k >= 0 ? sma[k]!.GetValue<double>() : null;
        }

        var vwap = output["vwap"]![0]!.AsArray().Select(v => v is null ? (double?)null : v.GetValue<double>()).ToArray();
        return (sma9, vwap);
    }
}
