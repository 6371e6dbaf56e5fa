namespace AlphaKite.IntegrationTests.Infrastructure;

/// <summary>A missing tool fails the test on CI (CI=true) and skips it elsewhere, saying how to install it.</summary>
internal static class Prerequisite
{
    public static void Require(bool present, string what, string install)
    {
        if (present)
        {
            return;
        }

        var message = $"{what} is missing: {install}";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(message);
        }

        Assert.Ignore(message);
    }

    /// <summary>Full path of an executable on PATH, or null.</summary>
    public static string? FindOnPath(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => System.IO.Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
    }

    public static string RequireOnPath(string name, string install)
    {
        var found = FindOnPath(name);
        Require(found is not null, name, install);
        return found!;
    }
}
