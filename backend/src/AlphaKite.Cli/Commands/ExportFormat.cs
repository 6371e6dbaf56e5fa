using System.Globalization;
using System.Text;
using System.Text.Json;
using AlphaKite.Core.Calendar;
using AlphaKite.Postgres.Queries;

namespace AlphaKite.Cli.Commands;

/// <summary>CSV and JSON renderings of exported bars: New York time as ISO-8601 with its UTC offset
/// (as `status` shows it, and as traders read the session), invariant decimals, empty/null for missing indicators.</summary>
internal static class ExportFormat
{
    public static string Csv(IReadOnlyList<ExportRow> rows)
    {
        var text = new StringBuilder("timestamp_new_york,open,high,low,close,volume,sma9,vwap\n");
        foreach (var r in rows)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{NewYork.Iso(r.Start)},{r.Open},{r.High},{r.Low},{r.Close},{r.Volume},{r.Sma9},{r.Vwap}\n");
        }

        return text.ToString();
    }

    public static string Json(string ticker, IReadOnlyList<ExportRow> rows)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("ticker", ticker);
            json.WriteString("time_zone", NewYork.TimeZoneId);
            json.WriteStartArray("bars");
            foreach (var r in rows)
            {
                json.WriteStartObject();
                json.WriteString("timestamp", NewYork.Iso(r.Start));
                json.WriteNumber("open", r.Open);
                json.WriteNumber("high", r.High);
                json.WriteNumber("low", r.Low);
                json.WriteNumber("close", r.Close);
                json.WriteNumber("volume", r.Volume);
                Nullable(json, "sma9", r.Sma9);
                Nullable(json, "vwap", r.Vwap);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void Nullable(Utf8JsonWriter json, string name, decimal? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
