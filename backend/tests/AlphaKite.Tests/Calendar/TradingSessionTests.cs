using System.Globalization;
using AlphaKite.Core.Calendar;

namespace AlphaKite.Tests.Calendar;

/// <summary>The session window, the one rule the tick and `status` share: live in (open, close + 1 min].</summary>
public class TradingSessionTests
{
    // 2026-11-20: 09:30-16:00 EST is 14:30Z-21:00Z.
    private static readonly TradingSession Session = new(
        new DateOnly(2026, 11, 20), Instant("2026-11-20T14:30:00Z"), Instant("2026-11-20T21:00:00Z"), false);

    [TestCase("2026-11-20T14:29:59Z", false, false, TestName = "Window_BeforeTheOpen_NotLiveNotOver")]
    [TestCase("2026-11-20T14:30:00Z", false, false, TestName = "Window_AtTheOpen_NotLiveNoBarIsComplete")]
    [TestCase("2026-11-20T14:30:01Z", true, false, TestName = "Window_JustAfterTheOpen_Live")]
    [TestCase("2026-11-20T21:00:00Z", true, false, TestName = "Window_AtTheClose_Live")]
    [TestCase("2026-11-20T21:01:00Z", true, false, TestName = "Window_OneMinuteAfterTheClose_LiveForTheLastBar")]
    [TestCase("2026-11-20T21:01:00.001Z", false, true, TestName = "Window_AfterTheLastTick_Over")]
    public void Window(string now, bool live, bool over)
    {
        Session.IsLiveAt(Instant(now)).Should().Be(live);
        Session.IsOverAt(Instant(now)).Should().Be(over);
    }

    [Test]
    public void LastTick_IsOneMinuteAfterTheClose()
    {
        Session.LastTick.Should().Be(Instant("2026-11-20T21:01:00Z"));
    }

    private static DateTimeOffset Instant(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
}
