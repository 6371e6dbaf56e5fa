namespace AlphaKite.IntegrationTests.Infrastructure;

/// <summary>The checkout the tests run from (the directory holding AlphaKite.sln).</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "AlphaKite.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("AlphaKite.sln not found above the test directory: run the tests from a checkout.");
    }
}
