using System.Text.RegularExpressions;

namespace AlphaKite.Core.Market;

/// <summary>What a ticker symbol may look like (SPY, BRK.B, $SPX), wherever a user names one.</summary>
public static partial class TickerSymbols
{
    /// <summary>The most symbols one tick, command or invocation may name, everywhere (CLI, event,
    /// ALPHAKITE_TICKERS, Terraform): each costs one Schwab request per minute; the app budget is about 120.</summary>
    public const int MaxPerInvocation = 50;

    public const string Rule = "letters, digits, '.', '/' or '-', optionally after a leading '$', at most 12 characters";

    /// <summary>The upper-cased symbol, or null when it cannot be a symbol.</summary>
    public static string? Normalize(string? symbol)
    {
        var upper = symbol?.Trim().ToUpperInvariant();
        return upper is not null && Pattern().IsMatch(upper) ? upper : null;
    }

    /// <summary>The items of a comma-separated list (CLI --tickers, ALPHAKITE_TICKERS), trimmed, blanks dropped.</summary>
    public static string[] Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>The list's symbols, upper-cased and de-duplicated in the order given.</summary>
    /// <param name="invalid">Called with the index and text of each item that cannot be a symbol;
    /// throw from it to stop at the first, or collect them all. Such items are left out.</param>
    public static List<string> ParseList(IEnumerable<string?> items, Action<int, string?> invalid)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(invalid);
        var symbols = new List<string>();
        var index = 0;
        foreach (var item in items)
        {
            if (Normalize(item) is not { } symbol)
            {
                invalid(index, item);
            }
            else if (!symbols.Contains(symbol))
            {
                symbols.Add(symbol);
            }

            index++;
        }

        return symbols;
    }

    /// <summary>True when a list names more than <see cref="MaxPerInvocation"/> symbols.</summary>
    public static bool TooMany(IReadOnlyCollection<string> symbols)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        return symbols.Count > MaxPerInvocation;
    }

    [GeneratedRegex(@"^\$?[A-Z0-9][A-Z0-9./-]{0,11}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
