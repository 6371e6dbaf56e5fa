using System.Text.Json;
using AlphaKite.Core.Ticks;

namespace AlphaKite.Aws.Logging;

/// <summary>
/// An exception as JSON the way Amazon.Lambda.RuntimeSupport reports it to the Runtime API
/// (LambdaJsonExceptionWriter / ExceptionInfo): errorType (the type's short name), errorMessage,
/// stackTrace (one string per frame), cause (the inner exception) and causes (every inner exception
/// of an AggregateException, and of a <see cref="TickFailedException"/>: one per failed ticker).
/// The one home of that shape: the /error body and the log's "error" field both use it. Messages and
/// frames pass through <see cref="LogRedactor"/>.
/// </summary>
public static class ExceptionJson
{
    /// <summary>Nesting kept; deeper causes are dropped (a cycle or a runaway chain must not blow the 256 KB error limit).</summary>
    public const int MaxDepth = 8;

    public static void Write(Utf8JsonWriter json, Exception error) => Write(json, error, 0);

    private static void Write(Utf8JsonWriter json, Exception error, int depth)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(error);
        json.WriteStartObject();
        json.WriteString("errorType", error.GetType().Name);
        json.WriteString("errorMessage", LogRedactor.Redact(error.Message));
        json.WriteStartArray("stackTrace");
        foreach (var frame in (error.StackTrace ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            json.WriteStringValue(LogRedactor.Redact(frame));
        }

        json.WriteEndArray();
        if (depth < MaxDepth)
        {
            if (error.InnerException is { } inner)
            {
                json.WritePropertyName("cause");
                Write(json, inner, depth + 1);
            }

            var causes = error switch
            {
                AggregateException a => a.InnerExceptions,
                TickFailedException t => t.InnerExceptions,
                _ => [],
            };
            if (causes.Count > 0)
            {
                json.WriteStartArray("causes");
                foreach (var cause in causes)
                {
                    Write(json, cause, depth + 1);
                }

                json.WriteEndArray();
            }
        }

        json.WriteEndObject();
    }
}
