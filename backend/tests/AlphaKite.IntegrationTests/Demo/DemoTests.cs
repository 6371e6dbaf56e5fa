using System.Diagnostics;
using AlphaKite.Cli;
using AlphaKite.Cli.Demo;
using AlphaKite.Core.Calendar;
using AlphaKite.LocalPostgres;
using AlphaKite.TestSupport;
using Npgsql;
using SkiaSharp;

namespace AlphaKite.IntegrationTests.Demo;

/// <summary>The zero-setup demo, end to end: embedded PostgreSQL, the sandbox over HTTP, the real
/// tick minute by minute, the chart. Expected bar counts come from the exchange's published hours.</summary>
[Category("Integration")]
public sealed class DemoTests
{
    private static readonly DateOnly FullDay = new(2026, 11, 20);
    private static readonly DateOnly DayAfterThanksgiving = new(2026, 11, 27); // 13:00 close: 210 bars
    private string _work = null!;

    [SetUp]
    public void SetUp()
    {
        if (PostgresBinaries.Find() is null)
        {
            Prerequisite.Missing("PostgreSQL server binaries", PostgresBinaries.InstallHint);
        }

        _work = Directory.CreateTempSubdirectory("alphakite-demo-").FullName;
        // Searchable like a normal checkout, so PostgreSQL's own user reaches the project-local cluster.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_work, (UnixFileMode)Convert.ToInt32("755", 8));
        }
    }

    [TearDown]
    public void TearDown()
    {
        LeftoverServers(_work).Should().BeEmpty("the demo must stop its PostgreSQL");
        Directory.Delete(_work, recursive: true);
    }

    [Test]
    public async Task Demo_FullDayTwice_390BarsChartAndSecondRunWritesNothing()
    {
        var options = new DemoOptions(["QQQ", "SPY"], FullDay, null, null, null, false, _work);

        var first = await DemoRun.RunAsync(options, new NyseCalendar(), (_, _, _) => { }, CancellationToken.None);
        File.Exists(Path.Combine(_work, "postgres", "PG_VERSION")).Should().BeTrue("the cluster lives in the work directory");
        var second = await DemoRun.RunAsync(options, new NyseCalendar(), (_, _, _) => { }, CancellationToken.None);

        first.Ticks.Should().Be(390);
        first.Tickers.Should().HaveCount(2).And.OnlyContain(t => t.Status.BarsStored == 390 && t.Status.Missing.Count == 0);
        first.Tickers.Should().OnlyContain(t => t.Status.Sma9Rows == 390 && t.Status.VwapRows == 390);
        first.EquityRowsWritten.Should().Be(2 * 390, "a fresh database gets every bar once");
        // Logged in at 09:25; the 30-minute token is refreshed 25 minutes after each grant until 16:00.
        first.TokenRefreshes.Should().Be(15);
        second.EquityRowsWritten.Should().Be(0, "the same session again writes nothing: the upsert is idempotent");
        second.IndicatorRowsWritten.Should().Be(0);
        second.Tickers.Select(t => t.Last).Should().Equal(first.Tickers.Select(t => t.Last));
        foreach (var t in first.Tickers)
        {
            using var png = SKBitmap.Decode(t.ChartPath);
            png.Should().NotBeNull($"{t.ChartPath} must be a PNG");
            (png.Width, png.Height).Should().Be((SessionChart.Width, SessionChart.Height));
        }
    }

    [Test]
    public async Task Demo_EarlyClose_210Bars()
    {
        var options = new DemoOptions(["QQQ"], DayAfterThanksgiving, null, null, null, false, _work);

        var result = await DemoRun.RunAsync(options, new NyseCalendar(), (_, _, _) => { }, CancellationToken.None);

        result.Session.IsEarlyClose.Should().BeTrue();
        result.Ticks.Should().Be(210);
        result.Tickers.Single().Status.BarsStored.Should().Be(210);
    }

    [Test]
    public async Task Demo_NotATradingDay_ExplainsAndStartsNothing()
    {
        var options = new DemoOptions(["QQQ"], new DateOnly(2026, 11, 26), null, null, null, false, _work);

        var act = () => DemoRun.RunAsync(options, new NyseCalendar(), (_, _, _) => { }, CancellationToken.None);

        (await act.Should().ThrowAsync<Exception>()).Which.Message.Should().Contain("2026-11-26").And.Contain("Thanksgiving");
        Directory.Exists(Path.Combine(_work, "postgres")).Should().BeFalse();
    }

    [Test]
    public void DemoCli_AsAnUnprivilegedUser_PrintsSummaryAndChartAndExitsZero()
    {
        // PostgreSQL refuses to run as root, so the demo drops privileges itself when it is root;
        // this runs the published CLI as an ordinary user, where it starts PostgreSQL directly.
        var cli = Path.Combine(AppContext.BaseDirectory, "alphakite.dll");
        string[] asUser = [];
        if (Environment.IsPrivilegedProcess)
        {
            Run("chown", ["-R", "nobody", _work]);
            asUser = ["runuser", "-u", "nobody", "--", "env", $"HOME={_work}", $"DOTNET_CLI_HOME={_work}", "DOTNET_NOLOGO=1"];
        }

        // A long work directory: its chart line is longer than 80 columns, where output to a pipe used to wrap.
        var work = Path.Combine(_work, "a-work-directory-with-a-long-name-so-the-chart-line-is-longer-than-eighty-columns");
        string[] command = [.. asUser, "dotnet", cli, "demo", "--date", "2026-11-20", "--work-dir", work];
        var (exit, output, error) = ProcessRunner.Run(command[0], command[1..], _work, timeout: TimeSpan.FromMinutes(3));

        (exit, error).Should().Be((0, ""));
        output.Should().Contain("390/390").And.Contain("Next steps").And.Contain("deploy_lambda.sh");
        var chart = Path.Combine(work, "QQQ-2026-11-20.png");
        output.Split('\n').Should().Contain($"Chart: {chart}", "output that is not a terminal is not wrapped");
        File.Exists(chart).Should().BeTrue();
    }

    [Test]
    public async Task DemoCli_Keep_ServerAnswersAfterTheCliExitsUntilThePrintedStopCommand()
    {
        var work = Path.Combine(_work, "demo");
        using var cli = StartCli("demo", "--keep", "--date", "2026-11-27", "--work-dir", work);
        try
        {
            var (code, output, error) = await FinishAsync(cli);

            (code, error).Should().Be((0, ""));
            var stop = Line(output, "Stop it with: ");
            stop.Should().Contain($"pg_ctl stop -D {Path.Combine(work, "postgres")}");
            await using (var db = new NpgsqlConnection(Line(output, "PostgreSQL is still running: ")))
            {
                await db.OpenAsync();
                await using var count = new NpgsqlCommand("SELECT count(*) FROM equity_data WHERE ticker = 'QQQ'", db);
                ((long)(await count.ExecuteScalarAsync())!).Should().Be(210, "the kept server holds the demo's session after the CLI has exited");
            }

            NpgsqlConnection.ClearAllPools();
            Run("bash", ["-c", stop]);
            LeftoverServers(work).Should().BeEmpty("the printed command stops the kept server");
        }
        finally
        {
            await StopLeftoverAsync(Path.Combine(work, "postgres"));
        }
    }

    [Test]
    public async Task DemoCli_TwoAtOnceInOneDirectory_SecondNamesTheFirstAndLeavesItAlone()
    {
        var work = Path.Combine(_work, "demo");
        // Slowed down (60/1500 s a minute) so the first is still running while the second starts.
        using var first = StartCli("demo", "--date", "2026-11-27", "--speed", "1500", "--work-dir", work);
        var firstOutput = new System.Text.StringBuilder();
        while (await first.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(2)) is { } line)
        {
            firstOutput.AppendLine(line);
            if (line.Contains("30/210 minutes", StringComparison.Ordinal))
            {
                break; // its PostgreSQL is up and ticking
            }
        }

        using var second = StartCli("demo", "--date", "2026-11-27", "--work-dir", work);
        var (secondCode, secondOutput, secondError) = await FinishAsync(second);
        var (firstCode, firstRest, firstError) = await FinishAsync(first);

        secondCode.Should().Be(1, secondOutput + secondError);
        secondError.Should().Contain($"The work directory {work} is in use by another demo (process {first.Id})");
        (firstCode, firstError).Should().Be((0, ""), "the second demo must not touch the first one's PostgreSQL");
        (firstOutput + firstRest).Should().Contain("210/210");
    }

    [Test]
    public async Task Demo_ReplayFileWithoutTheDate_NamesTheDatesItCoversAndStartsNothing()
    {
        // One QQQ bar at 09:30 New York on 2026-11-18 and one on 2026-11-19; the demo asks for 2026-11-20.
        var replay = Path.Combine(_work, "saved.json");
        await File.WriteAllTextAsync(replay, """
            {"candles":[
              {"open":500,"high":501,"low":499,"close":500.5,"volume":1000,"datetime":1795012200000},
              {"open":501,"high":502,"low":500,"close":501.5,"volume":1000,"datetime":1795098600000}
            ],"symbol":"QQQ","empty":false}
            """);
        var options = new DemoOptions(["QQQ", "SPY"], FullDay, null, replay, null, false, Path.Combine(_work, "demo"));

        var act = () => DemoRun.RunAsync(options, new NyseCalendar(), (_, _, _) => { }, CancellationToken.None);

        (await act.Should().ThrowAsync<UsageException>()).Which.Message.Should()
            .Be($"--replay {replay} has no QQQ, SPY bars on 2026-11-20: it covers QQQ 2026-11-18, 2026-11-19. Pick a covered --date (and --tickers).");
        Directory.Exists(Path.Combine(_work, "demo")).Should().BeFalse("nothing is started or written: no database, no chart");
    }

    private static Process StartCli(params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "alphakite.dll"));
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        return Process.Start(info)!;
    }

    private static async Task<(int Code, string Output, string Error)> FinishAsync(Process process)
    {
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        return (process.ExitCode, await output, await error);
    }

    private static string Line(string output, string prefix) =>
        output.Split('\n').Select(l => l.TrimEnd()).SingleOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))?[prefix.Length..]
        ?? throw new AssertionException($"no line starting with '{prefix}' in:\n{output}");

    private static async Task StopLeftoverAsync(string dataDirectory)
    {
        if (File.Exists(Path.Combine(dataDirectory, "postmaster.pid")) && PostgresBinaries.Find() is { } bin)
        {
            try
            {
                await ServiceProcess.RunAsync(Path.Combine(bin, "pg_ctl"), ["stop", "-D", dataDirectory, "-m", "immediate", "-w", "-s"], CancellationToken.None);
            }
            catch (InvalidOperationException)
            {
                // Not running: only a stale pid file.
            }
        }
    }

    private static List<string> LeftoverServers(string workDirectory) =>
        Process.GetProcessesByName("postgres")
            .Select(p => File.Exists($"/proc/{p.Id}/cmdline") ? File.ReadAllText($"/proc/{p.Id}/cmdline").Replace('\0', ' ') : "")
            .Where(cmd => cmd.Contains(workDirectory, StringComparison.Ordinal))
            .ToList();

    private static void Run(string program, string[] arguments) =>
        ProcessRunner.Run(program, arguments).ExitCode.Should().Be(0, $"{program} {string.Join(' ', arguments)}");
}
