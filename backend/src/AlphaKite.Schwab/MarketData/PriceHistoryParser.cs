using System.Text.Json;
using AlphaKite.Core.Files;
using AlphaKite.Core.Market;
using AlphaKite.Core.Ports;

namespace AlphaKite.Schwab.MarketData;

/// <summary>Parses a pricehistory body into candles, exactly (decimal from the number's text).</summary>
public static class PriceHistoryParser
{
    /// <summary>
    /// The candles of a pricehistory response; empty for <c>{"candles":[],"empty":true}</c> (an unknown
    /// or silent symbol). A candle with a member missing is passed on with an impossible value there
    /// (price 0, volume -1, start at the Unix epoch) so that <see cref="CandleCleaner"/> drops and
    /// counts it: one bad bar must not fail the ticker for the rest of the session.
    /// </summary>
    /// <exception cref="MarketDataException">The body is not a pricehistory response.</exception>
    public static IReadOnlyList<Candle> Parse(ReadOnlySpan<byte> json, string symbol)
    {
        PriceHistoryJson? body;
        try
        {
            body = JsonSerializer.Deserialize(json, SchwabJsonContext.Default.PriceHistoryJson);
        }
        catch (JsonException e)
        {
            throw new MarketDataException($"{symbol}: Schwab's pricehistory body {JsonProblem.Describe(json.ToArray(), e)}; expected {{\"candles\": [...], \"symbol\": ...}}.", e);
        }

        if (body?.Candles is not { } candles)
        {
            if (body?.Empty == true)
            {
                return [];
            }

            throw new MarketDataException($"{symbol}: Schwab's pricehistory body has no 'candles' member.");
        }

        var result = new Candle[candles.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var c = candles[i];
            result[i] = new Candle(
                Start(c.Datetime),
                c.Open ?? 0m, c.High ?? 0m, c.Low ?? 0m, c.Close ?? 0m, c.Volume ?? -1);
        }

        return result;
    }

    private static DateTimeOffset Start(long? epochMs) =>
        epochMs is >= 0 and <= MaxEpochMs ? DateTimeOffset.FromUnixTimeMilliseconds(epochMs.Value) : DateTimeOffset.UnixEpoch;

    private const long MaxEpochMs = 253_402_300_799_999;
}
