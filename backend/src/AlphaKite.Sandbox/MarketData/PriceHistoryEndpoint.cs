using System.Text.RegularExpressions;
using AlphaKite.Core.Calendar;
using AlphaKite.Core.Market;
using AlphaKite.Sandbox.Data;
using AlphaKite.Sandbox.Http;
using Microsoft.AspNetCore.Http;

namespace AlphaKite.Sandbox.MarketData;

/// <summary><c>GET /marketdata/v1/pricehistory</c>: 1-minute candles up to the clock's now.</summary>
internal sealed partial class PriceHistoryEndpoint(SandboxOptions options, ICandleSource source, SandboxStats stats)
{
    public Task HandleAsync(HttpContext context)
    {
        stats.CountPriceHistoryRequest();
        var (query, parameter, error) = PriceHistoryQuery.Parse(context.Request.Query);
        if (query is null)
        {
            return ErrorReply.BadParameter(context, options.Faults, parameter, error);
        }

        var now = options.Clock.GetUtcNow();
        // startDate and endDate win over period, as at Schwab; without startDate the window is the
        // last `period` trading days up to the end (period=1: the end's session only).
        var end = query.End ?? PreviousBusinessClose(now);
        var start = query.Start ?? StartOfPeriod(end, query.PeriodDays);
        if (options.Faults.IgnoreRequestWindow)
        {
            start = NewYork.StartOfDay(NewYork.Date(start));
            end = NewYork.StartOfDay(NewYork.Date(end).AddDays(1)) - TimeSpan.FromMilliseconds(1);
        }

        var floor = now - options.HistoryDepth;
        var candles = Symbol().IsMatch(query.Symbol)
            ? source.Candles(query.Symbol, start > floor ? start : floor, end, now, query.ExtendedHours)
            : [];
        var served = Distort(candles);
        var previous = query.PreviousClose ? source.PreviousClose(query.Symbol, now) : null;

        return Reply.Json(context, options.Faults, StatusCodes.Status200OK, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("candles");
            foreach (var candle in served)
            {
                CandleJson.WriteCandle(w, candle);
            }

            w.WriteEndArray();
            w.WriteString("symbol", query.Symbol);
            w.WriteBoolean("empty", served.Count == 0);
            if (previous is { } p)
            {
                CandleJson.WritePrice(w, "previousClose", p.Close);
                w.WriteNumber("previousCloseDate", NewYork.StartOfDay(p.Date).ToUnixTimeMilliseconds());
            }

            w.WriteEndObject();
        });
    }

    /// <summary>New York midnight of the earliest of the <paramref name="days"/> trading days ending on the end's date.</summary>
    private DateTimeOffset StartOfPeriod(DateTimeOffset end, int days)
    {
        var date = NewYork.Date(end);
        var earliest = date;
        var found = 0;
        // Bounded: three calendar days per trading day plus two weeks covers the longest closures.
        for (var d = date; found < days && d > date.AddDays(-(days * 3) - 14); d = d.AddDays(-1))
        {
            if (options.Sessions(d) is not null)
            {
                earliest = d;
                found++;
            }
        }

        return NewYork.StartOfDay(earliest);
    }

    /// <summary>Without endDate Schwab stops at the previous business day's close: a classic cause of "no bars today".</summary>
    private DateTimeOffset PreviousBusinessClose(DateTimeOffset now)
    {
        var today = NewYork.Date(now);
        for (var date = today.AddDays(-1); date >= today.AddDays(-14); date = date.AddDays(-1))
        {
            if (options.Sessions(date) is { } session)
            {
                return session.Close;
            }
        }

        return now;
    }

    private List<Candle> Distort(IReadOnlyList<Candle> candles)
    {
        var faults = options.Faults;
        var served = faults.DuplicateCandles ? candles.SelectMany(c => new[] { c, c }).ToList() : candles.ToList();
        if (faults.AllZeroTrailingCandle && served.Count > 0)
        {
            served.Add(new Candle(served[^1].Start + Candle.Length, 0m, 0m, 0m, 0m, 0));
        }

        return served;
    }

    // Anything else is not a listed symbol: Schwab answers those with an empty list, not an error.
    // A leading '$' is an index ($SPX, $DJI, $COMPX), which Schwab serves like any symbol.
    [GeneratedRegex(@"^\$?[A-Z][A-Z0-9./]{0,9}$")]
    private static partial Regex Symbol();
}
