namespace AlphaKite.Schwab.OAuth;

/// <summary>Reads the authorization code out of the URL Schwab redirected the browser to
/// (<c>{callback}?code=...%40&amp;session=...&amp;state=...</c>).</summary>
public static class AuthorizationRedirect
{
    /// <summary>The code, URL-decoded exactly once (a code ends in <c>%40</c>, which must reach the token endpoint as '@').</summary>
    /// <param name="redirectedUrl">What the browser's address bar showed after the login.</param>
    /// <param name="callbackUrl">The registered callback URL; the redirected URL must start with it.</param>
    /// <param name="expectedState">The state sent in the authorize URL; a redirect without it or with another is refused.</param>
    /// <exception cref="SchwabAuthException">The URL is not this login's redirect. The message never contains the code.</exception>
    public static string ExtractCode(string redirectedUrl, string callbackUrl, string? expectedState)
    {
        ArgumentNullException.ThrowIfNull(callbackUrl);
        var url = (redirectedUrl ?? string.Empty).Trim();
        var q = url.IndexOf('?', StringComparison.Ordinal);
        var withoutQuery = q < 0 ? url : url[..q];
        if (!url.StartsWith(callbackUrl.TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
        {
            throw new SchwabAuthException(
                $"The redirected URL '{withoutQuery}' does not start with the callback URL '{callbackUrl}'. Paste the whole " +
                "address your browser shows after the Schwab login, or set --callback / SCHWAB_CALLBACK_URL to the app's registered callback.");
        }

        var query = Query(q < 0 ? string.Empty : url[(q + 1)..]);
        if (query.TryGetValue("error", out var error))
        {
            throw new SchwabAuthException($"Schwab redirected with error '{error}' instead of a code: the login was cancelled or refused. Run `alphakite auth` again.");
        }

        if (expectedState is not null && (!query.TryGetValue("state", out var state) || state != expectedState))
        {
            throw new SchwabAuthException(state is null
                ? "The redirected URL has no 'state' parameter, so it cannot be checked as this login's redirect. Paste the whole address the browser shows after the login, including everything after '?'."
                : "The redirected URL belongs to a different login attempt (its state does not match). Run `alphakite auth` again and paste the URL of this attempt.");
        }

        return query.TryGetValue("code", out var code) && code.Length > 0
            ? code
            : throw new SchwabAuthException($"The redirected URL '{withoutQuery}' has no 'code' parameter. Paste the whole address, including everything after '?'.");
    }

    /// <summary>The redirected URL's <c>state</c> parameter, or null.</summary>
    public static string? StateOf(string redirectedUrl)
    {
        var url = (redirectedUrl ?? string.Empty).Trim();
        var q = url.IndexOf('?', StringComparison.Ordinal);
        return Query(q < 0 ? string.Empty : url[(q + 1)..]).GetValueOrDefault("state");
    }

    private static Dictionary<string, string> Query(string query)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? pair : pair[..eq];
            var value = eq < 0 ? string.Empty : pair[(eq + 1)..];
            // Exactly one decoding: "%40" becomes "@"; a second pass would corrupt any literal '%'.
            result.TryAdd(Uri.UnescapeDataString(name), Uri.UnescapeDataString(value));
        }

        return result;
    }
}
