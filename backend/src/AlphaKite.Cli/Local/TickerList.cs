using AlphaKite.Core.Market;

namespace AlphaKite.Cli.Local;

/// <summary>A comma-separated list of symbols, as typed by a user.</summary>
public static class TickerList
{
    public const string Default = "QQQ";

    /// <summary>Upper-cased, de-duplicated symbols in the order given.</summary>
    /// <exception cref="UsageException">Empty list, a symbol that cannot be one, or more than <see cref="TickerSymbols.MaxPerInvocation"/>.</exception>
    public static IReadOnlyList<string> Parse(string? text)
    {
        var items = TickerSymbols.Split(text ?? Default);
        if (items.Length == 0)
        {
            throw new UsageException("--tickers needs at least one symbol, e.g. --tickers QQQ,SPY");
        }

        var symbols = TickerSymbols.ParseList(items, (_, item) =>
            throw new UsageException($"'{item}' is not a ticker symbol ({TickerSymbols.Rule})"));
        return !TickerSymbols.TooMany(symbols)
            ? symbols
            : throw new UsageException(
                $"--tickers names {symbols.Count} symbols; at most {TickerSymbols.MaxPerInvocation} (each is a Schwab request every minute, about 120 allowed)");
    }
}
