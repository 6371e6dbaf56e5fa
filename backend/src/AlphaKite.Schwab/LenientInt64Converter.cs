using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AlphaKite.Schwab;

/// <summary>
/// Reads a whole number written as 1714734000, 1714734000.0, 1.714734E9 or "1714734000"
/// (other writers of token files use floats); always writes a JSON integer, which is what
/// schwab-py and authlib compare against <c>time.time()</c>.
/// </summary>
internal sealed class LenientInt64Converter : JsonConverter<long?>
{
    public override long? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return reader.TryGetInt64(out var whole) ? whole : checked((long)Math.Floor(reader.GetDecimal()));
        }

        if (reader.TokenType == JsonTokenType.String)
        {
            var text = reader.GetString();
            if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
            {
                return checked((long)Math.Floor(parsed));
            }
        }

        throw new JsonException($"expected a whole number, found {reader.TokenType}");
    }

    public override void Write(Utf8JsonWriter writer, long? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is { } v)
        {
            writer.WriteNumberValue(v);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
