using System.Collections.Concurrent;
using AlphaKite.Core.Calendar;
using AlphaKite.Core.Market;

namespace AlphaKite.Sandbox.Data;

/// <summary>
/// Deterministic synthetic 1-minute bars for any symbol: the same (symbol, date) gives the same
/// bars on every run and machine. Sessions are generated once and cached, because the demo asks
/// for the whole session every simulated minute.
/// </summary>
public sealed class SyntheticMarket : ICandleSource
{
    private readonly Func<DateOnly, TradingSession?> _sessions;
    private readonly IReadOnlySet<string> _illiquid;
    private readonly ConcurrentDictionary<(string Symbol, DateOnly Date), SyntheticDay?> _days = new();

    /// <param name="sessions">The regular session on a New York date, or null when the market is closed.</param>
    /// <param name="illiquidSymbols">Symbols that trade thinly: about a third of their minutes are missing.</param>
    public SyntheticMarket(Func<DateOnly, TradingSession?> sessions, IReadOnlySet<string>? illiquidSymbols = null)
    {
        _sessions = sessions ?? throw new ArgumentNullException(nameof(sessions));
        _illiquid = illiquidSymbols ?? new HashSet<string>(StringComparer.Ordinal);
    }

    /// <summary>
    /// The still-forming view of <paramref name="complete"/> at <paramref name="now"/>: the open, the
    /// close so far (moved pro rata towards the final close), high/low of those two, and the volume so far.
    /// </summary>
    public static Candle Forming(Candle complete, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(complete);
        var fraction = Math.Clamp((decimal)(now - complete.Start).Ticks / Candle.Length.Ticks, 0m, 1m);
        var close = Math.Round(complete.Open + ((complete.Close - complete.Open) * fraction), 2, MidpointRounding.AwayFromZero);
        return complete with
        {
            High = Math.Max(complete.Open, close),
            Low = Math.Min(complete.Open, close),
            Close = close,
            Volume = Math.Max(1L, (long)(complete.Volume * fraction)),
        };
    }

    public IReadOnlyList<Candle> Candles(string symbol, DateTimeOffset from, DateTimeOffset to, DateTimeOffset now, bool extendedHours)
    {
        var result = new List<Candle>();
        var last = to < now ? to : now;
        if (from > last)
        {
            return result;
        }

        for (var date = NewYork.Date(from); date <= NewYork.Date(last); date = date.AddDays(1))
        {
            if (Day(symbol, date) is not { } day)
            {
                continue;
            }

            foreach (var bar in extendedHours ? day.All : day.Regular)
            {
                if (bar.Start >= from && bar.Start <= to && bar.Start < now)
                {
                    result.Add(bar.End > now ? Forming(bar, now) : bar);
                }
            }
        }

        return result;
    }

    public (decimal Close, DateOnly Date)? PreviousClose(string symbol, DateTimeOffset before)
    {
        var date = NewYork.Date(before);
        for (var d = date.AddDays(-1); d >= date.AddDays(-14); d = d.AddDays(-1))
        {
            if (Day(symbol, d) is { Regular.Count: > 0 } day)
            {
                return (day.Regular[^1].Close, d);
            }
        }

        return null;
    }

    private SyntheticDay? Day(string symbol, DateOnly date) =>
        _days.GetOrAdd((symbol, date), key => _sessions(key.Date) is { } session
            ? SyntheticDay.Generate(key.Symbol, session, _illiquid.Contains(key.Symbol))
            : null);
}
