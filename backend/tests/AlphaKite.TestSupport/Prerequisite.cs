namespace AlphaKite.TestSupport;

/// <summary>
/// Missing tools fail the run on CI and are skipped with the install command elsewhere. Strict
/// mode is CI=true, which .ci/run exports itself; test.sh counts the skips in its closing line.
/// </summary>
public static class Prerequisite
{
    public static void Missing(string what, string install)
    {
        var message = $"{what} is missing: {install}";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(message);
        }

        Assert.Ignore(message);
    }

    /// <summary>Goes on when <paramref name="present"/>; otherwise <see cref="Missing"/>.</summary>
    public static void Require(bool present, string what, string install)
    {
        if (!present)
        {
            Missing(what, install);
        }
    }

    /// <summary>Full path of an executable on PATH, or null.</summary>
    public static string? FindOnPath(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>Full path of an executable on PATH; <see cref="Missing"/> when there is none.</summary>
    public static string RequireOnPath(string name, string install)
    {
        var found = FindOnPath(name);
        Require(found is not null, name, install);
        return found!;
    }

    public static bool CanRun(string file, params string[] args)
    {
        try
        {
            return ProcessRunner.Run(file, args, timeout: TimeSpan.FromSeconds(30)).ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
