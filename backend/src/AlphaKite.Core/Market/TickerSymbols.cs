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

    [GeneratedRegex(@"^\$?[A-Z0-9][A-Z0-9./-]{0,11}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
