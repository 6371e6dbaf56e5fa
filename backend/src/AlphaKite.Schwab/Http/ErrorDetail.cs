using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace AlphaKite.Schwab.Http;

/// <summary>
/// Turns an error body into one short line for a message: Schwab's <c>errors[]</c> (status a
/// string or a number), OAuth's <c>error</c>/<c>error_description</c>, the quotes API's
/// <c>errors.invalidSymbols</c>, or the start of an HTML/plain-text body.
/// </summary>
internal static partial class ErrorDetail
{
    private const int MaxLength = 300;

    public static string Describe(HttpReply reply, params string?[] secrets) => Truncate(Redacted(reply, secrets));

    /// <summary>
    /// <see cref="Describe"/> for the token endpoint, whose error texts name the token in brackets
    /// (real Schwab: <c>[tokenDigest=...]</c>; others have sent the token's first characters): every
    /// bracketed fragment is dropped too, whatever it holds.
    /// </summary>
    public static string DescribeTokenError(HttpReply reply, string secret) =>
        Truncate(Bracketed().Replace(Redacted(reply, [secret]), Mask));

    /// <summary>
    /// Replaces every echo of <paramref name="secret"/> in <paramref name="text"/>: the whole token,
    /// raw or JSON-escaped, and any run of at least <see cref="MinEchoLength"/> of its first characters.
    /// </summary>
    public static string RedactEcho(string text, string secret)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(secret);
        // Whole echoes first, escaped forms included, then whatever run of the first characters is left.
        string[] forms = [JsonEncodedText.Encode(secret).ToString(), secret.Replace("/", "\\/", StringComparison.Ordinal), secret];
        foreach (var form in forms.Distinct().OrderByDescending(f => f.Length))
        {
            text = text.Replace(form, Mask, StringComparison.Ordinal);
        }

        return RedactPrefixes(text, secret);
    }

    private const string Mask = "[redacted]";

    private static string Redacted(HttpReply reply, string?[] secrets)
    {
        ArgumentNullException.ThrowIfNull(reply);
        ArgumentNullException.ThrowIfNull(secrets);
        var text = reply.LooksLikeJson ? FromJson(reply.Body) : null;
        text ??= FromText(reply);
        foreach (var secret in secrets.Concat(reply.Secrets))
        {
            if (!string.IsNullOrEmpty(secret))
            {
                text = RedactEcho(text, secret);
            }
        }

        return text;
    }

    private static string Truncate(string text) => text.Length <= MaxLength ? text : text[..MaxLength] + "...";

    /// <summary>Shorter echoes than this are indistinguishable from ordinary text.</summary>
    private const int MinEchoLength = 4;

    private static string RedactPrefixes(string text, string secret)
    {
        if (secret.Length < MinEchoLength)
        {
            return text;
        }

        var head = secret[..MinEchoLength];
        var result = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var at = text.IndexOf(head, i, StringComparison.Ordinal);
            if (at < 0)
            {
                break;
            }

            var length = MinEchoLength;
            while (at + length < text.Length && length < secret.Length && text[at + length] == secret[length])
            {
                length++;
            }

            result.Append(text, i, at - i).Append(Mask);
            i = at + length;
        }

        return result.Append(text, i, text.Length - i).ToString();
    }

    /// <summary>OAuth's <c>error</c> code, if the body is an OAuth error.</summary>
    public static (string? Error, string? Description) OAuthError(HttpReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (!reply.LooksLikeJson)
        {
            return (null, null);
        }

        try
        {
            using var doc = JsonDocument.Parse(reply.Body);
            var root = doc.RootElement;
            return root.ValueKind == JsonValueKind.Object
                ? (Text(root, "error"), Text(root, "error_description") ?? Text(root, "message"))
                : (null, null);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private static string? FromJson(byte[] body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            if (root.TryGetProperty("errors", out var errors))
            {
                return errors.ValueKind switch
                {
                    JsonValueKind.Array => string.Join("; ", errors.EnumerateArray().Select(OneError)),
                    JsonValueKind.Object when errors.TryGetProperty("invalidSymbols", out var bad) && bad.ValueKind == JsonValueKind.Array =>
                        "invalid symbols: " + string.Join(", ", bad.EnumerateArray().Select(s => s.ToString())),
                    _ => errors.GetRawText(),
                };
            }

            var error = Text(root, "error");
            var description = Text(root, "error_description") ?? Text(root, "message");
            return error is null && description is null
                ? null
                : string.Join(": ", new[] { error, description }.Where(s => s is not null));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string OneError(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            return e.ToString();
        }

        // status is "404" on some errors and 401 on others.
        var status = e.TryGetProperty("status", out var s) ? s.ToString() : null;
        var parts = new[] { status, Text(e, "title"), Text(e, "detail") }.Where(p => !string.IsNullOrEmpty(p));
        return string.Join(" ", parts);
    }

    private static string FromText(HttpReply reply)
    {
        var text = Encoding.UTF8.GetString(reply.Body, 0, Math.Min(reply.Body.Length, 4096));
        text = Tags().Replace(text, " ");
        text = Spaces().Replace(text, " ").Trim();
        var kind = reply.MediaType ?? "unknown type";
        return text.Length == 0
            ? string.Create(CultureInfo.InvariantCulture, $"empty {kind} body")
            : $"non-JSON {kind} body: '{text}'";
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.String or JsonValueKind.Number ? v.ToString() : null;

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\[[^\[\]]{1,200}\]")]
    private static partial Regex Bracketed();
}
