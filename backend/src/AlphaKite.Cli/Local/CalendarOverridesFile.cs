using AlphaKite.Core.Calendar;
using AlphaKite.Core.Files;

namespace AlphaKite.Cli.Local;

/// <summary>Reads a calendar overrides file (ALPHAKITE_CALENDAR_OVERRIDES, --overrides) for Core to parse.</summary>
public static class CalendarOverridesFile
{
    /// <exception cref="CalendarOverrideException">The file cannot be read or holds unusable overrides; the message names it.</exception>
    public static IReadOnlyList<CalendarOverride> Load(string path)
    {
        try
        {
            return CalendarOverrides.ParseFile(path, File.ReadAllText(path));
        }
        catch (Exception e) when (FileProblem.IsFileFailure(e))
        {
            throw CalendarOverrides.Unreadable(path, e, Directory.Exists(path));
        }
    }
}
