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
    [TestCase("2026-11-20T21:00:00Z", "2026-11-23T14:31:00Z", TestName = "NextRun_AtFridayClose_MondayAfterOpen")]
    [TestCase("2026-07-02T20:05:00Z", "2026-07-06T13:31:00Z", TestName = "NextRun_BeforeIndependenceDayWeekend_SkipsObservedHoliday")]
    public void NextRun_Cases(string now, string expected)
    {
        var next = TickSchedule.NextRun(new NyseCalendar(), DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));

        next.Should().Be(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));
    }
}
