using System.Globalization;
using AlphaKite.Core.Calendar;

namespace AlphaKite.Tests.Calendar;

public class LatestSessionTests
{
    // 2026-11-23 is a Monday in EST: the session opens 14:30 UTC.
    [TestCase("2026-11-23T14:29:59Z", "2026-11-20", TestName = "LatestSession_MondayBeforeOpen_Friday")]
    [TestCase("2026-11-23T14:30:00Z", "2026-11-23", TestName = "LatestSession_AtTheOpen_Today")]
    [TestCase("2026-11-24T03:00:00Z", "2026-11-23", TestName = "LatestSession_NewYorkEveningUtcNextDay_Today")]
    [TestCase("2026-11-28T15:00:00Z", "2026-11-27", TestName = "LatestSession_Saturday_FridayEarlyClose")]
    [TestCase("2026-11-26T18:00:00Z", "2026-11-25", TestName = "LatestSession_Thanksgiving_Wednesday")]
    public void LatestSession_Cases(string now, string expected)
    {
        var session = new NyseCalendar().LatestSession(DateTimeOffset.Parse(now, CultureInfo.InvariantCulture));

        session.Date.Should().Be(DateOnly.Parse(expected, CultureInfo.InvariantCulture));
    }
}
