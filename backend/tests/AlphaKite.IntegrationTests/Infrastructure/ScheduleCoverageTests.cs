namespace AlphaKite.IntegrationTests.Infrastructure;

[Category("Integration")]
public class ScheduleCoverageTests
{
    private List<AwsCron> _schedules = null!;

    [OneTimeSetUp]
    public void ReadSchedules()
    {
        var tf = TerraformConfiguration.Load();
        _schedules = tf.Locals()["schedules"].EnumerateObject().Select(s => AwsCron.Parse(s.Value.GetString()!)).ToList();
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
