using System.Globalization;

namespace AlphaKite.Cli;

/// <summary>A command line's options: <c>--name value</c>, <c>--name=value</c> and bare <c>--flag</c>.</summary>
public sealed class CliArgs
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public CliArgs(IEnumerable<string> args, IReadOnlySet<string> flags)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(flags);
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var arg = e.Current;
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                throw new UsageException($"unexpected argument '{arg}'");
            }

            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                _options[arg[2..eq]] = arg[(eq + 1)..];
            }
            else if (flags.Contains(arg[2..]))
            {
                _options[arg[2..]] = null;
            }
            else if (e.MoveNext())
            {
                _options[arg[2..]] = e.Current;
            }
            else
            {
                throw new UsageException($"option '{arg}' needs a value");
            }
        }
    }

    public bool Flag(string name)
    {
        _read.Add(name);
        return _options.ContainsKey(name);
    }

    public string? Text(string name)
    {
        _read.Add(name);
        return _options.GetValueOrDefault(name);
    }

    public string Required(string name) => Text(name) ?? throw new UsageException($"--{name} is required");

    public DateOnly? Date(string name)
    {
        var text = Text(name);
        if (text is null)
        {
            return null;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new UsageException($"--{name} must be a date like 2026-11-20, got '{text}'");
    }

    public int? Int(string name, int min, int max)
    {
        var text = Text(name);
        if (text is null)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new UsageException($"--{name} must be a whole number from {min} to {max}, got '{text}'");
    }

    public double? Double(string name, double min)
    {
        var text = Text(name);
        if (text is null)
        {
            return null;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min
            ? value
            : throw new UsageException($"--{name} must be a number of at least {min}, got '{text}'");
    }

    /// <summary>Call after reading every option: an option nobody asked for is a typo.</summary>
    public void RejectUnknown()
    {
        var unknown = _options.Keys.Where(k => !_read.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new UsageException($"unknown option '--{unknown[0]}'");
        }
    }
}

/// <summary>The command line is wrong: exit 2 with the message and the command's usage.</summary>
public sealed class UsageException(string message) : Exception(message);
