using System.Diagnostics;
using System.Text.Json.Nodes;

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

        var output = Run(input.ToJsonString());
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

    private static JsonNode Run(string input)
    {
        var directory = FindScriptDirectory();
        var start = new ProcessStartInfo("node", "indicators-oracle.js")
        {
            WorkingDirectory = directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process node;
        try
        {
            node = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            AlphaKite.Tests.Support.Prerequisite.Missing("node", $"install Node.js 18+ (apt-get install nodejs npm); {e.Message}");
            throw;
        }

        using (node)
        {
            var stderr = node.StandardError.ReadToEndAsync();
            node.StandardInput.Write(input);
            node.StandardInput.Close();
            var stdout = node.StandardOutput.ReadToEnd();
            node.WaitForExit();
            node.ExitCode.Should().Be(0, "node indicators-oracle.js failed: {0}", stderr.Result);
            return JsonNode.Parse(stdout) ?? throw new InvalidOperationException("The oracle printed null.");
        }
    }

    private static string FindScriptDirectory()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            var js = Path.Combine(dir.FullName, "backend", "tests", "js");
            if (File.Exists(Path.Combine(js, "indicators-oracle.js")))
            {
                if (!Directory.Exists(Path.Combine(js, "node_modules", "technicalindicators")))
                {
                    AlphaKite.Tests.Support.Prerequisite.Missing("the npm package technicalindicators", $"run `npm ci` in {js} (./test.sh does it)");
                }

                return js;
            }
        }

        AlphaKite.Tests.Support.Prerequisite.Missing("backend/tests/js/indicators-oracle.js", "run the tests from a clone of the repository");
        return string.Empty;
    }
}
