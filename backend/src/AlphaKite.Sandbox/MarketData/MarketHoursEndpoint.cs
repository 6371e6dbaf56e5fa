using System.Globalization;
using System.Text.Json;
using AlphaKite.Core.Calendar;
using AlphaKite.Sandbox.Http;
using Microsoft.AspNetCore.Http;

namespace AlphaKite.Sandbox.MarketData;

/// <summary>
/// <c>GET /marketdata/v1/markets/equity?date=</c> and <c>/markets?markets=equity&amp;date=</c>, in
/// Schwab's shape: an open day has <c>sessionHours</c> keyed under product "EQ"; a closed day has
/// product "equity", <c>isOpen:false</c> and no <c>sessionHours</c>.
/// </summary>
internal sealed class MarketHoursEndpoint(SandboxOptions options, SandboxStats stats)
{
    private static readonly TimeSpan PreMarket = TimeSpan.FromMinutes(150);
    private static readonly TimeSpan PostMarket = TimeSpan.FromHours(4);

    public Task HandleAsync(HttpContext context)
    {
        stats.CountMarketHoursRequest();
        if (options.Faults.MarketHoursDown)
        {
            return ErrorReply.ServerError(context, options.Faults, StatusCodes.Status503ServiceUnavailable);
        }

        var markets = context.Request.RouteValues["market"] as string ?? context.Request.Query["markets"].ToString();
        if (markets.Length == 0)
        {
            return ErrorReply.BadParameter(context, options.Faults, "markets", "Missing required parameter 'markets'");
        }

        if (!string.Equals(markets, "equity", StringComparison.Ordinal))
        {
            return ErrorReply.BadParameter(context, options.Faults, "markets", "The AlphaKite sandbox serves markets=equity only");
        }

        var text = context.Request.Query["date"].ToString();
        DateOnly date;
        if (text.Length == 0)
        {
            date = NewYork.Date(options.Clock.GetUtcNow());
        }
        else if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            return ErrorReply.BadParameter(context, options.Faults, "date", "date must be yyyy-MM-dd");
        }

        var session = (options.MarketHours ?? options.Sessions)(date);
        return Reply.Json(context, options.Faults, StatusCodes.Status200OK, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("equity");
            w.WriteStartObject(session is null ? "equity" : "EQ");
            w.WriteString("date", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            w.WriteString("marketType", "EQUITY");
            if (session is null)
            {
                w.WriteString("product", "equity");
                w.WriteBoolean("isOpen", false);
            }
            else
            {
                w.WriteString("product", "EQ");
                w.WriteString("productName", "equity");
                w.WriteBoolean("isOpen", true);
                w.WriteStartObject("sessionHours");
                WriteWindow(w, "preMarket", session.Open - PreMarket, session.Open);
                WriteWindow(w, "regularMarket", session.Open, session.Close);
                WriteWindow(w, "postMarket", session.Close, session.Close + PostMarket);
                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    private static void WriteWindow(Utf8JsonWriter w, string name, DateTimeOffset start, DateTimeOffset end)
    {
        w.WriteStartArray(name);
        w.WriteStartObject();
        w.WriteString("start", NewYork.Iso(start));
        w.WriteString("end", NewYork.Iso(end));
        w.WriteEndObject();
        w.WriteEndArray();
    }
}
