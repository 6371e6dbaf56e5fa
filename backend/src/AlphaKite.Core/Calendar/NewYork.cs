using System.Globalization;
using NodaTime;

namespace AlphaKite.Core.Calendar;

/// <summary>
/// The exchange's time zone, and the one place an instant becomes New York wall-clock time (and
/// back). NodaTime stays inside Core: everyone else calls these functions.
/// </summary>
public static class NewYork
{
    public const string TimeZoneId = "America/New_York";

    /// <summary>From NodaTime's embedded TZDB, never the OS database
    /// (early provided.al2023 images had no /usr/share/zoneinfo).</summary>
    private static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb[TimeZoneId];

    /// <summary>The New York calendar date of an instant.</summary>
    public static DateOnly Date(DateTimeOffset instant)
    {
        var local = Instant.FromDateTimeOffset(instant).InZone(Zone).Date;
        return new DateOnly(local.Year, local.Month, local.Day);
    }

    /// <summary>The same instant with New York's offset at that instant (-05:00 or -04:00).</summary>
    public static DateTimeOffset Time(DateTimeOffset instant) =>
        Instant.FromDateTimeOffset(instant).InZone(Zone).ToDateTimeOffset();

    /// <summary>New York wall-clock time of an instant as "HH:mm".</summary>
    public static string Clock(DateTimeOffset instant) =>
        Time(instant).ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>ISO 8601 with New York's offset, e.g. <c>2026-11-20T09:30:00-05:00</c>.</summary>
    public static string Iso(DateTimeOffset instant) =>
        Time(instant).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>The first instant of <paramref name="date"/> in New York.</summary>
    public static DateTimeOffset StartOfDay(DateOnly date) =>
        Zone.AtStartOfDay(new LocalDate(date.Year, date.Month, date.Day)).ToDateTimeOffset();

    /// <summary>The instant a New York wall clock shows <paramref name="time"/> on <paramref name="date"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">That wall-clock time does not exist that day (the
    /// spring-forward gap) or occurs twice (the fall-back hour): no single instant to return.</exception>
    public static DateTimeOffset At(DateOnly date, TimeOnly time)
    {
        var mapping = Zone.MapLocal(new LocalDateTime(date.Year, date.Month, date.Day, time.Hour, time.Minute, time.Second));
        return mapping.Count == 1
            ? mapping.Single().ToDateTimeOffset()
            : throw new ArgumentOutOfRangeException(nameof(time), time, mapping.Count == 0
                ? $"{date:yyyy-MM-dd} {time:HH:mm:ss} does not exist in New York (the clocks spring forward)."
                : $"{date:yyyy-MM-dd} {time:HH:mm:ss} occurs twice in New York (the clocks fall back).");
    }
}
