using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using AlphaKite.IntegrationTests.TestSupport;
using AlphaKite.TestSupport;

namespace AlphaKite.IntegrationTests.Lambda;

/// <summary>
/// Numbers for docs/performance.md ("Lambda"): the Native AOT bootstrap against the portable build
/// (deploy_lambda.sh --build portable) and a JIT publish of the same program, in the same run, doing real ticks against moto, the sandbox and PostgreSQL.
/// Explicit: `dotnet test backend/tests/AlphaKite.IntegrationTests -c Release --filter FullyQualifiedName~BootstrapWarmBenchmark`.
/// Every measured invocation reloads one complete past session that is already stored (780 candles
/// fetched, 390 bars compared, 0 rows written): the steady state of a warm function.
/// </summary>
[Explicit("benchmark")]
[Category("Integration")]
[NonParallelizable]
public sealed class BootstrapWarmBenchmark
{
    private const int ColdStarts = 5;
    private const int WarmInvocations = 100;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Test]
    public async Task ColdStartAndWarmMemory_AotAgainstPortableAndJit_PrintsRatios()
    {
        var day = RecentDates.FullSessionBeforeToday().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var eventJson = $"{{\"date\": \"{day}\"}}";
        var variants = new[]
        {
            ("aot", PublishedBootstrap.Path), ("portable", PublishedBootstrap.PathOf(BootstrapFlavour.Portable)), ("jit", BootstrapStartBenchmark.PublishJit()),
        };
        await using var stack = await LambdaStack.StartAsync();
        await ColdStartAsync(stack, variants[0].Item2, eventJson); // stores the session once

        var cold = variants.ToDictionary(v => v.Item1, _ => new List<(double Next, double Response)>());
        for (var i = 0; i < ColdStarts; i++)
        {
            foreach (var (name, path) in variants)
            {
                cold[name].Add(await ColdStartAsync(stack, path, eventJson));
            }
        }

        var warm = new Dictionary<string, (double MedianMs, long PeakRssKb)>();
        foreach (var (name, path) in variants)
        {
            warm[name] = await WarmAsync(stack, path, eventJson);
        }

        foreach (var (name, path) in variants)
        {
            TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name}: start->first /next median {Median(cold[name].Select(c => c.Next)):0.0} ms, start->first response median {Median(cold[name].Select(c => c.Response)):0.0} ms, "
                + $"warm invocation median {warm[name].MedianMs:0.0} ms, peak RSS after {WarmInvocations} warm invocations {warm[name].PeakRssKb / 1024.0:0.0} MiB, "
                + $"zip {ZippedKb(path)} KiB"));
        }

        foreach (var name in new[] { "portable", "jit" })
        {
            TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name}/aot: first /next {Median(cold[name].Select(c => c.Next)) / Median(cold["aot"].Select(c => c.Next)):0.0}x, "
                + $"first response {Median(cold[name].Select(c => c.Response)) / Median(cold["aot"].Select(c => c.Response)):0.0}x, "
                + $"peak RSS {(double)warm[name].PeakRssKb / warm["aot"].PeakRssKb:0.0}x"));
        }
    }

    private static async Task<(double Next, double Response)> ColdStartAsync(LambdaStack stack, string path, string eventJson)
    {
        using var emulator = new RuntimeApiEmulator();
        var started = DateTimeOffset.UtcNow;
        var watch = Stopwatch.StartNew();
        using var bootstrap = BootstrapProcess.Start(path, stack.FunctionEnvironment(emulator));
        var requestId = Guid.NewGuid().ToString();
        emulator.Enqueue(requestId, eventJson, DateTimeOffset.UtcNow.AddMinutes(1));
        var firstNext = await emulator.FirstNext.WaitAsync(Wait);
        var post = await emulator.NextPostAsync(Wait);
        var response = watch.Elapsed.TotalMilliseconds;
        var next = (firstNext - started).TotalMilliseconds;
        post.Path.Should().Be($"invocation/{requestId}/response", bootstrap.Stdout);
        await bootstrap.StopAsync(emulator);
        return (next, response);
    }

    private static async Task<(double MedianMs, long PeakRssKb)> WarmAsync(LambdaStack stack, string path, string eventJson)
    {
        using var emulator = new RuntimeApiEmulator();
        using var bootstrap = BootstrapProcess.Start(path, stack.FunctionEnvironment(emulator));
        await BootstrapProcess.InvokeAsync(emulator, eventJson, Wait);
        var durations = new List<double>();
        for (var i = 0; i < WarmInvocations; i++)
        {
            var watch = Stopwatch.StartNew();
            var (_, post) = await BootstrapProcess.InvokeAsync(emulator, eventJson, Wait);
            durations.Add(watch.Elapsed.TotalMilliseconds);
            post.Body.Should().Contain("\\\"equity_rows\\\": 0,");
        }

        var rss = PeakRssKb(bootstrap.Id);
        await bootstrap.StopAsync(emulator);
        return (Median(durations), rss);
    }

    private static long ZippedKb(string bootstrap)
    {
        using var zipped = new MemoryStream();
        using (var zip = new ZipArchive(zipped, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in Directory.EnumerateFiles(Path.GetDirectoryName(bootstrap)!).Where(f => !f.EndsWith(".pdb", StringComparison.Ordinal) && !f.EndsWith(".dbg", StringComparison.Ordinal)))
            {
                zip.CreateEntryFromFile(file, Path.GetFileName(file), CompressionLevel.SmallestSize);
            }
        }

        return zipped.Length / 1024;
    }

    private static long PeakRssKb(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
