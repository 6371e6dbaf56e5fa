using System.Globalization;
using AlphaKite.Core.Calendar;

namespace AlphaKite.Tests.Calendar;

public class NyseCalendarTests
{
    // US daylight time starts the second Sunday of March and ends the first Sunday of November
    // (Energy Policy Act of 2005): 2024-03-10/11-03, 2025-03-09/11-02, 2026-03-08/11-01,
    // 2027-03-14/11-07. The open is 09:30 New York = 14:30 UTC in winter (EST, -5), 13:30 UTC in summer.
    [TestCase("2024-03-08", "2024-03-08T14:30:00Z", "2024-03-08T21:00:00Z")]
    [TestCase("2024-03-11", "2024-03-11T13:30:00Z", "2024-03-11T20:00:00Z")]
    [TestCase("2024-11-01", "2024-11-01T13:30:00Z", "2024-11-01T20:00:00Z")]
    [TestCase("2024-11-04", "2024-11-04T14:30:00Z", "2024-11-04T21:00:00Z")]
    [TestCase("2025-03-07", "2025-03-07T14:30:00Z", "2025-03-07T21:00:00Z")]
    [TestCase("2025-03-10", "2025-03-10T13:30:00Z", "2025-03-10T20:00:00Z")]
    [TestCase("2025-10-31", "2025-10-31T13:30:00Z", "2025-10-31T20:00:00Z")]
    [TestCase("2025-11-03", "2025-11-03T14:30:00Z", "2025-11-03T21:00:00Z")]
    [TestCase("2026-03-06", "2026-03-06T14:30:00Z", "2026-03-06T21:00:00Z")]
    [TestCase("2026-03-09", "2026-03-09T13:30:00Z", "2026-03-09T20:00:00Z")]
    [TestCase("2026-10-30", "2026-10-30T13:30:00Z", "2026-10-30T20:00:00Z")]
    [TestCase("2026-11-02", "2026-11-02T14:30:00Z", "2026-11-02T21:00:00Z")]
    [TestCase("2027-03-12", "2027-03-12T14:30:00Z", "2027-03-12T21:00:00Z")]
    [TestCase("2027-03-15", "2027-03-15T13:30:00Z", "2027-03-15T20:00:00Z")]
    [TestCase("2027-11-05", "2027-11-05T13:30:00Z", "2027-11-05T20:00:00Z")]
    [TestCase("2027-11-08", "2027-11-08T14:30:00Z", "2027-11-08T21:00:00Z")]
    public void SessionOn_AroundDaylightSavingSwitch_OpensAndClosesAtTheRightUtcInstant(string date, string openUtc, string closeUtc)
    {
        var session = new NyseCalendar().SessionOn(Date(date));

        session!.Open.Should().Be(DateTimeOffset.Parse(openUtc, CultureInfo.InvariantCulture));
        session.Close.Should().Be(DateTimeOffset.Parse(closeUtc, CultureInfo.InvariantCulture));
    }

    [TestCase("2026-03-07")]
    [TestCase("2026-03-08")]
    [TestCase("2027-01-02")]
    public void SessionOn_Weekend_IsNull(string date)
    {
        new NyseCalendar().SessionOn(Date(date)).Should().BeNull();
    }

    [TestCase("2021-12-31")] // Jan 1, 2022 was a Saturday: "No holiday observed, pursuant to NYSE Rule 7.2" (release 2021-12-27).
    [TestCase("2022-01-03")]
    [TestCase("2027-12-31")] // Jan 1, 2028 is a Saturday: no New Year's Day holiday observed (release 2025-12-23).
    [TestCase("2010-12-31")] // Jan 1, 2011 was a Saturday too.
    public void SessionOn_AroundSaturdayNewYear_IsAFullSession(string date)
    {
        var session = new NyseCalendar().SessionOn(Date(date));

        session.Should().NotBeNull();
        session!.ExpectedBars.Should().Be(390);
    }

    [TestCase("2001-09-11")]
    [TestCase("2001-09-12")]
    [TestCase("2001-09-13")]
    [TestCase("2001-09-14")]
    [TestCase("2004-06-11")]
    [TestCase("2007-01-02")]
    [TestCase("2012-10-29")]
    [TestCase("2012-10-30")]
    [TestCase("2018-12-05")]
    [TestCase("2025-01-09")]
    public void SessionOn_SpecialClosure_IsClosed(string date)
    {
        var calendar = new NyseCalendar();

        calendar.SessionOn(Date(date)).Should().BeNull();
        calendar.ReasonFor(Date(date)).Should().NotBeNullOrWhiteSpace();
    }

    [TestCase("2001-09-17")] // Reopened after September 11.
    [TestCase("2012-10-31")] // Reopened after Hurricane Sandy.
    [TestCase("2018-12-06")]
    public void SessionOn_DayAfterSpecialClosure_IsAFullSession(string date)
    {
        new NyseCalendar().SessionOn(Date(date))!.ExpectedBars.Should().Be(390);
    }

    [Test]
    public void SessionOn_SeptemberEleventhAnniversary2002_OpensAtNoon()
    {
        var session = new NyseCalendar().SessionOn(new DateOnly(2002, 9, 11));

        session!.Open.Should().Be(new DateTimeOffset(2002, 9, 11, 16, 0, 0, TimeSpan.Zero));
        session.ExpectedBars.Should().Be(240);
        session.IsEarlyClose.Should().BeFalse();
    }

    [TestCase("2002-07-05", true)] // Before 2013: the Friday after a Thursday July 4 closed early...
    [TestCase("2002-07-03", false)] // ...and the Wednesday July 3 was a full day.
    [TestCase("2013-07-03", true)] // Since 2013 a Wednesday July 3 closes early.
    [TestCase("2013-07-05", false)]
    [TestCase("2023-07-03", true)] // Release 2021-12-27: "Monday, July 3, 2023".
    public void SessionOn_AroundIndependenceDay_FollowsTheRuleOfItsEra(string date, bool early)
    {
        new NyseCalendar().SessionOn(Date(date))!.IsEarlyClose.Should().Be(early);
    }

    [TestCase("2026-04-06", "2026-04-02")] // Good Friday weekend.
    [TestCase("2026-11-27", "2026-11-25")] // Over Thanksgiving.
    [TestCase("2025-01-10", "2025-01-08")] // Over the Carter closure.
    [TestCase("2026-01-02", "2025-12-31")] // Over New Year's Day.
    [TestCase("2027-07-06", "2027-07-02")] // Friday, weekend, observed Monday holiday.
    [TestCase("2026-03-09", "2026-03-06")] // Plain weekend.
    public void PreviousSession_AcrossClosures_IsTheLastSessionBefore(string date, string expected)
    {
        new NyseCalendar().PreviousSession(Date(date)).Date.Should().Be(Date(expected));
    }

    [Test]
    public void SessionsBetween_InclusiveOfBothEnds_ReturnsSessionsInOrder()
    {
        var sessions = new NyseCalendar().SessionsBetween(new DateOnly(2026, 11, 25), new DateOnly(2026, 11, 30)).ToList();

        sessions.Select(s => s.Date).Should().Equal(new DateOnly(2026, 11, 25), new DateOnly(2026, 11, 27), new DateOnly(2026, 11, 30));
    }

    [Test]
    public void SessionsBetween_ToBeforeFrom_IsEmpty()
    {
        new NyseCalendar().SessionsBetween(new DateOnly(2026, 2, 2), new DateOnly(2026, 2, 1)).Should().BeEmpty();
    }

    [Test]
    public void SessionOn_BeforeSupportedRange_ThrowsNamingTheRange()
    {
        var act = () => new NyseCalendar().SessionOn(new DateOnly(1999, 12, 31));

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*2000-01-01*");
    }

    // Published Easter Sundays (e.g. the USNO's list) and the extremes of the Gregorian cycle.
    [TestCase(2000, 4, 23)]
    [TestCase(2019, 4, 21)]
    [TestCase(2024, 3, 31)]
    [TestCase(2025, 4, 20)]
    [TestCase(2026, 4, 5)]
    [TestCase(2027, 3, 28)]
    [TestCase(2038, 4, 25)]
    [TestCase(2285, 3, 22)]
    public void EasterSunday_KnownYears_MatchesPublishedDate(int year, int month, int day)
    {
        Computus.EasterSunday(year).Should().Be(new DateOnly(year, month, day));
    }

    private static DateOnly Date(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
