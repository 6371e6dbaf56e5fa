using System.Globalization;
using AlphaKite.Core.Calendar;

namespace AlphaKite.Tests.Calendar;

/// <summary>Instant -> New York time, the one home. Expected values are by hand: EST is -05:00,
/// EDT -04:00, and 2026 switches on 03-08 (02:00 -> 03:00) and 11-01 (02:00 -> 01:00).</summary>
public class NewYorkTests
{
    [TestCase("2026-03-09T03:59:00Z", "2026-03-08")] // 23:59 EDT on Sunday.
    [TestCase("2026-03-09T04:00:00Z", "2026-03-09")]
    [TestCase("2026-01-05T04:59:00Z", "2026-01-04")] // 23:59 EST.
    [TestCase("2026-01-05T05:00:00Z", "2026-01-05")]
    public void Date_NearMidnight_UsesNewYorkOffsetOfThatInstant(string instant, string expected)
    {
        NewYork.Date(Instant(instant)).Should().Be(DateOnly.ParseExact(expected, "yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    [TestCase("2026-11-20T14:30:00Z", "09:30", "2026-11-20T09:30:00-05:00")]
    [TestCase("2026-07-01T13:30:00Z", "09:30", "2026-07-01T09:30:00-04:00")]
    [TestCase("2026-03-08T06:59:00Z", "01:59", "2026-03-08T01:59:00-05:00")] // Last minute before spring-forward.
    [TestCase("2026-03-08T07:00:00Z", "03:00", "2026-03-08T03:00:00-04:00")]
    [TestCase("2026-11-01T05:30:00Z", "01:30", "2026-11-01T01:30:00-04:00")] // 01:30 happens twice on fall-back day.
    [TestCase("2026-11-01T06:30:00Z", "01:30", "2026-11-01T01:30:00-05:00")]
    public void ClockAndIso_AnyInstant_ShowNewYorkWallClockAndOffset(string instant, string clock, string iso)
    {
        NewYork.Clock(Instant(instant)).Should().Be(clock);
        NewYork.Iso(Instant(instant)).Should().Be(iso);
        NewYork.Time(Instant(instant)).Should().Be(Instant(instant), "the same instant, only the offset changes");
    }

    [TestCase("2026-11-20", "2026-11-20T05:00:00Z")]
    [TestCase("2026-07-01", "2026-07-01T04:00:00Z")]
    public void StartOfDay_Date_IsNewYorkMidnight(string date, string expected)
    {
        NewYork.StartOfDay(DateOnly.Parse(date, CultureInfo.InvariantCulture)).Should().Be(Instant(expected));
    }

    [TestCase("2026-11-20", "09:30", "2026-11-20T14:30:00Z")]
    [TestCase("2026-07-01", "16:00", "2026-07-01T20:00:00Z")]
    public void At_WallClock_IsTheInstant(string date, string time, string expected)
    {
        NewYork.At(DateOnly.Parse(date, CultureInfo.InvariantCulture), TimeOnly.Parse(time, CultureInfo.InvariantCulture))
            .Should().Be(Instant(expected));
    }

    [TestCase("2026-03-08", "02:30", "*does not exist in New York*", TestName = "At_SpringForwardGap_Throws")]
    [TestCase("2026-11-01", "01:30", "*occurs twice in New York*", TestName = "At_FallBackHour_Throws")]
    public void At_NoSingleInstant_Throws(string date, string time, string message)
    {
        var act = () => NewYork.At(DateOnly.Parse(date, CultureInfo.InvariantCulture), TimeOnly.Parse(time, CultureInfo.InvariantCulture));

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage(message);
    }

    private static DateTimeOffset Instant(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
}
