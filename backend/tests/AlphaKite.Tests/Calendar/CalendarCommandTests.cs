using System.Text.Json;
using AlphaKite.Cli;
using AlphaKite.Cli.Commands;
using Microsoft.Extensions.Time.Testing;

using AlphaKite.TestSupport;

namespace AlphaKite.Tests.Calendar;

/// <summary>`alphakite calendar` through the real host (exit codes, stdout, stderr). Console is global: not parallel.</summary>
[NonParallelizable]
public class CalendarCommandTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 6, 1, 15, 0, 0, TimeSpan.Zero));
    private string _dir = null!;

    [SetUp]
    public void CreateDirectory() => _dir = Directory.CreateTempSubdirectory("alphakite-calendar-cli-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_dir, recursive: true);

    [Test]
    public async Task Run_Year2026Text_ListsSessionsMarksEarlyClosesAndCounts()
    {
        var (exit, stdout, _) = await RunAsync(null, "calendar", "--year", "2026");

        exit.Should().Be(0);
        stdout.Should().Contain("2026-11-27 Fri  09:30-13:00  210 bars  early close: Day after Thanksgiving");
        stdout.Should().Contain("2026-07-06 Mon  09:30-16:00  390 bars");
        stdout.Should().Contain("2026-07-03 Fri  closed       Independence Day (observed)");
        stdout.TrimEnd().Should().EndWith("251 trading days (2 early closes), 10 weekday closures.");
    }

    [Test]
    public async Task Run_Csv_OneRowPerSessionWithUtcInstants()
    {
        var (exit, stdout, _) = await RunAsync(null, "calendar", "--from", "2026-03-06", "--to", "2026-03-09", "--format", "csv");

        exit.Should().Be(0);
        stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().Equal(
            "date,open,close,open_utc,close_utc,early_close,bars,note",
            "2026-03-06,09:30,16:00,2026-03-06T14:30:00Z,2026-03-06T21:00:00Z,false,390,\"\"",
            "2026-03-09,09:30,16:00,2026-03-09T13:30:00Z,2026-03-09T20:00:00Z,false,390,\"\"");
    }

    [Test]
    public async Task Run_Json_IsParseableWithCountAndEarlyCloses()
    {
        var (exit, stdout, _) = await RunAsync(null, "calendar", "--year", "2024", "--format", "json");

        exit.Should().Be(0);
        using var doc = JsonDocument.Parse(stdout);
        doc.RootElement.GetProperty("tradingDays").GetInt32().Should().Be(252);
        doc.RootElement.GetProperty("sessions").EnumerateArray()
            .Where(s => s.GetProperty("earlyClose").GetBoolean())
            .Select(s => s.GetProperty("date").GetString())
            .Should().Equal("2024-07-03", "2024-11-29", "2024-12-24");
    }

    [Test]
    public async Task Run_NoRange_UsesTheClocksNewYorkYear()
    {
        var (exit, stdout, _) = await RunAsync(null, "calendar");

        exit.Should().Be(0);
        stdout.Should().StartWith("NYSE sessions 2026-01-01 to 2026-12-31");
    }

    [Test]
    public async Task Run_OverridesFromOptionOrEnvironment_ClosesTheDay()
    {
        var path = Path.Combine(_dir, "o.json");
        await File.WriteAllTextAsync(path, """[{"date": "2026-03-02", "close": null, "reason": "Day of mourning"}]""");

        var fromOption = await RunAsync(null, "calendar", "--from", "2026-03-02", "--to", "2026-03-02", "--overrides", path);
        var fromEnvironment = await RunAsync(path, "calendar", "--from", "2026-03-02", "--to", "2026-03-02");

        fromOption.Out.Should().Contain("2026-03-02 Mon  closed       Day of mourning");
        fromEnvironment.Out.Should().Be(fromOption.Out);
    }

    [TestCase("--year abc", "*--year must be a whole number*")]
    [TestCase("--year 1999", "*--year must be a whole number from 2000*")]
    [TestCase("--year 2026 --from 2026-01-01 --to 2026-02-01", "*either --year or --from/--to*")]
    [TestCase("--from 2026-01-01", "*--from and --to go together*")]
    [TestCase("--from 2026-02-01 --to 2026-01-01", "*--to 2026-01-01 is before --from 2026-02-01*")]
    [TestCase("--from 1999-02-01 --to 2000-01-01", "*--from must be 2000-01-01 or later*")]
    [TestCase("--from 2026-13-01 --to 2026-12-31", "*--from must be a date like*")]
    [TestCase("--format xml", "*--format must be text, csv or json*")]
    [TestCase("--colour red", "*unknown option '--colour'*")]
    public async Task Run_BadInput_ExitsTwoWithMessageAndWritesNothingToStdout(string args, string message)
    {
        var (exit, stdout, stderr) = await RunAsync(null, ["calendar", .. args.Split(' ')]);

        exit.Should().Be(2);
        stdout.Should().BeEmpty();
        stderr.Should().Match(message);
    }

    [Test]
    public async Task Run_MissingOverridesFile_ExitsTwoNamingTheFile()
    {
        var path = Path.Combine(_dir, "missing.json");

        var (exit, stdout, stderr) = await RunAsync(path, "calendar", "--year", "2026");

        exit.Should().Be(2);
        stdout.Should().BeEmpty();
        stderr.Should().Contain(path);
    }

    private static Task<(int Code, string Out, string Error)> RunAsync(string? overridesEnv, params string[] args) =>
        CliRunner.RunAsync(args, [CalendarCommand.Create(overridesEnv, Clock)]);
}
