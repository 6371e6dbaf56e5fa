using AlphaKite.Core.Calendar;
using AlphaKite.Core.Ticks;
using AlphaKite.Lambda;

namespace AlphaKite.IntegrationTests.Infrastructure;

[Category("Integration")]
public class ScheduleCoverageTests
{
    private List<AwsCron> _schedules = null!;
    private AwsCron _closeOut = null!;
    private TerraformConfiguration _tf = null!;

    [OneTimeSetUp]
    public void ReadSchedules()
    {
        _tf = TerraformConfiguration.Load();
        _schedules = _tf.Locals()["schedules"].EnumerateObject().Select(s => AwsCron.Parse(s.Value.GetString()!)).ToList();
        _closeOut = AwsCron.Parse(_tf.Locals()["closeout_schedule"].GetString()!);
    }

    [Test]
    public void CloseOut_EveryTradingDay_FiresOnceAfterTheCloseFullAndEarly()
    {
        // Every session of two years, full days and early closes (13:00) alike: the close-out fires
        // once that New York day, after the close, when the tick's close-out rule lets it run.
        var calendar = new NyseCalendar();
        var sessions = 0;
        var earlyCloses = 0;
        for (var date = new DateOnly(2026, 1, 1); date <= new DateOnly(2027, 12, 31); date = date.AddDays(1))
        {
            if (calendar.SessionOn(date) is not { } session)
            {
                continue;
            }

            sessions++;
            earlyCloses += session.IsEarlyClose ? 1 : 0;
            var firings = Enumerable.Range(0, 24 * 60).Where(m => _closeOut.Fires(date.DayOfWeek, m / 60, m % 60)).ToList();
            firings.Should().ContainSingle($"one close-out on {date:yyyy-MM-dd}");
            var local = date.ToDateTime(new TimeOnly(firings[0] / 60, firings[0] % 60));
            var instant = NodaTime.LocalDateTime.FromDateTime(local).InZoneStrictly(NyseCalendar.NewYork).ToDateTimeOffset();
            instant.Should().BeAfter(session.Close, $"the close-out on {date:yyyy-MM-dd} must follow the close");
            Tick.ShouldRun(new TickRequest(["QQQ"], CloseOut: true), session, instant).Should().BeTrue();
            Tick.InWindow(session, instant).Should().BeFalse("the close-out must not double as a minute run");
        }

        sessions.Should().BeGreaterThan(490);
        earlyCloses.Should().BeGreaterThanOrEqualTo(3, "2026-11-27, 2026-12-24 and 2027-11-26 close at 13:00");
    }

    [Test]
    public void CloseOut_TargetInput_IsTheCloseOutEvent()
    {
        // local.runs gives the close-out its own name, expression and event; the schedule resource
        // (for_each = local.runs) takes them as they are (TerraformConfigurationTests checks that).
        var runs = _tf.Locals()["runs"].GetString()!;

        // hcl2json keeps the expression; jsonencode({ closeout = true }) is {"closeout":true}.
        runs.Should().MatchRegex(@"closeout = \{[^}]*name\s*=\s*""alpha-kite-closeout""[^}]*expression\s*=\s*local\.closeout_schedule[^}]*input\s*=\s*jsonencode\(\{ closeout = true \}\)");
        InvocationEvent.Parse("{\"closeout\":true}", ["QQQ"], new DateOnly(2026, 11, 20)).CloseOut.Should().BeTrue();
    }

    [Test]
    public void Schedules_FullSession_FireOncePerCompletedBar()
    {
        // By hand: the regular session's bars start 09:30..15:59 New York; each is complete one
        // minute later, so the runs are 09:31..16:00 inclusive on Monday..Friday: 390 a day.
        var expected = new HashSet<(DayOfWeek, int, int)>();
        foreach (var day in new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday })
        {
            for (var minuteOfDay = (9 * 60) + 31; minuteOfDay <= 16 * 60; minuteOfDay++)
            {
                expected.Add((day, minuteOfDay / 60, minuteOfDay % 60));
            }
        }

        var fired = new List<(DayOfWeek, int, int)>();
        foreach (var schedule in _schedules)
        {
            foreach (var day in Enum.GetValues<DayOfWeek>())
            {
                for (var minuteOfDay = 0; minuteOfDay < 24 * 60; minuteOfDay++)
                {
                    if (schedule.Fires(day, minuteOfDay / 60, minuteOfDay % 60))
                    {
                        fired.Add((day, minuteOfDay / 60, minuteOfDay % 60));
                    }
                }
            }
        }

        expected.Should().HaveCount(5 * 390);
        fired.Should().OnlyHaveUniqueItems("two schedules firing the same minute would run the tick twice");
        fired.ToHashSet().SetEquals(expected).Should().BeTrue(
            $"missing {string.Join(", ", expected.Except(fired).Take(5))}; extra {string.Join(", ", fired.Except(expected).Take(5))}");
    }

    [TestCase("cron(31-59 9 ? * MON-FRI *)", DayOfWeek.Monday, 9, 31, true)]
    [TestCase("cron(31-59 9 ? * MON-FRI *)", DayOfWeek.Monday, 9, 30, false)]
    [TestCase("cron(31-59 9 ? * MON-FRI *)", DayOfWeek.Saturday, 9, 45, false)]
    [TestCase("cron(0 16 ? * MON-FRI *)", DayOfWeek.Friday, 16, 0, true)]
    [TestCase("cron(* 10-15 ? * 2-6 *)", DayOfWeek.Sunday, 12, 0, false)]
    public void AwsCron_ReadsFieldsLikeScheduler(string expression, DayOfWeek day, int hour, int minute, bool fires)
    {
        AwsCron.Parse(expression).Fires(day, hour, minute).Should().Be(fires);
    }

    [Test]
    public void AwsCron_FiveFields_Rejected()
    {
        var parse = () => AwsCron.Parse("cron(* 10-15 * * MON-FRI)");

        parse.Should().Throw<FormatException>();
    }
}
