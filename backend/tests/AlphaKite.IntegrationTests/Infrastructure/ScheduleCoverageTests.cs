using AlphaKite.Core.Calendar;
using AlphaKite.Core.Ticks;
using AlphaKite.Lambda;

namespace AlphaKite.IntegrationTests.Infrastructure;

[Category("Integration")]
public class ScheduleCoverageTests
{
    private Dictionary<int, List<AwsCron>> _schedules = null!;
    private AwsCron _closeOut = null!;
    private TerraformConfiguration _tf = null!;

    [OneTimeSetUp]
    public void ReadSchedules()
    {
        _tf = TerraformConfiguration.Load();
        // local.schedules_by_interval: the minute runs for each value of var.run_interval_minutes.
        _schedules = _tf.Locals()["schedules_by_interval"].EnumerateObject().ToDictionary(
            interval => int.Parse(interval.Name, System.Globalization.CultureInfo.InvariantCulture),
            interval => interval.Value.EnumerateObject().Select(s => AwsCron.Parse(s.Value.GetString()!)).ToList());
        _closeOut = AwsCron.Parse(_tf.Locals()["closeout_schedule"].GetString()!);
    }

    [Test]
    public void Schedules_OneSetPerAllowedInterval_SelectedByTheVariableWithTheSameKeys()
    {
        _schedules.Keys.Should().BeEquivalentTo([1, 5]);
        _tf.Locals()["schedules"].GetString().Should().Be("${local.schedules_by_interval[tostring(var.run_interval_minutes)]}");
        var keys = _tf.Locals()["schedules_by_interval"].EnumerateObject()
            .Select(interval => string.Join(",", interval.Value.EnumerateObject().Select(s => s.Name).Order(StringComparer.Ordinal))).Distinct();
        keys.Should().Equal(["close,day,open"], "the same keys keep the schedules' resource addresses whatever the interval");
    }

    [TestCase(1, 390, 210)]
    [TestCase(5, 78, 42)]
    public void Schedules_EverySessionOfTwoYears_ExpectedProductiveRunsAndTheLastAtTheClose(int interval, int fullDay, int earlyClose)
    {
        // By hand. Full day, bars 09:30..15:59: every minute the runs are 09:31..16:00, 6.5 h x 60 =
        // 390; every 5 minutes 09:35, 09:40, ... 16:00, 6.5 h x 12 = 78. Early close (13:00, bars
        // 09:30..12:59): 3.5 h x 60 = 210 and 3.5 h x 12 = 42. Productive = fired in (open, close]:
        // it completes at least one bar. The runs after an early close (13:01..16:00 or 13:05..16:00)
        // are answered "Market is closed" by the handler (checked below with Tick.ShouldRun, a second
        // after the minute as Scheduler delivers); a run at exactly 13:01:00.000 would still be in the
        // tick's minute of grace and rewrite the same bars (idempotent upserts).
        var calendar = new NyseCalendar();
        var seen = new HashSet<(bool Early, int Runs)>();
        for (var date = new DateOnly(2026, 1, 1); date <= new DateOnly(2027, 12, 31); date = date.AddDays(1))
        {
            var fired = Firings(_schedules[interval], date);
            if (calendar.SessionOn(date) is not { } session)
            {
                continue;
            }

            var productive = fired.Where(t => t > session.Open && t <= session.Close).ToList();
            productive.Should().HaveCount(session.IsEarlyClose ? earlyClose : fullDay, $"productive runs on {date:yyyy-MM-dd}");
            productive[0].Should().Be(session.Open.AddMinutes(interval), $"the first run completes the first {interval} bar(s) on {date:yyyy-MM-dd}");
            productive[^1].Should().Be(session.Close, $"the last run stores the last bar on {date:yyyy-MM-dd}");
            productive.Zip(productive.Skip(1), (a, b) => b - a).Should().OnlyContain(gap => gap == TimeSpan.FromMinutes(interval), "evenly spaced runs");
            foreach (var t in fired)
            {
                var runs = Tick.ShouldRun(new TickRequest(["QQQ"]), session, t.AddSeconds(1));
                runs.Should().Be(t > session.Open && t <= session.Close, $"the handler's answer at {t:yyyy-MM-dd HH:mm zzz}");
            }

            seen.Add((session.IsEarlyClose, productive.Count));
        }

        seen.Should().BeEquivalentTo(new[] { (false, fullDay), (true, earlyClose) }, "both kinds of session occur in 2026-2027");
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
            var instant = NewYork.At(date, new TimeOnly(firings[0] / 60, firings[0] % 60));
            instant.Should().BeAfter(session.Close, $"the close-out on {date:yyyy-MM-dd} must follow the close");
            Tick.ShouldRun(new TickRequest(["QQQ"], CloseOut: true), session, instant).Should().BeTrue();
            session.IsLiveAt(instant).Should().BeFalse("the close-out must not double as a minute run");
        }

        sessions.Should().BeGreaterThan(490);
        earlyCloses.Should().BeGreaterThanOrEqualTo(3, "2026-11-27, 2026-12-24 and 2027-11-26 close at 13:00");
    }

    [Test]
    public void CloseOut_TargetInput_IsTheCloseOutEvent()
    {
        // local.runs gives the close-out its own name, expression and event; the schedule resource
        // (for_each = local.runs) takes them as they are (TerraformStackTests reads each applied schedule back with get-schedule).
        var runs = _tf.Locals()["runs"].GetString()!;

        // hcl2json keeps the expression; jsonencode({ closeout = true }) is {"closeout":true}.
        runs.Should().MatchRegex(@"closeout = \{[^}]*name\s*=\s*""alpha-kite-closeout""[^}]*expression\s*=\s*local\.closeout_schedule[^}]*input\s*=\s*jsonencode\(\{ closeout = true \}\)");
        InvocationEvent.Parse("{\"closeout\":true}", ["QQQ"], new DateOnly(2026, 11, 20)).CloseOut.Should().BeTrue();
    }

    [TestCase(1, (9 * 60) + 31, 390)]
    [TestCase(5, (9 * 60) + 35, 78)]
    public void Schedules_Week_FireOnceAtEachExpectedMinute(int interval, int first, int perDay)
    {
        // By hand: the regular session's bars start 09:30..15:59 New York; each is complete one
        // minute later. Every minute the runs are 09:31..16:00 inclusive (390 a day); every 5
        // minutes 09:35, 09:40, ... 16:00 (78 a day); Monday..Friday only.
        var expected = new HashSet<(DayOfWeek, int, int)>();
        foreach (var day in new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday })
        {
            for (var minuteOfDay = first; minuteOfDay <= 16 * 60; minuteOfDay += interval)
            {
                expected.Add((day, minuteOfDay / 60, minuteOfDay % 60));
            }
        }

        var fired = new List<(DayOfWeek, int, int)>();
        foreach (var schedule in _schedules[interval])
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

        expected.Should().HaveCount(5 * perDay);
        fired.Should().OnlyHaveUniqueItems("two schedules firing the same minute would run the tick twice");
        fired.ToHashSet().SetEquals(expected).Should().BeTrue(
            $"missing {string.Join(", ", expected.Except(fired).Take(5))}; extra {string.Join(", ", fired.Except(expected).Take(5))}");
    }

    /// <summary>Every minute of <paramref name="date"/> (New York wall clock) some schedule fires, as instants.</summary>
    private static List<DateTimeOffset> Firings(IEnumerable<AwsCron> schedules, DateOnly date) =>
        [.. Enumerable.Range(0, 24 * 60)
            .Where(m => schedules.Any(s => s.Fires(date.DayOfWeek, m / 60, m % 60)))
            .Select(m => NewYork.At(date, new TimeOnly(m / 60, m % 60)))];

    [TestCase("cron(31-59 9 ? * MON-FRI *)", DayOfWeek.Monday, 9, 31, true)]
    [TestCase("cron(31-59 9 ? * MON-FRI *)", DayOfWeek.Monday, 9, 30, false)]
    [TestCase("cron(31-59 9 ? * MON-FRI *)", DayOfWeek.Saturday, 9, 45, false)]
    [TestCase("cron(0 16 ? * MON-FRI *)", DayOfWeek.Friday, 16, 0, true)]
    [TestCase("cron(* 10-15 ? * 2-6 *)", DayOfWeek.Sunday, 12, 0, false)]
    public void AwsCron_ReadsFieldsLikeScheduler(string expression, DayOfWeek day, int hour, int minute, bool fires)
    {
        AwsCron.Parse(expression).Fires(day, hour, minute).Should().Be(fires);
    }

    [TestCase("cron(35-55/5 9 ? * MON-FRI *)", 9, "35,40,45,50,55")]
    [TestCase("cron(0/5 10-15 ? * MON-FRI *)", 12, "0,5,10,15,20,25,30,35,40,45,50,55")]
    [TestCase("cron(*/20 10 ? * MON-FRI *)", 10, "0,20,40")]
    [TestCase("cron(50/7 10 ? * MON-FRI *)", 10, "50,57")]
    public void AwsCron_Increments_ExpandLikeScheduler(string expression, int hour, string minutes)
    {
        var cron = AwsCron.Parse(expression);

        var fired = Enumerable.Range(0, 60).Where(m => cron.Fires(DayOfWeek.Tuesday, hour, m));

        string.Join(",", fired).Should().Be(minutes);
    }

    [Test]
    public void AwsCron_FiveFields_Rejected()
    {
        var parse = () => AwsCron.Parse("cron(* 10-15 * * MON-FRI)");

        parse.Should().Throw<FormatException>();
    }
}
