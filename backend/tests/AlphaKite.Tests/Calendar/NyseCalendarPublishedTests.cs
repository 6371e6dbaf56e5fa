using System.Globalization;
using AlphaKite.Core.Calendar;

namespace AlphaKite.Tests.Calendar;

/// <summary>
/// The calendar against the exchange's own published lists. Expected dates are copied by hand from
/// NYSE Group's "Holiday and Early Closings Calendar" releases (BusinessWire, reprinted by
/// mondovisione.com): 2021-12-27 (2022-2024), 2024-11-08 (2025-2027), 2025-12-23 (2026-2028);
/// plus the NYSE's closure for the National Day of Mourning for President Carter, 2025-01-09.
/// </summary>
public class NyseCalendarPublishedTests
{
    private static readonly string[] Holidays =
    [
        // 2024
        "2024-01-01", "2024-01-15", "2024-02-19", "2024-03-29", "2024-05-27", "2024-06-19",
        "2024-07-04", "2024-09-02", "2024-11-28", "2024-12-25",
        // 2025 (2025-01-09: National Day of Mourning, President Carter)
        "2025-01-01", "2025-01-09", "2025-01-20", "2025-02-17", "2025-04-18", "2025-05-26",
        "2025-06-19", "2025-07-04", "2025-09-01", "2025-11-27", "2025-12-25",
        // 2026 (Independence Day observed Friday July 3)
        "2026-01-01", "2026-01-19", "2026-02-16", "2026-04-03", "2026-05-25", "2026-06-19",
        "2026-07-03", "2026-09-07", "2026-11-26", "2026-12-25",
        // 2027 (Juneteenth observed June 18, Independence Day July 5, Christmas December 24)
        "2027-01-01", "2027-01-18", "2027-02-15", "2027-03-26", "2027-05-31", "2027-06-18",
        "2027-07-05", "2027-09-06", "2027-11-25", "2027-12-24",
    ];

    // The releases' footnotes: "Each market will close early at 1:00 p.m." on these dates only
    // (none in July 2026 or July 2027, none at Christmas 2027).
    private static readonly string[] EarlyCloses =
    [
        "2024-07-03", "2024-11-29", "2024-12-24",
        "2025-07-03", "2025-11-28", "2025-12-24",
        "2026-11-27", "2026-12-24",
        "2027-11-26",
    ];

    [Test]
    public void SessionOn_PublishedHoliday_IsClosedWithAReason([ValueSource(nameof(Holidays))] string date)
    {
        var calendar = new NyseCalendar();

        var day = Parse(date);

        calendar.SessionOn(day).Should().BeNull();
        calendar.ReasonFor(day).Should().NotBeNullOrWhiteSpace();
    }

    [Test]
    public void SessionOn_PublishedEarlyClose_ClosesAt1300NewYorkWith210Bars([ValueSource(nameof(EarlyCloses))] string date)
    {
        var calendar = new NyseCalendar();

        var session = calendar.SessionOn(Parse(date));

        session.Should().NotBeNull();
        session!.IsEarlyClose.Should().BeTrue();
        session.Open.TimeOfDay.Should().Be(new TimeSpan(9, 30, 0));
        session.Close.TimeOfDay.Should().Be(new TimeSpan(13, 0, 0));
        session.ExpectedBars.Should().Be(210);
    }

    [TestCase(2024)]
    [TestCase(2025)]
    [TestCase(2026)]
    [TestCase(2027)]
    public void SessionsBetween_WholeYear_WeekdayClosuresAndEarlyClosesAreExactlyThePublishedOnes(int year)
    {
        var calendar = new NyseCalendar();

        var sessions = calendar.SessionsBetween(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31)).ToList();

        var weekdays = Enumerable.Range(0, DateTime.IsLeapYear(year) ? 366 : 365)
            .Select(i => new DateOnly(year, 1, 1).AddDays(i))
            .Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));
        weekdays.Except(sessions.Select(s => s.Date)).Should().BeEquivalentTo(InYear(Holidays, year));
        sessions.Where(s => s.IsEarlyClose).Select(s => s.Date).Should().BeEquivalentTo(InYear(EarlyCloses, year));
        sessions.Where(s => !s.IsEarlyClose).Should().OnlyContain(s => s.ExpectedBars == 390);
    }

    // Weekdays (2024: 262, leap year starting Monday; 2025-2027: 261) minus the weekday closures above.
    [TestCase(2024, 252)]
    [TestCase(2025, 250)]
    [TestCase(2026, 251)]
    [TestCase(2027, 251)]
    public void SessionsBetween_WholeYear_CountsTradingDays(int year, int expected)
    {
        var calendar = new NyseCalendar();

        var count = calendar.SessionsBetween(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31)).Count();

        count.Should().Be(expected);
    }

    [TestCase("2026-07-02")] // July 4, 2026 is a Saturday: July 3 is the holiday, July 2 a full day.
    [TestCase("2027-07-02")] // July 4, 2027 is a Sunday: observed Monday July 5; Friday July 2 is full.
    [TestCase("2027-12-23")] // Christmas 2027 is observed Friday Dec 24; Thursday Dec 23 is full.
    [TestCase("2025-12-31")] // New Year's Eve is a full day.
    public void SessionOn_DayNextToAMovedHoliday_IsAFullSession(string date)
    {
        var session = new NyseCalendar().SessionOn(Parse(date));

        session.Should().NotBeNull();
        session!.IsEarlyClose.Should().BeFalse();
        session.ExpectedBars.Should().Be(390);
    }

    private static IEnumerable<DateOnly> InYear(IEnumerable<string> dates, int year) =>
        dates.Select(Parse).Where(d => d.Year == year);

    private static DateOnly Parse(string date) => DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
