namespace AlphaKite.Cli;

/// <summary>Where the schwab-py token file lives by default: backend/config/schwab_token.json of the
/// repository the command runs in (found by walking up to AlphaKite.sln), else under the current directory.</summary>
public static class TokenFilePath
{
    public static string Default(string currentDirectory) => Path.Combine(RepositoryRoot(currentDirectory), "backend", "config", "schwab_token.json");

    /// <summary>The repository the command runs in (the nearest directory up holding AlphaKite.sln), else the current directory.</summary>
    public static string RepositoryRoot(string currentDirectory)
    {
        for (var dir = new DirectoryInfo(currentDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AlphaKite.sln")))
            {
                return dir.FullName;
            }
        }

        return currentDirectory;
    }
}
