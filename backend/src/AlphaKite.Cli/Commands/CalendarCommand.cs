using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using AlphaKite.Core.Calendar;

namespace AlphaKite.Cli.Commands;

/// <summary>`alphakite calendar`: the NYSE sessions of a year or a date range, as text, CSV or JSON.</summary>
public static class CalendarCommand
{
    /// <param name="overridesFromEnvironment">ALPHAKITE_CALENDAR_OVERRIDES, read by Main.</param>
    /// <param name="clock">Supplies "this year" when no range is given.</param>
    public static CliCommand Create(string? overridesFromEnvironment, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var command = new CliCommand("calendar", "list NYSE sessions, holidays and early closes", """
            Lists NYSE regular sessions with their open and close in New York time; 13:00 early closes
            are marked. Without --year or --from/--to: the current New York year.
            """);
        var options = new Options(
            CliOptions.Int("--year", "YYYY", "one calendar year (2000-2100)", NyseCalendar.FirstSupportedDate.Year, 2100),
            CliOptions.Date("--from", "first date of an inclusive range (with --to; at most 100 years)"),
            CliOptions.Date("--to", "last date of the range (with --from)"),
            CliOptions.Text("--format", "text|csv|json", "text (default), csv or json"),
            CliOptions.Text("--overrides", "FILE", "closures announced after this release (JSON; see docs/calendar.md) (default: $ALPHAKITE_CALENDAR_OVERRIDES)"));
        foreach (var option in (Option[])[options.Year, options.From, options.To, options.Format, options.Overrides])
        {
            command.Options.Add(option);
        }

        command.SetAction(args => Run(args, options, overridesFromEnvironment, clock, Console.Out));
        return command;
    }

    private static int Run(ParseResult args, Options options, string? overridesFromEnvironment, TimeProvider clock, TextWriter output)
    {
        var year = args.GetValue(options.Year);
        var from = args.GetValue(options.From);
        var to = args.GetValue(options.To);
        var format = args.GetValue(options.Format) ?? "text";
        var overridesOption = args.GetValue(options.Overrides);
        var overridesPath = overridesOption ?? NullIfBlank(overridesFromEnvironment);

        var (first, last) = Range(year, from, to, clock);
        if (format is not ("text" or "csv" or "json"))
        {
            throw new UsageException($"--format must be text, csv or json, got '{format}'");
        }

        var calendar = new NyseCalendar(LoadOverrides(overridesPath, overridesOption is null ? "ALPHAKITE_CALENDAR_OVERRIDES" : "--overrides"));
        var sessions = calendar.SessionsBetween(first, last).ToList();
        var text = format switch
        {
            "csv" => Csv(calendar, sessions),
            "json" => Json(calendar, first, last, sessions),
            _ => Text(calendar, first, last, sessions),
        };
        output.Write(text);
        return 0;
    }

    private static (DateOnly First, DateOnly Last) Range(int? year, DateOnly? from, DateOnly? to, TimeProvider clock)
    {
        if (year is { } y)
        {
            return from is null && to is null
                ? (new DateOnly(y, 1, 1), new DateOnly(y, 12, 31))
                : throw new UsageException("give either --year or --from/--to, not both");
        }

        if (from is null && to is null)
        {
            var thisYear = NewYork.Date(clock.GetUtcNow()).Year;
            return (new DateOnly(thisYear, 1, 1), new DateOnly(thisYear, 12, 31));
        }

        if (from is not { } f || to is not { } t)
        {
            throw new UsageException("--from and --to go together; give both");
        }

        if (DateRange.Problem(f, t) is { } problem)
        {
            throw new UsageException(problem);
        }

        if (f < NyseCalendar.FirstSupportedDate)
        {
            throw new UsageException($"--from must be {NyseCalendar.FirstSupportedDate:yyyy-MM-dd} or later: the calendar's rules are not checked before that");
        }

        return t.DayNumber - f.DayNumber > 36_600
            ? throw new UsageException("the range may span at most 100 years")
            : (f, t);
    }

    private static IReadOnlyList<CalendarOverride> LoadOverrides(string? path, string source)
    {
        if (path is null)
        {
            return [];
        }

        try
        {
            return CalendarOverrides.LoadFile(path, File.ReadAllText, Directory.Exists);
        }
        catch (CalendarOverrideException e)
        {
            throw new UsageException($"{source}: {e.Message}");
        }
    }

    private static string Text(NyseCalendar calendar, DateOnly first, DateOnly last, List<TradingSession> sessions)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"NYSE sessions {first:yyyy-MM-dd} to {last:yyyy-MM-dd} (New York time)");
        var closures = 0;
        var byDate = sessions.ToDictionary(s => s.Date);
        for (var d = first; d <= last; d = d.AddDays(1))
        {
            if (byDate.TryGetValue(d, out var s))
            {
                var note = calendar.ReasonFor(d) is { } reason
                    ? s.IsEarlyClose ? $"  early close: {reason}" : $"  {reason}"
                    : string.Empty;
                text.AppendLine(CultureInfo.InvariantCulture, $"{d:yyyy-MM-dd} {d:ddd}  {NewYork.Clock(s.Open)}-{NewYork.Clock(s.Close)}  {s.ExpectedBars,3} bars{note}");
            }
            else if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                closures++;
                text.AppendLine(CultureInfo.InvariantCulture, $"{d:yyyy-MM-dd} {d:ddd}  closed       {calendar.ReasonFor(d)}");
            }
        }

        var early = sessions.Count(s => s.IsEarlyClose);
        text.AppendLine(CultureInfo.InvariantCulture, $"{sessions.Count} trading days ({early} early {(early == 1 ? "close" : "closes")}), {closures} weekday closures.");
        return text.ToString();
    }

    private static string Csv(NyseCalendar calendar, List<TradingSession> sessions)
    {
        var csv = new StringBuilder("date,open,close,open_utc,close_utc,early_close,bars,note\n");
        foreach (var s in sessions)
        {
            var note = (calendar.ReasonFor(s.Date) ?? string.Empty).Replace("\"", "\"\"", StringComparison.Ordinal);
            csv.Append(CultureInfo.InvariantCulture, $"{s.Date:yyyy-MM-dd},{NewYork.Clock(s.Open)},{NewYork.Clock(s.Close)},{Utc(s.Open)},{Utc(s.Close)},{(s.IsEarlyClose ? "true" : "false")},{s.ExpectedBars},\"{note}\"\n");
        }

        return csv.ToString();
    }

    private static string Json(NyseCalendar calendar, DateOnly first, DateOnly last, List<TradingSession> sessions)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("from", first.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            json.WriteString("to", last.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            json.WriteString("timeZone", NewYork.TimeZoneId);
            json.WriteNumber("tradingDays", sessions.Count);
            json.WriteStartArray("sessions");
            foreach (var s in sessions)
            {
                json.WriteStartObject();
                json.WriteString("date", s.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                json.WriteString("open", s.Open.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture));
                json.WriteString("close", s.Close.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture));
                json.WriteBoolean("earlyClose", s.IsEarlyClose);
                json.WriteNumber("bars", s.ExpectedBars);
                if (calendar.ReasonFor(s.Date) is { } note)
                {
                    json.WriteString("note", note);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static string Utc(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private sealed record Options(Option<int?> Year, Option<DateOnly?> From, Option<DateOnly?> To, Option<string?> Format, Option<string?> Overrides);

    private static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
