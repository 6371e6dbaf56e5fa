namespace AlphaKite.IntegrationTests.Infrastructure;

/// <summary>
/// An independent reading of EventBridge Scheduler's cron(minutes hours day-of-month month
/// day-of-week year), for the subset the schedules use: *, ?, numbers, ranges, lists, day names,
/// and increments (start/step, from-to/step, */step) as AWS documents them.
/// </summary>
internal sealed class AwsCron
{
    private static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    private readonly HashSet<int> _minutes;
    private readonly HashSet<int> _hours;
    private readonly HashSet<int> _days;

    private AwsCron(HashSet<int> minutes, HashSet<int> hours, HashSet<int> days) =>
        (_minutes, _hours, _days) = (minutes, hours, days);

    public static AwsCron Parse(string expression)
    {
        if (!expression.StartsWith("cron(", StringComparison.Ordinal) || !expression.EndsWith(')'))
        {
            throw new FormatException($"not a cron() expression: {expression}");
        }

        var fields = expression[5..^1].Split(' ');
        if (fields.Length != 6)
        {
            throw new FormatException($"expected 6 fields, got {fields.Length}: {expression}");
        }

        if (fields[2] is not ("?" or "*") || fields[3] != "*" || fields[5] != "*")
        {
            throw new FormatException($"only every day-of-month, month and year are supported: {expression}");
        }

        return new AwsCron(Field(fields[0], 0, 59), Field(fields[1], 0, 23), Field(fields[4], 1, 7));
    }

    /// <summary>Does the schedule fire at this local wall-clock minute?</summary>
    public bool Fires(DayOfWeek day, int hour, int minute) =>
        _days.Contains((int)day + 1) && _hours.Contains(hour) && _minutes.Contains(minute);

    private static HashSet<int> Field(string field, int min, int max)
    {
        if (field is "*" or "?")
        {
            return [.. Enumerable.Range(min, max - min + 1)];
        }

        var values = new HashSet<int>();
        foreach (var part in field.Split(','))
        {
            // An increment: 0/5 is 0, 5, ... up to the field's maximum; 35-55/5 stops at 55.
            var slash = part.Split('/');
            var step = slash.Length == 2 ? int.Parse(slash[1], System.Globalization.CultureInfo.InvariantCulture) : 1;
            if (slash.Length > 2 || step < 1)
            {
                throw new FormatException($"{part} is not a valid increment");
            }

            var bounds = slash[0] == "*" ? [min.ToString(System.Globalization.CultureInfo.InvariantCulture), max.ToString(System.Globalization.CultureInfo.InvariantCulture)] : slash[0].Split('-');
            var from = Value(bounds[0]);
            var to = bounds.Length == 2 ? Value(bounds[1]) : slash.Length == 2 ? max : from;
            if (from < min || to > max || from > to)
            {
                throw new FormatException($"{part} is outside {min}-{max}");
            }

            for (var v = from; v <= to; v += step)
            {
                values.Add(v);
            }
        }

        return values;
    }

    // Day-of-week numbers are 1 (SUN) to 7 (SAT) in AWS cron.
    private static int Value(string token) =>
        Array.IndexOf(DayNames, token) is var index and >= 0 ? index + 1 : int.Parse(token, System.Globalization.CultureInfo.InvariantCulture);
}
