using System.Text.RegularExpressions;

namespace AlphaKite.Aws.Logging;

/// <summary>
/// The last guard before a line leaves the process: fields named like secrets are dropped, and
/// anything in free text that looks like a credential (bearer tokens, JWTs, passwords in URLs or
/// connection strings, long opaque tokens) is replaced. Callers must still not log secrets; this
/// catches the accidents (an exception message quoting a connection string, say).
/// </summary>
public static partial class LogRedactor
{
    public const string Mask = "[redacted]";

    /// <summary>True for field names whose values are secrets whatever they look like.</summary>
    public static bool IsSensitiveKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var k = key.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();
        return k.Contains("password", StringComparison.Ordinal) || k.Contains("secret", StringComparison.Ordinal)
            || k.Contains("connectionstring", StringComparison.Ordinal) || k.Contains("databaseurl", StringComparison.Ordinal)
            || k.Contains("authorization", StringComparison.Ordinal) || k.Contains("credential", StringComparison.Ordinal)
            || k.EndsWith("token", StringComparison.Ordinal) || k.EndsWith("appkey", StringComparison.Ordinal) || k == "pwd";
    }

    public static string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = UrlPassword().Replace(text, "$1" + Mask + "@");
        text = KeyValueSecret().Replace(text, "$1$2" + Mask);
        text = AuthScheme().Replace(text, "$1 " + Mask);
        text = Jwt().Replace(text, Mask);
        return OpaqueToken().Replace(text, Mask);
    }

    // scheme://user:password@host
    [GeneratedRegex(@"([a-z][a-z0-9+.-]*://[^:/@\s]+:)[^@\s]+@", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UrlPassword();

    // Password=...; "refresh_token": "..."; client_secret=...
    [GeneratedRegex(@"\b((?:password|pwd|passwd|secret|client_secret|app_secret|access_token|refresh_token|id_token|token|api_key|apikey|secretstring)""?)(\s*[=:]\s*""?)[^\s;,""&]+",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex KeyValueSecret();

    [GeneratedRegex(@"\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=@-]{8,}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AuthScheme();

    [GeneratedRegex(@"eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*", RegexOptions.CultureInvariant)]
    private static partial Regex Jwt();

    // 40+ characters of token alphabet with both letters and digits (Schwab tokens, AWS session
    // tokens, base64 keys). Paths, ARNs and sentences break on '/', ':' or spaces and survive.
    [GeneratedRegex(@"(?<![A-Za-z0-9+=_.@-])(?=[A-Za-z0-9+=_.@-]*[0-9])(?=[A-Za-z0-9+=_.@-]*[A-Za-z])[A-Za-z0-9+=_.@-]{40,}", RegexOptions.CultureInvariant)]
    private static partial Regex OpaqueToken();
}
