namespace AlphaKite.Cli;

/// <summary>Where the schwab-py token file lives by default: backend/config/schwab_token.json of the
/// repository the command runs in (found by walking up to AlphaKite.sln), else under the current directory.</summary>
public static class TokenFilePath
{
    public static string Default(string currentDirectory)
    {
        for (var dir = new DirectoryInfo(currentDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AlphaKite.sln")))
            {
                return Path.Combine(dir.FullName, "backend", "config", "schwab_token.json");
            }
        }

        return Path.Combine(currentDirectory, "backend", "config", "schwab_token.json");
    }
}
