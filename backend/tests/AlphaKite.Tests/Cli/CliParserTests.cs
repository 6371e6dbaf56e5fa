using AlphaKite.Cli;
using AlphaKite.Cli.Commands;
using AlphaKite.Cli.Local;
using AlphaKite.Core.Calendar;
using AlphaKite.TestSupport;

namespace AlphaKite.Tests.Cli;

/// <summary>How `alphakite` reads its command lines (System.CommandLine with our option kinds).</summary>
public class CliParserTests
{
    private static readonly CliEnvironment NoEnvironment = new(null, null, null, null, null, null, null);

    [TestCase(new string[0], false)]
    [TestCase(new[] { "--once" }, true)]
    [TestCase(new[] { "--once=true" }, true)]
    [TestCase(new[] { "--once=false" }, false)]
    [TestCase(new[] { "--once", "false" }, false)]
    [TestCase(new[] { "--once=False", "--tickers", "SPY" }, false)]
    public void StreamOnce_FlagForms_ReadAsWritten(string[] args, bool expected)
    {
        var parse = StreamCommand.Create(NoEnvironment, TimeProvider.System, new NyseCalendar()).Parse(args);

        parse.Errors.Should().BeEmpty();
        parse.GetValue<bool>("--once").Should().Be(expected);
    }

    [Test]
    public void UnknownOption_DoesNotSwallowTheNextArgument()
    {
        var parse = StatusCommand.Create(null, null, TimeProvider.System, new NyseCalendar()).Parse(["--bogus", "--date", "2026-11-25"]);

        parse.UnmatchedTokens.Should().Equal("--bogus");
        parse.GetValue<DateOnly?>("--date").Should().Be(new DateOnly(2026, 11, 25));
    }

    [Test]
    public async Task Host_UnknownOption_ExitsTwoBlamingIt()
    {
        var (code, stdout, stderr) = await CliRunner.RunAsync(["status", "--bogus", "--date", "2026-11-25"],
            [StatusCommand.Create("postgresql://u@127.0.0.1:1/db", null, TimeProvider.System, new NyseCalendar())]);

        code.Should().Be(2);
        stdout.Should().BeEmpty();
        stderr.Should().StartWith("alphakite status: unknown option '--bogus'").And.NotContain("2026-11-25");
    }

    [Test]
    public async Task Host_CommandUsageError_ExitsTwoInOurStyleWithAPointerToHelp()
    {
        var (code, _, stderr) = await CliRunner.RunAsync(["status", "--date", "2026-11-28"],
            [StatusCommand.Create("postgresql://u@127.0.0.1:1/db", null, TimeProvider.System, new NyseCalendar())]);

        code.Should().Be(2);
        stderr.Should().Be("alphakite status: 2026-11-28 is not a trading day (weekend or NYSE holiday)\n(`alphakite status --help` lists the options)\n");
    }

    [Test]
    public async Task Host_RefusedCommand_ExitsTwoWithTheProblem_HelpStillWorks()
    {
        CliCommand[] commands = [CliHost.RefuseWhen("ALPHAKITE_CALENDAR_OVERRIDES: broken", StatusCommand.Create(null, null, TimeProvider.System, new NyseCalendar()))];

        var (code, _, stderr) = await CliRunner.RunAsync(["status"], commands);
        var (helpCode, help, _) = await CliRunner.RunAsync(["status", "--help"], commands);

        code.Should().Be(2);
        stderr.Should().StartWith("alphakite status: ALPHAKITE_CALENDAR_OVERRIDES: broken");
        helpCode.Should().Be(0);
        help.Should().Contain("--max-age");
    }

    [Test]
    public async Task Host_ValueStartingWithAt_IsAValueNotAResponseFile()
    {
        // System.CommandLine would read "@x" as a file of arguments; a secret or path may start with '@'.
        var (code, _, stderr) = await CliRunner.RunAsync(["status", "--tickers", "@QQQ"],
            [StatusCommand.Create("postgresql://u@127.0.0.1:1/db", null, TimeProvider.System, new NyseCalendar())]);

        code.Should().Be(2);
        stderr.Should().StartWith("alphakite status: '@QQQ' is not a ticker symbol");
    }

    [TestCase("--speed", "1e999", "*--speed must be a number of at least 1, got '1e999'*")]
    [TestCase("--speed", "NaN", "*--speed must be a number of at least 1, got 'NaN'*")]
    [TestCase("--date", "2026-02-30", "*--date must be a date like 2026-11-20, got '2026-02-30'*")]
    public async Task Demo_BadValue_UsageErrorBeforeAnythingRuns(string option, string value, string message)
    {
        var act = () => DemoCommand.Create(TimeProvider.System, new NyseCalendar()).RunAsync([option, value], CancellationToken.None);

        (await act.Should().ThrowAsync<UsageException>()).WithMessage(message);
    }
}
