using System.Text;
using System.Text.Json;

namespace AlphaKite.Aws.Json;

/// <summary>Reads an AWS JSON error body. AWS sends <c>{"__type":"ns#Code","Message":...}</c>, moto
/// sends a lowercase <c>message</c>, and a proxy in between may send HTML.</summary>
internal static class AwsErrorParser
{
    public static AwsServiceException Parse(byte[] body, int statusCode, string operation)
    {
        string? type = null, message = null;
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in json.RootElement.EnumerateObject())
                {
                    if (property.Value.ValueKind != JsonValueKind.String)
                    {
                        continue;
                    }

                    if (property.NameEquals("__type") || property.NameEquals("code"))
                    {
                        type ??= property.Value.GetString();
                    }
                    else if (property.Name.Equals("message", StringComparison.OrdinalIgnoreCase))
                    {
                        message ??= property.Value.GetString();
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON: fall through to the raw text.
        }

        type = StripNamespace(type) ?? $"Http{statusCode}";
        message ??= Excerpt(body);
        return new AwsServiceException(type, message, statusCode, operation);
    }

    private static string? StripNamespace(string? type)
    {
        if (string.IsNullOrEmpty(type))
        {
            return null;
        }

        // "com.amazonaws.secretsmanager#ResourceNotFoundException" and "...:http://internal..." forms.
        var hash = type.LastIndexOf('#');
        var code = hash >= 0 ? type[(hash + 1)..] : type;
        var colon = code.IndexOf(':', StringComparison.Ordinal);
        return colon >= 0 ? code[..colon] : code;
    }

    private static string Excerpt(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 300)).ReplaceLineEndings(" ").Trim();
        return text.Length == 0 ? "(empty body)" : text;
    }
}
