using System.Text;
using System.Text.Json;

namespace AlphaKite.Aws.Metrics;

/// <summary>
/// CloudWatch Embedded Metric Format: one JSON line on stdout that CloudWatch Logs turns into
/// metrics (no PutMetricData call, no extra permission, no latency).
/// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html
/// Published with NO dimensions (<c>"Dimensions":[[]]</c>): the deployment guide's alarm names
/// none, and an alarm only matches a metric with exactly the same dimensions.
/// The runner emits no tick metrics for a skipped tick (market closed; only the once-a-day
/// CalendarDisagreements line, see <see cref="WriteCalendarDisagreements"/>): with the no-data alarm's
/// treat-missing-data = notBreaching, nights, weekends and holidays stay quiet, while a session
/// minute that fetched nothing publishes DataPointsFetched = 0 and trips it.
/// </summary>
public sealed class EmfMetrics(TextWriter output)
{
    public const string Namespace = "AlphaKiteMax/RealTimeStreaming";
    private readonly TextWriter _output = output ?? throw new ArgumentNullException(nameof(output));

    /// <summary>Writes one EMF line. <paramref name="context"/> becomes extra root members
    /// (function, request id, tickers, date) that Logs Insights can query; they are not dimensions.</summary>
    public void Write(TickMetrics metrics, DateTimeOffset timestamp, IReadOnlyList<KeyValuePair<string, string>> context)
    {
        var line = Format(metrics, timestamp, context);
        lock (_output)
        {
            _output.WriteLine(line);
            _output.Flush();
        }
    }

    /// <summary>
    /// Writes CalendarDisagreements alone (1 when Schwab's market hours and the NYSE calendar disagree
    /// about the day, 0 when they agree), once per day per process, when Schwab was asked and answered
    /// usably; nothing when it could not answer (there was nothing to compare). Alone, so a skipped
    /// tick (a closed day) publishes it without the tick's metrics, which would trip the no-data alarm.
    /// </summary>
    public void WriteCalendarDisagreements(bool disagree, DateTimeOffset timestamp, IReadOnlyList<KeyValuePair<string, string>> context)
    {
        var line = Format([("CalendarDisagreements", "Count", disagree ? 1 : 0)], timestamp, context);
        lock (_output)
        {
            _output.WriteLine(line);
            _output.Flush();
        }
    }

    public static string Format(TickMetrics metrics, DateTimeOffset timestamp, IReadOnlyList<KeyValuePair<string, string>> context)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var values = new List<(string Name, string Unit, double Value)>
        {
            ("DataPointsFetched", "Count", metrics.DataPointsFetched),
            ("SupabaseUploadSuccess", "Count", metrics.UploadSucceeded ? 1 : 0),
            ("LatencyMilliseconds", "Milliseconds", Math.Round(metrics.Latency.TotalMilliseconds, 1)),
            ("TokenRefreshEvents", "Count", metrics.TokenRefreshEvents),
            ("RowsWritten", "Count", metrics.RowsWritten),
        };
        if (metrics.DataLag is { } lag)
        {
            values.Add(("DataLagSeconds", "Seconds", Math.Round(lag.TotalSeconds, 1)));
        }

        if (metrics.RefreshTokenLifeLeft is { } left)
        {
            // CloudWatch has no "Hours" unit; None keeps the number as-is.
            values.Add(("RefreshTokenHoursLeft", "None", Math.Round(Math.Max(0, left.TotalHours), 2)));
        }

        if (metrics.CloseOutSucceeded is { } closeOut)
        {
            values.Add(("CloseOutSuccess", "Count", closeOut ? 1 : 0));
        }

        return Format(values, timestamp, context);
    }

    private static string Format(List<(string Name, string Unit, double Value)> values, DateTimeOffset timestamp, IReadOnlyList<KeyValuePair<string, string>> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonOutput.Options))
        {
            json.WriteStartObject();
            json.WriteStartObject("_aws");
            json.WriteNumber("Timestamp", timestamp.ToUnixTimeMilliseconds());
            json.WriteStartArray("CloudWatchMetrics");
            json.WriteStartObject();
            json.WriteString("Namespace", Namespace);
            json.WriteStartArray("Dimensions");
            json.WriteStartArray();
            json.WriteEndArray();
            json.WriteEndArray();
            json.WriteStartArray("Metrics");
            foreach (var (name, unit, _) in values)
            {
                json.WriteStartObject();
                json.WriteString("Name", name);
                json.WriteString("Unit", unit);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            foreach (var (key, value) in context)
            {
                json.WriteString(key, value);
            }

            foreach (var (name, _, value) in values)
            {
                json.WriteNumber(name, value);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
