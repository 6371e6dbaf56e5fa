using System.Text.Json;
using AlphaKite.Core.Calendar;
using AlphaKite.Core.Files;
using AlphaKite.Core.Market;

namespace AlphaKite.Sandbox.Data;

/// <summary>
/// Serves saved pricehistory responses: a file holding one <c>{"candles":[...],"symbol":"X"}</c>
/// object or an array of them. Candles are served as recorded (duplicates and all), filtered by
/// the request window, the clock and, without extended hours, the regular session.
/// </summary>
public sealed class ReplayMarket : ICandleSource
{
    private readonly Dictionary<string, Candle[]> _bySymbol;
    private readonly Func<DateOnly, TradingSession?> _sessions;

    private ReplayMarket(Dictionary<string, Candle[]> bySymbol, Func<DateOnly, TradingSession?> sessions)
    {
        _bySymbol = bySymbol;
        _sessions = sessions;
    }

    public static ReplayMarket Load(string path, Func<DateOnly, TradingSession?> sessions)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(sessions);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Replay file '{path}' does not exist: pass a saved pricehistory response (JSON).", path);
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var responses = document.RootElement.ValueKind == JsonValueKind.Array
                ? document.RootElement.EnumerateArray().ToList()
                : [document.RootElement];
            var bySymbol = new Dictionary<string, List<Candle>>(StringComparer.Ordinal);
            foreach (var response in responses)
            {
                var symbol = response.GetProperty("symbol").GetString()
                    ?? throw new InvalidDataException("\"symbol\" is null");
                if (!bySymbol.TryGetValue(symbol, out var list))
                {
                    bySymbol[symbol] = list = [];
                }

                list.AddRange(response.GetProperty("candles").EnumerateArray().Select(ParseCandle));
            }

            return new ReplayMarket(bySymbol.ToDictionary(p => p.Key, p => p.Value.OrderBy(c => c.Start).ToArray(), StringComparer.Ordinal), sessions);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or InvalidDataException)
        {
            throw new InvalidDataException(
                $"Replay file '{path}' is not a pricehistory response ({{\"candles\":[{{open,high,low,close,volume,datetime}}],\"symbol\":\"X\"}}) or an array of them: {Why(path, e)}.", e);
        }
    }

    /// <summary>The symbols the file holds, in ordinal order.</summary>
    public IReadOnlyList<string> Symbols => _bySymbol.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>The New York dates on which the file has regular-session bars for <paramref name="symbol"/>, oldest first.</summary>
    public IReadOnlyList<DateOnly> SessionDates(string symbol) =>
        _bySymbol.TryGetValue(symbol, out var candles)
            ? candles.Where(c => InRegularSession(c.Start)).Select(c => NewYork.Date(c.Start)).Distinct().ToList()
            : [];

    // The runtime's texts ("The given key was not present in the dictionary.") say nothing about the file.
    private static string Why(string path, Exception e) => e switch
    {
        JsonException json => "it " + JsonProblem.Describe(File.ReadAllBytes(path), json),
        KeyNotFoundException => "a response lacks \"symbol\" or \"candles\", or a candle lacks one of its members",
        InvalidOperationException or FormatException => "a member has the wrong type (candles is an array of objects, prices are numbers, datetime is epoch milliseconds)",
        _ => e.Message,
    };

    public IReadOnlyList<Candle> Candles(string symbol, DateTimeOffset from, DateTimeOffset to, DateTimeOffset now, bool extendedHours)
    {
        if (!_bySymbol.TryGetValue(symbol, out var candles))
        {
            return [];
        }

        return candles
            .Where(c => c.Start >= from && c.Start <= to && c.Start < now)
            .Where(c => extendedHours || InRegularSession(c.Start))
            .ToList();
    }

    public (decimal Close, DateOnly Date)? PreviousClose(string symbol, DateTimeOffset before)
    {
        if (!_bySymbol.TryGetValue(symbol, out var candles))
        {
            return null;
        }

        var today = NewYork.Date(before);
        var last = candles.LastOrDefault(c => NewYork.Date(c.Start) < today && InRegularSession(c.Start));
        return last is null ? null : (last.Close, NewYork.Date(last.Start));
    }

    private bool InRegularSession(DateTimeOffset start) =>
        _sessions(NewYork.Date(start)) is { } session && start >= session.Open && start < session.Close;

    private static Candle ParseCandle(JsonElement c) => new(
        DateTimeOffset.FromUnixTimeMilliseconds(c.GetProperty("datetime").GetInt64()),
        c.GetProperty("open").GetDecimal(),
        c.GetProperty("high").GetDecimal(),
        c.GetProperty("low").GetDecimal(),
        c.GetProperty("close").GetDecimal(),
        c.GetProperty("volume").GetInt64());
}
