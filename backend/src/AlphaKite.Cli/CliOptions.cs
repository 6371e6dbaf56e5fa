using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace AlphaKite.Cli;

/// <summary>The kinds of option `alphakite` commands take, declared for System.CommandLine. A bad
/// value is a parse error in our words (exit 2) before the command runs.</summary>
public static class CliOptions
{
    /// <summary><c>--name VALUE</c> or <c>--name=VALUE</c>; null when absent.</summary>
    public static Option<string?> Text(string name, string helpName, string description) => new(name)
    {
        HelpName = helpName,
        Description = description,
    };

    /// <summary><c>--name</c>, <c>--name=true</c> or <c>--name=false</c>.</summary>
    public static Option<bool> Flag(string name, string description) => new(name)
    {
        Description = description,
        Arity = ArgumentArity.ZeroOrOne,
        CustomParser = r =>
        {
            if (r.Tokens.Count == 0)
            {
                return true;
            }

            var text = r.Tokens[0].Value;
            if (bool.TryParse(text, out var value))
            {
                return value;
            }

            r.AddError($"{name} takes no value, or true or false; got '{text}'");
            return false;
        },
    };

    /// <summary>A New York date, YYYY-MM-DD.</summary>
    public static Option<DateOnly?> Date(string name, string description) => new(name)
    {
        HelpName = "YYYY-MM-DD",
        Description = description,
        CustomParser = r => Parse(r, text =>
            DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? date
                : (DateOnly?)null,
            $"{name} must be a date like 2026-11-20"),
    };

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static Option<int?> Int(string name, string helpName, string description, int min, int max) => new(name)
    {
        HelpName = helpName,
        Description = description,
        CustomParser = r => Parse(r, text =>
            int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
                ? value
                : (int?)null,
            $"{name} must be a whole number from {min} to {max}"),
    };

    /// <summary>A number of at least <paramref name="min"/>.</summary>
    public static Option<double?> Double(string name, string helpName, string description, double min) => new(name)
    {
        HelpName = helpName,
        Description = description,
        CustomParser = r => Parse(r, text =>
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && value >= min
                ? value
                : (double?)null,
            string.Create(CultureInfo.InvariantCulture, $"{name} must be a number of at least {min}")),
    };

    private static T? Parse<T>(ArgumentResult result, Func<string, T?> parse, string rule)
        where T : struct
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (parse(text) is { } value)
        {
            return value;
        }

        result.AddError($"{rule}, got '{text}'");
        return null;
    }
}
