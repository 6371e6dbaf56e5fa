using System.Globalization;
using System.Text.Json;
using AlphaKite.Core.Calendar;
using AlphaKite.Core.Ports;

namespace AlphaKite.Schwab.MarketData;

/// <summary>
/// Reads <c>GET /marketdata/v1/markets/equity?date=</c>: <c>{"equity":{"EQ":{"isOpen":true,
/// "sessionHours":{"regularMarket":[{"start":"...-04:00","end":"..."}]}}}}</c>. The inner key varies
/// ("EQ" on open days, "equity" on closed ones), so the first product under "equity" is taken.
/// </summary>
public static class MarketHoursParser
{
    /// <summary>The regular session, or null when the market is closed that day.</summary>
    /// <exception cref="MarketDataException">The body is not a market hours response.</exception>
    public static TradingSession? Parse(ReadOnlySpan<byte> json, DateOnly date)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            using var doc = JsonDocument.ParseValue(ref reader);
            var product = Product(doc.RootElement)
                ?? throw new MarketDataException($"market hours {date:yyyy-MM-dd}: Schwab's answer has no 'equity' product.");
            if (!product.TryGetProperty("isOpen", out var open) || open.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                throw new MarketDataException($"market hours {date:yyyy-MM-dd}: Schwab's answer has no 'isOpen'.");
            }

            if (!open.GetBoolean())
            {
                return null;
            }

            if (!product.TryGetProperty("sessionHours", out var hours)
                || !hours.TryGetProperty("regularMarket", out var regular)
                || regular.ValueKind != JsonValueKind.Array
                || regular.GetArrayLength() == 0)
            {
                throw new MarketDataException($"market hours {date:yyyy-MM-dd}: Schwab says open but gives no sessionHours.regularMarket.");
            }

            var start = Instant(regular[0], "start", date);
            var end = Instant(regular[0], "end", date);
            // Offsets are New York's, so the local time of day is the exchange's (13:00 on early closes).
            return new TradingSession(date, start, end, IsEarlyClose: end.TimeOfDay < new TimeSpan(16, 0, 0));
        }
        catch (JsonException e)
        {
            throw new MarketDataException($"market hours {date:yyyy-MM-dd}: Schwab's answer is not JSON ({e.Message}).", e);
        }
    }

    private static JsonElement? Product(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("equity", out var equity) || equity.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var p in equity.EnumerateObject())
        {
            if (p.Value.ValueKind == JsonValueKind.Object)
            {
                return p.Value;
            }
        }

        return null;
    }

    private static DateTimeOffset Instant(JsonElement session, string name, DateOnly date) =>
        session.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(v.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
            ? t
            : throw new MarketDataException($"market hours {date:yyyy-MM-dd}: regularMarket has no valid '{name}'.");
}
