using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace AlphaKite.Core.Files;

/// <summary>
/// What is wrong with a JSON document that failed to deserialize, in words a user can act on.
/// System.Text.Json's own messages name internal types and reader states ("could not be converted
/// to ...TokenFileJson", "isFinalBlock"); callers put this phrase after the document's name and
/// add the shape they expected.
/// </summary>
public static partial class JsonProblem
{
    /// <summary>A phrase such as "is empty", "is cut off (...)", "is not JSON (...)" or "has an array at the top level where ...".</summary>
    /// <param name="json">The document's text.</param>
    /// <param name="error">What the deserializer threw.</param>
    public static string Describe(string json, JsonException error)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Describe(Encoding.UTF8.GetBytes(json), error);
    }

    /// <inheritdoc cref="Describe(string, JsonException)"/>
    public static string Describe(byte[] bytes, JsonException error)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(error);
        if (bytes.All(b => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
        {
            return "is empty";
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException syntax)
        {
            return EndsEarly(bytes)
                ? "is cut off: it ends before the JSON does (an object, array or string is not closed)"
                : $"is not JSON: unexpected text at {Position(syntax)}";
        }

        using (document)
        {
            // Valid JSON the deserializer still refused: a member it does not know (the contexts that
            // disallow unmapped members; the runtime's text is the only sign), or a value of the wrong type.
            var path = error.Path ?? "$";
            if (error.Message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
            {
                var dot = path.LastIndexOf('.');
                var owner = dot > 0 ? path[..dot] : "$";
                return $"has a member \"{path[(dot + 1)..]}\" {(owner == "$" ? "at the top level" : $"in {owner.TrimStart('$').TrimStart('.')}")} that is not one of the expected fields";
            }

            var found = Find(document.RootElement, path) is { } value ? Kind(value) : "a value";
            return path == "$"
                ? $"holds {found} at the top level, which is the wrong type"
                : $"has {found} at {path.TrimStart('$').TrimStart('.')}, which is the wrong type";
        }
    }

    /// <summary>"a string", "an object", ...: how a user would name a JSON value's type.</summary>
    public static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Number => "a number",
        JsonValueKind.String => "a string",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "null",
    };

    private static string Position(JsonException e) => string.Create(CultureInfo.InvariantCulture,
        $"line {(e.LineNumber ?? 0) + 1}, column {(e.BytePositionInLine ?? 0) + 1}");

    // A reader that is told more may follow stops quietly at a truncated end, but still throws on bad text.
    private static bool EndsEarly(byte[] json)
    {
        var reader = new Utf8JsonReader(json, isFinalBlock: false, default);
        try
        {
            while (reader.Read())
            {
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static JsonElement? Find(JsonElement root, string path)
    {
        var current = root;
        foreach (Match step in PathStep().Matches(path))
        {
            if (step.Groups["name"].Success && current.ValueKind == JsonValueKind.Object
                && current.TryGetProperty(step.Groups["name"].Value, out var member))
            {
                current = member;
            }
            else if (step.Groups["index"].Success && current.ValueKind == JsonValueKind.Array
                && int.TryParse(step.Groups["index"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var i)
                && i < current.GetArrayLength())
            {
                current = current[i];
            }
            else
            {
                return null;
            }
        }

        return current;
    }

    [GeneratedRegex(@"\.(?<name>[^.\[]+)|\[(?<index>\d+)\]|\['(?<name>[^']*)'\]", RegexOptions.CultureInvariant)]
    private static partial Regex PathStep();
}
