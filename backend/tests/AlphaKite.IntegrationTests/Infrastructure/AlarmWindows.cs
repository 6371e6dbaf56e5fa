using System.Text.Json;

namespace AlphaKite.IntegrationTests.Infrastructure;

/// <summary>
/// The no-data and data-lag alarms as applied (read back from moto), played against one session of
/// runs at the deployment's interval. moto stores alarms but never evaluates them, so this is an
/// independent reading of CloudWatch's rule for these alarms: data points fall into periods aligned
/// to the period length; a period without data is missing, and with treat_missing_data =
/// notBreaching never breaches; the alarm fires when all of the last evaluation_periods complete
/// periods breach (datapoints_to_alarm is not set, so M = N).
/// </summary>
internal sealed record AlarmWindow(string Name, string Statistic, int Period, int EvaluationPeriods, double Threshold, string Comparison, string MissingData)
{
    public static AlarmWindow From(JsonElement alarm) => new(
        alarm.GetProperty("AlarmName").GetString()!,
        alarm.GetProperty("Statistic").GetString()!,
        alarm.GetProperty("Period").GetInt32(),
        alarm.GetProperty("EvaluationPeriods").GetInt32(),
        alarm.GetProperty("Threshold").GetDouble(),
        alarm.GetProperty("ComparisonOperator").GetString()!,
        alarm.GetProperty("TreatMissingData").GetString()!);

    /// <summary>The first minute at which the alarm is in ALARM, or null if it never is.</summary>
    public DateTimeOffset? FirstAlarm(IReadOnlyList<(DateTimeOffset At, double Value)> points, DateTimeOffset from, DateTimeOffset to)
    {
        MissingData.Should().Be("notBreaching", "the model knows only notBreaching");
        var length = TimeSpan.FromSeconds(Period);
        for (var now = from; now <= to; now = now.AddMinutes(1))
        {
            // The last complete period ends at the latest period boundary at or before now.
            var end = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % length.Ticks), TimeSpan.Zero);
            var breaching = Enumerable.Range(1, EvaluationPeriods).All(k =>
            {
                var start = end - (length * k);
                var values = points.Where(p => p.At >= start && p.At < start + length).Select(p => p.Value).ToList();
                return values.Count > 0 && Breaches(Aggregate(values));
            });
            if (breaching)
            {
                return now;
            }
        }

        return null;
    }

    private double Aggregate(List<double> values) => Statistic switch
    {
        "Sum" => values.Sum(),
        "Maximum" => values.Max(),
        "Minimum" => values.Min(),
        _ => throw new NotSupportedException($"statistic {Statistic}"),
    };

    private bool Breaches(double value) => Comparison switch
    {
        "LessThanThreshold" => value < Threshold,
        "GreaterThanThreshold" => value > Threshold,
        "GreaterThanOrEqualToThreshold" => value >= Threshold,
        _ => throw new NotSupportedException($"comparison {Comparison}"),
    };
}

/// <summary>One session of runs, healthy or stalled, and what each run publishes.</summary>
internal static class SessionRuns
{
    /// <summary>Friday 2026-11-20, 09:30-16:00 EST (14:30Z-21:00Z), written out by hand.</summary>
    public static readonly DateTimeOffset Open = new(2026, 11, 20, 14, 30, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset Close = new(2026, 11, 20, 21, 0, 0, TimeSpan.Zero);

    /// <summary>When Schwab stops returning data in the stalled sessions: 11:00 New York.</summary>
    public static readonly DateTimeOffset Stall = Open.AddMinutes(90);

    /// <summary>Run times: open + interval ... close, each published two seconds after the minute.</summary>
    public static List<DateTimeOffset> Times(int interval) =>
        [.. Enumerable.Range(1, 390 / interval).Select(i => Open.AddMinutes(i * interval).AddSeconds(2))];

    /// <summary>DataPointsFetched per run: the session so far plus the previous day's history
    /// (always > 0) when healthy, 0 from the stall on (Schwab answers nothing).</summary>
    public static List<(DateTimeOffset, double)> Fetched(int interval, bool stalled) =>
        [.. Times(interval).Select(t => (t, stalled && t >= Stall ? 0d : 390d + (t - Open).TotalMinutes))];

    /// <summary>DataLagSeconds per run: healthy, the newest bar is the one that just completed, a
    /// minute more when Schwab is a bar late (every third run here); stalled, the newest stored bar
    /// stays the 10:59 bar.</summary>
    public static List<(DateTimeOffset, double)> Lag(int interval, bool stalled) =>
        [.. Times(interval).Select((t, i) => (t, stalled && t >= Stall ? (t - Stall).TotalSeconds : 2d + (i % 3 == 0 ? 60 : 0)))];
}
