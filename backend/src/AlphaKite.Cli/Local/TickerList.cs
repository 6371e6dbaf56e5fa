using System.Text.RegularExpressions;

namespace AlphaKite.Cli.Local;

/// <summary>A comma-separated list of symbols, as typed by a user.</summary>
public static partial class TickerList
{
    public const string Default = "QQQ";

    /// <summary>Upper-cased, de-duplicated symbols in the order given.</summary>
    /// <exception cref="UsageException">Empty list or a symbol that cannot be one.</exception>
    public static IReadOnlyList<string> Parse(string? text)
    {
        var symbols = (text ?? Default).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => s.ToUpperInvariant())
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (symbols.Count == 0)
        {
            throw new UsageException("--tickers needs at least one symbol, e.g. --tickers QQQ,SPY");
        }

        var bad = symbols.FirstOrDefault(s => !Symbol().IsMatch(s));
        return bad is null
            ? symbols
            : throw new UsageException($"'{bad}' is not a ticker symbol (letters, digits, '.', '-' or '/', up to 10 characters, starting with a letter)");
    }

    [GeneratedRegex("^[A-Z][A-Z0-9./-]{0,9}$", RegexOptions.CultureInvariant)]
    private static partial Regex Symbol();
}
