using System.Globalization;
using System.Text.Json;
using AlphaKite.Core.Market;

namespace AlphaKite.Sandbox.MarketData;

/// <summary>Writes candles the way Schwab does: whole prices as JSON integers (<c>"high": 190</c>), no trailing zeros.</summary>
internal static class CandleJson
{
    public static void WriteCandle(Utf8JsonWriter writer, Candle candle)
    {
        writer.WriteStartObject();
        WritePrice(writer, "open", candle.Open);
        WritePrice(writer, "high", candle.High);
        WritePrice(writer, "low", candle.Low);
        WritePrice(writer, "close", candle.Close);
        writer.WriteNumber("volume", candle.Volume);
        writer.WriteNumber("datetime", candle.Start.ToUnixTimeMilliseconds());
        writer.WriteEndObject();
    }

    public static void WritePrice(Utf8JsonWriter writer, string name, decimal price)
    {
        writer.WritePropertyName(name);
        writer.WriteRawValue(price.ToString("0.############", CultureInfo.InvariantCulture));
    }
}
