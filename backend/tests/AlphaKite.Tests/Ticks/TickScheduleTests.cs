using AlphaKite.Core.Calendar;
using AlphaKite.Core.Ticks;

namespace AlphaKite.Tests.Ticks;

public class TickScheduleTests
{
    // Times in UTC; 2026-11-20 (Friday) is EST, so 09:30 New York = 14:30 UTC.
    [TestCase("2026-11-20T14:00:00Z", "2026-11-20T14:31:00Z", TestName = "NextRun_BeforeOpen_FirstCompletedBar")]
    [TestCase("2026-11-20T14:31:00Z", "2026-11-20T14:32:00Z", TestName = "NextRun_OnAMinute_TheNextMinute")]
    [TestCase("2026-11-20T14:31:59Z", "2026-11-20T14:32:00Z", TestName = "NextRun_InsideAMinute_TheNextMinute")]
    [TestCase("2026-11-20T20:59:30Z", "2026-11-20T21:00:00Z", TestName = "NextRun_LastMinute_TheClose")]
    [TestCase("2026-11-20T21:10:00Z", "2026-11-23T14:31:00Z", TestName = "NextRun_AtFridayCloseOut_MondayAfterOpen")]
    [TestCase("2026-07-02T20:15:00Z", "2026-07-06T13:31:00Z", TestName = "NextRun_BeforeIndependenceDayWeekend_SkipsObservedHoliday")]
    public void NextRun_Cases(string now, string expected)
    {
        var next = TickSchedule.NextRun(new NyseCalendar(), DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));

        next.Should().Be(new ScheduledRun(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), CloseOut: false));
    }

    // By hand: Friday 2026-11-20 closes 16:00 EST = 21:00Z; Friday 2026-11-27 (after Thanksgiving)
    // closes early at 13:00 EST = 18:00Z. The close-out comes 10 minutes after either close.
    [TestCase("2026-11-20T21:00:00Z", "2026-11-20T21:10:00Z", TestName = "NextRun_AtTheClose_CloseOutTenMinutesLater")]
    [TestCase("2026-11-20T21:09:59Z", "2026-11-20T21:10:00Z", TestName = "NextRun_JustBeforeCloseOut_CloseOut")]
    [TestCase("2026-11-27T18:00:00Z", "2026-11-27T18:10:00Z", TestName = "NextRun_AtAnEarlyClose_CloseOutTenMinutesLater")]
    public void NextRun_AfterTheLastMinute_CloseOut(string now, string expected)
    {
        var next = TickSchedule.NextRun(new NyseCalendar(), DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));

        next.Should().Be(new ScheduledRun(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), CloseOut: true));
    }

    [Test]
    public void NextRun_WalkingAFullSessionDay_390MinuteRunsThenOneCloseOut()
    {
        var calendar = new NyseCalendar();
        var now = DateTimeOffset.Parse("2026-11-20T05:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var runs = new List<ScheduledRun>();
        while (now < DateTimeOffset.Parse("2026-11-21T05:00:00Z", System.Globalization.CultureInfo.InvariantCulture))
        {
            var run = TickSchedule.NextRun(calendar, now);
            runs.Add(run);
            now = run.At;
        }

        runs.Count(r => !r.CloseOut && r.At.Date == new DateTime(2026, 11, 20)).Should().Be(390);
        runs.Where(r => r.CloseOut).Should().ContainSingle().Which.At.Should().Be(DateTimeOffset.Parse("2026-11-20T21:10:00Z", System.Globalization.CultureInfo.InvariantCulture));
    }
}
