using System.Globalization;
using AlphaKite.Core.Calendar;
using AlphaKite.Core.Market;
using AlphaKite.Core.Ports;
using AlphaKite.Schwab.Http;

namespace AlphaKite.Schwab.MarketData;

/// <summary>
/// Schwab's market data API (or the sandbox at another base URL): 1-minute price history and
/// market hours (the tick's <see cref="AlphaKite.Core.Ticks.MarketHoursCheck"/> asks once per day). Every request takes a slot from the shared <see cref="RequestBudget"/>.
/// Token problems surface as <see cref="OAuth.ReauthenticationRequiredException"/> /
/// <see cref="OAuth.SchwabAuthException"/> (they concern every ticker); the rest as
/// <see cref="MarketDataException"/>.
/// </summary>
public sealed class SchwabMarketDataClient : IMarketData, IMarketHours
{
    private readonly Uri _baseUrl;
    private readonly SchwabApiSender _sender;

    /// <param name="http">From <see cref="SchwabHttp.CreateClient"/>: automatic decompression, no HttpClient timeout.
    /// Any HttpClient works (gzip is decoded either way); keep its Timeout above the attempt timeout.</param>
    /// <param name="baseUrl">API root, e.g. <see cref="SchwabDefaults.BaseUrl"/> or the sandbox's URL.</param>
    /// <param name="tokens">Access tokens (refreshed on a 401).</param>
    /// <param name="budget">The process-wide request budget, shared with every other Schwab caller.</param>
    /// <param name="retry">Defaults to <see cref="SchwabRetryOptions.Default"/>.</param>
    /// <param name="time">Clock for backoff delays; defaults to <see cref="TimeProvider.System"/>.</param>
    public SchwabMarketDataClient(
        HttpClient http, Uri baseUrl, IAccessTokenProvider tokens, RequestBudget budget,
        SchwabRetryOptions? retry = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(budget);
        _baseUrl = baseUrl is { IsAbsoluteUri: true } ? baseUrl : throw new ArgumentException("The base URL must be absolute.", nameof(baseUrl));
        _sender = new SchwabApiSender(http, tokens, budget, SchwabResilience.Create(retry ?? SchwabRetryOptions.Default, time ?? TimeProvider.System));
    }

    public async Task<IReadOnlyList<Candle>> FetchCandlesAsync(
        string ticker, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ticker);
        var uri = PriceHistoryUri(ticker, from, to);
        var reply = await _sender.GetAsync(uri, $"{ticker} pricehistory", cancellationToken);
        ThrowIfFailed(reply, ticker, "pricehistory");
        return PriceHistoryParser.Parse(reply.Body, ticker);
    }

    /// <summary>The regular equity session on <paramref name="date"/> as Schwab reports it; null when the market is closed.</summary>
    public async Task<TradingSession?> FetchEquitySessionAsync(DateOnly date, CancellationToken cancellationToken)
    {
        var day = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var uri = SchwabSettings.Endpoint(_baseUrl, $"marketdata/v1/markets/equity?date={day}");
        var reply = await _sender.GetAsync(uri, $"market hours {day}", cancellationToken);
        ThrowIfFailed(reply, $"market hours {day}", "markets");
        return MarketHoursParser.Parse(reply.Body, date);
    }

    /// <summary>Bounded by epoch milliseconds on both ends: without endDate Schwab stops at the previous
    /// business day's close. period/periodType are not sent (they conflict with start/end for minutes).</summary>
    internal Uri PriceHistoryUri(string ticker, DateTimeOffset from, DateTimeOffset to) =>
        SchwabSettings.Endpoint(_baseUrl, string.Create(CultureInfo.InvariantCulture,
            $"marketdata/v1/pricehistory?symbol={Uri.EscapeDataString(ticker)}&frequencyType=minute&frequency=1&startDate={from.ToUnixTimeMilliseconds()}&endDate={to.ToUnixTimeMilliseconds()}&needExtendedHoursData=false&needPreviousClose=false"));

    private static void ThrowIfFailed(HttpReply reply, string subject, string endpoint)
    {
        if (reply.IsSuccess)
        {
            return;
        }

        var detail = ErrorDetail.Describe(reply);
        var advice = reply.Status switch
        {
            401 => "Schwab refused a freshly refreshed token: the app at developer.schwab.com must be 'Ready for Use' " +
                   "and carry the 'Market Data Production' product; if it does, run `alphakite auth`.",
            400 => "Schwab rejected the request's parameters: check the ticker symbol and the date range (minute history reaches back about 45 days).",
            403 => "Schwab denied access: check the app's products at developer.schwab.com.",
            404 => "Check the ticker symbol and the base URL.",
            _ => "Check the request and Schwab's status.",
        };
        throw new MarketDataException($"{subject}: Schwab's {endpoint} answered HTTP {reply.Status} ({detail}). {advice}");
    }
}
