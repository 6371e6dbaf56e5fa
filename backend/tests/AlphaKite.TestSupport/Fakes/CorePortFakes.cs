using AlphaKite.Core.Calendar;
using AlphaKite.Core.Indicators;
using AlphaKite.Core.Market;
using AlphaKite.Core.Ports;

namespace AlphaKite.TestSupport;

// In-memory fakes of the Core ports for the tick, backfill and handler tests (MemoryTokenStore is the
// token store's). Production wiring is the Lambda's Adapters and the CLI's commands.

/// <summary>Serves scripted candles per ticker, filtered by the requested range like the API.</summary>
public sealed class ScriptedMarketData : IMarketData
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

/// <summary>Every regular-hours weekday minute in the requested range, with simple prices.</summary>
public sealed class GeneratedMarketData : IMarketData
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
            var ny = NewYork.Time(start);
            if (ny.TimeOfDay >= new TimeSpan(9, 30, 0) && ny.TimeOfDay < new TimeSpan(16, 0, 0) && ny.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                candles.Add(new Candle(start, 100m, 101m, 99m, 100.5m, 1000));
            }
        }

        return Task.FromResult<IReadOnlyList<Candle>>(candles);
    }
}

/// <summary>Keeps the last upsert per ticker and counts rows like an idempotent store would.</summary>
public sealed class RecordingStore : IBarStore
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

/// <summary>Writes every ticker at once except one, whose write waits until it is cancelled.</summary>
public sealed class HangingStore(string hangingTicker) : IBarStore
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

/// <summary>Hands out an access token and counts the calls; fails with <see cref="Failure"/> when set.</summary>
public sealed class CountingTokens : IAccessTokenProvider
{
    public int Calls { get; private set; }

    public int RefreshCount { get; set; }

    public TimeSpan? RefreshTokenLifeLeft { get; set; } = TimeSpan.FromDays(5);

    public Exception? Failure { get; set; }

    public Task<string> GetAccessTokenAsync(CancellationToken cancellationToken)
    {
        Calls++;
        return Failure is null ? Task.FromResult("access") : Task.FromException<string>(Failure);
    }

    public Task<string> GetAccessTokenAfterRejectionAsync(string rejectedAccessToken, CancellationToken cancellationToken) =>
        GetAccessTokenAsync(cancellationToken);
}

/// <summary>Schwab's market hours, scripted: <see cref="Sessions"/> per date, otherwise <see cref="Otherwise"/>
/// (the NYSE calendar unless set); records every date asked and can fail or hang until cancelled.</summary>
public sealed class ScriptedMarketHours : IMarketHours
{
    public Dictionary<DateOnly, TradingSession?> Sessions { get; } = [];

    public Func<DateOnly, TradingSession?> Otherwise { get; set; } = new NyseCalendar().SessionOn;

    public Exception? Failure { get; set; }

    public bool Hang { get; set; }

    /// <summary>Completes when the first question arrives.</summary>
    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public List<DateOnly> Asked { get; } = [];

    public async Task<TradingSession?> FetchEquitySessionAsync(DateOnly date, CancellationToken cancellationToken)
    {
        lock (Asked)
        {
            Asked.Add(date);
        }

        Started.TrySetResult();
        if (Hang)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        return Failure is null ? (Sessions.TryGetValue(date, out var session) ? session : Otherwise(date)) : throw Failure;
    }
}
