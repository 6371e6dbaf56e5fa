using AlphaKite.Core.Indicators;
using AlphaKite.Core.Market;
using AlphaKite.Core.Ports;

namespace AlphaKite.Tests.Lambda;

/// <summary>Temporary in-memory ports so the handler can be tested before the Schwab and Postgres
/// adapters are merged (tests only; production wiring is Adapters.cs).</summary>
internal sealed class StubTokens : IAccessTokenProvider
{
    public int RefreshCount { get; set; }

    public TimeSpan? RefreshTokenLifeLeft { get; set; } = TimeSpan.FromDays(5);

    public Exception? Failure { get; set; }

    public Task<string> GetAccessTokenAsync(CancellationToken cancellationToken) =>
        Failure is null ? Task.FromResult("access") : Task.FromException<string>(Failure);

    public Task<string> GetAccessTokenAfterRejectionAsync(string rejectedAccessToken, CancellationToken cancellationToken) =>
        GetAccessTokenAsync(cancellationToken);
}

/// <summary>Every minute of the previous session and of today's up to "to", with simple prices.</summary>
internal sealed class GeneratedMarketData : IMarketData
{
    public HashSet<string> Failing { get; } = [];

    public Task<IReadOnlyList<Candle>> FetchCandlesAsync(string ticker, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        if (Failing.Contains(ticker))
        {
            throw new MarketDataException($"pricehistory for {ticker} answered 503");
        }

        var candles = new List<Candle>();
        for (var start = from; start < to; start += Candle.Length)
        {
            var ny = TimeZoneInfo.ConvertTime(start, TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));
            if (ny.TimeOfDay >= new TimeSpan(9, 30, 0) && ny.TimeOfDay < new TimeSpan(16, 0, 0) && ny.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                candles.Add(new Candle(start, 100m, 101m, 99m, 100.5m, 1000));
            }
        }

        return Task.FromResult<IReadOnlyList<Candle>>(candles);
    }
}

/// <summary>Counts every bar of an upsert as written.</summary>
internal sealed class CountingStore : IBarStore
{
    public Dictionary<string, int> Upserts { get; } = [];

    public Task<WriteResult> UpsertAsync(string ticker, IReadOnlyList<IndicatedBar> bars, CancellationToken cancellationToken)
    {
        lock (Upserts)
        {
            Upserts[ticker] = bars.Count;
        }

        return Task.FromResult(new WriteResult(bars.Count, bars.Count));
    }
}
