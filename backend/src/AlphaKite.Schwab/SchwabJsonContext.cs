using System.Text.Json;
using System.Text.Json.Serialization;
using AlphaKite.Schwab.MarketData;
using AlphaKite.Schwab.Tokens;

namespace AlphaKite.Schwab;

// Source-generated (Native AOT): no reflection-based serialization anywhere in this assembly.
// Numbers may arrive as strings from proxies and replays; accept them, always write numbers.
[JsonSourceGenerationOptions(
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TokenFileJson))]
[JsonSerializable(typeof(TokenJson))]
[JsonSerializable(typeof(PriceHistoryJson))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class SchwabJsonContext : JsonSerializerContext;
