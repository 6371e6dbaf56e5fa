namespace AlphaKite.Core.Status;

/// <summary>Turns "expected minutes minus stored minutes" into ranges a person can read.</summary>
public static class MinuteGaps
{
    /// <param name="expected">Bar starts that should exist, ascending, one minute apart.</param>
    /// <param name="stored">Bar starts that do exist (others are ignored).</param>
    public static IReadOnlyList<MinuteRange> Find(IEnumerable<DateTimeOffset> expected, IReadOnlySet<DateTimeOffset> stored)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(stored);
        var ranges = new List<MinuteRange>();
        DateTimeOffset? first = null;
        DateTimeOffset last = default;
        foreach (var minute in expected)
        {
            if (stored.Contains(minute))
            {
                continue;
            }

            if (first is not null && minute - last == TimeSpan.FromMinutes(1))
            {
                last = minute;
                continue;
            }

            if (first is { } f)
            {
                ranges.Add(new MinuteRange(f, last));
            }

            first = minute;
            last = minute;
        }

        if (first is { } open)
        {
            ranges.Add(new MinuteRange(open, last));
        }

        return ranges;
    }
}
