using System.Reflection;
using AlphaKite.Cli;
using AlphaKite.TestSupport;

namespace AlphaKite.IntegrationTests.Cli;

/// <summary>The published CLI's composition root and parser, as a user starts it.</summary>
[Category("Integration")]
public class CliStartupTests
{
    private string _dir = null!;
    private string _broken = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = Directory.CreateTempSubdirectory("alphakite-startup-").FullName;
        _broken = Path.Combine(_dir, "broken.json");
        File.WriteAllText(_broken, """[{"date": "2026-03-02", "close": """);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void BrokenOverridesVariable_CalendarWithOverridesFile_UsesTheFile()
    {
        var good = Path.Combine(_dir, "good.json");
        File.WriteAllText(good, """[{ "date": "2026-03-02", "close": null, "reason": "National Day of Mourning" }]""");

        var (code, stdout, stderr) = Run(["calendar", "--from", "2026-03-02", "--to", "2026-03-02", "--overrides", good], _broken);

        code.Should().Be(0, stderr);
        stdout.Should().Contain("2026-03-02 Mon  closed").And.Contain("National Day of Mourning");
    }

    [TestCase("--help")]
    [TestCase("calendar", "--help")]
    [TestCase("db", "migrate", "--help")]
    [TestCase("--version")]
    public void BrokenOverridesVariable_HelpAndVersion_StillWork(params string[] args)
    {
        var (code, stdout, stderr) = Run(args, _broken);

        code.Should().Be(0, stderr);
        stdout.Should().NotBeEmpty();
        stderr.Should().BeEmpty();
    }

    [Test]
    public void BrokenOverridesVariable_CommandThatNeedsNoCalendar_GetsPastIt()
    {
        // db migrate never uses the calendar: it fails on the database it was given, not the variable.
        var (code, _, stderr) = Run(["db", "migrate"], _broken, databaseUrl: "");

        code.Should().Be(2);
        stderr.Should().Contain("no database given").And.NotContain("ALPHAKITE_CALENDAR_OVERRIDES");
    }

    [Test]
    public void Version_PrintsTheInformationalVersion()
    {
        var expected = typeof(CliHost).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;

        var (code, stdout, _) = Run(["--version"]);

        code.Should().Be(0);
        stdout.Trim().Should().Be(expected);
    }

    [Test]
    public void DbHelp_ListsMigrateAndTheExitCodes()
    {
        var (code, stdout, stderr) = Run(["db", "--help"]);

        code.Should().Be(0, stderr);
        stdout.Should().Contain("migrate").And.Contain("Exit codes:").And.NotContain("unknown command");
    }

    [TestCase("stream", "$DATABASE_URL", "$ALPHAKITE_TICKERS", "$SCHWAB_APP_KEY", "$SCHWAB_APP_SECRET", "$SCHWAB_BASE_URL")]
    [TestCase("backfill", "$DATABASE_URL", "$ALPHAKITE_TICKERS", "$SCHWAB_APP_KEY", "$SCHWAB_APP_SECRET", "$SCHWAB_BASE_URL")]
    [TestCase("invoke", "$DATABASE_URL", "$ALPHAKITE_TICKERS", "$SCHWAB_APP_KEY", "$SCHWAB_APP_SECRET", "$SCHWAB_BASE_URL")]
    [TestCase("auth", "$SCHWAB_APP_KEY", "$SCHWAB_APP_SECRET", "$SCHWAB_CALLBACK_URL", "$SCHWAB_BASE_URL")]
    [TestCase("status", "$DATABASE_URL", "$ALPHAKITE_TICKERS")]
    [TestCase("export", "$DATABASE_URL")]
    [TestCase("calendar", "$ALPHAKITE_CALENDAR_OVERRIDES")]
    [TestCase("demo")]
    [TestCase("sandbox")]
    public void CommandHelp_ShowsOptionsTheirVariablesAndTheExitCodes(string command, params string[] variables)
    {
        var (code, stdout, stderr) = Run([command, "--help"]);

        code.Should().Be(0, stderr);
        stdout.Should().Contain($"alphakite {command} [options]").And.Contain("Options:").And.Contain("--help")
            .And.Contain("Exit codes:").And.Contain("130");
        foreach (var variable in variables)
        {
            stdout.Should().Contain(variable);
        }
    }

    [Test]
    public void NoArguments_PrintsTheOverviewAndExitsTwo()
    {
        var (code, stdout, _) = Run([]);

        code.Should().Be(2);
        stdout.Should().Contain("Commands:").And.Contain("status").And.Contain("db").And.Contain("Exit codes:");
    }

    [Test]
    public void FlagEqualsValueForms_AreAccepted()
    {
        var (code, stdout, stderr) = Run(["calendar", "--from=2026-11-26", "--to=2026-11-27", "--format=csv"]);

        code.Should().Be(0, stderr);
        stdout.Should().Be("date,open,close,open_utc,close_utc,early_close,bars,note\n" +
            "2026-11-27,09:30,13:00,2026-11-27T14:30:00Z,2026-11-27T18:00:00Z,true,210,\"Day after Thanksgiving\"\n");
    }

    [TestCase("sta", "status")]
    [TestCase("status --da", "--date")]
    [TestCase("db mi", "migrate")]
    public void SuggestDirective_CompletesCommandsAndOptions(string line, string completion)
    {
        // What dotnet-suggest's shell shims call on Tab (see README, "Tab completion").
        var (code, stdout, _) = Run([$"[suggest:{line.Length}]", line]);

        code.Should().Be(0);
        stdout.Split('\n', StringSplitOptions.TrimEntries).Should().Contain(completion);
    }

    private static (int Code, string Stdout, string Stderr) Run(string[] args, string overrides = "", string? databaseUrl = null) =>
        ProcessRunner.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "alphakite.dll"), .. args],
            environment: new Dictionary<string, string?>
            {
                ["ALPHAKITE_CALENDAR_OVERRIDES"] = overrides,
                ["DATABASE_URL"] = databaseUrl ?? "postgresql://u@127.0.0.1:1/db",
            });
}
