using AlphaKite.Core.Calendar;

namespace AlphaKite.Tests.Calendar;

/// <summary>The pure decision: the NYSE calendar's view against Schwab's market hours -> the session a tick uses.
/// Instants are written out by hand (EST: New York = UTC - 5 in November).</summary>
public class SessionAuthorityTests
{
    private static readonly DateOnly Friday = new(2026, 11, 20);

    // 09:30-16:00 and 09:30-13:00 New York on Friday 2026-11-20.
    private static readonly TradingSession Full = new(Friday, At(Friday, 14, 30), At(Friday, 21, 0), false);
    private static readonly TradingSession Early = new(Friday, At(Friday, 14, 30), At(Friday, 18, 0), true);

    [Test]
    public void Decide_NotAsked_CalendarDecidesAndNothingToCompare()
    {
        var verdict = SessionAuthority.Decide(Friday, Full, null);

        verdict.Session.Should().Be(Full);
        verdict.Disagrees.Should().BeNull();
        verdict.Unusable.Should().BeNull();
        verdict.Source.Should().Be("calendar");
    }

    [Test]
    public void Decide_SchwabUnavailable_CalendarDecidesWithTheReason()
    {
        var verdict = SessionAuthority.Decide(Friday, Full, ExchangeAnswer.Unavailable("market hours: HTTP 503"));

        verdict.Session.Should().Be(Full);
        verdict.Disagrees.Should().BeNull("there was no answer to compare");
        verdict.Unusable.Should().Be("market hours: HTTP 503");
        verdict.Source.Should().Be("calendar");
    }

    [Test]
    public void Decide_CalendarOpenSchwabClosed_ClosedAndDisagrees()
    {
        var verdict = SessionAuthority.Decide(Friday, Full, ExchangeAnswer.Closed);

        verdict.Session.Should().BeNull();
        verdict.Disagrees.Should().BeTrue();
        verdict.Source.Should().Be("schwab");
    }

    [Test]
    public void Decide_CalendarFullSchwabEarlyClose_SchwabsCloseAndDisagrees()
    {
        var verdict = SessionAuthority.Decide(Friday, Full, ExchangeAnswer.Open(Early));

        verdict.Session!.Close.Should().Be(At(Friday, 18, 0));
        verdict.Session.IsEarlyClose.Should().BeTrue();
        verdict.Session.ExpectedBars.Should().Be(210);
        verdict.Disagrees.Should().BeTrue();
    }

    [Test]
    public void Decide_CalendarEarlyCloseSchwabFullDay_SchwabsHoursWin()
    {
        var verdict = SessionAuthority.Decide(Friday, Early, ExchangeAnswer.Open(Full));

        verdict.Session.Should().Be(Full);
        verdict.Disagrees.Should().BeTrue();
    }

    [Test]
    public void Decide_SameHours_AgreesAndUsesThem()
    {
        var schwab = Full with { };

        var verdict = SessionAuthority.Decide(Friday, Full, ExchangeAnswer.Open(schwab));

        verdict.Session.Should().Be(Full);
        verdict.Disagrees.Should().BeFalse();
        verdict.Source.Should().Be("schwab");
    }

    [Test]
    public void Decide_BothClosed_Agrees()
    {
        var saturday = new DateOnly(2026, 11, 21);

        var verdict = SessionAuthority.Decide(saturday, null, ExchangeAnswer.Closed);

        verdict.Session.Should().BeNull();
        verdict.Disagrees.Should().BeFalse();
    }

    [Test]
    public void Decide_CalendarClosedSchwabGivesTodaysHours_SchwabsHoursAreUsed()
    {
        // Thanksgiving 2026-11-26: the calendar's closure stands only until Schwab gives explicit hours for that day.
        var thanksgiving = new DateOnly(2026, 11, 26);
        var open = new TradingSession(thanksgiving, At(thanksgiving, 14, 30), At(thanksgiving, 21, 0), false);

        var verdict = SessionAuthority.Decide(thanksgiving, null, ExchangeAnswer.Open(open));

        verdict.Session.Should().Be(open);
        verdict.Disagrees.Should().BeTrue();
    }

    [TestCase(19, 14, 30, 19, 21, 0, "not on 2026-11-20", TestName = "Decide_SchwabHoursOfAnotherDay_CalendarDecides")]
    [TestCase(20, 21, 0, 20, 14, 30, "close is not after the open", TestName = "Decide_SchwabCloseBeforeOpen_CalendarDecides")]
    [TestCase(20, 14, 30, 21, 6, 0, "not on 2026-11-20", TestName = "Decide_SchwabCloseNextDay_CalendarDecides")]
    public void Decide_UnusableSchwabHours_CalendarDecides(int openDay, int openHour, int openMinute, int closeDay, int closeHour, int closeMinute, string problem)
    {
        var hours = new TradingSession(Friday, new DateTimeOffset(2026, 11, openDay, openHour, openMinute, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 11, closeDay, closeHour, closeMinute, 0, TimeSpan.Zero), false);

        var verdict = SessionAuthority.Decide(Friday, Full, ExchangeAnswer.Open(hours));

        verdict.Session.Should().Be(Full);
        verdict.Disagrees.Should().BeNull();
        verdict.Unusable.Should().Contain(problem);
        verdict.Source.Should().Be("calendar");
    }

    [Test]
    public void Decide_SchwabCloseInsideAMinute_CalendarDecides()
    {
        var hours = Full with { Close = At(Friday, 17, 59).AddSeconds(30) };

        var verdict = SessionAuthority.Decide(Friday, Full, ExchangeAnswer.Open(hours));

        verdict.Session.Should().Be(Full);
        verdict.Unusable.Should().Contain("whole minutes");
    }

    [Test]
    public void Describe_ClosedAndEarlyClose_NewYorkTimes()
    {
        SessionAuthority.Describe(null).Should().Be("closed");
        SessionAuthority.Describe(Early).Should().Be("open 09:30-13:00");
        // Summer (EDT, UTC - 4): 13:30Z is 09:30 in New York.
        var july = new DateOnly(2026, 7, 15);
        SessionAuthority.Describe(new TradingSession(july, new DateTimeOffset(2026, 7, 15, 13, 30, 0, TimeSpan.Zero), new DateTimeOffset(2026, 7, 15, 20, 0, 0, TimeSpan.Zero), false))
            .Should().Be("open 09:30-16:00");
    }

    private static DateTimeOffset At(DateOnly day, int hourUtc, int minute) => new(day.Year, day.Month, day.Day, hourUtc, minute, 0, TimeSpan.Zero);
}
