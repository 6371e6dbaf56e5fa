using System.Text.Json.Serialization;

namespace AlphaKite.Schwab.MarketData;

/// <summary><c>GET /marketdata/v1/pricehistory</c>'s body. Everything optional: a missing member is
/// reported or dropped by us, never a serializer crash. Unknown members are ignored.</summary>
internal sealed class PriceHistoryJson
{
    [JsonPropertyName("candles")]
    public List<CandleJson>? Candles { get; set; }

    [JsonPropertyName("symbol")]
    public string? Symbol { get; set; }

    [JsonPropertyName("empty")]
    public bool? Empty { get; set; }
}

/// <summary>One candle. Prices are decimal so the JSON number text (183.71, or 190 written as an
/// integer) converts exactly, never through a double.</summary>
internal sealed class CandleJson
{
    [JsonPropertyName("open")]
    public decimal? Open { get; set; }

    [JsonPropertyName("high")]
    public decimal? High { get; set; }

    [JsonPropertyName("low")]
    public decimal? Low { get; set; }

    [JsonPropertyName("close")]
    public decimal? Close { get; set; }

    [JsonPropertyName("volume")]
    [JsonConverter(typeof(LenientInt64Converter))]
    public long? Volume { get; set; }

    [JsonPropertyName("datetime")]
    [JsonConverter(typeof(LenientInt64Converter))]
    public long? Datetime { get; set; }
}
