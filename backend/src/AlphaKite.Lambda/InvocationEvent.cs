using System.Globalization;
using System.Text.Json;
using AlphaKite.Core.Files;
using AlphaKite.Core.Market;
using AlphaKite.Core.Ticks;

namespace AlphaKite.Lambda;

/// <summary>
/// Parses the invocation event into a tick request. Strict: a misspelt field ("ticker") or a wrong
/// type is an error, because silently running the default tickers would look like success.
/// </summary>
public static class InvocationEvent
{
    /// <param name="defaultTickers">ALPHAKITE_TICKERS, used when the event names none.</param>
    /// <param name="today">Today in New York: a later "date" is refused.</param>
    public static TickRequest Parse(string body, IReadOnlyList<string> defaultTickers, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(defaultTickers);
        if (string.IsNullOrWhiteSpace(body))
        {
            // `aws lambda invoke` without --payload sends no body: the same as {}.
            return new TickRequest(defaultTickers);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            throw new InvalidEventException($"The event {JsonProblem.Describe(body, e)}.");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidEventException($"The event must be a JSON object, got {JsonProblem.Kind(root)}.");
            }

            if (IsLegacyScheduledEvent(root))
            {
                return new TickRequest(defaultTickers);
            }

            IReadOnlyList<string> tickers = defaultTickers;
            DateOnly? date = null;
            var force = false;
            var closeOut = false;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in root.EnumerateObject())
            {
                if (!seen.Add(property.Name))
                {
                    // JSON parsers disagree on which of two values wins: refuse to guess.
                    throw new InvalidEventException($"The event names \"{property.Name}\" more than once: keep one.");
                }

                switch (property.Name)
                {
                    case "tickers": tickers = ParseTickers(property.Value); break;
                    case "date": date = ParseDate(property.Value, today); break;
                    case "force": force = ParseBoolean("force", property.Value); break;
                    case "closeout": closeOut = ParseBoolean("closeout", property.Value); break;
                    default: throw new InvalidEventException($"Unknown event field \"{property.Name}\": the fields are tickers, date, force and closeout.");
                }
            }

            if (closeOut && (date is not null || force))
            {
                // The close-out decides its own date and window; a date or force with it is a mistake, not a wish.
                throw new InvalidEventException("\"closeout\" reloads today's session once it has closed: leave out \"date\" and \"force\" (use {\"date\": \"YYYY-MM-DD\"} to reload another session).");
            }

            return new TickRequest(tickers, date, force, closeOut);
        }
    }

    private static List<string> ParseTickers(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidEventException($"\"tickers\" must be an array of symbols such as [\"QQQ\"], got {JsonProblem.Kind(value)}.");
        }

        var items = value.EnumerateArray().Select((item, index) => item.ValueKind == JsonValueKind.String
            ? item.GetString()
            : throw new InvalidEventException($"\"tickers\"[{index}] must be a string, got {JsonProblem.Kind(item)}."));
        var tickers = TickerSymbols.ParseList(items, (index, item) =>
            throw new InvalidEventException($"\"tickers\"[{index}] \"{item}\" is not a symbol ({TickerSymbols.Rule})."));
        return tickers switch
        {
            [] => throw new InvalidEventException("\"tickers\" is empty: name at least one symbol, or leave the field out to use ALPHAKITE_TICKERS."),
            _ when TickerSymbols.TooMany(tickers) => throw new InvalidEventException(
                $"\"tickers\" names {tickers.Count} symbols; at most {TickerSymbols.MaxPerInvocation} per invocation (Schwab allows about 120 requests a minute)."),
            _ => tickers,
        };
    }

    private static DateOnly ParseDate(JsonElement value, DateOnly today)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            throw new InvalidEventException($"\"date\" must be a string \"YYYY-MM-DD\", got {JsonProblem.Kind(value)}.");
        }

        var text = value.GetString();
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw new InvalidEventException($"\"date\" \"{text}\" is not a date in the form YYYY-MM-DD.");
        }

        return date <= today
            ? date
            : throw new InvalidEventException($"\"date\" {text} is after today ({today:yyyy-MM-dd} in New York): only today's or past sessions can be loaded.");
    }

    private static bool ParseBoolean(string name, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw new InvalidEventException($"\"{name}\" must be true or false, got {JsonProblem.Kind(value)}."),
    };

    // An EventBridge rule (the legacy schedule) sends its own envelope instead of {}.
    private static bool IsLegacyScheduledEvent(JsonElement root) =>
        root.TryGetProperty("source", out var source) && source.ValueKind == JsonValueKind.String && source.GetString() == "aws.events"
        && root.TryGetProperty("detail-type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "Scheduled Event";
}
