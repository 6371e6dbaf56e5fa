namespace AlphaKite.Core.Files;

/// <summary>Why a file could not be read or written, in our words instead of the runtime's
/// ("Access to the path ... is denied" for a directory).</summary>
public static class FileProblem
{
    /// <summary>True for the exceptions file I/O throws when the path, not the program, is the problem.</summary>
    public static bool IsFileFailure(Exception e) => e is IOException or UnauthorizedAccessException;

    /// <summary>A phrase such as "does not exist" or "is a directory, not a file", to follow the file's name.</summary>
    /// <param name="isDirectory">Whether the path names a directory: the caller asks the file system,
    /// since the runtime reports a directory as "access denied".</param>
    public static string Describe(Exception error, bool isDirectory, bool writing = false)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (isDirectory)
        {
            return "is a directory, not a file";
        }

        var verb = writing ? "written" : "read";
        return error switch
        {
            FileNotFoundException => "does not exist",
            DirectoryNotFoundException => writing ? "is in a directory that does not exist" : "does not exist (nor does its directory)",
            UnauthorizedAccessException => $"cannot be {verb}: permission denied (check the owner and mode of the file and its directory)",
            PathTooLongException => "has a path that is too long",
            _ => $"cannot be {verb} (an I/O error; check the path and the disk)",
        };
    }
}
