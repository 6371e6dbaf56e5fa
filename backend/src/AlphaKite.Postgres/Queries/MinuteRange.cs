using AlphaKite.Core.Calendar;
using NodaTime;

namespace AlphaKite.Postgres.Queries;

/// <summary>Consecutive missing minutes, by bar start, both ends included.</summary>
public sealed record MinuteRange(DateTimeOffset First, DateTimeOffset Last)
{
    public int Minutes => (int)(Last - First).TotalMinutes + 1;

    /// <summary>New York wall-clock, e.g. "10:02-10:11" or "10:02" for a single minute.</summary>
    public override string ToString()
    {
        var first = Clock(First);
        return First == Last ? first : $"{first}-{Clock(Last)}";
    }

    private static string Clock(DateTimeOffset instant) =>
        Instant.FromDateTimeOffset(instant).InZone(NyseCalendar.NewYork).TimeOfDay.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
