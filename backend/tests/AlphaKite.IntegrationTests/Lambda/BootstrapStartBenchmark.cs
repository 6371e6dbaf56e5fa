using System.Diagnostics;
using System.Globalization;
using AlphaKite.IntegrationTests.TestSupport;
using AlphaKite.TestSupport;

namespace AlphaKite.IntegrationTests.Lambda;

/// <summary>
/// Cold-start numbers for docs/performance.md: the Native AOT bootstrap against a JIT publish of the
/// same program, in the same run, on the same machine. Explicit: run it by name with
/// `dotnet test backend/tests/AlphaKite.IntegrationTests -c Release --filter FullyQualifiedName~BootstrapStartBenchmark`.
/// Until the Schwab and Postgres adapters are wired, init ends at the first call that needs them,
/// so the measured span is "process start to the init/error post", through the real SSM call.
/// </summary>
[Explicit("benchmark")]
[Category("Integration")]
[NonParallelizable]
public class BootstrapStartBenchmark
{
    private const int Runs = 10;

    [Test]
    public async Task StartToFirstRuntimeApiCall_AotAgainstJit_PrintsMedians()
    {
        var jit = PublishJit();
        var aot = PublishedBootstrap.Path;
        using var moto = MotoServer.Start();
        var results = new Dictionary<string, List<(double Ms, long RssKb)>> { ["aot"] = [], ["jit"] = [] };
        foreach (var scenario in new[] { "config-error", "ssm-round-trip" })
        {
            results["aot"].Clear();
            results["jit"].Clear();
            for (var i = 0; i < Runs; i++)
            {
                foreach (var (name, path) in new[] { ("aot", aot), ("jit", jit) })
                {
                    results[name].Add(await MeasureAsync(path, scenario == "ssm-round-trip" ? moto : null));
                }
            }

            var aotMs = Median(results["aot"].Select(r => r.Ms));
            var jitMs = Median(results["jit"].Select(r => r.Ms));
            TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{scenario}: AOT median {aotMs:0.0} ms, peak RSS {Median(results["aot"].Select(r => (double)r.RssKb)) / 1024:0.0} MiB; "
                + $"JIT median {jitMs:0.0} ms, peak RSS {Median(results["jit"].Select(r => (double)r.RssKb)) / 1024:0.0} MiB; JIT/AOT {jitMs / aotMs:0.0}x"));
        }
    }

    private static async Task<(double Ms, long RssKb)> MeasureAsync(string path, MotoServer? moto)
    {
        using var emulator = new RuntimeApiEmulator { PostDelay = TimeSpan.FromMilliseconds(200) };
        var environment = new Dictionary<string, string>
        {
            ["AWS_LAMBDA_RUNTIME_API"] = emulator.Address, ["ALPHAKITE_ENVIRONMENT"] = "prod",
            ["ALPHAKITE_TOKEN_SECRET_ID"] = "schwab-api-token-prod", ["ALPHAKITE_PARAMETER_PREFIX"] = "/alpha-kite/bench/",
            ["AWS_REGION"] = "us-east-1", ["AWS_ACCESS_KEY_ID"] = "testing", ["AWS_SECRET_ACCESS_KEY"] = "testing",
            ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = "256",
        };
        if (moto is not null)
        {
            environment["ALPHAKITE_TICKERS"] = "QQQ,SPY";
            environment["AWS_ENDPOINT_URL"] = moto.Endpoint.ToString();
        }

        long rss = 0;
        var watch = Stopwatch.StartNew();
        using var process = PublishedBootstrap.Start(path, environment);
        emulator.OnPost = _ => rss = PeakRssKb(process.Id);
        await emulator.NextPostAsync(TimeSpan.FromSeconds(30));
        var elapsed = watch.Elapsed.TotalMilliseconds;
        await process.WaitForExitAsync();
        return (elapsed, rss);
    }

    private static long PeakRssKb(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }

    internal static string PublishJit()
    {
        var output = Path.Combine(PublishedBootstrap.RepositoryRoot, "artifacts", "lambda", "jit-publish");
        var (exit, stdout, stderr) = ProcessRunner.Run("dotnet",
            ["publish", Path.Combine(PublishedBootstrap.RepositoryRoot, "backend", "src", "AlphaKite.Lambda.Bootstrap"), "-c", "Release", "-r", "linux-x64",
             "--self-contained", "false", "-p:PublishAot=false", "-o", output, "--nologo"],
            timeout: TimeSpan.FromMinutes(10));
        exit.Should().Be(0, $"{stdout}\n{stderr}");
        return Path.Combine(output, "bootstrap");
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
