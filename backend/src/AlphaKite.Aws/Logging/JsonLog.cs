using System.Globalization;
using System.Text;
using System.Text.Json;

namespace AlphaKite.Aws.Logging;

/// <summary>
/// Structured log: one JSON object per line (timestamp, level, message, requestId, then fields),
/// which CloudWatch Logs Insights queries without parsing. Every string passes through
/// <see cref="LogRedactor"/>; fields named like secrets are masked whatever their value.
/// </summary>
public sealed class JsonLog
{
    private readonly TextWriter _output;
    private readonly TimeProvider _clock;

    public JsonLog(TextWriter output, LogLevel minimum, TimeProvider clock, string? requestId = null)
    {
        _output = output ?? throw new ArgumentNullException(nameof(output));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        Minimum = minimum;
        RequestId = requestId;
    }

    public LogLevel Minimum { get; }

    public string? RequestId { get; }

    /// <summary>The same log, stamping every line with an invocation's request id.</summary>
    public JsonLog ForRequest(string requestId) => new(_output, Minimum, _clock, requestId);

    public bool IsEnabled(LogLevel level) => level >= Minimum;

    /// <summary>LOG_LEVEL's value (case-insensitive; "Info" and "Warn" accepted); null or empty means Information.</summary>
    public static LogLevel ParseLevel(string? text) => text?.Trim().ToUpperInvariant() switch
    {
        null or "" => LogLevel.Information,
        "DEBUG" or "TRACE" => LogLevel.Debug,
        "INFORMATION" or "INFO" => LogLevel.Information,
        "WARNING" or "WARN" => LogLevel.Warning,
        "ERROR" or "CRITICAL" => LogLevel.Error,
        _ => throw new ArgumentException($"LOG_LEVEL '{text}' is not one of Debug, Information, Warning, Error.", nameof(text)),
    };

    public void Debug(string message, params ReadOnlySpan<LogField> fields) => Write(LogLevel.Debug, message, fields);

    public void Info(string message, params ReadOnlySpan<LogField> fields) => Write(LogLevel.Information, message, fields);

    public void Warn(string message, params ReadOnlySpan<LogField> fields) => Write(LogLevel.Warning, message, fields);

    public void Error(string message, params ReadOnlySpan<LogField> fields) => Write(LogLevel.Error, message, fields);

    public void Write(LogLevel level, string message, params ReadOnlySpan<LogField> fields)
    {
        if (!IsEnabled(level))
        {
            return;
        }

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonOutput.Options))
        {
            json.WriteStartObject();
            json.WriteString("timestamp", _clock.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            json.WriteString("level", level.ToString());
            json.WriteString("message", LogRedactor.Redact(message));
            if (RequestId is not null)
            {
                json.WriteString("requestId", RequestId);
            }

            foreach (var field in fields)
            {
                if (field.Key is "timestamp" or "level" or "message" or "requestId")
                {
                    continue;
                }

                json.WritePropertyName(field.Key);
                if (LogRedactor.IsSensitiveKey(field.Key))
                {
                    json.WriteStringValue(LogRedactor.Mask);
                }
                else
                {
                    WriteValue(json, field.Value);
                }
            }

            json.WriteEndObject();
        }

        var line = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        lock (_output)
        {
            _output.WriteLine(line);
            _output.Flush();
        }
    }

    private static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null: json.WriteNullValue(); break;
            case string s: json.WriteStringValue(LogRedactor.Redact(s)); break;
            case bool b: json.WriteBooleanValue(b); break;
            case int i: json.WriteNumberValue(i); break;
            case long l: json.WriteNumberValue(l); break;
            case double d: json.WriteNumberValue(d); break;
            case decimal m: json.WriteNumberValue(m); break;
            case DateTimeOffset t: json.WriteStringValue(t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)); break;
            case DateOnly d: json.WriteStringValue(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); break;
            case TimeSpan t: json.WriteNumberValue(Math.Round(t.TotalMilliseconds, 1)); break;
            case Exception e: ExceptionJson.Write(json, e); break;
            case IEnumerable<string> list:
                json.WriteStartArray();
                foreach (var item in list)
                {
                    json.WriteStringValue(LogRedactor.Redact(item));
                }

                json.WriteEndArray();
                break;
            default: json.WriteStringValue(LogRedactor.Redact(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "")); break;
        }
    }
}
