using System.Globalization;
using System.Text;

namespace AlphaKite.Lambda;

/// <summary>
/// JSON written the way Python's json.dumps writes it by default (", " and ": " separators,
/// non-ASCII as \uXXXX): the response contract is the original Python function's output, byte
/// for byte, and dashboards or scripts may compare it as text.
/// </summary>
public static class PythonJson
{
    /// <summary>An object; values may be string, int, long, bool, or a list of strings.</summary>
    public static string Object(params ReadOnlySpan<KeyValuePair<string, object>> members)
    {
        var text = new StringBuilder("{");
        var first = true;
        foreach (var (key, value) in members)
        {
            text.Append(first ? "" : ", ");
            first = false;
            AppendString(text, key);
            text.Append(": ");
            AppendValue(text, value);
        }

        return text.Append('}').ToString();
    }

    private static void AppendValue(StringBuilder text, object value)
    {
        switch (value)
        {
            case string s: AppendString(text, s); break;
            case bool b: text.Append(b ? "true" : "false"); break;
            case int i: text.Append(i.ToString(CultureInfo.InvariantCulture)); break;
            case long l: text.Append(l.ToString(CultureInfo.InvariantCulture)); break;
            case IEnumerable<string> list:
                text.Append('[');
                var first = true;
                foreach (var item in list)
                {
                    text.Append(first ? "" : ", ");
                    first = false;
                    AppendString(text, item);
                }

                text.Append(']');
                break;
            default: throw new ArgumentException($"PythonJson cannot write a {value.GetType().Name}.", nameof(value));
        }
    }

    private static void AppendString(StringBuilder text, string value)
    {
        text.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                case < ' ' or > '~': text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
                default: text.Append(c); break;
            }
        }

        text.Append('"');
    }
}
