using AlphaKite.IntegrationTests.Infrastructure;
using AlphaKite.TestSupport;

namespace AlphaKite.IntegrationTests.Doctor;

/// <summary>The published CLI (`dotnet alphakite.dll`) started as a user starts it, in a directory of its own,
/// with exactly the environment a test gives it.</summary>
internal static class DoctorCli
{
    public static ProcessResult Run(string directory, IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var env = new Dictionary<string, string?>
        {
            // Nothing from the machine running the tests reaches the CLI unless the test says so.
            ["DATABASE_URL"] = null, ["SCHWAB_APP_KEY"] = null, ["SCHWAB_APP_SECRET"] = null, ["SCHWAB_BASE_URL"] = null,
            ["SCHWAB_CALLBACK_URL"] = null, ["ALPHAKITE_TICKERS"] = null, ["ALPHAKITE_CALENDAR_OVERRIDES"] = null,
            ["AWS_ENDPOINT_URL"] = null, ["ALPHAKITE_AWS_CLI"] = null,
        };
        foreach (var (name, value) in environment)
        {
            env[name] = value;
        }

        return ProcessRunner.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "alphakite.dll"), .. arguments], directory, env, TimeSpan.FromMinutes(3));
    }

    /// <summary>The line the doctor printed for one check ("ok  ", "FAIL" or "skip", two spaces, the name, a colon).</summary>
    public static string Line(ProcessResult result, string check) =>
        result.StandardOutput.Split('\n').SingleOrDefault(l => l.Length > 6 && l[6..].StartsWith(check + ":", StringComparison.Ordinal))
        ?? throw new AssertionException($"no line for check '{check}' in:\n{result.Output}");
}
