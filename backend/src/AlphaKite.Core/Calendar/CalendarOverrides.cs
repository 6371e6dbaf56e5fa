using System.Globalization;
using System.Text.Json;
using AlphaKite.Core.Files;

namespace AlphaKite.Core.Calendar;

/// <summary>
/// Parses calendar overrides: a JSON array of
/// <c>{"date": "2026-12-31", "close": "13:00" | null, "reason": "...", "open": "12:00" (optional)}</c>.
/// Core does no I/O: the roots (CLI, Lambda) pass the file system in (<c>File.ReadAllText</c>,
/// <c>Directory.Exists</c>), and the tests pass text.
/// </summary>
public static class CalendarOverrides
{
    /// <summary>Reads the overrides file at <paramref name="path"/> through <paramref name="readAllText"/>;
    /// every failure names the file and, where it applies, the entry.</summary>
    /// <param name="readAllText">Returns the file's text (File.ReadAllText at the roots).</param>
    /// <param name="isDirectory">Whether a path names a directory (Directory.Exists), asked only when reading failed.</param>
    public static IReadOnlyList<CalendarOverride> LoadFile(string path, Func<string, string> readAllText, Func<string, bool> isDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(readAllText);
        ArgumentNullException.ThrowIfNull(isDirectory);
        string json;
        try
        {
            json = readAllText(path);
        }
        catch (Exception e) when (FileProblem.IsFileFailure(e))
        {
            throw new CalendarOverrideException($"The calendar overrides file '{path}' {FileProblem.Describe(e, isDirectory(path))}.", e);
        }

        return Parse(json, $"calendar overrides file '{path}'");
    }

    /// <param name="json">The JSON text.</param>
    /// <param name="source">How to name the source in error messages.</param>
    public static IReadOnlyList<CalendarOverride> Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        List<CalendarOverrideEntry>? entries;
        try
        {
            entries = JsonSerializer.Deserialize(json, CalendarJsonContext.Default.ListCalendarOverrideEntry);
        }
        catch (JsonException e)
        {
            throw new CalendarOverrideException(
                $"The {source} {JsonProblem.Describe(json, e)}. "
                + "Expected a JSON array of {\"date\": \"2026-12-24\", \"close\": \"13:00\" or null, \"reason\": \"...\"}.", e);
        }

        if (entries is null)
        {
            throw new CalendarOverrideException($"The {source} holds null; expected a JSON array (it may be empty: []).");
        }

        var result = new List<CalendarOverride>(entries.Count);
        var seen = new HashSet<DateOnly>();
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i] ?? throw Bad(source, i, "is null");
            var date = ParseDate(entry.Date, source, i);
            var item = new CalendarOverride(
                date,
                ParseTime(entry.Close, "close", source, i, date),
                entry.Reason ?? string.Empty,
                ParseTime(entry.Open, "open", source, i, date));
            if (item.Problem() is { } problem)
            {
                throw Bad(source, i, $"(date {date:yyyy-MM-dd}): {problem}");
            }

            if (!seen.Add(date))
            {
                throw Bad(source, i, $"(date {date:yyyy-MM-dd}) repeats a date listed earlier; keep one entry per date");
            }

            result.Add(item);
        }

        return result;
    }

    private static DateOnly ParseDate(string? text, string source, int index) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw Bad(source, index, $"has date '{text}'; write it as yyyy-MM-dd, e.g. 2026-12-24");

    private static TimeOnly? ParseTime(string? text, string field, string source, int index, DateOnly date)
    {
        if (text is null)
        {
            return null;
        }

        return TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time
            : throw Bad(source, index, $"(date {date:yyyy-MM-dd}) has {field} '{text}'; write a New York time as HH:mm, e.g. 13:00");
    }

    private static CalendarOverrideException Bad(string source, int index, string what) =>
        new($"The {source}: entry {index + 1} {what}.");
}
