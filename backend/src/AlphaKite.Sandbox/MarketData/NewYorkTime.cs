using System.Globalization;
using AlphaKite.Core.Calendar;
using NodaTime;

namespace AlphaKite.Sandbox.MarketData;

/// <summary>New York wall-clock helpers for the shapes Schwab writes in local time.</summary>
internal static class NewYorkTime
{
    public static DateTimeOffset StartOfDay(DateOnly date) =>
        NyseCalendar.NewYork.AtStartOfDay(new LocalDate(date.Year, date.Month, date.Day)).ToDateTimeOffset();

    /// <summary>ISO 8601 with New York's offset of that instant, e.g. <c>2026-11-20T09:30:00-05:00</c>.</summary>
    public static string Iso(DateTimeOffset instant) =>
        Instant.FromDateTimeOffset(instant).InZone(NyseCalendar.NewYork).ToDateTimeOffset()
            .ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
