using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using AlphaKite.IntegrationTests.Postgres;

namespace AlphaKite.IntegrationTests.Ticks;

/// <summary>A bar as the test reads it, outside the production parser and store.</summary>
internal sealed record ReferenceBar(DateTimeOffset Start, decimal Open, decimal High, decimal Low, decimal Close, long Volume);

/// <summary>A stored row (equity_data joined with indicators), read with plain SQL.</summary>
internal sealed record StoredRow(DateTimeOffset Start, decimal Open, decimal High, decimal Low, decimal Close, long Volume, decimal? Sma9, decimal? Vwap);

/// <summary>Independent reads of both ends: the sandbox with a raw HttpClient and JsonDocument, the tables with SQL.</summary>
internal static class ReferenceBars
{
    public static async Task<List<ReferenceBar>> FetchAsync(Uri baseUrl, string accessToken, string symbol, DateTimeOffset start, DateTimeOffset end)
    {
        using var http = new HttpClient { BaseAddress = baseUrl };
        using var request = new HttpRequestMessage(HttpMethod.Get,
            $"marketdata/v1/pricehistory?symbol={symbol}&frequencyType=minute&frequency=1&startDate={start.ToUnixTimeMilliseconds()}"
            + $"&endDate={end.ToUnixTimeMilliseconds()}&needExtendedHoursData=false&needPreviousClose=false");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("candles").EnumerateArray()
            .Select(c => new ReferenceBar(
                DateTimeOffset.FromUnixTimeMilliseconds(c.GetProperty("datetime").GetInt64()),
                c.GetProperty("open").GetDecimal(),
                c.GetProperty("high").GetDecimal(),
                c.GetProperty("low").GetDecimal(),
                c.GetProperty("close").GetDecimal(),
                c.GetProperty("volume").GetInt64()))
            .Where(c => c.Start >= start && c.Start < end)
            .ToList();
    }

    public static async Task<List<StoredRow>> StoredAsync(string connectionString, string ticker)
    {
        var rows = await Sql.RowsAsync(connectionString, string.Create(CultureInfo.InvariantCulture, $"""
            SELECT e."timestamp", e.open, e.high, e.low, e.close, e.volume, i.sma9, i.vwap
            FROM equity_data e LEFT JOIN indicators i USING (ticker, "timestamp")
            WHERE e.ticker = '{ticker}' ORDER BY e."timestamp"
            """));
        return rows.Select(r => new StoredRow(
            new DateTimeOffset(DateTime.SpecifyKind((DateTime)r[0]!, DateTimeKind.Utc)),
            (decimal)r[1]!, (decimal)r[2]!, (decimal)r[3]!, (decimal)r[4]!, (long)r[5]!, (decimal?)r[6], (decimal?)r[7])).ToList();
    }

    public static async Task<(long Equity, long Indicators)> CountAsync(string connectionString, string ticker) => (
        await Sql.ScalarAsync<long>(connectionString, $"SELECT COUNT(*) FROM equity_data WHERE ticker = '{ticker}'"),
        await Sql.ScalarAsync<long>(connectionString, $"SELECT COUNT(*) FROM indicators WHERE ticker = '{ticker}'"));
}
