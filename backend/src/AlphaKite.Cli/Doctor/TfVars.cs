using System.Globalization;
using System.Text;

namespace AlphaKite.Cli.Doctor;

/// <summary>
/// infrastructure/terraform.tfvars as we document it: <c>name = value</c> lines whose values are
/// strings, numbers, true/false, null or lists of strings (a list may span lines), with <c>#</c>,
/// <c>//</c> and <c>/* */</c> comments. Anything else (maps, heredocs, expressions) is refused with
/// the line number rather than guessed at.
/// </summary>
public sealed class TfVars
{
    private readonly Dictionary<string, object?> _values;

    private TfVars(Dictionary<string, object?> values) => _values = values;

    public static TfVars Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new TfVarsException($"there is no {path}. Fix: copy terraform.tfvars.example to infrastructure/terraform.tfvars and fill it in, or pass --tfvars PATH");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TfVarsException($"cannot read {path}: {e.Message}");
        }

        return Parse(text, path);
    }

    public static TfVars Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new TfVars(new Reader(text, source).ReadAll());
    }

    public bool Has(string name) => _values.ContainsKey(name);

    /// <summary>A string variable, or <paramref name="fallback"/> when it is absent or null (Terraform's default applies).</summary>
    public string Text(string name, string fallback) => _values.GetValueOrDefault(name) switch
    {
        null => fallback,
        string s => s,
        _ => throw new TfVarsException($"{name} in terraform.tfvars must be a string"),
    };

    /// <summary>A list of strings, or <paramref name="fallback"/> when absent or null.</summary>
    public IReadOnlyList<string> List(string name, IReadOnlyList<string> fallback) => _values.GetValueOrDefault(name) switch
    {
        null => fallback,
        List<string> list => list,
        _ => throw new TfVarsException($"{name} in terraform.tfvars must be a list of strings, e.g. [\"SPY\"]"),
    };

    /// <summary>The value as read: string, decimal, bool, List&lt;string&gt; or null.</summary>
    public object? this[string name] => _values.GetValueOrDefault(name);

    private sealed class Reader(string text, string source)
    {
        private int _at;
        private int _line = 1;

        public Dictionary<string, object?> ReadAll()
        {
            var values = new Dictionary<string, object?>(StringComparer.Ordinal);
            while (true)
            {
                SkipBlank(newlines: true);
                if (_at >= text.Length)
                {
                    return values;
                }

                var line = _line;
                var name = Identifier();
                SkipBlank(newlines: false);
                Expect('=', $"'=' after {name}");
                SkipBlank(newlines: false);
                var value = Value(name);
                SkipBlank(newlines: false);
                if (_at < text.Length && text[_at] != '\n')
                {
                    throw Error($"unexpected '{text[_at]}' after the value of {name}");
                }

                if (!values.TryAdd(name, value))
                {
                    throw new TfVarsException($"{source} line {line}: {name} is set twice");
                }
            }
        }

        private object? Value(string name)
        {
            if (_at >= text.Length)
            {
                throw Error($"{name} has no value");
            }

            var c = text[_at];
            if (c == '"')
            {
                return QuotedString();
            }

            if (c == '[')
            {
                return StringList(name);
            }

            var start = _at;
            while (_at < text.Length && (char.IsLetterOrDigit(text[_at]) || text[_at] is '.' or '-' or '+' or '_'))
            {
                _at++;
            }

            var word = text[start.._at];
            return word switch
            {
                "true" => true,
                "false" => false,
                "null" => null,
                _ when decimal.TryParse(word, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => number,
                _ => throw Unsupported(name),
            };
        }

        private List<string> StringList(string name)
        {
            _at++;
            var items = new List<string>();
            while (true)
            {
                SkipBlank(newlines: true);
                if (_at >= text.Length)
                {
                    throw Error($"the list of {name} has no closing ']'");
                }

                if (text[_at] == ']')
                {
                    _at++;
                    return items;
                }

                if (text[_at] != '"')
                {
                    throw Unsupported(name);
                }

                items.Add(QuotedString());
                SkipBlank(newlines: true);
                if (_at < text.Length && text[_at] == ',')
                {
                    _at++;
                }
                else if (_at < text.Length && text[_at] != ']')
                {
                    throw Error($"expected ',' or ']' in the list of {name}");
                }
            }
        }

        private string QuotedString()
        {
            _at++;
            var value = new StringBuilder();
            while (_at < text.Length && text[_at] != '"')
            {
                var c = text[_at++];
                if (c == '\n')
                {
                    throw Error("a string is not closed on its line");
                }

                if (c == '$' && _at < text.Length && text[_at] == '{')
                {
                    throw Error("\"${...}\" interpolation is not supported here: write the value itself");
                }

                if (c == '\\' && _at < text.Length)
                {
                    var escaped = text[_at++];
                    value.Append(escaped switch
                    {
                        'n' => '\n',
                        't' => '\t',
                        'r' => '\r',
                        _ => escaped,
                    });
                    continue;
                }

                value.Append(c);
            }

            Expect('"', "a closing '\"'");
            return value.ToString();
        }

        private string Identifier()
        {
            var start = _at;
            while (_at < text.Length && (char.IsLetterOrDigit(text[_at]) || text[_at] is '_' or '-'))
            {
                _at++;
            }

            return _at > start ? text[start.._at] : throw Error($"expected a variable name, found '{text[_at]}'");
        }

        private void SkipBlank(bool newlines)
        {
            while (_at < text.Length)
            {
                var c = text[_at];
                if (c == '\n' && newlines)
                {
                    _line++;
                    _at++;
                }
                else if (c is ' ' or '\t' or '\r')
                {
                    _at++;
                }
                else if (c == '#' || (c == '/' && Next('/')))
                {
                    while (_at < text.Length && text[_at] != '\n')
                    {
                        _at++;
                    }
                }
                else if (c == '/' && Next('*'))
                {
                    var end = text.IndexOf("*/", _at + 2, StringComparison.Ordinal);
                    if (end < 0)
                    {
                        throw Error("a /* comment is not closed");
                    }

                    _line += text.AsSpan(_at, end - _at).Count('\n');
                    _at = end + 2;
                }
                else
                {
                    return;
                }
            }
        }

        private bool Next(char c) => _at + 1 < text.Length && text[_at + 1] == c;

        private void Expect(char c, string what)
        {
            if (_at >= text.Length || text[_at] != c)
            {
                throw Error($"expected {what}");
            }

            _at++;
        }

        private TfVarsException Unsupported(string name) => Error(
            $"cannot read the value of {name}: alphakite doctor reads strings, numbers, true/false, null and lists of strings " +
            "(maps, heredocs and expressions are not supported)");

        private TfVarsException Error(string message) => new($"{source} line {_line}: {message}");
    }
}

/// <summary>terraform.tfvars is missing or holds something <see cref="TfVars"/> cannot read.</summary>
public sealed class TfVarsException(string message) : Exception(message);
