using System.Text.Json;

namespace AlphaKite.Aws.Logging;

/// <summary>
/// An exception as JSON the way Amazon.Lambda.RuntimeSupport reports it to the Runtime API
/// (ExceptionInfo / LambdaJsonExceptionWriter): errorType (the type's short name), errorMessage,
/// stackTrace (one string per frame), cause (the inner exception) and, for an AggregateException
/// (a TickFailedException is one: one inner exception per failed ticker), causes (every inner
/// exception). As in RuntimeSupport, an aggregate's first inner exception is therefore written twice,
/// as cause and as causes[0]. The one home of that shape: the /error body and the log's "error" field
/// both use it. Messages and frames pass through <see cref="LogRedactor"/> (before they are shortened).
/// Bounded like RuntimeSupport's writer, which replaces a cause that does not fit the 256 KB limit by
/// <see cref="Truncated"/> and stops the causes list there; this one stays well under it
/// (<see cref="MaxBytes"/>) and also caps depth, causes, message length and frames.
/// </summary>
public static class ExceptionJson
{
    /// <summary>Nesting kept; deeper causes are dropped (a cycle or a runaway chain).</summary>
    public const int MaxDepth = 8;

    /// <summary>Causes of one aggregate kept; the rest are counted in a closing entry.</summary>
    public const int MaxCauses = 16;

    /// <summary>The whole object's size cap: Lambda's error body limit is 256 KB.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>Characters kept of one message, and frames kept of one stack trace.</summary>
    public const int MaxMessageChars = 2048;

    public const int MaxFrames = 40;

    /// <summary>RuntimeSupport's stand-in for a cause that did not fit.</summary>
    public const string Truncated = "Exception exceeded maximum payload size.";

    public static void Write(Utf8JsonWriter json, Exception error)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(error);
        var rendered = Render(error, 0, MaxBytes, json.Options, withStack: true)
            ?? Render(error, MaxDepth, MaxBytes, json.Options, withStack: false)!;
        json.WriteRawValue(rendered, skipInputValidation: true);
    }

    // One exception and its causes, or null when it does not fit in room bytes.
    private static byte[]? Render(Exception error, int depth, long room, JsonWriterOptions options, bool withStack = true)
    {
        if (room <= 0)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, options))
        {
            json.WriteStartObject();
            json.WriteString("errorType", error.GetType().Name);
            json.WriteString("errorMessage", Shorten(LogRedactor.Redact(error.Message)));
            json.WriteStartArray("stackTrace");
            var frames = withStack ? (error.StackTrace ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];
            foreach (var frame in frames.Take(MaxFrames))
            {
                json.WriteStringValue(Shorten(LogRedactor.Redact(frame)));
            }

            if (frames.Length > MaxFrames)
            {
                json.WriteStringValue($"... {frames.Length - MaxFrames} more frames left out");
            }

            json.WriteEndArray();
            if (depth < MaxDepth)
            {
                if (error.InnerException is { } inner)
                {
                    json.WritePropertyName("cause");
                    WriteCause(json, inner, depth, room, options);
                }

                var causes = error is AggregateException aggregate ? aggregate.InnerExceptions : [];
                if (causes.Count > 0)
                {
                    json.WriteStartArray("causes");
                    foreach (var cause in causes.Take(MaxCauses))
                    {
                        if (!WriteCause(json, cause, depth, room, options))
                        {
                            break;
                        }
                    }

                    if (causes.Count > MaxCauses)
                    {
                        json.WriteStartObject();
                        json.WriteString("errorMessage", $"{causes.Count - MaxCauses} more causes left out");
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                }
            }

            json.WriteEndObject();
        }

        // Room for the closing brackets of the callers is kept by the margin in WriteCause.
        return buffer.Length <= room ? buffer.ToArray() : null;
    }

    // Writes the cause, or the Truncated stand-in when it does not fit; false when it did not.
    private static bool WriteCause(Utf8JsonWriter json, Exception cause, int depth, long room, JsonWriterOptions options)
    {
        const int Margin = 256;
        json.Flush();
        var rendered = Render(cause, depth + 1, room - json.BytesCommitted - Margin, options);
        if (rendered is null)
        {
            json.WriteStartObject();
            json.WriteString("errorMessage", Truncated);
            json.WriteEndObject();
            return false;
        }

        json.WriteRawValue(rendered, skipInputValidation: true);
        return true;
    }

    private static string Shorten(string text) =>
        text.Length <= MaxMessageChars ? text : $"{text[..MaxMessageChars]}... ({text.Length - MaxMessageChars} more characters)";
}
