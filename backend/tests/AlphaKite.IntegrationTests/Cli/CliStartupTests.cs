using System.Diagnostics;

namespace AlphaKite.IntegrationTests.Cli;

/// <summary>The published CLI's composition root, as a user starts it.</summary>
[Category("Integration")]
public class CliStartupTests
{
    [Test]
    public async Task Start_BrokenCalendarOverridesFile_ExitsTwoNamingTheVariable()
    {
        var info = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "alphakite.dll"), "calendar", "--year", "2026"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["ALPHAKITE_CALENDAR_OVERRIDES"] = "/nonexistent/overrides.json";

        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        process.ExitCode.Should().Be(2);
        stdout.Should().BeEmpty();
        (await stderr).Should().StartWith("alphakite: ALPHAKITE_CALENDAR_OVERRIDES:").And.Contain("/nonexistent/overrides.json").And.NotContain("   at ");
    }
}
