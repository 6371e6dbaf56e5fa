namespace AlphaKite.IntegrationTests.Postgres;

/// <summary>A missing tool fails the run on CI and skips locally, saying how to install it.</summary>
public static class Prerequisite
{
    public static void Missing(string installHint)
    {
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(installHint);
        }

        Assert.Ignore(installHint);
    }
}
