using AlphaKite.Core.Indicators;
using AlphaKite.Core.Market;
using AlphaKite.Core.Ports;

namespace AlphaKite.Tests.Ticks;

/// <summary>Serves scripted candles per ticker, filtered by the requested range like the API.</summary>
internal sealed class ScriptedMarketData : IMarketData
{
    public Dictionary<string, List<Candle>> Candles { get; } = [];

    public HashSet<string> Failing { get; } = [];

    public List<(string Ticker, DateTimeOffset From, DateTimeOffset To)> Requests { get; } = [];

    public Task<IReadOnlyList<Candle>> FetchCandlesAsync(string ticker, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        lock (Requests)
        {
            Requests.Add((ticker, from, to));
        }

        if (Failing.Contains(ticker))
        {
            throw new MarketDataException($"pricehistory for {ticker} failed: HTTP 500");
        }

        IReadOnlyList<Candle> result = Candles.GetValueOrDefault(ticker, []).Where(c => c.Start >= from && c.Start <= to).ToList();
        return Task.FromResult(result);
    }
}

/// <summary>Keeps the last upsert per ticker and counts rows like an idempotent store would.</summary>
internal sealed class RecordingStore : IBarStore
{
    public Dictionary<string, IReadOnlyList<IndicatedBar>> Upserts { get; } = [];

    public Task<WriteResult> UpsertAsync(string ticker, IReadOnlyList<IndicatedBar> bars, CancellationToken cancellationToken)
    {
        lock (Upserts)
        {
            Upserts[ticker] = bars;
        }

        return Task.FromResult(new WriteResult(bars.Count, bars.Count));
    }
}

internal sealed class CountingTokens : IAccessTokenProvider
{
    public int Calls { get; private set; }

    public int RefreshCount => 0;

    public TimeSpan? RefreshTokenLifeLeft => TimeSpan.FromDays(6);

    public Task<string> GetAccessTokenAsync(CancellationToken cancellationToken)
    {
        Calls++;
        return Task.FromResult("token");
    }

    public Task<string> GetAccessTokenAfterRejectionAsync(string rejectedAccessToken, CancellationToken cancellationToken) =>
        GetAccessTokenAsync(cancellationToken);
}

/// <summary>Writes every ticker at once except one, whose write waits until it is cancelled.</summary>
internal sealed class HangingStore(string hangingTicker) : IBarStore
{
    private readonly TaskCompletionSource _hanging = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _written;

    /// <summary>Completes when the hanging ticker's write has started.</summary>
    public Task Hanging => _hanging.Task;

    /// <summary>Writes of the other tickers that finished.</summary>
    public int Written => Volatile.Read(ref _written);

    public async Task<WriteResult> UpsertAsync(string ticker, IReadOnlyList<IndicatedBar> bars, CancellationToken cancellationToken)
    {
        if (ticker != hangingTicker)
        {
            Interlocked.Increment(ref _written);
            return new WriteResult(bars.Count, bars.Count);
        }

        _hanging.TrySetResult();
        await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        return WriteResult.None;
    }
}
