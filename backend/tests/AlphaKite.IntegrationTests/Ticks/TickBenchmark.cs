using System.Diagnostics;
using System.Globalization;
using AlphaKite.Core.Calendar;
using AlphaKite.Core.Ticks;

namespace AlphaKite.IntegrationTests.Ticks;

/// <summary>
/// Numbers for docs/performance.md ("Tick"). Explicit: run by name,
/// <c>dotnet test backend/tests/AlphaKite.IntegrationTests -c Release --filter "FullyQualifiedName~TickBenchmark"</c>.
/// CPU is this process's (Process.TotalProcessorTime): the tick, the Schwab client, Npgsql AND the
/// in-process sandbox serving the request; PostgreSQL's own CPU is in its processes and not counted.
/// The sandbox-alone figure (the same request with a raw HttpClient) bounds the sandbox's share.
/// </summary>
[Category("Integration")]
[Explicit("benchmark: run by name")]
[NonParallelizable]
public sealed class TickBenchmark
{
    [Test]
    public async Task WarmTick_OneTicker_WallAndCpuPerTick()
    {
        await using var rig = await TickRig.StartAsync();
        for (var i = 1; i <= 20; i++)
        {
            rig.AtMinute(i);
            await rig.RunAsync(["QQQ"]);
        }

        var (wall, cpu) = await MeasureAsync(100, async i =>
        {
            rig.AtMinute(20 + i);
            await rig.RunAsync(["QQQ"]);
        });
        var token = await rig.Tokens.GetAccessTokenAsync(CancellationToken.None);
        var previous = new NyseCalendar().PreviousSession(TickRig.Session.Date);
        var (rawWall, rawCpu) = await MeasureAsync(100, _ => ReferenceBars.FetchAsync(rig.Sandbox.BaseUrl, token, "QQQ", previous.Open, rig.Clock.GetUtcNow()));

        Report($"1 ticker, warm tick (mean of 100, 21..120 bars into the session): wall {wall:0.00} ms, process CPU {cpu:0.00} ms; "
            + $"the same pricehistory request alone (sandbox + raw client): wall {rawWall:0.00} ms, CPU {rawCpu:0.00} ms");
    }

    [Test]
    public async Task WarmTick_FiftyTickers_WallAndCpuPerTick()
    {
        await using var rig = await TickRig.StartAsync();
        var tickers = Enumerable.Range(0, 50).Select(i => $"T{i:00}").ToList();
        rig.AtMinute(1);
        await rig.RunAsync(tickers);

        var (wall, cpu) = await MeasureAsync(10, async i =>
        {
            rig.AtMinute(1 + i);
            await rig.RunAsync(tickers);
        });

        rig.Sandbox.Stats.TooManyRequests.Should().Be(0);
        Report($"50 tickers, warm tick (mean of 10): wall {wall:0.0} ms, process CPU {cpu:0.0} ms");
    }

    [Test]
    public async Task Backfill_45Sessions_OneTicker()
    {
        var calendar = new NyseCalendar();
        var today = TickRig.Session.Date;
        var sessions = calendar.SessionsBetween(today.AddDays(-80), today).TakeLast(45).ToList();
        await using var rig = await TickRig.StartAsync(configure: o => o with { HistoryDepth = TimeSpan.FromDays(90) });
        rig.Clock.Set(TickRig.Session.Close.AddMinutes(30));
        var backfill = new Backfill(rig.Tick, calendar, rig.Clock);

        var watch = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var steps = await backfill.RunAsync(["QQQ"], sessions[0].Date, today,
            async (s, ct) => (await rig.Queries.IncompleteSessionsAsync("QQQ", [s], ct)).Count == 0, null, CancellationToken.None);
        var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        watch.Stop();

        steps.Should().HaveCount(45).And.OnlyContain(s => s.Report!.EquityRowsWritten == s.Session.ExpectedBars);
        Report($"backfill of 45 sessions ({steps.Sum(s => s.Report!.EquityRowsWritten)} rows), 1 ticker: wall {watch.Elapsed.TotalSeconds:0.00} s, process CPU {cpuUsed.TotalSeconds:0.00} s");
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(3), "the target in docs/performance.md");
    }

    private static async Task<(double WallMs, double CpuMs)> MeasureAsync(int runs, Func<int, Task> run)
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        for (var i = 1; i <= runs; i++)
        {
            await run(i);
        }

        watch.Stop();
        process.Refresh();
        return (watch.Elapsed.TotalMilliseconds / runs, (process.TotalProcessorTime - cpu).TotalMilliseconds / runs);
    }

    private static void Report(string line) => TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{line}"));
}
